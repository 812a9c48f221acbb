"""Case: a text folded to lower case, and a pattern that ignores case turned into one that searches the folded text.

Python's `re`, ignoring case, compares every character of the text in lower case and cannot skip ahead to the
characters a match may start with: a list of words ignoring case is searched five to ten times slower than the
same words in lower case with case. So the matcher looks for where a pattern may match (`folded_regex`) in the
document folded once (`simply_folded`), and runs the rule's own regex, ignoring case, only from there.

The two find the same matches at the same places as long as every character is compared as `re` compares it:
its own lower case, one character, shared with no character of another lower case. A few characters are not so
(`simple_case`): "ſ" (re, ignoring case, takes it for "s"), "ı", "ς", "µ", "İ" (whose lower case is two
characters); a text or a pattern holding one is searched as it is.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache


def fold(text: str) -> str:
    """The text in lower case, character for character (same length: offsets into it are offsets into text).

    str.lower() keeps the length of every text but those holding a character whose lower case is two ("İ"):
    those characters stay as they are."""
    folded = text.lower()
    if len(folded) == len(text):
        return folded
    return "".join(lower if len(lower := char.lower()) == 1 else char for char in text)


def simple_case(char: str) -> bool:
    """Whether a lower-case character is the lower case of its own upper case: then `re`, ignoring case, takes it
    for exactly the characters whose lower case it is. Not "ſ" ("S" -> "s"), "ı", "ς", "µ", "ß" ("SS"), nor a
    character that `fold` leaves as it is ("İ")."""
    return char.upper().lower() == char


@lru_cache(maxsize=16)
def simply_folded(text: str) -> str | None:
    """fold(text), remembered for the document the stages are going through (and the names and phrases they ask
    about in between); None when one of its characters is not of `simple_case` (then patterns are searched in
    the text itself)."""
    folded = fold(text)
    return folded if all(map(simple_case, set(folded))) else None


_NAMED_GROUP = re.compile(r"\(\?P<\w+>")
_FLAGS_REFERENCE_OR_CONDITION = re.compile(r"\(\?(?:[aiLmsux-]|P=|\()")
_ESCAPE_OR_TEXT = re.compile(r"\\.|[^\\]+", re.DOTALL)  # "\S", "\ " or a run of other characters
_ESCAPE_OR_CLASS = re.compile(r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]", re.DOTALL)  # a class: "[^;.]", "[A-Z]", "[]x]"
_RANGE = re.compile(r"(\\.|[^\\])-(\\.|[^\\\]])", re.DOTALL)  # in a class: "a-z", "1-4"
_CASELESS_ESCAPES = "dDsSwWbBAZ"  # what these stand for is the same in either case


@cache
def folded_regex(pattern: str, ignore_case: bool) -> re.Pattern[str] | None:
    """A pattern that ignores case, for the folded text: in lower case (its escapes as they are), its named groups
    plain, heeding case. In a text of `simple_case` characters it matches where `pattern` matches in the text,
    ignoring case.

    None for a pattern that heeds case (already fast), and where lower-casing could change more than its letters:
    an escaped letter or digit other than \\d \\D \\s \\S \\w \\W \\b \\B \\A \\Z ("\\x41", "\\1"), a range of
    characters with a case ("[A-Z]": re, ignoring case, compares a character's lower case with the lower cases of
    the range's members, which need not be a range: "[à-ỹ]" also matches "i", the lower case of "İ"), inline flags,
    a reference to a group's name, a condition, or a character not of `simple_case` once in lower case."""
    if not ignore_case or _FLAGS_REFERENCE_OR_CONDITION.search(pattern):
        return None
    pieces = _ESCAPE_OR_TEXT.findall(_NAMED_GROUP.sub("(?:", pattern))
    if any(piece[1].isalnum() and piece[1] not in _CASELESS_ESCAPES for piece in pieces if piece.startswith("\\")):
        return None
    if not all(_caseless_range(low, high) for found in _ESCAPE_OR_CLASS.findall(pattern) if found.startswith("[")
               for low, high in _RANGE.findall(found[1:-1])):
        return None
    lowered = [piece if piece.startswith("\\") else piece.lower() for piece in pieces]
    if any(len(low) != len(piece) or not all(map(simple_case, low))
           for low, piece in zip(lowered, pieces, strict=True) if not piece.startswith("\\")):
        return None
    try:
        return re.compile("".join(lowered))
    except re.error:
        return None


def _caseless_range(low: str, high: str) -> bool:
    """Whether no character from `low` to `high` has a case ("0-9"); a range written with an escape is not judged."""
    if len(low) != 1 or len(high) != 1:
        return False
    return all(char.lower() == char == char.upper() for char in map(chr, range(ord(low), ord(high) + 1)))
