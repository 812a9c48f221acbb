"""Language identification without a model: Vietnamese letters and function words against English ones.

underthesea's `lang_detect` downloads a model at run time, which this product may not do. Vietnamese is
easy to tell from English by its letters: a text whose letters are several per cent Vietnamese-only
(ă â đ ê ô ơ ư and the tone-marked vowels) is Vietnamese.
"""

from __future__ import annotations

import re
import unicodedata

_ENGLISH_WORDS = re.compile(r"\b(?:the|and|of|to|in|on|for|with|was|were|will|is|are|by|at)\b", re.IGNORECASE)
_VIETNAMESE_ONLY = set("ăâđêôơư")
_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
VIETNAMESE_LETTER_SHARE = 0.06


def _is_vietnamese_letter(char: str) -> bool:
    lower = char.lower()
    if lower in _VIETNAMESE_ONLY:
        return True
    return any(mark in _TONE_MARKS for mark in unicodedata.normalize("NFD", lower)[1:])


# Every precomposed letter the test above accepts, worked out once: a set lookup per character instead of a
# Unicode decomposition per character (language detection reads every letter of every paragraph).
_VIETNAMESE_LETTERS = frozenset(
    char for code in range(0x00C0, 0x1F00) if (char := chr(code)).isalpha() and _is_vietnamese_letter(char)
)


# What is not a letter (not a Vietnamese letter), in runs: deleting them leaves the letters to count, with
# one match per gap between words instead of one list item per letter.
_NOT_LETTERS = re.compile(r"[\W\d_]+")
_NOT_VIETNAMESE_LETTERS = re.compile("[^" + "".join(sorted(_VIETNAMESE_LETTERS)) + "]+")


def _letter_counts(text: str) -> tuple[int, int]:
    """(letters, Vietnamese-only letters) in text."""
    return len(_NOT_LETTERS.sub("", text)), len(_NOT_VIETNAMESE_LETTERS.sub("", text))


def vietnamese_share(text: str) -> float:
    letters, vietnamese = _letter_counts(text)
    return vietnamese / letters if letters else 0.0


def detect_language(text: str, default: str = "vi") -> str:
    """'vi' or 'en' for a paragraph or document; `default` when the text has no letters to judge by."""
    return judge_language(text) or default


def judge_language(text: str) -> str | None:
    """'vi' or 'en' for a paragraph or document; None when the text has too few letters to tell."""
    letters, vietnamese = _letter_counts(text)
    if letters < 3:
        return None
    if vietnamese / letters >= VIETNAMESE_LETTER_SHARE:
        return "vi"
    english_words = len(_ENGLISH_WORDS.findall(text))
    return "en" if english_words or letters >= 20 else None
