"""Reviewed data out: the dataset with decisions applied, and reviewed documents as gold files.

    python -m pipeline export --reviewed [--out outputs] [--to outputs-reviewed] [--db outputs.review.sqlite]
    python -m pipeline export --gold more-gold/          # texts/<id>.txt + gold/<id>.json (GOLD_FORMAT.md)

The reviewed dataset has the pipeline's tables (JSONL, CSV, Parquet and one DuckDB file, written as the pipeline
writes its own, JSON Schema per table and the data package) with rejected records
removed, corrections and additions in, and a `review_status` column; `review.json` says what was applied
and lists every stale decision that was not. It is written beside and swapped in whole, like a run.
Gold files are written for documents whose meetings, commitments and areas all carry a decision, so
review work grows the evaluation set (`python -m pipeline eval --texts DIR/texts --gold DIR/gold`).
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError, create_model

from pipeline.evaluate import meeting_as_stated_in
from pipeline.output.package import write_package
from pipeline.output.writer import TOOL_NAME, OutputError, write_schemas, write_tabular
from pipeline.review.dataset import load_dataset
from pipeline.review.resolve import Resolution, resolve
from pipeline.review.reviewed import Reviewed, reviewed_tables
from pipeline.review.store import DecisionStore
from pipeline.schema import TABLES, Sentence

EXPORT_KIND = "reviewed-export"
GOLD_MEETING_FIELDS = ("kind", "ordinal", "body", "partners", "date_start", "date_end", "city", "country")


class RecordStatus(StrEnum):
    accepted = "accepted"
    corrected = "corrected"
    added = "added"
    unreviewed = "unreviewed"
    stale = "stale"


class DocumentStatus(StrEnum):
    reviewed = "reviewed"
    in_progress = "in_progress"
    unreviewed = "unreviewed"


def reviewed_model(table: str) -> type[BaseModel]:
    """The table's model plus a `review_status` field (sentences are evidence, copied as they are)."""
    if table == "sentences":
        return Sentence
    status = DocumentStatus if table == "documents" else RecordStatus
    return create_model(f"Reviewed{TABLES[table].__name__}", __base__=TABLES[table],
                        review_status=(status, ...))


def open_review(dataset_folder: Path, db_path: Path) -> tuple[Resolution, DecisionStore]:
    if not db_path.exists():
        raise OutputError(f"no review database at {db_path}: review the dataset first "
                          f"(python -m pipeline review --out {dataset_folder}) or give --db")
    store = DecisionStore(db_path)
    return resolve(load_dataset(dataset_folder), store.latest()), store


# --- the reviewed dataset ------------------------------------------------------------------------------


@dataclass
class ExportResult:
    folder: Path
    reviewed: Reviewed
    rejects: int


def export_reviewed(resolution: Resolution, store: DecisionStore, to: Path) -> ExportResult:
    to = to.resolve()
    if to == resolution.dataset.folder:
        raise OutputError("--to must not be the dataset folder itself: the pipeline's own output stays as it is")
    _check_export_target(to)
    reviewed = reviewed_tables(resolution)
    staging = to.with_name(f"{to.name}.tmp-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    (staging / "schema").mkdir(parents=True)
    rejects = []
    try:
        models = {table: reviewed_model(table) for table in reviewed.tables}
        valid: dict[str, list[BaseModel]] = {table: [] for table in reviewed.tables}
        for table, rows in reviewed.tables.items():
            for row in rows:
                try:
                    valid[table].append(models[table].model_validate(row))
                except ValidationError as error:
                    rejects.append({"table": table, "reason": str(error), "record": row})
        write_tabular(staging, valid, models)  # JSONL, CSV, Parquet and DuckDB, as the pipeline writes them
        write_schemas(staging, models)
        write_package(staging, models)  # datapackage.json: the same tables, review_status included
        _write_jsonl(staging / "rejects.jsonl", rejects)
        summary = _summary(resolution, store, reviewed, len(rejects))
        (staging / "review.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", "utf-8")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap_in(staging, to)
    return ExportResult(to, reviewed, len(rejects))


def _check_export_target(to: Path) -> None:
    if to.exists() and not to.is_dir():
        raise OutputError(f"--to {to} is a file, not a folder")
    if to.is_dir() and any(to.iterdir()):
        try:
            marker = json.loads((to / "review.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            marker = {}
        if marker.get("tool") != TOOL_NAME or marker.get("kind") != EXPORT_KIND:
            raise OutputError(f"--to {to} holds files that are not a reviewed export of this tool; refusing to "
                              f"overwrite it. Choose an empty or new folder.")


def _write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def _summary(resolution: Resolution, store: DecisionStore, reviewed: Reviewed, rejects: int) -> dict[str, Any]:
    manifest = resolution.dataset.manifest
    return {
        "tool": TOOL_NAME, "kind": EXPORT_KIND,
        "dataset": str(resolution.dataset.folder), "decisions_db": str(store.path),
        "dataset_version": manifest.get("version"), "rules_sha256": manifest.get("rules_sha256"),
        "decisions": store.count(), "records_by_review_status": dict(sorted(reviewed.counts.items())),
        "rows": {table: len(rows) for table, rows in reviewed.tables.items()}, "rejects": rejects,
        "stale_decisions_not_applied": reviewed.stale,
    }


def _swap_in(staging: Path, folder: Path) -> None:
    backup = folder.with_name(folder.name + ".previous")
    shutil.rmtree(backup, ignore_errors=True)
    if folder.exists():
        folder.rename(backup)
    staging.rename(folder)
    shutil.rmtree(backup, ignore_errors=True)


# --- gold files ----------------------------------------------------------------------------------------


def gold_id(source: str, taken: set[str], doc_id: str) -> str:
    stem = Path(source).stem
    return stem if stem not in taken else f"{stem}-{doc_id.split('-')[1][:6]}"


def gold_for_document(resolution: Resolution, reviewed: Reviewed, document: dict[str, Any], gid: str) -> dict:
    doc_id = document["doc_id"]
    meetings = []
    for meeting in reviewed.tables["meetings"]:
        mentions = [m for m in meeting["mentions"] if m["doc_id"] == doc_id]
        if not mentions:
            continue
        view = meeting_as_stated_in(meeting, doc_id)
        state = resolution.states.get(f"meeting:{meeting['meeting_id']}")
        if state and state.decision and state.status != "stale":  # the reviewer's corrections are the truth
            view.update({k: v for k, v in state.decision.changes.items() if k in GOLD_MEETING_FIELDS})
        surface = min((m["text"] for m in mentions), key=len)
        meetings.append({"surface": surface, **{name: view[name] for name in GOLD_MEETING_FIELDS}})
    commitments = [{"surface": c["text"], "actor": c["actor"], "target_year": c["target_year"], "form": c["form"],
                    "areas": c["areas"]}
                   for c in reviewed.tables["commitments"] if c["doc_id"] == doc_id]
    areas = sorted(row["area"] for row in reviewed.tables["areas"] if row["doc_id"] == doc_id)
    return {"id": gid, "lang": document["lang"], "areas": areas, "meetings": meetings, "commitments": commitments}


def export_gold(resolution: Resolution, to: Path) -> list[str]:
    """texts/<id>.txt and gold/<id>.json for every fully reviewed document; the ids written."""
    reviewed = reviewed_tables(resolution)
    (to / "texts").mkdir(parents=True, exist_ok=True)
    (to / "gold").mkdir(parents=True, exist_ok=True)
    written: list[str] = []
    for doc_id, document in resolution.dataset.documents.items():
        if resolution.progress(doc_id).status != "reviewed":
            continue
        gid = gold_id(document["source"], set(written), doc_id)
        gold = gold_for_document(resolution, reviewed, document, gid)
        (to / "texts" / f"{gid}.txt").write_text(document["text"], encoding="utf-8", newline="\n")
        (to / "gold" / f"{gid}.json").write_text(json.dumps(gold, ensure_ascii=False, indent=2) + "\n",
                                                 encoding="utf-8", newline="\n")
        written.append(gid)
    return written

