"""Language identification counts letters one way or another: the counts must be the plain ones."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.ingest.language import _VIETNAMESE_LETTERS, _letter_counts, detect_language, judge_language


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aăâđêôơưàáảãạếệÀẠĐ bc xyz_0123456789²٣,.;-\n\t") + ["\u0301", "ß"])))
def test_letter_counts_are_what_findall_counts(text):
    assert _letter_counts(text) == (len(re.findall(r"[^\W\d_]", text)), sum(c in _VIETNAMESE_LETTERS for c in text))


def test_a_text_too_short_to_tell_takes_the_default():
    assert judge_language("A.") is None
    assert detect_language("A.", default="en") == "en"
    assert detect_language("Hội nghị Bộ trưởng Môi trường") == "vi"
    assert detect_language("The meeting was held in Vientiane", default="vi") == "en"
