"""A meeting mention: one place in a sentence where a meeting is named, and what was read about it."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.recognise.dates import DateMention
from pipeline.recognise.entities import EntityMention
from pipeline.rules.models import GazetteerEntry


@dataclass(frozen=True, slots=True)
class Evidence:
    field: str
    start: int
    end: int
    text: str
    rule_id: str


@dataclass
class MeetingMention:
    """One place in a sentence where a meeting is named, with what was read about it."""

    start: int
    end: int
    text: str
    lang: str
    sentence_index: int
    rule_id: str
    kind: str = "other"
    body: str | None = None
    ordinal: int | None = None
    partners: tuple[str, ...] = ()
    date: DateMention | None = None
    city: GazetteerEntry | None = None
    city_name: str | None = None
    country: str | None = None
    online: bool = False
    kind_from_cue: bool = False  # the name itself says the kind ("Bộ trưởng"), not only its body or head word
    evidence: list[Evidence] = field(default_factory=list)

    def add(self, name: str, start: int, end: int, text: str, rule_id: str) -> None:
        self.evidence.append(Evidence(name, start, end, text, rule_id))


# --- names ----------------------------------------------------------------------------------------------


def inside(entity: EntityMention, start: int, end: int) -> bool:
    return start <= entity.start and entity.end <= end


def has_place(mention: MeetingMention) -> bool:
    return bool(mention.city or mention.city_name or mention.country)


def has_attributes(mention: MeetingMention) -> bool:
    return bool(mention.date or mention.city or mention.country or mention.city_name)
