"""Decisions attached to the dataset as it is now, which may be a re-run of the one they were made on.

A decision follows its record by id; when ids changed (a document's text changed, so its doc_id and every
id derived from it did), it follows by evidence: the same kind of record, in the document with the same
source, read from the same words (nearest to where they were). A decision whose evidence words are gone
is stale: shown to the reviewer with the reason, never applied, never dropped. A record the reviewer
added is found again by its words in its document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pipeline.review.corrections import CorrectionError, apply_changes, build_addition
from pipeline.review.dataset import Dataset, Item
from pipeline.review.records import PROGRESS_KINDS, EvidenceSpan
from pipeline.review.store import Decision

DECIDED = ("accepted", "rejected", "corrected", "added")


@dataclass(frozen=True)
class ReviewState:
    key: str
    kind: str
    status: str  # unreviewed | accepted | rejected | corrected | added | stale
    version: int  # the version a new decision on `key` must name
    record: dict[str, Any]  # as it stands: corrections applied (the pipeline's record when stale)
    original: dict[str, Any] | None  # the pipeline's record; None for a record the reviewer added
    decision: Decision | None = None
    note: str | None = None  # why it is stale, or how the decision found its record again

    @property
    def added(self) -> bool:
        return self.original is None


@dataclass(frozen=True)
class StaleDecision:
    """A decision that attaches to no record of the current dataset."""

    decision: Decision
    reason: str
    doc_id: str | None  # the current document with the decision's source, if there is one


@dataclass(frozen=True)
class Progress:
    total: int
    decided: int
    stale: int

    @property
    def status(self) -> str:
        if self.total and self.decided == self.total:
            return "reviewed"
        return "in_progress" if self.decided or self.stale else "unreviewed"


@dataclass
class Resolution:
    dataset: Dataset
    latest: dict[str, Decision]
    states: dict[str, ReviewState] = field(default_factory=dict)
    orphans: list[StaleDecision] = field(default_factory=list)

    def version(self, key: str) -> int:
        return self.latest[key].version if key in self.latest else 0

    def state(self, key: str) -> ReviewState:
        """State of a current record or addition; KeyError for a key the dataset does not hold."""
        if key in self.states:
            return self.states[key]
        item = self.dataset.items[key]
        return ReviewState(key, item.kind, "unreviewed", self.version(key), item.record, item.record)

    def additions_in(self, doc_id: str) -> list[ReviewState]:
        return [s for s in self.states.values() if s.added and _doc_of(s.record) == doc_id]

    def orphans_in(self, doc_id: str | None) -> list[StaleDecision]:
        return [o for o in self.orphans if o.doc_id == doc_id]

    def orphan(self, key: str) -> StaleDecision | None:
        return next((o for o in self.orphans if o.decision.record_key == key), None)

    def progress(self, doc_id: str) -> Progress:
        states = [self.state(item.key) for item in self.dataset.items_in(doc_id) if item.kind in PROGRESS_KINDS]
        states += self.additions_in(doc_id)
        stale = sum(s.status == "stale" for s in states) + len(self.orphans_in(doc_id))
        return Progress(len(states), sum(s.status in DECIDED for s in states), stale)


def _doc_of(record: dict[str, Any]) -> str:
    return record["doc_id"] if "doc_id" in record else record["mentions"][0]["doc_id"]


def nearest(spans: list[EvidenceSpan], text: str, start: int) -> EvidenceSpan | None:
    matching = [span for span in spans if span.text == text]
    return min(matching, key=lambda span: abs(span.start - start), default=None)


def locate(text: str, words: str, start: int) -> int | None:
    """Where `words` now are in `text`: at `start` if still there, else the occurrence nearest to it."""
    if text[start : start + len(words)] == words:
        return start
    found, cursor = [], text.find(words)
    while words and cursor >= 0:
        found.append(cursor)
        cursor = text.find(words, cursor + 1)
    return min(found, key=lambda offset: abs(offset - start), default=None)


def _quote(text: str, limit: int = 90) -> str:
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


def resolve(dataset: Dataset, latest: dict[str, Decision]) -> Resolution:
    resolution = Resolution(dataset, latest)
    followed: list[tuple[str, Decision]] = []
    for decision in latest.values():
        if not decision.in_force:
            continue
        doc_id = dataset.doc_by_source.get(decision.doc_source)
        if doc_id is None:
            reason = f"its document {decision.doc_source} is no longer in the dataset"
            resolution.orphans.append(StaleDecision(decision, reason, None))
        elif decision.origin == "review":
            _attach_addition(resolution, decision, doc_id)
        elif decision.record_key in dataset.items:
            _attach_by_id(resolution, dataset.items[decision.record_key], decision, doc_id)
        else:
            new_key = _follow_by_evidence(dataset, decision, doc_id)
            if new_key is None:
                reason = (f"the pipeline no longer gives this record: its evidence "
                          f"{_quote(decision.evidence['text'])} is not in the document any more")
                resolution.orphans.append(StaleDecision(decision, reason, doc_id))
            else:
                followed.append((new_key, decision))
    for new_key, decision in sorted(followed, key=lambda pair: pair[1].decided_at):
        if new_key not in latest:  # a decision made on the new id itself is newer and wins
            note = f"followed its evidence from {decision.record_id} (ids changed in a re-run)"
            _apply(resolution, dataset.items[new_key], decision, resolution.version(new_key), note)
    return resolution


def _attach_by_id(resolution: Resolution, item: Item, decision: Decision, doc_id: str) -> None:
    evidence = decision.evidence
    span = nearest(item.spans_in(doc_id), evidence["text"], evidence["start"])
    if span is None:
        now = item.spans_in(doc_id)
        reason = (f"its evidence changed: it was {_quote(evidence['text'])}, it is now {_quote(now[0].text)}"
                  if now else "the record is no longer found in this document")
        resolution.states[item.key] = ReviewState(item.key, item.kind, "stale", decision.version, item.record,
                                                  item.record, decision, reason)
        return
    moved = span.start != evidence["start"]
    note = f"evidence moved from offset {evidence['start']} to {span.start}" if moved else None
    _apply(resolution, item, decision, decision.version, note)


def _follow_by_evidence(dataset: Dataset, decision: Decision, doc_id: str) -> str | None:
    evidence = decision.evidence
    candidates = dataset.by_evidence.get((decision.kind, evidence.get("discriminator"), doc_id, evidence["text"]), [])
    if not candidates:
        return None
    return min(candidates, key=lambda candidate: abs(candidate[0] - evidence["start"]))[1]


def _apply(resolution: Resolution, item: Item, decision: Decision, version: int, note: str | None) -> None:
    status, record = decision.status, item.record
    if status != "rejected" and decision.changes:
        try:
            record = apply_changes(item.kind, item.record, decision.changes)
        except CorrectionError as error:
            status, note = "stale", f"its correction no longer fits the record as the pipeline now gives it: {error}"
    resolution.states[item.key] = ReviewState(item.key, item.kind, status, version, record, item.record, decision,
                                              note)


def _attach_addition(resolution: Resolution, decision: Decision, doc_id: str) -> None:
    dataset = resolution.dataset
    document = dataset.documents[doc_id]
    words = decision.evidence["text"]
    start = locate(document["text"], words, decision.evidence["start"])
    if start is None:
        reason = f"the words it was added on, {_quote(words)}, are no longer in the document"
        resolution.orphans.append(StaleDecision(decision, reason, doc_id))
        return
    sentence = dataset.sentence_at(doc_id, start) or (dataset.sentences.get(doc_id) or [{"sentence_id": ""}])[0]
    try:
        record = build_addition(decision.kind, decision.record_id, document, sentence["sentence_id"], start,
                                start + len(words), decision.changes)
    except CorrectionError as error:
        resolution.orphans.append(StaleDecision(decision, f"it is no longer a valid record: {error}", doc_id))
        return
    moved = start != decision.evidence["start"]
    notes = [f"its words moved from offset {decision.evidence['start']} to {start}"] if moved else []
    if dataset.by_evidence.get((decision.kind, None, doc_id, words)):
        notes.append(f"the pipeline now gives a {decision.kind} on the same words too: reject one of the two")
    note = "; ".join(notes) or None
    resolution.states[decision.record_key] = ReviewState(decision.record_key, decision.kind, decision.status,
                                                         decision.version, record, None, decision, note)
