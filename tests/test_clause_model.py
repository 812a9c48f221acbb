"""The commitment clause model: shipped, offline, deterministic, a second decider that only adds to the rules,
its records naming it, its switch and threshold validated data."""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import pytest
import spacy

from pipeline.extract.clause_model import (
    NONE_LABEL,
    ClauseModelError,
    clause_doc,
    load_clause_model,
    model_digest,
    model_folder,
)
from pipeline.extract.commitments import ClauseContext, CommitmentMention
from pipeline.extract.model_commitments import continued_context
from pipeline.ingest.document import build_document
from pipeline.nlp import make_nlp, process_document
from pipeline.rules.loader import RuleFileError, RuleSet, default_rules, load_rules, rules_root
from pipeline.training import FORMS

# No cue of the rules in it, no veto: a clause only the model can take (at a low enough threshold).
UNCUED_VI = ("Hội nghị Môi trường\n\nCác nước thành viên ASEAN phục hồi rừng ngập mặn ven biển trên toàn khu vực "
             "trong những năm tới.\n")
BULLETINS = [
    Path("corpus/dev/asean-environment-cooperation-2023.txt"),
    Path("corpus/dev/en-amme17-vientiane.txt"),
]


def _with_model(rules: RuleSet, **changes) -> RuleSet:
    languages = {}
    for lang, language in rules.languages.items():
        config = language.clause_model
        assert config is not None, f"rules/{lang}/extraction.yaml has a clause_model"
        languages[lang] = language.model_copy(update={"clause_model": config.model_copy(update={"enabled": True,
                                                                                               **changes})})
    return dataclasses.replace(rules, languages=languages)


def _commitments(rules: RuleSet, text: str, source: str = "t.txt"):
    nlp = make_nlp()
    nlp.get_pipe("asean_commitments").rules = rules
    return process_document(nlp, build_document(text, source))._.commitments


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_clause_model_loads_offline_from_the_package(lang):
    config = default_rules().languages[lang].clause_model
    assert config is not None and config.model == f"commitment_clauses/{lang}"
    model = load_clause_model(config.model)
    assert set(model.nlp.get_pipe("textcat").labels) == {NONE_LABEL, *FORMS}
    assert model_folder(config.model).is_relative_to(Path(str(rules_root())).parent)
    assert sum(p.stat().st_size for p in model_folder(config.model).rglob("*") if p.is_file()) < 3_000_000


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_clause_model_predictions_are_deterministic(lang):
    clauses = ["Các nước sẽ xây dựng kế hoạch hành động khu vực về rác thải nhựa đại dương vào năm 2025",
               "The Ministers agreed to develop a regional action plan on marine debris by 2025",
               "Hội nghị diễn ra tại Viên Chăn"]
    name = f"commitment_clauses/{lang}"
    once = load_clause_model(name).verdicts(clauses)
    assert load_clause_model(name).verdicts(list(reversed(clauses))) == list(reversed(once))
    fresh = spacy.load(model_folder(name))  # a second copy, loaded apart: the same probabilities
    scores = fresh.get_pipe("textcat").predict([clause_doc(fresh, c) for c in clauses])
    none = list(fresh.get_pipe("textcat").labels).index(NONE_LABEL)
    again = [round(1.0 - row[none], 4) for row in scores.tolist()]
    assert [v.probability for v in once] == again


def test_clause_model_takes_a_clause_the_rules_miss_and_names_itself():
    rules = default_rules()
    assert _commitments(_with_model(rules, enabled=False), UNCUED_VI) == []
    found = _commitments(_with_model(rules, threshold=0.01, min_words=1), UNCUED_VI)
    assert len(found) == 1
    record = found[0]
    assert record.rule_id == "model:vi-commitment-clauses"
    assert record.text == UNCUED_VI.split("\n\n")[1].rstrip(".\n")  # the clause, its evidence
    verdict = load_clause_model("commitment_clauses/vi").verdicts([record.text])[0]
    assert record.confidence == verdict.probability
    assert record.actor == "ASEAN"


@pytest.mark.parametrize("path", BULLETINS, ids=lambda p: p.stem)
def test_clause_model_switched_off_gives_exactly_the_rules(path):
    text = path.read_text(encoding="utf-8")
    rules = default_rules()
    rules_only = _commitments(_with_model(rules, enabled=False), text, path.name)
    with_model = _commitments(_with_model(rules, threshold=0.0001, min_words=1), text, path.name)
    assert [c for c in with_model if not c.rule_id.startswith("model:")] == rules_only
    assert len(with_model) > len(rules_only)  # at so low a threshold it takes more
    assert with_model == sorted(with_model, key=lambda c: (c.start, c.end))


def test_clause_model_leaves_a_clause_with_a_cue_to_the_rules():
    """A weak verb alone ("tăng cường") is no commitment by the rules' own decision: the model is not asked."""
    text = "Hội nghị Môi trường\n\nCác đại biểu tăng cường trao đổi thông tin về rác thải nhựa đại dương.\n"
    assert _commitments(_with_model(default_rules(), threshold=0.0001, min_words=1), text) == []


def test_clause_model_never_takes_a_vetoed_clause():
    text = "Hội nghị Môi trường\n\nHội nghị Bộ trưởng Môi trường ASEAN lần thứ 17 đã diễn ra tại Viên Chăn, Lào.\n"
    assert _commitments(_with_model(default_rules(), threshold=0.0001, min_words=1), text) == []


@pytest.mark.parametrize(("line", "written", "field"), [
    (r"  threshold: [0-9.]+", "  threshold: 2", "threshold"),
    (r"  enabled: (?:true|false)", "  enabled: maybe", "enabled"),
    (r"  min_words: \d+", "  min_words: 8\n  extra: 1", "extra"),
    (r"  model: commitment_clauses/vi", "  model: ../../etc", "model"),
])
def test_clause_model_config_malformed_names_file_and_field(tmp_path, line, written, field):
    root = tmp_path / "rules"
    shutil.copytree(Path(str(rules_root())), root)
    path = root / "vi" / "extraction.yaml"
    text, count = re.subn(line, written, path.read_text(encoding="utf-8"), count=1)
    assert count == 1
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleFileError) as error:
        load_rules(root)
    assert "rules/vi/extraction.yaml" in str(error.value) and repr(field) in str(error.value)


def test_clause_model_missing_folder_says_where():
    with pytest.raises(ClauseModelError, match="pipeline/models/commitment_clauses/xx"):
        load_clause_model("commitment_clauses/xx")


def test_clause_model_retrained_is_the_shipped_one(tmp_path):
    """`make model` reproduces the shipped files byte for byte (fixed seed, fixed order of the data)."""
    from pipeline.training import main

    assert main(["--out", str(tmp_path)]) == 0
    for lang in ("vi", "en"):
        shipped = model_folder(f"commitment_clauses/{lang}")
        assert model_digest(tmp_path / "commitment_clauses" / lang) == model_digest(shipped)


def test_model_clause_after_a_model_commitment_of_its_sentence_continues_it():
    """A clause the model takes right after another it took in the same sentence, with nothing carried by the
    rules, continues that commitment (its form, year and actor), as a rule-found one's next clause does (EN-C-28)."""
    before = CommitmentMention(start=0, end=10, text="x" * 10, sentence_index=3, actor="ASEAN", action=None,
                               target=None, target_year=2030, status="planned", binding=False,
                               rule_id="model:en-commitment-clauses", confidence=0.9, form="call")
    context = ClauseContext(sentence_start=0)
    continued = continued_context(context, before, 3)
    assert (continued.carried, continued.carried_year, continued.carried_actor) == ("call", 2030, "ASEAN")
    assert continued_context(context, before, 4) is context  # another sentence
    assert continued_context(context, None, 3) is context
