"""Language identification without a model: Vietnamese letters and English function words.

underthesea's `lang_detect` downloads a model at run time, which this product may not do. Vietnamese is
easy to tell from English by its letters: a text whose letters are several per cent Vietnamese-only
(ă â đ ê ô ơ ư and the tone-marked vowels) is Vietnamese. The letters, the tone marks, the function words and
the thresholds (how many per cent, how many letters) are data (`pipeline/rules/language.yaml`), read before any
other rule file.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from pipeline.rules.loader import language_signs
from pipeline.rules.models import words_alternation
from pipeline.rules.vocabulary import LanguageSigns


def _is_vietnamese_letter(char: str, signs: LanguageSigns) -> bool:
    lower = char.lower()
    if lower in signs.vietnamese_letters:
        return True
    marks = set(signs.tone_marks.values())
    return any(mark in marks for mark in unicodedata.normalize("NFD", lower)[1:])


@dataclass(frozen=True)
class _Detector:
    """What the detector reads a text with, made once from language.yaml."""

    letters: frozenset[str]  # every precomposed Vietnamese letter
    not_letters: re.Pattern[str]  # runs of what is not a letter
    not_vietnamese_letters: re.Pattern[str]  # runs of what is not a Vietnamese letter
    english_word: re.Pattern[str]
    vietnamese_share: float  # language.yaml's settings
    min_letters: int
    english_min_letters: int


@cache
def _detector() -> _Detector:
    signs = language_signs()
    # Every precomposed letter the test accepts, worked out once: a set lookup per character instead of a Unicode
    # decomposition per character (language detection reads every letter of every paragraph).
    letters = frozenset(char for code in range(0x00C0, 0x1F00)
                        if (char := chr(code)).isalpha() and _is_vietnamese_letter(char, signs))
    # Deleting the runs leaves the letters to count, with one match per gap between words instead of one list
    # item per letter.
    words = [word for rule in signs.english_words for word in rule.words or ()]
    return _Detector(letters, re.compile(r"[\W\d_]+"), re.compile("[^" + "".join(sorted(letters)) + "]+"),
                     re.compile(rf"\b{words_alternation(words)}\b", re.IGNORECASE),
                     signs.vietnamese_share, signs.min_letters, signs.english_min_letters)


def vietnamese_letters() -> frozenset[str]:
    """Every precomposed letter that only Vietnamese writes (tone-marked or not)."""
    return _detector().letters


def _letter_counts(text: str) -> tuple[int, int]:
    """(letters, Vietnamese-only letters) in text."""
    detector = _detector()
    return len(detector.not_letters.sub("", text)), len(detector.not_vietnamese_letters.sub("", text))


def vietnamese_share(text: str) -> float:
    letters, vietnamese = _letter_counts(text)
    return vietnamese / letters if letters else 0.0


def detect_language(text: str, default: str = "vi") -> str:
    """'vi' or 'en' for a paragraph or document; `default` when the text has no letters to judge by."""
    return judge_language(text) or default


def judge_language(text: str) -> str | None:
    """'vi' or 'en' for a paragraph or document; None when the text has too few letters to tell."""
    detector = _detector()
    letters, vietnamese = _letter_counts(text)
    if letters < detector.min_letters:
        return None
    if vietnamese / letters >= detector.vietnamese_share:
        return "vi"
    return "en" if letters >= detector.english_min_letters or detector.english_word.search(text) else None
