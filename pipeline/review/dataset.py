"""A dataset folder read into the indexes review needs.

Only the folder's own table files (`<table>.jsonl`, `manifest.json`) are ever opened, by fixed names: no
path that comes from a request reaches the file system. The pipeline replaces the folder on every run, so
`DatasetCache` reloads when the manifest changes, and keeps the last good copy while a swap is under way.
"""

from __future__ import annotations

import json
import re
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, BinaryIO

from pipeline.output.writer import is_dataset
from pipeline.review.records import KIND_BY_TABLE, KINDS, EvidenceSpan, discriminator, evidence_spans, record_key


class DatasetError(RuntimeError):
    """The folder is not a dataset this tool wrote, or cannot be read."""


@dataclass(frozen=True)
class Item:
    """One reviewable record of the dataset."""

    key: str
    kind: str
    record: dict[str, Any]
    spans: tuple[EvidenceSpan, ...]

    def spans_in(self, doc_id: str) -> list[EvidenceSpan]:
        return [span for span in self.spans if span.doc_id == doc_id]


@dataclass
class Dataset:
    folder: Path
    manifest: dict[str, Any]
    documents: dict[str, dict[str, Any]]
    sentences: dict[str, list[dict[str, Any]]]
    items: dict[str, Item]
    doc_keys: dict[str, list[str]] = field(default_factory=dict)
    by_evidence: dict[tuple, list[tuple[int, str]]] = field(default_factory=dict)
    doc_by_source: dict[str, str] = field(default_factory=dict)

    @cached_property
    def doc_order(self) -> tuple[list[str], dict[str, int]]:
        """The documents' ids in order, and each one's position (a report asks for every document's neighbours:
        looking them up in a fresh list each time took time growing with the square of the corpus)."""
        ids = list(self.documents)
        return ids, {doc_id: position for position, doc_id in enumerate(ids)}

    def sentence_index(self, doc_id: str) -> dict[str, dict[str, Any]]:
        return {s["sentence_id"]: s for s in self.sentences.get(doc_id, [])}

    def sentence_at(self, doc_id: str, offset: int) -> dict[str, Any] | None:
        return next((s for s in self.sentences.get(doc_id, []) if s["start"] <= offset < s["end"]), None)

    def items_in(self, doc_id: str) -> list[Item]:
        return [self.items[key] for key in self.doc_keys.get(doc_id, [])]


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_dataset(folder: Path) -> Dataset:
    folder = folder.resolve()
    if not is_dataset(folder):
        raise DatasetError(f"{folder} is not a dataset of this tool (no manifest.json); run the pipeline first")
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        documents = {d["doc_id"]: d for d in read_jsonl(folder / "documents.jsonl")}
        sentences: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for sentence in read_jsonl(folder / "sentences.jsonl"):
            sentences[sentence["doc_id"]].append(sentence)
        tables = {kind.name: read_jsonl(folder / f"{kind.table}.jsonl") for kind in KINDS.values()}
    except (OSError, ValueError, KeyError) as error:
        raise DatasetError(f"cannot read the dataset in {folder}: {error}") from error
    dataset = Dataset(folder, manifest, documents, dict(sentences), items={})
    _index(dataset, tables)
    return dataset


def _index(dataset: Dataset, tables: dict[str, list[dict[str, Any]]]) -> None:
    sentence_by_id = {s["sentence_id"]: s for rows in dataset.sentences.values() for s in rows}
    doc_keys: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    by_evidence: dict[tuple, list[tuple[int, str]]] = defaultdict(list)
    for kind_order, (kind, rows) in enumerate(tables.items()):
        for record in rows:
            key = record_key(kind, record)
            spans = evidence_spans(kind, record, sentence_by_id)
            dataset.items[key] = Item(key, kind, record, spans)
            for doc_id, first in _first_starts(spans, record).items():
                doc_keys[doc_id].append((kind_order, first, key))
            for span in spans:
                by_evidence[(kind, discriminator(kind, record), span.doc_id, span.text)].append((span.start, key))
    dataset.doc_keys = {doc_id: [key for *_, key in sorted(keys)] for doc_id, keys in doc_keys.items()}
    dataset.by_evidence = dict(by_evidence)
    dataset.doc_by_source = {d["source"]: doc_id for doc_id, d in dataset.documents.items()}


def _first_starts(spans: tuple[EvidenceSpan, ...], record: dict[str, Any]) -> dict[str, int]:
    """Where the record is first read in each document that states it, in one pass over its spans (a
    meeting of a large corpus has thousands of mentions); its own document at 0 when it has no span."""
    firsts: dict[str, int] = {}
    for span in spans:
        firsts[span.doc_id] = min(span.start, firsts.get(span.doc_id, span.start))
    return firsts or {record["doc_id"]: 0}


class DatasetCache:
    """The dataset of a folder, reloaded when the pipeline has written a new one."""

    def __init__(self, folder: Path):
        self.folder = folder.resolve()
        self._lock = threading.Lock()
        self._stamp: tuple | None = None
        self._dataset = load_dataset(self.folder)
        self._stamp = self._current_stamp()

    def _current_stamp(self) -> tuple | None:
        try:
            stat = (self.folder / "manifest.json").stat()
        except OSError:
            return None
        return (stat.st_ino, stat.st_mtime_ns, stat.st_size)

    def get(self) -> Dataset:
        stamp = self._current_stamp()
        if stamp is None or stamp == self._stamp:
            return self._dataset
        with self._lock:
            if stamp != self._stamp:
                try:
                    self._dataset, self._stamp = load_dataset(self.folder), stamp
                except DatasetError:
                    pass  # a run is swapping the folder in: serve the last good dataset, retry next time
        return self._dataset


# --- a page of documents at a time ----------------------------------------------------------------------

_DOC_ID = re.compile(rb'"doc_id":"([^"\\]*)"')
"""A doc_id field in a JSONL line; inside a string every quote is escaped, so text never matches."""
PER_DOCUMENT_TABLES = ("documents", "sentences", "entities", "commitments", "areas")
"""Tables whose rows belong to one document each; the writer keeps a document's rows next to each other."""


SHARED_TABLES = ("meetings", "instruments")
"""Tables whose records are mentioned by several documents each."""


class DatasetPages:
    """A dataset read a few documents at a time, for the report of a large run: one pass over each table
    notes where each document's lines are (byte offsets), and `load` reads only the lines of the documents
    asked for, so memory stays that of a page, not of the corpus. A meeting or instrument that several
    documents mention is copied once per document into `workdir`, with only that document's mentions (a
    meeting of a large corpus is mentioned thousands of times: reading all of them for every page took
    seconds a page)."""

    def __init__(self, folder: Path, workdir: Path):
        self.folder = folder.resolve()
        if not is_dataset(self.folder):
            raise DatasetError(f"{self.folder} is not a dataset of this tool (no manifest.json)")
        self.manifest = json.loads((self.folder / "manifest.json").read_text(encoding="utf-8"))
        self.paths = {table: self.folder / f"{table}.jsonl" for table in PER_DOCUMENT_TABLES}
        self.paths.update({table: _split_by_document(self.folder / f"{table}.jsonl", workdir / f"{table}.jsonl")
                           for table in SHARED_TABLES})
        self.lines = {table: _line_offsets(path, grouped=table in PER_DOCUMENT_TABLES)
                      for table, path in self.paths.items()}
        self.doc_ids = list(self.lines["documents"])

    def load(self, doc_ids: list[str]) -> Dataset:
        """The dataset of these documents: their rows, and the meetings and instruments they mention."""
        rows = {table: self._rows(table, doc_ids) for table in self.lines}
        for table in SHARED_TABLES:
            rows[table] = _rejoin(rows[table], KIND_BY_TABLE[table].id_field or "")
        documents = {document["doc_id"]: document for document in rows["documents"]}
        sentences: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for sentence in rows["sentences"]:
            sentences[sentence["doc_id"]].append(sentence)
        dataset = Dataset(self.folder, self.manifest, documents, dict(sentences), items={})
        _index(dataset, {kind.name: rows[kind.table] for kind in KINDS.values()})
        return dataset

    def _rows(self, table: str, doc_ids: list[str]) -> list[dict[str, Any]]:
        """The table's lines of these documents, each once, in the file's order."""
        spans = sorted({span for doc_id in doc_ids for span in self.lines[table].get(doc_id, [])})
        with self.paths[table].open("rb") as handle:
            return [json.loads(line) for offset, length in spans
                    for line in _read(handle, offset, length).splitlines() if line.strip()]


def _split_by_document(path: Path, into: Path) -> Path:
    """Each record of `path` once per document it mentions, with that document's mentions (and its other
    per-document lists, such as a meeting's attribute evidence) only."""
    with path.open(encoding="utf-8") as source, into.open("w", encoding="utf-8") as target:
        for line in source:
            if line.strip():
                for copy in _per_document_copies(json.loads(line)):
                    target.write(json.dumps(copy, ensure_ascii=False, separators=(",", ":")) + "\n")
    return into


def _per_document_lists(record: dict[str, Any]) -> list[str]:
    """The record's fields that list items of several documents (items with a doc_id)."""
    return [name for name, value in record.items()
            if isinstance(value, list) and value and all(isinstance(item, dict) and "doc_id" in item for item in value)]


def _per_document_copies(record: dict[str, Any]) -> list[dict[str, Any]]:
    fields = _per_document_lists(record)
    copies: dict[str, dict[str, Any]] = {}
    for mention in record["mentions"]:
        copies.setdefault(mention["doc_id"], {**record, **{name: [] for name in fields}})
    for name in fields:
        for item in record[name]:
            if item["doc_id"] in copies:
                copies[item["doc_id"]][name].append(item)
    return list(copies.values())


def _rejoin(copies: list[dict[str, Any]], id_field: str) -> list[dict[str, Any]]:
    """The per-document copies of the same record made one again (with the lists of these documents)."""
    joined: dict[str, dict[str, Any]] = {}
    for copy in copies:
        key = copy[id_field]
        if key in joined:
            for name in _per_document_lists(copy):
                joined[key][name] = joined[key][name] + copy[name]
        else:
            joined[key] = copy
    return list(joined.values())


def _read(handle: BinaryIO, offset: int, length: int) -> bytes:
    handle.seek(offset)
    return handle.read(length)


def _line_offsets(path: Path, grouped: bool) -> dict[str, list[tuple[int, int]]]:
    """doc_id -> (offset, length) of the lines that name it. `grouped`: a line names one document, and a
    document's lines follow each other, so they make one span."""
    spans: dict[str, list[tuple[int, int]]] = {}
    offset = 0
    with path.open("rb") as handle:
        for line in handle:
            for doc_id in dict.fromkeys(match.decode("utf-8") for match in _DOC_ID.findall(line)):
                found = spans.setdefault(doc_id, [])
                if grouped and found and sum(found[-1]) == offset:
                    found[-1] = (found[-1][0], found[-1][1] + len(line))
                elif grouped and found:
                    raise DatasetError(f"{path.name}: the rows of {doc_id} are not next to each other")
                else:
                    found.append((offset, len(line)))
            offset += len(line)
    return spans
