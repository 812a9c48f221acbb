"""Processed Docs become validated records: ids from content, meetings merged across sentences and documents.

Every record goes through its pydantic model (`schema.py`); a record that fails lands in `rejects` with
the reason instead of disappearing. Ids are content hashes, so a re-run gives the same ids:
documents by their text, meetings by what identifies them in the world (body, kind and edition, or
body, kind, partners and year), everything else by document and offsets.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError
from spacy.tokens import Doc

from pipeline.extract.meetings import MeetingMention
from pipeline.names import meeting_names
from pipeline.recognise.dates import DateMention
from pipeline.recognise.entities import EntityMention, Gazetteers
from pipeline.rules.loader import RuleSet
from pipeline.schema import (
    AreaRow,
    Commitment,
    Document,
    Entity,
    Instrument,
    Meeting,
    Reject,
    Sentence,
)

_VENUE_CUE = re.compile(r"(?:tại|nhân dịp|trong khuôn khổ|bên lề|at|during|on the sidelines of|by)\s*$",
                        re.IGNORECASE)


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
    _collect_instruments(doc, doc_id, drafts, gazetteers, out)
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
            "binding": item.binding, "areas": sorted(areas), "meeting_id": None, "rule_id": item.rule_id,
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


def _adoption_venue(doc: Doc, instrument, drafts: list[MeetingDraft]) -> MeetingDraft | None:
    """The meeting at which an adopted instrument was adopted: the nearest 'tại/at <meeting>' in its sentence."""
    candidates = [d for d in drafts if d.mention.sentence_index == instrument.sentence_index
                  and _VENUE_CUE.search(doc.text[max(0, d.mention.start - 25) : d.mention.start])]
    if not candidates:
        return None
    return min(candidates, key=lambda d: min(abs(d.mention.start - instrument.end),
                                              abs(instrument.start - d.mention.end)))


def _collect_instruments(doc: Doc, doc_id: str, drafts: list[MeetingDraft], gazetteers: Gazetteers,
                         out: Collected) -> None:
    for item in doc._.instruments:
        venue = _adoption_venue(doc, item, drafts) if item.status == "adopted" else None
        entry = item.entry
        out.instrument_drafts.append(InstrumentDraft(
            doc_id, sentence_id(doc_id, item.sentence_index), item.start, item.end, item.text, item.kind,
            item.status, entry.id if entry else None,
            entry.name_vi if entry else (item.text if doc._.document.lang == "vi" else None),
            entry.name_en if entry else (item.text if doc._.document.lang == "en" else None),
            item.rule_id, venue,
        ))


# --- merging meetings -----------------------------------------------------------------------------------


def _year(mention: MeetingMention) -> str | None:
    return mention.date.date_start[:4] if mention.date and mention.date.date_start else None


SERIES_KINDS = {"ministerial", "senior_officials", "summit", "cop", "negotiation", "dialogue"}


def world_key(draft: MeetingDraft) -> tuple | None:
    """What identifies a meeting across documents, or None when only its own document can tell.

    Series meetings are identified by body, kind, edition and partners (the 4th ASEAN-EU and the 4th
    ASEAN-India dialogues are two meetings); other meetings of a generic body ("the 5th ASEAN workshop")
    also by the words of their name."""
    m = draft.mention
    if m.kind not in SERIES_KINDS and not _is_series_body(m.body):
        return None
    if m.body and m.ordinal:
        return ("edition", m.body, m.kind, m.ordinal, m.partners)
    if m.body and _year(m):
        return ("yearly", m.body, m.kind, m.partners, _year(m))
    return None


def _is_series_body(body: str | None) -> bool:
    """A body whose meetings are numbered in one series (AMME, AWGCC, MRC Council), not a grouping."""
    return bool(body) and body not in {"ASEAN", "ASEAN+3"}


def document_key(draft: MeetingDraft) -> tuple:
    m = draft.mention
    if m.body or m.partners:
        return ("doc", draft.doc_id, m.body, m.kind, m.partners)
    return ("doc", draft.doc_id, m.kind, " ".join(m.text.casefold().split()))


def group_drafts(drafts: list[MeetingDraft]) -> list[list[MeetingDraft]]:
    """Drafts of one meeting together: same edition anywhere; same series and year anywhere; within one
    document, mentions without edition join the one edition of their series there."""
    parent: dict[int, int] = {}

    def find(i: int) -> int:
        while parent.setdefault(i, i) != i:
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    first_by_key: dict[tuple, int] = {}
    for index, draft in enumerate(drafts):
        for key in (world_key(draft), document_key(draft) if not draft.mention.ordinal else None):
            if key is not None:
                union(index, first_by_key.setdefault(key, index))
    _join_editionless(drafts, union)
    groups: dict[int, list[MeetingDraft]] = defaultdict(list)
    for index, draft in enumerate(drafts):
        groups[find(index)].append(draft)
    return [sorted(group, key=lambda d: d.order) for group in groups.values()]


def _join_editionless(drafts: list[MeetingDraft], union) -> None:
    """Within one document, a mention without edition joins the one meeting of its series there:
    "Hội nghị ASEAN+3" is the "Hội nghị Bộ trưởng Môi trường ASEAN+3 lần thứ 18" named before. When the
    short mention's kind came only from its body or head word, the kinds need not agree."""
    by_doc_body: dict[tuple, set[int]] = defaultdict(set)
    for index, draft in enumerate(drafts):
        if draft.mention.body and draft.mention.ordinal:
            by_doc_body[(draft.doc_id, draft.mention.body)].add(index)
    for index, draft in enumerate(drafts):
        m = draft.mention
        if not m.body or m.ordinal:
            continue
        editions = by_doc_body.get((draft.doc_id, m.body), set())
        if m.kind_from_cue:
            editions = {i for i in editions if drafts[i].mention.kind == m.kind}
        if len({drafts[i].mention.ordinal for i in editions}) == 1 and _dates_agree(draft, drafts[min(editions)]):
            union(index, min(editions))
    _join_shortened_names(drafts, union)
    _join_by_city(drafts, union)


_NAME_WORD = re.compile(r"\w+")
_GENERIC_WORDS = {"hội", "nghị", "thảo", "diễn", "đàn", "năm", "lần", "thứ", "the", "of", "on", "meeting",
                  "forum", "workshop", "conference"}


def _content_words(text: str) -> set[str]:
    return {w for w in _NAME_WORD.findall(text.casefold()) if w not in _GENERIC_WORDS and not w.isdigit()}


def _dates_agree(a: MeetingDraft, b: MeetingDraft) -> bool:
    """Two mentions with dates of different periods are two meetings (the 2018 Special Summit is not the
    2021 annual summit), whatever else they share."""
    first, second = a.mention.date, b.mention.date
    if not (first and second and first.date_start and second.date_start):
        return True
    return first.date_start.startswith(second.date_start) or second.date_start.startswith(first.date_start)


def _join_by_city(drafts: list[MeetingDraft], union) -> None:
    """Within one document, "Hội nghị khí hậu Glasgow" is the one meeting there held in Glasgow."""
    in_document = _indices_by_document(drafts)
    for index, draft in enumerate(drafts):
        m = draft.mention
        if m.body or m.ordinal or m.city is None or m.date is not None:
            continue
        named_city = m.city.name_en
        held_there = [i for i in in_document[draft.doc_id] if i != index
                      and (city := drafts[i].mention.city) is not None and city.name_en == named_city
                      and drafts[i].mention.body]
        if len({drafts[i].mention.body for i in held_there}) == 1 and \
                len({drafts[i].mention.ordinal for i in held_there}) == 1:
            union(index, held_there[0])


def _indices_by_document(drafts: list[MeetingDraft]) -> dict[str, list[int]]:
    """Each document's drafts (their indices, in order): the joins within a document look only there, so
    that a run of 10,000 documents does not compare every draft with every other."""
    found: dict[str, list[int]] = defaultdict(list)
    for index, draft in enumerate(drafts):
        found[draft.doc_id].append(index)
    return found


def _join_shortened_names(drafts: list[MeetingDraft], union) -> None:
    """Within one document, "Diễn đàn Một sức khỏe" is the "Diễn đàn Đối tác Một sức khỏe năm 2024" named
    before: same kind, no body, and every content word of the short name in the long one."""
    in_document = _indices_by_document(drafts)
    for index, draft in enumerate(drafts):
        m = draft.mention
        if m.body or m.ordinal or m.partners:
            continue
        words = _content_words(m.text)
        if len(words) < 2:
            continue
        for other_index in in_document[draft.doc_id]:
            if other_index >= index:
                break
            other = drafts[other_index]
            if other.mention.kind == m.kind and words < _content_words(other.mention.text) \
                    and _dates_agree(draft, other):
                union(index, other_index)
                break


def _most_precise(group: list[MeetingDraft]) -> DateMention | None:
    """The date of the group's most precise dated mention (the first of equals)."""
    dates = [d.mention.date for d in group if d.mention.date and d.mention.date.date_start]
    return max(dates, key=lambda date: len(date.date_start or ""), default=None)


def merged_meeting(group: list[MeetingDraft], gazetteers: Gazetteers, outcomes: list[str]) -> dict[str, Any]:
    head = group[0].mention
    key = world_key(group[0]) or document_key(group[0])
    date = _most_precise(group)
    city = next((d.mention.city for d in group if d.mention.city), None)
    city_name = next((d.mention.city_name for d in group if d.mention.city_name), None)
    country = next((d.mention.country for d in group if d.mention.country), None)
    ordinal = next((d.mention.ordinal for d in group if d.mention.ordinal), None)
    partners = tuple(dict.fromkeys(p for d in group for p in d.mention.partners))
    name_vi, name_en = meeting_names(group, gazetteers, ordinal, partners)
    evidence = [
        {"field": e.field, "doc_id": d.doc_id, "start": e.start, "end": e.end, "text": e.text, "rule_id": e.rule_id}
        for d in group for e in d.mention.evidence
    ]
    return {
        "meeting_id": f"mtg-{short_hash(*key)}",
        "name_vi": name_vi, "name_en": name_en, "kind": head.kind, "ordinal": ordinal, "body": head.body,
        "partners": list(partners),
        "date_start": date.date_start if date else None,
        "date_end": (date.date_end or date.date_start) if date else None,
        "date_mod": date.mod if date else None,
        "city": city.name_en if city else city_name, "country": country,
        "areas": sorted(set().union(*(d.areas for d in group))),
        "outcomes": outcomes,
        "mentions": [_mention_record(d) for d in group],
        "attribute_evidence": evidence,
        "rule_id": head.rule_id,
        "confidence": _confidence(group),
    }


def _mention_record(draft: MeetingDraft) -> dict[str, Any]:
    m = draft.mention
    date = m.date
    return {
        "doc_id": draft.doc_id, "sentence_id": draft.sentence_id, "start": m.start, "end": m.end, "text": m.text,
        "kind": m.kind, "body": m.body, "ordinal": m.ordinal,
        "date_start": date.date_start if date else None,
        "date_end": (date.date_end or date.date_start) if date else None,
        "city": m.city.name_en if m.city else m.city_name, "country": m.country,
    }


def _confidence(group: list[MeetingDraft]) -> float:
    head = group[0].mention
    score = 0.55 + 0.15 * bool(head.body) + 0.1 * bool(head.ordinal) + 0.1 * bool(_most_precise(group))
    return round(min(0.95, score + 0.05 * (len(group) > 1)), 2)


def finish(collected: Collected, gazetteers: Gazetteers) -> dict[str, list]:
    """Merge meetings and instruments, link commitments and outcomes; return every table's records."""
    groups = group_drafts(collected.meeting_drafts)
    draft_group = {id(d): i for i, group in enumerate(groups) for d in group}
    instruments, outcomes = _merge_instruments(collected, groups, draft_group)
    meeting_ids: dict[int, str] = {}
    meetings = []
    for index, group in enumerate(groups):
        data = merged_meeting(group, gazetteers, outcomes.get(index, []))
        record = validated(Meeting, data, "meetings", collected.rejects)
        if record:
            meetings.append(record)
            meeting_ids[index] = record.meeting_id
    commitment_meetings = collected.commitment_meetings
    commitments = [
        c.model_copy(update={"meeting_id": _linked_meeting(c, commitment_meetings, draft_group, meeting_ids)})
        if c.commitment_id in commitment_meetings else c
        for c in collected.commitments
    ]
    instruments = [
        i.model_copy(update={"adopted_at": meeting_ids.get(group)}) if group is not None else i
        for i, group in instruments
    ]
    documents = [validated(Document, d, "documents", collected.rejects) for d in collected.documents]
    return {
        "documents": sorted([d for d in documents if d], key=lambda d: (d.source, d.doc_id)),
        "sentences": sorted(collected.sentences, key=lambda s: (s.doc_id, s.index)),
        "entities": sorted(collected.entities, key=lambda e: (e.doc_id, e.start, e.end, e.label)),
        "meetings": sorted(meetings, key=lambda m: m.meeting_id),
        "commitments": sorted(commitments, key=lambda c: (c.doc_id, c.start, c.end)),
        "instruments": sorted(instruments, key=lambda i: i.instrument_id),
        "areas": sorted(collected.areas, key=lambda a: (a.doc_id, a.area)),
        "rejects": sorted(collected.rejects, key=lambda r: (r.table, r.doc_id or "", r.reason)),
    }


def _linked_meeting(commitment: Commitment, commitment_meetings: dict[str, MeetingDraft],
                    draft_group: dict[int, int], meeting_ids: dict[int, str]) -> str | None:
    group = draft_group.get(id(commitment_meetings[commitment.commitment_id]))
    return meeting_ids.get(group) if group is not None else None


def _merge_instruments(collected: Collected, groups: list[list[MeetingDraft]], draft_group: dict[int, int]):
    by_key: dict[tuple, list[InstrumentDraft]] = defaultdict(list)
    for draft in collected.instrument_drafts:
        key = ("id", draft.canonical) if draft.canonical else ("name", " ".join(draft.text.casefold().split()))
        by_key[key].append(draft)
    merged: list[tuple[Instrument, int | None]] = []
    outcomes: dict[int, list[str]] = defaultdict(list)
    for key, drafts in by_key.items():
        head = drafts[0]
        instrument_id = f"ins-{short_hash(*key)}"
        venue = next((draft_group.get(id(d.meeting_draft)) for d in drafts if d.meeting_draft), None)
        status = next((d.status for d in drafts if d.status), None)
        record = validated(Instrument, {
            "instrument_id": instrument_id, "kind": head.kind,
            "name_vi": next((d.name_vi for d in drafts if d.name_vi), None),
            "name_en": next((d.name_en for d in drafts if d.name_en), None),
            "status": status, "adopted_at": None,
            "mentions": [{"doc_id": d.doc_id, "sentence_id": d.sentence_id, "start": d.start, "end": d.end,
                          "text": d.text} for d in drafts],
            "rule_id": head.rule_id,
        }, "instruments", collected.rejects)
        if record:
            merged.append((record, venue))
            if venue is not None:
                outcomes[venue].append(instrument_id)
    return merged, {k: sorted(v) for k, v in outcomes.items()}
