"""outputs/ is the dataset of the bundled corpus: a fresh run must give the same files, byte for byte.

Two parts follow the installed libraries rather than the data, and are left out of the comparison: the
library versions the manifest records, and the bytes of Parquet files (DuckDB writes its own version
into each); Parquet files are compared by content instead (schema and rows in order). Otherwise a new
release of pydantic or DuckDB would make the committed dataset look stale on a fresh install.

Two files describe the run rather than the data, and are neither compared nor committed: `timings.json`, and
`changes.json` (what the run changed against the dataset it replaced: a fresh run into an empty folder says
"no previous dataset", a re-run over outputs/ says what `make run` changed), so both are in .gitignore.

When this fails, run `make run` and commit outputs/ (after reading the diff: it is what changed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.runtime.run import run_to

ROOT = Path(__file__).resolve().parent.parent
OUTPUTS = ROOT / "outputs"
COMPARED = ("*.jsonl", "*.csv", "*.parquet", "manifest.json", "datapackage.json", "schema/*.json", "report/*.html",
            "report/docs/*.html")


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("fresh") / "outputs"
    run_to([ROOT / "corpus"], out)
    return out


def _files(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for pattern in COMPARED for path in folder.glob(pattern))


def test_outputs_same_files(fresh: Path):
    assert _files(OUTPUTS) == _files(fresh), "outputs/ is stale: run `make run` and commit outputs/"


def _parquet_content(path: Path) -> tuple[list, list]:
    """Column names and types, and every row in file order."""
    import duckdb

    with duckdb.connect() as connection:
        relation = connection.read_parquet(str(path))
        return list(zip(relation.columns, map(str, relation.types), strict=True)), relation.fetchall()


def _manifest_content(path: Path) -> dict:
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest.pop("versions", None)
    return manifest


def _content(path: Path):
    if path.suffix == ".parquet":
        return _parquet_content(path)
    if path.name == "manifest.json":
        return _manifest_content(path)
    return path.read_bytes()


@pytest.mark.parametrize("name", _files(OUTPUTS) or ["<outputs missing>"])
def test_outputs_file_is_fresh(fresh: Path, name: str):
    assert (OUTPUTS / name).is_file(), "outputs/ is missing: run `make run` and commit outputs/"
    assert _content(OUTPUTS / name) == _content(fresh / name), (
        f"outputs/{name} is stale: run `make run` and commit outputs/"
    )


def test_outputs_rerun_is_byte_identical(fresh: Path, tmp_path: Path):
    again = tmp_path / "outputs"  # the same name: the report is titled with the dataset's folder name
    run_to([ROOT / "corpus"], again)
    for name in _files(fresh):
        assert (fresh / name).read_bytes() == (again / name).read_bytes(), name
