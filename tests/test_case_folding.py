"""Tests of pipeline/recognise/case_folding.py: a pattern for the folded text finds what the pattern finds ignoring
case, and texts or patterns where it might not are searched as they are."""

from __future__ import annotations

import re

import pytest

from pipeline.recognise.case_folding import fold, folded_regex, simple_case, simply_folded
from pipeline.recognise.matcher import find
from pipeline.rules.models import PatternRule


def test_case_folding_lower_cases_and_makes_named_groups_plain():
    regex = folded_regex(r"(?P<n>\d{1,2})(?:st|nd) Hội\ nghị [^;.]{0,80}?\w+", True)
    assert regex is not None and regex.pattern == r"(?:\d{1,2})(?:st|nd) hội\ nghị [^;.]{0,80}?\w+"
    assert regex.flags & re.IGNORECASE == 0


@pytest.mark.parametrize(
    "pattern",
    [
        r"\x41SEAN",  # a character named by its code
        r"(a)\1",  # a back-reference
        r"[A-Z]{2,6}",  # a range: re ignoring case compares lower cases of its members, not a range
        r"[à-ỹ]",  # ... which need not be a range: ignoring case, this matches "i" (the lower case of "İ")
        r"(?-i:ASEAN) plan",  # inline flags
        r"(?P<x>a)(?P=x)",  # a reference to a group's name
        r"(a)?(?(1)b|c)",  # a condition
        r"croſs",  # a character re takes for another ("s")
        r"İzmir",  # a character whose lower case is two
    ],
)
def test_case_folding_refuses_what_lower_case_could_change(pattern):
    assert folded_regex(pattern, True) is None


@pytest.mark.parametrize(
    ("pattern", "folded"),
    [
        (r"\S+ Plan", r"\S+ plan"),  # escapes stay as they are: "\s" is not "\S"
        (r"Net[- ]zero|[“\"]?Q[1-4]", r"net[- ]zero|[“\"]?q[1-4]"),  # a dash that is no range; a range of digits
        (r"(?:Giai đoạn) \d{4}\s*[-–]\s*\d{4}", r"(?:giai đoạn) \d{4}\s*[-–]\s*\d{4}"),
    ],
)
def test_case_folding_keeps_escapes_and_caseless_classes(pattern, folded):
    regex = folded_regex(pattern, True)
    assert regex is not None and regex.pattern == folded


def test_case_folding_leaves_patterns_that_heed_case():
    assert folded_regex("ASEAN", False) is None


@pytest.mark.parametrize("char", ["ſ", "ı", "ς", "µ", "ß", "İ"])
def test_case_folding_simple_case_refuses_characters_re_compares_otherwise(char):
    assert not simple_case(fold(char))


@pytest.mark.parametrize("char", ["a", "ệ", "đ", "σ", "1", ".", " ", "ǆ"])
def test_case_folding_simple_case_accepts_ordinary_characters(char):
    assert simple_case(char)


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        ("cross", "a croſs b"),  # re ignoring case takes "ſ" for "s"; its fold is "ſ"
        ("izmir", "in İzmir now"),  # re takes "İ" for "i"; `fold` keeps it
        ("οδοσ", "η ΟΔΟΣ"),  # a final capital sigma lower-cases to "ς"
        ("micro μm", "micro µm"),  # re takes the micro sign for a Greek mu
    ],
)
def test_case_folding_texts_with_other_characters_are_searched_as_they_are(pattern, text):
    assert simply_folded(text) is None
    rule = PatternRule(id="test.rule", note="a test rule", lang="en", pattern=pattern)
    expected = [(m.start(), m.end()) for m in re.finditer(pattern, text, re.IGNORECASE)]
    assert [(m.start, m.end) for m in find(rule, text)] == expected != []


def test_case_folding_finds_what_ignoring_case_finds():
    text = "Các Bộ trưởng NHẤT TRÍ thúc đẩy Hợp tác; ASEAN sẽ tăng cường"
    for pattern in ("nhất trí", "hợp tác|tăng cường", "(?:các )?bộ trưởng", "asean (?:sẽ|cần)"):
        regex = folded_regex(pattern, True)
        assert regex is not None
        expected = [m.span() for m in re.finditer(pattern, text, re.IGNORECASE)]
        assert [m.span() for m in regex.finditer(simply_folded(text) or "")] == expected != []
