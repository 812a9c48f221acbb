"""`changes.json`: what this run changed against the dataset it replaces.

Per keyed table, the records added, removed and changed (by primary key; a changed record names the fields
that differ), and the documents that caused each. The comparison runs inside DuckDB, streamed: each side is
reduced to (key, a hash of the whole row, its documents), the two are joined on the key, and only records
whose hashes differ are looked at field by field. The new side is the table just loaded into the new
`dataset.duckdb`; the previous side is the previous dataset's Parquet file when its columns have today's
types, else its JSONL file read with today's types (a dataset written by an older version: a field it lacks
reads as null). Nothing is loaded into Python but the differences.

The file describes a run, not the data (like `timings.json`): a re-run on unchanged input says "nothing
changed", whatever the committed file said about the run before it.
"""

from __future__ import annotations

import json
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from pipeline.output.columns import columns, quoted, read_json_columns

CHANGES_FILE = "changes.json"
Connection = Any  # a duckdb connection; duckdb is imported where a dataset is written


def _sql_string(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _count(connection: Connection, table: str) -> int:
    return connection.execute(f"SELECT count(*) FROM {quoted(table)}").fetchone()[0]


def _previous_rows(connection: Connection, previous: Path, name: str, model: type[BaseModel]) -> str | None:
    """SQL for the previous dataset's rows of a table, typed as today; None when it had no such table."""
    parquet, jsonl = previous / f"{name}.parquet", previous / f"{name}.jsonl"
    expected = [(column.name, column.sql_type.replace('"', "")) for column in columns(model)]
    if parquet.is_file():
        found = connection.execute(f"DESCRIBE SELECT * FROM read_parquet({_sql_string(parquet)})").fetchall()
        if [(row[0], row[1].replace('"', "")) for row in found] == expected:
            return f"read_parquet({_sql_string(parquet)})"
    if jsonl.is_file():
        return (f"read_json({_sql_string(jsonl)}, format='newline_delimited', "
                f"columns={read_json_columns(model)})")
    return None


def _documents_sql(model: type[BaseModel]) -> str:
    """SQL for the documents a row comes from: its `doc_id`, and those of its nested lists of records."""
    parts = []
    for name, info in model.model_fields.items():
        if name == "doc_id":
            parts.append(f"[{quoted(name)}]")
        item = next(iter(typing.get_args(info.annotation)), None) if typing.get_origin(info.annotation) is list \
            else None
        if isinstance(item, type) and issubclass(item, BaseModel) and "doc_id" in item.model_fields:
            parts.append(f"[item.doc_id FOR item IN {quoted(name)}]")
    return f"list_sort(list_distinct(flatten([{', '.join(parts)}])))" if parts else "[]::VARCHAR[]"


def _differences(connection: Connection, name: str, model: type[BaseModel], key: tuple[str, ...],
                 previous_rows: str) -> list[tuple]:
    """(new key values, old key values, new documents, old documents) of every row whose hash differs."""
    keys = ", ".join(quoted(k) for k in key)
    side = f"SELECT {keys}, hash(t) AS row_hash, {_documents_sql(model)} AS docs FROM {{rows}} t"
    on = " AND ".join(f"n.{quoted(k)} = o.{quoted(k)}" for k in key)
    new_keys = ", ".join(f"n.{quoted(k)}" for k in key)
    old_keys = ", ".join(f"o.{quoted(k)}" for k in key)
    order = ", ".join(f"coalesce(n.{quoted(k)}, o.{quoted(k)})" for k in key)
    return connection.execute(
        f"WITH n AS ({side.format(rows=quoted(name))}), o AS ({side.format(rows=previous_rows)}) "
        f"SELECT [{new_keys}], [{old_keys}], n.docs, o.docs FROM n FULL OUTER JOIN o ON {on} "
        f"WHERE n.row_hash IS DISTINCT FROM o.row_hash ORDER BY {order}"
    ).fetchall()


def _changed_fields(connection: Connection, name: str, model: type[BaseModel], key: tuple[str, ...],
                    previous_rows: str) -> dict[tuple, list[str]]:
    """key -> the fields that differ, for the rows present on both sides whose content differs."""
    flags = ", ".join(f"CASE WHEN n.{quoted(c.name)} IS DISTINCT FROM o.{quoted(c.name)} THEN '{c.name}' END"
                      for c in columns(model))
    on = " AND ".join(f"n.{quoted(k)} = o.{quoted(k)}" for k in key)
    rows = connection.execute(
        f"SELECT [{', '.join(f'n.{quoted(k)}' for k in key)}], [f FOR f IN [{flags}] IF f IS NOT NULL] "
        f"FROM {quoted(name)} n JOIN {previous_rows} o ON {on} WHERE hash(n) <> hash(o)"
    ).fetchall()
    return {tuple(found_key): fields for found_key, fields in rows if fields}


def _record_id(values: list, key: tuple[str, ...]) -> Any:
    return values[0] if len(key) == 1 else dict(zip(key, values, strict=True))


def _caused_by(new_docs: list[str] | None, old_docs: list[str] | None) -> list[str]:
    """The documents behind a change: those the record gained or lost, else (the same documents, read
    differently) all of them."""
    new, old = set(new_docs or ()), set(old_docs or ())
    return sorted(new ^ old) or sorted(new | old)


def table_changes(connection: Connection, name: str, model: type[BaseModel], previous: Path) -> dict[str, Any]:
    key: tuple[str, ...] = getattr(model, "primary_key", ())
    total = _count(connection, name)
    previous_rows = _previous_rows(connection, previous, name, model)
    if previous_rows is None:
        rows = [(values, [None] * len(key), docs, None) for values, docs in connection.execute(
            f"SELECT [{', '.join(quoted(k) for k in key)}], {_documents_sql(model)} FROM {quoted(name)} "
            f"ORDER BY {', '.join(quoted(k) for k in key)}").fetchall()]
    else:
        rows = _differences(connection, name, model, key, previous_rows)
    both = any(new_key[0] is not None and old_key[0] is not None for new_key, old_key, _, _ in rows)
    fields = _changed_fields(connection, name, model, key, previous_rows) if both and previous_rows else {}
    found: dict[str, list[dict[str, Any]]] = {"added": [], "removed": [], "changed": []}
    for new_key, old_key, new_docs, old_docs in rows:
        if new_key[0] is None:
            found["removed"].append({"id": _record_id(old_key, key), "documents": _caused_by(None, old_docs)})
        elif old_key[0] is None:
            found["added"].append({"id": _record_id(new_key, key), "documents": _caused_by(new_docs, None)})
        elif changed := fields.get(tuple(new_key)):
            found["changed"].append({"id": _record_id(new_key, key), "fields": changed,
                                     "documents": _caused_by(new_docs, old_docs)})
    unchanged = total - len(found["added"]) - len(found["changed"])
    return {"key": list(key), **found, "unchanged": unchanged}


def _sources(connection: Connection, previous: Path, doc_ids: set[str], models) -> dict[str, str]:
    """doc_id -> source path, from the new documents table, else the previous one."""
    if not doc_ids or "documents" not in models:
        return {}
    wanted = "[" + ", ".join("'" + doc_id.replace("'", "''") + "'" for doc_id in sorted(doc_ids)) + "]"
    sources = {}
    previous_rows = _previous_rows(connection, previous, "documents", models["documents"])
    for rows in ([previous_rows] if previous_rows else []) + ['"documents"']:
        sources.update(connection.execute(
            f"SELECT doc_id, source FROM {rows} WHERE list_contains({wanted}, doc_id)").fetchall())
    return dict(sorted(sources.items()))


def _previous_manifest(previous: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((previous / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {"version": manifest.get("version"), "rules_sha256": manifest.get("rules_sha256"),
            "counts": manifest.get("counts", {})}


def compare(database: Path, previous: Path | None, models: Mapping[str, type[BaseModel]]) -> dict[str, Any]:
    """The changes from the dataset in `previous` (None: there was none) to the one in `database`."""
    import duckdb

    keyed = {name: model for name, model in models.items() if getattr(model, "primary_key", ())}
    connection = duckdb.connect(str(database))
    try:
        connection.execute("SET threads TO 1")
        connection.execute("SET memory_limit = '128MB'")
        if previous is None:
            counts = {name: _count(connection, name) for name in keyed}
            return {"previous": None, "note": "no previous dataset: every record is new",
                    "summary": {name: {"added": n, "removed": 0, "changed": 0, "unchanged": 0}
                                for name, n in counts.items()}, "tables": {}, "documents": {}}
        tables = {name: table_changes(connection, name, model, previous) for name, model in keyed.items()}
        doc_ids = {doc for table in tables.values() for kind in ("added", "removed", "changed")
                   for record in table[kind] for doc in record["documents"]}
        sources = _sources(connection, previous, doc_ids, models)
    finally:
        connection.close()
    summary = {name: {kind: len(table[kind]) for kind in ("added", "removed", "changed")}
               | {"unchanged": table["unchanged"]} for name, table in tables.items()}
    return {"previous": _previous_manifest(previous), "summary": summary, "tables": tables, "documents": sources}


def write_changes(folder: Path, changes: dict[str, Any]) -> None:
    text = json.dumps(changes, ensure_ascii=False, indent=2)
    (folder / CHANGES_FILE).write_text(text + "\n", encoding="utf-8")


def summary_lines(changes: dict[str, Any], out: Path) -> list[str]:
    """A few lines for the run's summary: per table, what was added, removed and changed."""
    if changes.get("previous") is None:
        return [f"  no previous dataset in {out}/: every record is new"]
    rows = [(name, counts) for name, counts in changes["summary"].items()]
    if not any(counts["added"] or counts["removed"] or counts["changed"] for _, counts in rows):
        return ["  nothing changed against the previous dataset"]
    lines = [f"  {'changes':<14}{'added':>10}{'removed':>10}{'changed':>10}   (details: {out}/{CHANGES_FILE})"]
    lines += [f"  {name:<14}{counts['added']:>10}{counts['removed']:>10}{counts['changed']:>10}"
              for name, counts in rows]
    return lines
