"""Tests of pipeline/evaluate.py: surface occurrences, one-to-one matching, and scores on hand-made tables."""

from __future__ import annotations

import copy
import unicodedata

import pytest

from pipeline.evaluate import (
    Counts,
    annotation_as_tables,
    bank_gold,
    bank_text,
    evaluate_tables,
    match,
    occurrences,
    same_attribute,
)

TEXT = (
    "Hội nghị AMME lần thứ 17\n\nHội nghị Bộ trưởng Môi trường ASEAN lần thứ 17 diễn ra tại Viên Chăn. "
    "Việt Nam cam kết đạt phát thải ròng bằng 0 vào năm 2050."
)
MEETING_SURFACE = "Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17"
COMMITMENT_SURFACE = "Việt Nam cam kết đạt phát thải ròng bằng 0 vào năm 2050"
DOC_ID = "doc-000000000001"

GOLD = {
    "id": "amme17",
    "lang": "vi",
    "areas": ["climate_change"],
    "meetings": [
        {
            "surface": MEETING_SURFACE,
            "kind": "ministerial",
            "ordinal": 17,
            "body": "AMME",
            "partners": [],
            "date_start": "2023-08-22",
            "date_end": "2023-08-24",
            "city": "Vientiane",
            "country": "LA",
        }
    ],
    "commitments": [
        {"surface": COMMITMENT_SURFACE, "actor": "Viet Nam", "target_year": 2050, "areas": ["climate_change"]}
    ],
}


def span_of(surface: str) -> tuple[int, int]:
    start = TEXT.index(surface)
    return start, start + len(surface)


def perfect_tables() -> dict[str, list[dict]]:
    """A run's tables (as dicts) that say exactly what GOLD says."""
    gold_meeting = GOLD["meetings"][0]
    attributes = {k: gold_meeting[k] for k in ("kind", "ordinal", "body", "date_start", "date_end", "city", "country")}
    m_start, m_end = span_of(MEETING_SURFACE)
    c_start, c_end = span_of(COMMITMENT_SURFACE)
    return {
        "documents": [{"doc_id": DOC_ID, "source": "amme17.txt", "text": TEXT, "lang": "vi"}],
        "areas": [{"doc_id": DOC_ID, "area": "climate_change"}],
        "meetings": [
            {
                "meeting_id": "mtg-000000000001",
                **attributes,
                "partners": [],
                "mentions": [
                    {
                        "doc_id": DOC_ID,
                        "sentence_id": f"{DOC_ID}:s0001",
                        "start": m_start,
                        "end": m_end,
                        "text": MEETING_SURFACE,
                        **attributes,
                    }
                ],
            }
        ],
        "commitments": [
            {
                "commitment_id": "com-000000000001",
                "doc_id": DOC_ID,
                "start": c_start,
                "end": c_end,
                "text": COMMITMENT_SURFACE,
                "actor": "Viet Nam",
                "target_year": 2050,
                "form": "target",
            }
        ],
    }


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        ("COP28 và COP28", "COP28", [(0, 5), (9, 14)]),
        ("aaa", "aa", [(0, 2), (1, 3)]),  # overlapping occurrences too
        ("Hội nghị", "  Hội nghị ", [(0, 8)]),  # the surface is trimmed
        ("Hội nghị", unicodedata.normalize("NFD", "Hội nghị"), [(0, 8)]),  # and normalised like the text
        ("Hội nghị", "hội nghị", []),  # case matters
        ("abc", "", []),
        ("abc", "x", []),
    ],
)
def test_evaluate_occurrences(text, surface, expected):
    assert occurrences(text, surface) == expected


@pytest.mark.parametrize(
    ("gold", "predicted", "pairs"),
    [
        ([[(0, 5)]], [[(0, 5)]], [(0, 0)]),
        ([[(0, 5)], [(0, 5)]], [[(0, 5)]], [(0, 0)]),  # one prediction matches one gold item only
        ([[(0, 5)]], [[(0, 5)], [(2, 4)]], [(0, 0)]),  # one gold item takes one prediction only
        ([[(0, 5)], [(10, 15)]], [[(12, 13)], [(3, 4)]], [(0, 1), (1, 0)]),
        ([[(0, 5)]], [[(5, 9)]], []),  # touching is not overlapping
        ([[(0, 5), (20, 25)]], [[(21, 22)]], [(0, 0)]),  # any occurrence of the surface counts
        ([[]], [[(0, 5)]], []),  # a surface not found in the text matches nothing
    ],
)
def test_evaluate_match_is_one_to_one(gold, predicted, pairs):
    found = match(gold, predicted)
    assert found == pairs
    assert len({g for g, _ in found}) == len(found) == len({p for _, p in found})


def test_evaluate_match_finds_a_complete_matching_when_there_is_one():
    gold = [[(0, 30)], [(20, 25)]]  # "… (COP28)" and "COP28"
    predicted = [[(20, 25)], [(0, 18)]]
    assert len(match(gold, predicted)) == 2


def test_evaluate_perfect_predictions_score_f1_one():
    score = evaluate_tables(perfect_tables(), {"amme17": GOLD})["all"]
    assert (score.meetings.f1, score.commitments.f1, score.areas.f1) == (1.0, 1.0, 1.0)
    assert score.accuracy("meeting.") == 1.0 and score.accuracy("commitment.") == 1.0
    assert score.errors == []


def test_evaluate_scores_by_language_and_overall():
    scores = evaluate_tables(perfect_tables(), {"amme17": GOLD})
    assert set(scores) == {"vi", "all"}
    assert scores["vi"].as_dict() == scores["all"].as_dict()


def test_evaluate_wrong_ordinal_lowers_attribute_accuracy_only():
    tables = perfect_tables()
    tables["meetings"][0]["ordinal"] = 16
    tables["meetings"][0]["mentions"][0]["ordinal"] = 16
    score = evaluate_tables(tables, {"amme17": GOLD})["all"]
    assert score.meetings.f1 == 1.0
    assert score.attributes["meeting.ordinal"] == [False]
    assert all(all(values) for key, values in score.attributes.items() if key != "meeting.ordinal")
    assert score.accuracy("meeting.") == pytest.approx(6 / 7)
    assert [e["type"] for e in score.errors] == ["meeting.ordinal"]


@pytest.mark.parametrize(
    ("gold_form", "scored"),
    [("target", [True]), ("pledge", [False]), (None, [])],  # None: an older gold item that states no form
)
def test_evaluate_form_is_scored_where_the_gold_states_it(gold_form, scored):
    gold = copy.deepcopy(GOLD)
    if gold_form is not None:
        gold["commitments"][0]["form"] = gold_form
    score = evaluate_tables(perfect_tables(), {"amme17": gold})["all"]
    assert score.attributes.get("commitment.form", []) == scored
    assert score.as_dict()["commitments"]["f1"] == 1.0


def test_evaluate_spurious_and_missed_items_lower_precision_and_recall():
    tables = perfect_tables()
    spurious = copy.deepcopy(tables["meetings"][0])
    start, end = span_of("Viên Chăn")
    spurious["mentions"][0].update(start=start, end=end, text="Viên Chăn")
    tables["meetings"].append(spurious)
    tables["commitments"] = []
    score = evaluate_tables(tables, {"amme17": GOLD})["all"]
    assert (score.meetings.tp, score.meetings.fp, score.meetings.fn) == (1, 1, 0)
    assert (score.commitments.tp, score.commitments.fp, score.commitments.fn) == (0, 0, 1)
    assert score.meetings.precision == 0.5 and score.commitments.recall == 0.0


def test_evaluate_missing_document_counts_every_gold_item_as_missed():
    tables = perfect_tables()
    tables["documents"] = []
    score = evaluate_tables(tables, {"amme17": GOLD})["all"]
    assert (score.meetings.fn, score.commitments.fn, score.areas.fn) == (1, 1, 1)
    assert {"doc": "amme17", "type": "document.missing"} in score.errors


def test_evaluate_areas_compared_as_sets():
    tables = perfect_tables()
    tables["areas"].append({"doc_id": DOC_ID, "area": "biodiversity"})
    score = evaluate_tables(tables, {"amme17": GOLD})["all"]
    assert (score.areas.tp, score.areas.fp, score.areas.fn) == (1, 1, 0)


@pytest.mark.parametrize(
    ("counts", "precision", "recall", "f1"),
    [((0, 0, 0), 1.0, 1.0, 1.0), ((1, 1, 0), 0.5, 1.0, 2 / 3), ((0, 1, 1), 0.0, 0.0, 0.0)],
)
def test_evaluate_counts_precision_recall_f1(counts, precision, recall, f1):
    result = Counts(*counts)
    assert (result.precision, result.recall) == (precision, recall)
    assert result.f1 == pytest.approx(f1)


def test_evaluate_lists_missed_and_spurious_areas_with_their_rules():
    tables = perfect_tables()
    gold = copy.deepcopy(GOLD)
    gold["areas"] = [*gold["areas"], "one_health"]
    tables["areas"].append({"doc_id": tables["areas"][0]["doc_id"], "area": "geology_minerals",
                            "evidence": ["s1"], "rule_ids": ["area.minerals.vi.khoang_san"]})
    doc_id = tables["areas"][0]["doc_id"]
    tables["sentences"] = [{"doc_id": doc_id, "sentence_id": "s1", "text": "Khai thác khoáng sản."}]
    errors = [e for e in evaluate_tables(tables, {"amme17": gold})["all"].errors if e["type"].startswith("area.")]
    assert errors == [
        {"doc": "amme17", "type": "area.missed", "area": "one_health"},
        {"doc": "amme17", "type": "area.spurious", "area": "geology_minerals",
         "rule_ids": ["area.minerals.vi.khoang_san"], "evidence": ["Khai thác khoáng sản."]},
    ]


def test_agreement_of_an_annotation_with_itself_is_perfect_and_a_second_annotator_is_scored(tmp_path):
    (tmp_path / "amme17.txt").write_text(TEXT, encoding="utf-8")
    same = evaluate_tables(annotation_as_tables(tmp_path, {"amme17": GOLD}), {"amme17": GOLD})["all"]
    assert (same.meetings.f1, same.commitments.f1, same.areas.f1) == (1.0, 1.0, 1.0)
    assert same.accuracy("meeting.") == 1.0 and same.errors == []
    second = copy.deepcopy(GOLD)
    second["meetings"][0]["city"] = None  # reads the place differently
    second["commitments"][0]["surface"] = "đạt phát thải ròng bằng 0 vào năm 2050"  # a shorter span: still a match
    second["commitments"].append({"surface": "diễn ra tại Viên Chăn", "actor": None, "target_year": None})
    other = evaluate_tables(annotation_as_tables(tmp_path, {"amme17": second}), {"amme17": GOLD})["all"]
    assert (other.commitments.tp, other.commitments.fp, other.commitments.fn) == (1, 1, 0)
    assert [e["type"] for e in other.errors if e["type"].startswith("meeting.")] == ["meeting.city"]


@pytest.mark.parametrize(
    ("gold", "predicted", "same"),
    [
        ("Lancang-Mekong Cooperation", "Mekong-Lancang Cooperation", True),
        ("Vietnam", "Viet Nam", True),
        ("Mekong-ROK Cooperation", "Mekong-Korea", True),
        ("Laos", "Lao PDR", True),
        ("Japan", "China", False),
        ("ASEAN", "Mekong River Commission", False),
        ("Some Unknown Body", "some unknown body", True),
    ],
)
def test_evaluate_two_names_of_one_party_are_one_actor(gold, predicted, same):
    assert same_attribute("actor", gold, predicted) is same


def test_evaluate_bodies_are_compared_by_body_not_by_the_party_that_holds_them():
    """Actors compare by party (the AMME's commitments are ASEAN's); bodies by body: the AMME is not ASEAN."""
    assert same_attribute("actor", "ASEAN", "ASEAN") and not same_attribute("body", "AMME", "ASEAN")
    assert same_attribute("body", "Lancang-Mekong Cooperation", "Mekong-Lancang Cooperation")


def _why(tables: dict[str, list[dict]], gold: dict) -> dict[tuple[str, str], str]:
    errors = evaluate_tables(tables, {"amme17": gold})["all"].errors
    kinds = ("commitment.missed", "commitment.spurious")
    return {(e["type"], e["surface"]): e["why"] for e in errors if e["type"] in kinds}


def test_evaluate_says_why_a_commitment_was_missed():
    """One record over two gold items: the second is missed as "merged"; a gold item where nothing was
    predicted: "nothing_there"; a gold surface the text does not hold: "surface_not_in_text"."""
    first, second = "Việt Nam cam kết đạt phát thải ròng bằng 0", "vào năm 2050"
    gold = copy.deepcopy(GOLD)
    gold["commitments"] = [{"surface": first, "actor": "Viet Nam"}, {"surface": second, "actor": "Viet Nam"},
                           {"surface": "diễn ra tại Viên Chăn", "actor": "ASEAN"},
                           {"surface": "không có trong văn bản", "actor": "ASEAN"}]
    assert _why(perfect_tables(), gold) == {
        ("commitment.missed", second): "merged",
        ("commitment.missed", "diễn ra tại Viên Chăn"): "nothing_there",
        ("commitment.missed", "không có trong văn bản"): "surface_not_in_text",
    }


def test_evaluate_says_why_a_commitment_was_spurious():
    """Two records inside one gold item: one matches, the other is a "split"; a record where no gold item is:
    "no_gold_there"."""
    tables = perfect_tables()
    whole = tables["commitments"][0]
    start, end = span_of(COMMITMENT_SURFACE)
    tables["commitments"] = [{**whole, "start": start, "end": start + 40}, {**whole, "start": start + 41, "end": end},
                             {**whole, "start": span_of("Viên Chăn")[0], "end": span_of("Viên Chăn")[1]}]
    assert _why(tables, GOLD) == {
        ("commitment.spurious", COMMITMENT_SURFACE[41:]): "split",
        ("commitment.spurious", "Viên Chăn"): "no_gold_there",
    }


@pytest.mark.parametrize(
    ("gold", "predicted", "same"),
    [
        ("Mekong-ROK", "Mekong-Korea", True),  # one body, two of its names (bodies.yaml)
        ("AMME", "ASEAN Ministerial Meeting on the Environment", True),
        ("AMME", "ASOEN", False),  # two bodies of one party (ASEAN) stay two bodies
        ("UNFCCC", "COP", False),
        ("Some Unknown Body", "some unknown body", True),
    ],
)
def test_evaluate_two_names_of_one_body_are_one_body(gold, predicted, same):
    assert same_attribute("body", gold, predicted) is same


def test_a_bank_item_is_scored_on_the_kinds_it_annotates():
    """A clause bank item annotates commitments (their target year left out); a bulletin of the meetings bank
    annotates its meetings too, and brings its own title."""
    plain = {"id": "vi-z-0001", "lang": "vi", "text": "Việt Nam sẽ tăng cường hợp tác.",
             "commitments": [{"surface": "tăng cường hợp tác", "form": "pledge", "actor": "Viet Nam"}]}
    assert bank_gold(plain)["scored"] == ["commitments"]
    assert bank_gold(plain)["commitments"] == [{"surface": "tăng cường hợp tác", "actor": "Viet Nam", "form": "pledge"}]
    assert bank_text(plain).startswith("Tin hợp tác môi trường\n\n")
    meeting = {"surface": "AMME-17", "kind": "ministerial", "ordinal": 17, "body": "AMME", "partners": [],
               "date_start": "2023-08-22", "date_end": None, "city": "Vientiane", "country": "LA"}
    bulletin = {**plain, "title": "AMME-17 bế mạc", "meetings": [meeting]}
    assert bank_gold(bulletin)["scored"] == ["meetings", "commitments"]
    assert bank_gold(bulletin)["meetings"] == [meeting]
    assert bank_text(bulletin).startswith("AMME-17 bế mạc\n\n")
