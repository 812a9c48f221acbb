"""Decisions survive a re-run: they follow their records by id, or by evidence when ids changed, and a
decision whose evidence words changed is shown as stale, never applied and never dropped.

One review session is made on the small dataset, then two bulletins change and the pipeline runs again:
the Vietnamese one gains an opening paragraph (its doc_id and every offset change, its words do not),
the English one has a commitment and a meeting mention reworded.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.review.export import export_reviewed, open_review
from tests.e2e.support import (
    ADDED_PARAGRAPH,
    EN_SOURCE,
    VI_SOURCE,
    build,
    cached_dataset,
    insert_opening_paragraph,
    reword,
    working_copy,
)
from tests.test_review_api import Reviewer

ACCEPTED_MEETING = "Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17 (AMME-17)"
CORRECTED_COMMITMENT = "nhất trí đưa Trung tâm vào hoạt động trong năm 2024"
ADDED_WORDS = "đóng góp tích cực vào quá trình xây dựng Kế hoạch chiến lược"
REJECTED_COMMITMENT = "The EAS Ministers will continue to support the EAS Environmentally Sustainable Cities"
REWORDED_COMMITMENT = ("agreed to make the Centre operational by 2024",
                       "agreed to make the Centre fully operational by 2024")
REWORDED_MENTION = ("34th Meeting of the ASEAN Senior Officials on the Environment (ASOEN-34)",
                    "34th ASEAN Senior Officials Meeting on the Environment (ASOEN-34)")


def _key_by_text(reviewer: Reviewer, source: str, kind: str, words: str) -> str:
    doc_id = reviewer.doc_id(source)
    for record in reviewer.document(source)["records"]:
        if record["kind"] != kind:
            continue
        spans = record["record"]["mentions"] if kind == "meeting" else [record["record"]]
        if any(s["doc_id"] == doc_id and s["text"].startswith(words) for s in spans):
            return record["key"]
    raise AssertionError(f"no {kind} on {words!r} in {source}")


@pytest.fixture(scope="module")
def session(tmp_path_factory) -> dict:
    pristine = cached_dataset(tmp_path_factory.getbasetemp() / "review-pristine")
    work = tmp_path_factory.mktemp("rerun")
    dataset = working_copy(pristine, work)
    before = Reviewer(dataset, work / "review.sqlite")
    keys = {
        "meeting": _key_by_text(before, VI_SOURCE, "meeting", ACCEPTED_MEETING),
        "corrected": _key_by_text(before, VI_SOURCE, "commitment", CORRECTED_COMMITMENT),
        "rejected": _key_by_text(before, EN_SOURCE, "commitment", REJECTED_COMMITMENT),
        "reworded": _key_by_text(before, EN_SOURCE, "commitment", REWORDED_COMMITMENT[0]),
        "stale_meeting": _key_by_text(before, EN_SOURCE, "meeting", REWORDED_MENTION[0]),
        "area": next(r["key"] for r in before.document(VI_SOURCE)["records"] if r["kind"] == "area"),
    }
    assert before.decide(keys["meeting"], "accept").status_code == 200
    assert before.decide(keys["corrected"], "correct", changes={"target_year": "2025"}).status_code == 200
    assert before.decide(keys["rejected"], "reject", source=EN_SOURCE).status_code == 200
    assert before.decide(keys["reworded"], "accept", source=EN_SOURCE).status_code == 200
    assert before.decide(keys["stale_meeting"], "accept", source=EN_SOURCE).status_code == 200
    assert before.decide(keys["area"], "accept").status_code == 200
    added = before.add(VI_SOURCE, ADDED_WORDS, fields={"actor": "Viet Nam"})
    assert added.status_code == 201
    keys["added"] = added.json()["decision"]["record_key"]
    old_vi_doc = before.doc_id(VI_SOURCE)

    insert_opening_paragraph(work / "corpus", VI_SOURCE)
    reword(work / "corpus", EN_SOURCE, *REWORDED_COMMITMENT)
    reword(work / "corpus", EN_SOURCE, *REWORDED_MENTION)
    build(work)
    after = Reviewer(dataset, work / "review.sqlite")
    return {"before": before, "after": after, "keys": keys, "old_vi_doc": old_vi_doc, "work": work}


def _state(session: dict, source: str, key: str) -> dict:
    return session["after"].state(source, key)


def _state_on(session: dict, source: str, kind: str, words: str) -> dict:
    after = session["after"]
    return after.state(source, _key_by_text(after, source, kind, words))


def test_review_rerun_changed_the_ids_it_should(session: dict):
    assert session["after"].doc_id(VI_SOURCE) != session["old_vi_doc"]
    assert session["keys"]["corrected"] not in {r["key"] for r in session["after"].document(VI_SOURCE)["records"]}


def test_review_rerun_keeps_an_accepted_meeting_by_its_id(session: dict):
    state = _state(session, VI_SOURCE, session["keys"]["meeting"])
    assert state["status"] == "accepted"
    assert "moved" in state["note"]


def test_review_rerun_follows_a_correction_by_its_evidence(session: dict):
    state = _state_on(session, VI_SOURCE, "commitment", CORRECTED_COMMITMENT)
    assert state["key"] != session["keys"]["corrected"]
    assert (state["status"], state["record"]["target_year"]) == ("corrected", 2025)
    assert "followed its evidence" in state["note"]


def test_review_rerun_finds_an_added_record_at_its_new_offset(session: dict):
    state = _state(session, VI_SOURCE, session["keys"]["added"])
    history = session["after"].client.get(f"/api/history/{session['keys']['added']}").json()
    assert state["status"] == "added" and state["record"]["text"] == ADDED_WORDS
    assert state["record"]["start"] == history[0]["evidence"]["start"] + len(ADDED_PARAGRAPH)
    assert state["record"]["doc_id"] == session["after"].doc_id(VI_SOURCE)


def test_review_rerun_keeps_a_rejection_when_the_document_changed_elsewhere(session: dict):
    state = _state_on(session, EN_SOURCE, "commitment", REJECTED_COMMITMENT)
    assert state["status"] == "rejected" and state["key"] != session["keys"]["rejected"]


def test_review_rerun_follows_an_area_row_to_its_new_document_id(session: dict):
    old_key = session["keys"]["area"]
    new_key = f"area:{session['after'].doc_id(VI_SOURCE)}:{old_key.rsplit(':', 1)[1]}"
    assert _state(session, VI_SOURCE, new_key)["status"] == "accepted"


def test_review_rerun_shows_a_decision_on_reworded_words_as_stale(session: dict):
    document = session["after"].document(EN_SOURCE)
    stale = [s for s in document["stale_decisions"] if s["key"] == session["keys"]["reworded"]]
    assert len(stale) == 1 and "no longer gives this record" in stale[0]["reason"]
    reworded = _state_on(session, EN_SOURCE, "commitment", REWORDED_COMMITMENT[1])
    assert reworded["status"] == "unreviewed"  # not applied to the new words
    page = session["after"].client.get(f"/documents/{session['after'].doc_id(EN_SOURCE)}").text
    assert "Stale decisions (1)" in page


def test_review_rerun_marks_a_record_whose_evidence_changed_as_stale(session: dict):
    state = _state(session, EN_SOURCE, session["keys"]["stale_meeting"])
    assert state["status"] == "stale"
    assert "evidence changed" in state["note"] and REWORDED_MENTION[1][:20] in state["note"]


def test_review_rerun_counts_stale_decisions_in_progress(session: dict):
    listed = {d["source"]: d for d in session["after"].client.get("/api/documents").json()}
    assert listed[EN_SOURCE]["progress"]["stale"] == 2
    assert listed[VI_SOURCE]["progress"]["stale"] == 0


def test_review_rerun_old_document_address_leads_to_the_new_one(session: dict):
    answer = session["after"].client.get(f"/documents/{session['old_vi_doc']}", follow_redirects=False)
    assert answer.status_code == 307
    assert answer.headers["location"] == f"/documents/{session['after'].doc_id(VI_SOURCE)}"


def test_review_rerun_stale_decision_can_be_decided_again_and_dismissed(session: dict, tmp_path: Path):
    shutil.copy(session["after"].db, tmp_path / "copy.sqlite")  # the other tests keep the session's decisions
    after = Reviewer(session["after"].dataset, tmp_path / "copy.sqlite")
    session = {**session, "after": after}
    meeting = _state(session, EN_SOURCE, session["keys"]["stale_meeting"])
    assert after.decide(meeting["key"], "accept", version=meeting["version"], source=EN_SOURCE).status_code == 200
    assert _state(session, EN_SOURCE, meeting["key"])["status"] == "accepted"
    orphan = next(s for s in after.document(EN_SOURCE)["stale_decisions"])
    assert after.decide(orphan["key"], "dismiss", version=orphan["version"], source=EN_SOURCE).status_code == 200
    assert after.document(EN_SOURCE)["stale_decisions"] == []


def test_review_rerun_export_applies_attached_decisions_only(session: dict, tmp_path: Path):
    resolution, store = open_review(session["after"].dataset, session["after"].db)
    result = export_reviewed(resolution, store, tmp_path / "reviewed")
    commitments = {c["text"]: c for c in result.reviewed.tables["commitments"]}
    assert commitments[ADDED_WORDS]["review_status"] == "added"
    assert next(c for t, c in commitments.items() if t.startswith(CORRECTED_COMMITMENT))["target_year"] == 2025
    assert not any(t.startswith(REJECTED_COMMITMENT) for t in commitments)
    assert next(c for t, c in commitments.items() if t.startswith(REWORDED_COMMITMENT[1]))["review_status"] == \
        "unreviewed"
