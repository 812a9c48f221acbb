"""outputs/ is the dataset of the bundled corpus: a fresh run must give the same files, byte for byte.

When this fails, run `make run` and commit outputs/ (after reading the diff: it is what changed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.run import run_to

ROOT = Path(__file__).resolve().parent.parent
OUTPUTS = ROOT / "outputs"
COMPARED = ("*.jsonl", "*.csv", "*.parquet", "manifest.json", "schema/*.json")


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("fresh") / "outputs"
    run_to([ROOT / "corpus"], out)
    return out


def _files(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for pattern in COMPARED for path in folder.glob(pattern))


def test_outputs_same_files(fresh: Path):
    assert _files(OUTPUTS) == _files(fresh), "outputs/ is stale: run `make run` and commit outputs/"


@pytest.mark.parametrize("name", _files(OUTPUTS) or ["<outputs missing>"])
def test_outputs_file_is_fresh(fresh: Path, name: str):
    assert (OUTPUTS / name).is_file(), "outputs/ is missing: run `make run` and commit outputs/"
    assert (OUTPUTS / name).read_bytes() == (fresh / name).read_bytes(), (
        f"outputs/{name} is stale: run `make run` and commit outputs/"
    )


def test_outputs_rerun_is_byte_identical(fresh: Path, tmp_path: Path):
    again = tmp_path / "again"
    run_to([ROOT / "corpus"], again)
    for name in _files(fresh):
        assert (fresh / name).read_bytes() == (again / name).read_bytes(), name
