"""The dataset with the decisions applied, for the export and the report.

Rejected records leave, corrections and additions come in, and every reviewable row carries its
`review_status` (accepted, corrected, added, unreviewed, stale). A stale decision is not applied: its
record stays as the pipeline gave it, marked `stale`. References to rejected records are cleared, and the
documents' counts and `review_status` (reviewed, in_progress, unreviewed) follow.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from pipeline.review.records import KINDS, record_id
from pipeline.review.resolve import Resolution

SORT_KEYS = {
    "meetings": lambda r: r["meeting_id"],
    "commitments": lambda r: (r["doc_id"], r["start"], r["end"]),
    "entities": lambda r: (r["doc_id"], r["start"], r["end"], r["label"]),
    "instruments": lambda r: r["instrument_id"],
    "areas": lambda r: (r["doc_id"], r["area"]),
}


@dataclass
class Reviewed:
    tables: dict[str, list[dict[str, Any]]]
    counts: dict[str, int]  # rows per review_status, plus "rejected"
    stale: list[dict[str, str]]  # every decision not applied, with its reason


def reviewed_tables(resolution: Resolution) -> Reviewed:
    dataset = resolution.dataset
    tables: dict[str, list[dict[str, Any]]] = {kind.table: [] for kind in KINDS.values()}
    rejected: set[str] = set()
    counts: Counter[str] = Counter()
    for key, item in dataset.items.items():
        state = resolution.state(key)
        counts[state.status] += 1
        if state.status == "rejected":
            rejected.add(record_id(item.kind, item.record))
        else:
            tables[KINDS[item.kind].table].append({**state.record, "review_status": state.status})
    for state in resolution.states.values():
        if state.added:
            counts[state.status] += 1
            if state.status == "added":
                tables[KINDS[state.kind].table].append({**state.record, "review_status": "added"})
    for name, rows in tables.items():
        rows.sort(key=SORT_KEYS[name])
    _clear_references(tables, rejected)
    tables["documents"] = _documents(resolution, tables)
    tables["sentences"] = [s for doc_id in tables_doc_order(tables) for s in dataset.sentences.get(doc_id, [])]
    stale = [{"record": s.key, "reason": s.note or ""} for s in resolution.states.values() if s.status == "stale"]
    stale += [{"record": o.decision.record_key, "reason": o.reason} for o in resolution.orphans]
    counts["stale"] = len(stale)
    return Reviewed(tables, dict(counts), stale)


def tables_doc_order(tables: dict[str, list[dict[str, Any]]]) -> list[str]:
    return [d["doc_id"] for d in tables["documents"]]


def _clear_references(tables: dict[str, list[dict[str, Any]]], rejected: set[str]) -> None:
    for row in tables["commitments"]:
        if row["meeting_id"] in rejected:
            row["meeting_id"] = None
    for row in tables["instruments"]:
        if row["adopted_at"] in rejected:
            row["adopted_at"] = None
    for row in tables["meetings"]:
        row["outcomes"] = [rid for rid in row["outcomes"] if rid not in rejected]


def _documents(resolution: Resolution, tables: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    per_doc: dict[str, Counter[str]] = {}
    for name in ("entities", "commitments"):
        for row in tables[name]:
            per_doc.setdefault(row["doc_id"], Counter())[name] += 1
    for row in tables["meetings"]:
        for doc_id in {mention["doc_id"] for mention in row["mentions"]}:
            per_doc.setdefault(doc_id, Counter())["meetings"] += 1
    documents = []
    for doc_id, document in resolution.dataset.documents.items():
        counted = per_doc.get(doc_id, Counter())
        documents.append({**document, "n_entities": counted["entities"], "n_meetings": counted["meetings"],
                          "n_commitments": counted["commitments"],
                          "review_status": resolution.progress(doc_id).status})
    return documents
