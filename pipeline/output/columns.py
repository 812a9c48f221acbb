"""Column types of a table, read from its pydantic model: one function, so a new field gets its type by itself.

DuckDB and Parquet get native types: `bool` is BOOLEAN, `list[str]` is VARCHAR[], a list of records (a
meeting's mentions) is a list of STRUCTs with the record's fields, a free-form object (a reject's record) is
JSON. CSV cannot hold lists, so its nested columns are compact JSON text (`nested` below says which).
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from enum import Enum
from typing import Any

from pydantic import BaseModel

SCALAR_TYPES: tuple[tuple[type, str], ...] = (  # bool first: it is an int to Python
    (bool, "BOOLEAN"), (int, "BIGINT"), (float, "DOUBLE"), (str, "VARCHAR"),
)


@dataclass(frozen=True)
class Column:
    name: str
    sql_type: str  # DuckDB type, e.g. 'VARCHAR', 'BIGINT', 'VARCHAR[]', 'STRUCT("start" BIGINT, …)[]'
    nested: bool  # a list, a struct or JSON: written to CSV as compact JSON text


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def without_optional(annotation: Any) -> Any:
    """`X | None` and `Annotated[X, …]` are X (to DuckDB and the data package, every column may hold NULL)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return without_optional(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if len(args) == 1:
            return without_optional(args[0])
    return annotation


def duckdb_type(annotation: Any) -> str:
    """The DuckDB type of a field's annotation: scalars as themselves (enums as their values' type), lists as
    lists, records as STRUCTs of their fields, anything free-form (dict, Any) as JSON."""
    annotation = without_optional(annotation)
    origin = typing.get_origin(annotation)
    if origin is list:
        (item,) = typing.get_args(annotation)
        return duckdb_type(item) + "[]"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        fields = ", ".join(f"{quoted(name)} {duckdb_type(info.annotation)}"
                           for name, info in annotation.model_fields.items())
        return f"STRUCT({fields})"
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        values = {type(member.value) for member in annotation}
        return duckdb_type(values.pop()) if len(values) == 1 else "JSON"
    for python_type, sql_type in SCALAR_TYPES:
        if isinstance(annotation, type) and issubclass(annotation, python_type):
            return sql_type
    return "JSON"  # dict[str, Any], Any, unions of several types


def columns(model: type[BaseModel]) -> list[Column]:
    """The table's columns, in the model's field order."""
    found = []
    for name, info in model.model_fields.items():
        sql_type = duckdb_type(info.annotation)
        nested = sql_type.endswith("]") or sql_type.startswith("STRUCT") or sql_type == "JSON"
        found.append(Column(name, sql_type, nested))
    return found


def read_json_columns(model: type[BaseModel]) -> str:
    """The `columns={…}` argument of DuckDB's read_json for the model's JSONL file: every column typed, so
    DuckDB parses the lines straight into native lists and structs (streamed, no Python per row)."""
    return "{" + ", ".join(f"'{column.name}': '{column.sql_type}'" for column in columns(model)) + "}"


def table_ddl(model: type[BaseModel]) -> str:
    return ", ".join(f"{quoted(column.name)} {column.sql_type}" for column in columns(model))


def csv_select(model: type[BaseModel]) -> str:
    """The SELECT list that writes a table to CSV: nested columns as compact JSON text."""
    return ", ".join(f"to_json({quoted(c.name)}) AS {quoted(c.name)}" if c.nested and c.sql_type != "JSON"
                     else quoted(c.name) for c in columns(model))
