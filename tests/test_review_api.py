"""The review app through its HTTP interface: pages, decisions, conflicts, validation, security."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from pipeline.review.app import create_app
from tests.e2e.support import EN_SOURCE, HOSTILE_SOURCE, VI_SOURCE, cached_dataset, csrf_token, working_copy


@pytest.fixture(scope="session")
def pristine(tmp_path_factory) -> Path:
    return cached_dataset(tmp_path_factory.getbasetemp() / "review-pristine")


class Reviewer:
    """A test client that reads the CSRF token from the page, as the browser does."""

    def __init__(self, dataset: Path, db: Path, name: str = "tester"):
        self.dataset, self.db, self.name = dataset, db, name
        self.client = TestClient(create_app(dataset, db, reviewer=name), base_url="http://127.0.0.1")
        self.token = csrf_token(self.client.get("/").text)

    def rows(self, table: str) -> list[dict]:
        return [json.loads(line) for line in (self.dataset / f"{table}.jsonl").read_text("utf-8").splitlines()]

    def doc_id(self, source: str) -> str:
        return next(d["doc_id"] for d in self.rows("documents") if d["source"] == source)

    def document(self, source: str) -> dict:
        return self.client.get(f"/api/documents/{self.doc_id(source)}").json()

    def state(self, source: str, key: str) -> dict:
        return next(r for r in self.document(source)["records"] if r["key"] == key)

    def decide(self, key: str, action: str, version: int = 0, source: str = VI_SOURCE, changes=None, token=None):
        body = {"key": key, "action": action, "version": version, "reviewer": self.name,
                "doc_id": self.doc_id(source), "changes": changes}
        return self.client.post("/api/decisions", json=body, headers={"X-CSRF-Token": token or self.token})

    def add(self, source: str, words: str, kind: str = "commitment", fields=None, pad: int = 0):
        text = next(d["text"] for d in self.rows("documents") if d["source"] == source)
        start = text.index(words)
        body = {"doc_id": self.doc_id(source), "kind": kind, "start": start - pad, "end": start + len(words) + pad,
                "reviewer": self.name, "fields": fields or {}}
        return self.client.post("/api/additions", json=body, headers={"X-CSRF-Token": self.token})


@pytest.fixture
def reviewer(pristine: Path, tmp_path: Path) -> Reviewer:
    return Reviewer(working_copy(pristine, tmp_path / "work"), tmp_path / "review.sqlite")


def _first(reviewer: Reviewer, kind: str, source: str = VI_SOURCE) -> str:
    return next(r["key"] for r in reviewer.document(source)["records"] if r["kind"] == kind)


# --- pages ---------------------------------------------------------------------------------------------


def test_review_index_lists_documents_with_counts_and_progress(reviewer: Reviewer):
    page = reviewer.client.get("/")
    assert page.status_code == 200
    listed = reviewer.client.get("/api/documents").json()
    assert {d["source"] for d in listed} == {VI_SOURCE, EN_SOURCE, HOSTILE_SOURCE}
    vi = next(d for d in listed if d["source"] == VI_SOURCE)
    assert vi["counts"]["meeting"] == sum(1 for m in reviewer.rows("meetings")
                                          if any(x["doc_id"] == vi["doc_id"] for x in m["mentions"]))
    assert vi["progress"] == {"total": vi["counts"]["meeting"] + vi["counts"]["commitment"] + vi["counts"]["area"],
                              "decided": 0, "stale": 0, "status": "unreviewed"}
    assert f'href="/documents/{vi["doc_id"]}"' in page.text


@pytest.mark.parametrize(("query", "expected"), [
    ("area=climate_change", {VI_SOURCE, EN_SOURCE, HOSTILE_SOURCE}),
    ("area=transboundary_haze", {EN_SOURCE}),
    ("type=meeting", {VI_SOURCE, EN_SOURCE, HOSTILE_SOURCE}),
    ("status=reviewed", set()),
    ("status=unreviewed", {VI_SOURCE, EN_SOURCE, HOSTILE_SOURCE}),
])
def test_review_index_filters_documents(reviewer: Reviewer, query: str, expected: set[str]):
    areas = {(r["doc_id"], r["area"]) for r in reviewer.rows("areas")}
    if query.startswith("area="):  # the expectation follows the data, so that the filter is what is tested
        area = query.split("=")[1]
        expected = {d["source"] for d in reviewer.rows("documents") if (d["doc_id"], area) in areas}
        assert expected, f"the small dataset has no document with area {area}"
    listed = reviewer.client.get(f"/api/documents?{query}").json()
    assert {d["source"] for d in listed} == expected
    page = reviewer.client.get(f"/?{query}").text
    assert page.count('class="doc-link"') == len(expected)


def test_review_index_filters_by_status_after_decisions(reviewer: Reviewer):
    reviewer.decide(_first(reviewer, "commitment"), "accept")
    listed = reviewer.client.get("/api/documents?status=in_progress").json()
    assert [d["source"] for d in listed] == [VI_SOURCE]


def test_review_document_page_highlights_every_record_with_its_type(reviewer: Reviewer):
    doc_id = reviewer.doc_id(VI_SOURCE)
    html = reviewer.client.get(f"/documents/{doc_id}").text
    text_pane = html.split('class="doc-text"')[1].split("</section>")[0]
    for css in ("hl-meeting", "hl-commitment", "hl-instrument", "ent-place", "ent-org", "ent-time", "cue"):
        assert re.search(rf'<span class="seg [^"]*\b{css}\b', text_pane), css
    assert '<span class="chip" data-key="area:' in text_pane
    for key in [r["key"] for r in reviewer.document(VI_SOURCE)["records"]]:
        assert f'<article class="card st-unreviewed" data-key="{key}"' in html, key  # its card
        assert re.search(rf'data-keys?="[^"]*{re.escape(key)}', text_pane), key  # and its evidence in the text
    assert 'class="legend"' in html and "Area cue" in html
    headings = re.findall(r"<summary>(\w+) <span", html)
    assert headings == ["Meetings", "Commitments", "Areas", "Instruments", "Entities"]


def test_review_document_page_filters_commitments_by_form(reviewer: Reviewer):
    doc_id = reviewer.doc_id(VI_SOURCE)
    forms = {r["commitment_id"]: r["form"] for r in reviewer.rows("commitments") if r["doc_id"] == doc_id}
    form = sorted(forms.values())[0]
    html = reviewer.client.get(f"/documents/{doc_id}?form={form}").text
    shown = set(re.findall(r'<article class="card [^"]*" data-key="commitment:([^"]+)"', html))
    assert shown == {cid for cid, f in forms.items() if f == form}
    assert f'href="?form={form}" aria-current="true"' in html
    assert re.search(r'<article class="card [^"]*" data-key="meeting:', html)  # other records stay


def test_review_document_text_is_kept_exactly(reviewer: Reviewer):
    import html as html_lib

    doc = reviewer.document(VI_SOURCE)["document"]
    page = reviewer.client.get(f"/documents/{doc['doc_id']}").text
    body = page.split('class="doc-text"', 1)[1].split("</div>", 1)[0]
    segments = re.findall(r'<span class="seg[^"]*" data-start="(\d+)"[^>]*>(.*?)</span>', body, re.S)
    assert "".join(html_lib.unescape(text) for _, text in segments) == doc["text"]
    assert all(doc["text"].startswith(html_lib.unescape(text), int(start)) for start, text in segments)


def test_review_unknown_document_is_404(reviewer: Reviewer):
    assert reviewer.client.get("/documents/doc-000000000000").status_code == 404
    assert reviewer.client.get("/api/documents/doc-000000000000").status_code == 404


# --- decisions -----------------------------------------------------------------------------------------


def test_review_accept_then_reject_moves_the_version_on(reviewer: Reviewer):
    key = _first(reviewer, "meeting")
    assert reviewer.decide(key, "accept").json()["decision"]["version"] == 1
    assert reviewer.state(VI_SOURCE, key)["status"] == "accepted"
    assert reviewer.decide(key, "reject", version=1).json()["decision"]["status"] == "rejected"
    assert reviewer.state(VI_SOURCE, key) | {"record": None, "original": None} == {
        "key": key, "kind": "meeting", "status": "rejected", "version": 2, "note": None, "record": None,
        "original": None}


def test_review_second_tab_with_an_old_version_gets_409(reviewer: Reviewer):
    key = _first(reviewer, "commitment")
    assert reviewer.decide(key, "accept", version=0).status_code == 200
    answer = reviewer.decide(key, "reject", version=0)  # the other tab still shows version 0
    assert answer.status_code == 409
    assert "another tab" in answer.json()["error"] and answer.json()["current"]["status"] == "accepted"
    assert reviewer.state(VI_SOURCE, key)["status"] == "accepted"


def test_review_correction_is_validated_and_kept(reviewer: Reviewer):
    key = _first(reviewer, "commitment")
    answer = reviewer.decide(key, "correct", changes={"target_year": "2049", "actor": "Viet Nam"})
    assert answer.status_code == 200, answer.text
    state = reviewer.state(VI_SOURCE, key)
    assert state["status"] == "corrected"
    assert (state["record"]["target_year"], state["record"]["actor"]) == (2049, "Viet Nam")
    assert state["original"]["target_year"] != 2049
    history = reviewer.client.get(f"/api/history/{key}").json()
    assert history[0]["before"]["actor"] == state["original"]["actor"]
    assert history[0]["after"]["target_year"] == 2049 and history[0]["reviewer"] == "tester"


def test_review_accept_after_correction_keeps_the_correction(reviewer: Reviewer):
    key = _first(reviewer, "commitment")
    reviewer.decide(key, "correct", changes={"target_year": "2049"})
    reviewer.decide(key, "accept", version=1)
    state = reviewer.state(VI_SOURCE, key)
    assert (state["status"], state["record"]["target_year"]) == ("corrected", 2049)


@pytest.mark.parametrize(("kind", "changes", "field", "words"), [
    ("commitment", {"target_year": "1800"}, "target_year", "greater than or equal to 1990"),
    ("commitment", {"target_year": "20x5"}, "target_year", "valid integer"),
    ("commitment", {"status": "maybe"}, "status", "'adopted'"),
    ("meeting", {"country": "Laos"}, "country", "should match pattern"),
    ("meeting", {"date_start": "24/8/2023"}, "date_start", "should match pattern"),
    ("meeting", {"ordinal": "0"}, "ordinal", "greater than or equal to 1"),
    ("meeting", {"areas": "climate_change, weather"}, "areas", "climate_change"),
    ("commitment", {"start": "3"}, "start", "cannot be corrected"),
    ("meeting", {"meeting_id": "mtg-000000000000"}, "meeting_id", "cannot be corrected"),
])
def test_review_bad_value_is_refused_with_a_clear_message(reviewer: Reviewer, kind, changes, field, words):
    key = _first(reviewer, kind)
    answer = reviewer.decide(key, "correct", changes=changes)
    assert answer.status_code == 422
    problems = answer.json()["problems"]
    assert problems[0]["field"].split(".")[0] == field
    assert words in problems[0]["message"]
    assert field in answer.json()["error"]
    assert reviewer.state(VI_SOURCE, key)["status"] == "unreviewed"


def test_review_correcting_an_area_into_a_duplicate_is_refused(reviewer: Reviewer):
    rows = [r for r in reviewer.document(VI_SOURCE)["records"] if r["kind"] == "area"]
    assert len(rows) >= 2
    answer = reviewer.decide(rows[0]["key"], "correct", changes={"area": rows[1]["record"]["area"]})
    assert answer.status_code == 422 and "already has a row" in answer.json()["error"]


def test_review_reset_returns_a_record_to_unreviewed(reviewer: Reviewer):
    key = _first(reviewer, "area")
    reviewer.decide(key, "reject")
    reviewer.decide(key, "reset", version=1)
    assert reviewer.state(VI_SOURCE, key)["status"] == "unreviewed"


def test_review_every_decision_needs_a_reviewer_name(reviewer: Reviewer):
    reviewer.name = "  "
    answer = reviewer.decide(_first(reviewer, "meeting"), "accept")
    assert answer.status_code == 400 and "Reviewer" in answer.json()["error"]


def test_review_unknown_record_or_action_is_refused(reviewer: Reviewer):
    assert reviewer.decide("meeting:mtg-000000000000", "accept").status_code == 404
    assert reviewer.decide(_first(reviewer, "meeting"), "approve").status_code == 400
    assert reviewer.client.post("/api/decisions", json={"key": 1}, headers={"X-CSRF-Token": reviewer.token}
                                ).status_code == 422


# --- additions -----------------------------------------------------------------------------------------


def test_review_add_a_missed_commitment_from_selected_words(reviewer: Reviewer):
    words = "đóng góp tích cực vào quá trình xây dựng Kế hoạch chiến lược"
    answer = reviewer.add(VI_SOURCE, words, fields={"actor": "Viet Nam", "target_year": "2025"}, pad=1)
    assert answer.status_code == 201, answer.text
    decision = answer.json()["decision"]
    assert decision["after"]["text"] == words  # the spaces around the selection are trimmed
    assert decision["after"]["rule_id"] == "review.added" and decision["after"]["target_year"] == 2025
    state = reviewer.state(VI_SOURCE, decision["record_key"])
    assert state["status"] == "added" and state["original"] is None
    html = reviewer.client.get(f"/documents/{reviewer.doc_id(VI_SOURCE)}").text
    assert f'data-key="{decision["record_key"]}"' in html
    assert reviewer.add(VI_SOURCE, words).status_code == 409  # the other tab adds the same words


def test_review_add_a_missed_meeting_names_it_after_its_words(reviewer: Reviewer):
    words = "Trung tâm Hội nghị Quốc gia Lào"
    answer = reviewer.add(VI_SOURCE, words, kind="meeting", fields={"kind": "forum", "country": "LA"})
    assert answer.status_code == 201, answer.text
    record = answer.json()["decision"]["after"]
    assert record["name_vi"] == words and record["mentions"][0]["text"] == words and record["kind"] == "forum"


def test_review_add_refuses_a_record_the_pipeline_already_gives(reviewer: Reviewer):
    existing = next(r["record"] for r in reviewer.document(VI_SOURCE)["records"] if r["kind"] == "commitment")
    answer = reviewer.add(VI_SOURCE, existing["text"])
    assert answer.status_code == 409 and "correct that one instead" in answer.json()["error"]


def test_review_add_refuses_what_cannot_be_a_record(reviewer: Reviewer):
    doc_id = reviewer.doc_id(VI_SOURCE)
    body = {"doc_id": doc_id, "kind": "commitment", "start": 10, "end": 10 ** 6, "reviewer": "t", "fields": {}}
    assert reviewer.client.post("/api/additions", json=body, headers={"X-CSRF-Token": reviewer.token}
                                ).status_code == 400
    body.update(kind="entity", end=20)
    assert reviewer.client.post("/api/additions", json=body, headers={"X-CSRF-Token": reviewer.token}
                                ).status_code == 400
    answer = reviewer.add(VI_SOURCE, "Việt Nam", fields={"target_year": "3000"})
    assert answer.status_code == 422 and answer.json()["problems"][0]["field"] == "target_year"


# --- security ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("token", [None, "", "wrong-token"])
def test_review_state_changes_need_the_csrf_token(reviewer: Reviewer, token):
    headers = {} if token is None else {"X-CSRF-Token": token}
    body = {"key": _first(reviewer, "meeting"), "action": "accept", "version": 0, "reviewer": "x"}
    answer = reviewer.client.post("/api/decisions", json=body, headers=headers)
    assert answer.status_code == 403 and "CSRF" in answer.json()["error"]
    assert reviewer.client.post("/api/additions", json={}, headers=headers).status_code == 403
    assert reviewer.state(VI_SOURCE, body["key"])["status"] == "unreviewed"


def test_review_answers_only_to_local_host_names(reviewer: Reviewer):
    assert reviewer.client.get("/", headers={"Host": "attacker.example"}).status_code == 400
    assert reviewer.client.get("/", headers={"Host": "localhost:8765"}).status_code == 200


@pytest.mark.parametrize("path", [
    "/static/../manifest.json", "/static/..%2Fmanifest.json", "/static/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/static/review.css%00.json", "/static/documents.jsonl", "/documents/..%2F..%2Fetc%2Fpasswd",
    "/documents/../../etc/passwd", "/api/history/..%2F..%2Fetc%2Fpasswd", "/manifest.json", "/documents.jsonl",
    "/outputs/manifest.json", "/api/documents/..%2Fmanifest.json",
])
def test_review_reads_no_file_outside_its_own(reviewer: Reviewer, path: str):
    answer = reviewer.client.get(path)
    assert answer.status_code in (404, 200)
    assert "root:" not in answer.text and '"rules_sha256"' not in answer.text and '"sha256"' not in answer.text
    if answer.status_code == 200:  # a history query for an unknown key answers an empty list, nothing more
        assert answer.json() == []


def test_review_static_files_are_served(reviewer: Reviewer):
    assert "text/css" in reviewer.client.get("/static/review.css").headers["content-type"]
    assert "javascript" in reviewer.client.get("/static/review.js").headers["content-type"]


def test_review_hostile_bulletin_renders_as_text(reviewer: Reviewer):
    doc_id = reviewer.doc_id(HOSTILE_SOURCE)
    pages = [reviewer.client.get(f"/documents/{doc_id}").text, reviewer.client.get("/").text]
    for html in pages:
        assert "<script>window.__pwned" not in html
        assert "<img src=x" not in html and "</textarea></script>" not in html
        assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=" in pages[0]


def test_review_pages_carry_security_headers(reviewer: Reviewer):
    headers = reviewer.client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "unsafe-inline" not in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"
