"""The decisions store: an append-only log with a version per record, refusing stale versions."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from pipeline.review.store import Decision, DecisionStore, VersionConflict, default_db_path


def _decision(key: str = "commitment:com-000000000001", status: str = "accepted", reviewer: str = "lan") -> Decision:
    kind, rid = key.split(":", 1)
    return Decision(record_key=key, version=0, kind=kind, record_id=rid, origin="pipeline", doc_id="doc-000000000001",
                    doc_source="a.txt", evidence={"start": 0, "end": 4, "text": "Text", "discriminator": None},
                    action="accept", status=status, changes={}, before={"x": 1}, after={"x": 1}, reviewer=reviewer,
                    decided_at="")


def test_review_store_default_db_lives_beside_the_dataset_folder(tmp_path: Path):
    assert default_db_path(tmp_path / "outputs") == tmp_path / "outputs.review.sqlite"


def test_review_store_numbers_decisions_per_record(tmp_path: Path):
    store = DecisionStore(tmp_path / "r.sqlite")
    first = store.append(_decision(), 0)
    second = store.append(_decision(status="rejected"), 1)
    assert (first.version, second.version) == (1, 2)
    assert store.latest()["commitment:com-000000000001"].status == "rejected"
    assert [d.status for d in store.history("commitment:com-000000000001")] == ["accepted", "rejected"]


def test_review_store_keeps_reviewer_time_before_and_after(tmp_path: Path):
    store = DecisionStore(tmp_path / "r.sqlite")
    stored = store.append(_decision(reviewer="Nguyễn Lan"), 0)
    again = DecisionStore(tmp_path / "r.sqlite").history(stored.record_key)[0]
    assert again.reviewer == "Nguyễn Lan"
    assert again.decided_at.endswith("Z") and again.decided_at[:2] == "20"
    assert again.before == {"x": 1} and again.after == {"x": 1}


def test_review_store_refuses_a_stale_version(tmp_path: Path):
    store = DecisionStore(tmp_path / "r.sqlite")
    store.append(_decision(reviewer="tab one"), 0)
    with pytest.raises(VersionConflict) as conflict:
        store.append(_decision(status="rejected", reviewer="tab two"), 0)
    assert "another tab" in str(conflict.value) and "tab one" in str(conflict.value)
    assert store.count() == 1


def test_review_store_lets_one_of_two_racing_writers_win(tmp_path: Path):
    store = DecisionStore(tmp_path / "r.sqlite")
    outcomes: list[str] = []
    barrier = threading.Barrier(8)

    def write(index: int) -> None:
        barrier.wait(timeout=5)
        try:
            DecisionStore(tmp_path / "r.sqlite").append(_decision(reviewer=f"w{index}"), 0)
            outcomes.append("saved")
        except VersionConflict:
            outcomes.append("conflict")

    threads = [threading.Thread(target=write, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert sorted(outcomes) == ["conflict"] * 7 + ["saved"]
    assert store.count() == 1


def test_review_store_keeps_its_csrf_secret_across_restarts(tmp_path: Path):
    assert DecisionStore(tmp_path / "r.sqlite").csrf_secret() == DecisionStore(tmp_path / "r.sqlite").csrf_secret()


def test_review_store_uses_write_ahead_logging(tmp_path: Path):
    DecisionStore(tmp_path / "r.sqlite")
    with sqlite3.connect(tmp_path / "r.sqlite") as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
