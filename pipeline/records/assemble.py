"""A processed Doc becomes its document's validated records, and drafts of its meetings and instruments.

Every record goes through its pydantic model (`schema.py`); a record that fails lands in `rejects` with
the reason instead of disappearing. Ids are content hashes, so a re-run gives the same ids: documents by
their text, everything else by document and offsets. Meetings and instruments are drafts here: one meeting
is named in many sentences and documents, and `merge.py` makes one record of them (its id from what
identifies it in the world).
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pydantic import BaseModel, ValidationError
from spacy.tokens import Doc

from pipeline.extract.meetings import MeetingMention
from pipeline.recognise.entities import EntityMention, Gazetteers
from pipeline.recognise.matcher import WORD_BOUNDED
from pipeline.rules.loader import RuleSet
from pipeline.rules.models import words_alternation
from pipeline.schema import (
    AreaRow,
    Commitment,
    Document,
    Entity,
    Reject,
    Sentence,
)


def short_hash(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(part) for part in parts).encode("utf-8")).hexdigest()[:12]


@dataclass
class Collected:
    """Records of a run, before meetings and instruments are merged across documents."""

    documents: list[dict[str, Any]] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    areas: list[AreaRow] = field(default_factory=list)
    meeting_drafts: list[MeetingDraft] = field(default_factory=list)
    instrument_drafts: list[InstrumentDraft] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    commitment_meetings: dict[str, MeetingDraft] = field(default_factory=dict)  # commitment id -> its meeting


@dataclass
class MeetingDraft:
    doc_id: str
    sentence_id: str
    mention: MeetingMention
    areas: set[str]
    order: tuple[str, int]


@dataclass
class InstrumentDraft:
    doc_id: str
    sentence_id: str
    start: int
    end: int
    text: str
    kind: str
    status: str | None
    canonical: str | None
    name_vi: str | None
    name_en: str | None
    rule_id: str
    meeting_draft: MeetingDraft | None


def validated(model: type[BaseModel], data: dict[str, Any], table: str, rejects: list[Reject]):
    try:
        return model.model_validate(data)
    except ValidationError as error:
        reason = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
        rejects.append(Reject(table=table, doc_id=data.get("doc_id"), reason=reason, record=_jsonable(data)))
        return None


def _jsonable(data: Any) -> Any:
    if isinstance(data, dict):
        return {str(k): _jsonable(v) for k, v in data.items()}
    if isinstance(data, list | tuple | set):
        return [_jsonable(v) for v in data]
    if isinstance(data, str | int | float | bool) or data is None:
        return data
    return str(data)


def sentence_id(doc_id: str, index: int) -> str:
    return f"{doc_id}:s{index:04d}"


def _entity_record(doc_id: str, entity: EntityMention) -> dict[str, Any]:
    entry = entity.entry
    return {
        "entity_id": f"ent-{short_hash(doc_id, entity.start, entity.end, entity.label)}",
        "doc_id": doc_id, "start": entity.start, "end": entity.end, "text": entity.text,
        "label": entity.label, "canonical_id": entry.id if entry else _value_id(entity),
        "name_vi": entry.name_vi if entry else None, "name_en": entry.name_en if entry else None,
        "source": entity.source, "rule_id": entity.rule_id,
    }


def _value_id(entity: EntityMention) -> str | None:
    if entity.date and entity.date.date_start:
        end = entity.date.date_end or entity.date.date_start
        return entity.date.date_start if end == entity.date.date_start else f"{entity.date.date_start}/{end}"
    return str(entity.value) if entity.value is not None else None


def _overlapping(hits: list, start: int, end: int) -> set[str]:
    return {hit.area for hit in hits if start <= hit.start and hit.end <= end}


def collect_document(doc: Doc, rules: RuleSet, gazetteers: Gazetteers, out: Collected) -> None:
    """All per-document records of one processed Doc into `out`."""
    document = doc._.document
    doc_id = document.doc_id
    sentence_areas: dict[int, set[str]] = {}
    area_evidence: dict[str, list[str]] = defaultdict(list)
    area_rules: dict[str, set[str]] = defaultdict(set)
    for sentence, hits in zip(doc._.sentence_spans, doc._.area_hits, strict=True):
        sid = sentence_id(doc_id, sentence.index)
        areas = sorted({hit.area for hit in hits})
        sentence_areas[sentence.index] = set(areas)
        for hit in hits:
            if sid not in area_evidence[hit.area]:
                area_evidence[hit.area].append(sid)
            area_rules[hit.area].add(hit.rule_id)
        record = validated(Sentence, {
            "sentence_id": sid, "doc_id": doc_id, "index": sentence.index, "paragraph": sentence.paragraph,
            "start": sentence.start, "end": sentence.end, "text": doc.text[sentence.start : sentence.end],
            "heading": sentence.heading, "areas": areas,
        }, "sentences", out.rejects)
        if record:
            out.sentences.append(record)
    n_entities = 0
    for found in doc._.entities:
        for entity in found:
            record = validated(Entity, _entity_record(doc_id, entity), "entities", out.rejects)
            if record:
                out.entities.append(record)
                n_entities += 1
    labels = {area.key: area for area in rules.areas.areas}
    for area in sorted(area_evidence):
        record = validated(AreaRow, {
            "doc_id": doc_id, "area": area, "label_vi": labels[area].label_vi, "label_en": labels[area].label_en,
            "evidence": area_evidence[area], "rule_ids": sorted(area_rules[area]),
        }, "areas", out.rejects)
        if record:
            out.areas.append(record)
    drafts = [
        MeetingDraft(doc_id, sentence_id(doc_id, m.sentence_index), m,
                     sentence_areas.get(m.sentence_index, set()), (document.source, m.start))
        for m in doc._.meetings
    ]
    out.meeting_drafts += drafts
    n_commitments = _collect_commitments(doc, doc_id, drafts, out)
    _collect_instruments(doc, doc_id, drafts, gazetteers, out, rules)
    out.documents.append({
        "doc_id": doc_id, "source": document.source, "title": document.title, "lang": document.lang,
        "published": document.published, "sha256": document.sha256, "text": document.text,
        "status": "processed", "format": document.format, "encoding": document.encoding,
        "duplicate_paragraphs": [
            {"start": p.start, "end": p.end, "text": document.text[p.start : p.end],
             "duplicate_of_start": document.paragraphs[p.duplicate_of].start}
            for p in document.paragraphs if p.duplicate_of is not None
        ],
        "n_paragraphs": len(document.paragraphs), "n_sentences": len(doc._.sentence_spans),
        "n_entities": n_entities, "n_meetings": len(drafts), "n_commitments": n_commitments,
    })


def _sentence_meeting(drafts: list[MeetingDraft], sid: str) -> MeetingDraft | None:
    return next((draft for draft in drafts if draft.sentence_id == sid), None)


def _collect_commitments(doc: Doc, doc_id: str, drafts: list[MeetingDraft], out: Collected) -> int:
    count = 0
    for item, hits in _with_sentence_hits(doc):
        sid = sentence_id(doc_id, item.sentence_index)
        areas = _overlapping(hits, item.start, item.end) or {hit.area for hit in hits}
        draft = _sentence_meeting(drafts, sid)
        record = validated(Commitment, {
            "commitment_id": f"com-{short_hash(doc_id, item.start, item.end)}", "doc_id": doc_id,
            "sentence_id": sid, "start": item.start, "end": item.end, "text": item.text, "actor": item.actor,
            "action": item.action, "target": item.target, "target_year": item.target_year, "status": item.status,
            "binding": item.binding, "form": item.form, "areas": sorted(areas), "meeting_id": None,
            "rule_id": item.rule_id,
            "confidence": item.confidence,
        }, "commitments", out.rejects)
        if record:
            out.commitments.append(record)
            count += 1
            if draft:
                out.commitment_meetings[record.commitment_id] = draft
    return count


def _with_sentence_hits(doc: Doc):
    hits_by_sentence = dict(enumerate(doc._.area_hits))
    return [(item, hits_by_sentence.get(item.sentence_index, [])) for item in doc._.commitments]


@cache
def _venue_cue(words: tuple[str, ...]) -> re.Pattern[str]:
    """One of the words (`venue_cues` of every language: a bulletin may quote the other language), whole, just
    before the end of a text ("at", not the end of "that")."""
    return re.compile(WORD_BOUNDED.format(words_alternation(list(words))) + r"\s*$", re.IGNORECASE)


def _adoption_venue(doc: Doc, instrument, drafts: list[MeetingDraft], venue_cue: re.Pattern[str]
                    ) -> MeetingDraft | None:
    """The meeting at which an adopted instrument was adopted: the nearest 'tại/at <meeting>' in its sentence."""
    candidates = [d for d in drafts if d.mention.sentence_index == instrument.sentence_index
                  and venue_cue.search(doc.text[max(0, d.mention.start - 25) : d.mention.start])]
    if not candidates:
        return None
    return min(candidates, key=lambda d: min(abs(d.mention.start - instrument.end),
                                              abs(instrument.start - d.mention.end)))


def _collect_instruments(doc: Doc, doc_id: str, drafts: list[MeetingDraft], gazetteers: Gazetteers,
                         out: Collected, rules: RuleSet) -> None:
    venue_cue = _venue_cue(tuple(word for language in rules.languages.values() for rule in language.venue_cues
                                 for word in rule.words or ()))
    for item in doc._.instruments:
        venue = _adoption_venue(doc, item, drafts, venue_cue) if item.status == "adopted" else None
        entry = item.entry
        out.instrument_drafts.append(InstrumentDraft(
            doc_id, sentence_id(doc_id, item.sentence_index), item.start, item.end, item.text, item.kind,
            item.status, entry.id if entry else None,
            entry.name_vi if entry else (item.text if doc._.document.lang == "vi" else None),
            entry.name_en if entry else (item.text if doc._.document.lang == "en" else None),
            item.rule_id, venue,
        ))



# The order of each table's rows (a run's tables list documents by doc_id, and the documents table by source).
ROW_ORDER: dict[str, Callable[[Any], tuple]] = {
    "documents": lambda d: (d.source, d.doc_id),
    "sentences": lambda s: (s.doc_id, s.index),
    "entities": lambda e: (e.doc_id, e.start, e.end, e.label),
    "commitments": lambda c: (c.doc_id, c.start, c.end),
    "areas": lambda a: (a.doc_id, a.area),
    "rejects": lambda r: (r.table, r.doc_id or "", r.reason),
}


def document_rows(collected: Collected, rejects: list[Reject]) -> dict[str, list]:
    """A document's own tables, validated and in order; its meeting and instrument drafts wait for the
    merge across documents (`merge.py`)."""
    documents = [d for d in (validated(Document, row, "documents", rejects) for row in collected.documents) if d]
    rows = {"documents": documents, "sentences": collected.sentences, "entities": collected.entities,
            "commitments": collected.commitments, "areas": collected.areas}
    return {table: sorted(records, key=ROW_ORDER[table]) for table, records in rows.items()}
