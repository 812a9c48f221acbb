"""A meeting mention: one place in a sentence where a meeting is named, and what was read about it."""

from __future__ import annotations

from collections.abc import Sequence
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


PLACE_LABELS = ("CITY", "PROVINCE", "COUNTRY", "LOCATION")
# An acronym a name gives in parentheses: "(LMC)", "(PSC)", "(EU)", "(COM-20)"
ACRONYM_IN_PARENTHESES = r"\([A-Z][A-Za-z0-9+\-]{1,11}\)"


def masked(text: str, start: int, end: int, entities: Sequence[EntityMention], labels: Sequence[str],
           fill: str) -> str:
    """text[start:end] with each entity of `labels` inside it written over with `fill`, one character for each of
    its own: what stands around the places or partners, read as if they were not there."""
    chars = list(text[start:end])
    for entity in entities:
        if entity.label in labels and inside(entity, start, end):
            chars[entity.start - start : entity.end - start] = fill * (entity.end - entity.start)
    return "".join(chars)


def has_place(mention: MeetingMention) -> bool:
    return bool(mention.city or mention.city_name or mention.country)


def has_attributes(mention: MeetingMention) -> bool:
    return bool(mention.date or mention.city or mention.country or mention.city_name)
