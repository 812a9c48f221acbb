"""Pydantic models of the vocabulary files: `language.yaml` (what tells Vietnamese from English before any
other rule file is read).

Their lists are rules like any other (an id, words, a note, examples and counter-examples), but no stage
finds them on their own: the language detector (`ingest/language.py`) composes its regular expression from them.
"""

from __future__ import annotations

import unicodedata
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator

from pipeline.rules.models import PatternRule, Strict


class WordList(PatternRule):
    """A list of words that a stage composes its own regular expression from: words only, no pattern."""

    @field_validator("pattern")
    @classmethod
    def _no_pattern(cls, value: str | None) -> str | None:
        if value is not None:
            raise ValueError("a list of words only: the code that reads it writes the pattern around them")
        return value


# --- language.yaml ------------------------------------------------------------------------------------------


class EnglishWords(WordList):
    lang: Literal["en"]


class LanguageSigns(Strict):
    """language.yaml: the letters and words that tell Vietnamese from English (pipeline/ingest/language.py)."""

    changelog: list[str]
    vietnamese_letters: list[Annotated[str, StringConstraints(min_length=1, max_length=1)]] = Field(
        min_length=1, description="letters only Vietnamese writes, in lower case: 'ă', 'đ', 'ơ'")
    tone_marks: dict[str, Annotated[str, StringConstraints(min_length=1, max_length=1)]] = Field(
        min_length=1, description="the combining marks of the tones, by name ('sắc': U+0301): a letter carrying "
        "one is Vietnamese")
    english_words: list[EnglishWords] = Field(
        min_length=1, description="function words of English ('the', 'of'): a text without Vietnamese letters "
        "holding one is English, however short")
    vietnamese_examples: list[str] = Field(min_length=1, description="texts the detector must call Vietnamese")
    english_examples: list[str] = Field(min_length=1, description="texts the detector must call English")

    @field_validator("vietnamese_letters")
    @classmethod
    def _lower_case_letters(cls, value: list[str]) -> list[str]:
        for letter in value:
            if not letter.isalpha() or letter != letter.lower():
                raise ValueError(f"{letter!r} is not a letter in lower case")
        return value

    @field_validator("tone_marks")
    @classmethod
    def _combining_marks(cls, value: dict[str, str]) -> dict[str, str]:
        for name, mark in value.items():
            if not unicodedata.combining(mark):
                raise ValueError(f"tone {name!r}: {mark!r} is not a combining mark")
        return value
