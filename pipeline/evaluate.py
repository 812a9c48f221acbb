"""Scores a run against gold annotations (GOLD_FORMAT.md): P/R/F1 per record type, attribute accuracy.

A predicted meeting or commitment matches a gold one when one of its spans in the document overlaps the
gold `surface` (every occurrence of the surface counts); each gold item is matched at most once. A missed or
spurious item says why (`why`): a missed one was "merged" into a record matched to another gold item, found
"nothing_there", or has a surface that is not in the text; a spurious one is a "split" of a matched gold item, or
has "no_gold_there". Areas
are compared as sets per document. Attributes are compared only on matched pairs. Two names of one party
("Lancang-Mekong Cooperation" and "Mekong-Lancang Cooperation", "Vietnam" and "Viet Nam") are one actor: an
actor is compared by the party the gazetteers know it as, when they know it; and two names of one body
("Mekong-ROK" and "Mekong-Korea") are one body, compared by its entry in the bodies' gazetteer.
"""

from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pipeline.ingest.normalize import normalize_text
from pipeline.rules.loader import default_rules
from pipeline.rules.models import GazetteerEntry

MEETING_ATTRIBUTES = ("ordinal", "date_start", "date_end", "city", "country", "body", "kind")
COMMITMENT_ATTRIBUTES = ("target_year", "actor", "form")
OPTIONAL_ATTRIBUTES = frozenset({"form", "target_year"})
"""Attributes a gold item may lack (older gold files have no form; the clause bank states no target year): scored
only on the pairs whose gold item states them."""
KINDS = ("areas", "meetings", "commitments")
"""What a gold file annotates, unless it says otherwise (`scored`: the clause bank annotates commitments only)."""


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class Score:
    areas: Counts = field(default_factory=Counts)
    meetings: Counts = field(default_factory=Counts)
    commitments: Counts = field(default_factory=Counts)
    attributes: dict[str, list[bool]] = field(default_factory=lambda: defaultdict(list))
    errors: list[dict[str, Any]] = field(default_factory=list)
    scored: frozenset[str] = frozenset(KINDS)  # the kinds every document of the split annotates

    def add(self, other: Score) -> None:
        self.scored &= other.scored
        self.areas.add(other.areas)
        self.meetings.add(other.meetings)
        self.commitments.add(other.commitments)
        for key, values in other.attributes.items():
            self.attributes[key] += values
        self.errors += other.errors

    def accuracy(self, prefix: str) -> float | None:
        values = [v for key, items in self.attributes.items() if key.startswith(prefix) for v in items]
        return sum(values) / len(values) if values else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "areas": self.areas.as_dict(), "meetings": self.meetings.as_dict(),
            "commitments": self.commitments.as_dict(),
            "meeting_attribute_accuracy": _round(self.accuracy("meeting.")),
            "commitment_attribute_accuracy": _round(self.accuracy("commitment.")),
            "attributes": {k: _round(sum(v) / len(v)) for k, v in sorted(self.attributes.items()) if v},
            "why": self.why_counts(),
            "scored": [kind for kind in KINDS if kind in self.scored],
        }

    def why_counts(self) -> dict[str, int]:
        """How many missed and spurious items each reason accounts for ("commitment.missed: merged"): whether a
        run misses items or only joins or splits them shows without reading a text."""
        counts: dict[str, int] = defaultdict(int)
        for error in self.errors:
            if "why" in error:
                counts[f"{error['type']}: {error['why']}"] += 1
        return dict(sorted(counts.items()))


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    """Every (start, end) of surface in text, comparing normalised forms."""
    needle = normalize_text(surface).strip() if surface else ""
    spans, cursor = [], 0
    while needle:
        found = text.find(needle, cursor)
        if found < 0:
            break
        spans.append((found, found + len(needle)))
        cursor = found + 1
    return spans


def _by_overlap(spans: list[tuple[int, int]], predicted_spans: list[list[tuple[int, int]]]) -> list[int]:
    """The predictions overlapping a gold item, the best-overlapping first."""
    overlapping = [p for p, predicted in enumerate(predicted_spans) if _overlaps(spans, predicted)]
    return sorted(overlapping, key=lambda p: -_overlap_size(spans, predicted_spans[p]))


def _overlap_size(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    return max((min(e1, e2) - max(s1, s2) for s1, e1 in a for s2, e2 in b), default=0)


def _overlaps(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def match(gold_spans: list[list[tuple[int, int]]], predicted_spans: list[list[tuple[int, int]]]):
    """The largest one-to-one matching by overlap (augmenting paths): (gold index, predicted index) pairs.

    Greedy matching in gold order would pair a gold "… (COP28)" with the prediction a later gold "COP28"
    needs, and understate recall."""
    candidates = [_by_overlap(spans, predicted_spans) for spans in gold_spans]
    owner: dict[int, int] = {}  # predicted index -> gold index

    def assign(g: int, seen: set[int]) -> bool:
        for p in candidates[g]:
            if p in seen:
                continue
            seen.add(p)
            if p not in owner or assign(owner[p], seen):
                owner[p] = g
                return True
        return False

    for g in range(len(gold_spans)):
        assign(g, set())
    return sorted((g, p) for p, g in owner.items())


PARTY_LABELS = ("COUNTRY", "GROUPING", "ORG", "BODY")


def _fold(value: str) -> str:
    return unicodedata.normalize("NFC", value).casefold().strip()


@cache
def party_names() -> dict[str, str]:
    """Every name the gazetteers give a party (its names and aliases in both languages) -> the one name the
    pipeline writes for it (the entry's actor, else its English name), all folded."""
    return _gazetteer_names(PARTY_LABELS, lambda entry: entry.actor or entry.name_en)


@cache
def body_names() -> dict[str, str]:
    """Every name the bodies' gazetteer gives a body (its id, names and aliases in both languages) -> its id,
    folded: "Mekong-ROK" and "Mekong-Korea" are one body, as "Viet Nam" and "Vietnam" are one actor."""
    return _gazetteer_names(("BODY",), lambda entry: entry.id, with_id=True)


def _gazetteer_names(labels: tuple[str, ...], known_as: Callable[[GazetteerEntry], str],
                     with_id: bool = False) -> dict[str, str]:
    """Every name (and id, `with_id`) of the entries of the gazetteers of `labels` -> what the entry is known as."""
    names: dict[str, str] = {}
    for gazetteer in default_rules().gazetteers:
        if gazetteer.label not in labels:
            continue
        for entry in gazetteer.entries:
            ids = (entry.id,) if with_id else ()
            for form in (*ids, entry.name_en, entry.name_vi, *entry.aliases_en, *entry.aliases_vi):
                names.setdefault(_fold(form), _fold(known_as(entry)))
    return names


NAMED_BY_GAZETTEER = {"actor": party_names, "body": body_names}
"""Attributes compared by what the gazetteers know a name as, not letter for letter."""


def same_attribute(name: str, gold: Any, predicted: Any) -> bool:
    if isinstance(gold, str) and isinstance(predicted, str):
        gold, predicted = _fold(gold), _fold(predicted)
        if name in NAMED_BY_GAZETTEER:
            names = NAMED_BY_GAZETTEER[name]()
            gold, predicted = names.get(gold, gold), names.get(predicted, predicted)
        return gold == predicted
    return gold == predicted


def _date_end(item: dict[str, Any]) -> Any:
    return item.get("date_end") or item.get("date_start")


def meeting_as_stated_in(meeting: dict[str, Any], doc_id: str) -> dict[str, Any]:
    """A merged meeting as one document states it: attributes from that document's mentions only (the gold
    of a document holds what its text says, not what other documents add)."""
    mentions = [x for x in meeting["mentions"] if x["doc_id"] == doc_id]
    view = dict(meeting)
    for name in ("kind", "body", "ordinal", "city", "country"):
        view[name] = next((x[name] for x in mentions if x.get(name) is not None), None)
    view["kind"] = view["kind"] or meeting["kind"]
    dated = [x for x in mentions if x.get("date_start")]
    best = max(dated, key=lambda x: len(x["date_start"]), default=None)
    view["date_start"] = best["date_start"] if best else None
    view["date_end"] = best["date_end"] if best else None
    return view


def score_document(gold: dict[str, Any], text: str, doc_id: str, tables: dict[str, list[dict]]) -> Score:
    """One document's score on the kinds its gold annotates (all of them, unless it lists them in `scored`)."""
    score = Score(scored=frozenset(gold.get("scored", KINDS)))
    if "areas" in score.scored:
        _score_areas(score, gold, doc_id, tables)
    if "meetings" in score.scored:
        meetings = [meeting_as_stated_in(m, doc_id) for m in tables["meetings"]
                    if any(x["doc_id"] == doc_id for x in m["mentions"])]
        meeting_spans = [[(x["start"], x["end"]) for x in m["mentions"] if x["doc_id"] == doc_id] for m in meetings]
        _score_items(score, "meeting", gold.get("meetings", []), meetings, meeting_spans, text, MEETING_ATTRIBUTES,
                     score.meetings, gold["id"])
    commitments = [c for c in tables["commitments"] if c["doc_id"] == doc_id]
    commitment_spans = [[(c["start"], c["end"])] for c in commitments]
    _score_items(score, "commitment", gold.get("commitments", []), commitments, commitment_spans, text,
                 COMMITMENT_ATTRIBUTES, score.commitments, gold["id"])
    return score


def _score_areas(score: Score, gold: dict[str, Any], doc_id: str, tables: dict[str, list[dict]]) -> None:
    predicted_areas = {row["area"] for row in tables["areas"] if row["doc_id"] == doc_id}
    gold_areas = set(gold.get("areas", []))
    score.areas = Counts(len(gold_areas & predicted_areas), len(predicted_areas - gold_areas),
                         len(gold_areas - predicted_areas))
    sentences = {row["sentence_id"]: row["text"] for row in tables.get("sentences", []) if row["doc_id"] == doc_id}
    _list_area_errors(score, gold["id"], gold_areas, [row for row in tables["areas"] if row["doc_id"] == doc_id],
                      sentences)


def _list_area_errors(score: Score, doc: str, gold_areas: set[str], predicted: list[dict[str, Any]],
                      sentences: dict[str, str]) -> None:
    """A missed area by its key; a spurious one with the rules and the sentences that made it (their text where
    the tables hold the sentences, else their ids)."""
    for area in sorted(gold_areas - {row["area"] for row in predicted}):
        score.errors.append({"doc": doc, "type": "area.missed", "area": area})
    for row in sorted(predicted, key=lambda row: row["area"]):
        if row["area"] not in gold_areas:
            score.errors.append({"doc": doc, "type": "area.spurious", "area": row["area"],
                                 "rule_ids": row.get("rule_ids", []),
                                 "evidence": [sentences.get(sid, sid)[:160] for sid in row.get("evidence", [])]})


def _score_items(score: Score, kind: str, gold_items: list[dict], predicted: list[dict],
                 predicted_spans: list[list[tuple[int, int]]], text: str, attributes: tuple[str, ...],
                 counts: Counts, doc: str) -> None:
    gold_spans = [occurrences(text, item.get("surface", "")) for item in gold_items]
    pairs = match(gold_spans, predicted_spans)
    counts.tp, counts.fp, counts.fn = len(pairs), len(predicted) - len(pairs), len(gold_items) - len(pairs)
    matched_gold = {g for g, _ in pairs}
    matched_predicted = {p for _, p in pairs}
    for g, p in pairs:
        for name in attributes:
            if name in OPTIONAL_ATTRIBUTES and name not in gold_items[g]:
                continue
            gold_value = _date_end(gold_items[g]) if name == "date_end" else gold_items[g].get(name)
            predicted_value = _date_end(predicted[p]) if name == "date_end" else predicted[p].get(name)
            ok = same_attribute(name, gold_value, predicted_value)
            score.attributes[f"{kind}.{name}"].append(ok)
            if not ok:
                score.errors.append({"doc": doc, "type": f"{kind}.{name}", "surface": gold_items[g].get("surface"),
                                     "gold": gold_value, "predicted": predicted_value})
    for g, item in enumerate(gold_items):
        if g not in matched_gold:
            why = _why_missed(gold_spans[g], [predicted_spans[p] for p in matched_predicted])
            score.errors.append({"doc": doc, "type": f"{kind}.missed", "surface": item.get("surface"), "why": why})
    for p in range(len(predicted)):
        if p not in matched_predicted:
            spans = predicted_spans[p]
            shown = text[spans[0][0] : spans[0][1]] if spans else ""
            split = any(_overlaps(gold_spans[g], spans) for g in matched_gold)
            score.errors.append({"doc": doc, "type": f"{kind}.spurious", "surface": shown[:120],
                                 "why": "split" if split else "no_gold_there"})


def _why_missed(spans: list[tuple[int, int]], matched: list[list[tuple[int, int]]]) -> str:
    """Why a gold item found no prediction of its own: its surface is not in the text (an annotation to fix);
    a prediction that matched another gold item covers it too ("merged": the run made one record of two); or
    nothing was predicted there."""
    if not spans:
        return "surface_not_in_text"
    return "merged" if any(_overlaps(spans, predicted) for predicted in matched) else "nothing_there"


def annotation_as_tables(texts_dir: Path, annotation: dict[str, dict[str, Any]]) -> dict[str, list[dict]]:
    """A second annotation of the same texts in the shape of a run's tables (each item at the first place its
    surface occurs), so that `evaluate_tables` scores one annotator against another: how far two people agree
    is the ceiling the pipeline is measured under."""
    tables: dict[str, list[dict]] = {"documents": [], "areas": [], "meetings": [], "commitments": []}
    for doc_id, item in annotation.items():
        text = normalize_text((texts_dir / f"{doc_id}.txt").read_text(encoding="utf-8"))
        tables["documents"].append({"doc_id": doc_id, "source": f"{doc_id}.txt", "text": text,
                                    "lang": item.get("lang", "vi")})
        tables["areas"] += [{"doc_id": doc_id, "area": area} for area in item.get("areas", [])]
        for meeting in item.get("meetings", []):
            attributes = {name: meeting.get(name) for name in MEETING_ATTRIBUTES}
            spans = occurrences(text, meeting.get("surface", ""))[:1]
            tables["meetings"].append({**attributes, "mentions": [
                {**attributes, "doc_id": doc_id, "start": start, "end": end} for start, end in spans]})
        for commitment in item.get("commitments", []):
            spans = occurrences(text, commitment.get("surface", ""))[:1] or [(0, 0)]
            tables["commitments"].append({**{name: commitment.get(name) for name in COMMITMENT_ATTRIBUTES},
                                          "doc_id": doc_id, "start": spans[0][0], "end": spans[0][1]})
    return tables


def load_gold(gold_dir: Path) -> dict[str, dict[str, Any]]:
    return {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in sorted(gold_dir.glob("*.json"))}


BANK_TITLES = {"vi": "Tin hợp tác môi trường", "en": "Environment cooperation news"}
"""A title line above a bank item: a text's first line is its heading, and a heading is never a commitment."""


def bank_items(path: Path) -> list[dict[str, Any]]:
    """The items of a clause bank file (tests/gold/clauses/README.md), one JSON object a line."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def bank_text(item: dict[str, Any]) -> str:
    """A bank item as a bulletin of its own: its title (a general one where it has none), then its sentence or
    passage."""
    return f"{item.get('title') or BANK_TITLES[item['lang']]}\n\n{item.get('text') or item['sentence']}\n"


def bank_gold(item: dict[str, Any]) -> dict[str, Any]:
    """A bank item as gold: its commitments (with their actor and form; a bank states no target year), and its
    meetings and areas where it annotates them (only the kinds it annotates are scored)."""
    gold: dict[str, Any] = {
        "id": item["id"], "lang": item["lang"],
        "scored": [kind for kind in KINDS if kind == "commitments" or kind in item],
        "commitments": [{"surface": c["surface"], "actor": c.get("actor"), "form": c.get("form")}
                        for c in item.get("commitments", [])]}
    gold.update({kind: item[kind] for kind in ("areas", "meetings") if kind in item})
    return gold


def evaluate_tables(tables: dict[str, list[dict]], gold: dict[str, dict[str, Any]]) -> dict[str, Score]:
    """Scores per language ('vi', 'en') and overall ('all') of one run's tables against one gold folder."""
    documents = {Path(d["source"]).stem: d for d in tables["documents"]}
    scores: dict[str, Score] = defaultdict(Score)
    for gold_id, item in gold.items():
        document = documents.get(gold_id)
        if document is None:
            missing = Score()
            missing.meetings.fn = len(item.get("meetings", []))
            missing.commitments.fn = len(item.get("commitments", []))
            missing.areas.fn = len(item.get("areas", []))
            missing.errors.append({"doc": gold_id, "type": "document.missing"})
            result = missing
        else:
            result = score_document(item, document["text"], document["doc_id"], tables)
        scores[item.get("lang", document["lang"] if document else "vi")].add(result)
        scores["all"].add(result)
    return dict(scores)
