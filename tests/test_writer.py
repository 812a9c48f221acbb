"""Tests of pipeline/output/writer.py and columns.py: every format written (Parquet and DuckDB with native types),
foreign folders refused, atomic replacement."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Annotated, Any

import duckdb
import pytest
from pydantic import create_model
from pydantic_core import to_json

from pipeline.output import writer
from pipeline.output.columns import columns, duckdb_type
from pipeline.output.writer import OutputError, check_target, recover_interrupted_swap, write_dataset
from pipeline.schema import TABLES, Area, Commitment, IsoDate, Lang, Span

TIMINGS = {"total": 0.1}


def write(folder: Path, small_dataset, tables=None) -> None:
    default_tables, manifest = small_dataset
    write_dataset(folder, default_tables if tables is None else tables, manifest, TIMINGS)


def siblings(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.parent.iterdir())


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return tmp_path / "outputs"


def test_writer_writes_every_table_in_every_format(out, small_dataset):
    write(out, small_dataset)
    tables, _ = small_dataset
    expected = {f"{name}.{ext}" for name in tables for ext in ("jsonl", "csv", "parquet")}
    assert expected <= {p.name for p in out.iterdir()}
    assert {"dataset.duckdb", "manifest.json", "timings.json", "schema"} <= {p.name for p in out.iterdir()}


def test_writer_jsonl_has_one_line_per_record(out, small_dataset):
    write(out, small_dataset)
    tables, _ = small_dataset
    for name, records in tables.items():
        lines = (out / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
        assert [json.loads(line) for line in lines] == [r.model_dump(mode="json") for r in records], name


def test_writer_duckdb_and_parquet_hold_every_row(out, small_dataset):
    write(out, small_dataset)
    tables, _ = small_dataset
    assert tables["meetings"] and tables["commitments"] and tables["entities"]
    connection = duckdb.connect(str(out / "dataset.duckdb"), read_only=True)
    try:
        for name, records in tables.items():
            assert connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] == len(records), name
            parquet = str(out / f"{name}.parquet")
            assert connection.execute("SELECT count(*) FROM read_parquet(?)", [parquet]).fetchone()[0] == len(records)
    finally:
        connection.close()


def test_writer_csv_has_header_and_rows(out, small_dataset):
    write(out, small_dataset)
    tables, _ = small_dataset
    connection = duckdb.connect()
    rows = connection.execute("SELECT meeting_id FROM read_csv_auto(?)", [str(out / "meetings.csv")]).fetchall()
    assert [r[0] for r in rows] == [m.meeting_id for m in tables["meetings"]]


def test_writer_schema_per_table_and_manifest(out, small_dataset):
    write(out, small_dataset)
    schemas = {p.name for p in (out / "schema").iterdir()}
    assert {f"{name}.schema.json" for name in TABLES} | {
        "rejects.schema.json",
        "manifest.schema.json",
    } <= schemas
    meeting_schema = json.loads((out / "schema" / "meetings.schema.json").read_text(encoding="utf-8"))
    assert "meeting_id" in meeting_schema["properties"]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["tool"] == writer.TOOL_NAME
    assert manifest["inputs"][0]["source"] == "bulletin.txt"


def test_writer_output_is_byte_identical_when_rewritten(tmp_path, small_dataset):
    first, second = tmp_path / "one", tmp_path / "two"
    write(first, small_dataset)
    write(second, small_dataset)
    for path in sorted(first.rglob("*")):
        if path.is_file() and path.suffix in (".jsonl", ".csv", ".json") and path.name != "timings.json":
            assert path.read_bytes() == (second / path.relative_to(first)).read_bytes(), path.name


def test_writer_refuses_a_folder_that_is_not_a_dataset(out, small_dataset):
    out.mkdir()
    (out / "thesis.docx").write_bytes(b"precious")
    with pytest.raises(OutputError, match="refusing"):
        write(out, small_dataset)
    assert [p.name for p in out.iterdir()] == ["thesis.docx"]
    assert (out / "thesis.docx").read_bytes() == b"precious"


def test_writer_refuses_a_manifest_of_another_tool(out, small_dataset):
    out.mkdir()
    (out / "manifest.json").write_text(json.dumps({"tool": "someone-else"}), encoding="utf-8")
    with pytest.raises(OutputError):
        write(out, small_dataset)


def test_writer_refuses_a_file_as_target(out, small_dataset):
    out.write_text("not a folder", encoding="utf-8")
    with pytest.raises(OutputError, match="is a file"):
        check_target(out)


@pytest.mark.parametrize("make", [lambda p: None, lambda p: p.mkdir()], ids=["missing", "empty"])
def test_writer_accepts_a_new_or_empty_folder(out, make):
    make(out)
    check_target(out)


def test_writer_second_write_replaces_the_first(out, small_dataset):
    write(out, small_dataset)
    (out / "stale.txt").write_text("left from before", encoding="utf-8")
    tables, _ = small_dataset
    empty = {name: [] for name in tables}
    write(out, small_dataset, tables=empty)
    assert not (out / "stale.txt").exists()
    assert (out / "meetings.jsonl").read_text(encoding="utf-8") == ""
    assert siblings(out) == ["outputs"]


def test_writer_failure_leaves_previous_dataset_and_no_temporary_folder(out, small_dataset, monkeypatch):
    write(out, small_dataset)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def broken(folder, tables):
        (folder / "half-written.csv").write_text("partial", encoding="utf-8")
        raise OSError("disk full")

    monkeypatch.setattr(writer, "write_tabular", broken)
    tables, _ = small_dataset
    with pytest.raises(OSError, match="disk full"):
        write(out, small_dataset, tables={name: [] for name in tables})
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert siblings(out) == ["outputs"]


def test_writer_recover_interrupted_swap_restores_previous(out, small_dataset):
    write(out, small_dataset)
    backup = out.with_name("outputs.previous")
    out.rename(backup)  # a run died between the two renames of the swap
    recover_interrupted_swap(out)
    assert (out / "manifest.json").is_file()
    assert not backup.exists()


def test_writer_recover_interrupted_swap_drops_stale_backup(out, small_dataset):
    write(out, small_dataset)
    backup = out.with_name("outputs.previous")
    backup.mkdir()
    (backup / "old.jsonl").write_text("", encoding="utf-8")
    recover_interrupted_swap(out)
    assert not backup.exists() and (out / "manifest.json").is_file()


def test_writer_write_after_interrupted_swap_succeeds(out, small_dataset):
    write(out, small_dataset)
    out.rename(out.with_name("outputs.previous"))
    write(out, small_dataset)
    assert (out / "manifest.json").is_file()
    assert siblings(out) == ["outputs"]


def test_writer_folder_name_with_apostrophe(tmp_path, small_dataset):
    folder = tmp_path / "analyst's data"
    write(folder, small_dataset)
    assert (folder / "meetings.csv").is_file()


# --- native types in Parquet and DuckDB ----------------------------------------------------------------


@pytest.fixture
def typed_out(out, small_dataset) -> Path:
    """The small dataset with a binding commitment and a meeting with Japan as partner, written."""
    tables, manifest = small_dataset
    tables = dict(tables)
    tables["commitments"] = [tables["commitments"][0].model_copy(update={"binding": True}), *tables["commitments"][1:]]
    tables["meetings"] = [tables["meetings"][0].model_copy(update={"partners": ["Japan", "Korea"]}),
                          *tables["meetings"][1:]]
    write_dataset(out, tables, manifest, TIMINGS)
    return out


def _types(connection, relation: str) -> dict[str, str]:
    return {row[0]: row[1] for row in connection.execute(f"DESCRIBE SELECT * FROM {relation}").fetchall()}


@pytest.mark.parametrize(("table", "column", "expected"), [
    ("commitments", "binding", "BOOLEAN"), ("sentences", "heading", "BOOLEAN"),
    ("commitments", "target_year", "BIGINT"), ("commitments", "confidence", "DOUBLE"),
    ("meetings", "partners", "VARCHAR[]"), ("meetings", "areas", "VARCHAR[]"), ("meetings", "outcomes", "VARCHAR[]"),
    ("areas", "evidence", "VARCHAR[]"), ("rejects", "record", "JSON"),
    ("meetings", "mentions", 'STRUCT("start" BIGINT, "end" BIGINT, "text" VARCHAR, doc_id VARCHAR, '
     "sentence_id VARCHAR, kind VARCHAR, body VARCHAR, ordinal BIGINT, date_start VARCHAR, date_end VARCHAR, "
     "city VARCHAR, country VARCHAR)[]"),
])
@pytest.mark.parametrize("where", ["parquet", "duckdb"])
def test_writer_columns_have_native_types(typed_out, table, column, expected, where):
    with duckdb.connect(str(typed_out / "dataset.duckdb"), read_only=True) as connection:
        relation = f"read_parquet('{typed_out / f'{table}.parquet'}')" if where == "parquet" else f'"{table}"'
        assert _types(connection, relation)[column] == expected


@pytest.mark.parametrize(("query", "expected"), [
    ("SELECT count(*) FROM {commitments} WHERE binding", 1),
    ("SELECT count(*) FROM {meetings} WHERE list_contains(partners, 'Japan')", 1),
    ("SELECT count(*) FROM (SELECT UNNEST(mentions) AS m FROM {meetings}) WHERE m.doc_id LIKE 'doc-%'", None),
])
@pytest.mark.parametrize("where", ["parquet", "duckdb"])
def test_writer_native_types_answer_an_analysts_query(typed_out, small_dataset, query, expected, where):
    tables, _ = small_dataset
    if expected is None:
        expected = sum(len(meeting.mentions) for meeting in tables["meetings"])
    names = {name: f"read_parquet('{typed_out / f'{name}.parquet'}')" if where == "parquet" else f'"{name}"'
             for name in ("commitments", "meetings")}
    with duckdb.connect(str(typed_out / "dataset.duckdb"), read_only=True) as connection:
        assert connection.execute(query.format(**names)).fetchone()[0] == expected


def test_writer_empty_tables_have_the_same_types(tmp_path, small_dataset):
    tables, _ = small_dataset
    full, empty = tmp_path / "full", tmp_path / "empty"
    write(full, small_dataset)
    write(empty, small_dataset, tables={name: [] for name in tables})
    with duckdb.connect() as connection:
        for name in tables:
            assert _types(connection, f"'{empty / f'{name}.parquet'}'") == \
                _types(connection, f"'{full / f'{name}.parquet'}'"), name


def test_writer_csv_keeps_nested_fields_as_compact_json(typed_out, small_dataset):
    tables, _ = small_dataset
    with (typed_out / "meetings.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    meeting = tables["meetings"][0].model_dump(mode="json")
    assert rows[0]["partners"] == '["Japan","Korea"]'
    assert json.loads(rows[0]["mentions"]) == meeting["mentions"]
    assert rows[0]["mentions"] == to_json(meeting["mentions"]).decode()


@pytest.mark.parametrize(("annotation", "expected"), [
    (bool, "BOOLEAN"), (int | None, "BIGINT"), (float, "DOUBLE"), (str, "VARCHAR"), (Lang, "VARCHAR"),
    (IsoDate | None, "VARCHAR"), (list[Area], "VARCHAR[]"), (list[str] | None, "VARCHAR[]"),
    (list[list[int]], "BIGINT[][]"), (dict[str, Any], "JSON"), (Any, "JSON"),
    (list[Span], 'STRUCT("start" BIGINT, "end" BIGINT, "text" VARCHAR)[]'),
    (Annotated[bool, "note"] | None, "BOOLEAN"),
])
def test_columns_duckdb_type_of_an_annotation(annotation, expected):
    assert duckdb_type(annotation) == expected


def test_columns_a_new_field_gets_its_type_without_code():
    model = create_model("WithNewField", __base__=Commitment, cofunded=(bool, ...), donors=(list[str], ...))
    found = {column.name: column.sql_type for column in columns(model)}
    assert (found["cofunded"], found["donors"], found["binding"]) == ("BOOLEAN", "VARCHAR[]", "BOOLEAN")
