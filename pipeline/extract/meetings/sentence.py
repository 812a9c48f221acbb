"""The meetings of one sentence: names from head words and series forms, then what the sentence says."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
from functools import cache

from pipeline.extract.meetings.attributes import (
    place_of_list_line,
    read_zone,
    share_list_attributes,
    year_from_name,
    zone_start,
)
from pipeline.extract.meetings.mention import MeetingMention
from pipeline.extract.meetings.names import (
    choose_body,
    english_name_span,
    is_specific,
    read_name,
    vietnamese_name_end,
)
from pipeline.recognise.entities import EntityMention, Gazetteers
from pipeline.recognise.matcher import RuleMatch, find_all, first
from pipeline.rules.models import GazetteerEntry, LanguageRules, words_alternation


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
        if getattr(head.rule, "body_before", False):
            body_of_owner(mention, text, start, entities, gazetteers, head.rule.id)
        _apply_seriesinside(mention, text, rules, gazetteers)
        read_name(mention, entities, rules, gazetteers, getattr(head.rule, "kind", None))
        if is_specific(mention, entities, head.end):
            body_from_acronym(mention, text, entities, rules)
            mentions.append(mention)
            covered_until = name_end
    return mentions


OWNER_REACH = 100
_OWNER_LABELS = ("BODY", "ORG", "INSTRUMENT")


def body_of_owner(mention: MeetingMention, text: str, start: int, entities: list[EntityMention],
                  gazetteers: Gazetteers, rule_id: str) -> None:
    """"The ASEAN Committee on Disaster Management (ACDM) held its 45th meeting", "the MRC Joint Committee's 34th
    meeting": a name that says only its edition belongs to the body named just before it in its clause (EN-M-N09);
    with none there, it is left to the series the bulletin reports on (`bare_editions`)."""
    owner = next((e for e in reversed(entities) if e.label in _OWNER_LABELS and e.entry is not None
                  and start <= e.start and e.end <= mention.start and mention.start - e.end <= OWNER_REACH
                  and not any(c in text[e.end : mention.start] for c in ".;")), None)
    body = choose_body(mention, [owner], gazetteers) if owner is not None else None
    if owner is not None and body is not None:
        mention.body = body
        mention.add("body", owner.start, owner.end, owner.text, rule_id)


def body_from_acronym(mention: MeetingMention, text: str, entities: list[EntityMention], rules: LanguageRules) -> None:
    """"Hội nghị lần thứ 6 của Ban chỉ đạo Chương trình (PSC)", "2nd Meeting of ADRP": a name whose body the
    gazetteers do not know takes the acronym it gives (`acronym_bodies`), when that acronym is no known name (a
    place, a grouping, a partner: "(EU)", "(ROK)")."""
    if mention.body is not None:
        return
    for match in find_all(rules.acronym_bodies, text, mention.start, mention.end):
        body = match.groups.get("body") or match.groups.get("body2")
        if body is None:
            continue
        at = text.index(body, match.start)
        if any(e.start <= at < e.end for e in entities if e.entry is not None):  # "(EU)", "(ROK)": a known name
            continue
        mention.body = body
        mention.add("body", at, at + len(body), body, match.rule.id)
        return


def _series_matches(text: str, start: int, end: int, rules: LanguageRules,
                    gazetteers: Gazetteers) -> list[tuple[RuleMatch, GazetteerEntry]]:
    found = []
    for match in find_all(rules.series_forms, text, start, end):
        entry = gazetteers.entry(match.groups.get("body") or getattr(match.rule, "body", None) or "")
        if entry and (entry.meeting_kind or getattr(match.rule, "kind", None)):
            found.append((match, entry))
    return found


def _edition(match: RuleMatch) -> int | None:
    number = match.groups.get("n")
    return int(number) if number else None


def _series_kind(match: RuleMatch, entry: GazetteerEntry) -> str | None:
    return getattr(match.rule, "kind", None) or entry.meeting_kind


def _apply_seriesinside(mention: MeetingMention, text: str, rules: LanguageRules, gazetteers: Gazetteers) -> None:
    for match, entry in _series_matches(text, mention.start, mention.end, rules, gazetteers):
        mention.body = entry.id
        mention.ordinal = _edition(match)
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
        follower = next((e for e in entities if match.start <= e.start <= match.end + 1 and e.end > match.end
                         and e.label == "BODY"), None)
        if follower and follower.entry and follower.entry.specialises == entry.id:
            mention_end = follower.end  # "COP-17 AATHP", "14th COP to AADMER"
        mention = MeetingMention(match.start, mention_end, text[match.start : mention_end], lang, index,
                                 match.rule.id, body=entry.id, ordinal=_edition(match))
        mention.add("ordinal", match.start, match.end, match.text, match.rule.id)
        read_name(mention, entities, rules, gazetteers, _series_kind(match, entry))
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
        read_zone(mention, text, zone_start(mention, text), _line_end(text, mention.end, zone_end), entities, rules)
    dateline_day = None
    if named and not heading:
        lead_start = _line_start(text, start, named[0].start)
        nearest = _date_nearest_before(entities, lead_start, named[0].start)
        dateline_day = nearest if nearest is not None and _in_dateline(text, lead_start, nearest) else None
        if nearest is not None and dateline_day is None:  # "Hà Nội, 21/8/2025 (TTXVN) - Ngày 18/8 (Hôm qua), …"
            read_zone(named[0], text, nearest.start, named[0].start, entities, rules)
        lead = dateline_day.end if dateline_day is not None else lead_start
        read_zone(named[0], text, lead, named[0].start, entities, rules)  # fills only what is still missing
    leads_into_name = _leads_into_name(rules)
    for earlier, later in itertools.pairwise(named):
        date = _date_nearest_before(entities, earlier.end, later.start)
        if date is not None and leads_into_name.fullmatch(text, date.end, later.start):
            read_zone(later, text, date.start, date.end, entities, rules)
    for mention in named:
        host_before(mention, text, start, entities, rules)
        place_of_list_line(mention, text, entities, rules)
    for mention, following in itertools.zip_longest(named, named[1:]):
        opened_days_before(mention, text, following.start if following else end, rules)
    share_list_attributes(named, text, rules, entities)  # after the lead: "Cùng ngày 24/8, A và B …" dates both
    if dateline_day is not None:  # the dateline's day only when the sentence says no other: not in "BANGKOK,
        # 20 October 2022 – … A and B and related meetings on 17-20 October"
        read_zone(named[0], text, dateline_day.start, dateline_day.end, entities, rules)
    for mention in named:
        year_from_name(mention, entities)
    return named


CLOSING_REACH = 40


def opened_days_before(mention: MeetingMention, text: str, end: int, rules: LanguageRules) -> None:
    """"[M] concluded in Siem Reap on August 30 after three days of discussions", "Chiều 24/8, [M] đã bế mạc …, sau
    ba ngày làm việc": a meeting dated to one day said before its closing verb's length (`days_before_end`) ends
    that day and opened that many days before (EN-M-D17, VI-M-D21)."""
    date = mention.date
    if date is None or not date.date_start or len(date.date_start) != 10 or date.date_end not in (None,
                                                                                                 date.date_start):
        return
    cue = first(rules.days_before_end, text, mention.end, end)
    days = cue.rule.days_of(cue.groups) if cue is not None else None
    if cue is None or days is None or cue.start - mention.end > CLOSING_REACH or date.end > cue.end:
        return
    last = dt.date.fromisoformat(date.date_start)
    first_day = (last - dt.timedelta(days=days - 1)).isoformat()
    mention.date = dataclasses.replace(date, date_start=first_day, date_end=date.date_start)
    mention.add("date", cue.start, cue.end, cue.text, cue.rule.id)


def _line_start(text: str, start: int, name_start: int) -> int:
    """Where the lead of a sentence's first meeting starts: a line break before the name ends what was said before
    it (a photo caption run into the next line without a full stop, "Ra quân … tại biển … (Đà Nẵng)\nHội nghị …",
    is about another event)."""
    return max(start, text.rfind("\n", start, name_start) + 1)


_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")


def _line_end(text: str, name_end: int, zone_end: int) -> int:
    """Where what a sentence says of a meeting ends: before a publication stamp on a later line (a headline with
    no full stop runs into "[site] 2019-12-24 14:44", whose date is not the meeting's; EN-M-N05). A caption's
    next line with a date and no clock time ("… lần thứ 3 MRC⏎Siêm Riệp ngày 5.4.2018") still counts."""
    newline = text.find("\n", name_end, zone_end)
    while newline >= 0:
        line_end = text.find("\n", newline + 1, zone_end)
        if _CLOCK.search(text, newline, zone_end if line_end < 0 else line_end):
            return newline
        newline = line_end
    return zone_end


HOST_REACH = 60


def host_before(mention: MeetingMention, text: str, start: int, entities: list[EntityMention],
                rules: LanguageRules) -> None:
    """"Malaysia … sẽ đăng cai Hội nghị … từ ngày 28 đến 31/7", "Lao PDR will host the 17th AMME on 22 August": the
    country named just before a host verb that opens the name of a meeting dated to the day (`host_before`) is the
    meeting's country, when it has none."""
    if mention.country is not None:
        return
    # "Thailand hosted the 11th Meeting of … online yesterday": an online meeting keeps its host's country, no city
    # (EN-M-X11). "Việt Nam sẽ đăng cai Hội nghị ASOEN lần thứ 38 vào năm 2027": a planned host, not yet a venue;
    # "Lào tổ chức thành công Hội nghị …" (`host_before_held`): a host that has held it, with or without a day
    cues = [*rules.host_before, *rules.host_before_held] if _dated_to_the_day(mention) else rules.host_before_held
    cue = next((c for c in find_all(cues, text, max(start, mention.start - 40), mention.start)
                if not text[c.end : mention.start].strip(" ,")), None)
    if cue is None:
        return
    host = next((e for e in reversed(entities) if e.label in _HOST_LABELS and e.entry is not None
                 and start <= e.start and e.end <= cue.start and cue.start - e.end <= HOST_REACH
                 and not any(c in text[e.end : cue.start] for c in ".;")), None)
    if host is None or host.entry is None:
        return
    if host.label == "CITY":  # "Hà Nội (sẽ) đăng cai Hội nghị … vào ngày 5 - 6/11/2025" (VI-M-B18): a city hosts
        # as the verb's own subject, not as a dateline before another host ("SEOUL – The Ministry … hosted the …")
        if mention.city is not None or mention.city_name is not None or not _CITY_SUBJECT.match(
                text, host.end, cue.start):
            return
        mention.city, mention.country = (None if mention.online else host.entry), host.entry.country
    else:
        mention.country = host.entry.iso2 or host.entry.id
    mention.add("place", host.start, host.end, host.text, cue.rule.id)


_HOST_LABELS = ("COUNTRY", "CITY")
_CITY_SUBJECT = re.compile(r"[ \t]*(?:\w+[ \t]+)?$")  # at most one word ("sẽ", "đã") between the city and the verb


def _dated_to_the_day(mention: MeetingMention) -> bool:
    return bool(mention.date and mention.date.date_start and len(mention.date.date_start) == 10)


def _leads_into_name(rules: LanguageRules) -> re.Pattern[str]:
    """A date right before a later name, after a comma ("Mở đầu chuỗi [M1], ngày 25/8, [M2] đã diễn ra …",
    "Within [M1], on 3 May, the [M2] …"): the later meeting's lead, whatever the earlier one takes from it. Between
    the comma and the name may stand only a word of the language's `date_lead_words` ("the")."""
    return _lead_of(tuple(word for rule in rules.date_lead_words for word in rule.words or ()))


@cache
def _lead_of(words: tuple[str, ...]) -> re.Pattern[str]:
    lead = rf"(?:{words_alternation(words)}\s+)?" if words else ""
    return re.compile(rf"\s*,\s*{lead}")


_DATELINE_CITY = re.compile(r"\s*[^\W\d][^\n,:;.]{1,40},\s*(?:ngày\s+)?$")
_DATELINE_DASH = re.compile(r"\s*(?:\([^)\n]{1,30}\))?\s*[–—-]")


def _in_dateline(text: str, lead_start: int, date: EntityMention) -> bool:
    """A date that is a dateline's ("BANGKOK, 20 October 2022 –", "Hà Nội, 25/8/2023 (TTXVN) -"): the day the bulletin
    was filed, a meeting's date only when its sentence gives none other."""
    return bool(_DATELINE_CITY.fullmatch(text, lead_start, date.start)
                and _DATELINE_DASH.match(text, date.end))


def _date_nearest_before(entities: list[EntityMention], start: int, end: int) -> EntityMention | None:
    """The last date before a meeting's name: its day, rather than a dateline's date earlier in the sentence
    ("Hà Nội, 20/8/2023 (TTXVN) - Ngày 18/8, Hội nghị …", VI-M-D01 under a TTXVN dateline; "hôm qua",
    "yesterday" before the name, VI-M-D08 and the en inventory's relative dates in wire stories)."""
    return max((e for e in entities if e.label == "DATE" and start <= e.start < end), key=lambda e: e.start,
               default=None)
