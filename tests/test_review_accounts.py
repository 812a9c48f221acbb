"""Reviewers who sign in: the reviewers file, the review-users command, the throttle, and the review command
refusing to share a dataset that no one could sign in to."""

from __future__ import annotations

import io
import re
import select
import signal
import stat
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from pipeline.cli import main
from pipeline.review.accounts import (
    AccountError,
    ReviewerAccounts,
    hash_secret,
    name_key,
    reviewer_name,
    secret_matches,
)
from pipeline.review.store import DecisionStore
from pipeline.review.throttle import LONGEST_WAIT, SignInThrottle
from tests.e2e.support import ROOT, VI_SOURCE, cached_dataset, csrf_token, working_copy

PASSWORD = "correct horse battery"


class Clock:
    def __init__(self, now: float = 1_800_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def accounts(tmp_path: Path) -> ReviewerAccounts:
    return ReviewerAccounts(tmp_path / "reviewers.sqlite")


# --- the reviewers file -------------------------------------------------------------------------------------


def test_review_accounts_file_holds_hashes_not_secrets(accounts: ReviewerAccounts):
    accounts.add("Lan", PASSWORD)
    stored = accounts.path.read_bytes()
    assert PASSWORD.encode() not in stored
    assert b"scrypt$n=16384,r=8,p=5$" in stored


def test_review_accounts_file_is_readable_by_its_owner_only(accounts: ReviewerAccounts):
    assert stat.S_IMODE(accounts.path.stat().st_mode) == 0o600


def test_review_accounts_hash_has_its_own_salt():
    first, second = hash_secret(PASSWORD), hash_secret(PASSWORD)
    assert first != second
    assert secret_matches(PASSWORD, first) and secret_matches(PASSWORD, second)
    assert not secret_matches(PASSWORD + " ", first)


@pytest.mark.parametrize(("asked", "expected"), [("Lan", "Lan"), ("lan", "Lan"), (" LAN ", "Lan"), ("Lan2", None)])
def test_review_accounts_verify_matches_names_whatever_their_case(accounts: ReviewerAccounts, asked, expected):
    accounts.add("Lan", PASSWORD)
    assert accounts.verify(asked, PASSWORD) == expected
    assert accounts.verify(asked, "wrong password") is None


def test_review_accounts_refuses_a_second_reviewer_of_the_same_name(accounts: ReviewerAccounts):
    accounts.add("Lan", PASSWORD)
    with pytest.raises(AccountError, match="already exists; add --replace"):
        accounts.add("LAN", "another password")


def test_review_accounts_replacing_a_secret_ends_the_sessions(accounts: ReviewerAccounts):
    accounts.add("Lan", PASSWORD)
    token, _ = accounts.open_session("Lan", 3600)
    accounts.add("Lan", "a new passphrase", replace=True)
    assert accounts.session(token) is None
    assert accounts.verify("Lan", "a new passphrase") == "Lan" and accounts.verify("Lan", PASSWORD) is None


@pytest.mark.parametrize(("name", "secret", "problem"), [
    ("", PASSWORD, "needs a name"),
    ("x" * 81, PASSWORD, "at most 80"),
    ("Lan\x00", PASSWORD, "control"),
    ("Lan", "short", "at least 8"),
])
def test_review_accounts_refuses_bad_names_and_short_passwords(accounts: ReviewerAccounts, name, secret, problem):
    with pytest.raises(AccountError, match=problem):
        accounts.add(name, secret)


def test_review_accounts_keeps_names_in_nfc():
    assert reviewer_name("Ngo\u0302 Lan") == "Ngô Lan"


@pytest.mark.parametrize("spelling", ["Ngô Lan", "NGÔ LAN", " ngo\u0302 lan ", "Ngo\u0302 Lan"])
def test_review_accounts_name_key_is_one_for_every_spelling_of_a_name(spelling: str):
    assert name_key(spelling) == "ngô lan"


def test_review_accounts_session_ends_at_its_expiry(tmp_path: Path):
    clock = Clock()
    accounts = ReviewerAccounts(tmp_path / "reviewers.sqlite", clock)
    accounts.add("Lan", PASSWORD)
    token, session = accounts.open_session("Lan", 60)
    assert accounts.session(token) == session
    clock.now += 60
    assert accounts.session(token) is None


def test_review_accounts_keeps_sessions_only_as_hashes(accounts: ReviewerAccounts):
    accounts.add("Lan", PASSWORD)
    token, _ = accounts.open_session("Lan", 3600)
    assert token.encode() not in accounts.path.read_bytes()


# --- the throttle -------------------------------------------------------------------------------------------


def test_review_throttle_waits_at_most_fifteen_minutes():
    clock = Clock()
    throttle = SignInThrottle(clock)
    waits = [throttle.failed(("name:lan",)) for _ in range(20)]
    assert waits[:6] == [0, 0, 0, 2, 4, 8]
    assert max(waits) == LONGEST_WAIT == waits[-1]


def test_review_throttle_success_forgets_the_names_failures_only():
    throttle = SignInThrottle(Clock())
    for _ in range(4):
        throttle.failed(("name:lan", "client:10.0.0.9"))
    throttle.succeeded("name:lan")
    assert throttle.wait(("name:lan",)) == 0
    assert throttle.wait(("client:10.0.0.9",)) == 2


def test_review_throttle_forgets_failures_an_hour_after_the_last():
    clock = Clock()
    throttle = SignInThrottle(clock)
    for _ in range(5):
        throttle.failed(("name:lan",))
    clock.now += 3600
    assert throttle.failed(("name:lan",)) == 0  # counted as a first failure again


# --- the review-users command -------------------------------------------------------------------------------


def _users(tmp_path: Path, *args: str) -> list[str]:
    return ["review-users", *args, "--reviewers", str(tmp_path / "reviewers.sqlite")]


def test_review_users_add_list_remove(tmp_path: Path, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    assert main(_users(tmp_path, "add", "Lan", "--password-stdin")) == 0
    assert main(_users(tmp_path, "add", "Minh", "--token")) == 0
    out = capsys.readouterr().out
    token = re.search(r"as their password\): (\S+)", out).group(1)  # type: ignore[union-attr]
    accounts = ReviewerAccounts(tmp_path / "reviewers.sqlite")
    assert accounts.verify("Lan", PASSWORD) == "Lan" and accounts.verify("Minh", token) == "Minh"
    assert token.encode() not in accounts.path.read_bytes()

    assert main(_users(tmp_path, "list")) == 0
    listed = capsys.readouterr().out
    assert "2 reviewer(s)" in listed and "Lan\tpassword" in listed and "Minh\ttoken" in listed
    assert PASSWORD not in listed and token not in listed

    assert main(_users(tmp_path, "remove", "lan")) == 0
    assert "Removed Lan" in capsys.readouterr().out
    assert [r.name for r in accounts.reviewers()] == ["Minh"]


def test_review_users_asks_for_the_password_twice_without_echo(tmp_path: Path, monkeypatch, capsys):
    answers = iter([PASSWORD, PASSWORD + "!"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert main(_users(tmp_path, "add", "Lan")) == 2
    captured = capsys.readouterr()
    assert "differ" in captured.err and PASSWORD not in captured.out + captured.err
    assert ReviewerAccounts(tmp_path / "reviewers.sqlite").reviewers() == []


@pytest.mark.parametrize(("args", "problem"), [
    (("remove", "Nobody"), "no reviewer 'Nobody'"),
    (("add",), "needs the reviewer's NAME"),
])
def test_review_users_says_what_is_wrong(tmp_path: Path, capsys, args, problem):
    assert main(_users(tmp_path, *args)) == 2
    assert problem in capsys.readouterr().err


def test_review_users_file_defaults_beside_the_dataset(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["review-users", "add", "Lan", "--password-stdin", "--out", str(tmp_path / "outputs")]) == 0
    assert (tmp_path / "outputs.reviewers.sqlite").exists()


# --- the review command beyond loopback -----------------------------------------------------------------------


@pytest.fixture
def dataset(tmp_path_factory, tmp_path: Path) -> Path:
    return working_copy(cached_dataset(tmp_path_factory.getbasetemp() / "review-pristine"), tmp_path / "work")


@pytest.mark.parametrize("where", [["--host", "0.0.0.0"], ["--require-sign-in"]])
def test_review_command_refuses_sign_in_without_reviewers(dataset: Path, tmp_path: Path, capsys, where):
    code = main(["review", "--out", str(dataset), "--db", str(tmp_path / "r.sqlite"), "--port", "0", *where])
    assert code == 2
    assert "holds no reviewer yet: add one with `python -m pipeline review-users add NAME" in capsys.readouterr().err
    assert not (dataset.parent / "outputs.reviewers.sqlite").exists()


def test_review_command_refuses_a_fixed_reviewer_name_with_sign_in(dataset: Path, tmp_path: Path, capsys):
    ReviewerAccounts(dataset.parent / "outputs.reviewers.sqlite").add("Lan", PASSWORD)
    code = main(["review", "--out", str(dataset), "--port", "0", "--host", "0.0.0.0", "--reviewer", "bob"])
    assert code == 2 and "--reviewer does not go with sign-in" in capsys.readouterr().err


def test_review_command_beyond_loopback_shows_nothing_before_sign_in(dataset: Path, tmp_path: Path):
    """The issue's target, end to end: `review --host 0.0.0.0` as a process, over real HTTP."""
    reviewers, db = tmp_path / "team.sqlite", tmp_path / "decisions.sqlite"
    ReviewerAccounts(reviewers).add("Lan", PASSWORD)
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "review", "--out", str(dataset), "--db", str(db), "--host", "0.0.0.0",
         "--port", "0", "--reviewers", str(reviewers)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True)
    try:
        ready, _, _ = select.select([process.stdout], [], [], 60)
        line = process.stdout.readline() if ready else ""  # type: ignore[union-attr]
        port = re.search(r"http://0\.0\.0\.0:(\d+)/", line)
        assert port, line
        with httpx.Client(base_url=f"http://127.0.0.1:{port.group(1)}", timeout=10) as client:
            assert client.get("/").headers["location"] == "/sign-in?next=%2F"
            assert client.get("/api/documents").status_code == 401
            form = client.get("/sign-in").text
            token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)  # type: ignore[union-attr]
            signed = client.post("/sign-in", data={"name": "lan", "password": PASSWORD, "csrf_token": token,
                                                   "next": "/"})
            assert signed.status_code == 303
            doc_id = next(d["doc_id"] for d in client.get("/api/documents").json() if d["source"] == VI_SOURCE)
            records = client.get(f"/api/documents/{doc_id}").json()["records"]
            key = next(r["key"] for r in records if r["kind"] == "meeting")
            answer = client.post("/api/decisions", headers={"X-CSRF-Token": csrf_token(client.get("/").text)},
                                 json={"key": key, "action": "accept", "version": 0, "reviewer": "Someone Else",
                                       "doc_id": doc_id})
            assert answer.status_code == 200
    finally:
        process.send_signal(signal.SIGTERM)
        _, errors = process.communicate(timeout=10)
    assert "plain HTTP" in errors
    assert [d.reviewer for d in DecisionStore(db).history(key)] == ["Lan"]

