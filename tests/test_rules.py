"""Every rule file validates, every rule matches its examples and none of its counter-examples, and a
rule file with a mistake gets an error naming the file, the rule id and the field."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from pipeline.recognise.matcher import find, find_all
from pipeline.rules.loader import LANGUAGE_FILE, RuleFileError, language_signs, load_rules, rule_file_names, rules_root
from pipeline.rules.models import LanguageRules

RULES = load_rules()


def _pattern_rules():
    for language in RULES.languages.values():
        for list_name in LanguageRules.rule_lists():
            for rule in getattr(language, list_name):
                yield pytest.param(rule, id=rule.id)
    for area in RULES.areas.areas:
        for cue in area.cues:
            yield pytest.param(cue, id=cue.id)
    for rule in [*RULES.dates.rules(), *language_signs().word_lists()]:
        yield pytest.param(rule, id=rule.id)


ALL_RULES = list(_pattern_rules())


def test_rules_every_file_validates():
    assert len(RULES.gazetteers) == 7
    assert set(RULES.languages) == {"vi", "en"}
    assert {rule.lang for rule in RULES.dates.rules()} == {"vi", "en"}
    assert len(RULES.sha256) == 64


@pytest.mark.parametrize("rule", ALL_RULES)
def test_rules_rule_has_examples_and_a_note(rule):
    assert rule.examples, f"{rule.id} has no examples"
    assert rule.counter_examples, f"{rule.id} has no counter-examples"
    assert rule.note.strip()


@pytest.mark.parametrize("rule", ALL_RULES)
def test_rules_rule_matches_its_examples(rule):
    for example in rule.examples:
        assert next(find(rule, example), None) is not None, f"{rule.id} does not match {example!r}"


@pytest.mark.parametrize("rule", ALL_RULES)
def test_rules_rule_rejects_its_counter_examples(rule):
    for counter in rule.counter_examples:
        hit = next(find(rule, counter), None)
        assert hit is None, f"{rule.id} matches counter-example {counter!r} at {hit.text!r}"


def test_rules_commitment_forms_match_the_schema_enum():
    from typing import get_args

    from pipeline.rules.models import CommitmentForm as RuleForm
    from pipeline.schema import CommitmentForm

    assert list(get_args(RuleForm)) == [member.value for member in CommitmentForm]


def test_rules_area_keys_match_the_schema_enum():
    from pipeline.schema import Area

    assert [area.key for area in RULES.areas.areas] == [member.value for member in Area]


def test_rules_gazetteer_aliases_point_at_one_id():
    owners: dict[str, str] = {}
    for gazetteer in RULES.gazetteers:
        for entry in gazetteer.entries:
            for alias in {*entry.aliases_vi, *entry.aliases_en}:
                key = alias if alias.isupper() else alias.casefold()
                assert owners.setdefault(key, entry.id) == entry.id, f"{alias!r}: {owners[key]} and {entry.id}"


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    root = tmp_path / "rules"
    for name in rule_file_names():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(str(rules_root().joinpath(*name.split("/"))), target)
    return root


def _break(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


MISTAKES = [
    pytest.param("vi/extraction.yaml", "    words: [Hội nghị]\n", "    pattern: 'Hội nghị('\n",
                 ["rules/vi/extraction.yaml", "vi.meeting.head.hoi_nghi", "'pattern'", "does not compile"],
                 id="bad-pattern"),
    pytest.param("vi/extraction.yaml", "    words: [Hội nghị]\n", "    words: [Hội nghị, Hội nghị]\n",
                 ["rules/vi/extraction.yaml", "vi.meeting.head.hoi_nghi", "'words'", "listed twice"],
                 id="word-twice"),
    pytest.param("vi/extraction.yaml", "    words: [Hội nghị]\n", "    words: []\n",
                 ["rules/vi/extraction.yaml", "vi.meeting.head.hoi_nghi", "'words'", "empty list"],
                 id="no-words"),
    pytest.param("vi/extraction.yaml", "    words: [Bộ trưởng]\n", "    words: [Bộ trưởng]\n    pattern: 'Cấp'\n",
                 ["rules/vi/extraction.yaml", "vi.kind.ministerial", "'pattern'", "{words}"],
                 id="pattern-without-its-words"),
    pytest.param("vi/extraction.yaml", "    words: [Hội nghị]\n", "    words: [Hội nghị]\n    colour: red\n",
                 ["rules/vi/extraction.yaml", "vi.meeting.head.hoi_nghi", "'colour'", "Extra inputs"],
                 id="unknown-key"),
    pytest.param("vi/extraction.yaml", "  - id: vi.meeting.head.hoi_thao\n", "  - id: vi.meeting.head.hoi_nghi\n",
                 ["rules/vi/extraction.yaml", "duplicate rule id 'vi.meeting.head.hoi_nghi'"], id="duplicate-id"),
    pytest.param("areas.yaml", "        lang: vi\n        words: [biến đổi khí hậu",
                 "        lang: vietnamese\n        words: [biến đổi khí hậu",
                 ["rules/areas.yaml", "area.climate.vi.bien_doi_khi_hau", "'lang'"], id="wrong-value"),
    pytest.param("gazetteers/cities.yaml", "    country: LA\n", "    country: [LA]\n",
                 ["rules/gazetteers/cities.yaml", "'country'"], id="wrong-type"),
    pytest.param("en/extraction.yaml", "      other: Meeting\n", "",
                 ["rules/en/extraction.yaml", "en.meeting.naming", "'kinds'", "none for ['other']"],
                 id="kind-without-a-name"),
    pytest.param("vi/extraction.yaml", "    edition: '{series} lần thứ {n}'\n",
                 "    edition: '{series} lần thứ {so}'\n",
                 ["rules/vi/extraction.yaml", "vi.meeting.naming", "'edition'", "may hold only"],
                 id="template-unknown-field"),
    pytest.param("en/extraction.yaml", "    numbers: {twenty: 20,", "    numbers: {twenty: many,",
                 ["rules/en/extraction.yaml", "en.ordinal.tens", "'twenty'", "valid integer"],
                 id="number-word-not-a-number"),
    pytest.param("dates.yaml", "    numbers: {January: 1,", "    numbers: {January: 13,",
                 ["rules/dates.yaml", "en.date.month_names", "'January'", "less than or equal to 12"],
                 id="date-month-out-of-range"),
    pytest.param("dates.yaml", "    words: [tháng]\n", "    words: [tháng]\n    pattern: '{words} \\d+'\n",
                 ["rules/dates.yaml", "vi.date.month_word", "'pattern'", "a list of words only"],
                 id="date-words-with-a-pattern"),
    pytest.param("dates.yaml", "    words: [năm tới]\n    years_after: 1\n", "    words: [năm tới]\n",
                 ["rules/dates.yaml", "vi.date.next_year", "'years_after'", "Field required"],
                 id="date-relative-year-without-its-value"),
    pytest.param("dates.yaml", "    words: [cuối, hạ tuần]\n    mod: END\n",
                 "    words: [cuối, hạ tuần]\n    mod: LATE\n",
                 ["rules/dates.yaml", "vi.date.mod.end", "'mod'"], id="date-modifier-unknown"),
    pytest.param("dates.yaml", "  - id: en.date.mod.mid\n", "  - id: en.date.mod.start\n",
                 ["rules/dates.yaml", "duplicate rule id 'en.date.mod.start'"], id="date-duplicate-id"),
    pytest.param("dates.yaml", "    words: [late, end of]\n", "    words: [late, end of, early]\n",
                 ["rules/dates.yaml", "en.date.mod.end", "'early' starts a END and a START modifier"],
                 id="date-modifier-two-ways"),
    pytest.param("dates.yaml", "    unit: week\n    offset: -1\n", "    unit: fortnight\n    offset: -1\n",
                 ["rules/dates.yaml", "vi.date.last_week", "'unit'"], id="date-relative-period-unit-unknown"),
    pytest.param("en/extraction.yaml", "meeting_naming:\n", "relative_periods: []\nmeeting_naming:\n",
                 ["rules/en/extraction.yaml", "relative_periods live in rules/dates.yaml"],
                 id="relative-periods-in-a-language-file"),
    pytest.param("en/extraction.yaml", "'13': th, '': th}", "'13': th}",
                 ["rules/en/extraction.yaml", "en.meeting.naming", "needs ordinal_suffixes"],
                 id="nth-without-a-suffix-for-any-number"),
    pytest.param("vi/extraction.yaml", "    words: [và, cũng như, đồng thời]\n",
                 "    words: [và, cũng như, đồng thời]\n    pattern: '{words}\\s'\n",
                 ["rules/vi/extraction.yaml", "vi.clause.glue", "'pattern'", "a list of words only"],
                 id="words-only-list-with-a-pattern"),
    pytest.param("dates.yaml", "    suffixes: [st, nd, rd, th]", "    suffixes: [st, nd, rd, '1th']",
                 ["rules/dates.yaml", "en.date.day_ordinal", "'suffixes'"], id="day-suffix-not-letters"),
]


@pytest.mark.parametrize(("name", "old", "new", "expected"), MISTAKES)
def test_rules_mistake_is_named(rules_copy: Path, name, old, new, expected):
    _break(rules_copy, name, old, new)
    with pytest.raises(RuleFileError) as raised:
        load_rules(rules_copy)
    for fragment in expected:
        assert fragment in str(raised.value)


def test_rules_yaml_is_loaded_safely(rules_copy: Path):
    _break(rules_copy, "areas.yaml", "changelog:", "bad: !!python/object/apply:os.system ['true']\nchangelog:")
    with pytest.raises(RuleFileError, match="not valid YAML"):
        load_rules(rules_copy)


def _raw_rules():
    """Every rule as written in the files (before shared word lists are written out), with its file."""
    for name in ["areas.yaml", "vi/extraction.yaml", "en/extraction.yaml", "dates.yaml", LANGUAGE_FILE]:
        raw = yaml.safe_load(rules_root().joinpath(*name.split("/")).read_text(encoding="utf-8"))
        stack = [raw]
        while stack:
            node = stack.pop()
            if isinstance(node, dict):
                if "id" in node and ("pattern" in node or "words" in node):
                    yield pytest.param(node, id=node["id"])
                stack.extend(node.values())
            elif isinstance(node, list):
                stack.extend(node)


RAW_RULES = list(_raw_rules())
MAX_PATTERN_LENGTH = 200
_PLAIN_ALTERNATION = re.compile(r"[^\\()\[\]?*+{}.^$|]+(?:\|[^\\()\[\]?*+{}.^$|]+)*")


@pytest.mark.parametrize("rule", RAW_RULES)
def test_rules_pattern_is_short(rule):
    pattern = rule.get("pattern") or ""
    assert len(pattern) <= MAX_PATTERN_LENGTH, f"{rule['id']}: a pattern of {len(pattern)} characters: use words"


@pytest.mark.parametrize("rule", RAW_RULES)
def test_rules_plain_words_are_a_word_list(rule):
    pattern = rule.get("pattern") or ""
    assert not _PLAIN_ALTERNATION.fullmatch(pattern), f"{rule['id']}: words written as a pattern: use words"


def test_rules_a_new_word_is_a_new_cue(rules_copy: Path):
    """A newcomer adds a commitment cue by adding one word (and an example) to a list."""
    text = "The parties aspire to cut emissions."
    assert find_all(load_rules(rules_copy).languages["en"].commitment_cues, text) == []
    _break(rules_copy, "en/extraction.yaml", "    words: [continue to,", "    words: [aspire to, continue to,")
    found = find_all(load_rules(rules_copy).languages["en"].commitment_cues, text)
    assert [(match.rule.id, match.text) for match in found] == [("en.commit.ongoing", "aspire to")]


def test_rules_a_new_clause_glue_word_is_read(rules_copy: Path):
    """The words that only join a clause to the one before are a list (clause_glue): one added is skipped."""
    from pipeline.extract.commitments import clauses

    text = "Các nước cần giảm phát thải; hơn nữa tăng cường hợp tác"

    def second_clause(rules) -> str:
        start, end = clauses(text, 0, len(text), rules.languages["vi"])[1]
        return text[start:end]

    assert second_clause(load_rules(rules_copy)) == "hơn nữa tăng cường hợp tác"
    _break(rules_copy, "vi/extraction.yaml", "    words: [và, cũng như, đồng thời]",
           "    words: [và, cũng như, đồng thời, hơn nữa]")
    assert second_clause(load_rules(rules_copy)) == "tăng cường hợp tác"


NEW_CUES = [
    pytest.param("en/extraction.yaml", "en.commit.pledge", "    words: [commit to,", "    words: [swore to, commit to,",
                 '    examples: ["commit to achieving', '    examples: ["Viet Nam swore to phase out coal power", '
                 '"commit to achieving', "News of the week", "Viet Nam swore to phase out coal power.", id="en"),
    pytest.param("vi/extraction.yaml", "vi.commit.pledge", "    words: [cam kết,", "    words: [quyết chí, cam kết,",
                 '    examples: ["các Bộ trưởng nhất trí"',
                 '    examples: ["Việt Nam quyết chí loại bỏ nhiệt điện than", "các Bộ trưởng nhất trí"',
                 "Tiêu đề bản tin", "Việt Nam quyết chí loại bỏ nhiệt điện than.", id="vi"),
]


@pytest.mark.parametrize(("name", "rule_id", "words", "more_words", "examples", "more_examples", "title", "text"),
                         NEW_CUES)
def test_rules_a_commitment_cue_added_as_one_word_is_found_by_the_pipeline(
        rules_copy: Path, process, name, rule_id, words, more_words, examples, more_examples, title, text):
    """The README's promise: a newcomer adds a commitment cue by adding one word to a cue's list, and an example
    that it now matches; the rule file validates, the example runs, and a run with those rules finds the
    commitment, by that rule."""
    from pipeline.ingest.document import build_document
    from pipeline.nlp import make_nlp, process_document

    def commitments(doc) -> list[tuple[str, str | None]]:
        return [(found.rule_id, found.actor) for found in doc._.commitments]

    # no rule finds it before (the clause model may: "swore to" is the kind of verb it is there for)
    assert [found for found in commitments(process(f"{title}\n\n{text}")) if not found[0].startswith("model:")] == []
    _break(rules_copy, name, words, more_words)
    _break(rules_copy, name, examples, more_examples)
    lang = name.split("/")[0]
    rule = next(cue for cue in load_rules(rules_copy).languages[lang].commitment_cues if cue.id == rule_id)
    assert rule.examples[0] == text.rstrip(".")
    assert next(find(rule, rule.examples[0]), None) is not None
    nlp = make_nlp(str(rules_copy))
    assert commitments(process_document(nlp, build_document(f"{title}\n\n{text}", "t.txt"))) == [
        (rule_id, "Viet Nam")]
