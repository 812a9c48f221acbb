"""Tests of pipeline/records/assemble.py and pipeline/records/merge.py: meetings merged across sentences and documents,
stable ids, exact evidence."""

from __future__ import annotations

import re

import pytest

from pipeline.extract.meetings import MeetingMention
from pipeline.recognise.dates import DateMention
from pipeline.records.assemble import Collected, MeetingDraft, short_hash
from pipeline.records.merge import Merger, group_drafts, prepare_merge, world_key
from pipeline.rules.loader import default_rules
from pipeline.runtime.spill import MemoryStore

AMME17_VI = (
    "Tin hợp tác môi trường\n\nHội nghị Bộ trưởng Môi trường ASEAN lần thứ 17 diễn ra ngày 22/8/2023 "
    "tại Viên Chăn, Lào."
)
AMME17_EN = (
    "Environment news\n\nThe 17th ASEAN Ministerial Meeting on the Environment was held in Vientiane, "
    "Lao PDR on 22 August 2023."
)
AMME16_VI = (
    "Tin hợp tác môi trường\n\nHội nghị Bộ trưởng Môi trường ASEAN lần thứ 16 diễn ra năm 2021 "
    "theo hình thức trực tuyến."
)
SUMMIT43_VI = "Tin hợp tác\n\nHội nghị Cấp cao ASEAN lần thứ 43 diễn ra ngày 5/9/2023 tại Gia-các-ta, In-đô-nê-xi-a."
SUMMIT43_EN = "Summit news\n\nThe 43rd ASEAN Summit was held in Jakarta, Indonesia on 5 September 2023."
APT_VI = "Tin ASEAN+3\n\nHội nghị Bộ trưởng Môi trường ASEAN+3 diễn ra ngày 23/8/2023 tại Viên Chăn, Lào."
AMME_VI = "Tin ASEAN\n\nHội nghị Bộ trưởng Môi trường ASEAN diễn ra ngày 22/8/2023 tại Viên Chăn, Lào."
COMMITMENT_VI = (
    "Tin cam kết\n\nHà Nội, 25/8/2023 - Hội nghị AMME-17 diễn ra tại Viên Chăn, Lào. Việt Nam cam kết đạt "
    "mức phát thải ròng bằng “0” vào năm 2050. Các Bộ trưởng đã thông qua Tuyên bố chung ASEAN về Biến đổi "
    "khí hậu tại Hội nghị AMME-17."
)


@pytest.mark.parametrize(
    ("vi", "en", "body", "ordinal"),
    [(AMME17_VI, AMME17_EN, "AMME", 17), (SUMMIT43_VI, SUMMIT43_EN, "ASEAN", 43)],
    ids=["amme17", "summit43"],
)
def test_assemble_same_meeting_in_two_languages_is_one_record(assemble, vi, en, body, ordinal):
    tables = assemble({"vi.txt": vi, "en.txt": en})
    (meeting,) = tables["meetings"]
    assert (meeting.body, meeting.ordinal) == (body, ordinal)
    assert len(meeting.mentions) == 2
    assert {m.doc_id for m in meeting.mentions} == {d.doc_id for d in tables["documents"]}


def test_assemble_merged_meeting_has_names_in_both_languages(assemble):
    (meeting,) = assemble({"vi.txt": AMME17_VI, "en.txt": AMME17_EN})["meetings"]
    assert meeting.name_vi.startswith("Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17")
    assert meeting.name_en.startswith("17th ASEAN Ministerial Meeting on the Environment")
    assert (meeting.date_start, meeting.city, meeting.country) == ("2023-08-22", "Vientiane", "LA")


def test_assemble_meeting_named_in_one_language_gets_both_names(assemble):
    (from_vi,) = assemble({"vi.txt": AMME17_VI})["meetings"]
    (from_en,) = assemble({"en.txt": AMME17_EN})["meetings"]
    assert (from_vi.name_vi, from_vi.name_en) == (from_en.name_vi, from_en.name_en)
    assert from_vi.meeting_id == from_en.meeting_id


def test_assemble_different_editions_stay_apart(assemble):
    tables = assemble({"a.txt": AMME16_VI, "b.txt": AMME17_VI})
    assert sorted(m.ordinal for m in tables["meetings"]) == [16, 17]
    assert {m.body for m in tables["meetings"]} == {"AMME"}


def test_assemble_asean_plus_three_and_asean_meetings_of_one_week_stay_apart(assemble):
    tables = assemble({"apt.txt": APT_VI, "amme.txt": AMME_VI})
    assert sorted((m.body, tuple(m.partners)) for m in tables["meetings"]) == [
        ("AMME", ()),
        ("ASEAN+3", ("China", "Japan", "Republic of Korea")),
    ]


def test_assemble_edition_of_a_grouping_and_another_meeting_of_it_have_two_ids(assemble):
    text = ("Tin ASEAN\n\nHội nghị ASEAN về chống ô nhiễm nhựa lần thứ 3 diễn ra ngày 23/8/2026 tại Viên Chăn. "
            "Trước đó, Cuộc họp nhóm chuyên gia ASEAN về rác thải biển diễn ra ngày 22/8/2026.")
    meetings = assemble({"a.txt": text})["meetings"]
    assert len(meetings) == 2 and len({m.meeting_id for m in meetings}) == 2


def test_assemble_editionless_mention_joins_the_edition_of_its_document(assemble):
    text = (
        "Tin\n\nHội nghị Bộ trưởng Môi trường ASEAN lần thứ 17 khai mạc tại Viên Chăn. "
        "Hội nghị Bộ trưởng Môi trường ASEAN đã thông qua nhiều văn kiện."
    )
    (meeting,) = assemble({"a.txt": text})["meetings"]
    assert (meeting.ordinal, len(meeting.mentions)) == (17, 2)


def test_assemble_meeting_ids_stable_across_runs(assemble):
    texts = {"vi.txt": AMME17_VI, "en.txt": AMME17_EN, "apt.txt": APT_VI, "c.txt": COMMITMENT_VI}
    first, second = assemble(texts), assemble(texts)
    for table in ("documents", "sentences", "entities", "meetings", "commitments", "instruments"):
        assert [r.model_dump() for r in first[table]] == [r.model_dump() for r in second[table]], table


def test_assemble_output_does_not_depend_on_input_order(assemble):
    texts = {"vi.txt": AMME17_VI, "en.txt": AMME17_EN, "apt.txt": APT_VI}
    forward = assemble(texts)
    backward = assemble(dict(reversed(list(texts.items()))))
    for table in ("documents", "meetings", "entities"):
        assert [r.model_dump() for r in forward[table]] == [r.model_dump() for r in backward[table]], table


def test_assemble_ids_are_content_hashes(assemble):
    tables = assemble({"c.txt": COMMITMENT_VI})
    for table, field in (
        ("meetings", "meeting_id"),
        ("commitments", "commitment_id"),
        ("entities", "entity_id"),
        ("instruments", "instrument_id"),
        ("documents", "doc_id"),
    ):
        assert tables[table], table
        assert all(re.fullmatch(r"[a-z]+-[0-9a-f]{12}", getattr(r, field)) for r in tables[table]), table


def test_assemble_every_span_is_the_document_text(assemble):
    tables = assemble({"vi.txt": AMME17_VI, "en.txt": AMME17_EN, "c.txt": COMMITMENT_VI})
    texts = {d.doc_id: d.text for d in tables["documents"]}
    spans = [(r.doc_id, r) for table in ("sentences", "entities", "commitments") for r in tables[table]]
    spans += [(m.doc_id, m) for meeting in tables["meetings"] for m in meeting.mentions]
    spans += [(e.doc_id, e) for meeting in tables["meetings"] for e in meeting.attribute_evidence]
    spans += [(m.doc_id, m) for instrument in tables["instruments"] for m in instrument.mentions]
    spans += [(d.doc_id, p) for d in tables["documents"] for p in d.duplicate_paragraphs]
    assert len(spans) > 20
    assert [(s.start, s.end, s.text) for doc_id, s in spans if texts[doc_id][s.start : s.end] != s.text] == []


def test_assemble_commitment_linked_to_the_meeting_of_its_sentence(assemble):
    text = "Tin\n\nTại Hội nghị AMME-17, Việt Nam cam kết đạt mức phát thải ròng bằng “0” vào năm 2050."
    tables = assemble({"a.txt": text})
    (meeting,) = tables["meetings"]
    assert [c.meeting_id for c in tables["commitments"]] == [meeting.meeting_id]


def test_assemble_adopted_instrument_is_an_outcome_of_its_meeting(assemble):
    tables = assemble({"c.txt": COMMITMENT_VI})
    (meeting,) = tables["meetings"]
    adopted = [i for i in tables["instruments"] if i.adopted_at == meeting.meeting_id]
    assert adopted and meeting.outcomes == sorted(i.instrument_id for i in adopted)


def test_assemble_no_rejects_for_plain_bulletins(assemble):
    assert assemble({"vi.txt": AMME17_VI, "c.txt": COMMITMENT_VI})["rejects"] == []


# --- grouping, on drafts built by hand -------------------------------------------------------------------


def draft(
    doc_id: str,
    body: str | None,
    ordinal: int | None,
    kind: str = "ministerial",
    year: str | None = None,
    partners: tuple[str, ...] = (),
    text: str = "Hội nghị",
    start: int = 0,
) -> MeetingDraft:
    date = DateMention(0, 4, year, year, year, None, False) if year else None
    mention = MeetingMention(
        start,
        start + len(text),
        text,
        "vi",
        0,
        "test.rule",
        kind=kind,
        body=body,
        ordinal=ordinal,
        partners=partners,
        date=date,
    )
    return MeetingDraft(doc_id, f"{doc_id}:s0000", mention, set(), (doc_id, start))


def grouped(drafts: list[MeetingDraft]) -> list[list[tuple[str, int]]]:
    """The drafts' groups, checked to be the same whether all are grouped at once or as a run does it: each
    document's where it was processed, then across documents by the Merger, the drafts waiting in a store."""
    rules = default_rules()
    at_once = sorted(sorted(d.order for d in group) for group in group_drafts(drafts, rules))
    merger = Merger(MemoryStore())
    for doc_id in dict.fromkeys(d.doc_id for d in drafts):
        part, _ = prepare_merge(Collected(meeting_drafts=[d for d in drafts if d.doc_id == doc_id]), rules)
        merger.add(part)
    by_merger = sorted([d.order for d in group] for _, group in merger.meetings_drafts())
    assert by_merger == at_once
    return at_once


def test_assemble_group_chains_across_documents_through_a_document():
    """a's edition and b's yearly mention meet only through c, which names both: one meeting."""
    drafts = [
        draft("a", "AMME", 17),
        draft("b", "AMME", None, year="2023"),
        draft("c", "AMME", 17, year="2023"),
        draft("c", "AMME", None, year="2023", start=9),
        draft("d", "AMME", 16, start=3),
    ]
    assert grouped(drafts) == [[("a", 0), ("b", 0), ("c", 0), ("c", 9)], [("d", 3)]]


def test_assemble_group_same_edition_across_documents():
    assert grouped([draft("a", "AMME", 17), draft("b", "AMME", 17, start=5)]) == [[("a", 0), ("b", 5)]]


def test_assemble_group_different_editions_apart():
    assert grouped([draft("a", "AMME", 16), draft("a", "AMME", 17, start=5)]) == [[("a", 0)], [("a", 5)]]


def test_assemble_group_same_series_and_year_across_documents():
    drafts = [draft("a", "AMME", None, year="2023"), draft("b", "AMME", None, year="2023", start=5)]
    assert grouped(drafts) == [[("a", 0), ("b", 5)]]


def test_assemble_group_same_series_other_year_apart():
    drafts = [draft("a", "AMME", None, year="2022"), draft("b", "AMME", None, year="2023", start=5)]
    assert len(grouped(drafts)) == 2


def test_assemble_group_unnamed_meetings_of_two_documents_apart():
    drafts = [
        draft("a", None, None, kind="workshop", text="Hội thảo khu vực"),
        draft("b", None, None, kind="workshop", text="Hội thảo khu vực"),
    ]
    assert len(grouped(drafts)) == 2


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ({"body": "AMME", "ordinal": 17}, {"body": "AMME", "ordinal": 17, "year": "2023"}, True),  # year adds nothing
        ({"body": "AMME", "ordinal": 16}, {"body": "AMME", "ordinal": 17}, False),
        ({"body": "AMME", "ordinal": 17}, {"body": "ASOEN", "ordinal": 17, "kind": "senior_officials"}, False),
        ({"body": "AMME", "year": "2023"}, {"body": "AMME", "year": "2023"}, True),
        ({"body": "AMME", "year": "2022"}, {"body": "AMME", "year": "2023"}, False),
        (
            {"body": "ASEAN", "ordinal": 4, "kind": "dialogue", "partners": ("European Union",)},
            {"body": "ASEAN", "ordinal": 4, "kind": "dialogue", "partners": ("India",)},
            False,
        ),
    ],
)
def test_assemble_world_key_identifies_a_meeting(a, b, same):
    key_a, key_b = world_key(draft("a", **{"ordinal": None, **a})), world_key(draft("b", **{"ordinal": None, **b}))
    assert key_a is not None and key_b is not None
    assert (key_a == key_b) is same


@pytest.mark.parametrize(("body", "ordinal", "year"), [("AMME", None, None), (None, 17, "2023")])
def test_assemble_world_key_none_without_series_and_edition_or_year(body, ordinal, year):
    assert world_key(draft("a", body, ordinal, year=year)) is None


def test_assemble_short_hash_is_stable_and_separates_parts():
    assert short_hash("edition", "AMME", 17) == short_hash("edition", "AMME", 17)
    assert re.fullmatch(r"[0-9a-f]{12}", short_hash("x"))
    assert short_hash("ab", "c") != short_hash("a", "bc")
    assert short_hash("AMME", 16) != short_hash("AMME", 17)
