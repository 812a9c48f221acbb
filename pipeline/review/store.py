"""Decisions in SQLite: an append-only log, one row per decision, never updated.

Each row holds the reviewer, the time, the record before and after, and where its evidence was (document
source and span), so it can be found again after a re-run changes ids. A record's decisions are numbered
1, 2, 3 …; a new decision names the version it was made on, and is refused (`VersionConflict`) when
another tab or reviewer got there first. Every write is one transaction, committed before the request
returns (WAL, synchronous=FULL), so killing the server loses nothing that was answered.

The database lives outside the dataset folder (default `<dataset>.review.sqlite` beside it), because each
pipeline run replaces that folder wholesale.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

SCHEMA_VERSION = "1"
IGNORED_STATUSES = ("unreviewed", "dismissed")
"""Statuses that leave a record as if never decided (a reset, or a stale decision the reviewer dismissed)."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    record_key TEXT NOT NULL,
    version INTEGER NOT NULL,
    kind TEXT NOT NULL,
    record_id TEXT NOT NULL,
    origin TEXT NOT NULL CHECK (origin IN ('pipeline', 'review')),
    doc_id TEXT NOT NULL,
    doc_source TEXT NOT NULL,
    evidence TEXT NOT NULL,
    action TEXT NOT NULL,
    status TEXT NOT NULL,
    changes TEXT NOT NULL,
    before TEXT,
    after TEXT,
    reviewer TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    UNIQUE (record_key, version)
);
CREATE INDEX IF NOT EXISTS decisions_by_source ON decisions (doc_source);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def default_db_path(dataset_folder: Path) -> Path:
    folder = dataset_folder.resolve()
    return folder.with_name(folder.name + ".review.sqlite")


@dataclass(frozen=True)
class Decision:
    record_key: str
    version: int
    kind: str
    record_id: str
    origin: str
    doc_id: str
    doc_source: str
    evidence: dict[str, Any]
    action: str
    status: str
    changes: dict[str, Any]
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    reviewer: str
    decided_at: str

    @property
    def in_force(self) -> bool:
        return self.status not in IGNORED_STATUSES

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


class VersionConflict(RuntimeError):
    """The record changed since the version the reviewer saw."""

    def __init__(self, key: str, expected: int, current: Decision | None):
        self.key, self.expected, self.current = key, expected, current
        who = f"{current.status} by {current.reviewer} at {current.decided_at}" if current else "no decision"
        super().__init__(
            f"This record was changed in another tab or by another reviewer (now version "
            f"{current.version if current else 0}: {who}); you were editing version {expected}. "
            f"Reload the page to see the current state, then decide again."
        )


_COLUMNS = tuple(Decision.__dataclass_fields__)
_JSON_COLUMNS = ("evidence", "changes", "before", "after")


def _decision(row: sqlite3.Row) -> Decision:
    values = {name: row[name] for name in _COLUMNS}
    for name in _JSON_COLUMNS:
        values[name] = json.loads(values[name]) if values[name] is not None else None
    return Decision(**values)


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


class DecisionStore:
    def __init__(self, path: Path):
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as connection:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.executescript(_SCHEMA)
            connection.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
            connection.execute("INSERT OR IGNORE INTO meta VALUES ('csrf_secret', ?)", (secrets.token_urlsafe(32),))

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        connection = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        connection.row_factory = sqlite3.Row
        connection.execute("PRAGMA synchronous=FULL")
        try:
            yield connection
        finally:
            connection.close()

    def csrf_secret(self) -> str:
        """Kept in the database so a restarted server accepts the pages its predecessor served."""
        with self._connect() as connection:
            return connection.execute("SELECT value FROM meta WHERE key = 'csrf_secret'").fetchone()[0]

    def latest(self) -> dict[str, Decision]:
        """The newest decision of every record key."""
        with self._connect() as connection:
            rows = connection.execute(
                "SELECT d.* FROM decisions d JOIN (SELECT record_key, MAX(version) AS v FROM decisions "
                "GROUP BY record_key) m ON d.record_key = m.record_key AND d.version = m.v ORDER BY d.id"
            ).fetchall()
        return {row["record_key"]: _decision(row) for row in rows}

    def history(self, key: str) -> list[Decision]:
        with self._connect() as connection:
            rows = connection.execute("SELECT * FROM decisions WHERE record_key = ? ORDER BY version",
                                      (key,)).fetchall()
        return [_decision(row) for row in rows]

    def count(self) -> int:
        with self._connect() as connection:
            return connection.execute("SELECT COUNT(*) FROM decisions").fetchone()[0]

    def append(self, decision: Decision, expected_version: int) -> Decision:
        """Store `decision` as version expected_version + 1 of its record, or raise VersionConflict."""
        stored = Decision(**{**decision.__dict__, "version": expected_version + 1, "decided_at": now_iso()})
        values = [getattr(stored, name) for name in _COLUMNS]
        values = [json.dumps(v, ensure_ascii=False) if name in _JSON_COLUMNS and v is not None else v
                  for name, v in zip(_COLUMNS, values, strict=True)]
        with self._connect() as connection:
            connection.execute("BEGIN IMMEDIATE")
            try:
                current = connection.execute(
                    "SELECT * FROM decisions WHERE record_key = ? ORDER BY version DESC LIMIT 1",
                    (decision.record_key,)).fetchone()
                if (current["version"] if current else 0) != expected_version:
                    found = _decision(current) if current else None
                    raise VersionConflict(decision.record_key, expected_version, found)
                marks = ", ".join("?" for _ in _COLUMNS)
                connection.execute(f"INSERT INTO decisions ({', '.join(_COLUMNS)}) VALUES ({marks})", values)
                connection.execute("COMMIT")
            except BaseException:
                connection.execute("ROLLBACK")
                raise
        return stored
