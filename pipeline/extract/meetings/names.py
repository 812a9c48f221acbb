"""Meeting names: where a name starts and ends in each language, and what it says (kind, body, edition,
partners).

Vietnamese names run forward from their head word ("Hội nghị …") to a verb, a preposition of place or time,
or punctuation; English names are the run of capitalised words, acronyms, ordinals and connectors around
their head ("the 17th ASEAN Ministerial Meeting on the Environment").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pipeline.extract.meetings.mention import ACRONYM_IN_PARENTHESES, MeetingMention, inside
from pipeline.recognise.entities import EntityMention, Gazetteers
from pipeline.recognise.matcher import RuleMatch, find_all, first, matches_at, rules_matching, word_set
from pipeline.rules.models import LanguageRules, words_alternation

_BREAK_CHARS = ",;.:!?\"“”"
MAX_NAME_WORDS = 24


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
        if matches_at(rules.meeting_name_end, text, pos) or (
                matches_at(_new_name_heads(rules), text, pos) and not _joins_next_head(text, head.start, pos, rules)):
            break
        if any(e.start == pos and e.label == "DATE" for e in entities):
            break  # "Hội nghị Cấp cao ASEAN lần thứ 34 tháng 6/2019": the date is not part of the name
        entity = next((e for e in entities if e.start == pos), None)
        step = entity.end if entity else _word_end(text, pos, limit)
        pos = end = step
        words += 1
    trimmed = _trailing_words(rules).sub("", text[head.start : end])
    return head.start + len(trimmed)


def _joins_next_head(text: str, start: int, pos: int, rules: LanguageRules) -> bool:
    """"Kỳ họp lần thứ 20 của | Hội nghị các Bên …": the name goes on through the next head (`name_joins`)."""
    join = first(rules.name_joins, text, start, pos + JOIN_LOOKAHEAD)  # the rule looks at the head after it
    return join is not None and join.start == start and join.end <= pos and not text[join.end : pos].strip()


JOIN_LOOKAHEAD = 40


def _trailing_words(rules: LanguageRules) -> re.Pattern[str]:
    """Words a name does not end with ("và", "của", "-"): any run of them at its end (`name_trailing_words`)."""
    return _run_at_end(tuple(word for rule in rules.name_trailing_words for word in rule.words or ()))


@cache
def _run_at_end(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?:\s+" + words_alternation(list(words)) + ")+$") if words else re.compile(r"(?!)")


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
                      entities: list[EntityMention], rules: LanguageRules) -> tuple[int, int]:
    """The run of capitalised words, acronyms, ordinals and connectors around an English head."""
    prefix_words, connectors = word_set(rules.name_prefix_words), word_set(rules.name_connectors)
    name_word, articles = _name_words(rules), word_set(rules.name_articles)
    inner_words, joiners = word_set(rules.name_inner_words), word_set(rules.name_joiners)
    starts_a_name = articles | prefix_words  # after a joiner: a second name ("and the Thirteenth Meeting")
    start = head.start
    if not head.text[:1].islower():
        acronym = _ACRONYM_BEFORE.search(text, sent_start, head.start)  # "Committee (MSC) Meeting"
        if acronym is not None:
            start = acronym.start()
        words = _words_with_offsets(text, sent_start, start)
        for word_start, word_end, word in reversed(words):
            if _ACRONYM_INSIDE.fullmatch(text, word_start - 1, word_end + 1):
                continue  # "Sixth Lancang-Mekong Cooperation (LMC) Foreign Ministers' Meeting" (EN-M-B04b)
            between = _ACRONYM_INSIDE_END.sub(" ", text[word_start : start])
            if any(char in between for char in ",;:()\n"):
                break  # a line break too: "Current Location:Homepage⏎Ministerial Meeting of …" (EN-M-N05)
            if (name_word.word.match(word) or word.lower() in prefix_words) and word.lower() not in articles:
                start = word_start
            elif word.lower() not in inner_words:  # "ASEAN-Republic of Korea Dialogue": "of" inside a partner's name
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
        if cursor == end and any(e.start == word_start and e.label in _PLACES for e in entities):
            break  # "• Second AHP Conference Kota Kinabalu, Sabah, Malaysia (April 2007)": the venue follows the name
        if name_word.word.match(word) and not (word.isdigit() and len(word) == 4):
            end = cursor = word_end
        elif word.lower() in connectors and _next_is_name_word(words, index, connectors, joiners, starts_a_name,
                                                                name_word):
            cursor = word_end
        else:
            break
        index += 1
    return start, _through_body_name(text, start, end, limit, entities, _convention_link(rules))


_ACRONYM_BEFORE = re.compile(r"\([A-Z][A-Za-z0-9+\-]{1,11}\)\s*$")  # "(MSC) Meeting", "(MRC) Summit" (EN-M-N04)
# An acronym in parentheses between two words of a name: "Sixth Lancang-Mekong Cooperation (LMC) Foreign Ministers'
# Meeting" (EN-M-B04b)
_ACRONYM_INSIDE = re.compile(ACRONYM_IN_PARENTHESES)
_ACRONYM_INSIDE_END = re.compile(rf"\s{ACRONYM_IN_PARENTHESES}\s+$")
_PLACES = ("CITY", "COUNTRY", "PROVINCE")


def _through_body_name(text: str, start: int, end: int, limit: int, entities: list[EntityMention],
                       convention_link: re.Pattern[str] | None) -> int:
    """A body's name that goes on in lower case ("18th session of the Conference of the Parties serving as the
    meeting of the Parties to the Kyoto Protocol (CMP 18)"), or the name of the convention a COP meets for
    ("18th Conference of the Parties to the Convention on International Trade in Endangered Species of Wild Fauna
    and Flora (CITES)", EN-M-B07), or a convention named in lower case after "to the" ("the 17th Meeting of the
    Conference of the Parties to the haze agreement", EN-M-B08b), ends the meeting's name where that name ends, with
    the parenthetical after it."""
    body = next((e for e in entities if _names_a_body(e) and start <= e.start < end < e.end <= limit), None)
    if body is None and convention_link is not None:  # "the Conference of the Parties to the haze agreement"
        body = next((e for e in entities if e.label == "INSTRUMENT" and _names_a_body(e) and e.end <= limit
                     and convention_link.fullmatch(text, end, e.start)), None)
    if body is None:
        return end
    opening = re.match(r"\s*\(", text[body.end : limit])
    if opening:
        close = _parenthetical_end(text, body.end + opening.end() - 1, limit, entities)
        if close is not None:
            return close
    return body.end


def _convention_link(rules: LanguageRules) -> re.Pattern[str] | None:
    """The words that link a COP's name to a convention named in lower case after it (`convention_links`: "to the"),
    with the spaces around and inside them; None where the language has none."""
    return _spaced_words(tuple(word for rule in rules.convention_links for word in rule.words or ()))


@cache
def _spaced_words(words: tuple[str, ...]) -> re.Pattern[str] | None:
    if not words:
        return None
    spaced = (r"\s+".join(map(re.escape, word.split())) for word in sorted(words, key=lambda w: (-len(w), w)))
    return re.compile(r"\s+(?:" + "|".join(spaced) + r")\s+")


def _names_a_body(entity: EntityMention) -> bool:
    """A body, or a convention whose Conference of the Parties is one (its `body_id`)."""
    return entity.label == "BODY" or (entity.label == "INSTRUMENT" and entity.entry is not None
                                      and entity.entry.body_id is not None)


def _next_is_name_word(words: list[tuple[int, int, str]], index: int, connectors: frozenset[str],
                       joiners: frozenset[str], starts_a_name: frozenset[str], name_word: _NameWords) -> bool:
    """Whether a connector continues the name: "on the Environment" yes; "and the Thirteenth Meeting …" no
    (a second name starts there: after one of `name_joiners`, an article, a prefix word or an ordinal)."""
    if words[index][2].lower() in joiners:
        following = words[index + 1][2] if index + 1 < len(words) else ""
        if following.lower() in starts_a_name or name_word.ordinal.match(following):
            return False
    for _, _, word in words[index + 1 :]:
        if word.lower() in connectors:
            continue
        return bool(name_word.word.match(word))
    return False


@dataclass(frozen=True)
class _NameWords:
    word: re.Pattern[str]  # a word of an English name: capitalised, an acronym, a number, an ordinal ("17th")
    ordinal: re.Pattern[str]  # an ordinal in digits: "17th"


def _name_words(rules: LanguageRules) -> _NameWords:
    return _name_words_of(tuple(rules.word_lists.get("ordinal_suffixes", ())))


@cache
def _name_words_of(suffixes: tuple[str, ...]) -> _NameWords:
    """The patterns of an English name's words, its ordinals written with the language's suffixes ("17th")."""
    ordinal = rf"\d+{words_alternation(suffixes)}" if suffixes else "(?!)"
    return _NameWords(re.compile(rf"^(?:[A-Z][\w'’.+\-–]*|[+\-–&]|{ordinal}|\d+|[A-Z0-9]+-\d+)$"),
                      re.compile(rf"{ordinal}$"))


# --- what a name says ----------------------------------------------------------------------------------




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
    return _without_generic(candidates, gazetteers)


def _without_generic(candidates: list[tuple[int, str]], gazetteers: Gazetteers) -> list[tuple[int, str]]:
    """AATHP refines COP: when both are named, the specific body is the body."""
    specialised = {entry.specialises for _, body in candidates if (entry := gazetteers.entry(body))}
    return [c for c in candidates if c[1] not in specialised] or candidates


def choose_body(mention: MeetingMention, found: list[EntityMention], gazetteers: Gazetteers) -> str | None:
    candidates = _body_candidates(mention, found, gazetteers)
    if mention.body:
        candidates = _without_generic([*candidates, (0, mention.body)], gazetteers)
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
    found = [e for e in entities if inside(e, mention.start, mention.end)]
    body = choose_body(mention, found, gazetteers)
    if body and body != mention.body:
        mention.add("body", mention.start, mention.end, mention.text, "body.from_name")
    mention.body = body
    ordinal = next((e for e in found if e.label == "ORDINAL"), None)
    if ordinal and mention.ordinal is None:
        mention.ordinal = ordinal.value
        mention.add("ordinal", ordinal.start, ordinal.end, ordinal.text, ordinal.rule_id)
    mention.partners = partners_of(found, gazetteers)
    cue = next(iter(rules_matching(rules.kind_cues, mention.text)), None)
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
    if any(inside(e, mention.start, mention.end) and e.label not in ("DATE", "ORDINAL") for e in entities):
        return True
    rest = mention.text[head_end - mention.start :].split()
    capitalised = sum(1 for word in rest if word[:1].isupper())
    return len(rest) >= 3 and (mention.text[:1].isupper() or capitalised >= 2) and capitalised >= 1


# --- finding names in a sentence -----------------------------------------------------------------------


def document_years(text: str, start: int, end: int, entities: list[EntityMention], lang: str,
                   rules: LanguageRules) -> list[EntityMention]:
    """Years that belong to a document's name, not to a meeting: a year alone right after (or inside) the name an
    `instrument_heads` word opens ("Tuyên bố Hủa Hỉn năm 2010", "Tuyên bố chung ASEAN về Biến đổi khí hậu năm
    2015", "ASEAN Community Vision 2025"; VI-M-X17), or after a document of the gazetteer. The document was adopted
    or is meant for that year; the meeting named in the same sentence is dated by what is said of it."""
    years = [e for e in entities if e.label == "DATE" and e.date is not None and e.date.date_start
             and len(e.date.date_start) == 4 and start <= e.start < end]
    if not years:
        return []
    names = [(e.start, e.end) for e in entities if e.label == "INSTRUMENT"]
    for head in find_all(rules.instrument_heads, text, start, end):
        if lang == "vi":
            names.append((head.start, vietnamese_name_end(text, head, end, rules, entities)))
        else:
            names.append(english_name_span(text, head, start, end, entities, rules))
    return [year for year in years if any(name_start < year.start and (year.end <= name_end or (
        name_end <= year.start and not text[name_end : year.start].strip())) for name_start, name_end in names)]
