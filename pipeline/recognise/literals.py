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

`with_first_character` reads a pattern the same way for what its matches start with, and puts that in front
of it as a lookahead: a search then passes over the positions where no match can start at once.
"""

from __future__ import annotations

import functools
import operator
import re
import re._compiler as sre_compile  # the tables re itself uses for IGNORECASE
import re._constants as sre
import re._parser as sre_parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property

# Characters that re.IGNORECASE matches beyond their lower case ("ſ" and "s", "ς" and "σ", "µ" and "μ"...),
# each class mapped to one of its members.
_EXTRA_CASE_CLASSES = [frozenset({lower, *extras}) for lower, extras in sre_compile._EXTRA_CASES.items()]
_SAME_CASE = {member: min(members) for members in _EXTRA_CASE_CLASSES for member in members}
_FOLD_EXTRA = {member: rep for member, rep in _SAME_CASE.items() if member != rep}
_NEEDS_EXTRA_FOLD = re.compile("[" + "".join(re.escape(chr(member)) for member in _FOLD_EXTRA) + "]")
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
    requirement = required(pattern, re.IGNORECASE if ignore_case else 0)
    return requirement.words if requirement is not None and not requirement.digit else None


@dataclass(frozen=True)
class Requirement:
    """Every match contains one of `words` (folded), or a decimal digit (what \\d matches) when `digit`."""

    words: Literals
    digit: bool = False

    def __or__(self, other: Requirement) -> Requirement:
        return Requirement(self.words | other.words, self.digit or other.digit)

    def selectivity(self) -> tuple[int, int]:
        """Longer words are rarer (a digit is one character); fewer alternatives, fewer chances."""
        shortest = min([*map(len, self.words), *([1] if self.digit else [])])
        return shortest, -len(self.words) - self.digit

    def met_in(self, folded: str) -> bool:
        """Whether the folded text holds what every match needs."""
        if self.digit and _DIGIT.search(folded) is not None:
            return True
        if len(self.words) <= 4:
            return any(word in folded for word in self.words)
        return _words_pattern(self.words).search(folded) is not None  # many words: one scan


_DIGIT = re.compile(r"\d")


def required(pattern: str, flags: int = 0) -> Requirement | None:
    """What every match of `pattern` contains; None when nothing is known to be."""
    try:
        parsed = sre_parse.parse(pattern, flags)
    except re.error:
        return None
    return _required(parsed)


def _required(items) -> Requirement | None:
    """For a parsed sequence: the most selective of the requirements of its parts.

    A run of plain characters requires itself; a class of digits only a digit; a group what its content
    requires; an alternation one of what each branch requires (nothing when one branch requires nothing);
    a repeat of at least once what its item requires. Other classes, assertions and back-references
    require nothing (what a lookahead sees is not part of the match)."""
    best: Requirement | None = None
    run: list[str] = []
    for op, value in [*items, (None, None)]:
        if op is sre.LITERAL:
            run.append(chr(value))
            continue
        if run:
            best = _more_selective(best, Requirement(frozenset({fold("".join(run))})))
            run = []
        best = _more_selective(best, _required_by(op, value))
    return best


def _required_by(op, value) -> Requirement | None:
    if op is sre.SUBPATTERN:
        return _required(value[3])
    if op is sre.ATOMIC_GROUP:
        return _required(value)
    if op in _REPEATS and value[0] >= 1:
        return _required(value[2])
    if op is sre.IN and _only_digits(value):
        return Requirement(frozenset(), digit=True)
    if op is sre.BRANCH:
        branches = [_required(branch) for branch in value[1]]
        if any(branch is None for branch in branches):
            return None
        return functools.reduce(operator.or_, branches)  # type: ignore[arg-type]
    return None


_DIGIT_CATEGORIES = (sre.CATEGORY_DIGIT, sre.CATEGORY_UNI_DIGIT)


def with_first_character(pattern: str, flags: int = 0) -> str:
    """`pattern` behind a lookahead for the characters its matches can start with, when they are known.

    Same matches: every match starts with one of them, and a lookahead consumes nothing and holds no group.
    But a pattern that starts with lookbehinds or many branches is tried whole at every position of a
    search, and the lookahead rejects most positions with one look at one character."""
    first = first_characters(pattern, flags)
    return pattern if first is None else f"(?={first}){pattern}"


def first_characters(pattern: str, flags: int = 0) -> str | None:
    """A character class ("[(\\dht]") holding the first character of every match of `pattern` (compiled with
    `flags`); None when not known: a match may be empty or start with any character, or the pattern sets
    flags of its own (a global "(?i)", a scoped "(?i:...)" that the class would not follow)."""
    try:
        parsed = sre_parse.parse(pattern, flags)
    except re.error:
        return None
    if (parsed.state.flags ^ flags) & ~re.UNICODE:
        return None  # global inline flags: a lookahead before them would be an error
    found = _first(parsed)
    if found is None or found[1]:
        return None
    members = set()
    for op, value in found[0]:
        member = _class_member(op, value)
        if member is None:
            return None
        members.add(member)
    return "[" + "".join(sorted(members)) + "]"


FirstCharacters = tuple[list[tuple[object, object]], bool]  # class members, whether a match may be empty


def _first(items) -> FirstCharacters | None:
    """For a parsed sequence: what its first character can be, and whether it can match nothing."""
    members: list[tuple[object, object]] = []
    for op, value in items:
        found = _first_of(op, value)
        if found is None:
            return None
        members += found[0]
        if not found[1]:
            return members, False
    return members, True


def _first_of(op, value) -> FirstCharacters | None:
    if op is sre.LITERAL:
        return [(op, value)], False
    if op is sre.IN:
        return None if any(member_op is sre.NEGATE for member_op, _ in value) else (list(value), False)
    if op is sre.SUBPATTERN:
        _group, add_flags, _del_flags, body = value
        return None if add_flags else _first(body)  # flags turned off only let the class hold more
    if op is sre.ATOMIC_GROUP:
        return _first(value)
    if op in _REPEATS:
        found = _first(value[2])
        return None if found is None else (found[0], found[1] or value[0] == 0)
    if op is sre.BRANCH:
        members, empty = [], False
        for branch in value[1]:
            found = _first(branch)
            if found is None:
                return None
            members += found[0]
            empty = empty or found[1]
        return members, empty
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return [], True  # consumes nothing (what a lookahead wants only narrows further)
    return None  # any character, a back-reference...


_CATEGORIES = {sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_NOT_DIGIT: r"\D", sre.CATEGORY_SPACE: r"\s",
               sre.CATEGORY_NOT_SPACE: r"\S", sre.CATEGORY_WORD: r"\w", sre.CATEGORY_NOT_WORD: r"\W"}


def _class_member(op, value) -> str | None:
    """A parsed class member as regex text, compiled with the pattern's own flags (so with its case rules)."""
    if op is sre.LITERAL:
        return re.escape(chr(value))
    if op is sre.RANGE:
        return f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}"
    if op is sre.CATEGORY:
        return _CATEGORIES.get(value)
    return None


def _only_digits(members) -> bool:
    """Whether a character class ("\\d", "[0-3]", "[2-7]") matches only characters that \\d matches."""
    def is_digit(code: int) -> bool:
        return _DIGIT.fullmatch(chr(code)) is not None

    for op, value in members:
        if op is sre.CATEGORY and value in _DIGIT_CATEGORIES:
            continue
        if op is sre.LITERAL and is_digit(value):
            continue
        if op is sre.RANGE and all(is_digit(code) for code in range(value[0], value[1] + 1)):
            continue
        return False
    return bool(members)


def _more_selective(a: Requirement | None, b: Requirement | None) -> Requirement | None:
    if a is None or b is None:
        return a if b is None else b
    return a if a.selectivity() >= b.selectivity() else b


class LiteralScan:
    """Which of a list of rules may match in a text: one pass for the required words of all of them.

    Rules whose words are unknown, or too short to tell much (one character), are always reported."""

    MIN_LENGTH = 2
    # Up to this many words, each is looked for on its own with str's substring search, which skips along the
    # text in C; a scan of the trie costs the regex engine a try at every position (most lists have a few words).
    FEW_WORDS = 64

    def __init__(self, rules: Sequence[tuple[str, bool]]):
        self.required = [required_literals(pattern, ignore_case) for pattern, ignore_case in rules]
        self.required = [
            words if words and min(map(len, words)) >= self.MIN_LENGTH else None for words in self.required
        ]
        self.always = [index for index, words in enumerate(self.required) if words is None]
        self._words = sorted({word for found in self.required if found for word in found}, key=len, reverse=True)

    def candidates(self, folded: str, start: int, end: int) -> list[int]:
        """Indexes, in order, of the rules that may match in the folded text's [start, end)."""
        if not self._words:
            return self.always
        present = self._present(folded, start, end)
        if not present:
            return self.always
        return [index for index, words in enumerate(self.required) if words is None or not words.isdisjoint(present)]

    def _present(self, folded: str, start: int, end: int) -> set[str]:
        """The words that are in the folded text's [start, end): each looked for when they are few, else found
        in one scan (both find every word that lies whole in the range: the scan, the longest at each position
        and its prefixes)."""
        if len(self._words) <= self.FEW_WORDS:
            text = folded[start:end]
            return {word for word in self._words if word in text}
        present: set[str] = set()
        for match in self._scanner.finditer(folded, start, end):
            present |= self._with_prefixes[match.group(1)]
        return present

    @cached_property
    def _scanner(self) -> re.Pattern[str]:
        """The words as a trie ("khí hậu|khí tượng" -> "khí\\ (?:h|t)..."): at each position the engine follows
        one path instead of trying every word, and reports the first (longest) word that starts there. Made
        on first use: lists of few words never need it."""
        return re.compile("(?=(" + trie_pattern(self._words) + "))")

    @cached_property
    def _with_prefixes(self) -> dict[str, frozenset[str]]:
        """Per word, the words that are its prefixes: found with it where the scan reports only the longest."""
        return {word: frozenset(w for w in self._words if word.startswith(w)) for word in self._words}


@cache
def _words_pattern(words: Literals) -> re.Pattern[str]:
    return re.compile(trie_pattern(sorted(words)))


def trie_pattern(words: Sequence[str], char_pattern: Callable[[str], str] = re.escape) -> str:
    """One regex for the words that, at a position, matches the longest of them that starts there: the
    words as a trie ("hà nội|hà nam" becomes "hà n(?:am|ội)"), so that a position costs one path, not a try
    per word. `char_pattern` gives each character's regex (entities.py lets a space match any run of them)."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    return _node_pattern(trie, char_pattern)


def _node_pattern(node: dict[str, dict], char_pattern: Callable[[str], str]) -> str:
    branches = [char_pattern(char) + _node_pattern(child, char_pattern) for char, child in sorted(node.items())
                if char]
    if "" in node:
        branches.append("")  # last: a longer word through this node is tried first
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


@cache
def literal_scan(rules: tuple[tuple[str, bool], ...]) -> LiteralScan:
    return LiteralScan(rules)
