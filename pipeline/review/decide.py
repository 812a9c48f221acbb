"""A reviewer's action on a record -> one stored decision (or a clear refusal).

Actions: accept, reject, correct (changes of fields), reset (back to unreviewed), dismiss (a stale decision
the reviewer has seen), and add (a meeting or commitment the pipeline missed, on selected words).
Corrections accumulate: a decision stores every field that differs from the pipeline's record, so a
later accept keeps an earlier correction, and setting a field back to the pipeline's value drops it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pipeline.review.corrections import addition_id, apply_changes, build_addition, coerce
from pipeline.review.records import ADDABLE_KINDS, KINDS, discriminator, record_id
from pipeline.review.resolve import Resolution, ReviewState
from pipeline.review.store import Decision, DecisionStore, VersionConflict

ACTIONS = ("accept", "reject", "correct", "reset", "dismiss")
MAX_REVIEWER_LENGTH = 80


class DecisionRefused(ValueError):
    """The request cannot become a decision; `status_code` says how the web app answers."""

    def __init__(self, message: str, status_code: int = 400):
        self.status_code = status_code
        super().__init__(message)


def reviewer_name(name: str | None) -> str:
    name = (name or "").strip()
    if not name:
        raise DecisionRefused("Enter your name in the Reviewer box first: every decision records who made it.")
    if len(name) > MAX_REVIEWER_LENGTH:
        raise DecisionRefused(f"A reviewer name is at most {MAX_REVIEWER_LENGTH} characters.")
    return name


def decide(store: DecisionStore, resolution: Resolution, key: str, action: str, version: int, reviewer: str,
           doc_id: str | None = None, changes: dict[str, Any] | None = None) -> Decision:
    reviewer = reviewer_name(reviewer)
    if action not in ACTIONS:
        raise DecisionRefused(f"Unknown action {action!r}; use one of {', '.join(ACTIONS)}.")
    if action == "dismiss":
        return _dismiss(store, resolution, key, version, reviewer)
    try:
        state = resolution.state(key)
    except KeyError:
        raise DecisionRefused(f"No record {key} in this dataset.", 404) from None
    carried = state.decision.changes if state.decision and state.status != "stale" else {}
    if action == "correct":
        status, after, kept = _corrected(resolution, state, carried, coerce(state.kind, changes or {}))
    elif action == "accept":
        status = "added" if state.added else "corrected" if carried else "accepted"
        after, kept = state.record, carried
    elif action == "reject":
        status, after, kept = "rejected", None, carried
    elif state.added:
        raise DecisionRefused("A record you added cannot be reset; reject it to remove it.")
    else:
        status, after, kept = "unreviewed", state.original, {}
    decision = _decision(resolution, state, doc_id, action, status, kept, state.record, after, reviewer)
    return store.append(decision, version)


def _corrected(resolution: Resolution, state: ReviewState, carried: dict[str, Any], new: dict[str, Any]):
    if state.added:
        kept = {**carried, **new}
        return "added", _rebuilt_addition(resolution, state, kept), kept
    original = state.original or state.record  # not an addition, so the pipeline's record
    after = apply_changes(state.kind, original, {**carried, **new})
    if state.kind == "area" and after["area"] != original["area"]:
        if f"area:{after['doc_id']}:{after['area']}" in resolution.dataset.items:
            raise DecisionRefused(f"This document already has a row for area {after['area']}: reject this row "
                                  f"instead of correcting it into a duplicate.", 422)
    kept = {name: after[name] for name in KINDS[state.kind].editable if after[name] != original[name]}
    return ("corrected" if kept else "accepted"), after, kept


def _rebuilt_addition(resolution: Resolution, state: ReviewState, fields: dict[str, Any]) -> dict[str, Any]:
    record = state.record
    span = record["mentions"][0] if state.kind == "meeting" else record
    document = resolution.dataset.documents[span["doc_id"]]
    rid = record_id(state.kind, record)
    return build_addition(state.kind, rid, document, span["sentence_id"], span["start"], span["end"], fields)


def _evidence(resolution: Resolution, state: ReviewState, doc_id: str | None) -> tuple[str, dict[str, Any]]:
    """(doc_id, evidence) of the record where the reviewer saw it: its span in that document."""
    if state.added:
        span = state.record["mentions"][0] if state.kind == "meeting" else state.record
        doc, start, end, text = span["doc_id"], span["start"], span["end"], span["text"]
    else:
        item = resolution.dataset.items[state.key]
        spans = item.spans_in(doc_id) if doc_id else []
        first = (spans or list(item.spans))[0] if item.spans else None
        if first is None:
            doc, start, end, text = state.record["doc_id"], 0, 0, ""
        else:
            doc, start, end, text = first.doc_id, first.start, first.end, first.text
    evidence = {"start": start, "end": end, "text": text, "discriminator": discriminator(state.kind, state.record)}
    return doc, evidence


def _decision(resolution: Resolution, state: ReviewState, doc_id: str | None, action: str, status: str,
              changes: dict[str, Any], before: dict[str, Any] | None, after: dict[str, Any] | None,
              reviewer: str) -> Decision:
    evidence_doc, evidence = _evidence(resolution, state, doc_id)
    kind, rid = state.key.split(":", 1)
    return Decision(
        record_key=state.key, version=0, kind=kind, record_id=rid, origin="review" if state.added else "pipeline",
        doc_id=evidence_doc, doc_source=resolution.dataset.documents[evidence_doc]["source"], evidence=evidence,
        action=action, status=status, changes=changes, before=before, after=after, reviewer=reviewer,
        decided_at="",
    )


def _dismiss(store: DecisionStore, resolution: Resolution, key: str, version: int, reviewer: str) -> Decision:
    stale = resolution.orphan(key)
    if stale is None:
        raise DecisionRefused(f"{key} has no stale decision to dismiss.", 404)
    dismissed = replace(stale.decision, action="dismiss", status="dismissed", before=stale.decision.after,
                        after=None, reviewer=reviewer)
    return store.append(dismissed, version)


def add(store: DecisionStore, resolution: Resolution, doc_id: str, kind: str, start: int, end: int,
        fields: dict[str, Any], reviewer: str) -> Decision:
    """A meeting or commitment the pipeline missed, on document.text[start:end] (trimmed of spaces)."""
    reviewer = reviewer_name(reviewer)
    if kind not in ADDABLE_KINDS:
        raise DecisionRefused(f"Only a {' or a '.join(ADDABLE_KINDS)} can be added, not {kind!r}.")
    document = resolution.dataset.documents.get(doc_id)
    if document is None:
        raise DecisionRefused(f"No document {doc_id} in this dataset.", 404)
    text = document["text"]
    if not 0 <= start < end <= len(text):
        raise DecisionRefused(f"The selection {start}-{end} is outside the document's text (0-{len(text)}).")
    start += len(text[start:end]) - len(text[start:end].lstrip())
    end -= len(text[start:end]) - len(text[start:end].rstrip())
    if start >= end:
        raise DecisionRefused("Select the words of the meeting or commitment first.")
    same_words = resolution.dataset.by_evidence.get((kind, None, doc_id, text[start:end]), [])
    if any(offset == start for offset, _ in same_words):
        raise DecisionRefused(f"The pipeline already gives a {kind} on exactly these words: correct that one "
                              f"instead.", 409)
    values = coerce(kind, fields)
    rid = addition_id(kind, document["source"], start, end, text[start:end])
    sentence = resolution.dataset.sentence_at(doc_id, start)
    if sentence is None:
        raise DecisionRefused("The selection is not inside a sentence of the document.")
    record = build_addition(kind, rid, document, sentence["sentence_id"], start, end, values)
    decision = Decision(
        record_key=f"{kind}:{rid}", version=0, kind=kind, record_id=rid, origin="review", doc_id=doc_id,
        doc_source=document["source"], evidence={"start": start, "end": end, "text": text[start:end],
                                                 "discriminator": None},
        action="add", status="added", changes=values, before=None, after=record, reviewer=reviewer, decided_at="",
    )
    try:
        return store.append(decision, 0)
    except VersionConflict as conflict:
        by = f" (by {conflict.current.reviewer} at {conflict.current.decided_at})" if conflict.current else ""
        raise DecisionRefused(f"These words were already added as a {kind}{by}; reload the page to see it.",
                              409) from None
