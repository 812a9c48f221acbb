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


# --- trying in a clause only the patterns found in its sentence (ListMatcher._patterns_for) hides no match -----

def _sentences_to_scan() -> list[str]:
    """Every rule's examples and counter-examples, and the dev corpus's lines cut at sentence ends."""
    from pathlib import Path

    from pipeline.rules.loader import load_rules
    from pipeline.rules.models import LanguageRules

    rules = load_rules()
    texts = [text for language in rules.languages.values() for name in LanguageRules.rule_lists()
             for rule in getattr(language, name) for text in (*rule.examples, *rule.counter_examples)]
    corpus = Path(__file__).resolve().parent.parent / "corpus" / "dev"
    for path in sorted(corpus.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            texts += [piece for piece in re.split(r"(?<=[.!?])\s+", line) if piece.strip()]
    return texts


def _clause_windows(text: str) -> list[tuple[int, int]]:
    """The whole text and its pieces between commas and semicolons, as the commitment stage searches them."""
    cuts = [0, *(match.end() for match in re.finditer(r"[,;]\s*", text)), len(text)]
    return [(0, len(text)), *((start, end) for start, end in zip(cuts, cuts[1:], strict=False) if start < end)]


def test_matcher_sentence_prescan_hides_no_pattern_match():
    from pipeline.recognise.matcher import _regex_matches, compile_rule, matcher_of
    from pipeline.rules.loader import load_rules
    from pipeline.rules.models import LanguageRules

    rules = load_rules()
    lists = [getattr(language, name) for language in rules.languages.values() for name in LanguageRules.rule_lists()]
    lists += [area.cues for area in rules.areas.areas]
    lists = [rule_list for rule_list in lists if any(rule.pattern_text for rule in rule_list)]
    checked = 0
    for text in _sentences_to_scan():
        for start, end in _clause_windows(text):
            for rule_list in lists:
                found = [(m.start, m.end, m.rule.id) for m in matcher_of(rule_list).matches(text, start, end)
                         if m.rule.pattern_text is not None]
                expected = [(m.start, m.end, rule.id) for rule in rule_list if rule.pattern_text is not None
                            for m in _regex_matches(compile_rule(rule.pattern_text, rule.ignore_case), rule, text,
                                                    start, end)]
                assert found == expected, (text[start:end], rule_list[0].id)
                checked += len(expected)
    assert checked > 1000  # the scan saw matches, not only sentences where nothing matched


@pytest.mark.parametrize(
    ("pattern", "monotone"),
    [
        (r"agreed to|commit(?:s|ted)? to", True),
        (r"(?<!the )proposed", True),  # look-behinds see the same text in a clause as in its sentence
        (r"will(?= be)", True),  # a positive look-ahead only sees more in the whole sentence
        (r"cho rằng(?! cần)", False),  # "cho rằng" at a clause's end, "cần" after it
        (r"\d+$", False),
        (r"\bnet\b", False),
    ],
)
def test_matcher_window_monotone_reads_end_assertions(pattern, monotone):
    from pipeline.recognise.matcher import window_monotone

    assert window_monotone(pattern) is monotone


def test_matcher_negative_lookahead_matches_in_a_clause_not_in_its_sentence():
    """Why `window_monotone` matters: such a pattern is tried in every clause, whatever the sentence says."""
    text = "Họ cho rằng, cần hành động"
    forecast = rule(pattern=r"cho rằng(?!,? cần)")
    assert spans(find(forecast, text)) == []
    assert spans(find(forecast, text, 0, 11)) == [(3, 11, "cho rằng")]


def test_matcher_window_reaching_past_a_searched_one_tries_every_pattern():
    """A pattern not found in a sentence is skipped in windows inside it, and only there: a window that goes on
    past the sentence (a subject's words read on to the verb) tries it again."""
    text = "Hai bên sẽ hợp tác. Nhật Bản cam kết"
    pledge = rule(pattern=r"cam kết|hợp (?:tác)")
    sentence_end = text.index(".")
    assert spans(find_all([pledge], text, 0, sentence_end)) == [(11, 18, "hợp tác")]
    assert spans(find_all([pledge], text, 0, 10)) == []
    assert spans(find_all([pledge], text, 0, len(text))) == [(11, 18, "hợp tác"), (29, 36, "cam kết")]
