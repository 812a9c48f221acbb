"""The pure pieces under the pages: text segments for overlapping highlights, form fields from the schema."""

from __future__ import annotations

import pytest

from pipeline.review.corrections import CorrectionError, coerce, field_spec
from pipeline.review.view import ENTITY_GROUPS, Chip, Mark, segment_text
from pipeline.schema import EntityLabel

TEXT = "Hội nghị AMME lần thứ 17 tại Viên Chăn."


def _marks() -> list[Mark]:
    return [
        Mark(0, 24, "meeting:mtg-1", "hl-meeting"),
        Mark(9, 13, "entity:ent-1", "ent ent-org"),
        Mark(0, 38, "commitment:com-1", "hl-commitment"),
        Mark(29, 38, "entity:ent-2", "ent ent-place"),
    ]


def test_review_view_segments_rebuild_the_text_exactly():
    segments = segment_text(TEXT, _marks(), {})
    assert "".join(s.text for s in segments) == TEXT
    assert all(TEXT[s.start : s.end] == s.text for s in segments)


def test_review_view_segments_cut_at_every_boundary_and_list_covering_records():
    segments = {s.text: s for s in segment_text(TEXT, _marks(), {})}
    assert segments["AMME"].keys.split() == ["meeting:mtg-1", "commitment:com-1", "entity:ent-1"]
    assert set(segments["AMME"].css.split()) == {"hl-meeting", "hl-commitment", "ent", "ent-org"}
    assert segments[" lần thứ 17"].keys.split() == ["meeting:mtg-1", "commitment:com-1"]
    assert segments["Viên Chăn"].keys.split() == ["commitment:com-1", "entity:ent-2"]
    assert segments["."].keys == "" and segments["."].css == ""


def test_review_view_chips_open_their_sentence():
    chip = Chip("area:doc-1:climate_change", "Climate change")
    segments = segment_text(TEXT, [], {9: [chip]})
    assert [s.chips for s in segments] == [[], [chip]]
    assert segments[1].text.startswith("AMME")


@pytest.mark.parametrize("label", list(EntityLabel))
def test_review_view_every_entity_label_has_a_colour(label: EntityLabel):
    assert label.value in ENTITY_GROUPS, f"add {label.value} to ENTITY_GROUPS in pipeline/review/view.py"


@pytest.mark.parametrize(("kind", "name", "widget", "optional", "is_list"), [
    ("meeting", "kind", "select", False, False),
    ("meeting", "date_mod", "select", True, False),
    ("meeting", "ordinal", "number", True, False),
    ("meeting", "areas", "checkboxes", False, True),
    ("meeting", "partners", "text", False, True),
    ("meeting", "country", "text", True, False),
    ("commitment", "binding", "boolean", False, False),
    ("commitment", "target_year", "number", True, False),
])
def test_review_view_form_fields_follow_the_schema(kind, name, widget, optional, is_list):
    spec = field_spec(kind, name)
    assert (spec.widget, spec.optional, spec.is_list) == (widget, optional, is_list)


def test_review_view_form_values_become_model_input():
    values = coerce("meeting", {"partners": " Japan, , Korea ", "city": "  ", "ordinal": "17", "areas": ["x"]})
    assert values == {"partners": ["Japan", "Korea"], "city": None, "ordinal": "17", "areas": ["x"]}
    with pytest.raises(CorrectionError, match="cannot be corrected"):
        coerce("commitment", {"text": "other words"})
