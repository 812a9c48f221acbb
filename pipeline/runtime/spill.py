"""Per-document records kept between the documents stage and the end of a run: on disk for a large run.

A document's records are prepared where the document was processed (`prepare`, in the worker, and cached
with its result):
- its own tables (its document row, sentences, entities, commitments, area rows), validated, in order, and
  serialised as the JSONL lines of the dataset's files. The run's process files the bytes as they are and the
  writer copies them in document order: nothing is decoded or encoded again. The one field that waits for the
  end is the merged meeting a commitment names; its lines are mended when they are copied.
- its share of the merge across documents (`merge.MergePart`): its meeting groups and instrument drafts,
  pickled, with the few keys the run keeps in memory.

So the run's process keeps, per document, where its bytes are, and per meeting group a few keys: a few
hundred bytes per document here, whatever the size of its records (the manifest entry and the duplicate
index take more). The merged meetings and instruments are written to disk one at a time as they are made.
A `StoredTable` still gives records to whoever iterates it.
"""

from __future__ import annotations

import shutil
import tempfile
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import BaseModel
from pydantic_core import to_json

from pipeline.recognise.entities import Gazetteers
from pipeline.records.assemble import ROW_ORDER, Collected, document_rows
from pipeline.records.merge import MergePart, Merger, prepare_merge
from pipeline.rules.loader import RuleSet
from pipeline.runtime.pickling import register_drafts
from pipeline.schema import TABLES, Commitment, Reject

register_drafts()  # drafts travel pickled: from workers, in the cache, on disk until the merge

# A document's own tables, whose rows go to the dataset as they come from the document.
DOCUMENT_TABLES = ("documents", "sentences", "entities", "commitments", "areas")
# Every table of a run, in the dataset's order.
RUN_TABLES = ("documents", "sentences", "entities", "meetings", "commitments", "instruments", "areas", "rejects")


@dataclass
class DocumentRecords:
    """One document's records, ready for the run: its tables as JSONL lines, its share of the merge."""

    doc_id: str | None  # None when the document gave no row (its drafts and rejects still count)
    source: str
    tables: dict[str, tuple[bytes, int]]  # table -> (JSONL lines, rows)
    meeting_links: list[tuple[int, int]]  # (commitment row, the document's meeting group it names)
    merge: MergePart
    rejects: list[Reject]


def prepare(collected: Collected, rules: RuleSet) -> DocumentRecords:
    """One document's records (all it collected) ready for the run's spill."""
    rejects = list(collected.rejects)
    rows = document_rows(collected, rejects)
    merge, group_of = prepare_merge(collected, rules)
    named = collected.commitment_meetings
    links = [(row, group_of[id(named[c.commitment_id])]) for row, c in enumerate(rows["commitments"])
             if c.commitment_id in named]
    first = next((rows[t][0] for t in DOCUMENT_TABLES if rows[t]), None)
    return DocumentRecords(
        first.doc_id if first is not None else None,
        rows["documents"][0].source if rows["documents"] else "",
        {t: (b"".join(to_json(row) + b"\n" for row in rows[t]), len(rows[t])) for t in DOCUMENT_TABLES},
        links, merge, rejects,
    )


class MemoryStore:
    """Byte strings kept in a list (a small run, tests)."""

    def __init__(self) -> None:
        self._items: list[bytes] = []

    def put(self, data: bytes) -> int:
        self._items.append(data)
        return len(self._items) - 1

    def get(self, ref: int) -> bytes:
        return self._items[ref]

    def close(self) -> None:
        self._items.clear()


class FileStore:
    """Byte strings appended to one file; only their places stay in memory."""

    def __init__(self, path: Path):
        self._file: BinaryIO = path.open("w+b")
        self._offsets, self._sizes = array("q"), array("q")
        self._end = 0
        self._at_end = True  # no seek between puts: a seek flushes the file's buffer, a write per put

    def put(self, data: bytes) -> int:
        if not self._at_end:
            self._file.seek(self._end)
            self._at_end = True
        self._offsets.append(self._end)
        self._sizes.append(len(data))
        self._file.write(data)
        self._end += len(data)
        return len(self._offsets) - 1

    def get(self, ref: int) -> bytes:
        self._file.seek(self._offsets[ref])
        self._at_end = False
        return self._file.read(self._sizes[ref])

    def close(self) -> None:
        self._file.close()


@dataclass(slots=True)
class _Chunk:
    """Where one document's tables are: per table of DOCUMENT_TABLES, its reference and row count."""

    doc_id: str
    source: str
    refs: tuple[int, ...]
    rows: tuple[int, ...]
    meeting_links: list[tuple[int, int]]
    first_group: int  # the run's index of the document's first meeting group


class StoredTable:
    """One table's rows in order, read back from the stores each time it is iterated."""

    def __init__(self, table: str, rows: int, chunks: Callable[[], Iterator[bytes]]):
        self._table, self._rows, self._chunks = table, rows, chunks

    def __len__(self) -> int:
        return self._rows

    def __iter__(self) -> Iterator[Any]:
        model = TABLES[self._table]
        for lines in self.jsonl_chunks():
            yield from (model.model_validate_json(line) for line in lines.splitlines())

    def jsonl_chunks(self) -> Iterator[bytes]:
        """The table's JSONL file, a piece at a time (what the writer copies)."""
        return self._chunks()


class RecordSpill:
    """Collects per-document records. They wait in a new hidden folder inside `folder` (removed by
    `close()`); with `folder=None` they stay in memory (small runs, tests)."""

    def __init__(self, gazetteers: Gazetteers, folder: Path | None = None, prefix: str = ".spill-"):
        self._gazetteers = gazetteers
        self._dir = Path(tempfile.mkdtemp(prefix=prefix, dir=folder)) if folder is not None else None
        self._stores = {name: self._store(name) for name in (*DOCUMENT_TABLES, "meetings", "instruments")}
        self._drafts = self._store("drafts")
        self._merger = Merger(self._drafts)
        self._chunks: list[_Chunk] = []
        self._rejects: list[Reject] = []

    def _store(self, name: str) -> MemoryStore | FileStore:
        return FileStore(self._dir / f"{name}.bin") if self._dir is not None else MemoryStore()

    def add(self, records: DocumentRecords) -> None:
        """One document's records, in input order (the merge keeps it)."""
        first_group = self._merger.add(records.merge)
        self._rejects.extend(records.rejects)
        if records.doc_id is None:
            return
        refs = tuple(self._stores[t].put(records.tables[t][0]) for t in DOCUMENT_TABLES)
        rows = tuple(records.tables[t][1] for t in DOCUMENT_TABLES)
        self._chunks.append(_Chunk(records.doc_id, records.source, refs, rows, records.meeting_links, first_group))

    def tables(self) -> dict[str, Any]:
        """Every table of the run, in the dataset's order: StoredTable on disk, lists in memory. The merged
        meetings and instruments are made here, once."""
        merged: dict[str, list[int]] = {"meetings": [], "instruments": []}

        def emit(table: str, record: BaseModel) -> None:
            merged[table].append(self._stores[table].put(to_json(record) + b"\n"))

        self._merger.finish(self._gazetteers, self._rejects, emit)
        tables: dict[str, Any] = {}
        for name in RUN_TABLES:
            if name == "rejects":
                tables[name] = sorted(self._rejects, key=ROW_ORDER["rejects"])
                continue
            if name in merged:
                table = StoredTable(name, len(merged[name]), self._reader(self._stores[name], merged[name]))
            else:
                table = self._document_table(name)
            tables[name] = table if self._dir is not None else list(table)
        return tables

    def _document_table(self, name: str) -> StoredTable:
        column = DOCUMENT_TABLES.index(name)
        order = (lambda c: (c.source, c.doc_id)) if name == "documents" else (lambda c: c.doc_id)
        chunks = sorted(self._chunks, key=order)
        rows = sum(chunk.rows[column] for chunk in chunks)
        if name == "commitments":
            return StoredTable(name, rows, lambda: (self._commitment_lines(chunk) for chunk in chunks))
        return StoredTable(name, rows, self._reader(self._stores[name], [chunk.refs[column] for chunk in chunks]))

    @staticmethod
    def _reader(store: MemoryStore | FileStore, refs: list[int]) -> Callable[[], Iterator[bytes]]:
        return lambda: (store.get(ref) for ref in refs)

    def _commitment_lines(self, chunk: _Chunk) -> bytes:
        """A document's commitments, each with the id of the merged meeting it names."""
        lines = self._stores["commitments"].get(chunk.refs[DOCUMENT_TABLES.index("commitments")])
        if not chunk.meeting_links:
            return lines
        rows = lines.splitlines(keepends=True)
        for row, group in chunk.meeting_links:
            if (meeting := self._merger.meeting_of(chunk.first_group + group)) is not None:
                commitment = Commitment.model_validate_json(rows[row]).model_copy(update={"meeting_id": meeting})
                rows[row] = to_json(commitment) + b"\n"
        return b"".join(rows)

    def close(self) -> None:
        for store in (*self._stores.values(), self._drafts):
            store.close()
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)


def tables_of(documents: Iterable[Collected], gazetteers: Gazetteers) -> dict[str, list]:
    """The tables of a run over these documents (one `Collected` per document, in input order), in memory."""
    spill = RecordSpill(gazetteers)
    try:
        for collected in documents:
            spill.add(prepare(collected, gazetteers.rules))
        return spill.tables()
    finally:
        spill.close()
