"""Meetings in their document: what neighbouring sentences, lists and datelines say of them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from pipeline.analyse.segment import is_list_item
from pipeline.extract.meetings.attributes import read_zone, share_list_attributes
from pipeline.extract.meetings.mention import PLACE_LABELS, MeetingMention, has_place, masked
from pipeline.extract.meetings.names import document_years
from pipeline.extract.meetings.sentence import meetings_in_sentence
from pipeline.recognise.entities import EntityMention, Gazetteers
from pipeline.recognise.matcher import RuleMatch, find_all, first
from pipeline.recognise.publication import is_publication_line
from pipeline.rules.loader import RuleSet
from pipeline.rules.models import LanguageRules, PatternRule, PlaceLink, words_alternation

_ANCHOR_RULE = PlaceLink(id="place.sidelines_list", lang="vi", pattern="x", source="after",
                         note="A list introduced by 'bên lề X:' / 'on the sidelines of X:' shares X's place.")
_NEW_PHRASE = re.compile(r"[;]|,\s+[A-ZĐ]")
LINK_REACH = 80


def inherit_from_context(mentions: list[MeetingMention], earlier: list[MeetingMention], text: str, start: int,
                         end: int, rules: LanguageRules, entities: Sequence[EntityMention] = ()) -> None:
    """"tại cùng địa điểm" / "at the same venue": the meeting the cue speaks of takes the place of the meeting
    named before it. "bên lề X" / "song song với X" / "on the sidelines of X": it takes X's place and date
    ("Song song với AMMDM-10 là Hội nghị … AADMER": the AADMER meeting is held where and when AMMDM-10 is).
    "cùng ngày" / "the same day" passes the date. Then the meetings listed with the one that gained an
    attribute share it."""
    for links, has, copy in ((rules.same_place, has_place, _copy_place),
                             (rules.same_date, lambda m: m.date is not None, _copy_date)):
        for cue in find_all(links, text, start, end):
            if cue.rule.source == "sentence_before":
                continue  # read by read_previous_sentence, which has that sentence
            if cue.rule.source in ("after", "beside"):
                if not _beside_the_reported(mentions, earlier, cue, text, start):
                    _link_to_following(mentions, earlier, cue, text, entities, same_days=cue.rule.source == "beside")
                continue
            next_one = cue.rule.source == "next"
            target = _meeting_after(mentions, cue) if next_one else _meeting_before(mentions, cue, text, entities)
            if target is None or has(target):
                continue
            before = [m for m in [*earlier, *mentions] if m is not target and m.start < target.start]
            source = _linked_source([m for m in before if has(m)], target)
            if source is not None:
                copy(source, target, cue)
    share_list_attributes(mentions, text, rules, entities)


def read_previous_sentence(mentions: list[MeetingMention], text: str, start: int, previous: tuple[int, int] | None,
                           entities: list[EntityMention], rules: LanguageRules) -> None:
    """"Nơi đây đang diễn ra COP30": the first meeting takes the date and place of the sentence before."""
    if not mentions or previous is None:
        return
    cue = next((c for c in find_all(rules.same_place, text, start, mentions[0].start)
                if c.rule.source == "sentence_before"), None)
    if cue is not None:
        read_zone(mentions[0], text, previous[0], previous[1], entities, rules)
        lead = mentions[0]
        if lead.city is None and lead.city_name is None:  # "thành phố Bê-lem … . Nơi đây …": no "tại" needed
            city = next((e for e in entities if e.label == "CITY" and e.entry is not None), None)
            if city is not None and city.entry is not None and lead.country in (None, city.entry.country):
                mentions[0].city, mentions[0].country = city.entry, city.entry.country
                mentions[0].add("place", city.start, city.end, city.text, cue.rule.id)


def _link_to_following(mentions: list[MeetingMention], earlier: list[MeetingMention], cue: RuleMatch,
                       text: str, entities: Sequence[EntityMention] = (), same_days: bool = False) -> None:
    """"A bên lề B": A takes B's place and date; "Bên lề B, (là) A": the same with A after B. Where only A says
    where it was ("A, held in Bangkok, Thailand, on 3 August within the framework of B"), B was held there too,
    in the month of A's day (B lasts longer than A; EN-M-X05): one venue, one event. `same_days` ("A, cùng với B",
    "A, back-to-back with B"): B takes A's day itself."""
    after = [m for m in mentions if m.start >= cue.end]
    if not after or (same_days and after[0].start - cue.end > NEXT_REACH):
        return  # "cùng với sự tham gia của …", "together with the Secretary-General of …": no meeting beside
    source = with_known_place(after[0], earlier)
    target = _meeting_before(mentions, cue, text, entities)
    if target is None or target is after[0]:
        target = after[1] if len(after) > 1 else None
    if target is not None and has_place(target) and not has_place(source) and not source.online:
        _copy_place(target, source, cue)
        if source.date is None and _day_span(target) is not None and target.date is not None:
            (_copy_date if same_days else _copy_month)(target, source, cue)
    elif target is not None and same_days and source.date is None and target.date is not None:
        _copy_date(target, source, cue)
    for item in [target, *_semicolon_items(after, target, text)] if target is not None else []:
        if (has_place(item) and item.date is not None) or item.online:
            continue
        if not has_place(item) and (has_place(source) or source.online):
            _copy_place(source, item, cue)
        if item.date is None and source.date is not None:
            _copy_date(source, item, cue)


BACKREF_LEAD = 45


def _beside_the_reported(mentions: list[MeetingMention], earlier: list[MeetingMention], cue: RuleMatch, text: str,
                         start: int) -> bool:
    """"On the sidelines of the AMME, [M2] and [M3] will also be held", "Back-to-back with the ministerial meeting,
    [M2], [M3] and [M4] will also be convened", "During the week, [M2] …", "Bên lề hội nghị, …", "Trong tuần lễ hội
    nghị, [country] cũng tổ chức [M2] và [M3]": a cue opening its sentence whose object is no meeting named there but
    the meeting the bulletin reports, then a comma; the meetings after the comma were held at its venue, on its days
    when it lasted several, else in the month of its day (EN-M-X09: the related meetings of a ministerial week).
    True when the cue was read so."""
    comma = text.find(",", cue.end, cue.end + BACKREF_LEAD)
    if cue.start - start > 3 or comma < 0 or any(cue.end <= m.start < comma for m in mentions):
        return False
    placed = [m for m in earlier if has_place(m) and not m.online]
    after = [m for m in mentions if m.start > comma]
    if not placed or not after:
        return False
    source = _linked_source(placed, after[0])
    assert source is not None
    for target in after:
        if not has_place(target) and not target.online:
            _copy_place(source, target, cue)
        if target.date is None and source.date is not None and source.date.date_start:
            several_days = _day_span(source) is not None and source.date.date_end not in (None, source.date.date_start)
            if several_days or _day_span(source) is None:
                _copy_date(source, target, cue)
            else:
                _copy_month(source, target, cue)
    return True


def _semicolon_items(after: list[MeetingMention], target: MeetingMention, text: str) -> list[MeetingMention]:
    """"Bên lề [M1] đồng thời diễn ra [M2] tại [M3]; [M4]; [M5]": the meetings that open the later items of a list
    separated by semicolons are held beside M1 as M2 is (VI-M-X18); a meeting inside an item ([M3], what M2 was
    about) is not."""
    items = []
    for mention in after:
        if mention.start <= target.start:
            continue
        semicolon = text.rfind(";", target.start, mention.start)
        if semicolon < 0 or text[semicolon + 1 : mention.start].strip():
            continue
        items.append(mention)
    return items


def _meeting_after(mentions: list[MeetingMention], cue: RuleMatch) -> MeetingMention | None:
    """The meeting a cue introduces ("Tiếp theo sẽ là cuộc họp …", "other meetings such as A"): the first one
    named right after it."""
    after = [m for m in mentions if m.start >= cue.end]
    return after[0] if after and after[0].start - cue.end <= NEXT_REACH else None


NEXT_REACH = 12


def _linked_source(candidates: list[MeetingMention], target: MeetingMention) -> MeetingMention | None:
    """The meeting "at the same venue" / "cùng ngày" points back to: the latest one named before that is being
    reported (dated to the day, and in the target's week when the target is dated), not a past or future
    meeting recalled in between ("… kết quả COP27 …, A và B đã được tổ chức tại cùng địa điểm"); the latest
    one at all when none is dated to the day."""
    reported = [m for m in candidates if _day_span(m) is not None]
    days = _day_span(target)
    if days is not None:
        reported = [m for m in reported if _days_apart(days, _day_span(m) or days) <= SAME_WEEK_DAYS]
    pool = reported or candidates
    return pool[-1] if pool else None


def _meeting_before(mentions: list[MeetingMention], cue: RuleMatch, text: str,
                    entities: Sequence[EntityMention] = ()) -> MeetingMention | None:
    """The meeting the cue speaks of: the one just before it, or, for a cue that opens its clause ("Later
    the same day, the 8th EAS EMM …"), the one just after it."""
    before = [m for m in mentions if m.end <= cue.start]
    if before:
        # its places written over in lower case: ", held in Bangkok, Thailand, on 3 August" goes on about the
        # meeting before the cue; a capital after a comma that is not a place opens a new phrase
        gap = masked(text, before[-1].end, cue.start, entities, PLACE_LABELS, "x")
        if len(gap) <= LINK_REACH and not _NEW_PHRASE.search(gap):
            return before[-1]
    after = [m for m in mentions if m.start >= cue.end]
    if after and not before and after[0].start - cue.end <= LINK_REACH and ";" not in text[cue.end : after[0].start]:
        return after[0]
    return None


def date_by_offset(mentions: list[MeetingMention], earlier: list[MeetingMention], text: str, start: int,
                   end: int, rules: LanguageRules) -> None:
    """"[M1] was held on 18 October in Singapore, following [M2] the day before", "attended [M2] the next day",
    "Một ngày trước đó, [M2] …", "[M1] đã diễn ra ngày 11/10, một ngày sau [M2]" (`day_offsets`): the meeting the
    phrase speaks of, undated, was held that many days from the meeting dated to the day named before it, and
    where that one was when it says no place (EN-M-X12, VI-M-X23)."""
    for cue in find_all(rules.day_offsets, text, start, end):
        target = _meeting_after(mentions, cue) if cue.rule.target == "after" else _meeting_right_before(mentions, cue)
        if target is None or target.date is not None:
            continue
        dated = [(m, span) for m in [*earlier, *mentions]
                 if m is not target and m.start < target.start and (span := _day_span(m)) is not None]
        if not dated:
            continue
        source, (first_day, last_day) = dated[-1]
        if source.date is None:  # never: a day span comes from a date
            continue
        day = ((first_day if cue.rule.offset < 0 else last_day) + dt.timedelta(days=cue.rule.offset)).isoformat()
        target.date = replace(source.date, date_start=day, date_end=day, mod=None)
        target.add("date", cue.start, cue.end, cue.text, cue.rule.id)
        if not has_place(target) and not target.online and has_place(source):
            _copy_place(source, target, cue)


def _meeting_right_before(mentions: list[MeetingMention], cue: RuleMatch) -> MeetingMention | None:
    """The meeting named right before a cue that follows its name ("[M2] the day before")."""
    before = [m for m in mentions if m.end <= cue.start]
    return before[-1] if before and cue.start - before[-1].end <= NEXT_REACH else None


def sidelines_anchor(mentions: list[MeetingMention], text: str, start: int, end: int,
                     rules: LanguageRules) -> MeetingMention | None:
    """"Bên lề AMME 13, … tổ chức một loạt hội nghị:" opens a list whose meetings were held where AMME 13 was."""
    if not text[start:end].rstrip().endswith(":"):
        return None
    cue = next((c for c in find_all(rules.same_place, text, start, end) if c.rule.source == "after"), None)
    if cue is None:
        return None
    return next((m for m in mentions if m.start >= cue.end), None)


def with_known_place(anchor: MeetingMention, earlier: list[MeetingMention]) -> MeetingMention:
    """The anchor itself, or an earlier mention of the same meeting that says where it was held."""
    if has_place(anchor) or not anchor.body:
        return anchor
    same = [m for m in earlier if m.body == anchor.body and m.ordinal == anchor.ordinal and has_place(m)]
    return same[-1] if same else anchor


def inherit_from_anchor(mentions: list[MeetingMention], anchor: MeetingMention) -> None:
    for mention in mentions:
        if not has_place(mention) and not mention.online and has_place(anchor):
            _copy_place(anchor, mention, RuleMatch(anchor.start, anchor.end, anchor.text, _ANCHOR_RULE, {}))


def _copy_place(source: MeetingMention, target: MeetingMention, cue: RuleMatch) -> None:
    """The source's place, with the cue as evidence; a meeting beside an online one is online too (its host's
    country, no city: CONVENTIONS.md)."""
    target.city, target.city_name, target.country = source.city, source.city_name, source.country
    if source.online:
        target.online, target.city, target.city_name = True, None, None
    target.add("place", cue.start, cue.end, cue.text, cue.rule.id)


def _copy_date(source: MeetingMention, target: MeetingMention, cue: RuleMatch) -> None:
    target.date = source.date
    target.add("date", cue.start, cue.end, cue.text, cue.rule.id)


def _copy_month(source: MeetingMention, target: MeetingMention, cue: RuleMatch) -> None:
    """The month of the source's day: the date of the larger event the source was held within."""
    assert source.date is not None and source.date.date_start is not None
    month = source.date.date_start[:7]
    target.date = replace(source.date, date_start=month, date_end=month, mod=None)
    target.add("date", cue.start, cue.end, cue.text, cue.rule.id)


_HEADER_LINE = re.compile(r"\s*,\s*[^,\n\d–—-]{2,40}?\s*,?\s+\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\s+\d{4}\s*$",
                          re.MULTILINE)


def dateline_place(text: str, start: int, entities: list[EntityMention]) -> EntityMention | None:
    """The city of a news dateline ("Viên Chăn, 24/8/2023 (TTXVN) -", "VIENTIANE, 24 August 2023 –", "LANGKAWI:")."""
    city = next((e for e in entities if e.label == "CITY" and e.start - start <= 3), None)
    if city is None:
        return None
    after = text[city.end : city.end + 60]
    dated = re.match(r"\s*(?:\([^)]{1,30}\))?\s*,\s*(?:ngày\s+)?\d", after)
    header = _HEADER_LINE.match(after)  # "Siem Reap, Cambodia 9 October 2019", "Vientiane, Lao PDR, 9 October 2024"
    # "Vientiane, Lao PDR –", "SINGAPORE, June 8 (Bernama) --"
    # "KUCHING, Feb 20 (Bernama): …" (a wire's parenthetical, then a colon)
    # "CHIANG MAI, Thailand, Aug. 17, 2023 (Xinhua) --": a country, then the date
    dashed = re.match(r"\s*(?:,\s*[^,\n–—-]{2,30}){0,3}\s*(?:\([^)]{1,30}\))?\s*[–—-]{1,2}\s", after) or re.match(
        r"\s*,\s*[^,\n–—:-]{2,30}\s*\([^)]{1,30}\)\s*:\s", after)
    colon = city.text.isupper() and re.match(r":\s", after)  # "LANGKAWI: …" (Malaysian papers, EN-M-X03)
    return city if dated or dashed or header or colon else None


def _after_stamp(text: str, start: int, end: int, run_rules: RuleSet | None) -> int:
    """Where a sentence's dateline may start: after a publication stamp (the run's dates.yaml) on the line above
    it, run into the same sentence ("Published: 2023-12-02⏎DUBAI, Dec 2 — …", EN-M-X07)."""
    newline = text.find("\n", start, end)
    if newline >= 0 and is_publication_line(text, start, newline, run_rules):
        return newline + 1
    return start


def series_venue(text: str, start: int, end: int, entities: list[EntityMention],
                 rules: LanguageRules) -> tuple[EntityMention, str] | None:
    """"Chuỗi hội nghị … đã kết thúc tại khách sạn Melia, Hà Nội", "AMME 15 and related meetings concluded in Siem
    Reap": the city a series of meetings was held in, with the rule that found it."""
    cue = first(rules.series_venue, text, start, end)
    if cue is None:
        return None
    intro = first(rules.place_intro, text, cue.end, end)
    if intro is None:
        return None
    city = next((e for e in entities if e.label == "CITY" and e.entry is not None and e.start >= intro.end), None)
    if city is None or city.start - intro.end > PLACE_REACH:
        return None
    return city, cue.rule.id


PLACE_REACH = 60
DATELINE_DAYS = 7


def apply_dateline(mentions: list[MeetingMention], city: EntityMention, published: str | None,
                   rule_id: str = "place.dateline") -> None:
    """A meeting of the week a bulletin reports from its dateline city took place there."""
    if published is None or len(published) != 10 or city.entry is None:
        return
    for mention in mentions:
        date = mention.date.date_start if mention.date else None
        if mention.city or mention.city_name or mention.online or not date or len(date) != 10:
            continue
        if mention.country not in (None, city.entry.country):  # "tại thủ đô của Myanma" with a Nay Pyi Taw dateline
            continue
        if 0 <= (_as_date(published) - _as_date(date)).days <= DATELINE_DAYS:
            mention.city, mention.country = city.entry, city.entry.country
            mention.add("place", city.start, city.end, city.text, rule_id)


# "[M] here", "[M] (AMME-18) here", "[M] held at [hotel] here" (the venue inside the dateline's city, EN-M-X03)
_HERE = re.compile(r"\s*(?:\([^)\n]{1,40}\)\s*)?(?:held\s+)?(?:at\s+(?:the\s+)?[A-Z][^,.;:\n]{0,50}?\s+)?here\b")
HERE_SENTENCES = 4


def colon_dateline(text: str, entities: list[EntityMention]) -> EntityMention | None:
    """The city of a "LANGKAWI: …" dateline opening a line, after a title or a photo caption (EN-M-X03)."""
    for city in entities:  # the sentence may open on the caption's last words ("… — Bernama⏎LANGKAWI: …")
        at_line_start = city.start == 0 or text[city.start - 1] == "\n"
        if (city.label == "CITY" and city.entry is not None and at_line_start and city.text.isupper()
                and text.startswith(": ", city.end)):
            return city
    return None


_HERE_WORD = re.compile(r"\bhere\b")
HERE_REACH = 60


def apply_here(mentions: list[MeetingMention], text: str, city: EntityMention, start: int = 0,
               end: int | None = None) -> None:
    """"… chairing the 18th Asean Ministerial Meeting on the Environment (AMME-18) here yesterday", "[M] held at
    [hotel] here today": "here" right after a meeting's name, or after the venue it was held at, is the dateline's
    city, whatever the date (EN-M-X03). So is a "here" of the sentence nearer to one meeting than to any other
    ("ministers met here today for the [M]", "[M] was held here on Thursday", "[M] opened here on Monday":
    EN-M-X03c), under any dateline that names a city."""
    assert city.entry is not None
    nearest = _nearest_to_here(mentions, text, start, len(text) if end is None else end)
    for mention in mentions:
        if mention.city or mention.city_name or mention.online:
            continue
        if not _HERE.match(text, mention.end) and mention is not nearest:
            continue
        if mention.country not in (None, city.entry.country):
            continue
        mention.city, mention.country = city.entry, city.entry.country
        mention.add("place", city.start, city.end, city.text, "en.place.here")


def _nearest_to_here(mentions: list[MeetingMention], text: str, start: int, end: int) -> MeetingMention | None:
    """The meeting of the sentence that its first "here" stands nearest to, within HERE_REACH characters."""
    here = _HERE_WORD.search(text, start, end)
    if here is None or not mentions:
        return None
    def gap(mention: MeetingMention) -> int:
        return max(mention.start - here.end(), here.start() - mention.end, 0)
    best = min(mentions, key=gap)
    return best if gap(best) <= HERE_REACH else None


RECENT_REACH = 3


def forget_the_dateline_day(mentions: list[MeetingMention], text: str, end: int, rules: LanguageRules,
                            published: str | None) -> None:
    """"Hà Nội, 20/8/2023 - Hội nghị … lần thứ 17 vừa qua đã …": a meeting said to have been held shortly before
    publication (`recent_past`) did not take place on the publication day its dateline gives; it keeps a day
    said for it elsewhere, or has none."""
    if published is None:
        return
    for mention in mentions:
        cue = first(rules.recent_past, text, mention.end, min(end, mention.end + 20))
        date = mention.date
        if cue is None or cue.start - mention.end > RECENT_REACH or date is None or date.date_start != published:
            continue
        if all(item.start < mention.start for item in mention.evidence if item.field == "date"):
            mention.date = None
            mention.evidence = [item for item in mention.evidence if item.field != "date"]


def _as_date(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


BACKREF_DATE_REACH = 40


def carry_back_references(previous: MeetingMention | None, text: str, start: int, end: int,
                          rules: LanguageRules, entities: list[EntityMention]) -> None:
    """'Hội nghị diễn ra tại …' in a sentence naming no meeting adds what the last meeting lacks. A date is the
    meeting's only right after the back-reference ("Phiên họp diễn ra trong hai ngày 28 và 29/11", "The workshop,
    running 3-5 Oct 2019"): a year farther on belongs to what the sentence goes on to tell ("Hội nghị cũng đánh giá
    kết quả thực hiện Tuyên bố [city] năm [YYYY]", "the meeting also launched [X] under [Y], which was initiated
    in [YYYY]"; VI-M-X16)."""
    if previous is None:
        return
    backref = first(rules.generic_meeting, text, start, end)
    if backref is None or backref.start - start > 40:
        return
    from_dateline = _dateline_place(previous)
    if from_dateline is not None:  # "JAKARTA (VNA) – … . The meeting was held in Langkawi": the venue wins
        previous.city = previous.city_name = previous.country = None
    near = [e for e in entities if e.label != "DATE" or e.start - backref.end <= BACKREF_DATE_REACH]
    read_zone(previous, text, backref.end, end, near, rules)
    if from_dateline is not None:
        _keep_venue_or_dateline(previous, from_dateline)


def _dateline_place(mention: MeetingMention) -> tuple | None:
    """The place a meeting took from its bulletin's dateline, with the evidence, to be undone by a stated venue
    (en inventory: dateline city ≠ venue in ≥5 texts; vi VI-M-P09)."""
    evidence = next((item for item in mention.evidence if item.field == "place"
                     and item.rule_id == "place.dateline"), None)
    if evidence is None:
        return None
    return mention.city, mention.city_name, mention.country, evidence


def _keep_venue_or_dateline(mention: MeetingMention, from_dateline: tuple) -> None:
    city, city_name, country, evidence = from_dateline
    if has_place(mention):
        mention.evidence.remove(evidence)
    else:
        mention.city, mention.city_name, mention.country = city, city_name, country


def meetings_in_document(text: str, sentences: list, entities_per_sentence: list[list[EntityMention]],
                         rules_by_lang: dict[str, LanguageRules], gazetteers: Gazetteers,
                         published: str | None, run_rules: RuleSet | None = None) -> list[MeetingMention]:
    """Every meeting mention of a document, with what its sentence and its neighbours say of it. `run_rules` is
    the run's whole rule set, for its dates.yaml's publication stamps (the package's own when None)."""
    meetings: list[MeetingMention] = []
    dateline: EntityMention | None = None
    here: EntityMention | None = None  # the city of a "LANGKAWI:" dateline, for "held here"
    anchor: MeetingMention | None = None  # the meeting a "bên lề X:" list of meetings was held beside
    previous: tuple[int, int] | None = None
    previous_entities: list[EntityMention] = []
    convention: EntityMention | None = None  # the last agreement or convention named, for "các Bên tham gia Hiệp định"
    series: tuple[EntityMention, str] | None = None  # "Chuỗi hội nghị … tại Hà Nội": the city and the rule
    conventions: set[str] = set()  # the COP-holding conventions the bulletin names (UNFCCC, CBD)
    body_started = False  # a title naming a meeting ("… chart course to COP28") does not end the dateline's reach
    for sentence, all_entities in zip(sentences, entities_per_sentence, strict=True):
        rules = rules_by_lang[sentence.lang]
        not_dates = document_years(text, sentence.start, sentence.end, all_entities, sentence.lang, rules)
        entities = [e for e in all_entities if e not in not_dates] if not_dates else all_entities
        if dateline is None and not body_started and (sentence.index > 0 or not sentence.heading):
            dateline = dateline_place(text, _after_stamp(text, sentence.start, sentence.end, run_rules), entities)
        if here is None and sentence.lang == "en" and sentence.index < HERE_SENTENCES:
            here = colon_dateline(text, entities)
        body_started = body_started or not sentence.heading
        found = meetings_in_sentence(text, sentence.start, sentence.end, sentence.index, sentence.lang, rules,
                                     entities, gazetteers, heading=sentence.heading)
        if anchor is not None and not is_list_item(text, sentence.start):
            anchor = None
        forget_the_dateline_day(found, text, sentence.end, rules, published)
        if found and dateline is not None:  # before "tại cùng địa điểm" copies a place that lacks the city
            apply_dateline(found, dateline, published)
        here_city = here or dateline
        if found and sentence.lang == "en" and here_city is not None:
            apply_here(found, text, here_city, sentence.start, sentence.end)
        if found:
            read_previous_sentence(found, text, sentence.start, previous, previous_entities, rules)
            inherit_from_context(found, meetings, text, sentence.start, sentence.end, rules, entities)
            date_by_offset(found, meetings, text, sentence.start, sentence.end, rules)
            if anchor is not None:
                inherit_from_anchor(found, anchor)
            lead = sidelines_anchor(found, text, sentence.start, sentence.end, rules)
            anchor = with_known_place(lead, meetings) if lead else anchor
        else:
            carry_back_references(meetings[-1] if meetings else None, text, sentence.start, sentence.end, rules,
                                  entities)
        series = series or series_venue(text, sentence.start, sentence.end, entities, rules)
        refer_to_named_convention(found, convention, rules)
        convention = _last_convention(entities, gazetteers) or convention
        conventions.update(_convention_bodies(entities, gazetteers))
        meetings += found
        previous, previous_entities = (sentence.start, sentence.end), entities
    if dateline is not None:
        apply_dateline(meetings, dateline, published)
    elif here is not None:  # a "KUALA LUMPUR: …" dateline after a lead repeated above it (EN-M-X10)
        apply_dateline(meetings, here, published)
    if series is not None:
        apply_dateline(meetings, series[0], published, series[1])
    share_venue_of_the_week(meetings)
    name_the_convention(meetings, conventions, gazetteers)
    name_the_series(meetings, rules_by_lang)
    return meetings


SAME_WEEK_DAYS = 3
SAME_WEEK_RULE = "place.same_week"


def _day_span(mention: MeetingMention) -> tuple[dt.date, dt.date] | None:
    """The days a meeting was held, when its date is given to the day."""
    date = mention.date
    if date is None or not date.date_start or len(date.date_start) != 10:
        return None
    end = date.date_end if date.date_end and len(date.date_end) == 10 else date.date_start
    return _as_date(date.date_start), _as_date(end)


def _days_apart(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> int:
    """0 when the two spans overlap, else the days between the end of one and the start of the other."""
    return max(0, (a[0] - b[1]).days, (b[0] - a[1]).days)


def _venue_of_the_week(target: MeetingMention, placed: list[MeetingMention]) -> MeetingMention | None:
    """The placed meeting held closest in time to the target, within SAME_WEEK_DAYS days of it; None when two
    meetings that close were held in different cities (the week does not say which)."""
    days = _day_span(target)
    if days is None:
        return None
    near = [(gap, m) for m in placed if (span := _day_span(m)) is not None
            and (gap := _days_apart(days, span)) <= SAME_WEEK_DAYS]
    if not near:
        return None
    places = {(m.city.id if m.city else m.city_name, m.country) for _, m in near}
    if len(places) > 1:
        return None
    return min(near, key=lambda item: (item[0], item[1].start))[1]


def share_venue_of_the_week(meetings: list[MeetingMention]) -> None:
    """A meeting of the same week as a placed meeting of the bulletin was held where that one was: ministers'
    meetings come with their "related meetings" (ASOEN the days before, ASEAN+3 and EAS meetings the day
    after, a COP of the haze agreement the same day), and a report names the venue once. The evidence is
    the span that placed the other meeting."""
    placed = [m for m in meetings if has_place(m) and not m.online]
    for target in meetings:
        if has_place(target) or target.online:
            continue
        source = _venue_of_the_week(target, placed)
        if source is None:
            continue
        target.city, target.city_name, target.country = source.city, source.city_name, source.country
        for item in source.evidence:
            if item.field == "place":
                target.add("place", item.start, item.end, item.text, SAME_WEEK_RULE)


BARE_TREATY_RULE = "body.named_convention"


def _last_convention(entities: list[EntityMention], gazetteers: Gazetteers) -> EntityMention | None:
    """The last agreement or convention of the sentence whose Conference of the Parties is a body."""
    treaties = [e for e in entities if e.label == "INSTRUMENT" and e.entry is not None and e.entry.body_id
                and gazetteers.entry(e.entry.body_id) is not None]
    return treaties[-1] if treaties else None


def refer_to_named_convention(mentions: list[MeetingMention], convention: EntityMention | None,
                              rules: LanguageRules) -> None:
    """"Hội nghị lần thứ 11 các Bên tham gia Hiệp định", "the Conference of the Parties to the Agreement": a bare
    "the Agreement" is the one the bulletin named before, and the COP takes that convention's body (AATHP,
    UNFCCC, CBD) rather than the generic COP."""
    if convention is None or convention.entry is None or not any(mention.body == "COP" for mention in mentions):
        return
    bare = _patterns(rules.bare_treaties)
    for mention in mentions:
        if mention.body == "COP" and any(pattern.search(mention.text) for pattern in bare):
            mention.body = convention.entry.body_id
            mention.add("body", convention.start, convention.end, convention.text, BARE_TREATY_RULE)


SAME_EDITION_RULE = "body.same_cop_edition"
ONLY_CONVENTION_RULE = "body.only_convention"


def _convention_bodies(entities: list[EntityMention], gazetteers: Gazetteers) -> set[str]:
    """Bodies of the conventions named in a sentence ("UNFCCC", "Công ước khung … về biến đổi khí hậu") whose
    meetings refine the generic COP."""
    found = set()
    for entity in entities:
        if entity.entry is None or entity.label not in ("BODY", "INSTRUMENT"):
            continue
        body = entity.entry.body_id or (entity.entry.id if entity.label == "BODY" else None)
        entry = gazetteers.entry(body) if body else None
        if entry is not None and entry.specialises == "COP" and entry.short_form == "COP{n}":  # not AATHP, CMP
            found.add(entry.id)
    return found


def _cop_series(body: str | None, gazetteers: Gazetteers) -> bool:
    """A body whose meetings refine the generic COP (UNFCCC, CBD, AATHP, CITES)."""
    entry = gazetteers.entry(body) if body else None
    return entry is not None and entry.specialises == "COP"


def name_the_convention(meetings: list[MeetingMention], conventions: set[str], gazetteers: Gazetteers) -> None:
    """A bare "COP28" is the COP of its convention when the bulletin says which: the same edition named in
    full ("the 28th Session of the Conference of the Parties to the UNFCCC (COP28)", "the 17th Meeting of the
    Conference of the Parties to the ASEAN Agreement on Transboundary Haze Pollution (COP-17)"), or the one
    convention the bulletin names at all; else an edition only one convention's COPs have reached
    (`bare_editions_from`: COP21 and later are the climate COPs), unless the bulletin names conventions and
    not that one. Two conventions named and no full name of a lower edition: the COP stays generic."""
    full = {(m.ordinal, m.body) for m in meetings if m.ordinal and m.body and _cop_series(m.body, gazetteers)}
    for mention in meetings:
        if mention.body != "COP" or mention.kind != "cop":
            continue
        same = sorted({body for ordinal, body in full if ordinal == mention.ordinal})
        if len(same) == 1:
            mention.body = same[0]
            mention.add("body", mention.start, mention.end, mention.text, SAME_EDITION_RULE)
        elif not same and len(conventions) == 1:
            mention.body = next(iter(conventions))
            mention.add("body", mention.start, mention.end, mention.text, ONLY_CONVENTION_RULE)
        elif not same and mention.ordinal:
            only = _only_series_at(mention.ordinal, gazetteers)
            if only is not None and (not conventions or only in conventions):
                mention.body = only
                mention.add("body", mention.start, mention.end, mention.text, EDITION_RULE)


EDITION_RULE = "body.cop_edition"


def _only_series_at(ordinal: int, gazetteers: Gazetteers) -> str | None:
    """The one COP series whose editions from `bare_editions_from` on no other convention's COPs had reached."""
    found = [entry.id for _, entry in gazetteers.by_id.values()
             if entry.bare_editions_from is not None and ordinal >= entry.bare_editions_from]
    return found[0] if len(found) == 1 else None


SERIES_RULE = "body.series_of_the_report"


def _patterns(rules: Sequence[PatternRule]) -> tuple[re.Pattern[str], ...]:
    """The rules' regular expressions, to match where the code says (at a name's start, at its end)."""
    return _compiled(tuple((rule.pattern_text or words_alternation(rule.words or ()), rule.ignore_case)
                           for rule in rules))


@cache
def _compiled(patterns: tuple[tuple[str, bool], ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(pattern, re.IGNORECASE if ignore_case else 0) for pattern, ignore_case in patterns)


def _has_capital(words: str) -> bool:
    return any(char.isupper() for char in words)


def name_the_series(meetings: list[MeetingMention], rules_by_lang: dict[str, LanguageRules]) -> None:
    """"đã được phê duyệt tại Hội nghị lần thứ 4 tổ chức tại Lào", "the 43rd Meeting": an edition named by its
    number alone belongs to the series the bulletin reports on, the body of its first numbered meeting."""
    lead = next((m for m in meetings if m.body and m.ordinal), None)
    if lead is None:
        return
    bare_editions = {lang: _patterns(rules.bare_editions) for lang, rules in rules_by_lang.items()}
    for mention in meetings:
        bare = next((m for pattern in bare_editions.get(mention.lang, ()) if (m := pattern.match(mention.text))), None)
        if mention.body or not mention.ordinal or bare is None or _has_capital(mention.text[bare.end() :]):
            continue  # "Phiên họp lần thứ 27 dự kiến …" is bare; "Hội nghị lần thứ 5 Tiểu ban …" names its body
        mention.body = lead.body
        if not mention.kind_from_cue:
            mention.kind = lead.kind
        mention.add("body", lead.start, lead.end, lead.text, SERIES_RULE)
