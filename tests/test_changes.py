"""Tests of pipeline/output/changes.py: each run says what it changed against the dataset it replaced."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from pipeline.cli import main
from pipeline.output.changes import CHANGES_FILE
from pipeline.output.writer import write_dataset
from pipeline.runtime.run import run_to
from pipeline.schema import TABLES
from tests.conftest import FEW_BULLETINS, copy_bulletins

KEYED = list(TABLES)
ADDED_BULLETIN = "heldout/en-vna-cop29-asean.txt"  # names meetings the others name too


def changes_of(folder: Path) -> dict:
    return json.loads((folder / CHANGES_FILE).read_text(encoding="utf-8"))


def listed(changes: dict, kind: str) -> dict[str, list]:
    return {name: table[kind] for name, table in changes["tables"].items() if table[kind]}


@pytest.fixture(scope="module")
def weekly(tmp_path_factory) -> dict[str, Path]:
    """A dataset of the few bulletins; then the same run again; then one more bulletin; then one less.
    Each run starts from a copy of the dataset before it, so each has its own changes.json."""
    work = tmp_path_factory.mktemp("weekly")
    bulletins, cache = copy_bulletins(work / "in"), work / "cache"
    runs: dict[str, Path] = {}

    def run(name: str, before: str | None) -> None:
        out = work / name
        if before:
            shutil.copytree(runs[before], out)
        run_to([bulletins], out, cache_dir=cache)
        runs[name] = out

    run("first", None)
    run("again", "first")
    copy_bulletins(bulletins, (ADDED_BULLETIN,))
    run("added", "again")
    (bulletins / FEW_BULLETINS[-1]).unlink()
    run("removed", "added")
    return runs


def test_changes_first_run_says_there_was_no_previous_dataset(weekly):
    changes = changes_of(weekly["first"])
    manifest = json.loads((weekly["first"] / "manifest.json").read_text(encoding="utf-8"))
    assert changes["previous"] is None and "no previous dataset" in changes["note"]
    assert {name: counts["added"] for name, counts in changes["summary"].items()} == \
        {name: manifest["counts"][name] for name in KEYED}


def test_changes_rerun_on_the_same_input_changes_nothing(weekly):
    changes = changes_of(weekly["again"])
    assert changes["previous"]["counts"] == json.loads((weekly["first"] / "manifest.json").read_text())["counts"]
    for kind in ("added", "removed", "changed"):
        assert listed(changes, kind) == {}, kind
    assert changes["summary"]["entities"]["unchanged"] == changes["previous"]["counts"]["entities"]


def _doc_id(dataset: Path, source: str) -> str:
    documents = [json.loads(line) for line in (dataset / "documents.jsonl").read_text("utf-8").splitlines()]
    return next(document["doc_id"] for document in documents if document["source"] == source)


def test_changes_added_bulletin_is_added_and_nothing_removed(weekly):
    changes = changes_of(weekly["added"])
    new_doc = _doc_id(weekly["added"], ADDED_BULLETIN)
    assert listed(changes, "removed") == {}
    assert [record["id"] for record in changes["tables"]["documents"]["added"]] == [new_doc]
    for table in ("sentences", "entities", "commitments", "areas"):
        added = changes["tables"][table]["added"]
        assert added and all(record["documents"] == [new_doc] for record in added), table
        assert changes["tables"][table]["changed"] == [], table
    assert changes["documents"] == {new_doc: ADDED_BULLETIN}


def test_changes_meeting_named_again_is_changed_by_the_new_bulletin(weekly):
    changes = changes_of(weekly["added"])
    new_doc = _doc_id(weekly["added"], ADDED_BULLETIN)
    changed = changes["tables"]["meetings"]["changed"]
    assert changed, "the added bulletin names meetings the others name: they gain a mention"
    assert all("mentions" in record["fields"] and record["documents"] == [new_doc] for record in changed)


def test_changes_removed_bulletin_is_removed(weekly):
    changes = changes_of(weekly["removed"])
    gone_doc = _doc_id(weekly["added"], FEW_BULLETINS[-1])
    assert [record["id"] for record in changes["tables"]["documents"]["removed"]] == [gone_doc]
    assert listed(changes, "added") == {}
    assert all(record["documents"] == [gone_doc] for record in changes["tables"]["entities"]["removed"])


def test_changes_names_the_fields_that_changed(tmp_path, small_dataset):
    tables, manifest = small_dataset
    out = tmp_path / "out"
    write_dataset(out, tables, manifest, {})
    commitment = tables["commitments"][0]
    edited = {**tables, "commitments": [commitment.model_copy(update={"binding": not commitment.binding,
                                                                      "target_year": 2045})]}
    changes = write_dataset(out, edited, manifest, {})
    assert changes["tables"]["commitments"]["changed"] == [
        {"id": commitment.commitment_id, "fields": ["target_year", "binding"], "documents": [commitment.doc_id]}]
    assert changes == changes_of(out)


def test_changes_composite_key_is_named_by_its_fields(tmp_path, small_dataset):
    tables, manifest = small_dataset
    out = tmp_path / "out"
    write_dataset(out, {**tables, "areas": []}, manifest, {})
    changes = write_dataset(out, tables, manifest, {})
    area = tables["areas"][0]
    assert changes["tables"]["areas"]["added"][0]["id"] == {"doc_id": area.doc_id, "area": area.area}


def test_changes_previous_dataset_of_an_older_version_is_read_from_jsonl(tmp_path, small_dataset):
    """Parquet files with other column types (text where lists are now) are not compared: their JSONL is."""
    tables, manifest = small_dataset
    out = tmp_path / "out"
    write_dataset(out, tables, manifest, {})
    for name in ("meetings", "commitments"):
        parquet = out / f"{name}.parquet"
        with duckdb.connect() as connection:
            connection.execute(f"COPY (SELECT * REPLACE (CAST(areas AS VARCHAR) AS areas) FROM '{parquet}') "
                               f"TO '{tmp_path / 'old.parquet'}' (FORMAT parquet)")
        shutil.move(tmp_path / "old.parquet", parquet)
    changes = write_dataset(out, tables, manifest, {})
    assert {name: table["changed"] for name, table in changes["tables"].items() if table["changed"]} == {}


def test_changes_summary_is_printed_and_quiet_prints_nothing(tmp_path, capsys):
    bulletins = copy_bulletins(tmp_path / "in", FEW_BULLETINS[:1])
    out = tmp_path / "out"
    assert main(["run", str(bulletins), "--out", str(out), "--no-cache"]) == 0
    assert "no previous dataset" in capsys.readouterr().out
    copy_bulletins(bulletins, FEW_BULLETINS[1:2])
    assert main(["run", str(bulletins), "--out", str(out), "--no-cache"]) == 0
    printed = capsys.readouterr().out
    assert "changes" in printed and "added" in printed and f"{out}/changes.json" in printed
    assert main(["run", str(bulletins), "--out", str(out), "--no-cache", "--quiet"]) == 0
    assert capsys.readouterr().out == ""
