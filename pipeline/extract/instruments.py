"""Instruments: declarations, agreements, frameworks, strategies and plans named in the text.

A name starts at a capitalised head word ("Tuyên bố chung", "Khung", "Action Plan") and follows the same
name grammar as meetings; names in the instruments gazetteer resolve to their canonical entry. A sentence
that adopts ("thông qua", "adopted") links the instrument to the meeting it names.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.extract.meetings import english_name_span, vietnamese_name_end
from pipeline.recognise.entities import EntityMention
from pipeline.recognise.matcher import find_all, first
from pipeline.rules.models import GazetteerEntry, LanguageRules

MIN_NAME_WORDS = 2


@dataclass(frozen=True, slots=True)
class InstrumentMention:
    start: int
    end: int
    text: str
    sentence_index: int
    kind: str
    entry: GazetteerEntry | None
    status: str | None
    rule_id: str


def _status(text: str, start: int, end: int, rules: LanguageRules) -> str | None:
    if first(rules.adoption_cues, text, start, end):
        return "adopted"
    cues = find_all(rules.commitment_cues, text, start, end)
    return "under_development" if any(c.rule.status == "under_development" for c in cues) else None


def instruments_in_sentence(text: str, start: int, end: int, index: int, lang: str, rules: LanguageRules,
                            entities: list[EntityMention]) -> list[InstrumentMention]:
    found: list[InstrumentMention] = []
    known = [e for e in entities if e.label == "INSTRUMENT" and start <= e.start and e.end <= end]
    heads = find_all(rules.instrument_heads, text, start, end)
    status = _status(text, start, end, rules) if heads or known else None  # the sentence's, for each instrument
    for head in heads:
        if any(m.start <= head.start < m.end for m in found):
            continue
        if lang == "vi":
            name_start, name_end = head.start, vietnamese_name_end(text, head, end, rules, entities)
        else:
            name_start, name_end = english_name_span(text, head, start, end, entities, rules)
        if len(text[name_start:name_end].split()) < MIN_NAME_WORDS + (lang == "vi"):
            continue
        entry = next((e.entry for e in known if name_start <= e.start and e.end <= name_end), None)
        found.append(InstrumentMention(name_start, name_end, text[name_start:name_end], index, head.rule.kind,
                                       entry, status, head.rule.id))
    for entity in known:
        if not any(m.start <= entity.start < m.end for m in found) and entity.entry:
            found.append(InstrumentMention(entity.start, entity.end, entity.text, index,
                                           entity.entry.instrument_kind or "other", entity.entry, status,
                                           entity.rule_id))
    return sorted(found, key=lambda m: m.start)
