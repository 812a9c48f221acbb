"""The dataset on disk: JSONL, CSV, Parquet, one DuckDB file, JSON Schema per table, the data package
(`datapackage.json`, see `package.py`), manifest, rejects, and what changed since the previous dataset
(`changes.json`, see `changes.py`).

Everything is written into a fresh folder beside the target (`<out>.tmp-<pid>`) and swapped in only when
complete, so a run that dies midway leaves the previous dataset as it was. On Linux the swap is one atomic
exchange of the two folders (renameat2 with RENAME_EXCHANGE), so there is no moment at which `<out>` is
missing; elsewhere it is two renames, and a run that died between them is repaired by the next one. Staging
folders left by runs that were killed are removed by the next run. A folder that is not a dataset of this tool is
never overwritten. Output is deterministic: rows sorted, keys in model order, no timestamps (timings go to
`timings.json`, kept out of version control; `changes.json` too describes the run rather than the data).
"""

from __future__ import annotations

import ctypes
import errno
import json
import os
import re
import shutil
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic_core import to_json

from pipeline.output.changes import compare, write_changes
from pipeline.output.columns import csv_select, read_json_columns, table_ddl
from pipeline.output.package import link_tables, write_package
from pipeline.schema import TABLES, Manifest, Reject

TOOL_NAME = "asean-env-pipeline"
DUCKDB_FILE = "dataset.duckdb"


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


def _backup_of(folder: Path) -> Path:
    """Where the previous dataset waits during a swap that cannot exchange the two folders at once."""
    return folder.with_name(folder.name + ".previous")


def recover_interrupted_swap(folder: Path) -> None:
    """If a previous run died between the two renames of the swap, put the last good dataset back."""
    backup = _backup_of(folder)
    if not folder.exists() and backup.is_dir():
        backup.rename(folder)
    elif backup.is_dir():
        shutil.rmtree(backup)


def _leftover_pid(path: Path, folder: Path) -> tuple[int, bool] | None:
    """(pid, is our staging folder) of a run's working folder beside `folder`: its staging folder
    `<out>.tmp-<pid>`, or the folder its records wait in, `.<out>.records-<pid>-*` (see `run.run_to`)."""
    staging = re.fullmatch(re.escape(folder.name) + r"\.tmp-(\d+)", path.name)
    if staging:
        return int(staging.group(1)), True
    records = re.fullmatch(r"\." + re.escape(folder.name) + r"\.records-(\d+)-.*", path.name)
    return (int(records.group(1)), False) if records else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def remove_stale_staging(folder: Path) -> list[Path]:
    """Remove the working folders that runs killed midway left beside `folder` (their pid no longer
    runs); a run still in progress keeps its own. Returns what was removed."""
    removed: list[Path] = []
    if not folder.parent.is_dir():
        return removed
    for path in sorted(folder.parent.iterdir()):
        found = _leftover_pid(path, folder)
        if found is None or not path.is_dir() or path.is_symlink():
            continue
        pid, staging = found
        if (staging and pid == os.getpid()) or (pid != os.getpid() and not _alive(pid)):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def dataset_folders(folder: Path) -> list[Path]:
    """The working folders beside `folder`: the previous dataset kept during a swap, the runs' staging and
    records folders (a run that reads a folder holding its own `--out` must not read these either)."""
    working = [path for path in sorted(folder.parent.iterdir()) if _leftover_pid(path, folder) is not None] \
        if folder.parent.is_dir() else []
    return [_backup_of(folder), *working]


def _sql_string(path: Path) -> str:
    """A path as an SQL string literal: quotes doubled ("analyst's data" is a fine folder name)."""
    return "'" + str(path).replace("'", "''") + "'"


def _write_jsonl(path: Path, records: Iterable[BaseModel]) -> None:
    """One record per line, by pydantic's serialiser (compact JSON, UTF-8): Python's json module took most
    of the time of writing a large dataset."""
    with path.open("wb") as jsonl:
        if (chunks := getattr(records, "jsonl_chunks", None)) is not None:  # a spilled table: lines made already
            for lines in chunks():
                jsonl.write(lines)
            return
        for record in records:
            jsonl.write(to_json(record) + b"\n")


def write_tabular(folder: Path, tables: Mapping[str, Iterable[BaseModel]],
                  models: Mapping[str, type[BaseModel]] | None = None) -> None:
    """Per table: JSONL, then CSV and Parquet, and one DuckDB file holding them all. The records are read
    once (a spilled table is read back from disk on each pass), into the JSONL file; DuckDB loads the table
    from that file itself (streamed, straight into native types: BOOLEAN, lists, lists of structs, see
    `columns.py`), then writes CSV (nested fields as compact JSON) and Parquet (native types). A table's
    columns are its model's fields: `models[name]`, else the pipeline's own model of that table; the
    schema is the same every run, also for an empty table. The nested lists of records that point into
    documents (a meeting's mentions) are also written flat, one row per item (`package.link_tables`)."""
    import duckdb

    models = {name: (models or {}).get(name) or TABLES.get(name, Reject) for name in tables}
    connection = duckdb.connect(str(folder / DUCKDB_FILE))
    try:
        connection.execute("SET threads TO 1")  # one writer thread: row order in files is the order given
        connection.execute("SET memory_limit = '128MB'")  # then DuckDB spills to disk (its default: 80 % of RAM)
        for name, records in tables.items():
            model = models[name]
            connection.execute(f'CREATE TABLE "{name}" ({table_ddl(model)})')
            jsonl = folder / f"{name}.jsonl"
            _write_jsonl(jsonl, records)
            connection.execute(f'INSERT INTO "{name}" SELECT * FROM read_json({_sql_string(jsonl)}, '
                               f"format='newline_delimited', columns={read_json_columns(model)})")
            csv, parquet = _sql_string(folder / f"{name}.csv"), _sql_string(folder / f"{name}.parquet")
            connection.execute(f'COPY (SELECT {csv_select(model)} FROM "{name}") TO {csv} (HEADER, DELIMITER \',\')')
            connection.execute(f'COPY "{name}" TO {parquet} (FORMAT parquet)')
        for link in link_tables(models):
            connection.execute(f'CREATE VIEW "{link.name}" AS {link.select()}')
            csv = _sql_string(folder / f"{link.name}.csv")
            connection.execute(f'COPY (SELECT {csv_select(link.model)} FROM "{link.name}") TO {csv} '
                               f"(HEADER, DELIMITER ',')")
    finally:
        connection.close()


def write_schemas(folder: Path, models: Mapping[str, type[BaseModel]] | None = None) -> None:
    """`schema/<name>.schema.json` per model: by default the pipeline's tables, rejects and manifest."""
    schema_dir = folder / "schema"
    schema_dir.mkdir(exist_ok=True)
    if models is None:
        models = {**TABLES, "rejects": Reject, "manifest": Manifest}
    for name, model in models.items():
        text = json.dumps(model.model_json_schema(), ensure_ascii=False, indent=2, sort_keys=True)
        (schema_dir / f"{name}.schema.json").write_text(text + "\n", encoding="utf-8")


def write_dataset(folder: Path, tables: dict[str, list[BaseModel]], manifest: Manifest,
                  timings: dict[str, float], peak_memory_mb: Callable[[], float | None] | None = None,
                  also: Callable[[Path], dict[str, float]] | None = None) -> dict[str, Any]:
    """Write every file into a sibling temporary folder, then swap it in for `folder`. Returns what changed
    against the dataset it replaced (also written as `changes.json`). `also` writes more into the staging
    folder once the tables and the manifest are there (the run's report), so that what it writes is swapped in
    with them; it returns timings to add. `peak_memory_mb` (the runtime's reading of this process) goes into
    timings.json once all is written."""
    folder = folder.resolve()
    check_target(folder)
    recover_interrupted_swap(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(folder)
    staging = folder.with_name(f"{folder.name}.tmp-{os.getpid()}")
    staging.mkdir()
    models = {name: TABLES.get(name, Reject) for name in tables}
    try:
        write_tabular(staging, tables)
        write_schemas(staging)
        write_package(staging, models)
        comparing = time.perf_counter()
        changes = compare(staging / DUCKDB_FILE, folder if is_dataset(folder) else None, models)
        write_changes(staging, changes)
        timings = {**timings, "write_changes": round(time.perf_counter() - comparing, 3)}
        (staging / "manifest.json").write_text(
            json.dumps(manifest.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        if also is not None:
            timings = {**timings, **also(staging)}
        if peak_memory_mb is not None and (peak := peak_memory_mb()) is not None:
            timings = {**timings, "main_peak_mb": peak}  # this process at its largest, writing included
        (staging / "timings.json").write_text(json.dumps(timings, indent=2, sort_keys=True) + "\n",
                                              encoding="utf-8")
        _fsync_tree(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap(staging, folder)
    return changes


def _fsync_tree(folder: Path) -> None:
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(first: Path, second: Path) -> bool:
    """Atomically swap two existing folders (Linux renameat2); False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # a C library without the call (glibc < 2.28, musl < 1.2.?)
        return False
    renameat2.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):  # a file system without exchange
        return False
    raise OSError(code, os.strerror(code), str(second))


def _swap(staging: Path, folder: Path) -> None:
    """Put the staged dataset in place of `folder`, atomically where the system allows."""
    if folder.is_dir() and not folder.is_symlink() and _exchange(staging, folder):
        shutil.rmtree(staging)  # it now holds the previous dataset
        return
    backup = _backup_of(folder)
    if folder.exists():
        folder.rename(backup)
    staging.rename(folder)
    if backup.exists():
        shutil.rmtree(backup)
