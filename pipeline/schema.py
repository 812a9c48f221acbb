"""The data contract: pydantic models of every record the pipeline writes.

Data leaves the pipeline only through these models. The area keys are an enum built from the taxonomy
data file (`rules/areas.yaml`), so adding an area is adding an entry there, and rules and records share
one vocabulary. This module imports nothing else of the package.
"""

from __future__ import annotations

from enum import StrEnum
from importlib import resources
from typing import Annotated, Any, ClassVar

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

    # The keys of a record's table, for the data package (`outputs/datapackage.json`) and `changes.json`:
    # the fields that identify a row, and field -> the table whose primary key the field holds.
    primary_key: ClassVar[tuple[str, ...]] = ()
    foreign_keys: ClassVar[dict[str, str]] = {}


def _described(description: str, **constraints: Any) -> Any:
    """A field's description (what the column means, for the JSON Schema and the data package) with its
    constraints; the field stays required (no default)."""
    return Field(description=description, **constraints)


class Span(Record):
    """A piece of evidence: `text == document.text[start:end]`."""

    start: int = _described("offset of the first character in the document's text", ge=0)
    end: int = _described("offset just after the last character in the document's text", ge=0)
    text: str = _described("the evidence: the document's text from start to end")

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before start {self.start}")
        if len(self.text) != self.end - self.start:
            raise ValueError("span text length does not match its offsets")
        return self


class Mention(Span):
    """One place a record is named in a document."""

    foreign_keys: ClassVar[dict[str, str]] = {"doc_id": "documents", "sentence_id": "sentences"}

    doc_id: RecordId = _described("the document the mention is in")
    sentence_id: str = _described("the sentence the mention is in")


class MeetingMention(Mention):
    """One place a meeting is named, with what that place (and its document) says about it."""

    kind: MeetingKind = _described("kind of meeting read here")
    body: str | None = _described("the body or meeting series read here (AMME, ASOEN, COP…)")
    ordinal: int | None = _described("edition read here (17 for 'the 17th')")
    date_start: IsoDate | None = _described("first day read here (ISO, as precise as the text: 2023-08-22, "
                                            "2023-08, 2023)")
    date_end: IsoDate | None = _described("last day read here (ISO, as precise as the text)")
    city: str | None = _described("city read here (English exonym)")
    country: Iso2 | None = _described("country read here (ISO 3166-1 alpha-2)")


class DuplicateParagraph(Span):
    """A paragraph that repeats an earlier one of the same document (dropped from the analysis)."""

    duplicate_of_start: int = Field(ge=0, description="offset of the first occurrence of the same paragraph")


class Document(Record):
    """An input document: its normalised text, which every offset of the dataset points into."""

    primary_key: ClassVar[tuple[str, ...]] = ("doc_id",)

    doc_id: RecordId = _described("the document's id (a hash of the file's bytes)")
    source: str = Field(description="path relative to the input root")
    title: str = _described("the title line, or the file name when there is none")
    lang: Lang = _described("main language of the text")
    published: IsoDate | None = _described("publication date read from the text (ISO, as precise as the text)")
    sha256: str = _described("SHA-256 of the input file's bytes")
    text: str = Field(description="the decoded, normalised (Unicode NFC) text every offset points into")
    status: InputStatus = _described("outcome of the input (processed)")
    format: str = _described("input format (txt, md, html, pdf, docx)")
    encoding: str | None = _described("character encoding the file was decoded from (null: not a text file)")
    duplicate_paragraphs: list[DuplicateParagraph] = _described("paragraphs that repeat an earlier one")
    n_paragraphs: int = _described("number of paragraphs")
    n_sentences: int = _described("number of sentences")
    n_entities: int = _described("number of entities")
    n_meetings: int = _described("number of meeting mentions")
    n_commitments: int = _described("number of commitments")


class Sentence(Span):
    """A sentence of a document, with the cooperation areas it is about."""

    primary_key: ClassVar[tuple[str, ...]] = ("sentence_id",)
    foreign_keys: ClassVar[dict[str, str]] = {"doc_id": "documents"}

    sentence_id: str = _described("the sentence's id: <doc_id>:s<index>")
    doc_id: RecordId = _described("the document the sentence is in")
    index: int = _described("position of the sentence in its document, from 0")
    paragraph: int = _described("position of its paragraph in the document, from 0")
    heading: bool = Field(description="a title or sub-heading line rather than running text")
    areas: list[Area] = _described("cooperation areas the sentence is about (keys of rules/areas.yaml)")


class Entity(Span):
    """A named thing in a document: body, country, city, grouping, organisation, instrument, date, ordinal…"""

    primary_key: ClassVar[tuple[str, ...]] = ("entity_id",)
    foreign_keys: ClassVar[dict[str, str]] = {"doc_id": "documents"}

    entity_id: RecordId = _described("the entity's id (a hash of document, offsets and label)")
    doc_id: RecordId = _described("the document the entity is in")
    label: EntityLabel = _described("what kind of thing it is")
    canonical_id: str | None = _described("gazetteer id, or the normalised value of a date or ordinal")
    name_vi: str | None = _described("Vietnamese name from the gazetteer")
    name_en: str | None = _described("English name from the gazetteer")
    source: EntitySource = _described("what found it: gazetteer, ner (the NER fallback) or rule")
    rule_id: str = _described("id of the rule or gazetteer list that found it")


class AttributeEvidence(Span):
    """Where a meeting's or commitment's attribute was read, and by which rule."""

    foreign_keys: ClassVar[dict[str, str]] = {"doc_id": "documents"}

    field: str = _described("the attribute read here (body, ordinal, date, place…)")
    doc_id: RecordId = _described("the document it was read in")
    rule_id: str = _described("id of the rule that read it")


class Meeting(Record):
    """One real-world meeting, merged across the sentences and documents that name it."""

    primary_key: ClassVar[tuple[str, ...]] = ("meeting_id",)

    meeting_id: RecordId = _described("the meeting's id (a hash of what identifies it: body and edition, else "
                                      "its first mention)")
    name_vi: str = _described("Vietnamese name")
    name_en: str = _described("English name")
    kind: MeetingKind = _described("kind of meeting")
    ordinal: int | None = Field(ge=1, description="edition (17 for the 17th)")
    body: str | None = _described("body or meeting series (AMME, ASOEN, INC; a COP names its convention)")
    partners: list[str] = _described("partner countries and groupings (English names)")
    date_start: IsoDate | None = _described("first day (ISO, as precise as the text allows: 2023-08-22, "
                                            "2023-08, 2023)")
    date_end: IsoDate | None = _described("last day (ISO, as precise as the text allows)")
    date_mod: DateMod | None = _described("START, MID or END of the period in date_start (đầu, giữa, cuối)")
    city: str | None = _described("city (English exonym)")
    country: Iso2 | None = _described("country (ISO 3166-1 alpha-2)")
    areas: list[Area] = _described("cooperation areas of the meeting")
    outcomes: list[RecordId] = Field(description="instrument ids adopted at this meeting")
    mentions: list[MeetingMention] = Field(min_length=1, description="every place the meeting is named")
    attribute_evidence: list[AttributeEvidence] = _described("where each attribute was read, and by which rule")
    rule_id: str = _described("id of the rule that found the meeting")
    confidence: Confidence = _described("how sure the rule is, from 0 to 1")

    @model_validator(mode="after")
    def _dates_ordered(self) -> Meeting:
        if self.date_start and self.date_end and self.date_end[: len(self.date_start)] < self.date_start:
            raise ValueError(f"date_end {self.date_end} is before date_start {self.date_start}")
        return self


EARLIEST_TARGET_YEAR = 1990  # a commitment's target year is from this year on


class Commitment(Span):
    """A commitment clause: who commits to what, by when, and how binding."""

    primary_key: ClassVar[tuple[str, ...]] = ("commitment_id",)
    foreign_keys: ClassVar[dict[str, str]] = {"doc_id": "documents", "sentence_id": "sentences",
                                              "meeting_id": "meetings"}

    commitment_id: RecordId = _described("the commitment's id (a hash of document and offsets)")
    doc_id: RecordId = _described("the document the clause is in")
    sentence_id: str = _described("the sentence the clause is in")
    actor: str | None = _described("who commits, as the text names them")
    action: str | None = _described("what they commit to do")
    target: str | None = _described("the target, e.g. 'net zero emissions'")
    target_year: int | None = Field(ge=EARLIEST_TARGET_YEAR, le=2100, description="the year the target is due")
    form: CommitmentForm = _described("pledge, target, plan, agreed_action, proposal or call (GOLD_FORMAT.md)")
    status: CommitmentStatus = _described("adopted, planned, under_development or ongoing")
    binding: bool = _described("true when the clause uses binding words (the rules' binding cues: "
                               "'legally binding', 'shall'…)")
    areas: list[Area] = _described("cooperation areas of the commitment")
    meeting_id: RecordId | None = _described("the meeting it was made at, if the text says")
    rule_id: str = _described("id of the rule that found the clause")
    confidence: Confidence = _described("how sure the rule is, from 0 to 1")


class Instrument(Record):
    """A declaration, agreement, framework, strategy or plan named in the text."""

    primary_key: ClassVar[tuple[str, ...]] = ("instrument_id",)
    foreign_keys: ClassVar[dict[str, str]] = {"adopted_at": "meetings"}

    instrument_id: RecordId = _described("the instrument's id (a hash of its gazetteer id, else of its words)")
    kind: InstrumentKind = _described("kind of instrument")
    name_vi: str | None = _described("Vietnamese name")
    name_en: str | None = _described("English name")
    status: CommitmentStatus | None = _described("adopted, planned, under_development or ongoing")
    adopted_at: RecordId | None = Field(description="meeting id")
    mentions: list[Mention] = Field(min_length=1, description="every place the instrument is named")
    rule_id: str = _described("id of the rule that found it")


class AreaRow(Record):
    """A cooperation area a document is about, with the sentences that say so."""

    primary_key: ClassVar[tuple[str, ...]] = ("doc_id", "area")
    foreign_keys: ClassVar[dict[str, str]] = {"doc_id": "documents"}

    doc_id: RecordId = _described("the document")
    area: Area = _described("cooperation area key (rules/areas.yaml)")
    label_vi: str = _described("the area's Vietnamese label")
    label_en: str = _described("the area's English label")
    evidence: list[str] = Field(min_length=1, description="sentence ids")
    rule_ids: list[str] = _described("ids of the area rules that fired")


class Reject(Record):
    """A record that failed validation, with the reason: nothing is dropped silently."""

    table: str = _described("the table the record was meant for")
    doc_id: str | None = _described("the document it came from")
    reason: str = _described("why it failed validation")
    record: dict[str, Any] = _described("the record as it was")


class InputOutcome(Record):
    """What became of one input file."""

    source: str = _described("path relative to the input root")
    status: InputStatus = _described("processed, duplicate, skipped or failed")
    reason: str | None = _described("why it was not processed, in plain words")
    doc_id: RecordId | None = _described("its document's id, when processed")
    sha256: str | None = _described("SHA-256 of the file's bytes")
    duplicate_of: str | None = Field(description="source of the document this one duplicates")
    format: str | None = _described("input format")
    encoding: str | None = _described("character encoding it was decoded from")
    notes: list[str] = _described("what was repaired or noticed while reading it")
    warnings: list[str] = Field(
        default_factory=list,
        description="what reading the file lost although it was used, e.g. bytes that were not valid UTF-8 "
        "and were replaced with U+FFFD",
    )


class Manifest(Record):
    """Every input with its outcome, counts per table, versions and the rules' hash."""

    tool: str = _described("the tool that wrote the dataset")
    version: str = _described("its version")
    versions: dict[str, str] = _described("versions of Python and the main libraries")
    rules_sha256: str = _described("hash of the rule files used")
    inputs: list[InputOutcome] = _described("every input file with its outcome")
    counts: dict[str, int] = _described("rows per table and inputs per outcome")


TABLES: dict[str, type[Record]] = {
    "documents": Document,
    "sentences": Sentence,
    "entities": Entity,
    "meetings": Meeting,
    "commitments": Commitment,
    "instruments": Instrument,
    "areas": AreaRow,
}
