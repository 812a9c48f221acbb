"""Tests of pipeline/output/package.py: `datapackage.json` describes every table, and frictionless finds the
dataset valid, or names the broken foreign key when it is not."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from frictionless import validate

from pipeline.output.package import PACKAGE_FILE, data_package, link_tables
from pipeline.schema import TABLES, Reject

ROOT = Path(__file__).resolve().parent.parent
MODELS = {**TABLES, "rejects": Reject}


def resources() -> dict[str, dict]:
    return {resource["name"]: resource for resource in data_package(MODELS)["resources"]}


def field(table: str, name: str) -> dict:
    return next(f for f in resources()[table]["schema"]["fields"] if f["name"] == name)


def errors(report) -> list[tuple[str, str]]:
    return [(error_type, note) for error_type, note in report.flatten(["type", "note"])]


def test_package_has_a_resource_per_table_and_per_nested_list_of_mentions():
    assert list(resources()) == [*MODELS, "meeting_mentions", "meeting_attribute_evidence", "instrument_mentions"]
    assert all(resource["path"] == f"{name}.csv" for name, resource in resources().items())


@pytest.mark.parametrize(("table", "key"), [
    ("documents", ["doc_id"]), ("sentences", ["sentence_id"]), ("entities", ["entity_id"]),
    ("meetings", ["meeting_id"]), ("commitments", ["commitment_id"]), ("instruments", ["instrument_id"]),
    ("areas", ["doc_id", "area"]),
])
def test_package_primary_keys(table, key):
    assert resources()[table]["schema"]["primaryKey"] == key


@pytest.mark.parametrize(("table", "column", "target", "target_column"), [
    ("sentences", "doc_id", "documents", "doc_id"),
    ("commitments", "meeting_id", "meetings", "meeting_id"),
    ("commitments", "sentence_id", "sentences", "sentence_id"),
    ("instruments", "adopted_at", "meetings", "meeting_id"),
    ("areas", "doc_id", "documents", "doc_id"),
    ("meeting_mentions", "doc_id", "documents", "doc_id"),
    ("meeting_mentions", "meeting_id", "meetings", "meeting_id"),
    ("instrument_mentions", "sentence_id", "sentences", "sentence_id"),
])
def test_package_foreign_keys(table, column, target, target_column):
    keys = resources()[table]["schema"]["foreignKeys"]
    assert {"fields": [column], "reference": {"resource": target, "fields": [target_column]}} in keys


@pytest.mark.parametrize(("table", "column", "kind"), [
    ("commitments", "binding", "boolean"), ("sentences", "heading", "boolean"), ("meetings", "ordinal", "integer"),
    ("meetings", "confidence", "number"), ("meetings", "partners", "array"), ("meetings", "mentions", "array"),
    ("areas", "evidence", "array"), ("rejects", "record", "object"), ("documents", "text", "string"),
])
def test_package_field_types_follow_the_models(table, column, kind):
    assert field(table, column)["type"] == kind


@pytest.mark.parametrize("table", list(MODELS))
def test_package_every_column_is_described(table):
    undescribed = [f["name"] for f in resources()[table]["schema"]["fields"] if not f["description"].strip()]
    assert undescribed == []


@pytest.mark.parametrize(("table", "column", "constraints"), [
    ("meetings", "kind", {"required": True, "enum": ["ministerial", "senior_officials", "summit", "dialogue", "cop",
                                                     "negotiation", "workshop", "forum", "other"]}),
    ("meetings", "ordinal", {"minimum": 1}),
    ("meetings", "mentions", {"required": True, "minLength": 1}),
    ("commitments", "target_year", {"minimum": 1990, "maximum": 2100}),
    ("documents", "doc_id", {"required": True, "pattern": "[a-z]+-[0-9a-f]{12}"}),
    ("documents", "title", {}),  # may be empty, and an empty CSV cell reads as missing: not required
])
def test_package_constraints_follow_the_models(table, column, constraints):
    assert field(table, column).get("constraints", {}) == constraints


def test_package_link_tables_are_the_nested_lists_that_point_into_documents():
    assert [(link.parent, link.field, link.name) for link in link_tables(MODELS)] == [
        ("meetings", "mentions", "meeting_mentions"), ("meetings", "attribute_evidence", "meeting_attribute_evidence"),
        ("instruments", "mentions", "instrument_mentions")]


def test_package_of_a_run_is_valid(few_dataset):
    report = validate(few_dataset / PACKAGE_FILE)
    assert report.valid, errors(report)[:5]
    assert json.loads((few_dataset / PACKAGE_FILE).read_text("utf-8")) == data_package(MODELS)


def test_package_of_a_run_checks_rows_it_has(few_dataset):
    for name in ("meetings", "commitments", "instruments", "meeting_mentions", "instrument_mentions"):
        with (few_dataset / f"{name}.csv").open(encoding="utf-8") as handle:
            assert sum(1 for _ in csv.reader(handle)) > 1, name  # the keys were checked on real rows


def _break(folder: Path, table: str, column: str, value: str) -> None:
    """Set `column` of the first row that has a value there to `value`."""
    path = folder / f"{table}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    index = rows[0].index(column)
    next(row for row in rows[1:] if row[index])[index] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


@pytest.mark.parametrize(("table", "column"), [
    ("commitments", "meeting_id"), ("instruments", "adopted_at"), ("meeting_mentions", "doc_id"),
    ("entities", "doc_id"),
])
def test_package_broken_foreign_key_fails_validation(few_dataset, tmp_path, table, column):
    broken = tmp_path / "broken"
    shutil.copytree(few_dataset, broken)
    _break(broken, table, column, "doc-000000000000" if column == "doc_id" else "mtg-000000000000")
    report = validate(broken / PACKAGE_FILE)
    assert not report.valid
    assert [kind for kind, note in errors(report)] == ["foreign-key"]
    assert column in errors(report)[0][1]


def test_package_duplicate_primary_key_fails_validation(few_dataset, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(few_dataset, broken)
    with (broken / "meetings.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[2][0] = rows[1][0]
    with (broken / "meetings.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    assert "primary-key" in {kind for kind, _ in errors(validate(broken / PACKAGE_FILE))}


def test_package_committed_outputs_are_valid():
    package = ROOT / "outputs" / PACKAGE_FILE
    assert package.is_file(), "outputs/datapackage.json is missing: run `make run` and commit outputs/"
    report = validate(package)
    assert report.valid, errors(report)[:5]
