"""What a reviewer decides on: the record kinds, their ids, their evidence in the text, their fields.

A record's key is `<kind>:<id>`, with the dataset's own ids (`meeting_id`, `commitment_id`, ...). Area rows
have no id of their own: their key is `area:<doc_id>:<area>`. Evidence is where a record was read: its own
span, its mentions, or (for an area) the sentences that cued it.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel

from pipeline.schema import AreaRow, Commitment, Entity, Instrument, Meeting


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    table: str
    model: type[BaseModel]
    id_field: str | None
    editable: tuple[str, ...]


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind("meeting", "Meeting", "meetings", Meeting, "meeting_id",
             ("name_vi", "name_en", "kind", "ordinal", "body", "partners", "date_start", "date_end", "date_mod",
              "city", "country", "areas", "outcomes")),
        Kind("commitment", "Commitment", "commitments", Commitment, "commitment_id",
             ("actor", "action", "target", "target_year", "form", "status", "binding", "areas", "meeting_id")),
        Kind("area", "Area", "areas", AreaRow, None, ("area",)),
        Kind("instrument", "Instrument", "instruments", Instrument, "instrument_id",
             ("kind", "name_vi", "name_en", "status", "adopted_at")),
        Kind("entity", "Entity", "entities", Entity, "entity_id", ("label", "canonical_id", "name_vi", "name_en")),
    )
}
KIND_BY_TABLE = {kind.table: kind for kind in KINDS.values()}
ADDABLE_KINDS = ("meeting", "commitment")
PROGRESS_KINDS = ("meeting", "commitment", "area")
"""A document is reviewed when every record of these kinds has a decision (entities and instruments are
reviewable too, but there are many of them and they are not what the dataset is for)."""

ADDED_RULE_ID = "review.added"


@dataclass(frozen=True)
class EvidenceSpan:
    doc_id: str
    start: int
    end: int
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


def record_id(kind: str, record: dict[str, Any]) -> str:
    id_field = KINDS[kind].id_field
    return record[id_field] if id_field else f"{record['doc_id']}:{record['area']}"


def record_key(kind: str, record: dict[str, Any]) -> str:
    return f"{kind}:{record_id(kind, record)}"


def split_key(key: str) -> tuple[str, str]:
    """`meeting:mtg-…` -> ("meeting", "mtg-…"); raises KeyError for an unknown kind."""
    kind, _, rid = key.partition(":")
    if kind not in KINDS or not rid:
        raise KeyError(key)
    return kind, rid


def evidence_spans(kind: str, record: dict[str, Any], sentences: dict[str, dict]) -> tuple[EvidenceSpan, ...]:
    """Where the record was read, in every document that states it."""
    if kind in ("meeting", "instrument"):
        items = record["mentions"]
    elif kind == "area":
        items = [dict(sentences[sid], doc_id=record["doc_id"]) for sid in record["evidence"] if sid in sentences]
    else:
        items = [record]
    return tuple(EvidenceSpan(item["doc_id"], item["start"], item["end"], item["text"]) for item in items)


def discriminator(kind: str, record: dict[str, Any]) -> str | None:
    """What must stay equal besides the evidence text for a decision to follow a record whose id changed
    (an area row of another area, or an entity of another label, on the same words is another record)."""
    return {"area": record.get("area"), "entity": record.get("label")}.get(kind)


def area_labels() -> dict[str, tuple[str, str]]:
    """area key -> (label_vi, label_en), from the taxonomy file the schema's enum is built from."""
    text = resources.files("pipeline.rules").joinpath("areas.yaml").read_text(encoding="utf-8")
    return {area["key"]: (area["label_vi"], area["label_en"]) for area in yaml.safe_load(text)["areas"]}


def title(kind: str, record: dict[str, Any], lang: str = "en") -> str:
    """A one-line name for a record card."""
    if kind == "meeting":
        return record["name_vi"] if lang == "vi" else record["name_en"]
    if kind == "commitment":
        parts = [record.get("actor"), record.get("action"), record.get("target")]
        words = " · ".join(str(part) for part in parts if part) or record["text"][:80]
        return f"{words} ({record['target_year']})" if record.get("target_year") else words
    if kind == "area":
        return record["label_vi"] if lang == "vi" else record["label_en"]
    if kind == "instrument":
        first = record["mentions"][0]["text"]
        return (record.get("name_vi") if lang == "vi" else record.get("name_en")) or first
    return record["text"]
