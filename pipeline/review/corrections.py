"""Reviewer input -> records validated by the same pydantic models the pipeline writes through.

Form values arrive as text; `coerce` turns them into what the model expects (empty -> null, commas ->
lists), `apply_changes` validates the corrected record, and a bad value comes back as a `CorrectionError`
that names the field and says what is wrong with it. `build_addition` makes a meeting or commitment
the pipeline missed from a span the reviewer selected.
"""

from __future__ import annotations

import enum
import hashlib
import types
import typing
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import ValidationError

from pipeline.review.records import ADDED_RULE_ID, KINDS, area_labels


class CorrectionError(ValueError):
    """One or more fields hold a value the record's model refuses."""

    def __init__(self, problems: list[dict[str, str]]):
        self.problems = problems
        super().__init__("; ".join(f"{p['field']}: {p['message']}" for p in problems))


@dataclass(frozen=True)
class FieldSpec:
    name: str
    widget: str  # text | number | select | checkboxes | boolean
    optional: bool
    is_list: bool
    choices: tuple[str, ...] = ()


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """(inner type, optional) of `X | None`, `Annotated[X, ...]`."""
    optional = False
    while True:
        origin = typing.get_origin(annotation)
        if origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            optional = optional or len(args) < len(typing.get_args(annotation))
            annotation = args[0]
        elif origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        else:
            return annotation, optional


@cache
def field_spec(kind: str, name: str) -> FieldSpec:
    """A field's form widget, from its model's annotation (a pure function of the two: computed once; every
    record card of every page asks for it)."""
    annotation, optional = _unwrap(KINDS[kind].model.model_fields[name].annotation)
    is_list = typing.get_origin(annotation) is list
    inner = _unwrap(typing.get_args(annotation)[0])[0] if is_list else annotation
    is_enum = isinstance(inner, type) and issubclass(inner, enum.Enum)
    choices = tuple(member.value for member in inner) if is_enum else ()
    if is_list:
        widget = "checkboxes" if choices else "text"
    elif choices:
        widget = "select"
    elif inner is bool:
        widget = "boolean"
    elif inner is int:
        widget = "number"
    else:
        widget = "text"
    return FieldSpec(name, widget, optional, is_list, choices)


def field_specs(kind: str) -> list[FieldSpec]:
    return [field_spec(kind, name) for name in KINDS[kind].editable]


def coerce(kind: str, raw: dict[str, Any]) -> dict[str, Any]:
    """Form values -> model input. Fields that are not correctable (ids, evidence) are refused by name."""
    editable = KINDS[kind].editable
    refused = [name for name in raw if name not in editable]
    if refused:
        raise CorrectionError([{"field": name, "message": f"cannot be corrected on a {kind} (editable: "
                                f"{', '.join(editable)})"} for name in refused])
    values = {}
    for name, value in raw.items():
        spec = field_spec(kind, name)
        if isinstance(value, str):
            value = value.strip()
            if spec.is_list:
                value = [part.strip() for part in value.split(",") if part.strip()]
            elif value == "" and spec.optional:
                value = None
        values[name] = value
    return values


def _problems(error: ValidationError) -> list[dict[str, str]]:
    problems = []
    for item in error.errors():
        field = ".".join(str(part) for part in item["loc"]) or "record"
        shown = item.get("input")
        value = "" if isinstance(shown, dict) else f" (got {shown!r})"
        problems.append({"field": field, "message": f"{item['msg']}{value}"})
    return problems


def validate(kind: str, record: dict[str, Any]) -> dict[str, Any]:
    """The record through its model, as JSON-ready data; CorrectionError when the model refuses it."""
    try:
        return KINDS[kind].model.model_validate(record).model_dump(mode="json")
    except ValidationError as error:
        raise CorrectionError(_problems(error)) from None


def apply_changes(kind: str, record: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    merged = {**record, **changes}
    if kind == "area" and "area" in changes:
        labels = area_labels().get(str(changes["area"]))
        if labels:
            merged["label_vi"], merged["label_en"] = labels
    return validate(kind, merged)


def addition_id(kind: str, source: str, start: int, end: int, text: str) -> str:
    """Id of a record a reviewer added: from where it was added, fixed once (it does not follow re-runs)."""
    digest = hashlib.sha256("\x1f".join(("review", kind, source, str(start), str(end), text)).encode()).hexdigest()
    return f"{_ID_PREFIXES[kind]}-{digest[:12]}"


_ID_PREFIXES = {"meeting": "mtg", "commitment": "com"}  # as the pipeline's own ids
_ADDED_DEFAULTS: dict[str, dict[str, Any]] = {
    "meeting": {"kind": "other", "ordinal": None, "body": None, "partners": [], "date_start": None,
                "date_end": None, "date_mod": None, "city": None, "country": None, "areas": [], "outcomes": []},
    "commitment": {"actor": None, "action": None, "target": None, "target_year": None, "form": "pledge",
                   "status": "planned", "binding": False, "areas": [], "meeting_id": None},
}


def build_addition(kind: str, record_id: str, document: dict[str, Any], sentence_id: str, start: int, end: int,
                   fields: dict[str, Any]) -> dict[str, Any]:
    """A validated meeting or commitment on document.text[start:end], from the reviewer's fields."""
    span = {"start": start, "end": end, "text": document["text"][start:end]}
    values = {**_ADDED_DEFAULTS[kind], **fields}
    if kind == "commitment":
        record = {**span, "commitment_id": record_id, "doc_id": document["doc_id"], "sentence_id": sentence_id,
                  **values, "rule_id": ADDED_RULE_ID, "confidence": 1.0}
        return validate(kind, record)
    for name in ("name_vi", "name_en"):
        values[name] = values.get(name) or span["text"]
    mention = {**span, "doc_id": document["doc_id"], "sentence_id": sentence_id,
               **{name: values[name] for name in ("kind", "body", "ordinal", "date_start", "date_end", "city",
                                                   "country")}}
    record = {"meeting_id": record_id, **values, "mentions": [mention], "attribute_evidence": [],
              "rule_id": ADDED_RULE_ID, "confidence": 1.0}
    return validate(kind, record)
