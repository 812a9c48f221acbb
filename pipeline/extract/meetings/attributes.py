"""Meeting attributes from the text around a name: date and place in its zone, lists that share them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from pipeline.extract.meetings.mention import (
    ACRONYM_IN_PARENTHESES,
    PLACE_LABELS,
    MeetingMention,
    has_place,
    inside,
    masked,
)
from pipeline.recognise.dates import DateMention
from pipeline.recognise.entities import EntityMention
from pipeline.recognise.matcher import RuleMatch, find_all, first
from pipeline.rules.models import LanguageRules, words_alternation

PLACE_WINDOW = 90


MAX_YEARS_AHEAD = 2


def _plausible_meeting_date(entity: EntityMention) -> bool:
    """A year alone far beyond the bulletin's own year is a target ("through 2029"), not a meeting date."""
    date = entity.date
    if date is None or not date.date_start:
        return False
    if len(date.date_start) == 4 and date.date_end and date.date_end[:4] != date.date_start:
        return False  # "giai đoạn 2016-2025", "Roadmap 2023-2030": a plan's years, never a meeting's
    return len(date.date_start) > 4 or entity.anchor_year is None or \
        int(date.date_start) - entity.anchor_year <= MAX_YEARS_AHEAD


CUE_REACH = 6


def _first_date(entities: list[EntityMention], start: int, end: int,
                weak: list[RuleMatch] | None = None) -> EntityMention | None:
    """The first plausible date of the zone; a year right after a `not_meeting_year` cue ("Chủ tịch ASEAN 2025")
    only when the zone has no other."""
    dates = [e for e in entities if e.label == "DATE" and start <= e.start < end and _plausible_meeting_date(e)]
    strong = [e for e in dates if not any(cue.start <= e.start <= cue.end + CUE_REACH for cue in weak or ())]
    chosen = strong or dates
    return chosen[0] if chosen else None


@dataclass(frozen=True)
class _PlaceWords:
    prefix: re.Pattern[str]  # one of `place_prefixes` ("TP."), skipped before a place
    before_country: re.Pattern[str]  # what may stand between a place and its country: ", ", " (", "nước"


def _place_words(rules: LanguageRules) -> _PlaceWords:
    return _place_words_of(tuple(word for rule in rules.place_prefixes for word in rule.words or ()),
                           tuple(word for rule in rules.country_nouns for word in rule.words or ()))


@cache
def _place_words_of(prefixes: tuple[str, ...], nouns: tuple[str, ...]) -> _PlaceWords:
    noun = rf"(?:{words_alternation(nouns)}\s+)?" if nouns else ""
    return _PlaceWords(re.compile(rf"\b{words_alternation(prefixes)}" if prefixes else "(?!)"),
                       re.compile(rf"\s*[,(–-]?\s*{noun}"))


def _place_after(text: str, entities: list[EntityMention], intro_end: int, limit: int,
                 rules: LanguageRules) -> list[EntityMention]:
    """The city/country named after 'tại'/'in': the first place within reach, and a country after it."""
    places = [e for e in entities
              if e.label in PLACE_LABELS and intro_end <= e.start < limit]
    if not places:
        return []
    words = _place_words(rules)
    head = places[0]
    gap = words.prefix.sub("", text[intro_end : head.start])  # "tại TP. Nay Pyi Taw"
    if head.start - intro_end > PLACE_WINDOW or any(c in gap for c in ";.") or (
        head.label == "LOCATION" and gap.strip()
    ):
        return []
    unknown_city = _unknown_city_before(text, intro_end, head)
    chosen = [unknown_city, head] if unknown_city else [head]
    for place in places[1:]:
        between = text[chosen[-1].end : place.start]
        if place.label == "COUNTRY" and words.before_country.fullmatch(between):
            chosen.append(place)
            break
    return chosen


_CAPITALISED_PLACE = re.compile(r"\s*((?:[A-ZĐÀ-Ỹ][\w'’.\-]*\s?){1,3}),\s*$")


def _unknown_city_before(text: str, intro_end: int, country: EntityMention) -> EntityMention | None:
    """"in Santiago, Chile", "tại Xan-ti-a-gô, Chi-lê": a capitalised name the gazetteers lack, right
    before a country, is the city."""
    if country.label != "COUNTRY":
        return None
    found = _CAPITALISED_PLACE.fullmatch(text, intro_end, country.start)
    if not found:
        return None
    name = found.group(1).strip()
    start = text.index(name, intro_end)
    return EntityMention(start, start + len(name), name, "LOCATION", "rule", "place.capitalised_before_country")


def _set_place(mention: MeetingMention, places: list[EntityMention], rule_id: str) -> None:
    for place in places:
        if place.label == "CITY" and place.entry and mention.city is None and mention.city_name is None:
            mention.city = place.entry
            mention.country = mention.country or place.entry.country
        elif place.label == "LOCATION" and mention.city is None and mention.city_name is None:
            mention.city_name = place.text
        elif place.label == "COUNTRY" and place.entry:
            mention.country = place.entry.iso2 or place.entry.id
        elif place.label == "PROVINCE" and place.entry:
            mention.country = mention.country or place.entry.country
        mention.add("place", place.start, place.end, place.text, rule_id)


def year_from_name(mention: MeetingMention, entities: list[EntityMention]) -> None:
    """"Diễn đàn … năm 2024" held "ngày 17/10": the year in the name beats the year guessed from context."""
    date = mention.date
    if date is None or not date.year_from_anchor or not date.date_start:
        return
    years = [e.date.date_start for e in entities if e.label == "DATE" and inside(e, mention.start, mention.end)
             and e.date and e.date.date_start and len(e.date.date_start) == 4 and not e.date.year_from_anchor]
    if len(years) == 1 and years[0] != date.date_start[:4]:
        year = years[0]
        mention.date = replace(date, date_start=year + date.date_start[4:],
                               date_end=year + date.date_end[4:] if date.date_end else None)


def _refines(new: DateMention, old: DateMention) -> bool:
    """"Phiên họp diễn ra trong hai ngày 28 và 29/11" makes "năm 2019" precise: same period, more detail."""
    if not (new.date_start and old.date_start):
        return False
    if new.date_start == old.date_start and new.date_end and old.date_end and len(new.date_end) == len(old.date_end):
        return new.date_end > old.date_end  # "Ngày 14/11, … . Hội nghị diễn ra trong hai ngày 14-15/11" (VI-M-D05/D06)
    return len(new.date_start) > len(old.date_start) and new.date_start.startswith(old.date_start)




def _told_relative(mention: MeetingMention, date: EntityMention, rules: LanguageRules) -> bool:
    """"JAKARTA, 14 November 2024 – The 20th AMME+3 met earlier this month …": a month told relative to the
    publication day is not made precise by a date before the name (the dateline's, which is that day)."""
    periods = {rule.id for rule in rules.relative_periods}
    return date.start < mention.start and any(item.field == "date" and item.rule_id in periods
                                              for item in mention.evidence)


def _intro_limit(text: str, rule_id: str, intro_end: int, end: int) -> int:
    """A parenthetical gives a place only inside its brackets ("(8th EAS EMM) brought together … Australia,
    China" names partners, not a venue), and only one it opens with (read_zone)."""
    if rule_id != "place.parenthetical":
        return end
    closing = text.find(")", intro_end, end)
    return closing if closing >= 0 else end


def read_zone(mention: MeetingMention, text: str, start: int, end: int, entities: list[EntityMention],
              rules: LanguageRules) -> None:
    """Date and place stated in text[start:end] (the zone after or before a name). A country alone does not
    end the search: "tại Trung tâm Hội nghị Quốc gia Lào ở thủ đô Viên Chăn" names the city after it."""
    date = _first_date(entities, start, end, find_all(rules.not_meeting_year, text, start, end))
    if date and date.date and (mention.date is None or (_refines(date.date, mention.date)
                                                        and not _told_relative(mention, date, rules))):
        mention.date = date.date
        mention.add("date", date.start, date.end, date.text, date.rule_id)
    if mention.city is None and mention.city_name is None:
        not_venues = find_all(rules.not_venue_place, text, max(0, start - 40), end)
        intros = [(intro.end, intro.rule.id) for intro in find_all(rules.place_intro, text, start, end)
                  if not any(cue.start < intro.end <= cue.end for cue in not_venues)]
        entities = [e for e in entities if not any(0 <= e.start - cue.end <= 5 for cue in not_venues)]
        if text[start : start + 1] == "(":  # "COP25 (Ma-đrít, Tây Ban Nha, tháng 12/2019)"
            intros.insert(0, (start + 1, "place.parenthetical"))
        for intro_end, rule_id in intros:
            places = _place_after(text, entities, intro_end, _intro_limit(text, rule_id, intro_end, end), rules)
            if places and rule_id == "place.parenthetical" and text[intro_end : places[0].start].strip():
                continue  # "(1st AMMDM Plus ROK)": a partner inside the name's abbreviation, not a venue
            if places and not (mention.country and places[0].label == "COUNTRY"):
                _set_place(mention, places, rule_id)
            if mention.city or mention.city_name:
                break
    if first(rules.online, text, start, end) and not first(rules.hybrid, text, start, end):
        mention.online = True
        host = _online_host(text, entities, start, end, rules)
        country = _country_of(host) if host else _kept_host_country(mention, text, rules)
        mention.city = mention.city_name = None  # the conventions: no city for online
        mention.country = country
        if host is not None:
            mention.add("place", host[0].start, host[0].end, host[0].text, host[1])


_LINE_LEAD = re.compile(r"[ \t]*(?:[•·▪◦*\-–]|\d{1,2}[.)])?[ \t]*$")
_AFTER_NAME = re.compile(r"[ \t]*[–—:,-]?[ \t]*")
LIST_PLACE_RULE = "place.list_item"


def place_of_list_line(mention: MeetingMention, text: str, entities: list[EntityMention],
                       rules: LanguageRules) -> None:
    """"• Fourth AHP Conference Tagaytay City, Philippines (October 2013)": a line that opens with a meeting's
    name and goes on with a place, with no "in" between, lists an edition and its venue (EN-M-X02, VI-M-X12)."""
    if has_place(mention) or mention.online:
        return
    line_start = text.rfind("\n", 0, mention.start) + 1
    if not _LINE_LEAD.fullmatch(text, line_start, mention.start):
        return
    gap = _AFTER_NAME.match(text, mention.end)
    after = gap.end() if gap else mention.end
    line_end = text.find("\n", mention.end)
    line_end = line_end if line_end >= 0 else len(text)
    places = _place_after(text, entities, after, line_end, rules)
    if places and places[0].start == after and _only_places_left(text, places[-1].end, line_end, entities):
        _set_place(mention, places, LIST_PLACE_RULE)


_LIST_LINE_REST = re.compile(r"[\s,]*(?:\([^)\n]*\))?[\s.;]*")


def _only_places_left(text: str, start: int, end: int, entities: list[EntityMention]) -> bool:
    """Whether the rest of a list line holds only more places and a parenthetical ("…, Sabah, Malaysia (April
    2007)"): a headline "COP28: Malaysia committed to …" names a party that acts, not a venue."""
    return bool(_LIST_LINE_REST.fullmatch(masked(text, start, end, entities, PLACE_LABELS, " ")))


def _country_of(host: tuple[EntityMention, str]) -> str | None:
    entry = host[0].entry
    return (entry.iso2 or entry.id) if entry else None


def _online_host(text: str, entities: list[EntityMention], start: int, end: int,
                 rules: LanguageRules) -> tuple[EntityMention, str] | None:
    """"trực tuyến do Malaysia đăng cai", "via video conference hosted by Malaysia": the host country of an online
    meeting, after its cue or just before it, with the cue's rule."""
    cue = first(rules.online_host, text, start, end)
    if cue is None:
        return None
    countries = [e for e in entities if e.label == "COUNTRY" and e.entry is not None]
    after = next((e for e in countries if 0 <= e.start - cue.end <= HOST_REACH
                  and not any(c in text[cue.end : e.start] for c in ".;")), None)
    before = next((e for e in reversed(countries) if 0 <= cue.start - e.end <= CUE_REACH * 2), None)
    found = after or before
    return (found, cue.rule.id) if found else None


HOST_REACH = 40


def _kept_host_country(mention: MeetingMention, text: str, rules: LanguageRules) -> str | None:
    """The country already read for a meeting that another zone says was online, when a host cue stands right
    by it ("… via video conference for the 26th Meeting …, hosted by Malaysia")."""
    for item in mention.evidence:
        if item.field != "place" or mention.country is None:
            continue
        near = find_all(rules.online_host, text, max(0, item.start - HOST_REACH), item.end + CUE_REACH * 2)
        if any(cue.end <= item.start or cue.start >= item.end for cue in near):
            return mention.country
    return None




def _copy_attributes(source: MeetingMention, target: MeetingMention, suffix: str) -> None:
    """What the target lacks of the source's date and place, each with the source's evidence."""
    copied = set()
    if target.date is None and source.date is not None:
        target.date = source.date
        copied.add("date")
    if not has_place(target) and not target.online and (has_place(source) or source.online):
        target.city, target.city_name, target.country = source.city, source.city_name, source.country
        target.online = source.online
        copied.add("place")
    for item in source.evidence:
        if item.field in copied:
            target.evidence.append(replace(item, rule_id=f"{item.rule_id}+{suffix}"))


def _lacks_some(mention: MeetingMention) -> bool:
    return mention.date is None or not (has_place(mention) or mention.online)


def _said_before(mention: MeetingMention) -> bool:
    """Whether the mention's date or place was read before its name (a lead: "On 8 October, at the same
    venue: A, B and C")."""
    return any(e.field in ("date", "place") and e.start < mention.start for e in mention.evidence)


def _said_after(mention: MeetingMention, earlier: MeetingMention) -> bool:
    """Whether the mention's date or place was read after the earlier meeting of its list (a close: "A, B và C tại
    Indonesia vào cuối tháng 7"), not taken from a cue before both ("Bên lề [M1] diễn ra [M2] tại [M3]; [M4]": [M4]
    is held beside M1, [M3] is what M2 was about)."""
    return any(e.field in ("date", "place") and e.start >= earlier.end for e in mention.evidence)


def _list_glue(rules: LanguageRules) -> re.Pattern[str]:
    """What may stand between two meetings of one list: punctuation and the language's `list_glue` ("và",
    "and of": "host of COP 28 and of the 18th session …"), after the earlier name's topic in lower case when a word
    of `list_topic_words` opens it ("the [M4] on environment and climate change, and the [M5]", EN-M-X06)."""
    return _glue_of(tuple(word for rule in rules.list_glue for word in rule.words or ()),
                    tuple(word for rule in rules.list_topic_words for word in rule.words or ()))


TOPIC_WORDS = 6


@cache
def _glue_of(words: tuple[str, ...], topic_words: tuple[str, ...] = ()) -> re.Pattern[str]:
    glue = rf"(?:{words_alternation(words)}\s*)*" if words else ""
    topic = rf"(?:\s+(?-i:{words_alternation(topic_words)})(?:\s+(?-i:[a-z][a-z-]*)){{1,{TOPIC_WORDS}}})?" \
        if topic_words else ""
    return re.compile(rf"^{topic}[\s,;]*{glue}[\s,;]*$", re.IGNORECASE)


def share_list_attributes(mentions: list[MeetingMention], text: str, rules: LanguageRules,
                          entities: Sequence[EntityMention] = ()) -> None:
    """Meetings listed together share a date and place said once: closing the list ("A, B và C tại Indonesia
    vào cuối tháng 7") gives them to the meetings before; opening it ("Trong hai ngày 1 - 2/8, A và B …")
    gives them to the meetings after. The rest of a partner list that goes on after a name ("đối thoại song
    phương với Hàn Quốc, Mỹ và Liên minh châu Âu (EU), và đối thoại ASEAN+3", VI-M-X20) does not end the list."""
    if len(mentions) < 2:
        return
    glue = _list_glue(rules)
    for index in range(len(mentions) - 1, 0, -1):
        later, earlier = mentions[index], mentions[index - 1]
        if _listed(text, earlier.end, later.start, entities, glue) and _lacks_some(earlier) \
                and _said_after(later, earlier):
            _copy_attributes(later, earlier, "list")
    for index in range(1, len(mentions)):
        earlier, later = mentions[index - 1], mentions[index]
        if _listed(text, earlier.end, later.start, entities, glue) and _lacks_some(later) \
                and _said_before(earlier):
            _copy_attributes(earlier, later, "list")


_PARTNER_LABELS = ("COUNTRY", "GROUPING")
_ACRONYM_AFTER = re.compile(rf"\s*{ACRONYM_IN_PARENTHESES}")


def _listed(text: str, start: int, end: int, entities: Sequence[EntityMention], glue: re.Pattern[str]) -> bool:
    """Whether text[start:end], between two meetings, is list glue; or the rest of the earlier name's partner list
    (countries and groupings joined by the glue, an acronym in parentheses after one) and then list glue."""
    if glue.match(text[start:end]):
        return True
    partners = [e for e in entities if e.label in _PARTNER_LABELS and start <= e.start and e.end <= end]
    if not partners:
        return False
    cut = partners[-1].end
    acronym = _ACRONYM_AFTER.match(text, cut, end)
    cut = acronym.end() if acronym else cut + (text[cut : cut + 1] == ")")  # "Liên minh châu Âu (EU)"
    prefix = masked(text, start, cut, partners, _PARTNER_LABELS, ",")
    prefix_text = _ACRONYM_AFTER.sub(",", prefix).replace("(", ",").replace(")", ",")
    return bool(glue.match(prefix_text) and glue.match(text[cut:end]))


def zone_start(mention: MeetingMention, text: str) -> int:
    """Where the text about a meeting starts: after its name, or at a closing parenthetical of the name
    ("COP25 (Ma-đrít, Tây Ban Nha, tháng 12/2019)" says where and when)."""
    name = text[mention.start : mention.end]
    if name.endswith(")") and "(" in name:
        return mention.start + name.rindex("(")
    return mention.end
