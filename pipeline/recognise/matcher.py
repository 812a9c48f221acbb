"""One matcher for every rule: a rule's words or its regular expression, matched as whole words only.

A rule of `words` is found with one Aho-Corasick automaton per rule list (pyahocorasick): one pass over a
sentence finds every word of every rule of the list. A rule with a `pattern` is a compiled regular
expression. Both follow one notion of a word boundary, so that "sea" does not match inside "overseas" or
"ASEAN": where a match starts (ends) with a letter or digit, the character before (after) it must not be
one. Vietnamese syllables are written apart, so a phrase of syllables is a phrase of words.

Case: a rule that ignores case (the default) is compared in lower case. `fold` lower-cases character by
character, so the folded text has the length of the text and offsets into it are offsets into the text. Where a
pattern may match is looked for in the folded text (`case_folding.folded_regex`: re ignoring case is slow).

Why a rule did not fire: its words are not in the sentence as whole words (`find(rule, text)` answers for
one rule), or its pattern does not match there (`re.search(rule.pattern_text, text)`); nothing else. (A
pattern with no match in a sentence is not tried in the clauses of that sentence: see `ListMatcher._patterns_for`.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Generic, TypeVar

import ahocorasick

from pipeline.recognise.case_folding import fold, folded_regex, simply_folded
from pipeline.rules.models import PatternRule

R = TypeVar("R", bound=PatternRule)

# A match may not start or end inside a word: where its first (last) character is a letter or digit,
# the character before (after) it must not be one. Patterns that start or end with punctuation (";")
# need no boundary there.
WORD_BOUNDED = r"(?:(?![^\W_])|(?<![^\W_]))(?:{})(?:(?<![^\W_])|(?![^\W_]))"


def _is_word_char(char: str) -> bool:
    return char.isalnum()  # what [^\W_] matches


def _whole_word(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] neither starts nor ends inside a word."""
    if start > 0 and _is_word_char(text[start]) and _is_word_char(text[start - 1]):
        return False
    return not (end < len(text) and _is_word_char(text[end - 1]) and _is_word_char(text[end]))


@dataclass(frozen=True, slots=True)
class RuleMatch(Generic[R]):
    start: int
    end: int
    text: str
    rule: R
    groups: dict[str, str | None]


# ------------------------------------------------------------------------------------------- word lists


class WordAutomaton:
    """The words of some rules in one automaton: each hit says which rule's word it is."""

    def __init__(self, rules: Sequence[PatternRule | None], ignore_case: bool):
        """`rules`: a list's rules, None in place of those this automaton does not hold."""
        self.ignore_case = ignore_case
        self.automaton = ahocorasick.Automaton()
        owners: dict[str, list[int]] = {}
        for index, rule in enumerate(rules):
            for word in (rule.words or ()) if rule is not None else ():
                key = fold(word) if ignore_case else word
                if index not in owners.setdefault(key, []):
                    owners[key].append(index)
        self.longest = max(map(len, owners), default=0)
        for key, indexes in owners.items():
            self.automaton.add_word(key, (len(key), tuple(indexes)))
        self.empty = not owners
        if not self.empty:
            self.automaton.make_automaton()

    def spans(self, text: str, start: int, end: int) -> dict[int, list[tuple[int, int]]]:
        """Per rule index, the (start, end) of its words lying whole in text[start:end], as whole words."""
        found: dict[int, list[tuple[int, int]]] = {}
        if self.empty or start >= end:
            return found
        window = text[start:end]
        searched = fold(window) if self.ignore_case else window
        for last, (length, indexes) in self.automaton.iter(searched):
            hit_start, hit_end = start + last - length + 1, start + last + 1
            if _whole_word(text, hit_start, hit_end):
                for index in indexes:
                    found.setdefault(index, []).append((hit_start, hit_end))
        return found


def _leftmost_longest(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans a left-to-right search keeps: at each position the longest, then on after its end."""
    kept: list[tuple[int, int]] = []
    for span in sorted(spans, key=lambda s: (s[0], -s[1])):
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


@dataclass(frozen=True, slots=True)
class ListPattern:
    """A pattern rule of a list, compiled: its place in the list, its whole-word regex, its bare regex and that
    regex for the folded text (None where there is none: `folded_regex`)."""

    index: int
    regex: re.Pattern[str]
    bare: re.Pattern[str]
    folded: re.Pattern[str] | None
    monotone: bool  # see `window_monotone`

    @classmethod
    def of(cls, index: int, rule: PatternRule, pattern: str) -> ListPattern:
        bare = _bare(pattern, rule.ignore_case)
        return cls(index, compile_rule(pattern, rule.ignore_case), bare, folded_regex(bare.pattern, rule.ignore_case),
                   window_monotone(pattern))

    def first_bare_match(self, text: str, folded: str | None, start: int, end: int) -> int | None:
        """Where the bare regex first matches in text[start:end] (found in the folded text, where there is one)."""
        if self.folded is not None and folded is not None:
            found = self.folded.search(folded, start, end)
        else:
            found = self.bare.search(text, start, end)
        return None if found is None else found.start()


Window = tuple[int, int, tuple[ListPattern, ...]]  # (start, end, the patterns that may match inside it)

_RECENT_WINDOWS = 16  # windows of a text remembered: a sentence, then its clauses


@dataclass(frozen=True)
class ListMatcher:
    """A rule list, prepared: its word rules in two automata (by case), its pattern rules compiled."""

    rules: tuple[PatternRule, ...]
    word_automata: tuple[WordAutomaton, ...]  # the words that ignore case, those that heed it (if any)
    patterns: tuple[ListPattern, ...]
    word_set: frozenset[str]
    any_folded: bool  # whether a pattern has a regex for the folded text
    # The windows searched last, with the patterns that may match inside each (see `_patterns_for`), of the last
    # text only: the stages go through one document at a time.
    recent_windows: dict[str, list[Window]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, rules: Sequence[PatternRule]) -> ListMatcher:
        def words_only(ignore_case: bool) -> list[PatternRule | None]:
            return [rule if rule.pattern is None and rule.ignore_case == ignore_case else None for rule in rules]

        patterns = tuple(ListPattern.of(index, rule, rule.pattern_text) for index, rule in enumerate(rules)
                         if rule.pattern_text is not None)
        automata = (WordAutomaton(words_only(True), True), WordAutomaton(words_only(False), False))
        return cls(
            tuple(rules),
            tuple(automaton for automaton in automata if not automaton.empty),
            patterns,
            frozenset(fold(word) for rule in rules for word in rule.words or ()),
            any(pattern.folded is not None for pattern in patterns),
        )

    def matches(self, text: str, start: int, end: int) -> list[RuleMatch]:
        """Every rule's own left-to-right matches in text[start:end], rule by rule (in list order)."""
        by_rule = self._word_matches(text, start, end)
        if self.patterns:
            by_rule.update(self._pattern_matches(text, start, end))
        return [match for index in sorted(by_rule) for match in by_rule[index]]

    def _word_matches(self, text: str, start: int, end: int) -> dict[int, list[RuleMatch]]:
        by_rule: dict[int, list[RuleMatch]] = {}
        for automaton in self.word_automata:
            for index, spans in automaton.spans(text, start, end).items():
                rule = self.rules[index]
                by_rule[index] = [RuleMatch(s, e, text[s:e], rule, {}) for s, e in _leftmost_longest(spans)]
        return by_rule

    def _pattern_matches(self, text: str, start: int, end: int) -> dict[int, list[RuleMatch]]:
        by_rule: dict[int, list[RuleMatch]] = {}
        possible = []  # the patterns that may match inside this window
        folded = simply_folded(text) if self.any_folded else None
        windows = self._windows_of(text)
        for pattern in self._patterns_for(windows, start, end):
            # A whole-word match is a match of the bare pattern: none can start before the bare pattern's first
            # (and there is none where it has none). The look-behinds still see the text before that point.
            earliest = pattern.first_bare_match(text, folded, start, end)
            if earliest is not None or not pattern.monotone:
                possible.append(pattern)
            if earliest is None:
                continue
            found = list(_regex_matches(pattern.regex, self.rules[pattern.index], text, earliest, end))
            if found:
                by_rule[pattern.index] = found
        if len(windows) >= _RECENT_WINDOWS:
            del windows[0]
        windows.append((start, end, tuple(possible)))
        return by_rule

    def _patterns_for(self, windows: list[Window], start: int, end: int) -> tuple[ListPattern, ...]:
        """The patterns to try in text[start:end]: where the window lies inside one searched just before (the
        stages search a sentence, then its clauses), those that were found there or are not `window_monotone`
        (a pattern of neither kind has no match in any part of that window); else all."""
        for outer_start, outer_end, possible in reversed(windows):
            if outer_start <= start and end <= outer_end:
                return possible
        return self.patterns

    def _windows_of(self, text: str) -> list[Window]:
        """The windows of `text` searched last; none when the text is not the last one searched."""
        windows = self.recent_windows.get(text)
        if windows is None:
            self.recent_windows.clear()
            windows = self.recent_windows[text] = []
        return windows

    def matches_at(self, text: str, pos: int) -> bool:
        """Whether a rule's match starts at text[pos] (the words' hits in a window as long as the longest)."""
        for automaton in self.word_automata:
            if any(s == pos for spans in automaton.spans(text, pos, min(len(text), pos + automaton.longest))
                   .values() for s, _ in spans):
                return True
        return any(pattern.regex.match(text, pos) for pattern in self.patterns)


_matchers: dict[tuple[int, ...], ListMatcher] = {}


def matcher_of(rules: Sequence[R]) -> ListMatcher:
    """The ListMatcher of a rule list. The stages ask about the same rules (a RuleSet's) sentence after
    sentence, sometimes in a list made for the call, and pydantic models do not hash: a list is known by the
    identities of its rules (the matcher keeps the rules, so that their ids are not reused while known)."""
    key = tuple(map(id, rules))
    known = _matchers.get(key)
    if known is None:
        if len(_matchers) >= 4096:
            _matchers.clear()
        known = _matchers[key] = ListMatcher.of(rules)
    return known


# ------------------------------------------------------------------------------------------- patterns

@cache
def compile_rule(pattern: str, ignore_case: bool) -> re.Pattern[str]:
    """A rule's regular expression, matching whole words only."""
    return re.compile(WORD_BOUNDED.format(pattern), re.IGNORECASE if ignore_case else 0)


# A look-ahead or look-behind holding no group: "(?<!không )", "(?! viên)".
_SIMPLE_LOOKAROUND = re.compile(r"(?<!\\)\(\?<?[!=][^()]*\)")


@cache
def _bare(pattern: str, ignore_case: bool) -> re.Pattern[str]:
    """A rule's regular expression without the word boundaries and without its simple look-arounds: it
    matches wherever the rule does (an assertion consumes nothing, so without one a pattern only matches
    more), and, with nothing zero-width in front, the regex engine skips along to the characters a match can
    start with."""
    flags = re.IGNORECASE if ignore_case else 0
    try:
        return re.compile(_SIMPLE_LOOKAROUND.sub("", pattern), flags)
    except re.error:
        return re.compile(pattern, flags)


# What can make a regex match in part of a text but nowhere in the whole: an assertion about what follows
# (a negative look-ahead, "$", "\b", "\B", "\Z"), which `search(text, start, end)` evaluates as if the text
# ended at `end`. Read from the pattern's source text, erring on the safe side (an escaped "\$" counts too).
_END_SENSITIVE = re.compile(r"\(\?!|\$|\\[bBZ]")


@cache
def window_monotone(pattern: str) -> bool:
    """Whether every match of `pattern` in text[start:end] is a match in the whole text: true when its
    source holds no assertion about what follows a match but positive look-aheads (which see only more
    text in the whole). Then a pattern with no match in a sentence has none in any part of it."""
    return _END_SENSITIVE.search(pattern) is None


def _regex_matches(regex: re.Pattern[str], rule: R, text: str, start: int, end: int) -> Iterator[RuleMatch[R]]:
    for match in regex.finditer(text, start, end):
        if match.end() > match.start():
            yield RuleMatch(match.start(), match.end(), match.group(0), rule, match.groupdict())


# ------------------------------------------------------------------------------------------- the API


def find(rule: R, text: str, start: int = 0, end: int | None = None) -> Iterator[RuleMatch[R]]:
    """Every whole-word match of rule in text[start:end], left to right, with offsets into text."""
    end = len(text) if end is None else end
    yield from matcher_of((rule,)).matches(text, start, end)


def find_all(rules: Sequence[R], text: str, start: int = 0, end: int | None = None) -> list[RuleMatch[R]]:
    """Matches of all rules, left to right; at one position the longest, then the earliest rule, wins."""
    if not rules:
        return []
    end = len(text) if end is None else end
    matches = matcher_of(rules).matches(text, start, end)
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


def any_match(rules: Sequence[PatternRule], text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether any of the rules matches (whole words) in text[start:end]."""
    return bool(find_all(rules, text, start, end))


def find_each(rules: Sequence[R], text: str, start: int = 0, end: int | None = None) -> list[RuleMatch[R]]:
    """Every rule's own matches in text[start:end] (as `find` gives them), rule after rule in list order."""
    if not rules:
        return []
    end = len(text) if end is None else end
    return matcher_of(rules).matches(text, start, end)


def word_set(rules: Sequence[PatternRule]) -> frozenset[str]:
    """The words of a list's rules, in lower case: for asking whether one word is among them."""
    return matcher_of(rules).word_set


def matches_at(rules: Sequence[PatternRule], text: str, pos: int) -> bool:
    """Whether one of the rules has a whole-word match that starts at text[pos]."""
    return matcher_of(rules).matches_at(text, pos)


def rules_matching(rules: Sequence[R], text: str, start: int = 0, end: int | None = None) -> list[R]:
    """The rules that match in text[start:end], in list order."""
    if not rules:
        return []
    end = len(text) if end is None else end
    seen: set[int] = set()
    found = []
    for match in find_each(rules, text, start, end):
        if id(match.rule) not in seen:
            seen.add(id(match.rule))
            found.append(match.rule)
    return found
