"""The literal prefilter may only skip rules that cannot match."""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pipeline.recognise import dates
from pipeline.recognise.literals import (
    LiteralScan,
    first_characters,
    fold,
    required,
    required_literals,
    with_first_character,
)
from pipeline.recognise.matcher import candidates, find
from pipeline.rules.loader import default_rules


@pytest.mark.parametrize(("pattern", "expected"), [
    ("biến đổi khí hậu|thích ứng khí hậu", {"biến đổi khí hậu", "thích ứng khí hậu"}),
    (r"net[ -]?zero", {"zero"}),  # the longest plain run
    (r"(?:Hội nghị|Hội thảo)\s+\w+", {"hội "}),  # re's parser takes the shared start out of the branches
    (r"(?:ASEAN)+ Plus Three", {" plus three"}),  # the longest plain run
    (r"\w+", None),  # nothing plain
    (r"a|\d+", None),  # one branch needs nothing
    (r"(?=ASEAN)\w+", None),  # what a lookahead sees is not part of the match
    (r"(?:foo)?bar", {"bar"}),  # an optional part is not required
])
def test_required_literals(pattern, expected):
    found = required_literals(pattern, ignore_case=True)
    assert (set(found) if found is not None else None) == expected


def test_fold_keeps_offsets_and_equates_what_ignorecase_equates():
    text = "İSTANBUL ſtraße ΟΔΟΣ Kelvin \u212a µm"
    assert len(fold(text)) == len(text)
    for a, b in [("s", "ſ"), ("σ", "ς"), ("µ", "μ"), ("k", "\u212a"), ("i", "İ")]:
        assert re.fullmatch(a, b, re.IGNORECASE)
        assert fold(a) == fold(b)


def _all_rules():
    rules = default_rules()
    lists = [cues for area in rules.areas.areas for cues in [area.cues]]
    for language in rules.languages.values():
        lists += [value for value in vars(language).values()
                  if isinstance(value, list) and value and hasattr(value[0], "pattern")]
    return lists


def test_candidates_keep_every_rule_that_matches_its_examples():
    for rules in _all_rules():
        for rule in rules:
            for text in rule.examples + rule.counter_examples:
                if next(find(rule, text), None) is not None:
                    assert rule in candidates(rules, text), (rule.id, text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aáàảãạăâbcdđeêghiklmnoôơpqrstuưvxyASEANĐÔ ,.;-0123456789ſςΣİ")),
               max_size=60))
def test_candidates_never_drop_a_match(text):
    for rules in _all_rules():
        kept = candidates(rules, text)
        for rule in rules:
            if rule not in kept:
                assert next(find(rule, text), None) is None, (rule.id, text)


def test_scan_reports_shorter_words_starting_at_the_same_place():
    scan = LiteralScan([("khí hậu", True), ("khí", True), ("hậu quả", True)])
    assert scan.candidates(fold("Biến đổi khí hậu"), 0, 16) == [0, 1]


def test_a_class_of_digits_requires_a_digit():
    requirement = required(r"ngày\s+\d{1,2}|[0-3]\d/\d", re.IGNORECASE)
    assert requirement is not None and requirement.digit and requirement.words == {"ngày"}
    assert requirement.met_in(fold("hôm ٣")) and not requirement.met_in(fold("tháng tám"))


_DATE_TEXT = st.lists(st.sampled_from(
    list("0123456789٣/.-–() ,") + ["ngày ", "tháng ", "năm ", "quý ", "Q", "thứ Ba ", "August ", "May ", "in ",
                                   "from ", "to ", "early ", "third quarter ", "giai đoạn ", "IV", "Tám "]),
    max_size=12).map("".join)


@settings(max_examples=300, deadline=None)
@given(_DATE_TEXT)
def test_date_tiers_are_skipped_only_where_they_cannot_match(text):
    for lang in ("vi", "en"):
        possible = {rank for rank, _ in dates._possible_tiers(text, lang)}
        for rank, tier in enumerate(dates._TIERS[lang]):
            if rank not in possible:
                assert tier.search(text) is None, (lang, rank, text)


_SCAN_WORDS = st.lists(st.text(alphabet="abcd ", min_size=1, max_size=4), min_size=1, max_size=8)


@settings(max_examples=300, deadline=None)
@given(_SCAN_WORDS, st.text(alphabet="abcd ", max_size=30), st.integers(0, 30), st.integers(0, 30))
def test_a_few_words_looked_for_one_by_one_are_the_words_the_scan_finds(words, text, start, end):
    scan = LiteralScan([(re.escape(word), False) for word in words])
    one_by_one = scan.candidates(text, start, end)
    scan.FEW_WORDS = 0  # the trie scan
    assert scan.candidates(text, start, end) == one_by_one


def test_scan_follows_shared_beginnings_to_the_longest_word():
    scan = LiteralScan([("khí tượng", True), ("khí hậu", True), ("khí", True), ("hậu", True)])
    assert scan.candidates(fold("Biến đổi khí hậu"), 0, 16) == [1, 2, 3]
    assert scan.candidates(fold("Khí tượng thủy văn"), 0, 18) == [0, 2]
    assert scan.candidates(fold("khí"), 0, 3) == [2]


@pytest.mark.parametrize(("pattern", "expected"), [
    ("abc", "[a]"),
    (r"(?<!x)(?:ab|cd)?e", "[ace]"),  # lookbehinds consume nothing; an optional part may be skipped
    (r"\d+|x", r"[\dx]"),
    (r"[a-c\d\-]x", r"[\-\da-c]"),
    (r"\bfoo\b", "[f]"),
    (r"(?-i:A)b", "[A]"),  # the class follows the pattern's flags: with IGNORECASE, "a" too (more is no harm)
    (r"[^a]b", None),  # a negated class: nearly any character
    (r".x", None),
    (r"a*", None),  # may match nothing
    (r"(?i:a)b", None),  # the class would not ignore case where the pattern does
    (r"(?i)abc", None),  # a global flag must stay first
])
def test_first_characters(pattern, expected):
    assert first_characters(pattern) == expected


_ATOMS = ["a", "B", "k", "s", "ſ", "\u212a", "İ", "é", "É", "1", "\\d", "\\w", "\\s", "\\W", "[x-z]", "[^b]",
          "(?:ab|c)", "(?:a|)", "(?<!q)", "(?=b)", "(?!a)", "\\b", "^", "(?-i:K)", "(?-i:é)", " ", "."]
_PATTERNS = st.lists(st.tuples(st.sampled_from(_ATOMS), st.sampled_from(["", "?", "*", "+", "{2}"])),
                     min_size=1, max_size=5).map(lambda parts: "".join(atom + repeat for atom, repeat in parts))
_TEXTS = st.text(alphabet=list("aAbBkKsSſ\u212aİiIéÉ1٣xyzq _.-"), max_size=12)


@settings(max_examples=400, deadline=None)
@given(_PATTERNS, _TEXTS, st.sampled_from([0, re.IGNORECASE]))
def test_the_first_character_lookahead_changes_no_match(pattern, text, flags):
    try:
        plain = re.compile(pattern, flags)
    except re.error:
        assume(False)  # e.g. a repeated lookbehind
    narrowed = re.compile(with_first_character(pattern, flags), flags)
    for position in range(len(text) + 1):
        expected, found = plain.match(text, position), narrowed.match(text, position)
        assert (expected and expected.span()) == (found and found.span()), (pattern, text, position)


@settings(max_examples=200, deadline=None)
@given(st.one_of(_DATE_TEXT, st.text(alphabet=list("0123456789(), /-.nNgGtTqQđĐhHsScCvVmMaA"), max_size=20)))
def test_date_tiers_match_where_they_did_without_their_lookahead(text):
    for lang, tiers in (("vi", dates._VI_TIERS + dates._COMMON_TIERS), ("en", dates._EN_TIERS + dates._COMMON_TIERS)):
        for (_name, body), tier in zip(tiers, dates._TIERS[lang], strict=True):
            plain = re.compile(dates._BEFORE + body + dates._AFTER, re.IGNORECASE)
            for position in range(len(text) + 1):
                expected, found = plain.match(text, position), tier.match(text, position)
                assert (expected and (expected.span(), expected.groupdict())) == (
                    found and (found.span(), found.groupdict())), (lang, _name, text, position)
