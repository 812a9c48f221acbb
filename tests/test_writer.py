"""Tests of pipeline/output/writer.py: every format written, foreign folders refused, atomic replacement."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from pipeline.output import writer
from pipeline.output.writer import OutputError, check_target, recover_interrupted_swap, write_dataset
from pipeline.schema import TABLES

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
