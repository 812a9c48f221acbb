"""The review server as an analyst runs it: `python -m pipeline review`, killed without warning."""

from __future__ import annotations

import signal
import socket
from pathlib import Path

import httpx
import pytest

from pipeline.cli import main
from pipeline.review.store import DecisionStore
from tests.e2e.support import VI_SOURCE, cached_dataset, csrf_token, start_review_server, working_copy
from tests.test_review_api import Reviewer

ADDED_WORDS = "đóng góp tích cực vào quá trình xây dựng Kế hoạch chiến lược"


@pytest.fixture
def dataset(tmp_path_factory, tmp_path: Path) -> Path:
    return working_copy(cached_dataset(tmp_path_factory.getbasetemp() / "review-pristine"), tmp_path / "work")


def test_review_server_killed_mid_review_loses_no_decision(dataset: Path, tmp_path: Path):
    db = tmp_path / "decisions.sqlite"
    local = Reviewer(dataset, tmp_path / "scratch.sqlite")  # reads the dataset only, to pick records
    doc_id = local.doc_id(VI_SOURCE)
    records = local.document(VI_SOURCE)["records"]
    meeting = next(r["key"] for r in records if r["kind"] == "meeting")
    commitment = next(r["key"] for r in records if r["kind"] == "commitment")
    text = local.document(VI_SOURCE)["document"]["text"]
    start = text.index(ADDED_WORDS)

    process, url = start_review_server(dataset, db)
    try:
        with httpx.Client(base_url=url, timeout=10) as client:
            token = csrf_token(client.get(f"/documents/{doc_id}").text)
            headers = {"X-CSRF-Token": token}
            common = {"version": 0, "reviewer": "Lan", "doc_id": doc_id}
            assert client.post("/api/decisions", headers=headers,
                               json={"key": meeting, "action": "accept", **common}).status_code == 200
            assert client.post("/api/decisions", headers=headers, json={
                "key": commitment, "action": "correct", "changes": {"target_year": "2049"}, **common}
            ).status_code == 200
            added = client.post("/api/additions", headers=headers, json={
                "doc_id": doc_id, "kind": "commitment", "start": start, "end": start + len(ADDED_WORDS),
                "reviewer": "Lan", "fields": {}})
            assert added.status_code == 201
    finally:
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=10)
    assert process.returncode == -signal.SIGKILL

    assert len(DecisionStore(db).latest()) == 3  # on disk, before anything reopens it
    process, url = start_review_server(dataset, db)
    try:
        with httpx.Client(base_url=url, timeout=10) as client:
            states = {r["key"]: r for r in client.get(f"/api/documents/{doc_id}").json()["records"]}
            assert states[meeting]["status"] == "accepted"
            assert (states[commitment]["status"], states[commitment]["record"]["target_year"]) == ("corrected", 2049)
            assert states[added.json()["decision"]["record_key"]]["status"] == "added"
            # a tab opened before the kill still works: the CSRF token outlives the process
            answer = client.post("/api/decisions", headers={"X-CSRF-Token": token}, json={
                "key": meeting, "action": "reject", "version": 1, "reviewer": "Lan", "doc_id": doc_id})
            assert answer.status_code == 200
    finally:
        process.terminate()
        process.communicate(timeout=10)


def test_review_command_refuses_a_folder_that_is_not_a_dataset(tmp_path: Path, capsys):
    assert main(["review", "--out", str(tmp_path), "--port", "0"]) == 2
    assert "not a dataset" in capsys.readouterr().err


def test_review_command_says_when_the_port_is_taken(dataset: Path, tmp_path: Path, capsys):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        code = main(["review", "--out", str(dataset), "--db", str(tmp_path / "r.sqlite"), "--port", str(port)])
    assert code == 2 and "choose another --port" in capsys.readouterr().err


def test_export_command_needs_something_to_export(dataset: Path, capsys):
    assert main(["export", "--out", str(dataset)]) == 2
    assert "--reviewed" in capsys.readouterr().err
