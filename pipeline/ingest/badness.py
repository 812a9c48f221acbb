"""ftfy's mojibake check (`ftfy.badness.is_bad`), with the same answer, without a regex try at every character.

`ftfy.fix_encoding` returns a text unchanged when `is_bad` finds nothing in it, and nearly every document is
clean: that check, one search of ftfy's `BADNESS_RE` over the whole text, was all ftfy did for them, and the
regex (37 branches) is tried at every position.

Every match of `BADNESS_RE` is a short run of characters (7 at most), each branch a sequence of character
classes, and each branch has a class of characters rare in clean text: "[{upper_accented}]" where the
branch is "lowercase accented, then uppercase accented", a currency sign, a curly quote, a box-drawing
character... `anchors()` reads those classes out of the parsed regex, one per branch. A match then holds one
of the anchor characters, and lies within `width` of it: searching the regex only around the anchors finds it.
Where the regex is not of that shape (a lookaround, an unbounded repeat: a later ftfy), `is_bad` answers.
"""

from __future__ import annotations

import re
import re._constants as sre
import re._parser as sre_parse
import unicodedata
from collections.abc import Set as AbstractSet
from functools import lru_cache

from ftfy.badness import BADNESS_RE, is_bad

__all__ = ["looks_bad"]

_MAX_RANGE = 10_000  # a class with a larger range of characters is not read as an anchor


def looks_bad(text: str) -> bool:
    """is_bad(text): whether ftfy's badness regex matches somewhere in the text."""
    anchors = _anchors()
    if anchors is None:
        return is_bad(text)
    pattern, width = anchors
    return any(BADNESS_RE.search(text, max(0, anchor.start() - width + 1), anchor.start() + width)
               for anchor in pattern.finditer(text))


@lru_cache(maxsize=1)
def _anchors() -> tuple[re.Pattern[str], int] | None:
    """A class of the characters one of which every match of BADNESS_RE holds, and the longest match; None
    where its shape is not the one reasoned about (see the module's docstring).

    A search with pos and endpos finds exactly the matches that lie between them as long as the regex has no
    lookaround, word boundary or end anchor (a "^" does not match at pos): the only zero-width item allowed
    is "^"."""
    if BADNESS_RE.flags & re.IGNORECASE:
        return None
    parsed = sre_parse.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    width = parsed.getwidth()[1]
    if width >= sre.MAXREPEAT:
        return None
    items = parsed.data
    branches = items[0][1][1] if len(items) == 1 and items[0][0] is sre.BRANCH else [items]
    anchors: set[str] = set()
    for branch in branches:
        if not all(_plain(op, value) for op, value in branch):
            return None
        classes = [found for op, value in branch if (found := _characters(op, value))]
        if not classes:
            return None
        anchors |= min(classes, key=_frequency_in_clean_text)
    return re.compile("[" + "".join(map(re.escape, sorted(anchors))) + "]"), width


def _plain(op, value) -> bool:
    """An item that consumes characters (or "^"), with no lookaround or boundary inside."""
    if op in (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY):
        return True
    if op is sre.AT:
        return value in (sre.AT_BEGINNING, sre.AT_BEGINNING_STRING)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        return all(_plain(inner_op, inner) for inner_op, inner in value[2])
    return False


def _characters(op, value) -> set[str] | None:
    """The characters a single-character item (a literal, or a class of literals and ranges) matches."""
    if op is sre.LITERAL:
        return {chr(value)}
    if op is not sre.IN:
        return None
    characters: set[str] = set()
    for member_op, member in value:
        if member_op is sre.LITERAL:
            characters.add(chr(member))
        elif member_op is sre.RANGE and member[1] - member[0] < _MAX_RANGE:
            characters.update(map(chr, range(member[0], member[1] + 1)))
        else:
            return None  # a negation or a category: anything but a few characters
    return characters


def _frequency_in_clean_text(characters: AbstractSet[str]) -> tuple[bool, int, int, int]:
    """How often a class is likely met in clean text, to take the rarest class of a branch as its anchor: ASCII
    is everywhere, then lowercase Latin letters (accented: Vietnamese, French), then the uppercase ones. Any
    choice gives the same answers; a rare one leaves few places to search."""
    latin = [character for character in characters if _is_latin_letter(character)]
    return (any(character.isascii() for character in characters), sum(map(str.islower, latin)), len(latin),
            len(characters))


def _is_latin_letter(character: str) -> bool:
    base = unicodedata.normalize("NFD", character)[0]
    return base.isascii() and base.isalpha()
