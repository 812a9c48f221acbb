"""One matcher for every rule: a compiled regular expression that only matches whole words.

Rules are written as plain regular expressions; this module adds the word boundaries (so that "sea" does
not match inside "overseas" or "ASEAN") and compiles each rule once.

Most sentences match none of a list's rules. So a list is first narrowed to the rules whose required words
are in the text (`literals.LiteralScan`, one pass for the whole list), then tried as one alternation of those
rules (`union_pattern`): one regex scan of the text instead of one per rule, and the rules are only run one by
one where that alternation found something. The alternation matches exactly where one of the rules does.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, Generic, TypeVar

from pipeline.recognise.literals import LiteralScan, fold, literal_scan, with_first_character
from pipeline.rules.models import PatternRule

R = TypeVar("R", bound=PatternRule)
T = TypeVar("T")


def by_identity(limit: int) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Remember a function's answers by the identity of its first argument (and the value of the others):
    for objects asked about again and again that are costly to hash (a document's text) or not hashable
    (a rule list, a pydantic model). The object is kept with its answer, so that its id is not reused
    while remembered; past `limit` objects, all are forgotten."""

    def decorate(function: Callable[..., T]) -> Callable[..., T]:
        known: dict[tuple, tuple[Any, T]] = {}

        @functools.wraps(function)
        def remembered(subject: Any, *args: Any) -> T:
            key = (id(subject), *args)
            found = known.get(key)
            if found is None or found[0] is not subject:
                if len(known) >= limit:
                    known.clear()
                found = known[key] = (subject, function(subject, *args))
            return found[1]

        return remembered

    return decorate

# A match may not start or end inside a word: where its first (last) character is a letter or digit,
# the character before (after) it must not be one. Patterns that start or end with punctuation (";")
# need no boundary there.
WORD_BOUNDED = r"(?:(?![^\W_])|(?<![^\W_]))(?:{})(?:(?<![^\W_])|(?![^\W_]))"


# A named group, made plain in an alternation: two rules may use the same name.
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


def union_pattern(patterns: Sequence[str]) -> str:
    """One alternation that matches wherever one of the patterns matches (their named groups made plain)."""
    return "|".join(f"(?:{_NAMED_GROUP.sub('(?:', pattern)})" for pattern in patterns)


@lru_cache(maxsize=4096)  # a list, or the part of it that `candidates` left
def _union_of_rules(rules: tuple[tuple[str, bool], ...]) -> re.Pattern[str] | None:
    """The whole-word alternation of (pattern, ignore_case) rules; None where they do not combine."""
    scoped = [(f"(?i:{pattern})" if ignore_case else pattern) for pattern, ignore_case in rules]
    try:
        return re.compile(with_first_character(WORD_BOUNDED.format(union_pattern(scoped))))
    except re.error:  # e.g. a rule with a global inline flag: then each rule is tried on its own
        return None


@by_identity(limit=8)
def _folded_text(text: str) -> str:
    """fold(text), made once per text: the stages ask about one document's text sentence after sentence."""
    return fold(text)


@by_identity(limit=512)
def _scan_of(rules: Sequence[PatternRule]) -> LiteralScan:
    """The LiteralScan of a rule list. The stages pass the same lists (a RuleSet's) sentence after sentence:
    found by the list's identity, the rules' patterns are not gathered and hashed again each time."""
    return literal_scan(tuple((rule.pattern, rule.ignore_case) for rule in rules))


def candidates(rules: Sequence[R], text: str, start: int = 0, end: int | None = None) -> list[R]:
    """The rules that may match in text[start:end], in order: the others lack every word they need."""
    if not rules:
        return []
    end = len(text) if end is None else end
    return [rules[index] for index in _scan_of(rules).candidates(_folded_text(text), start, end)]


def any_match(rules: Sequence[PatternRule], text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether any of the rules matches (whole words) in text[start:end]: one scan for the whole list."""
    return _matches_any(candidates(rules, text, start, end), text, start, end)


def _matches_any(rules: Sequence[PatternRule], text: str, start: int, end: int | None) -> bool:
    if not rules:
        return False
    end = len(text) if end is None else end
    union = _union_of_rules(tuple((rule.pattern, rule.ignore_case) for rule in rules))
    if union is None:
        return any(next(find(rule, text, start, end), None) is not None for rule in rules)
    return any(match.end() > match.start() for match in union.finditer(text, start, end))


@cache
def compile_rule(pattern: str, ignore_case: bool) -> re.Pattern[str]:
    flags = re.IGNORECASE if ignore_case else 0
    return re.compile(with_first_character(WORD_BOUNDED.format(pattern), flags), flags)


@dataclass(frozen=True, slots=True)
class RuleMatch(Generic[R]):
    start: int
    end: int
    text: str
    rule: R
    groups: dict[str, str | None]


def find(rule: R, text: str, start: int = 0, end: int | None = None) -> Iterator[RuleMatch[R]]:
    """Every whole-word match of rule in text[start:end], with offsets into text."""
    end = len(text) if end is None else end
    for match in compile_rule(rule.pattern, rule.ignore_case).finditer(text, start, end):
        if match.end() > match.start():
            yield RuleMatch(match.start(), match.end(), match.group(0), rule, match.groupdict())


def find_all(rules: Sequence[R], text: str, start: int = 0, end: int | None = None) -> list[RuleMatch[R]]:
    """Matches of all rules, left to right; at one position the longest, then the earliest rule, wins."""
    found = candidates(rules, text, start, end)
    if len(found) > 1 and not _matches_any(found, text, start, end):
        return []  # one scan said none of them matches: spares one scan per rule
    matches = [match for rule in found for match in find(rule, text, start, end)]
    if len(matches) < 2:
        return matches
    order = {id(rule): index for index, rule in enumerate(rules)}
    matches.sort(key=lambda m: (m.start, -(m.end - m.start), order[id(m.rule)]))
    kept: list[RuleMatch[R]] = []
    for match in matches:
        if not kept or match.start >= kept[-1].end:
            kept.append(match)
    return kept


def first(rules: Sequence[R], text: str, start: int = 0, end: int | None = None) -> RuleMatch[R] | None:
    found = find_all(rules, text, start, end)
    return found[0] if found else None


