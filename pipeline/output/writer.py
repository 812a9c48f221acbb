"""The dataset on disk: JSONL, CSV, Parquet, one DuckDB file, JSON Schema per table, manifest, rejects.

Everything is written into a fresh folder beside the target and swapped in only when complete, so a run
that dies midway leaves the previous dataset as it was. A folder that is not a dataset of this tool is
never overwritten. Output is deterministic: rows sorted, keys in model order, no timestamps (timings go to
`timings.json`, the one file that differs between runs, kept out of version control).
"""

from __future__ import annotations

import json
import os
import shutil
import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from pipeline.schema import TABLES, Manifest, Reject

TOOL_NAME = "asean-env-pipeline"
DUCKDB_FILE = "dataset.duckdb"
SCALAR_TYPES = {str: "VARCHAR", int: "BIGINT", float: "DOUBLE", bool: "BOOLEAN"}


class OutputError(RuntimeError):
    """The output folder cannot be written (not ours, or not writable)."""


def is_dataset(folder: Path) -> bool:
    manifest = folder / "manifest.json"
    if not manifest.is_file():
        return False
    try:
        return json.loads(manifest.read_text(encoding="utf-8")).get("tool") == TOOL_NAME
    except (OSError, ValueError):
        return False


def check_target(folder: Path) -> None:
    """Refuse a target that exists, is not empty, and is not a dataset this tool wrote."""
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"--out {folder} is a file, not a folder")
    if folder.is_dir() and any(folder.iterdir()) and not is_dataset(folder):
        raise OutputError(
            f"--out {folder} holds files that are not a dataset of this tool (no manifest.json of "
            f"{TOOL_NAME}); refusing to overwrite it. Choose an empty or new folder."
        )


def recover_interrupted_swap(folder: Path) -> None:
    """If a previous run died between the two renames of the swap, put the last good dataset back."""
    backup = folder.with_name(folder.name + ".previous")
    if not folder.exists() and backup.is_dir():
        backup.rename(folder)
    elif backup.is_dir():
        shutil.rmtree(backup)


def _json_line(record: BaseModel) -> str:
    return json.dumps(record.model_dump(mode="json"), ensure_ascii=False, sort_keys=False)


def write_jsonl(path: Path, records: list[BaseModel]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for record in records:
            handle.write(_json_line(record) + "\n")


def _column_type(annotation: Any) -> str:
    """DuckDB type of a model field: scalars as themselves, lists and objects as JSON text."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and len(args) == 1:
        return _column_type(args[0])
    if typing.get_origin(annotation) is typing.Annotated:
        return _column_type(args[0])
    base = annotation if isinstance(annotation, type) else None
    for python_type, sql_type in SCALAR_TYPES.items():
        if base is not None and issubclass(base, python_type) and not issubclass(base, bool) | (python_type is bool):
            return sql_type
    return "VARCHAR"


def _columns(model: type[BaseModel]) -> list[tuple[str, str, bool]]:
    """(name, DuckDB type, stored as JSON text) per field."""
    columns = []
    for name, info in model.model_fields.items():
        sql_type = _column_type(info.annotation)
        nested = typing.get_origin(info.annotation) in (list, dict) or (
            sql_type == "VARCHAR" and "list" in str(info.annotation) or "dict" in str(info.annotation)
        )
        columns.append((name, "VARCHAR" if nested else sql_type, nested))
    return columns


def _row(record: BaseModel, columns: list[tuple[str, str, bool]]) -> list[Any]:
    data = record.model_dump(mode="json")
    return [json.dumps(data[name], ensure_ascii=False) if nested else data[name] for name, _, nested in columns]


def write_tabular(folder: Path, tables: dict[str, list[BaseModel]]) -> None:
    """CSV and Parquet per table, and one DuckDB file holding them all (DuckDB writes all three)."""
    import duckdb

    connection = duckdb.connect(str(folder / DUCKDB_FILE))
    try:
        connection.execute("SET threads TO 1")  # one writer thread: row order in files is the order given
        for name, records in tables.items():
            model = TABLES.get(name, Reject)
            columns = _columns(model)
            ddl = ", ".join(f'"{column}" {sql_type}' for column, sql_type, _ in columns)
            connection.execute(f'CREATE TABLE "{name}" ({ddl})')
            if records:
                marks = ", ".join("?" for _ in columns)
                connection.executemany(f'INSERT INTO "{name}" VALUES ({marks})', [_row(r, columns) for r in records])
            connection.execute(f'COPY "{name}" TO \'{folder / (name + ".csv")}\' (HEADER, DELIMITER \',\')')
            connection.execute(f'COPY "{name}" TO \'{folder / (name + ".parquet")}\' (FORMAT parquet)')
    finally:
        connection.close()


def write_schemas(folder: Path) -> None:
    schema_dir = folder / "schema"
    schema_dir.mkdir()
    for name, model in {**TABLES, "rejects": Reject, "manifest": Manifest}.items():
        text = json.dumps(model.model_json_schema(), ensure_ascii=False, indent=2, sort_keys=True)
        (schema_dir / f"{name}.schema.json").write_text(text + "\n", encoding="utf-8")


def write_dataset(folder: Path, tables: dict[str, list[BaseModel]], manifest: Manifest,
                  timings: dict[str, float]) -> None:
    """Write every file into a sibling temporary folder, then swap it in for `folder`."""
    folder = folder.resolve()
    check_target(folder)
    recover_interrupted_swap(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = folder.with_name(f"{folder.name}.tmp-{os.getpid()}")
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir()
    try:
        for name, records in tables.items():
            write_jsonl(staging / f"{name}.jsonl", records)
        write_tabular(staging, tables)
        write_schemas(staging)
        (staging / "manifest.json").write_text(
            json.dumps(manifest.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        (staging / "timings.json").write_text(json.dumps(timings, indent=2, sort_keys=True) + "\n",
                                              encoding="utf-8")
        _fsync_tree(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap(staging, folder)


def _fsync_tree(folder: Path) -> None:
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())


def _swap(staging: Path, folder: Path) -> None:
    backup = folder.with_name(folder.name + ".previous")
    if folder.exists():
        folder.rename(backup)
    staging.rename(folder)
    if backup.exists():
        shutil.rmtree(backup)
