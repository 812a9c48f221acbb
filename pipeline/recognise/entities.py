"""Entities: gazetteer names first, then underthesea's NER for names the gazetteers lack; ordinals; dates.

Gazetteer aliases are matched as whole words over the normalised text, acronyms (aliases written in
capitals) case-sensitively, other names case-insensitively; at one position the longest alias wins.
The CRF NER is weak on this domain, so its spans are only kept where no gazetteer name overlaps and
they look like proper names.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc

from pipeline.recognise.case_folding import folded_regex, simply_folded
from pipeline.recognise.dates import DateMention, find_dates
from pipeline.recognise.matcher import WORD_BOUNDED, find_all, matches_at
from pipeline.recognise.relative_periods import relative_periods
from pipeline.rules.loader import GAZETTEER_FILES, RuleSet
from pipeline.rules.models import GazetteerEntry, LanguageRules, NumberWords, PatternRule, words_alternation
from pipeline.rules.vocabulary import DateRules

NER_RULE_ID = "ner.underthesea.crf"
NER_LABELS = {"LOC": "LOCATION", "ORG": "ORG", "PER": "PERSON"}


@dataclass(frozen=True, slots=True)
class EntityMention:
    start: int
    end: int
    text: str
    label: str
    source: str
    rule_id: str
    entry: GazetteerEntry | None = None
    actor: str | None = None  # who commits when this entity is a subject (a city's country, a ministry's state)
    value: int | None = None  # ordinals
    date: DateMention | None = None
    anchor_year: int | None = None  # dates: the year of the bulletin they were read in, if known

    @property
    def canonical_id(self) -> str | None:
        return self.entry.id if self.entry else None


@dataclass(frozen=True)
class _Alias:
    entry: GazetteerEntry
    label: str
    rule_id: str
    actor: str | None
    capitalised: bool  # a proper name ("Cao Bằng", "Mỹ"): the text must be capitalised too ("cao bằng", "mỹ phẩm")


class Gazetteers:
    """All gazetteer aliases compiled into two regexes (acronyms exact-case, names any case)."""

    def __init__(self, rules: RuleSet):
        self.rules = rules  # the rule set they were read from: the merge reads its word lists there
        self.by_id: dict[str, tuple[str, GazetteerEntry]] = {}
        for gazetteer in rules.gazetteers:
            for entry in gazetteer.entries:
                self.by_id[entry.id] = (gazetteer.label, entry)
        countries = {entry.iso2: entry.name_en for label, entry in self.by_id.values() if label == "COUNTRY"}
        aliases: dict[str, _Alias] = {}
        for name, gazetteer in zip(GAZETTEER_FILES, rules.gazetteers, strict=True):
            for entry in gazetteer.entries:
                actor = entry.actor or (entry.name_en if gazetteer.label == "COUNTRY" else None) or (
                    countries.get(entry.country) if gazetteer.label in ("CITY", "PROVINCE") else None)
                for form in sorted(set(entry.aliases_vi + entry.aliases_en) or {entry.name_en, entry.name_vi}):
                    alias = _Alias(entry, gazetteer.label, f"gazetteer.{name}.{entry.id}", actor, form[:1].isupper())
                    aliases.setdefault(self._key(form), alias)
        self.aliases = aliases
        exact = [form for form in aliases if self._is_acronym(form)]
        loose = [form for form in aliases if not self._is_acronym(form)]
        self._exact = self._compile(exact, 0)
        self._loose = self._compile(loose, re.IGNORECASE)
        # The loose names in lower case, heeding case, for the document folded once (case_folding.py): the same
        # matches at the same places, about twice as fast as the regex that ignores case.
        self._loose_folded = folded_regex(self._loose.pattern, True) if self._loose is not None else None

    @staticmethod
    def _is_acronym(form: str) -> bool:
        letters = [char for char in form if char.isalpha()]
        return bool(letters) and all(char.isupper() for char in letters) and len(form) <= 12

    def _key(self, form: str) -> str:
        return form if self._is_acronym(form) else form.casefold()

    @staticmethod
    def _compile(forms: list[str], flags: int) -> re.Pattern[str] | None:
        if not forms:
            return None
        body = trie_pattern([form.casefold() if flags & re.IGNORECASE else form for form in forms])
        # an alias ending in "ASEAN" must not stop before "+3": "Hội nghị Bộ trưởng Năng lượng ASEAN+3" is
        # the ASEAN+3 meeting, not the ASEAN one followed by stray characters; "US$ 15 million" is a currency,
        # not the United States (a real MRC release: its members' contribution became a US pledge)
        return re.compile(WORD_BOUNDED.format(body) + r"(?!\s?\+\s?\d)(?!\$)", flags)

    def find(self, text: str, start: int, end: int) -> list[EntityMention]:
        """Every alias in text[start:end]; a capitalised alias matches in lower case only when it is a long name
        ("conference of the parties to the UNFCCC", "công ước khung của Liên hợp quốc …": real bulletins,
        EN-M-N01, VI-M-O08), not a short one that is also a common word."""
        found = []
        for span_start, span_end in self._spans(text, start, end):
            surface = text[span_start:span_end]
            form = " ".join(surface.split())
            alias = self.aliases.get(form) or self.aliases.get(form.casefold())
            if alias and (not alias.capitalised or form[:1].isupper() or len(form.split()) >= LOWERCASE_WORDS):
                found.append(EntityMention(span_start, span_end, surface, alias.label, "gazetteer", alias.rule_id,
                                           alias.entry, actor=alias.actor))
        return found

    def _spans(self, text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
        """Where the acronyms, then the other names, match in text[start:end]."""
        if self._exact is not None:
            yield from (match.span() for match in self._exact.finditer(text, start, end))
        folded = simply_folded(text) if self._loose_folded is not None else None
        if folded is not None and self._loose_folded is not None:
            yield from (match.span() for match in self._loose_folded.finditer(folded, start, end))
        elif self._loose is not None:
            yield from (match.span() for match in self._loose.finditer(text, start, end))

    def entry(self, entry_id: str) -> GazetteerEntry | None:
        item = self.by_id.get(entry_id)
        return item[1] if item else None


LOWERCASE_WORDS = 4


def trie_pattern(forms: list[str]) -> str:
    r"""One regex for many names, as a trie: "Hà Nội|Hà Nam" becomes "Hà\s+N(?:am|ội)".

    A flat alternation of 2,000 names makes the regex engine try each name at every position; the trie
    shares prefixes, so a position costs one path. Longer names are tried before their prefixes, so the
    longest name wins as with the flat form. Spaces in a name match any run of whitespace."""
    trie: dict[str, dict] = {}
    for form in forms:
        node = trie
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}  # a name ends here
    return _node_pattern(trie)


def _node_pattern(node: dict[str, dict]) -> str:
    branches = [_char_pattern(char) + _node_pattern(child) for char, child in sorted(node.items()) if char]
    if "" in node:
        branches.append("")  # last: a longer name through this node is tried first
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _char_pattern(char: str) -> str:
    return r"\s+" if char == " " else re.escape(char)


@cache
def gazetteers_for(rules: RuleSet) -> Gazetteers:
    return Gazetteers(rules)


def _keep_longest(mentions: list[EntityMention]) -> list[EntityMention]:
    mentions = sorted(mentions, key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[EntityMention] = []
    for mention in mentions:
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return kept


def _overlaps(mention: EntityMention, others: list[EntityMention]) -> bool:
    return any(mention.start < other.end and other.start < mention.end for other in others)


_NER_SPANS_KEY = "asean_ner_spans"  # where _ner_spans keeps them, in doc.user_data


def _ner_spans(doc: Doc) -> list[tuple[int, int, str, str]]:
    """(start_char, end_char, label, text) of the Doc's NER spans, made once per Doc: `doc.ents` builds a
    Span for every entity of the document on each access, and this is asked once per sentence."""
    spans = doc.user_data.get(_NER_SPANS_KEY)
    if spans is None:
        spans = [(ent.start_char, ent.end_char, ent.label_, ent.text) for ent in doc.ents]
        doc.user_data[_NER_SPANS_KEY] = spans
    return spans


def _has_digit(text: str) -> bool:
    return any(char.isdigit() for char in text)


def ner_fallback(doc: Doc, start: int, end: int, known: list[EntityMention],
                 not_names: list[PatternRule]) -> list[EntityMention]:
    """The NER's names that no gazetteer name overlaps and that look like proper names: capitalised, without a
    digit, not starting with a word of `not_names` ("Hội nghị", "Tại")."""
    found = []
    for ent_start, ent_end, label, ent_text in _ner_spans(doc):
        if ent_start < start or ent_end > end or label not in NER_LABELS:
            continue
        text = ent_text.strip(" ,.;:()")
        offset = ent_text.find(text)
        mention = EntityMention(ent_start + offset, ent_start + offset + len(text), text,
                                NER_LABELS[label], "ner", NER_RULE_ID)
        if text[:1].isupper() and not _has_digit(text) and not matches_at(not_names, text, 0) \
                and not _overlaps(mention, known):
            found.append(mention)
    return found


def _numbers(rules: list[NumberWords]) -> dict[str, int]:
    return {word: number for rule in rules for word, number in rule.number_of.items()}


def ordinal_value(word: str, rules: LanguageRules) -> int | None:
    """The number an ordinal word or numeral stands for: '17', 'nhất', 'Twenty-Eighth', 'XVII' (the words and
    their numbers: the language's `ordinal_words`, `ordinal_tens` and `roman_numerals`)."""
    word = word.strip().lower()
    if word.isdigit():
        return int(word)
    units = _numbers(rules.ordinal_words)
    if word in units:
        return units[word]
    tens, _, unit = word.replace(" ", "-").partition("-")
    tens_numbers = _numbers(rules.ordinal_tens)
    if tens in tens_numbers and unit in units:
        return tens_numbers[tens] + units[unit]
    letters = _numbers(rules.roman_numerals)
    if word and all(char in letters for char in word):
        return _roman_value([letters[char] for char in word])
    return None


def _roman_value(values: list[int]) -> int | None:
    """Roman numerals read as they are written: a letter before a larger one is taken away (IV, XL)."""
    total = sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
    return total if 0 < total < 90 else None


def find_ordinals(rules: LanguageRules, text: str, start: int, end: int) -> list[EntityMention]:
    found = []
    for match in find_all(rules.ordinal_forms, text, start, end):
        value = ordinal_value(match.groups.get("n") or "", rules)
        if value:
            found.append(EntityMention(match.start, match.end, match.text, "ORDINAL", "rule", match.rule.id,
                                       value=value))
    return found


# Days and years told relative to the publication day: the words are rules/dates.yaml's (`relative_days`,
# `relative_weekday_leads`, `weekday_names`, `relative_years`, `year_counts`), of every language (a bulletin may
# quote the other one); the patterns around them are structure, and live here.


@dataclass(frozen=True)
class _RelativePatterns:
    """The patterns of a rule set's relative weekdays and years, compiled once."""

    weekday: re.Pattern[str]  # group = the language of the weekday name
    weekday_numbers: dict[str, dict[str, int]]  # per language, a weekday name in lower case: Monday 1 .. Sunday 7
    year: re.Pattern[str]  # group y<i> = the i-th rule of `relative_years`
    years_after: tuple[int, ...]


@cache
def _relative_patterns(rules: RuleSet) -> _RelativePatterns:
    dates = rules.dates
    return _RelativePatterns(_weekday_pattern(dates), {lang: _weekday_numbers(dates, lang) for lang in LANGS},
                             _year_pattern(dates), tuple(rule.years_after for rule in dates.relative_years))


LANGS = ("vi", "en")


def _weekday_numbers(dates: DateRules, lang: str) -> dict[str, int]:
    return {" ".join(word.split()): number for rule in dates.weekday_names if rule.lang == lang
            for word, number in rule.number_of.items()}


def _weekday_pattern(dates: DateRules) -> re.Pattern[str]:
    """A weekday with no date after it, in a dated bulletin: "held virtually on Wednesday", "vào chiều thứ Năm". A
    lead word (case ignored), then a weekday name written as the file writes it: capitalised ("thứ năm" alone is
    also "fifth"), its words apart by any spaces; no number after it, even after a day word ("ngày", "hôm": "thứ
    Năm (12/9)", "thứ Năm ngày 12/9" are dates the date tiers read)."""
    parts = []
    for lang in LANGS:
        leads = [rule.pattern_text or words_alternation(rule.words or ()) for rule in dates.relative_weekday_leads
                 if rule.lang == lang]
        names = [word for rule in dates.weekday_names if rule.lang == lang for word in rule.words or ()]
        if leads and names:
            weekday = "|".join(r"\s+".join(map(re.escape, name.split())) for name in _longest_first(names))
            parts.append(rf"(?i:{'|'.join(leads)})\s+(?P<{lang}>{weekday})")
    body = "|".join(parts) or "(?!)"
    day_words = [word for rule in dates.day_words for word in rule.words or ()]
    day_word = rf"(?:{words_alternation(day_words)}\s*)?" if day_words else ""
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)(?!\s*[(,]?\s*{day_word}\d)")


def _year_pattern(dates: DateRules) -> re.Pattern[str]:
    """"next year", "năm tới", "last year": not after a count ("trong 5 năm tới", "hai năm sau khi" are spans of
    years): neither a count word (`year_counts`) nor a number right before it."""
    not_a_count = "".join(f"(?<!{re.escape(word)} )" for rule in dates.year_counts for word in rule.words or ())
    groups = "|".join(f"(?P<y{index}>{words_alternation(rule.words or ())})"
                      for index, rule in enumerate(dates.relative_years)) or "(?!)"
    return re.compile(rf"(?<!\w){not_a_count}(?<!\d )(?<!\d)(?:{groups})(?!\w)", re.IGNORECASE)


def _longest_first(words: list[str]) -> list[str]:
    return sorted(dict.fromkeys(words), key=len, reverse=True)


def _last_weekday(today: dt.date, weekday: int) -> dt.date:
    """The last day on or before `today` that is `weekday` (Monday 1 .. Sunday 7)."""
    return today - dt.timedelta(days=(today.weekday() + 1 - weekday) % 7)


def relative_days(rules: RuleSet, text: str, start: int, end: int,
                  today: dt.date | None) -> list[EntityMention]:
    """"hôm nay", "today", "yesterday", "on Wednesday", "next year": days and years told relative to the
    publication day, when there is one."""
    if today is None:
        return []
    found = [(match.start, match.end, match.text, today - dt.timedelta(days=match.rule.days_before))
             for match in find_all(rules.dates.relative_days, text, start, end)]
    patterns = _relative_patterns(rules)
    for match in patterns.weekday.finditer(text, start, end):
        lang = next(lang for lang in LANGS if match.group(lang))
        number = patterns.weekday_numbers[lang][" ".join(match.group(lang).lower().split())]
        found.append((match.start(), match.end(), match.group(0), _last_weekday(today, number)))
    days = [_relative_date(m_start, m_end, m_text, "date.relative_day", day.isoformat(), day.isoformat(), today)
            for m_start, m_end, m_text, day in found]
    return days + relative_years(rules, text, start, end, today) + _periods(rules, text, start, end, today)


def _relative_date(start: int, end: int, text: str, rule_id: str, date_start: str, date_end: str,
                   today: dt.date) -> EntityMention:
    """A date told relative to the publication day: its year comes from that day (year_from_anchor)."""
    return EntityMention(start, end, text, "DATE", "rule", rule_id,
                         date=DateMention(start, end, text, date_start, date_end, None, True), anchor_year=today.year)


def _periods(rules: RuleSet, text: str, start: int, end: int, today: dt.date) -> list[EntityMention]:
    """"last month", "this October", "tuần trước": the month they fall in (relative_periods.py)."""
    return [_relative_date(p.start, p.end, p.text, p.rule_id, p.month_start, p.month_end, today)
            for p in relative_periods(rules, text, start, end, today)]


def relative_years(rules: RuleSet, text: str, start: int, end: int, today: dt.date) -> list[EntityMention]:
    """"next year", "năm tới", "last year": the year after or before the publication day's."""
    patterns = _relative_patterns(rules)
    found = []
    for match in patterns.year.finditer(text, start, end):
        index = int((match.lastgroup or "y0")[1:])
        year = str(today.year + patterns.years_after[index])
        found.append(_relative_date(match.start(), match.end(), match.group(0), "date.relative_year", year, year,
                                    today))
    return found


def date_entities(rules: RuleSet, text: str, start: int, end: int, lang: str, anchor: dt.date | None,
                  today: dt.date | None = None) -> list[EntityMention]:
    relative = relative_days(rules, text, start, end, today)
    found: list[EntityMention] = []
    for mention in find_dates(text[start:end], lang=lang, anchor=anchor, rules=rules):
        shifted = DateMention(mention.start + start, mention.end + start, mention.text, mention.date_start,
                              mention.date_end, mention.mod, mention.year_from_anchor)
        found.append(EntityMention(shifted.start, shifted.end, shifted.text, "DATE", "rule",
                                   f"date.{lang}", date=shifted, anchor_year=anchor.year if anchor else None))
    found += [r for r in relative if not _overlaps(r, found)]
    return sorted(found, key=lambda e: e.start)


def recognise_sentence(doc: Doc, rules: RuleSet, lang: str, start: int, end: int,
                       anchor: dt.date | None, today: dt.date | None = None) -> list[EntityMention]:
    """All entities of one sentence, non-overlapping where they compete, sorted by position. `anchor` gives
    a missing year; `today` (the publication day, when known) is what "hôm nay" means."""
    text = doc.text
    dates = date_entities(rules, text, start, end, lang, anchor, today)
    names = _keep_longest(gazetteers_for(rules).find(text, start, end))
    names = [name for name in names if not _overlaps(name, dates)]
    ordinals = [o for o in find_ordinals(rules.languages[lang], text, start, end) if not _overlaps(o, dates)]
    fallback = ner_fallback(doc, start, end, names + dates + ordinals, rules.languages[lang].ner_not_a_name) \
        if lang == "vi" else []
    return sorted(dates + names + ordinals + fallback, key=lambda m: (m.start, m.end, m.label))
