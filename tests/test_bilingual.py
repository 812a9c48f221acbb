"""One meeting in a Vietnamese bulletin and an English press release is one record with mentions in both;
near misses stay apart; names and ids are the same whichever language a name was read in."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.runtime.run import run

GOLDEN = Path(__file__).parent / "golden"
PAIR = ("vi-amme17-ban-tin.txt", "en-amme17-press-release.txt")


@pytest.fixture(scope="module")
def pair_tables(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pair")
    for name in PAIR:
        shutil.copyfile(GOLDEN / name, folder / name)
    return run([folder]).tables


def _langs(tables, meeting) -> set[str]:
    langs = {d.doc_id: d.lang for d in tables["documents"]}
    return {langs[m.doc_id] for m in meeting.mentions}


def _one(tables, **attributes):
    found = [m for m in tables["meetings"] if all(getattr(m, k) == v for k, v in attributes.items())]
    assert len(found) == 1, [m.name_en for m in found]
    return found[0]


def test_bilingual_amme17_is_one_record_with_both_languages(pair_tables):
    amme = _one(pair_tables, body="AMME", ordinal=17)
    assert _langs(pair_tables, amme) == {"vi", "en"}
    assert (amme.date_start, amme.date_end, amme.city, amme.country) == ("2023-08-22", "2023-08-24", "Vientiane", "LA")


def test_bilingual_amme17_names(pair_tables):
    amme = _one(pair_tables, body="AMME", ordinal=17)
    assert amme.name_en == "17th ASEAN Ministerial Meeting on the Environment (AMME-17)"
    assert amme.name_vi == "Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17 (AMME-17)"


def test_bilingual_16th_and_17th_amme_stay_apart(pair_tables):
    sixteenth = _one(pair_tables, body="AMME", ordinal=16)
    assert _langs(pair_tables, sixteenth) == {"vi", "en"}
    assert sixteenth.date_start == "2021-10"


def test_bilingual_asean_plus_three_of_the_same_week_stays_apart(pair_tables):
    plus_three = _one(pair_tables, body="ASEAN+3", ordinal=18)
    amme = _one(pair_tables, body="AMME", ordinal=17)
    assert plus_three.meeting_id != amme.meeting_id
    assert plus_three.partners == ["China", "Japan", "Republic of Korea"]
    assert plus_three.date_start == "2023-08-24"


def test_bilingual_cop28_quoted_in_vietnamese_joins_the_english_name(pair_tables):
    cop = _one(pair_tables, body="UNFCCC", ordinal=28)
    assert _langs(pair_tables, cop) == {"vi", "en"}
    assert cop.name_en == "28th Conference of the Parties to the United Nations Framework Convention on Climate " \
        "Change (COP28)"


@pytest.mark.parametrize(("text", "canonical"), [
    ("Hội thảo diễn ra tại Hạ Long.", "VN-HLG"),
    ("The workshop was held in Ha Long.", "VN-HLG"),
    ("The workshop was held in Hạ Long.", "VN-HLG"),
    ("Kế hoạch ASPEN 2016 - 2025 được triển khai.", "aspen"),
    ("The ASPEN 2016-2025 is being implemented.", "aspen"),
])
def test_bilingual_names_resolve_to_the_same_id(extract_text, text, canonical):
    ids = {e.canonical_id for e in extract_text(text)["entities"]}
    assert canonical in ids
