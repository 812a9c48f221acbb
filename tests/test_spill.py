"""Tests of pipeline/runtime/spill.py and the merge's store: a run's records wait on disk, not in its memory."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from pipeline.recognise.entities import gazetteers_for
from pipeline.records.assemble import InstrumentDraft, MeetingDraft
from pipeline.rules.loader import default_rules
from pipeline.runtime.spill import FileStore, MemoryStore, RecordSpill
from pipeline.runtime.work import process_file
from pipeline.schema import Commitment, Meeting

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _alive(kind: type) -> int:
    gc.collect()
    return sum(isinstance(thing, kind) for thing in gc.get_objects())


@pytest.fixture(scope="module")
def prepared() -> list:
    """The prepared records of the bundled bulletins of the dev set, as workers hand them over."""
    files = sorted((CORPUS / "dev").glob("*.txt"))
    return [process_file(path, path.parent, None, 5_000_000).records for path in files]


def test_spill_keeps_no_draft_or_commitment_in_memory(prepared, tmp_path):
    kinds = (MeetingDraft, InstrumentDraft, Commitment, Meeting)
    alive = {kind: _alive(kind) for kind in kinds}  # what other tests of the session may hold
    spill = RecordSpill(gazetteers_for(default_rules()), tmp_path)
    try:
        for records in prepared:
            spill.add(records)
        assert {kind: _alive(kind) for kind in kinds} == alive, "until the end, only keys and places are kept"
        tables = spill.tables()
        assert _alive(MeetingDraft) == alive[MeetingDraft], "merged meetings are made one at a time"
        meetings, commitments = list(tables["meetings"]), list(tables["commitments"])
        assert meetings and [m.meeting_id for m in meetings] == sorted(m.meeting_id for m in meetings)
        ids = {m.meeting_id for m in meetings}
        linked = [c for c in commitments if c.meeting_id is not None]
        assert linked and all(c.meeting_id in ids for c in linked), "commitments name their merged meeting"
        stored = sorted(path.name for path in next(tmp_path.iterdir()).iterdir())
        assert "drafts.bin" in stored and "meetings.bin" in stored
    finally:
        spill.close()


@pytest.mark.parametrize("store", [MemoryStore, FileStore])
def test_spill_store_gives_back_what_it_was_given(store, tmp_path):
    made = store() if store is MemoryStore else store(tmp_path / "blobs.bin")
    refs = [made.put(data) for data in (b"one", b"", b"three\n" * 1000)]
    assert [made.get(ref) for ref in reversed(refs)] == [b"three\n" * 1000, b"", b"one"]
    made.close()
