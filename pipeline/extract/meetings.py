"""Meetings: names found from their head word, attributes read from the text around them.

For each sentence:
1. a meeting name starts at a head word ("Hội nghị", "Meeting") and runs as far as the language's name
   grammar allows (Vietnamese: forward to a verb, a preposition of place or time, or punctuation;
   English: the run of capitalised words, acronyms and connectors around the head); a series written
   as acronym and number ("COP28", "AMME-17") is a meeting on its own;
2. the name gives kind, body, edition and partners;
3. the text after the name, up to the next meeting, gives date and place; a list of meetings that
   closes with one date and place shares them; the next sentence's "Hội nghị diễn ra tại …" adds what
   is still missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from pipeline.recognise.dates import DateMention
from pipeline.recognise.entities import EntityMention, Gazetteers
from pipeline.recognise.matcher import RuleMatch, compile_rule, find_all, first
from pipeline.rules.models import GazetteerEntry, LanguageRules, PlaceLink
from pipeline.segment import is_list_item

_BREAK_CHARS = ",;.:!?\"“”"
_LIST_GLUE = re.compile(r"^[\s,;]*(?:(?:và|cùng|cũng như|and|as well as|the|các|cả)\s*)*[\s,;]*$", re.IGNORECASE)
_VI_TRAILING = re.compile(r"(?:\s+(?:và|của|về|với|cho|các|-|–))+$")
_EN_CONNECTOR = {"of", "on", "the", "for", "and", "to"}
_EN_NAME_WORD = re.compile(r"^(?:[A-Z][\w'’.+\-–]*|[+\-–&]|\d+(?:st|nd|rd|th)|\d+|[A-Z0-9]+-\d+)$")
# lower-case words that still belong to a name before its head: "the first annual ASEAN-Australia Summit"
_EN_NAME_PREFIX = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
                   "annual", "inaugural", "special", "informal", "extraordinary", "high-level", "resumed"}
MAX_NAME_WORDS = 24
PLACE_WINDOW = 90


@dataclass(frozen=True, slots=True)
class Evidence:
    field: str
    start: int
    end: int
    text: str
    rule_id: str


@dataclass
class MeetingMention:
    """One place in a sentence where a meeting is named, with what was read about it."""

    start: int
    end: int
    text: str
    lang: str
    sentence_index: int
    rule_id: str
    kind: str = "other"
    body: str | None = None
    ordinal: int | None = None
    partners: tuple[str, ...] = ()
    date: DateMention | None = None
    city: GazetteerEntry | None = None
    city_name: str | None = None
    country: str | None = None
    online: bool = False
    kind_from_cue: bool = False  # the name itself says the kind ("Bộ trưởng"), not only its body or head word
    evidence: list[Evidence] = field(default_factory=list)

    def add(self, name: str, start: int, end: int, text: str, rule_id: str) -> None:
        self.evidence.append(Evidence(name, start, end, text, rule_id))


# --- names ----------------------------------------------------------------------------------------------


def _matches_at(rules: list, text: str, pos: int) -> bool:
    return any(compile_rule(rule.pattern, rule.ignore_case).match(text, pos) for rule in rules)


def _parenthetical_end(text: str, pos: int, limit: int, entities: list[EntityMention]) -> int | None:
    """End of a "(AMME)"/"(COP28)" right at pos that belongs to the name, else None."""
    close = text.find(")", pos, min(limit, pos + 40))
    if close < 0:
        return None
    inner = text[pos + 1 : close]
    has_entity = any(pos < e.start and e.end <= close and e.label != "DATE" for e in entities)
    acronym_like = bool(re.fullmatch(r"[\w+\-– ]{2,30}", inner)) and any(c.isupper() for c in inner)
    return close + 1 if has_entity or (acronym_like and len(inner.split()) <= 3) else None


def vietnamese_name_end(text: str, head: RuleMatch, limit: int, rules: LanguageRules,
                        entities: list[EntityMention]) -> int:
    """Where a Vietnamese meeting name that starts at head ends."""
    pos = end = head.end
    words = 0
    while pos < limit and words < MAX_NAME_WORDS:
        while pos < limit and text[pos] == " ":
            pos += 1
        if pos >= limit:
            break
        if text[pos] == "(":
            close = _parenthetical_end(text, pos, limit, entities)
            if close is None:
                break
            pos = end = close
            continue
        if text[pos] in _BREAK_CHARS or text[pos] == "\n":
            break
        if _matches_at(rules.meeting_name_end, text, pos) or _matches_at(_new_name_heads(rules), text, pos):
            break
        if any(e.start == pos and e.label == "DATE" for e in entities):
            break  # "Hội nghị Cấp cao ASEAN lần thứ 34 tháng 6/2019": the date is not part of the name
        entity = next((e for e in entities if e.start == pos), None)
        step = entity.end if entity else _word_end(text, pos, limit)
        pos = end = step
        words += 1
    trimmed = _VI_TRAILING.sub("", text[head.start : end])
    return head.start + len(trimmed)


def _new_name_heads(rules: LanguageRules) -> list:
    """Heads that start a new name ("Hội nghị"); kind words ("đối thoại", "Hội thảo") may sit inside one."""
    return [head for head in rules.meeting_heads if head.kind is None]


def _word_end(text: str, pos: int, limit: int) -> int:
    stop = pos
    while stop < limit and not text[stop].isspace() and text[stop] not in _BREAK_CHARS + "()":
        stop += 1
    return max(stop, pos + 1)


def _words_with_offsets(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(start + m.start(), start + m.end(), m.group(0))
            for m in re.finditer(r"[^\s,;:.!?()“”\"]+(?:\.(?=\w))?", text[start:end])]


def english_name_span(text: str, head: RuleMatch, sent_start: int, limit: int,
                      entities: list[EntityMention]) -> tuple[int, int]:
    """The run of capitalised words, acronyms, ordinals and connectors around an English head."""
    start = head.start
    if not head.text[:1].islower():
        words = _words_with_offsets(text, sent_start, head.start)
        for word_start, _, word in reversed(words):
            between = text[word_start : start]
            if any(char in between for char in ",;:()"):
                break
            if (_EN_NAME_WORD.match(word) or word.lower() in _EN_NAME_PREFIX) and word not in ("The", "A", "An"):
                start = word_start
            else:
                break
    end = cursor = head.end  # end: last word of the name; cursor: last word consumed (connectors too)
    words = _words_with_offsets(text, head.end, limit)
    index = 0
    while index < len(words):
        word_start, word_end, word = words[index]
        gap = text[cursor:word_start]
        if "(" in gap:
            close = _parenthetical_end(text, text.index("(", cursor), limit, entities)
            if close is None:
                break
            end = cursor = close
            while index < len(words) and words[index][0] < close:
                index += 1
            continue
        if gap.strip(" -–") or "\n" in gap:
            break
        if any(e.start == word_start and e.label == "DATE" for e in entities):
            break  # "… Meeting (ASOEN-30) on 8-9 October 2019": the date is not part of the name
        if _EN_NAME_WORD.match(word) and not (word.isdigit() and len(word) == 4):
            end = cursor = word_end
        elif word.lower() in _EN_CONNECTOR and _next_is_name_word(words, index):
            cursor = word_end
        else:
            break
        index += 1
    return start, end


def _next_is_name_word(words: list[tuple[int, int, str]], index: int) -> bool:
    """Whether a connector continues the name: "on the Environment" yes; "and the Thirteenth Meeting …" no
    (a second name starts there)."""
    if words[index][2].lower() == "and":
        following = words[index + 1][2] if index + 1 < len(words) else ""
        if following.lower() in ("the", "a", "an") or following.lower() in _EN_NAME_PREFIX or \
                re.match(r"\d+(?:st|nd|rd|th)$", following):
            return False
    for _, _, word in words[index + 1 :]:
        if word.lower() in _EN_CONNECTOR:
            continue
        return bool(_EN_NAME_WORD.match(word))
    return False


# --- what a name says ----------------------------------------------------------------------------------


def _inside(entity: EntityMention, start: int, end: int) -> bool:
    return start <= entity.start and entity.end <= end


def _body_candidates(mention: MeetingMention, found: list[EntityMention],
                     gazetteers: Gazetteers) -> list[tuple[int, str]]:
    tiers = {"BODY": 1, "INSTRUMENT": 2, "ORG": 2, "GROUPING": 3}
    candidates = []
    for entity in found:
        entry = entity.entry
        if entry is None or entity.label not in tiers:
            continue
        body_id = entry.body_id or (entry.id if entity.label == "BODY" and entry.meeting_kind else None)
        if body_id:
            candidates.append((tiers[entity.label], body_id))
    specialised = {gazetteers.entry(b).specialises for _, b in candidates if gazetteers.entry(b)}
    return [c for c in candidates if c[1] not in specialised] or candidates


def choose_body(mention: MeetingMention, found: list[EntityMention], gazetteers: Gazetteers) -> str | None:
    candidates = _body_candidates(mention, found, gazetteers)
    if mention.body:
        candidates.append((0, mention.body))
        specialised = {gazetteers.entry(b).specialises for _, b in candidates if gazetteers.entry(b)}
        candidates = [c for c in candidates if c[1] not in specialised] or candidates
    return min(candidates, key=lambda c: c[0])[1] if candidates else None


def partners_of(found: list[EntityMention], gazetteers: Gazetteers) -> tuple[str, ...]:
    asean = gazetteers.entry("ASEAN")
    members = set(asean.members) if asean else set()
    partners: list[str] = []
    for entity in found:
        entry = entity.entry
        if entry is None:
            continue
        if entity.label == "COUNTRY" and entry.name_en not in members:
            partners.append(entry.name_en)
        elif entity.label == "GROUPING" and entry.id != "ASEAN":
            partners.extend(member for member in entry.members if member not in members)
    return tuple(dict.fromkeys(partners))


def read_name(mention: MeetingMention, entities: list[EntityMention], rules: LanguageRules,
              gazetteers: Gazetteers, head_kind: str | None) -> None:
    """Fill kind, body, edition and partners from the entities and cues inside the name."""
    found = [e for e in entities if _inside(e, mention.start, mention.end)]
    body = choose_body(mention, found, gazetteers)
    if body and body != mention.body:
        mention.add("body", mention.start, mention.end, mention.text, "body.from_name")
    mention.body = body
    ordinal = next((e for e in found if e.label == "ORDINAL"), None)
    if ordinal and mention.ordinal is None:
        mention.ordinal = ordinal.value
        mention.add("ordinal", ordinal.start, ordinal.end, ordinal.text, ordinal.rule_id)
    mention.partners = partners_of(found, gazetteers)
    cue = next((c for c in rules.kind_cues if first([c], mention.text)), None)
    body_entry = gazetteers.entry(body) if body else None
    if cue:
        mention.kind = cue.kind
        mention.kind_from_cue = True
        mention.add("kind", mention.start, mention.end, mention.text, cue.id)
    elif body_entry and body_entry.meeting_kind:
        mention.kind = body_entry.meeting_kind
    elif head_kind:
        mention.kind = head_kind
    if mention.body is None and mention.kind == "cop":
        mention.body = "COP"  # a Conference of the Parties to a convention without a series of its own


def is_specific(mention: MeetingMention, entities: list[EntityMention], head_end: int) -> bool:
    """A named meeting rather than a back-reference ("Hội nghị", "các hội nghị liên quan")."""
    if mention.body or mention.ordinal or mention.partners:
        return True
    if any(_inside(e, mention.start, mention.end) and e.label not in ("DATE", "ORDINAL") for e in entities):
        return True
    rest = mention.text[head_end - mention.start :].split()
    capitalised = sum(1 for word in rest if word[:1].isupper())
    return len(rest) >= 3 and (mention.text[:1].isupper() or capitalised >= 2) and capitalised >= 1


# --- finding names in a sentence -----------------------------------------------------------------------


def _vetoed(rules: LanguageRules, text: str, start: int, end: int, head: RuleMatch) -> bool:
    return any(v.start <= head.start and head.end <= v.end for v in find_all(rules.not_meeting, text, start, end))


def head_mentions(text: str, start: int, end: int, index: int, lang: str, rules: LanguageRules,
                  entities: list[EntityMention], gazetteers: Gazetteers) -> list[MeetingMention]:
    mentions: list[MeetingMention] = []
    covered_until = start
    for head in find_all(rules.meeting_heads, text, start, end):
        if head.start < covered_until or _vetoed(rules, text, start, end, head):
            continue
        if lang == "vi":
            name_start, name_end = head.start, vietnamese_name_end(text, head, end, rules, entities)
        else:
            name_start, name_end = english_name_span(text, head, start, end, entities)
        if mentions and name_start < mentions[-1].end:
            continue
        mention = MeetingMention(name_start, name_end, text[name_start:name_end], lang, index, head.rule.id)
        _apply_series_inside(mention, text, rules, gazetteers)
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


def _apply_series_inside(mention: MeetingMention, text: str, rules: LanguageRules, gazetteers: Gazetteers) -> None:
    for match, entry in _series_matches(text, mention.start, mention.end, rules, gazetteers):
        mention.body = entry.id
        mention.ordinal = int(match.groups["n"])
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
                                 match.rule.id, body=entry.id, ordinal=int(match.groups["n"]))
        mention.add("ordinal", match.start, match.end, match.text, match.rule.id)
        read_name(mention, entities, rules, gazetteers, entry.meeting_kind)
        mentions.append(mention)
    return mentions


# --- attributes around a name --------------------------------------------------------------------------


MAX_YEARS_AHEAD = 2


def _plausible_meeting_date(entity: EntityMention) -> bool:
    """A year alone far beyond the bulletin's own year is a target ("through 2029"), not a meeting date."""
    date = entity.date
    if date is None or not date.date_start:
        return False
    return len(date.date_start) > 4 or entity.anchor_year is None or \
        int(date.date_start) - entity.anchor_year <= MAX_YEARS_AHEAD


def _first_date(entities: list[EntityMention], start: int, end: int) -> EntityMention | None:
    return next((e for e in entities if e.label == "DATE" and start <= e.start < end
                 and _plausible_meeting_date(e)), None)


def _place_after(text: str, entities: list[EntityMention], intro_end: int, limit: int) -> list[EntityMention]:
    """The city/country named after 'tại'/'in': the first place within reach, and a country after it."""
    places = [e for e in entities
              if e.label in ("CITY", "PROVINCE", "COUNTRY", "LOCATION") and intro_end <= e.start < limit]
    if not places:
        return []
    head = places[0]
    gap = text[intro_end : head.start]
    if head.start - intro_end > PLACE_WINDOW or any(c in gap for c in ";.") or (
        head.label == "LOCATION" and gap.strip()
    ):
        return []
    unknown_city = _unknown_city_before(text, intro_end, head)
    chosen = [unknown_city, head] if unknown_city else [head]
    for place in places[1:]:
        between = text[chosen[-1].end : place.start]
        if place.label == "COUNTRY" and re.fullmatch(r"\s*[,(–-]?\s*(?:nước\s+)?", between):
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


def _year_from_name(mention: MeetingMention, entities: list[EntityMention]) -> None:
    """"Diễn đàn … năm 2024" held "ngày 17/10": the year in the name beats the year guessed from context."""
    date = mention.date
    if date is None or not date.year_from_anchor or not date.date_start:
        return
    years = [e.date.date_start for e in entities if e.label == "DATE" and _inside(e, mention.start, mention.end)
             and e.date and e.date.date_start and len(e.date.date_start) == 4 and not e.date.year_from_anchor]
    if len(years) == 1 and years[0] != date.date_start[:4]:
        year = years[0]
        mention.date = replace(date, date_start=year + date.date_start[4:],
                               date_end=year + date.date_end[4:] if date.date_end else None)


def _refines(new: DateMention, old: DateMention) -> bool:
    """"Phiên họp diễn ra trong hai ngày 28 và 29/11" makes "năm 2019" precise: same period, more detail."""
    if not (new.date_start and old.date_start):
        return False
    return len(new.date_start) > len(old.date_start) and new.date_start.startswith(old.date_start)


def _has_place(mention: MeetingMention) -> bool:
    return bool(mention.city or mention.city_name or mention.country)


def read_zone(mention: MeetingMention, text: str, start: int, end: int, entities: list[EntityMention],
              rules: LanguageRules) -> None:
    """Date and place stated in text[start:end] (the zone after or before a name). A country alone does not
    end the search: "tại Trung tâm Hội nghị Quốc gia Lào ở thủ đô Viên Chăn" names the city after it."""
    date = _first_date(entities, start, end)
    if date and (mention.date is None or _refines(date.date, mention.date)):
        mention.date = date.date
        mention.add("date", date.start, date.end, date.text, date.rule_id)
    if mention.city is None and mention.city_name is None:
        intros = [(intro.end, intro.rule.id) for intro in find_all(rules.place_intro, text, start, end)]
        if text[start : start + 1] == "(":  # "COP25 (Ma-đrít, Tây Ban Nha, tháng 12/2019)"
            intros.insert(0, (start + 1, "place.parenthetical"))
        for intro_end, rule_id in intros:
            places = _place_after(text, entities, intro_end, end)
            if places and not (mention.country and places[0].label == "COUNTRY"):
                _set_place(mention, places, rule_id)
            if mention.city or mention.city_name:
                break
    if first(rules.online, text, start, end):
        mention.online = True
        mention.city = mention.city_name = mention.country = None  # the conventions: no place for online


def _has_attributes(mention: MeetingMention) -> bool:
    return bool(mention.date or mention.city or mention.country or mention.city_name)


def _copy_attributes(source: MeetingMention, target: MeetingMention, suffix: str) -> None:
    target.date = target.date or source.date
    if not _has_place(target):
        target.city, target.city_name, target.country = source.city, source.city_name, source.country
    target.online = target.online or source.online
    for item in source.evidence:
        if item.field in ("date", "place"):
            target.evidence.append(replace(item, rule_id=f"{item.rule_id}+{suffix}"))


def _said_before(mention: MeetingMention) -> bool:
    """Whether the mention's date or place was read before its name (a lead: "On 8 October, at the same
    venue: A, B and C")."""
    return any(e.field in ("date", "place") and e.start < mention.start for e in mention.evidence)


def share_list_attributes(mentions: list[MeetingMention], text: str) -> None:
    """Meetings listed together share a date and place said once: closing the list ("A, B và C tại Indonesia
    vào cuối tháng 7") gives them to the meetings before; opening it ("Trong hai ngày 1 - 2/8, A và B …")
    gives them to the meetings after."""
    for index in range(len(mentions) - 1, 0, -1):
        later, earlier = mentions[index], mentions[index - 1]
        if _LIST_GLUE.match(text[earlier.end : later.start]) and not _has_attributes(earlier):
            _copy_attributes(later, earlier, "list")
    for index in range(1, len(mentions)):
        earlier, later = mentions[index - 1], mentions[index]
        if _LIST_GLUE.match(text[earlier.end : later.start]) and not _has_attributes(later) \
                and _said_before(earlier):
            _copy_attributes(earlier, later, "list")


def _zone_start(mention: MeetingMention, text: str) -> int:
    """Where the text about a meeting starts: after its name, or at a closing parenthetical of the name
    ("COP25 (Ma-đrít, Tây Ban Nha, tháng 12/2019)" says where and when)."""
    name = text[mention.start : mention.end]
    if name.endswith(")") and "(" in name:
        return mention.start + name.rindex("(")
    return mention.end


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
        read_zone(mention, text, _zone_start(mention, text), zone_end, entities, rules)
    share_list_attributes(named, text)
    if named and not heading:
        read_zone(named[0], text, start, named[0].start, entities, rules)  # fills only what is still missing
    for mention in named:
        _year_from_name(mention, entities)
    return named


_ANCHOR_RULE = PlaceLink(id="place.sidelines_list", lang="vi", pattern="x", source="after",
                         note="A list introduced by 'bên lề X:' / 'on the sidelines of X:' shares X's place.")
_NEW_PHRASE = re.compile(r"[;]|,\s+[A-ZĐ]")
LINK_REACH = 80


def inherit_from_context(mentions: list[MeetingMention], earlier: list[MeetingMention], text: str, start: int,
                         end: int, rules: LanguageRules) -> None:
    """"tại cùng địa điểm" / "at the same venue": the meeting the cue speaks of takes the place of the meeting
    named before it. "bên lề X" / "song song với X" / "on the sidelines of X": it takes X's place and date
    ("Song song với AMMDM-10 là Hội nghị … AADMER": the AADMER meeting is held where and when AMMDM-10 is).
    "cùng ngày" / "the same day" passes the date. Then the meetings listed with the one that gained an
    attribute share it."""
    for links, has, copy in ((rules.same_place, _has_place, _copy_place),
                             (rules.same_date, lambda m: m.date is not None, _copy_date)):
        for cue in find_all(links, text, start, end):
            if cue.rule.source == "sentence_before":
                continue  # read by read_previous_sentence, which has that sentence
            if cue.rule.source == "after":
                _link_to_following(mentions, earlier, cue, text)
                continue
            target = _meeting_before(mentions, cue, text)
            if target is None or has(target):
                continue
            before = [m for m in [*earlier, *mentions] if m is not target and m.start < target.start]
            source = next((m for m in reversed(before) if has(m)), None)
            if source is not None:
                copy(source, target, cue)
    share_list_attributes(mentions, text)


def read_previous_sentence(mentions: list[MeetingMention], text: str, start: int, previous: tuple[int, int] | None,
                           entities: list[EntityMention], rules: LanguageRules) -> None:
    """"Nơi đây đang diễn ra COP30": the first meeting takes the date and place of the sentence before."""
    if not mentions or previous is None:
        return
    cue = next((c for c in find_all(rules.same_place, text, start, mentions[0].start)
                if c.rule.source == "sentence_before"), None)
    if cue is not None:
        read_zone(mentions[0], text, previous[0], previous[1], entities, rules)


def _link_to_following(mentions: list[MeetingMention], earlier: list[MeetingMention], cue: RuleMatch,
                       text: str) -> None:
    """"A bên lề B": A takes B's place and date; "Bên lề B, (là) A": the same with A after B."""
    after = [m for m in mentions if m.start >= cue.end]
    if not after:
        return
    source = with_known_place(after[0], earlier)
    target = _meeting_before(mentions, cue, text)
    if target is None or target is after[0]:
        target = after[1] if len(after) > 1 else None
    if target is None or (_has_place(target) and target.date is not None) or target.online:
        return
    if not _has_place(target) and _has_place(source):
        _copy_place(source, target, cue)
    if target.date is None and source.date is not None:
        _copy_date(source, target, cue)


def _meeting_before(mentions: list[MeetingMention], cue: RuleMatch, text: str) -> MeetingMention | None:
    """The meeting the cue speaks of: the one just before it, or, for a cue that opens its clause ("Later
    the same day, the 8th EAS EMM …"), the one just after it."""
    before = [m for m in mentions if m.end <= cue.start]
    if before:
        gap = text[before[-1].end : cue.start]
        if len(gap) <= LINK_REACH and not _NEW_PHRASE.search(gap):
            return before[-1]
    after = [m for m in mentions if m.start >= cue.end]
    if after and not before and after[0].start - cue.end <= LINK_REACH and ";" not in text[cue.end : after[0].start]:
        return after[0]
    return None


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
    if _has_place(anchor) or not anchor.body:
        return anchor
    same = [m for m in earlier if m.body == anchor.body and m.ordinal == anchor.ordinal and _has_place(m)]
    return same[-1] if same else anchor


def inherit_from_anchor(mentions: list[MeetingMention], anchor: MeetingMention) -> None:
    for mention in mentions:
        if not _has_place(mention) and not mention.online and _has_place(anchor):
            _copy_place(anchor, mention, RuleMatch(anchor.start, anchor.end, anchor.text, _ANCHOR_RULE, {}))


def _copy_place(source: MeetingMention, target: MeetingMention, cue: RuleMatch) -> None:
    target.city, target.city_name, target.country = source.city, source.city_name, source.country
    target.add("place", cue.start, cue.end, cue.text, cue.rule.id)


def _copy_date(source: MeetingMention, target: MeetingMention, cue: RuleMatch) -> None:
    target.date = source.date
    target.add("date", cue.start, cue.end, cue.text, cue.rule.id)


def dateline_place(text: str, start: int, entities: list[EntityMention]) -> EntityMention | None:
    """The city of a news dateline ("Viên Chăn, 24/8/2023 (TTXVN) -", "VIENTIANE, 24 August 2023 –")."""
    city = next((e for e in entities if e.label == "CITY" and e.start - start <= 3), None)
    if city is None:
        return None
    after = text[city.end : city.end + 60]
    dated = re.match(r"\s*(?:\([^)]{1,30}\))?\s*,\s*(?:ngày\s+)?\d", after)
    dashed = re.match(r"\s*(?:,\s*[^,\n–—-]{2,30})?\s*(?:\([^)]{1,30}\))?\s*[–—-]\s", after)  # "Vientiane, Lao PDR –"
    return city if dated or dashed else None


DATELINE_DAYS = 7


def apply_dateline(mentions: list[MeetingMention], city: EntityMention, published: str | None) -> None:
    """A meeting of the week a bulletin reports from its dateline city took place there."""
    if published is None or len(published) != 10 or city.entry is None:
        return
    for mention in mentions:
        date = mention.date.date_start if mention.date else None
        if _has_place(mention) or mention.online or not date or len(date) != 10:
            continue
        if 0 <= (_as_date(published) - _as_date(date)).days <= DATELINE_DAYS:
            mention.city, mention.country = city.entry, city.entry.country
            mention.add("place", city.start, city.end, city.text, "place.dateline")


def _as_date(iso: str):
    import datetime as dt

    return dt.date.fromisoformat(iso)


def carry_back_references(previous: MeetingMention | None, text: str, start: int, end: int,
                          rules: LanguageRules, entities: list[EntityMention]) -> None:
    """'Hội nghị diễn ra tại …' in a sentence naming no meeting adds what the last meeting lacks."""
    if previous is None:
        return
    backref = first(rules.generic_meeting, text, start, end)
    if backref is None or backref.start - start > 40:
        return
    read_zone(previous, text, backref.end, end, entities, rules)


def meetings_in_document(text: str, sentences: list, entities_per_sentence: list[list[EntityMention]],
                         rules_by_lang: dict[str, LanguageRules], gazetteers: Gazetteers,
                         published: str | None) -> list[MeetingMention]:
    """Every meeting mention of a document, with what its sentence and its neighbours say of it."""
    meetings: list[MeetingMention] = []
    dateline: EntityMention | None = None
    anchor: MeetingMention | None = None  # the meeting a "bên lề X:" list of meetings was held beside
    previous: tuple[int, int] | None = None
    previous_entities: list[EntityMention] = []
    for sentence, entities in zip(sentences, entities_per_sentence, strict=True):
        rules = rules_by_lang[sentence.lang]
        if dateline is None and not sentence.heading and not meetings:
            dateline = dateline_place(text, sentence.start, entities)
        found = meetings_in_sentence(text, sentence.start, sentence.end, sentence.index, sentence.lang, rules,
                                     entities, gazetteers, heading=sentence.heading)
        if anchor is not None and not is_list_item(text, sentence.start):
            anchor = None
        if found:
            read_previous_sentence(found, text, sentence.start, previous, previous_entities, rules)
            inherit_from_context(found, meetings, text, sentence.start, sentence.end, rules)
            if anchor is not None:
                inherit_from_anchor(found, anchor)
            lead = sidelines_anchor(found, text, sentence.start, sentence.end, rules)
            anchor = with_known_place(lead, meetings) if lead else anchor
        else:
            carry_back_references(meetings[-1] if meetings else None, text, sentence.start, sentence.end, rules,
                                  entities)
        meetings += found
        previous, previous_entities = (sentence.start, sentence.end), entities
    if dateline is not None:
        apply_dateline(meetings, dateline, published)
    return meetings

