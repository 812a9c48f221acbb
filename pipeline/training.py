"""`make model`: trains the commitment clause models (`pipeline/extract/clause_model.py`) from the project's own
annotated clauses, one per language, and writes them into the package (`pipeline/models/commitment_clauses/`).

Training data, each clause split by the pipeline's own clause function (`commitments.clauses`):
- the dev split's texts (`corpus/dev/*.txt` with `tests/gold/dev/*.json`), every clause the commitments stage
  reads: a commitment of the form of the gold commitment whose surface covers it, else `none`;
- the clause bank (`tests/gold/clauses/<lang>.jsonl` and `<lang>-<writer>.jsonl`, one file per writer, one
  sentence or short passage a line with its commitments), when present.

Never the test or heldout splits. A fixed seed and a fixed order of the data make the same model every time.
`python -m pipeline.training --folds 5` scores the model on documents it was not trained on (each fold's
documents left out in turn), among the clauses the rules did not take, at several thresholds; with
`--folds-by writer`, each writer's clauses left out in turn.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

from pipeline.evaluate import bank_items, bank_text, load_gold, occurrences
from pipeline.extract.clause_model import NONE_LABEL, ClauseModel, clause_doc, model_folder
from pipeline.extract.commitments import clause_vetoed
from pipeline.ingest.document import build_document
from pipeline.nlp import make_nlp, process_document
from pipeline.recognise.matcher import any_match
from pipeline.rules.loader import RuleSet, default_rules
from pipeline.rules.models import CommitmentForm
from pipeline.schema import CommitmentForm as SchemaForm  # noqa: F401  (the same values: one vocabulary)

FORMS: tuple[str, ...] = tuple(sorted(CommitmentForm.__args__))  # type: ignore[attr-defined]
LABELS = (NONE_LABEL, *FORMS)
SEED = 13
EPOCHS = 12
HASH_LENGTH = 2**15  # word and word-pair hashes: small enough to ship (≈ 1 MB a language), few collisions here
MIN_OVERLAP = 0.5  # of the shorter of a clause and a gold surface, for the clause to take the surface's form
MODEL = "commitment_clauses"
DEFAULT_TEXTS = Path("corpus/dev")
DEFAULT_GOLD = Path("tests/gold/dev")
DEFAULT_BANK = Path("tests/gold/clauses")


@dataclasses.dataclass(frozen=True)
class LabelledClause:
    group: str  # the document or bank sentence it comes from: folds keep a group together
    lang: str
    text: str
    label: str
    taken: bool  # whether the rules took it (only the others are asked at run time)
    vetoed: bool = False  # whether a veto holds for it (then the model's verdict is not used)
    cued: bool = True  # whether it holds a commitment cue (then the rules judged it, and the model is not asked)


def _rules_only(rules: RuleSet) -> RuleSet:
    """The rules with every clause model switched off: the clauses are the rules' own, whatever is shipped."""
    languages = {lang: r.model_copy(update={"clause_model": None}) for lang, r in rules.languages.items()}
    return dataclasses.replace(rules, languages=languages)


def _rules_only_nlp() -> Language:
    nlp = make_nlp()
    nlp.get_pipe("asean_commitments").rules = _rules_only(default_rules())  # type: ignore[attr-defined]
    return nlp


def _label(start: int, end: int, gold_spans: list[tuple[int, int, str]]) -> str:
    """The form of the gold commitment that overlaps text[start:end] most, else none; the overlap is at least
    MIN_OVERLAP of the shorter of the two (a surface leaves out its clause's subject: "ASEAN cũng [thúc giục …]")."""
    best, label = 0, NONE_LABEL
    for a, b, form in gold_spans:
        overlap = min(b, end) - max(a, start)
        if overlap > best and overlap >= MIN_OVERLAP * min(end - start, b - a):
            best, label = overlap, form
    return label


def _gold_spans(text: str, commitments: Iterable[dict[str, Any]]) -> list[tuple[int, int, str]]:
    return [(a, b, item.get("form") or "pledge") for item in commitments
            for a, b in occurrences(text, item["surface"])]


def document_clauses(nlp: Language, rules: RuleSet, group: str, text: str, source: str,
                     commitments: Iterable[dict[str, Any]]) -> Iterator[LabelledClause]:
    """The clauses of a text that the model is asked about at run time (those outside a list frame, whose items
    the frame decides), each labelled by the gold commitments, as the commitments stage splits them."""
    doc = process_document(nlp, build_document(text, source=source))
    spans = _gold_spans(doc.text, commitments)
    starts = [(s.start, s.lang) for s in doc._.sentence_spans]
    anchor = doc._.document.anchor
    min_year = anchor.year if anchor else None
    for start, end, taken, framed in doc._.clauses:
        if framed or not doc.text[start:end].strip():
            continue  # a list's items are its frame's to decide; an empty stretch is no clause to learn from
        lang = max((at, lang) for at, lang in starts if at <= start)[1] if starts else "vi"
        vetoed = clause_vetoed(doc.text, start, end, rules.languages[lang], min_year)
        cued = taken or any_match(rules.languages[lang].commitment_cues, doc.text, start, end)
        yield LabelledClause(group, lang, doc.text[start:end], _label(start, end, spans), taken, vetoed, cued)


def dev_clauses(nlp: Language, rules: RuleSet, texts: Path, gold_dir: Path) -> Iterator[LabelledClause]:
    """Every clause of the dev texts, labelled by their gold."""
    gold = load_gold(gold_dir)
    for doc_id in sorted(gold):
        path = texts / f"{doc_id}.txt"
        yield from document_clauses(nlp, rules, doc_id, path.read_text(encoding="utf-8"), path.name,
                                    gold[doc_id].get("commitments", []))


def bank_files(bank: Path, lang: str) -> list[Path]:
    """A language's bank files, one per writer: `<lang>.jsonl` (the first writer's) and `<lang>-<writer>.jsonl`."""
    return sorted(path for path in bank.glob(f"{lang}*.jsonl") if path.stem == lang or path.stem.startswith(f"{lang}-"))


def bank_clauses(nlp: Language, rules: RuleSet, bank: Path) -> Iterator[LabelledClause]:
    """The clauses of the clause bank's items, each read as a bulletin of its own (`evaluate.bank_text`): a
    sentence (`sentence`) or a passage of a few sentences (`text`). The group names the writer's file, so that
    folds can keep a writer together (`--folds-by writer`)."""
    for lang in ("en", "vi"):
        for path in bank_files(bank, lang):
            for number, item in enumerate(bank_items(path), 1):
                yield from document_clauses(nlp, rules, f"bank:{path.stem}:{item.get('id', number)}", bank_text(item),
                                            f"{path.stem}-{number}.txt", item.get("commitments", []))


def train(examples: list[LabelledClause], lang: str, epochs: int = EPOCHS) -> Language:
    """A bag-of-words text classifier over the clauses of one language, the same for the same data."""
    fix_random_seed(SEED)
    nlp = spacy.blank("xx")
    textcat = nlp.add_pipe("textcat", config={"model": {
        "@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True, "ngram_size": 2,
        "no_output_layer": False, "length": HASH_LENGTH, "nO": None}})
    for label in LABELS:
        textcat.add_label(label)  # type: ignore[attr-defined]
    data = [Example.from_dict(clause_doc(nlp, c.text),
                              {"cats": {label: float(label == c.label) for label in LABELS}})
            for c in examples if c.lang == lang]
    optimizer = nlp.initialize(lambda: data)
    order = random.Random(SEED)
    for _ in range(epochs):
        order.shuffle(data)
        for batch in minibatch(data, size=16):
            nlp.update(batch, sgd=optimizer, drop=0.0)
    nlp.meta.update({"name": f"{MODEL}_{lang}", "version": "1.0.0", "lang": "xx",
                     "description": "commitment clauses (pipeline/training.py): none or the form of the clause"})
    return nlp


def gather(texts: Path, gold: Path, bank: Path) -> list[LabelledClause]:
    nlp, rules = _rules_only_nlp(), default_rules()
    found = list(dev_clauses(nlp, rules, texts, gold)) + list(bank_clauses(nlp, rules, bank))
    return sorted(set(found), key=lambda c: (c.lang, c.group, c.text, c.label, c.taken, c.vetoed, c.cued))


def writer_of(clause: LabelledClause) -> str:
    """Who wrote the clause's text: `dev` for the dev split, else the bank file's name (`vi`, `vi-a`, `en-b`)."""
    return clause.group.split(":")[1] if clause.group.startswith("bank:") else "dev"


def cross_validate(examples: list[LabelledClause], lang: str, folds: int, min_words: int,
                   epochs: int = EPOCHS, by: str = "document") -> list[dict[str, Any]]:
    """The model's verdicts on left-out clauses the rules did not take, per writer and threshold. `by`
    `document`: the documents and bank items in `folds` folds; `writer`: each writer left out in turn (the
    harder test: a writer's manner is not in the training data)."""
    mine = [c for c in examples if c.lang == lang]
    if by == "writer":
        units = sorted({writer_of(c) for c in mine})
        fold_of = {unit: i for i, unit in enumerate(units)}
        unit_of, folds = writer_of, len(units)
    else:
        groups = sorted({c.group for c in mine})
        fold_of = {group: i % folds for i, group in enumerate(groups)}
        unit_of = _group_of
    verdicts: list[tuple[float, str, LabelledClause]] = []
    for fold in range(folds):
        model = ClauseModel(train([c for c in mine if fold_of[unit_of(c)] != fold], lang, epochs), "")
        asked = [c for c in mine if fold_of[unit_of(c)] == fold and not c.taken and not c.vetoed
                 and not c.cued and len(c.text.split()) >= min_words]
        for clause, verdict in zip(asked, model.verdicts([c.text for c in asked]), strict=True):
            verdicts.append((verdict.probability, verdict.form, clause))
    rows = []
    for threshold in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        taken = [(form, c) for p, form, c in verdicts if p >= threshold]
        right = [(form, c) for form, c in taken if c.label != NONE_LABEL]
        for source in sorted({writer_of(c) for _, _, c in verdicts}):
            by_writer = [c for _, c in taken if writer_of(c) == source]
            good = [c for c in by_writer if c.label != NONE_LABEL]
            positives = [c for _, _, c in verdicts if c.label != NONE_LABEL and writer_of(c) == source]
            rows.append({"lang": lang, "threshold": threshold, "source": source, "taken": len(by_writer),
                         "right": len(good), "missed_positives_left": len(positives) - len(good),
                         "positives_untaken": len(positives)})
        rows.append({"lang": lang, "threshold": threshold, "form_right": sum(f == c.label for f, c in right),
                     "of": len(right)})
    return rows


def _group_of(clause: LabelledClause) -> str:
    return clause.group


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.training", description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS)
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--bank", type=Path, default=DEFAULT_BANK)
    parser.add_argument("--out", type=Path, default=None, help="default: the package's pipeline/models/")
    parser.add_argument("--folds", type=int, default=0, help="cross-validate by document instead of training")
    parser.add_argument("--folds-by", choices=("document", "writer"), default="document",
                        help="with --folds: what a fold leaves out (writer: each writer in turn, --folds ignored)")
    parser.add_argument("--min-words", type=int, default=6, help="with --folds: the clauses asked")
    parser.add_argument("--epochs", type=int, default=EPOCHS, help="with --folds: passes over the data")
    args = parser.parse_args(argv)
    examples = gather(args.texts, args.gold, args.bank)
    for lang in ("vi", "en"):
        mine = [c for c in examples if c.lang == lang]
        print(f"{lang}: {len(mine)} clauses, {sum(c.label != NONE_LABEL for c in mine)} commitments", file=sys.stderr)
        if args.folds:
            for row in cross_validate(examples, lang, args.folds, args.min_words, args.epochs, args.folds_by):
                print(json.dumps(row))
            continue
        folder = (args.out / MODEL / lang) if args.out else model_folder(f"{MODEL}/{lang}")
        folder.parent.mkdir(parents=True, exist_ok=True)
        train(examples, lang).to_disk(folder)
        print(f"{lang}: written to {folder}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
