"""`datapackage.json`: a Frictionless Data Package that describes the dataset's tables, made from the models.

Data portals and tools (frictionless, CKAN, pandas readers) read it to know every CSV file's columns, their
types and meanings (the models' field descriptions), the primary keys and the foreign keys (a commitment's
`meeting_id` is a meeting, an instrument's `adopted_at` is a meeting, every `doc_id` is a document), without
our docs. The CSV files are the package's resources: the Table Schema of a CSV file says how to read each
cell, nested fields included (compact JSON, as `array` and `object` fields are written in CSV).

A foreign key cannot reach inside a nested list, so the lists of records that point into documents (a
meeting's mentions, its attribute evidence, an instrument's mentions) are also written flat, one row per item
with its parent's key (`meeting_mentions.csv`…): their `doc_id` and `sentence_id` are then checked too.
"""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, create_model
from pydantic.fields import FieldInfo

from pipeline.output.columns import without_optional

PACKAGE_FILE = "datapackage.json"
PACKAGE_NAME = "asean-environment-cooperation"
PACKAGE_TITLE = "ASEAN environment cooperation: areas, meetings and commitments from bulletins"
PACKAGE_DESCRIPTION = (
    "Cooperation areas, meetings and commitments extracted from Vietnamese and English bulletins about ASEAN "
    "cooperation on natural resources and the environment. Every span is start/end character offsets into "
    "documents.text, and text[start:end] is its evidence. The same tables are in the .jsonl, .parquet and "
    "dataset.duckdb files, with native types (booleans, lists, lists of structs); schema/*.schema.json has the "
    "JSON Schema of each table, nested fields included."
)
TABLE_SCHEMA_TYPES: tuple[tuple[type, str], ...] = (
    (bool, "boolean"), (int, "integer"), (float, "number"), (str, "string"),
)


@dataclass(frozen=True)
class LinkTable:
    """The items of a nested list of records (`meetings.mentions`), one row each, beside their parent's key."""

    parent: str
    parent_key: str
    field: str
    item: type[BaseModel]

    @property
    def name(self) -> str:
        return f"{self.parent.removesuffix('s')}_{self.field}"  # meeting_mentions

    @property
    def model(self) -> type[BaseModel]:
        """The row: the parent's key, then the item's fields."""
        key = Field(description=f"the {self.parent.removesuffix('s')} this row belongs to")
        fields: dict[str, Any] = {self.parent_key: (str, key)}
        fields.update({name: (info.annotation, info) for name, info in self.item.model_fields.items()})
        return create_model(f"{self.item.__name__}Row", **fields)

    @property
    def foreign_keys(self) -> dict[str, str]:
        return {self.parent_key: self.parent, **getattr(self.item, "foreign_keys", {})}

    def select(self) -> str:
        """The rows as SQL over the parent table (DuckDB): `SELECT key, item.* FROM (… unnest(list) …)`."""
        return (f'SELECT "{self.parent_key}", "item".* FROM (SELECT "{self.parent_key}", unnest("{self.field}") '
                f'AS "item" FROM "{self.parent}")')


def _list_item(annotation: Any) -> Any:
    annotation = without_optional(annotation)
    return typing.get_args(annotation)[0] if typing.get_origin(annotation) is list else None


def link_tables(models: Mapping[str, type[BaseModel]]) -> list[LinkTable]:
    """Every list of records, in a keyed table, whose items point into documents (they have a `doc_id`)."""
    links = []
    for name, model in models.items():
        key: tuple[str, ...] = getattr(model, "primary_key", ())
        if len(key) != 1:
            continue
        for field, info in model.model_fields.items():
            item = _list_item(info.annotation)
            if isinstance(item, type) and issubclass(item, BaseModel) and "doc_id" in item.model_fields:
                links.append(LinkTable(name, key[0], field, item))
    return links


# --- a field's Table Schema ------------------------------------------------------------------------------


def _nullable(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _nullable(typing.get_args(annotation)[0])
    return origin in (typing.Union, types.UnionType) and type(None) in typing.get_args(annotation)


def _metadata(annotation: Any, info: FieldInfo) -> list[Any]:
    """The constraints of a field: its own (`Field(ge=…)`) and those of the type alias it uses (`IsoDate`)."""
    found = list(info.metadata)
    stack = [annotation]
    while stack:
        current = stack.pop()
        if typing.get_origin(current) is typing.Annotated:
            found += list(current.__metadata__)
            stack.append(typing.get_args(current)[0])
        elif typing.get_origin(current) in (typing.Union, types.UnionType):
            stack += list(typing.get_args(current))
    return found


def _field_type(annotation: Any) -> str:
    bare = without_optional(annotation)
    if typing.get_origin(bare) is list:
        return "array"
    if isinstance(bare, type) and issubclass(bare, Enum):
        return "string"
    for python_type, name in TABLE_SCHEMA_TYPES:
        if isinstance(bare, type) and issubclass(bare, python_type):
            return name
    return "object" if typing.get_origin(bare) is dict or isinstance(bare, type) else "any"


def _item_note(annotation: Any) -> str:
    """What a JSON list cell holds, for the field's description."""
    item = _list_item(annotation)
    if isinstance(item, type) and issubclass(item, BaseModel):
        return f" (a JSON list of objects: {', '.join(item.model_fields)})"
    if isinstance(item, type) and issubclass(item, Enum):
        return f" (a JSON list of: {', '.join(str(member.value) for member in item)})"
    return " (a JSON list)" if item is not None else ""


def _constraints(annotation: Any, info: FieldInfo, kind: str) -> dict[str, Any]:
    """Table Schema constraints of a field. `required` only where the CSV can tell a value from a missing one:
    an empty CSV cell is null, so a plain text field that may be empty is not marked required."""
    constraints: dict[str, Any] = {}
    metadata = _metadata(annotation, info)
    patterns = [m.pattern for m in metadata if getattr(m, "pattern", None)]
    bare = without_optional(annotation)
    enum = isinstance(bare, type) and issubclass(bare, Enum)
    if not _nullable(annotation) and (kind != "string" or patterns or enum):
        constraints["required"] = True
    if enum:
        constraints["enum"] = [member.value for member in bare]
    if patterns:
        constraints["pattern"] = patterns[0].removeprefix("^").removesuffix("$")  # Table Schema anchors it
    for attribute, name in (("ge", "minimum"), ("le", "maximum"), ("min_length", "minLength")):
        values = [getattr(m, attribute) for m in metadata if getattr(m, attribute, None) is not None]
        if values:
            constraints[name] = values[0]
    return constraints


def field_descriptor(name: str, info: FieldInfo) -> dict[str, Any]:
    kind = _field_type(info.annotation)
    descriptor: dict[str, Any] = {"name": name, "type": kind}
    descriptor["description"] = (info.description or "") + _item_note(info.annotation)
    if constraints := _constraints(info.annotation, info, kind):
        descriptor["constraints"] = constraints
    return descriptor


# --- the package ---------------------------------------------------------------------------------------------


def _resource(name: str, model: type[BaseModel], primary_key: tuple[str, ...], foreign_keys: dict[str, str],
              description: str, keys: Mapping[str, tuple[str, ...]]) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [field_descriptor(field, info) for field, info in model.model_fields.items()],
        "missingValues": [""],
    }
    if primary_key:
        schema["primaryKey"] = list(primary_key)
    references = [{"fields": [field], "reference": {"resource": table, "fields": list(keys[table])}}
                  for field, table in foreign_keys.items() if table in keys and len(keys[table]) == 1]
    if references:
        schema["foreignKeys"] = references
    return {"name": name, "path": f"{name}.csv", "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "description": description, "schema": schema}


def _description(model: type[BaseModel]) -> str:
    return " ".join((model.__doc__ or "").split("\n\n")[0].split())


def data_package(models: Mapping[str, type[BaseModel]]) -> dict[str, Any]:
    """The descriptor of the dataset whose tables are `models` (their CSV files), links included."""
    keys = {name: getattr(model, "primary_key", ()) for name, model in models.items()}
    resources = [_resource(name, model, keys[name], getattr(model, "foreign_keys", {}), _description(model), keys)
                 for name, model in models.items()]
    for link in link_tables(models):
        description = (f"The {link.field.replace('_', ' ')} of {link.parent}, one row each (the "
                       f"{link.parent}.{link.field} lists, flat): {_description(link.item)}")
        resources.append(_resource(link.name, link.model, (), link.foreign_keys, description, keys))
    return {"profile": "tabular-data-package", "name": PACKAGE_NAME, "title": PACKAGE_TITLE,
            "description": PACKAGE_DESCRIPTION, "resources": resources}


def write_package(folder: Path, models: Mapping[str, type[BaseModel]]) -> None:
    text = json.dumps(data_package(models), ensure_ascii=False, indent=2)
    (folder / PACKAGE_FILE).write_text(text + "\n", encoding="utf-8")

