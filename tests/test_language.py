"""Language identification counts letters one way or another: the counts must be the plain ones; the detector's
letters and words come from rules/language.yaml, whose examples it must judge right."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.ingest.language import _letter_counts, detect_language, judge_language, vietnamese_letters
from pipeline.rules.loader import LANGUAGE_FILE, RuleFileError, language_signs, load_language_signs, rules_root


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aăâđêôơưàáảãạếệÀẠĐ bc xyz_0123456789²٣,.;-\n\t") + ["\u0301", "ß"])))
def test_letter_counts_are_what_findall_counts(text):
    letters = vietnamese_letters()
    assert _letter_counts(text) == (len(re.findall(r"[^\W\d_]", text)), sum(c in letters for c in text))


def test_a_text_too_short_to_tell_takes_the_default():
    assert judge_language("A.") is None
    assert detect_language("A.", default="en") == "en"
    assert detect_language("Hội nghị Bộ trưởng Môi trường") == "vi"
    assert detect_language("The meeting was held in Vientiane", default="vi") == "en"


@pytest.mark.parametrize("text", language_signs().vietnamese_examples)
def test_language_vietnamese_examples(text):
    assert judge_language(text) == "vi"


@pytest.mark.parametrize("text", language_signs().english_examples)
def test_language_english_examples(text):
    assert judge_language(text) == "en"


def test_language_short_english_needs_a_function_word():
    assert judge_language("Held in Hanoi") == "en"
    assert judge_language("Hanoi Vientiane") is None  # 14 letters, no Vietnamese letter, no English word


def test_language_every_letter_of_the_file_and_its_capital_is_vietnamese():
    for letter in language_signs().vietnamese_letters:
        assert {letter, letter.upper()} <= vietnamese_letters()
    assert {"ế", "Ệ", "ừ", "ỹ"} <= vietnamese_letters()
    assert not {"ç", "a", "ü", "ø"} & vietnamese_letters()


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("vietnamese_letters: [ă,", "vietnamese_letters: [Ă,", ["'vietnamese_letters'", "lower case"]),
        ('  sắc: "\\u0301"\n', '  sắc: "s"\n', ["'tone_marks'", "combining"]),
        ("    lang: en\n", "    lang: vi\n", ["en.language.function_words", "'lang'"]),
        ("    words: [the,", "    pattern: 'the'\n    words: [the,", ["en.language.function_words", "'pattern'"]),
    ],
    ids=["capital-letter", "not-a-mark", "not-english", "a-pattern"],
)
def test_language_mistake_is_named(tmp_path: Path, old, new, expected):
    target = tmp_path / LANGUAGE_FILE
    shutil.copyfile(str(rules_root().joinpath(LANGUAGE_FILE)), target)
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RuleFileError) as raised:
        load_language_signs(tmp_path)
    for fragment in ["rules/language.yaml", *expected]:
        assert fragment in str(raised.value)
