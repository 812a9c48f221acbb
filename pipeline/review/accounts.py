"""Who may review when the app is shared: reviewers, their hashed secrets and their sessions, in SQLite.

    accounts = ReviewerAccounts(Path("outputs.reviewers.sqlite"))
    accounts.add("Lan", "a long passphrase")
    accounts.verify("lan", "a long passphrase")   # -> "Lan" (names match whatever their case)

The file lives outside the dataset folder (default `<dataset>.reviewers.sqlite` beside it), because each
pipeline run replaces that folder whole, and apart from the decisions database, because decisions are
copied and exported and credentials are not. Only its owner may read it (mode 0600).

A secret is a password the reviewer chose or a token generated for them; either is kept only as an scrypt
hash with its own random salt, the cost written beside it so it can be raised later. A session is a random
token in the reviewer's cookie, kept here only as its SHA-256: neither a copy of this file nor a look at it
lets anyone sign in. Removing a reviewer ends their sessions at once, even in a running server.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import sqlite3
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

MAX_NAME_LENGTH = 80
MIN_PASSWORD_LENGTH = 8
SCRYPT_COST = {"n": 2**14, "r": 8, "p": 5}
"""One of OWASP's recommended scrypt settings (16 MiB, five lanes): dear for a guesser, bearable per sign-in."""
SCRYPT_MAXMEM = 64 * 1024 * 1024
KINDS = ("password", "token")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS reviewers (
    key TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    secret_hash TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('password', 'token')),
    added_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
    token_sha256 TEXT PRIMARY KEY,
    reviewer_key TEXT NOT NULL,
    csrf_token TEXT NOT NULL,
    expires_at REAL NOT NULL
);
"""


class AccountError(ValueError):
    """A reviewer cannot be added, removed or named like that; the message says why."""


@dataclass(frozen=True)
class Reviewer:
    name: str
    kind: str
    added_at: str
    sessions: int


@dataclass(frozen=True)
class Session:
    """A signed-in reviewer: the name every decision is recorded under, and the CSRF token of their pages."""

    reviewer: str
    csrf_token: str
    expires_at: float


def default_reviewers_path(dataset_folder: Path) -> Path:
    folder = dataset_folder.resolve()
    return folder.with_name(folder.name + ".reviewers.sqlite")


def reviewer_name(name: str) -> str:
    """The name as it is kept and shown: NFC, trimmed, 1-80 characters, no control characters."""
    name = unicodedata.normalize("NFC", name).strip()
    if not name:
        raise AccountError("a reviewer needs a name")
    if len(name) > MAX_NAME_LENGTH:
        raise AccountError(f"a reviewer name is at most {MAX_NAME_LENGTH} characters")
    if any(unicodedata.category(c).startswith("C") for c in name):
        raise AccountError("a reviewer name cannot hold control or invisible characters")
    return name


def _key(name: str) -> str:
    """What makes two names the same reviewer: 'Lan' and 'lan' are one."""
    return reviewer_name(name).casefold()


def name_key(name: str) -> str:
    """The same key for any name typed at sign-in, even one that could name no reviewer (it never raises)."""
    return unicodedata.normalize("NFC", name).strip().casefold()


def hash_secret(secret: str) -> str:
    """`scrypt$n=…,r=…,p=…$salt$hash` (base64): the cost travels with the hash."""
    salt = secrets.token_bytes(16)
    digest = _scrypt(secret, salt, SCRYPT_COST)
    cost = ",".join(f"{k}={v}" for k, v in SCRYPT_COST.items())
    return f"scrypt${cost}${_b64(salt)}${_b64(digest)}"


def secret_matches(secret: str, stored: str) -> bool:
    scheme, cost, salt, digest = stored.split("$")
    if scheme != "scrypt":
        return False
    params = {k: int(v) for k, v in (item.split("=") for item in cost.split(","))}
    return hmac.compare_digest(_scrypt(secret, base64.b64decode(salt), params), base64.b64decode(digest))


def _scrypt(secret: str, salt: bytes, cost: dict[str, int]) -> bytes:
    return hashlib.scrypt(secret.encode("utf-8"), salt=salt, n=cost["n"], r=cost["r"], p=cost["p"],
                          maxmem=SCRYPT_MAXMEM, dklen=32)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


@cache
def _decoy_hash() -> str:
    """Checked against when the name is unknown, so a wrong name costs as long as a wrong password."""
    return hash_secret(secrets.token_urlsafe(16))


def _sha256(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    """A generated secret for a reviewer (or a script) that should not choose one: 192 random bits."""
    return secrets.token_urlsafe(24)


class ReviewerAccounts:
    def __init__(self, path: Path, clock: Callable[[], float] = time.time):
        self.path, self.clock = path, clock
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():  # created readable by its owner only, before anything is written into it
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        with self._connect() as connection:
            connection.executescript(_SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        connection = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        connection.row_factory = sqlite3.Row
        try:
            yield connection
        finally:
            connection.close()

    # --- reviewers (the review-users command) -----------------------------------------------------------

    def add(self, name: str, secret: str, kind: str = "password", replace: bool = False) -> str:
        """Keep `name` with the hash of `secret`; replacing a reviewer's secret ends their sessions."""
        name = reviewer_name(name)
        if kind not in KINDS:
            raise AccountError(f"unknown kind of secret {kind!r}")
        if kind == "password" and len(secret) < MIN_PASSWORD_LENGTH:
            raise AccountError(f"a password has at least {MIN_PASSWORD_LENGTH} characters")
        hashed = hash_secret(secret)
        added = datetime.fromtimestamp(self.clock(), UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
        with self._connect() as connection:
            connection.execute("BEGIN IMMEDIATE")
            exists = connection.execute("SELECT name FROM reviewers WHERE key = ?", (_key(name),)).fetchone()
            if exists and not replace:
                connection.execute("ROLLBACK")
                raise AccountError(f"reviewer {exists['name']!r} already exists; add --replace to give them a new "
                                   f"secret (their sessions end)")
            connection.execute("DELETE FROM sessions WHERE reviewer_key = ?", (_key(name),))
            connection.execute("INSERT OR REPLACE INTO reviewers VALUES (?, ?, ?, ?, ?)",
                               (_key(name), name, hashed, kind, added))
            connection.execute("COMMIT")
        return name

    def remove(self, name: str) -> str:
        with self._connect() as connection:
            connection.execute("BEGIN IMMEDIATE")
            found = connection.execute("SELECT name FROM reviewers WHERE key = ?", (_key(name),)).fetchone()
            if found is None:
                connection.execute("ROLLBACK")
                raise AccountError(f"no reviewer {name!r} in {self.path}")
            connection.execute("DELETE FROM sessions WHERE reviewer_key = ?", (_key(name),))
            connection.execute("DELETE FROM reviewers WHERE key = ?", (_key(name),))
            connection.execute("COMMIT")
        return found["name"]

    def reviewers(self) -> list[Reviewer]:
        with self._connect() as connection:
            rows = connection.execute(
                "SELECT r.name, r.kind, r.added_at, (SELECT COUNT(*) FROM sessions s WHERE s.reviewer_key = r.key "
                "AND s.expires_at > ?) AS sessions FROM reviewers r ORDER BY r.key", (self.clock(),)).fetchall()
        return [Reviewer(row["name"], row["kind"], row["added_at"], row["sessions"]) for row in rows]

    # --- signing in (the app) ---------------------------------------------------------------------------

    def verify(self, name: str, secret: str) -> str | None:
        """The reviewer's kept name when `secret` is theirs, else None (as slowly for an unknown name)."""
        try:
            key = _key(name)
        except AccountError:
            key = ""
        with self._connect() as connection:
            row = connection.execute("SELECT name, secret_hash FROM reviewers WHERE key = ?", (key,)).fetchone()
        matches = secret_matches(secret, row["secret_hash"] if row else _decoy_hash())
        return row["name"] if row and matches else None

    def open_session(self, name: str, seconds: float) -> tuple[str, Session]:
        """A new session for a verified reviewer: (the cookie's token, the session). Expired ones are cleared."""
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        expires = self.clock() + seconds
        with self._connect() as connection:
            connection.execute("DELETE FROM sessions WHERE expires_at <= ?", (self.clock(),))
            connection.execute("INSERT INTO sessions VALUES (?, ?, ?, ?)", (_sha256(token), _key(name), csrf, expires))
        return token, Session(reviewer_name(name), csrf, expires)

    def session(self, token: str) -> Session | None:
        """The session this cookie's token opened, while it lasts and its reviewer is still kept."""
        with self._connect() as connection:
            row = connection.execute(
                "SELECT r.name, s.csrf_token, s.expires_at FROM sessions s JOIN reviewers r ON r.key = s.reviewer_key "
                "WHERE s.token_sha256 = ? AND s.expires_at > ?", (_sha256(token), self.clock())).fetchone()
        return Session(row["name"], row["csrf_token"], row["expires_at"]) if row else None

    def close_session(self, token: str) -> None:
        with self._connect() as connection:
            connection.execute("DELETE FROM sessions WHERE token_sha256 = ?", (_sha256(token),))


def has_reviewers(path: Path) -> bool:
    """Whether anyone could sign in with this file (without creating it when it is missing)."""
    return path.exists() and bool(ReviewerAccounts(path).reviewers())
