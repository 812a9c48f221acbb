"""Per-document records kept on disk between the documents stage and the final merge.

`finish()` merges meetings and instruments across documents; for that it needs every document's meeting
and instrument drafts and commitments, which are small. The bulk of a run, the documents' texts, their
sentences, entities and area rows, only needs sorting: `finish()` orders those tables by document id
(documents by source), then within each document. So each document's bulk goes through `finish()` on
its own (which validates and sorts it) where the document was processed (`prepare_bulk`, in the worker,
and cached with its result), arrives here already as the JSONL lines of the dataset's files, is written to
disk as it is, and is copied into the dataset in document order. Memory then grows with the drafts, not
with the text of the corpus, and neither the run's process nor a re-run from the cache decodes or encodes
the bulk again (a `SpilledTable` still gives records to whoever iterates it).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic_core import to_json

from pipeline.assemble import Collected, finish
from pipeline.recognise.entities import Gazetteers
from pipeline.schema import TABLES

# Tables that finish() only validates and sorts, first by document: (sort key of a document's chunk).
BULK_TABLES = ("documents", "sentences", "entities", "areas")


def _chunk_order(table: str, doc_id: str, source: str) -> tuple[str, ...]:
    return (source, doc_id) if table == "documents" else (doc_id,)


@dataclass
class BulkChunk:
    """One document's bulk tables, validated, sorted and serialised: table -> (JSONL lines, row count)."""

    doc_id: str | None  # None when the document gave no bulk row (its rejects still count)
    source: str
    tables: dict[str, tuple[bytes, int]]
    rejects: list


def prepare_bulk(collected: Collected, gazetteers: Gazetteers) -> BulkChunk:
    """Take the bulk tables out of `collected` (which keeps what the merge needs) and prepare them."""
    bulk = Collected()
    for table in BULK_TABLES:
        setattr(bulk, table, getattr(collected, table))
        setattr(collected, table, [])
    tables = finish(bulk, gazetteers)  # validates the document row, sorts within the document
    first = next((tables[t][0] for t in BULK_TABLES if tables[t]), None)
    source = tables["documents"][0].source if tables["documents"] else ""
    return BulkChunk(
        first.doc_id if first is not None else None, source,
        {t: (b"".join(to_json(row) + b"\n" for row in tables[t]), len(tables[t])) for t in BULK_TABLES},
        tables["rejects"],
    )


@dataclass
class _Chunk:
    doc_id: str
    source: str
    where: dict[str, tuple[int, int, int] | tuple[bytes, int]]  # table -> (offset, size, rows) on disk,
    # or (JSONL lines, rows) in memory


class SpilledTable:
    """One table's rows in order, read back chunk by chunk each time it is iterated."""

    def __init__(self, spill: RecordSpill, table: str):
        self._spill, self._table = spill, table
        chunks = spill._chunks
        self._chunks = sorted(chunks, key=lambda c: _chunk_order(table, c.doc_id, c.source))
        self._rows = sum(spill._row_count(c, table) for c in chunks)

    def __len__(self) -> int:
        return self._rows

    def __iter__(self) -> Iterator[Any]:
        model = TABLES[self._table]
        for lines in self.jsonl_chunks():
            yield from (model.model_validate_json(line) for line in lines.splitlines())

    def jsonl_chunks(self) -> Iterator[bytes]:
        """The table's JSONL file, a document at a time (what the writer copies)."""
        for chunk in self._chunks:
            yield self._spill._lines_of(chunk, self._table)


class RecordSpill:
    """Collects per-document records. The bulk goes to a new hidden folder inside `folder` (removed by
    `close()`); with `folder=None` it stays in memory (small runs, tests)."""

    def __init__(self, gazetteers: Gazetteers, folder: Path | None = None, prefix: str = ".spill-"):
        self._gazetteers = gazetteers
        self._chunks: list[_Chunk] = []
        self.merged = Collected()  # what finish() merges across documents
        self._dir = Path(tempfile.mkdtemp(prefix=prefix, dir=folder)) if folder is not None else None
        self._files = {t: (self._dir / f"{t}.jsonl").open("w+b") for t in BULK_TABLES} if self._dir else {}

    def add(self, collected: Collected, bulk: BulkChunk | None = None) -> None:
        """One document's records (in input order: the merge keeps it); `bulk` is its bulk tables when they
        were prepared already (by `prepare_bulk`, where the document was processed)."""
        if bulk is None:
            bulk = prepare_bulk(collected, self._gazetteers)
        for name, value in vars(collected).items():  # every list and dict that the merge needs
            if name not in BULK_TABLES:
                _extend(vars(self.merged), name, value)
        self.merged.rejects.extend(bulk.rejects)
        if bulk.doc_id is None:
            return
        self._chunks.append(_Chunk(bulk.doc_id, bulk.source,
                                   {t: self._store(t, *bulk.tables[t]) for t in BULK_TABLES}))

    def _store(self, table: str, data: bytes, rows: int) -> tuple[int, int, int] | tuple[bytes, int]:
        if not self._files:
            return (data, rows)
        handle = self._files[table]
        offset = handle.seek(0, 2)
        handle.write(data)
        return (offset, len(data), rows)

    def _row_count(self, chunk: _Chunk, table: str) -> int:
        return chunk.where[table][-1]

    def _lines_of(self, chunk: _Chunk, table: str) -> bytes:
        where = chunk.where[table]
        if isinstance(where[0], bytes):
            return where[0]
        handle = self._files[table]
        handle.seek(where[0])
        return handle.read(where[1])

    def tables(self) -> dict[str, Any]:
        """Every table of the run, in finish()'s order: merged ones as lists, bulk ones as SpilledTable
        (or lists when kept in memory)."""
        tables: dict[str, Any] = finish(self.merged, self._gazetteers)
        for table in BULK_TABLES:
            spilled = SpilledTable(self, table)
            tables[table] = spilled if self._files else list(spilled)
        return tables

    def close(self) -> None:
        for handle in self._files.values():
            handle.close()
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)


def _extend(target: dict[str, Any], name: str, value: Any) -> None:
    """Add one document's list (or dict) of records to the run's."""
    if name not in target:
        target[name] = type(value)()
    if isinstance(value, dict):
        target[name].update(value)
    else:
        target[name].extend(value)
