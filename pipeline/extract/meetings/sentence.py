"""The meetings of one sentence: names from head words and series forms, then what the sentence says."""

from __future__ import annotations

from pipeline.extract.meetings.attributes import read_zone, share_list_attributes, year_from_name, zone_start
from pipeline.extract.meetings.mention import MeetingMention
from pipeline.extract.meetings.names import english_name_span, is_specific, read_name, vietnamese_name_end
from pipeline.recognise.entities import EntityMention, Gazetteers
from pipeline.recognise.matcher import RuleMatch, find_all
from pipeline.rules.models import GazetteerEntry, LanguageRules


def _vetoed(vetoes: list[RuleMatch], head: RuleMatch) -> bool:
    return any(v.start <= head.start and head.end <= v.end for v in vetoes)


def head_mentions(text: str, start: int, end: int, index: int, lang: str, rules: LanguageRules,
                  entities: list[EntityMention], gazetteers: Gazetteers) -> list[MeetingMention]:
    mentions: list[MeetingMention] = []
    covered_until = start
    heads = find_all(rules.meeting_heads, text, start, end)
    vetoes = find_all(rules.not_meeting, text, start, end) if heads else []  # once per sentence, not per head
    for head in heads:
        if head.start < covered_until or _vetoed(vetoes, head):
            continue
        if lang == "vi":
            name_start, name_end = head.start, vietnamese_name_end(text, head, end, rules, entities)
        else:
            name_start, name_end = english_name_span(text, head, start, end, entities, rules)
        if mentions and name_start < mentions[-1].end:
            continue
        mention = MeetingMention(name_start, name_end, text[name_start:name_end], lang, index, head.rule.id)
        _apply_seriesinside(mention, text, rules, gazetteers)
        read_name(mention, entities, rules, gazetteers, getattr(head.rule, "kind", None))
        if is_specific(mention, entities, head.end):
            mentions.append(mention)
            covered_until = name_end
    return mentions


def _series_matches(text: str, start: int, end: int, rules: LanguageRules,
                    gazetteers: Gazetteers) -> list[tuple[RuleMatch, GazetteerEntry]]:
    found = []
    for match in find_all(rules.series_forms, text, start, end):
        entry = gazetteers.entry(match.groups.get("body") or "")
        if entry and entry.meeting_kind:
            found.append((match, entry))
    return found


def _apply_seriesinside(mention: MeetingMention, text: str, rules: LanguageRules, gazetteers: Gazetteers) -> None:
    for match, entry in _series_matches(text, mention.start, mention.end, rules, gazetteers):
        mention.body = entry.id
        mention.ordinal = int(match.groups["n"] or 0)
        mention.add("ordinal", match.start, match.end, match.text, match.rule.id)
        return


def series_mentions(text: str, start: int, end: int, index: int, lang: str, rules: LanguageRules,
                    entities: list[EntityMention], gazetteers: Gazetteers,
                    named: list[MeetingMention]) -> list[MeetingMention]:
    """'COP28', 'INC-5' standing alone (not inside a name already found)."""
    mentions = []
    for match, entry in _series_matches(text, start, end, rules, gazetteers):
        if any(m.start <= match.start < m.end for m in named):
            continue
        mention_end = match.end
        follower = next((e for e in entities if e.start in (match.end + 1, match.end) and e.label == "BODY"), None)
        if follower and follower.entry and follower.entry.specialises == entry.id:
            mention_end = follower.end  # "COP-17 AATHP"
        mention = MeetingMention(match.start, mention_end, text[match.start : mention_end], lang, index,
                                 match.rule.id, body=entry.id, ordinal=int(match.groups["n"] or 0))
        mention.add("ordinal", match.start, match.end, match.text, match.rule.id)
        read_name(mention, entities, rules, gazetteers, entry.meeting_kind)
        mentions.append(mention)
    return mentions


# --- attributes around a name --------------------------------------------------------------------------


def meetings_in_sentence(text: str, start: int, end: int, index: int, lang: str, rules: LanguageRules,
                         entities: list[EntityMention], gazetteers: Gazetteers,
                         heading: bool = False) -> list[MeetingMention]:
    """The meetings named in one sentence with what the sentence says of them. The first meeting also takes
    a date or place stated before it ("Ngày 22/8, tại Viên Chăn, …", "gathered in Hạ Long on October 3 for
    the opening of …") when nothing after it says otherwise; a heading's words before a name do not count
    ("ministers meet in Vientiane, chart course to COP28")."""
    named = head_mentions(text, start, end, index, lang, rules, entities, gazetteers)
    named += series_mentions(text, start, end, index, lang, rules, entities, gazetteers, named)
    named.sort(key=lambda m: m.start)
    for position, mention in enumerate(named):
        zone_end = named[position + 1].start if position + 1 < len(named) else end
        read_zone(mention, text, zone_start(mention, text), zone_end, entities, rules)
    if named and not heading:
        nearest = _date_nearest_before(entities, start, named[0].start)
        if nearest is not None:  # "Hà Nội, 21/8/2025 (TTXVN) - Ngày 18/8 (Hôm qua), Hội nghị …": not the dateline's
            read_zone(named[0], text, nearest.start, named[0].start, entities, rules)
        read_zone(named[0], text, start, named[0].start, entities, rules)  # fills only what is still missing
    share_list_attributes(named, text)  # after the lead: "Cùng ngày 24/8, A và B …" dates both
    for mention in named:
        year_from_name(mention, entities)
    return named


def _date_nearest_before(entities: list[EntityMention], start: int, end: int) -> EntityMention | None:
    """The last date before a meeting's name: its day, rather than a dateline's date earlier in the sentence
    ("Hà Nội, 20/8/2023 (TTXVN) - Ngày 18/8, Hội nghị …", VI-M-D01 under a TTXVN dateline; "hôm qua",
    "yesterday" before the name, VI-M-D08 and the en inventory's relative dates in wire stories)."""
    return max((e for e in entities if e.label == "DATE" and start <= e.start < end), key=lambda e: e.start,
               default=None)
