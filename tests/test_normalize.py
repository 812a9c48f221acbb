import re
import unicodedata

import ftfy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.ingest.normalize import normalize_text, repair_mojibake

VI_SENTENCE = "Hội nghị về hòa bình, thủy lợi và sức khỏe tại Đà Nẵng"

CASES = [
    # (id, raw, expected)
    ("plain text unchanged", VI_SENTENCE, VI_SENTENCE),
    ("english unchanged", "ASEAN Working Group on Climate Change", "ASEAN Working Group on Climate Change"),
    ("NFD to NFC", unicodedata.normalize("NFD", VI_SENTENCE), VI_SENTENCE),
    ("tone oa", "hoà bình", "hòa bình"),
    ("tone oe", "sức khoẻ", "sức khỏe"),
    ("tone uy", "thuỷ lợi", "thủy lợi"),
    ("tone uy title case", "Thuỵ Điển", "Thụy Điển"),
    ("tone upper case", "HOÀ BÌNH", "HÒA BÌNH"),
    ("tone ủy ban", "Uỷ ban", "Ủy ban"),
    ("tone decomposed old style", unicodedata.normalize("NFD", "hoá chất"), "hóa chất"),
    ("tone closed syllable untouched", "toàn cầu, hoàng hôn, quý, quả", "toàn cầu, hoàng hôn, quý, quả"),
    ("tone inside longer word untouched", "hoàhoà", "hoàhoà"),
    ("eth to đ", "Ðà Nẵng", "Đà Nẵng"),
    ("zero width removed", "môi\u200b trường\u200c\u200d\u2060\ufeff", "môi trường"),
    ("zero width between letter and mark", "a\u200b\u0301", "á"),
    ("nbsp to space", "ASEAN\u00a0Secretariat", "ASEAN Secretariat"),
    ("other unicode spaces", "a\u2002b\u2009c\u202fd\u3000e", "a b c d e"),
    ("crlf", "một\r\nhai", "một\nhai"),
    ("lone cr", "một\rhai", "một\nhai"),
    ("paragraph separator", "một\u2029hai", "một\n\nhai"),
    ("space run", "môi    trường", "môi trường"),
    ("tab run", "môi\t\t trường", "môi trường"),
    ("trailing spaces per line", "một   \nhai\t\n", "một\nhai"),
    ("one blank line kept", "đoạn một\n\nđoạn hai", "đoạn một\n\nđoạn hai"),
    ("many blank lines collapsed", "đoạn một\n\n\n\n\nđoạn hai", "đoạn một\n\nđoạn hai"),
    ("whitespace-only lines are blank", "đoạn một\n  \n\t\n \nđoạn hai", "đoạn một\n\nđoạn hai"),
    ("crlf blank lines", "đoạn một\r\n\r\n\r\n\r\nđoạn hai", "đoạn một\n\nđoạn hai"),
    ("outer blank lines dropped", "\n\n\ntiêu đề\n\n", "tiêu đề"),
    ("mojibake utf8 as cp1252", "Há»™i nghá»‹", "Hội nghị"),
    ("mojibake whole sentence latin-1", VI_SENTENCE.encode().decode("latin-1"), VI_SENTENCE),
    ("mojibake with nbsp", "HÃ\u00a0 Ná»™i", "Hà Nội"),
    ("mojibake english", "cafÃ© â€œquotedâ€\x9d", "café “quoted”"),
    ("real Ã not mojibake", "NGÃ BA KỸ NĂNG", "NGÃ BA KỸ NĂNG"),
    ("real accents not mojibake", "naïve café Zürich", "naïve café Zürich"),
    ("empty", "", ""),
    ("only whitespace", " \t\n\r\n\u00a0\u200b", ""),
]


@pytest.mark.parametrize(("raw", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_normalize_text(raw, expected):
    assert normalize_text(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_normalize_text_is_idempotent_on_cases(raw, expected):
    assert normalize_text(expected) == expected


def test_paragraph_structure_preserved():
    raw = "Tiêu đề\r\n\r\nĐoạn một,\r\ndòng hai.\r\n\r\n\r\n\r\nĐoạn hai."
    assert normalize_text(raw).split("\n\n") == ["Tiêu đề", "Đoạn một,\ndòng hai.", "Đoạn hai."]


def test_repair_mojibake_leaves_clean_text_alone():
    assert repair_mojibake(VI_SENTENCE) == VI_SENTENCE


# The canonical placement must be underthesea's: check against its own normaliser.
@pytest.mark.parametrize(
    "word", ["hoà", "hoá", "hoả", "hoạ", "khoẻ", "xoè", "thuỷ", "tuỳ", "luỹ", "huỷ", "Hoà"]
)
def test_tone_placement_matches_underthesea(word):
    from underthesea import text_normalize

    assert normalize_text(word) == text_normalize(word)


_ALPHABET = st.one_of(
    st.characters(),
    st.sampled_from(
        list("\r\n\t \u00a0\u200b\u200d\ufeff\u2028\u2029\u0300\u0301\u0309\u0323ÃÂ»â€™¦©Ä‘™ð")
        + ["hoà", "thuỷ", "khoẻ", "Há»™i", "\r\n"]
    ),
)
_TEXT = st.lists(_ALPHABET, max_size=60).map("".join)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_normalize_never_raises_and_is_idempotent(raw):
    once = normalize_text(raw)
    assert isinstance(once, str)
    assert normalize_text(once) == once


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_normalized_text_shape(raw):
    out = normalize_text(raw)
    assert unicodedata.is_normalized("NFC", out)
    assert "\r" not in out
    assert "\n\n\n" not in out
    assert "  " not in out
    assert "\t" not in out
    assert not any(line.endswith(" ") for line in out.split("\n"))
    assert not any(c in out for c in "\u200b\u200c\u200d\ufeff\u2060\u00a0")


def test_tone_placement_finds_exactly_the_words_the_table_corrects():
    """The one-regex search must change what a word-by-word lookup changes, and nothing else."""
    import re

    from pipeline.ingest.normalize import _normalize_tone_placement, _tone_placement_table

    table = _tone_placement_table()
    words = sorted(table)[:400]
    # each word alone, glued to letters on either side (then it is another word), after digits and marks
    text = " ".join(f"{w} x{w} {w}y 1{w}_ ({w}) {w.upper()}" for w in words)
    expected = re.sub(r"[^\W\d_]+", lambda m: table.get(m.group(), m.group()), text)
    assert _normalize_tone_placement(text) == expected


def test_repair_mojibake_undoes_utf8_read_as_latin1():
    damaged = VI_SENTENCE.encode("utf-8").decode("latin-1")
    assert repair_mojibake(damaged) == VI_SENTENCE


def test_ftfy_badness_check_never_looks_past_a_match():
    """normalize.py takes the beginning of a text `is_bad` found clean as clean: true while the check is one
    regex search that never looks past the end of its match (no "$", look-ahead, word boundary or end of text).
    A new ftfy that breaks this fails here, not silently."""
    from ftfy.badness import BADNESS_RE

    for assertion in ("$", "(?=", "(?!", r"\b", r"\B", r"\Z"):
        assert assertion not in BADNESS_RE.pattern, assertion
    assert not BADNESS_RE.flags & re.MULTILINE  # a "^" is the text's start, the same in its beginning


@pytest.mark.parametrize("text", ["Hội nghị ASEAN lần thứ 17.\n", "Bộ trưởng\u00a0phát biểu\n\n", "The AMME met.\r\n"])
def test_the_beginning_of_a_clean_text_is_repaired_as_ftfy_would(text):
    assert repair_mojibake(text) == text  # judged clean, and remembered as such
    for beginning in (text.rstrip(), text[:-1], text[:5]):
        assert repair_mojibake(beginning) == ftfy.fix_encoding(beginning) == beginning
