"""The data contract: pydantic models of every record the pipeline writes.

Data leaves the pipeline only through these models. The area keys are an enum built from the taxonomy
data file (`rules/areas.yaml`), so adding an area is adding an entry there, and rules and records share
one vocabulary. This module imports nothing else of the package.
"""

from __future__ import annotations

from enum import StrEnum
from importlib import resources
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator


def _area_keys_from_taxonomy() -> list[str]:
    text = resources.files("pipeline.rules").joinpath("areas.yaml").read_text(encoding="utf-8")
    return [area["key"] for area in yaml.safe_load(text)["areas"]]


# built from the data file at import, so mypy cannot list its members; that is the point of it
Area = StrEnum("Area", {key: key for key in _area_keys_from_taxonomy()})  # type: ignore[misc]
Area.__doc__ = "Cooperation area keys, from rules/areas.yaml."


class Lang(StrEnum):
    vi = "vi"
    en = "en"


class EntityLabel(StrEnum):
    BODY = "BODY"  # ASEAN bodies, meeting series, conventions' bodies (AMME, ASOEN, COP, INC, MRC)
    COUNTRY = "COUNTRY"
    CITY = "CITY"
    PROVINCE = "PROVINCE"  # a province or state: a meeting there has its country but no city
    GROUPING = "GROUPING"  # ASEAN+3, EAS, EU as a partner grouping
    ORG = "ORG"  # organisations and agencies (UNEP, MONRE, ACB)
    INSTRUMENT = "INSTRUMENT"  # declarations, agreements, plans, strategies
    DATE = "DATE"
    ORDINAL = "ORDINAL"
    PERSON = "PERSON"
    LOCATION = "LOCATION"  # a place the gazetteers lack, from the NER fallback


class EntitySource(StrEnum):
    gazetteer = "gazetteer"
    ner = "ner"
    rule = "rule"


class MeetingKind(StrEnum):
    ministerial = "ministerial"
    senior_officials = "senior_officials"
    summit = "summit"
    dialogue = "dialogue"
    cop = "cop"
    negotiation = "negotiation"
    workshop = "workshop"
    forum = "forum"
    other = "other"


class DateMod(StrEnum):
    START = "START"
    MID = "MID"
    END = "END"


class CommitmentStatus(StrEnum):
    adopted = "adopted"
    planned = "planned"
    under_development = "under_development"
    ongoing = "ongoing"


class CommitmentForm(StrEnum):
    """What kind of undertaking a commitment is (GOLD_FORMAT.md): users keep or drop calls and proposals."""

    pledge = "pledge"
    target = "target"
    plan = "plan"
    agreed_action = "agreed_action"
    proposal = "proposal"
    call = "call"


class InstrumentKind(StrEnum):
    declaration = "declaration"
    statement = "statement"
    agreement = "agreement"
    convention = "convention"
    framework = "framework"
    strategy = "strategy"
    plan = "plan"
    roadmap = "roadmap"
    programme = "programme"
    initiative = "initiative"
    other = "other"


class InputStatus(StrEnum):
    processed = "processed"
    duplicate = "duplicate"
    skipped = "skipped"
    failed = "failed"


IsoDate = Annotated[str, StringConstraints(pattern=r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")]
Iso2 = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
RecordId = Annotated[str, StringConstraints(pattern=r"^[a-z]+-[0-9a-f]{12}$")]
Confidence = Annotated[float, Field(ge=0.0, le=1.0)]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=True)


class Span(Record):
    """A piece of evidence: `text == document.text[start:end]`."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before start {self.start}")
        if len(self.text) != self.end - self.start:
            raise ValueError("span text length does not match its offsets")
        return self


class Mention(Span):
    doc_id: RecordId
    sentence_id: str


class MeetingMention(Mention):
    """One place a meeting is named, with what that place (and its document) says about it."""

    kind: MeetingKind
    body: str | None
    ordinal: int | None
    date_start: IsoDate | None
    date_end: IsoDate | None
    city: str | None
    country: Iso2 | None


class DuplicateParagraph(Span):
    duplicate_of_start: int = Field(ge=0, description="offset of the first occurrence of the same paragraph")


class Document(Record):
    doc_id: RecordId
    source: str = Field(description="path relative to the input root")
    title: str
    lang: Lang
    published: IsoDate | None
    sha256: str
    text: str = Field(description="the decoded, normalised (Unicode NFC) text every offset points into")
    status: InputStatus
    format: str
    encoding: str | None
    duplicate_paragraphs: list[DuplicateParagraph]
    n_paragraphs: int
    n_sentences: int
    n_entities: int
    n_meetings: int
    n_commitments: int


class Sentence(Span):
    sentence_id: str
    doc_id: RecordId
    index: int
    paragraph: int
    heading: bool = Field(description="a title or sub-heading line rather than running text")
    areas: list[Area]


class Entity(Span):
    entity_id: RecordId
    doc_id: RecordId
    label: EntityLabel
    canonical_id: str | None
    name_vi: str | None
    name_en: str | None
    source: EntitySource
    rule_id: str


class AttributeEvidence(Span):
    """Where a meeting's or commitment's attribute was read, and by which rule."""

    field: str
    doc_id: RecordId
    rule_id: str


class Meeting(Record):
    meeting_id: RecordId
    name_vi: str
    name_en: str
    kind: MeetingKind
    ordinal: int | None = Field(ge=1)
    body: str | None
    partners: list[str]
    date_start: IsoDate | None
    date_end: IsoDate | None
    date_mod: DateMod | None
    city: str | None
    country: Iso2 | None
    areas: list[Area]
    outcomes: list[RecordId] = Field(description="instrument ids adopted at this meeting")
    mentions: list[MeetingMention] = Field(min_length=1)
    attribute_evidence: list[AttributeEvidence]
    rule_id: str
    confidence: Confidence

    @model_validator(mode="after")
    def _dates_ordered(self) -> Meeting:
        if self.date_start and self.date_end and self.date_end[: len(self.date_start)] < self.date_start:
            raise ValueError(f"date_end {self.date_end} is before date_start {self.date_start}")
        return self


EARLIEST_TARGET_YEAR = 1990  # a commitment's target year is from this year on


class Commitment(Span):
    commitment_id: RecordId
    doc_id: RecordId
    sentence_id: str
    actor: str | None
    action: str | None
    target: str | None
    target_year: int | None = Field(ge=EARLIEST_TARGET_YEAR, le=2100)
    form: CommitmentForm
    status: CommitmentStatus
    binding: bool
    areas: list[Area]
    meeting_id: RecordId | None
    rule_id: str
    confidence: Confidence


class Instrument(Record):
    instrument_id: RecordId
    kind: InstrumentKind
    name_vi: str | None
    name_en: str | None
    status: CommitmentStatus | None
    adopted_at: RecordId | None = Field(description="meeting id")
    mentions: list[Mention] = Field(min_length=1)
    rule_id: str


class AreaRow(Record):
    doc_id: RecordId
    area: Area
    label_vi: str
    label_en: str
    evidence: list[str] = Field(min_length=1, description="sentence ids")
    rule_ids: list[str]


class Reject(Record):
    table: str
    doc_id: str | None
    reason: str
    record: dict[str, Any]


class InputOutcome(Record):
    source: str
    status: InputStatus
    reason: str | None
    doc_id: RecordId | None
    sha256: str | None
    duplicate_of: str | None = Field(description="source of the document this one duplicates")
    format: str | None
    encoding: str | None
    notes: list[str]


class Manifest(Record):
    tool: str
    version: str
    versions: dict[str, str]
    rules_sha256: str
    inputs: list[InputOutcome]
    counts: dict[str, int]


TABLES: dict[str, type[Record]] = {
    "documents": Document,
    "sentences": Sentence,
    "entities": Entity,
    "meetings": Meeting,
    "commitments": Commitment,
    "instruments": Instrument,
    "areas": AreaRow,
}
