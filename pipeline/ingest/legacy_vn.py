"""Vietnamese text typed with the pre-Unicode font encodings TCVN3 (ABC) and VNI.

Both encodings put Vietnamese letters where Windows-1252 has other characters, and were displayed
with special fonts (".VnTime", "VNI-Times"). A file saved from such a document therefore holds
Windows-1252 bytes that read as gibberish ("ViÖt Nam", "Vieät Nam"), and the same gibberish survives
any later conversion to UTF-8. Both functions here therefore work on *text*: the Windows-1252 reading
of the bytes, or an already-Unicode text that still carries the font encoding.

No PyPI package converts these encodings; the tables below are written from the public code charts:
TCVN 5712:1993 (its VN3 subset is what "TCVN3"/ABC fonts use) and the VNI-Windows keyboard fonts.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

__all__ = [
    "detect_legacy",
    "is_vietnamese_syllable",
    "legacy_to_unicode",
    "tcvn3_to_unicode",
    "unicode_to_tcvn3",
    "unicode_to_vni",
    "vietnamese_quality",
    "vni_to_unicode",
]

# --- TCVN3 ----------------------------------------------------------------------------------------
# Byte value -> letter, for bytes 0xA1..0xFF. VN3 encodes every lowercase letter and the seven base
# capitals (Ă Â Ê Ô Ơ Ư Đ); toned capitals were shown with a second font over the lowercase codes, so
# in a file they are indistinguishable from lowercase. The capitals that full TCVN 5712 (VN1) places
# in this range's gaps are decoded too: no Vietnamese text has the Latin-1 characters found there.
# 0x80..0x9F (VN1 capitals) and 0xB0..0xB4 (VN1 combining tones) are left alone: in real files those
# bytes are Windows-1252 quotes/dashes and "°", far more often than VN1 letters.
_TCVN3_BYTES = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ", 0xAF: "Ằ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ", 0xBA: "Ẳ", 0xBB: "ằ", 0xBC: "ẳ",
    0xBD: "ẵ", 0xBE: "ắ", 0xBF: "Ẵ",
    0xC0: "Ắ", 0xC1: "Ầ", 0xC2: "Ẩ", 0xC3: "Ẫ", 0xC4: "Ấ", 0xC5: "Ề", 0xC6: "ặ", 0xC7: "ầ",
    0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ", 0xCC: "è", 0xCD: "Ể", 0xCE: "ẻ", 0xCF: "ẽ",
    0xD0: "é", 0xD1: "ẹ", 0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ", 0xD7: "ì",
    0xD8: "ỉ", 0xD9: "Ễ", 0xDA: "Ế", 0xDB: "Ồ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị", 0xDF: "ò",
    0xE0: "Ổ", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ", 0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ",
    0xE8: "ố", 0xE9: "ộ", 0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ", 0xEF: "ù",
    0xF0: "Ỗ", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ", 0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ",
    0xF8: "ứ", 0xF9: "ự", 0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ", 0xFF: "Ố",
}  # fmt: skip
# Bytes 0xA0..0xFF read the same in Windows-1252 and Latin-1, so chr(byte) is the character seen.
_TCVN3_DECODE = str.maketrans({chr(b): letter for b, letter in _TCVN3_BYTES.items()})
_TCVN3_ENCODE = {letter: chr(b) for b, letter in _TCVN3_BYTES.items()}

# --- VNI ------------------------------------------------------------------------------------------
# VNI writes a letter as its base letter followed by one mark character; the marks are Windows-1252
# letters. Uppercase letters take the uppercase mark. Ơ, Ư, Đ and the toned i/ỵ are single characters.
_TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")  # none, sắc, huyền, hỏi, ngã, nặng
_VNI_TONE_MARKS = ("", "ù", "ø", "û", "õ", "ï")  # same order as _TONES
_VNI_HAT_TONE_MARKS = ("â", "á", "à", "å", "ã", "ä")  # â ê ô: circumflex with each tone
_VNI_BREVE_TONE_MARKS = ("ê", "é", "è", "ú", "ü", "ë")  # ă: breve with each tone
_VNI_SINGLE = {"ô": "ơ", "ö": "ư", "ñ": "đ", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ"}


def _compose(*parts: str) -> str:
    return unicodedata.normalize("NFC", "".join(parts))


def _vni_lowercase_table() -> dict[str, str]:
    """VNI spelling -> Unicode letter, lowercase only."""
    table: dict[str, str] = {}
    for base in "aeouy":
        for mark, tone in zip(_VNI_TONE_MARKS[1:], _TONES[1:], strict=True):
            table[base + mark] = _compose(base, tone)
    for base in "aeo":
        for mark, tone in zip(_VNI_HAT_TONE_MARKS, _TONES, strict=True):
            table[base + mark] = _compose(base, "\u0302", tone)
    for mark, tone in zip(_VNI_BREVE_TONE_MARKS, _TONES, strict=True):
        table["a" + mark] = _compose("a", "\u0306", tone)
    for single, base in (("ô", "ơ"), ("ö", "ư")):
        for mark, tone in zip(_VNI_TONE_MARKS[1:], _TONES[1:], strict=True):
            table[single + mark] = _compose(base, tone)
    table.update(_VNI_SINGLE)
    # "yõ" is ỹ, but ỵ is the single "î": drop the two-character spelling VNI never produces.
    table.pop("yï")
    return table


def _vni_tables() -> tuple[dict[str, str], dict[str, str]]:
    lower = _vni_lowercase_table()
    decode: dict[str, str] = {}
    encode: dict[str, str] = {}
    for spelling, letter in lower.items():
        upper_spelling, upper_letter = spelling.upper(), letter.upper()
        decode[spelling] = letter
        decode[upper_spelling] = upper_letter
        # Lenient on the mark's case ("Aù", "aÙ"): caps lock and shift mix in real files; the base
        # letter decides the case.
        if len(spelling) == 2:
            decode[spelling[0] + spelling[1].upper()] = letter
            decode[spelling[0].upper() + spelling[1]] = upper_letter
        encode[letter] = spelling
        encode[upper_letter] = upper_spelling
    return decode, encode


_VNI_DECODE, _VNI_ENCODE = _vni_tables()
# Longest spelling first so "ôù" (ớ) wins over "ô" (ơ) followed by "ù".
_VNI_PATTERN = re.compile("|".join(map(re.escape, sorted(_VNI_DECODE, key=len, reverse=True))))


def tcvn3_to_unicode(text: str) -> str:
    """Text in TCVN3 (as read through Windows-1252) -> Unicode."""
    return _restore_capitals(text.translate(_TCVN3_DECODE))


_WORD = re.compile(r"[^\W\d_]+")
# Only words holding a capital can need raising; finding just those keeps this fast.
_CAPITALISED_WORD = re.compile(
    "[^\\W\\d_]*[A-Z" + "".join(c for c in _TCVN3_BYTES.values() if c.isupper()) + "][^\\W\\d_]*"
)
_SAME_LINE_SPACE = re.compile(r"[ \t\u00a0]+")


def _restore_capitals(text: str) -> str:
    """Give all-caps words back the toned capitals VN3 cannot hold ("NGHị QUYẾT" -> "NGHỊ QUYẾT").

    VN3 fonts showed toned capitals with a second font over the lowercase codes, so an all-caps word
    comes back with lowercase toned letters. Its ASCII letters tell: two or more, all capitals. A word
    with a single ASCII capital ("Vệ") is raised only beside such a Vietnamese all-caps word."""
    words = [m for m in _CAPITALISED_WORD.finditer(text) if not any("a" <= c <= "z" for c in m.group())]
    shouting = [_is_shouting(m.group()) for m in words]
    pieces, last = [], 0
    for i, match in enumerate(words):
        word = match.group()
        beside_shouting = (i > 0 and shouting[i - 1] and _adjacent(text, words[i - 1], match)) or (
            i + 1 < len(words) and shouting[i + 1] and _adjacent(text, match, words[i + 1])
        )
        if shouting[i] or (word != word.upper() and beside_shouting):
            pieces += [text[last : match.start()], word.upper()]
            last = match.end()
    pieces.append(text[last:])
    return "".join(pieces)


def _adjacent(text: str, first: re.Match[str], second: re.Match[str]) -> bool:
    """Only spaces between the two: words of one heading, not across punctuation or lines."""
    return _SAME_LINE_SPACE.fullmatch(text, first.end(), second.start()) is not None


def _is_shouting(word: str) -> bool:
    """An all-caps Vietnamese word as VN3 leaves it: 2+ ASCII capitals, no ASCII lowercase, and
    some non-ASCII letter (so an acronym like "ASEAN" does not count)."""
    ascii_letters = [c for c in word if c.isascii()]
    return len(ascii_letters) >= 2 and all(c.isupper() for c in ascii_letters) and not word.isascii()


def vni_to_unicode(text: str) -> str:
    """Text in VNI-Windows (as read through Windows-1252) -> Unicode."""
    return _VNI_PATTERN.sub(lambda m: _VNI_DECODE[m.group()], text)


def unicode_to_tcvn3(text: str) -> str:
    """Unicode -> TCVN3 as Windows-1252 characters (``.encode("cp1252")`` gives the file's bytes).

    Toned capitals that VN3 cannot hold become lowercase, as with the font pairs of the time."""
    text = unicodedata.normalize("NFC", text)
    return "".join(_TCVN3_ENCODE.get(c) or _TCVN3_ENCODE.get(c.lower(), c) for c in text)


def unicode_to_vni(text: str) -> str:
    """Unicode -> VNI-Windows as Windows-1252 characters."""
    text = unicodedata.normalize("NFC", text)
    return "".join(_VNI_ENCODE.get(c, c) for c in text)


_CONVERTERS = {"tcvn3": tcvn3_to_unicode, "vni": vni_to_unicode}


def legacy_to_unicode(text: str, encoding: str) -> str:
    return _CONVERTERS[encoding](text)


# --- Detection ------------------------------------------------------------------------------------
# A Vietnamese syllable, tone marks removed and lowercased: onset, vowel cluster, final consonant.
# Wrong decodings produce words no syllable can spell ("c¸c", "cafộ", "vỔ"), which is what tells the
# right table from the wrong ones; English words do not matter, being ASCII and never converted.
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnpqrstvx])?"
    r"(?:iêu|oai|oay|oeo|uây|uôi|uya|uyê|uyu|ươi|ươu|yêu"
    r"|ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|ôi|ơi|ua|uâ|uê|ui|uô|uơ|uy|ưa|ưi|ưu|ươ|yê"
    r"|[aăâeêioôơuưy])"
    r"(?:ch|ng|nh|[cmnpt])?"
)
_TONE_MARKS = frozenset(_TONES[1:])
# Punctuation stripped from the ends of a word before judging it.
_EDGE_PUNCTUATION = "".join(chr(c) for c in range(0x21, 0x7F) if not chr(c).isalnum()) + "‘’“”„‚–—…•«»"

# A conversion is kept when it scores at least this much and this much more than the text as it is.
MIN_QUALITY = 0.5
MIN_GAIN = 0.3


@lru_cache(maxsize=1 << 16)
def is_vietnamese_syllable(word: str) -> bool:
    """True for a correctly spelled Vietnamese syllable in lower, upper or title case ("Việt", "NAM").

    Cached: a bulletin repeats its syllables, and every file is judged as it is and once per table."""
    if not (word.islower() or word.isupper() or word.istitle()):
        return False
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(1 for c in decomposed if c in _TONE_MARKS) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    return _SYLLABLE.fullmatch(bare) is not None


def vietnamese_quality(text: str) -> float:
    """-1..1: among the words holding non-ASCII characters, the share that are Vietnamese syllables
    minus the share that are not. 0 when there are no such words (plain ASCII text). Each distinct word is
    judged once, and counts as often as it occurs (a bulletin repeats its syllables)."""
    good = bad = 0
    for chunk, count in Counter(text.split()).items():
        word = chunk.strip(_EDGE_PUNCTUATION)
        if word.isascii():
            continue
        if is_vietnamese_syllable(word):
            good += count
        else:
            bad += count
    return (good - bad) / (good + bad) if good + bad else 0.0


def detect_legacy(text: str) -> str | None:
    """Name the legacy encoding ("tcvn3" or "vni") the text is in, or None.

    Converts with each table and keeps the one whose result reads clearly better as Vietnamese than
    the text as it is: correct Unicode Vietnamese, English and other Western text stay untouched."""
    if text.isascii():
        return None
    sample = text[:200_000]  # enough to judge, and bounds the work on a large file
    best, best_quality = None, max(MIN_QUALITY, vietnamese_quality(sample) + MIN_GAIN)
    if best_quality > 1.0:  # already reads as Vietnamese: no conversion can score that (quality <= 1)
        return None
    for name, convert in _CONVERTERS.items():
        quality = vietnamese_quality(convert(sample))
        if quality >= best_quality:
            best, best_quality = name, quality
    return best
