"""What a page shows, as plain data for the templates (the web app and the static report share it).

The text is cut into segments at every boundary of every highlight, so overlapping highlights (an entity
inside a meeting's name inside a commitment) stay exact: each segment lists the records covering it, in
the order a click selects them. Templates escape every piece of text; nothing here builds HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pipeline.review.corrections import FieldSpec, field_specs
from pipeline.review.records import ADDABLE_KINDS, KINDS, PROGRESS_KINDS, area_labels, title
from pipeline.review.resolve import Progress, Resolution, ReviewState
from pipeline.schema import CommitmentForm

ENTITY_GROUPS = {
    "COUNTRY": "place", "CITY": "place", "PROVINCE": "place", "LOCATION": "place",
    "BODY": "org", "ORG": "org", "GROUPING": "org",
    "DATE": "time", "ORDINAL": "time", "INSTRUMENT": "instrument", "PERSON": "person",
}
LEGEND = (
    ("hl-meeting", "Meeting"), ("hl-commitment", "Commitment"), ("hl-instrument", "Instrument"),
    ("ent ent-place", "Entity: country, city, place"), ("ent ent-org", "Entity: body, organisation, grouping"),
    ("ent ent-time", "Entity: date, ordinal"), ("ent ent-instrument", "Entity: instrument name"),
    ("ent ent-person", "Entity: person"), ("chip", "Area cue (sentence)"),
)
STATUS_FILTERS = ("unreviewed", "in_progress", "reviewed", "stale")


CLICK_ORDER = ("meeting", "instrument", "commitment", "entity", "area")
"""Which record a click on shared words selects first (a second click steps on): the records a reviewer is
there for before the entities inside them, and the innermost first among equals."""


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    key: str
    css: str

    @property
    def click_rank(self) -> tuple[int, int]:
        return CLICK_ORDER.index(self.key.split(":", 1)[0]), self.end - self.start


@dataclass
class Chip:
    key: str
    label: str


@dataclass
class Segment:
    start: int
    end: int
    text: str
    css: str
    keys: str  # record keys covering the segment, space-separated, in CLICK_ORDER
    chips: list[Chip] = field(default_factory=list)  # area cues of the sentence starting here


def segment_text(text: str, marks: list[Mark], chips_at: dict[int, list[Chip]]) -> list[Segment]:
    cuts = sorted({0, len(text), *chips_at, *(m.start for m in marks), *(m.end for m in marks)})
    segments = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        if start >= end or end > len(text):
            continue
        covering = sorted((m for m in marks if m.start <= start and end <= m.end), key=lambda m: m.click_rank)
        css = " ".join(dict.fromkeys(" ".join(m.css for m in covering).split()))
        keys = " ".join(dict.fromkeys(m.key for m in covering))
        segments.append(Segment(start, end, text[start:end], css, keys, chips_at.get(start, [])))
    return segments


def _marks(resolution: Resolution, doc_id: str, states: list[ReviewState]) -> list[Mark]:
    sentences = resolution.dataset.sentence_index(doc_id)
    marks = []
    for state in states:
        record = state.record
        if state.kind == "entity":
            group = ENTITY_GROUPS.get(record["label"], "other")  # a label added to the schema later: grey
            marks.append(Mark(record["start"], record["end"], state.key, f"ent ent-{group}"))
        elif state.kind in ("meeting", "instrument"):
            marks += [Mark(m["start"], m["end"], state.key, f"hl-{state.kind}") for m in record["mentions"]
                      if m["doc_id"] == doc_id]
        elif state.kind == "commitment":
            marks.append(Mark(record["start"], record["end"], state.key, "hl-commitment"))
        elif state.kind == "area":
            marks += [Mark(sentences[sid]["start"], sentences[sid]["end"], state.key, "cue")
                      for sid in record["evidence"] if sid in sentences]
    return marks


def _chips(resolution: Resolution, doc_id: str, states: list[ReviewState]) -> dict[int, list[Chip]]:
    sentences = resolution.dataset.sentence_index(doc_id)
    chips: dict[int, list[Chip]] = {}
    for state in states:
        if state.kind == "area":
            for sid in state.record["evidence"]:
                if sid in sentences:
                    chips.setdefault(sentences[sid]["start"], []).append(Chip(state.key, state.record["label_en"]))
    return chips


# --- record cards --------------------------------------------------------------------------------------


@dataclass
class FieldRow:
    spec: FieldSpec
    value: Any
    corrected: bool

    @property
    def shown(self) -> str:
        if self.value is None or self.value == []:
            return "—"
        if isinstance(self.value, list):
            return ", ".join(str(v) for v in self.value)
        if isinstance(self.value, bool):
            return "yes" if self.value else "no"
        return str(self.value)

    @property
    def form_value(self) -> str:
        if self.value is None:
            return ""
        if isinstance(self.value, list):
            return ", ".join(str(v) for v in self.value)
        if isinstance(self.value, bool):
            return "true" if self.value else "false"
        return str(self.value)


@dataclass
class Card:
    key: str
    kind: str
    kind_label: str
    title: str
    status: str
    version: int
    note: str | None
    fields: list[FieldRow]
    rule_id: str
    confidence: float | None
    evidence: str
    added: bool
    decided_by: str | None
    decided_at: str | None


def card(state: ReviewState, doc_id: str, lang: str) -> Card:
    record, original = state.record, state.original or state.record
    rows = [FieldRow(spec, record.get(spec.name), record.get(spec.name) != original.get(spec.name))
            for spec in field_specs(state.kind)]
    spans = record["mentions"] if state.kind in ("meeting", "instrument") else [record]
    evidence = next((m.get("text", "") for m in spans if m.get("doc_id") == doc_id), "")
    decision = state.decision
    return Card(
        key=state.key, kind=state.kind, kind_label=KINDS[state.kind].label, title=title(state.kind, record, lang),
        status=state.status, version=state.version, note=state.note, fields=rows, rule_id=record.get("rule_id")
        or ", ".join(record.get("rule_ids", [])), confidence=record.get("confidence"), evidence=evidence,
        added=state.added, decided_by=decision.reviewer if decision else None,
        decided_at=decision.decided_at if decision else None,
    )


@dataclass
class Group:
    kind: str
    label: str
    cards: list[Card]
    open: bool


@dataclass
class AddField:
    spec: FieldSpec
    default: str


COMMITMENT_FORMS = tuple(form.value for form in CommitmentForm)


@dataclass
class DocumentView:
    document: dict[str, Any]
    segments: list[Segment]
    groups: list[Group]
    orphans: list[dict[str, Any]]
    progress: Progress
    legend: tuple[tuple[str, str], ...]
    add_forms: dict[str, list[AddField]]
    previous_id: str | None
    next_id: str | None
    form: str = ""
    forms: tuple[str, ...] = COMMITMENT_FORMS


def document_view(resolution: Resolution, doc_id: str, with_rejected: bool = True, form: str = "") -> DocumentView:
    """The page of one document; the report leaves rejected records out (`with_rejected=False`); `form` keeps
    only the commitments of that form (a pledge, a call, …: GOLD_FORMAT.md), an unknown form none."""
    dataset = resolution.dataset
    document = dataset.documents[doc_id]
    states = [resolution.state(item.key) for item in dataset.items_in(doc_id)] + resolution.additions_in(doc_id)
    states = [state for state in states if (with_rejected or state.status != "rejected") and _has_form(state, form)]
    cards: dict[str, list[Card]] = {kind: [] for kind in KINDS}
    for state in sorted(states, key=lambda s: _first_offset(s, doc_id)):
        cards[state.kind].append(card(state, doc_id, document["lang"]))
    groups = [Group(kind, KINDS[kind].table.capitalize(), cards[kind], kind in PROGRESS_KINDS or kind == "instrument")
              for kind in KINDS]
    orphans = [{"key": o.decision.record_key, "kind": KINDS[o.decision.kind].label, "status": o.decision.status,
                "reason": o.reason, "version": o.decision.version, "reviewer": o.decision.reviewer,
                "decided_at": o.decision.decided_at, "evidence": o.decision.evidence["text"]}
               for o in resolution.orphans_in(doc_id)]
    order, positions = dataset.doc_order
    position = positions[doc_id]
    return DocumentView(
        document=document, segments=segment_text(document["text"], _marks(resolution, doc_id, states),
                                                 _chips(resolution, doc_id, states)),
        groups=groups, orphans=orphans, progress=resolution.progress(doc_id), legend=LEGEND,
        add_forms={kind: [AddField(spec, _add_default(spec)) for spec in field_specs(kind)] for kind in ADDABLE_KINDS},
        previous_id=order[position - 1] if position > 0 else None,
        next_id=order[position + 1] if position + 1 < len(order) else None,
        form=form,
    )


def _has_form(state: ReviewState, form: str) -> bool:
    """Whether a record stays in a view filtered by commitment form: every record of another kind does."""
    return not form or state.kind != "commitment" or state.record.get("form") == form


def _add_default(spec: FieldSpec) -> str:
    return {"kind": "other", "status": "planned", "binding": "false", "form": "pledge"}.get(spec.name, "")


def _first_offset(state: ReviewState, doc_id: str) -> int:
    record = state.record
    if state.kind in ("meeting", "instrument"):
        return min((m["start"] for m in record["mentions"] if m["doc_id"] == doc_id), default=0)
    if state.kind == "area":
        return 0
    return record["start"]


# --- the document list ---------------------------------------------------------------------------------


@dataclass
class DocumentSummary:
    doc_id: str
    title: str
    source: str
    lang: str
    published: str | None
    counts: dict[str, int]
    areas: list[str]
    progress: Progress


def document_summaries(resolution: Resolution) -> list[DocumentSummary]:
    summaries = []
    for doc_id, document in resolution.dataset.documents.items():
        items = resolution.dataset.items_in(doc_id)
        counts = {kind: sum(item.kind == kind for item in items) for kind in KINDS}
        for state in resolution.additions_in(doc_id):
            counts[state.kind] += state.status == "added"
        areas = sorted(item.record["area"] for item in items if item.kind == "area")
        summaries.append(DocumentSummary(doc_id, document["title"], document["source"], document["lang"],
                                         document.get("published"), counts, areas, resolution.progress(doc_id)))
    return summaries


def filter_summaries(summaries: list[DocumentSummary], area: str = "", kind: str = "",
                     status: str = "") -> list[DocumentSummary]:
    def keep(summary: DocumentSummary) -> bool:
        if area and area not in summary.areas:
            return False
        if kind and not summary.counts.get(kind):
            return False
        if status == "stale":
            return summary.progress.stale > 0
        return not status or summary.progress.status == status

    return [summary for summary in summaries if keep(summary)]


def area_choices() -> list[tuple[str, str]]:
    return [(key, labels[1]) for key, labels in area_labels().items()]
