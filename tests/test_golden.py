"""Golden files: the pipeline's records for tests/golden/<id>.txt equal the reviewed <id>.expected.json,
and the facts the seed bulletin states are asserted one by one (so a careless --update cannot hide them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.golden_tool import GOLDEN_DIR, load_expected, project

GOLDEN_TEXTS = sorted(GOLDEN_DIR.glob("*.txt"))
SEED = GOLDEN_DIR / "seed-asean-2023.txt"
EIGHT_AREAS = {"climate_change", "water_resources", "marine_coastal", "biodiversity", "sustainable_cities",
               "chemicals_waste", "environmental_education", "transboundary_haze"}


@pytest.fixture(scope="module")
def seed_records(extract_text):
    return extract_text(SEED.read_text(encoding="utf-8"))


@pytest.mark.parametrize("text_path", GOLDEN_TEXTS, ids=[p.stem for p in GOLDEN_TEXTS])
def test_golden_records_equal_expected(text_path: Path, extract_text):
    expected = load_expected(text_path)
    assert expected["note"] and not expected["note"].startswith("TODO"), "every golden file says what it tests"
    actual = project(extract_text(text_path.read_text(encoding="utf-8")))
    assert actual == {key: value for key, value in expected.items() if key != "note"}


def _meeting(records, **attributes):
    found = [m for m in records["meetings"] if all(getattr(m, k) == v for k, v in attributes.items())]
    assert len(found) == 1, f"expected one meeting with {attributes}, found {[m.name_en for m in found]}"
    return found[0]


def test_golden_seed_has_all_eight_areas(seed_records):
    assert EIGHT_AREAS <= {row.area for row in seed_records["areas"]}


def test_golden_seed_repeated_paragraph_counted_once(seed_records):
    document = seed_records["documents"][0]
    assert len(document.duplicate_paragraphs) == 1
    repeated = document.duplicate_paragraphs[0]
    assert document.text[repeated.start : repeated.end].startswith("Năm 2023 hợp tác ASEAN về môi trường")
    assert all(not (repeated.start <= s.start < repeated.end) for s in seed_records["sentences"])


def test_golden_seed_amme17(seed_records):
    amme = _meeting(seed_records, body="AMME", ordinal=17)
    assert (amme.kind, amme.date_start, amme.date_end, amme.city, amme.country) == (
        "ministerial", "2023-08-22", "2023-08-24", "Vientiane", "LA")


@pytest.mark.parametrize(("body", "kind", "ordinal", "partners"), [
    ("ASOEN", "senior_officials", 34, []),
    ("ASEAN+3", "senior_officials", None, ["China", "Japan", "Republic of Korea"]),
    ("ASEAN", "dialogue", None, ["Japan"]),
    ("ASEAN", "dialogue", None, ["European Union"]),
    ("ASEAN", "dialogue", None, ["Republic of Korea"]),
    ("ASEAN", "dialogue", None, ["United States"]),
])
def test_golden_seed_july_series_in_indonesia(seed_records, body, kind, ordinal, partners):
    meeting = _meeting(seed_records, body=body, kind=kind, ordinal=ordinal, partners=partners)
    assert (meeting.date_start, meeting.date_mod, meeting.country, meeting.city) == ("2023-07", "END", "ID", None)


def test_golden_seed_leaders_meeting_and_cop28(seed_records):
    assert _meeting(seed_records, kind="summit").body == "ASEAN"
    cop = _meeting(seed_records, body="UNFCCC", ordinal=28)  # a COP names its convention (GOLD_FORMAT)
    assert cop.kind == "cop" and cop.date_start is None


def test_golden_seed_commitments(seed_records):
    commitments = seed_records["commitments"]
    plastics = [c for c in commitments if c.target_year == 2024 and c.binding]
    assert len(plastics) == 1 and "chấm dứt rác thải nhựa vào năm 2024" in plastics[0].text
    assert plastics[0].actor == "ASEAN" and plastics[0].status == "under_development"
    assert any(c.target == "net zero emissions" for c in commitments)
    assert any(c.target == "carbon neutrality" and c.status == "under_development" for c in commitments)


def test_golden_seed_every_span_is_evidence(seed_records):
    text = seed_records["documents"][0].text
    spans = [*seed_records["commitments"], *seed_records["entities"], *seed_records["sentences"]]
    spans += [mention for meeting in seed_records["meetings"] for mention in meeting.mentions]
    spans += [item for meeting in seed_records["meetings"] for item in meeting.attribute_evidence]
    assert spans and all(text[s.start : s.end] == s.text for s in spans)
