"""What a rule's text must contain before its regular expression is worth running.

Most sentences match none of a list's rules, and a regex scan of every sentence for every list was a
large part of the rule stages' time. But nearly every rule needs some plain words to match: "biến đổi
khí hậu|thích ứng khí hậu" cannot match a sentence without "biến đổi khí hậu" or "thích ứng khí hậu" in
it. `required_literals` reads those words out of the parsed pattern; `LiteralScan` finds, in one pass
over a sentence, which of many rules' words are there, and so which rules may match at all.

It only ever answers "may match": a rule whose words are all absent cannot match (every match of it
contains one of them), so skipping it changes nothing; the regex still decides every match.

Case: both the words and the text are compared in `fold`ed form, which maps every pair of characters
that `re.IGNORECASE` treats as equal to the same character, so a case-insensitive rule is never skipped
for a difference of case. (Case-sensitive rules are compared folded too: that only lets more through.)
"""

from __future__ import annotations

import re
import re._compiler as sre_compile  # the tables re itself uses for IGNORECASE
import re._constants as sre
import re._parser as sre_parse
from collections.abc import Sequence
from functools import cache

# Characters that re.IGNORECASE matches beyond their lower case ("ſ" and "s", "ς" and "σ", "µ" and "μ"...),
# each class mapped to one of its members.
_EXTRA_CASE_CLASSES = [frozenset({lower, *extras}) for lower, extras in sre_compile._EXTRA_CASES.items()]
_SAME_CASE = {member: min(members) for members in _EXTRA_CASE_CLASSES for member in members}
_FOLD_EXTRA = str.maketrans({chr(member): chr(rep) for member, rep in _SAME_CASE.items() if member != rep})
_NEEDS_EXTRA_FOLD = re.compile("[" + "".join(re.escape(chr(member)) for member in _SAME_CASE) + "]")
# The one character whose str.lower() is two characters; its simple lower case (what re uses) is "i".
_DOTTED_CAPITAL_I = "\u0130"

_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


def fold(text: str) -> str:
    """The text with case differences that re.IGNORECASE ignores removed, character for character (same length,
    so offsets into it are offsets into `text`)."""
    if _DOTTED_CAPITAL_I in text:
        text = text.replace(_DOTTED_CAPITAL_I, "i")
    folded = text.lower()
    return folded.translate(_FOLD_EXTRA) if _NEEDS_EXTRA_FOLD.search(folded) else folded


Literals = frozenset[str]


def required_literals(pattern: str, ignore_case: bool) -> Literals | None:
    """Folded strings one of which every match of `pattern` contains; None when no such set is known."""
    try:
        parsed = sre_parse.parse(pattern, re.IGNORECASE if ignore_case else 0)
    except re.error:
        return None
    return _required(parsed)


def _required(items) -> Literals | None:
    """For a parsed sequence: the most selective of the sets that its parts require (see `_selectivity`).

    A run of plain characters requires itself; a group what its content requires; an alternation one of
    what each branch requires (nothing when one branch requires nothing); a repeat of at least once what
    its item requires. Classes, assertions and back-references require nothing (what a lookahead sees is
    not part of the match)."""
    best: Literals | None = None
    run: list[str] = []
    for op, value in [*items, (None, None)]:
        if op is sre.LITERAL:
            run.append(chr(value))
            continue
        if run:
            best = _more_selective(best, frozenset({fold("".join(run))}))
            run = []
        best = _more_selective(best, _required_by(op, value))
    return best


def _required_by(op, value) -> Literals | None:
    if op is sre.SUBPATTERN:
        return _required(value[3])
    if op is sre.ATOMIC_GROUP:
        return _required(value)
    if op in _REPEATS and value[0] >= 1:
        return _required(value[2])
    if op is sre.BRANCH:
        branches = [_required(branch) for branch in value[1]]
        if any(branch is None for branch in branches):
            return None
        return frozenset().union(*branches)  # type: ignore[arg-type]
    return None


def _selectivity(literals: Literals) -> tuple[int, int]:
    """Longer words are rarer; fewer alternatives, fewer chances."""
    return min(map(len, literals)), -len(literals)


def _more_selective(a: Literals | None, b: Literals | None) -> Literals | None:
    if a is None or b is None:
        return a if b is None else b
    return a if _selectivity(a) >= _selectivity(b) else b


class LiteralScan:
    """Which of a list of rules may match in a text: one scan for the required words of all of them.

    Rules whose words are unknown, or too short to tell much (one character), are always reported."""

    MIN_LENGTH = 2

    def __init__(self, rules: Sequence[tuple[str, bool]]):
        self.required = [required_literals(pattern, ignore_case) for pattern, ignore_case in rules]
        self.required = [
            words if words and min(map(len, words)) >= self.MIN_LENGTH else None for words in self.required
        ]
        self.always = [index for index, words in enumerate(self.required) if words is None]
        words = sorted({word for found in self.required if found for word in found}, key=len, reverse=True)
        # At each position the first (longest) word that starts there is reported; the shorter words that also
        # start there are its prefixes, and are counted as found with it.
        self._scanner = re.compile("(?=(" + "|".join(map(re.escape, words)) + "))") if words else None
        self._with_prefixes = {word: frozenset(w for w in words if word.startswith(w)) for word in words}

    def candidates(self, folded: str, start: int, end: int) -> list[int]:
        """Indexes, in order, of the rules that may match in the folded text's [start, end)."""
        if self._scanner is None:
            return self.always
        present: set[str] = set()
        for match in self._scanner.finditer(folded, start, end):
            present |= self._with_prefixes[match.group(1)]
        if not present:
            return self.always
        return [index for index, words in enumerate(self.required) if words is None or not words.isdisjoint(present)]


@cache
def literal_scan(rules: tuple[tuple[str, bool], ...]) -> LiteralScan:
    return LiteralScan(rules)
