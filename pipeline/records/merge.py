"""Meetings and instruments merged across documents, and commitments linked to their merged meeting.

Mentions of one meeting join by keys of two reaches (`group_drafts`). All but one join only within a
document: its document key, the edition named before, a shortened name, the city. One joins across
documents: the world key (body, kind, edition or year, partners). So each document's drafts are grouped
where the document was processed (`prepare_merge`, in the worker, cached with its result), and the run keeps
little of a group until the end: its place among the run's groups, where its first mention is, and the id
that mention would give the meeting. The drafts wait, pickled, in a `Store` (a list for a small run, a file
for a large one), and are read back one meeting at a time when the merged records are made
(`Merger.finish`). The run's memory then grows with the number of meeting groups, not with their drafts.
The records are the same as if every draft of the run had been grouped at once.
"""

from __future__ import annotations

import pickle
import re
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any, Protocol

from pydantic import BaseModel

from pipeline.extract.meetings import MeetingMention
from pipeline.recognise.dates import DateMention
from pipeline.recognise.entities import Gazetteers
from pipeline.records.assemble import Collected, InstrumentDraft, MeetingDraft, short_hash, validated
from pipeline.records.bilingual_names import meeting_names
from pipeline.rules.loader import RuleSet
from pipeline.schema import Instrument, Meeting, Reject

# --- which drafts are one meeting -------------------------------------------------------------------

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


GENERIC_COP = "COP"


def _join_generic_cops(drafts: list[MeetingDraft], union) -> None:
    """A "COP28" whose bulletin does not say which convention is the COP28 another bulletin of the run names
    (UNFCCC), when the run names exactly one convention's COP of that number; with two (UNFCCC COP15 and CBD
    COP15) it stays apart."""
    specific: dict[int, dict[str, int]] = defaultdict(dict)
    for index, draft in enumerate(drafts):
        m = draft.mention
        if m.kind == "cop" and m.ordinal and m.body and m.body != GENERIC_COP:
            specific[m.ordinal].setdefault(m.body, index)
    for index, draft in enumerate(drafts):
        m = draft.mention
        bodies = specific.get(m.ordinal or 0, {})
        if m.kind == "cop" and m.body == GENERIC_COP and len(bodies) == 1:
            union(index, next(iter(bodies.values())))


def group_body(group: list[MeetingDraft]) -> str | None:
    """The group's body: the head's, or the convention a generic COP of the group was joined to."""
    head = group[0].mention.body
    if head != GENERIC_COP:
        return head
    return next((d.mention.body for d in group if d.mention.body and d.mention.body != GENERIC_COP), head)


def document_key(draft: MeetingDraft) -> tuple:
    m = draft.mention
    if m.body or m.partners:
        return ("doc", draft.doc_id, m.body, m.kind, m.partners)
    return ("doc", draft.doc_id, m.kind, " ".join(m.text.casefold().split()))


def group_drafts(drafts: list[MeetingDraft], rules: RuleSet) -> list[list[MeetingDraft]]:
    """Drafts of one meeting together: same edition anywhere; same series and year anywhere; within one
    document, mentions without edition join the one edition of their series there (or, shortened, the
    longer name that holds all their words but the rules' `name_generic_words`)."""
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
    _join_editionless(drafts, union, generic_name_words(rules))
    _join_generic_cops(drafts, union)
    groups: dict[int, list[MeetingDraft]] = defaultdict(list)
    for index, draft in enumerate(drafts):
        groups[find(index)].append(draft)
    return [sorted(group, key=lambda d: d.order) for group in groups.values()]


def _join_editionless(drafts: list[MeetingDraft], union, generic: frozenset[str]) -> None:
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
        if len({drafts[i].mention.ordinal for i in editions}) > 1 and m.sentence_index == 0 and editions:
            # a title names the meeting the bulletin reports, the first edition its body names, not the next
            # one it announces ("Hội nghị lần thứ 13 sẽ được tổ chức tại Campuchia")
            editions = {min(editions, key=lambda i: drafts[i].mention.start)}
        if len({drafts[i].mention.ordinal for i in editions}) == 1 and _dates_agree(draft, drafts[min(editions)]):
            union(index, min(editions))
    _join_shortened_names(drafts, union, generic)
    _join_by_city(drafts, union)


_NAME_WORD = re.compile(r"\w+")


def generic_name_words(rules: RuleSet) -> frozenset[str]:
    """The words of any meeting's name (`name_generic_words` of every language: a name may mix them)."""
    return frozenset(word.casefold() for language in rules.languages.values()
                     for rule in language.name_generic_words for word in rule.words or ())


def _content_words(text: str, generic: frozenset[str]) -> set[str]:
    return {w for w in _NAME_WORD.findall(text.casefold()) if w not in generic and not w.isdigit()}


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


def _join_shortened_names(drafts: list[MeetingDraft], union, generic: frozenset[str]) -> None:
    """Within one document, "Diễn đàn Một sức khỏe" is the "Diễn đàn Đối tác Một sức khỏe năm 2024" named
    before: same kind, no body, and every content word of the short name in the long one."""
    in_document = _indices_by_document(drafts)
    for index, draft in enumerate(drafts):
        m = draft.mention
        if m.body or m.ordinal or m.partners:
            continue
        words = _content_words(m.text, generic)
        if len(words) < 2:
            continue
        for other_index in in_document[draft.doc_id]:
            if other_index >= index:
                break
            other = drafts[other_index]
            if other.mention.kind == m.kind and words < _content_words(other.mention.text, generic) \
                    and _dates_agree(draft, other):
                union(index, other_index)
                break


def _most_precise(group: list[MeetingDraft]) -> DateMention | None:
    """The date of the group's most precise dated mention (the first of equals)."""
    dates = [d.mention.date for d in group if d.mention.date and d.mention.date.date_start]
    return max(dates, key=lambda date: len(date.date_start or ""), default=None)


def merged_meeting(group: list[MeetingDraft], gazetteers: Gazetteers, outcomes: list[str]) -> dict[str, Any]:
    head = group[0].mention
    date = _most_precise(group)
    city = next((d.mention.city for d in group if d.mention.city), None)
    city_name = next((d.mention.city_name for d in group if d.mention.city_name), None)
    country = next((d.mention.country for d in group if d.mention.country), None)
    ordinal = next((d.mention.ordinal for d in group if d.mention.ordinal), None)
    partners = tuple(dict.fromkeys(p for d in group for p in d.mention.partners))
    body = group_body(group)
    name_vi, name_en = meeting_names(group, gazetteers, ordinal, partners, body)
    evidence = [
        {"field": e.field, "doc_id": d.doc_id, "start": e.start, "end": e.end, "text": e.text, "rule_id": e.rule_id}
        for d in group for e in d.mention.evidence
    ]
    return {
        "meeting_id": meeting_id(group[0]),
        "name_vi": name_vi, "name_en": name_en, "kind": _said_kind(group, head.kind), "ordinal": ordinal, "body": body,
        "partners": list(partners),
        "date_start": date.date_start if date else None,
        "date_end": (date.date_end or date.date_start) if date else None,
        "date_mod": date.mod if date else None,
        "city": city.name_en if city else city_name, "country": country,
        "areas": sorted(set().union(*(d.areas for d in group))),
        "outcomes": outcomes,
        "mentions": [_mention_record(d, group) for d in group],
        "attribute_evidence": evidence,
        "rule_id": head.rule_id,
        "confidence": _confidence(group),
    }


def _said_kind(drafts: list[MeetingDraft], default: str) -> str:
    """The kind a name of the meeting says ("Hội nghị Cấp cao lần thứ 2 Ủy hội …" is a summit), over the kind a
    shorter mention took from its body or head word only ("Hội nghị Ủy hội sông Mekong" in a title)."""
    return next((d.mention.kind for d in drafts if d.mention.kind_from_cue), default)


def _mention_record(draft: MeetingDraft, group: list[MeetingDraft]) -> dict[str, Any]:
    m = draft.mention
    date = m.date
    kind = m.kind if m.kind_from_cue else _said_kind([d for d in group if d.doc_id == draft.doc_id], m.kind)
    return {
        "doc_id": draft.doc_id, "sentence_id": draft.sentence_id, "start": m.start, "end": m.end, "text": m.text,
        "kind": kind, "body": m.body, "ordinal": m.ordinal,
        "date_start": date.date_start if date else None,
        "date_end": (date.date_end or date.date_start) if date else None,
        "city": m.city.name_en if m.city else m.city_name, "country": m.country,
    }


def _confidence(group: list[MeetingDraft]) -> float:
    head = group[0].mention
    score = 0.55 + 0.15 * bool(head.body) + 0.1 * bool(head.ordinal) + 0.1 * bool(_most_precise(group))
    return round(min(0.95, score + 0.05 * (len(group) > 1)), 2)



def meeting_id(head: MeetingDraft) -> str:
    """The id of the meeting whose first mention is `head`: from what identifies it in the world, else in
    its document. Editionless mentions with one document key are one group, but an edition of a grouping
    ("Hội nghị ASEAN về … lần thứ 3") is a group of its own beside them: its edition and words keep its id
    apart."""
    key = world_key(head) or document_key(head)
    if world_key(head) is None and head.mention.ordinal:
        key = (*key, head.mention.ordinal, " ".join(head.mention.text.casefold().split()))
    return f"mtg-{short_hash(*key)}"


def instrument_key(draft: InstrumentDraft) -> tuple[str, str]:
    """Mentions of one instrument: its gazetteer id, else its words."""
    return ("id", draft.canonical) if draft.canonical else ("name", " ".join(draft.text.casefold().split()))


# --- one document's share ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class GroupHead:
    """What the run keeps in memory of one group of a document's meeting drafts."""

    world_keys: tuple[tuple, ...]  # the keys by which it joins groups of other documents
    first: tuple[str, int]  # the order of its first draft (source, offset)
    meeting_id: str  # the id of its meeting when its first draft is the meeting's first


@dataclass
class MergePart:
    """One document's share of the merge: its meeting groups (heads in memory, drafts pickled) and its
    instrument drafts by instrument, each with the group of the meeting that adopted it (pickled)."""

    heads: list[GroupHead]
    groups: list[bytes]
    instruments: list[tuple[tuple[str, str], bytes]]


def prepare_merge(collected: Collected, rules: RuleSet) -> tuple[MergePart, dict[int, int]]:
    """One document's drafts grouped and pickled; also the group of each meeting draft (by `id`), for
    the commitments that name one."""
    groups = group_drafts(collected.meeting_drafts, rules)
    group_of = {id(draft): index for index, group in enumerate(groups) for draft in group}
    heads = [GroupHead(tuple(dict.fromkeys(key for d in group if (key := world_key(d)) is not None)),
                       group[0].order, meeting_id(group[0])) for group in groups]
    by_instrument: dict[tuple[str, str], list[tuple[InstrumentDraft, int | None]]] = defaultdict(list)
    for draft in collected.instrument_drafts:
        venue = group_of[id(draft.meeting_draft)] if draft.meeting_draft is not None else None
        by_instrument[instrument_key(draft)].append((replace(draft, meeting_draft=None), venue))
    part = MergePart(heads, [_pickled(group) for group in groups],
                     [(key, _pickled(drafts)) for key, drafts in by_instrument.items()])
    return part, group_of


def _pickled(value: Any) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


# --- the run's merge --------------------------------------------------------------------------------------


class Store(Protocol):
    """Where the drafts wait: `put` gives a reference that `get` takes."""

    def put(self, data: bytes) -> int: ...

    def get(self, ref: int) -> bytes: ...


Emit = Callable[[str, BaseModel], None]  # (table, record), in the table's final order


class Merger:
    """Joins the documents' meeting groups by world key as they arrive, and makes the merged records."""

    def __init__(self, store: Store):
        self._store = store
        self._parent = array("q")  # union-find over the run's groups; a root is its set's smallest index
        self._drafts = array("q")  # group -> store reference of its pickled drafts
        self._first: list[tuple[str, int]] = []
        self._ids: list[str] = []
        self._by_world_key: dict[tuple, int] = {}
        self._instruments: dict[tuple[str, str], list[tuple[int, int]]] = {}  # key -> (reference, first group
        # of its document), in input order
        self._meeting_ids: dict[int, str] = {}  # root -> id of its meeting record, once made

    def add(self, part: MergePart) -> int:
        """One document's share, in input order; returns the run's index of its first group."""
        first_group = len(self._parent)
        for head, drafts in zip(part.heads, part.groups, strict=True):
            index = len(self._parent)
            self._parent.append(index)
            self._drafts.append(self._store.put(drafts))
            self._first.append(head.first)
            self._ids.append(head.meeting_id)
            for key in head.world_keys:
                self._union(index, self._by_world_key.setdefault(key, index))
        for key, drafts in part.instruments:
            self._instruments.setdefault(key, []).append((self._store.put(drafts), first_group))
        return first_group

    def _join_generic_cops(self) -> None:
        """The run's "COP28" of bulletins that do not say which convention joins the one convention's COP28
        that other bulletins name (as `_join_generic_cops` does within a document); with two conventions'
        COPs of that number it stays apart."""
        specific: dict[tuple, dict[str, int]] = defaultdict(dict)
        generic: list[tuple[tuple, int]] = []
        for key, index in sorted(self._by_world_key.items(), key=lambda item: item[1]):
            if key[0] != "edition" or key[2] != "cop":
                continue
            edition = (key[3], key[4])
            if key[1] == GENERIC_COP:
                generic.append((edition, index))
            else:
                specific[edition].setdefault(key[1], index)
        for edition, index in generic:
            bodies = specific.get(edition, {})
            if len(bodies) == 1:
                self._union(index, next(iter(bodies.values())))

    def _find(self, index: int) -> int:
        parent = self._parent
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    def _union(self, a: int, b: int) -> None:
        first, second = self._find(a), self._find(b)
        if first != second:
            self._parent[max(first, second)] = min(first, second)

    def meeting_of(self, group: int) -> str | None:
        """The id of the meeting record of the run's group `group` (after `finish`; None if it was rejected)."""
        return self._meeting_ids.get(self._find(group))

    def finish(self, gazetteers: Gazetteers, rejects: list[Reject], emit: Emit) -> None:
        """Make the merged records: the instruments (a meeting lists those adopted at it), the meetings in
        id order, then the instruments in id order with the meeting that adopted them."""
        self._join_generic_cops()
        instruments, outcomes = self._instrument_records(rejects)
        for root, drafts in self.meetings_drafts():
            record = validated(Meeting, merged_meeting(drafts, gazetteers, outcomes.get(root, [])), "meetings",
                               rejects)
            if record:
                emit("meetings", record)
                self._meeting_ids[root] = record.meeting_id
        for _, ref, venue in sorted(instruments, key=lambda made: made[0]):
            instrument: Instrument = pickle.loads(self._store.get(ref))
            if venue is not None:
                instrument = instrument.model_copy(update={"adopted_at": self._meeting_ids.get(venue)})
            emit("instruments", instrument)

    def meetings_drafts(self) -> Iterator[tuple[int, list[MeetingDraft]]]:
        """(root, drafts in order) per meeting of the run, in order of meeting id, read back one at a time."""
        members = self._members()
        for root in sorted(members, key=lambda r: (self._ids[members[r][0]], r)):
            yield root, sorted((draft for group in members[root] for draft in self._group_drafts(group)),
                               key=lambda d: d.order)

    def _members(self) -> dict[int, list[int]]:
        """Root -> its groups, the group of the meeting's first mention first, then in input order."""
        members: dict[int, list[int]] = defaultdict(list)
        for group in range(len(self._parent)):
            members[self._find(group)].append(group)
        for groups in members.values():
            head = min(groups, key=lambda g: self._first[g])
            groups.remove(head)
            groups.insert(0, head)
        return members

    def _group_drafts(self, group: int) -> list[MeetingDraft]:
        return pickle.loads(self._store.get(self._drafts[group]))

    def _instrument_drafts(self, key: tuple[str, str]) -> Iterator[tuple[InstrumentDraft, int | None]]:
        """The instrument's drafts in input order, each with the root of the meeting that adopted it."""
        for ref, first_group in self._instruments[key]:
            for draft, venue in pickle.loads(self._store.get(ref)):
                yield draft, (self._find(first_group + venue) if venue is not None else None)

    def _instrument_records(self, rejects: list[Reject]):
        """(id, stored record, root of its venue) per valid instrument; root -> ids of those adopted there."""
        made: list[tuple[str, int, int | None]] = []
        outcomes: dict[int, list[str]] = defaultdict(list)
        for key in self._instruments:
            drafts = list(self._instrument_drafts(key))
            head = drafts[0][0]
            venue = next((root for _, root in drafts if root is not None), None)
            record = validated(Instrument, {
                "instrument_id": f"ins-{short_hash(*key)}", "kind": head.kind,
                "name_vi": next((d.name_vi for d, _ in drafts if d.name_vi), None),
                "name_en": next((d.name_en for d, _ in drafts if d.name_en), None),
                "status": next((d.status for d, _ in drafts if d.status), None), "adopted_at": None,
                "mentions": [{"doc_id": d.doc_id, "sentence_id": d.sentence_id, "start": d.start, "end": d.end,
                              "text": d.text} for d, _ in drafts],
                "rule_id": head.rule_id,
            }, "instruments", rejects)
            if record:
                made.append((record.instrument_id, self._store.put(_pickled(record)), venue))
                if venue is not None:
                    outcomes[venue].append(record.instrument_id)
        return made, {root: sorted(ids) for root, ids in outcomes.items()}
