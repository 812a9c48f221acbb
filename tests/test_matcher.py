"""Tests of pipeline/recognise/matcher.py: word lists and patterns match whole words only, case folding keeps
offsets, the longest word wins, and a word list finds what the same words written as a regex find."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.recognise.matcher import find, find_all, fold, matches_at, rules_matching
from pipeline.rules.models import PatternRule, words_alternation


def rule(words: list[str] | None = None, pattern: str | None = None, ignore_case: bool = True,
         rule_id: str = "test.rule") -> PatternRule:
    return PatternRule(id=rule_id, note="a test rule", lang="vi", words=words, pattern=pattern,
                       ignore_case=ignore_case)


def spans(found) -> list[tuple[int, int, str]]:
    return [(match.start, match.end, match.text) for match in found]


@pytest.mark.parametrize(
    ("words", "text", "expected"),
    [
        (["sea"], "overseas ASEAN sea", [(15, 18, "sea")]),
        (["khí hậu"], "biến đổi khí hậu.", [(9, 16, "khí hậu")]),
        (["khí hậu"], "khí hậuz khí hậu1", []),
        (["Hội nghị"], "tại hội nghị", [(4, 12, "hội nghị")]),
        (["COP"], "COP28 và COP 28", [(9, 12, "COP")]),
        ([";"], "a;b", [(1, 2, ";")]),
        ([", đồng thời"], "giảm, đồng thời tăng", [(4, 15, ", đồng thời")]),
    ],
)
def test_matcher_words_match_whole_words(words, text, expected):
    assert spans(find(rule(words), text)) == expected


def test_matcher_longest_word_wins_at_a_position():
    assert spans(find(rule(["khép", "khép lại"]), "đã khép lại")) == [(3, 11, "khép lại")]


def test_matcher_case_folding_keeps_offsets():
    text = "İİ Biến Đổi Khí Hậu"  # "İ".lower() is two characters; the folded text must not shift
    assert len(fold(text)) == len(text)
    assert spans(find(rule(["biến đổi khí hậu"]), text)) == [(3, 19, "Biến Đổi Khí Hậu")]


def test_matcher_case_sensitive_words():
    acronym = rule(["INC"], ignore_case=False)
    assert spans(find(acronym, "INC-4 and inc")) == [(0, 3, "INC")]


def test_matcher_pattern_may_hold_its_words():
    year = rule(["by", "before"], pattern=r"{words} (?P<year>20\d\d)")
    assert [match.groups["year"] for match in find(year, "by 2030, before 2025, nearby 2040")] == ["2030", "2025"]


def test_matcher_find_all_keeps_the_longest_then_the_earliest_rule():
    short, long = rule(["khí hậu"], rule_id="test.short"), rule(["biến đổi khí hậu"], rule_id="test.long")
    assert [match.rule.id for match in find_all([short, long], "biến đổi khí hậu")] == ["test.long"]


def test_matcher_rules_matching_in_list_order():
    first, second, third = (rule(["a b"], rule_id="test.a"), rule(pattern=r"\d+", rule_id="test.d"),
                            rule(["zz"], rule_id="test.z"))
    assert [r.id for r in rules_matching([first, second, third], "12 a b")] == ["test.a", "test.d"]


@pytest.mark.parametrize(("pos", "expected"), [(0, False), (4, True), (5, False), (12, True)])
def test_matcher_matches_at(pos, expected):
    assert matches_at([rule(["diễn ra", "tại"])], "họp diễn ra tại", pos) is expected


_ALPHABET = st.sampled_from(list("ab ÀàĐđ-.İ1") + ["khí", "hậu", " "])
_WORDS = ["a", "ab", "a b", "đà", "khí hậu", "b-a", "1"]


@settings(max_examples=400, deadline=None)
@given(st.lists(_ALPHABET, max_size=30).map("".join))
def test_matcher_words_find_what_the_regex_finds(text):
    """A word list finds exactly what its words written as one whole-word regex alternation find."""
    boundary = r"(?:(?![^\W_])|(?<![^\W_]))(?:{})(?:(?<![^\W_])|(?![^\W_]))"
    regex = re.compile(boundary.format(words_alternation(_WORDS)), re.IGNORECASE)
    expected = [(m.start(), m.end(), m.group(0)) for m in regex.finditer(text) if m.end() > m.start()]
    assert spans(find(rule(_WORDS), text)) == expected
