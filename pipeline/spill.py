"""Per-document records kept on disk between the documents stage and the final merge.

`finish()` merges meetings and instruments across documents; for that it needs every document's meeting
and instrument drafts and commitments, which are small. The bulk of a run, the documents' texts, their
sentences, entities and area rows, only needs sorting: `finish()` orders those tables by document id
(documents by source), then within each document. So each document's bulk goes through `finish()` on
its own as it arrives (which validates and sorts it), is written to disk, and is read back in document
order when the dataset is written. Memory then grows with the drafts, not with the text of the corpus.
"""

from __future__ import annotations

import pickle
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.assemble import Collected, finish
from pipeline.recognise.entities import Gazetteers

# Tables that finish() only validates and sorts, first by document: (sort key of a document's chunk).
BULK_TABLES = ("documents", "sentences", "entities", "areas")


def _chunk_order(table: str, doc_id: str, source: str) -> tuple[str, ...]:
    return (source, doc_id) if table == "documents" else (doc_id,)


@dataclass
class _Chunk:
    doc_id: str
    source: str
    where: dict[str, tuple[int, int, int] | list]  # table -> (offset, size, rows) on disk, or the rows


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
        for chunk in self._chunks:
            yield from self._spill._rows_of(chunk, self._table)


class RecordSpill:
    """Collects per-document records. The bulk goes to a new hidden folder inside `folder` (removed by
    `close()`); with `folder=None` it stays in memory (small runs, tests)."""

    def __init__(self, gazetteers: Gazetteers, folder: Path | None = None, prefix: str = ".spill-"):
        self._gazetteers = gazetteers
        self._chunks: list[_Chunk] = []
        self.merged = Collected()  # what finish() merges across documents
        self._dir = Path(tempfile.mkdtemp(prefix=prefix, dir=folder)) if folder is not None else None
        self._files = {t: (self._dir / f"{t}.pickle").open("w+b") for t in BULK_TABLES} if self._dir else {}

    def add(self, collected: Collected) -> None:
        """One document's records (in input order: the merge keeps it)."""
        bulk = Collected()
        for name, value in vars(collected).items():  # every list and dict that assemble keeps
            _extend(vars(bulk if name in BULK_TABLES else self.merged), name, value)
        tables = finish(bulk, self._gazetteers)  # validates the document row, sorts within the document
        self.merged.rejects.extend(tables["rejects"])
        first = next((tables[t][0] for t in BULK_TABLES if tables[t]), None)
        if first is None:
            return
        source = tables["documents"][0].source if tables["documents"] else ""
        self._chunks.append(_Chunk(first.doc_id, source, {t: self._store(t, tables[t]) for t in BULK_TABLES}))

    def _store(self, table: str, rows: list) -> tuple[int, int, int] | list:
        if not self._files:
            return rows
        handle = self._files[table]
        data = pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL)
        offset = handle.seek(0, 2)
        handle.write(data)
        return (offset, len(data), len(rows))

    def _row_count(self, chunk: _Chunk, table: str) -> int:
        where = chunk.where[table]
        return where[2] if isinstance(where, tuple) else len(where)

    def _rows_of(self, chunk: _Chunk, table: str) -> list:
        where = chunk.where[table]
        if not isinstance(where, tuple):
            return where
        handle = self._files[table]
        handle.seek(where[0])
        return pickle.loads(handle.read(where[1]))

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
