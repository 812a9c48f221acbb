"""Temporal normaliser: date expressions in Vietnamese or English text, as precise as the text makes them.

Why our own and not dateparser: dateparser fills whatever the text lacks with today's date ("năm 2024"
becomes 2024-11-24), reads only the first day of "ngày 22-24 tháng 8 năm 2023" and gives up on "cuối tháng 7
năm 2023" (shared/NOTES.md, "Dates"). Here every output part comes from the text: "năm 2023" stays "2023",
"cuối tháng 7 năm 2023" is "2023-07" with mod END, and a missing year is taken from `anchor` only when one is
given, and is then flagged with `year_from_anchor`.

How it works
1. Each tier below is one regex for one family of forms. Every tier is searched over the whole text (matches
   may overlap) and every match is read by one shared reader, `_read`, into (date_start, date_end, mod).
2. Candidates are kept longest first; a kept span hides every shorter candidate that overlaps it. A match
   that has the shape of a date but is impossible ("31/2/2023", "tháng 13") is kept as a blocker and then
   dropped, so that no piece of it ("năm 2023" of "ngày 31 tháng 2 năm 2023") is reported in its place.
   A match that is only not what its tier wants (two dates out of order for a range, a "12/9" with no day
   word) is skipped instead, and leaves its text to the other tiers.
3. A mention starts at the first word of the date itself: a weekday, "ngày"/"hôm", "tháng", "năm", "quý",
   "giai đoạn", a modifier ("cuối", "early") or the first number. Prepositions that only introduce a date
   ("vào", "từ", "đến", "in", "by", "from", "on") stay outside it, though English "in"/"by" are still needed
   before a bare year. A weekday in front of a day belongs to the mention.

Deliberate limits (conservative by design)
- A bare 4-digit number is never a year ("Tuyên bố 2019", "2000 hộ"); it needs "năm", a modifier, an English
  preposition, a month, or to be one end of a year range ("2016-2025").
- Years outside 1900-2100 are not dates.
- A day whose month is written in digits needs a year, a day word ("ngày", "hôm", "sáng"...), a weekday or
  parentheses ("Chiều nay (23/6)"): a bare "12/9" is as likely a fraction or a file number as a date. A
  single day written "22 tháng 8" needs the day word even with a year: "AMME 17 tháng 8/2023" is August.
- Numeric dates are read day first in both languages (ASEAN usage); "12/25/2023" is therefore impossible.
- `lang` chooses the words: "vi" reads Vietnamese words, "en" English ones; numeric forms are read in both.
- Relative dates ("năm ngoái", "last year", "hôm qua") are not read here (entities.py reads them).

The words (month names, weekdays, modifiers, "tháng", "đến", "from", ...) are data: `pipeline/rules/dates.yaml`,
each list with its language; the tiers below say where they stand, and are compiled once per rule set.

Regex group names: Python's `re` forbids one name twice in a pattern, so the fragments below get numbered
names ("d1__7") and the reader drops the number. Fields: d1 m1 y1 (a date, or the start of a range),
d2 m2 y2 (the end of a range), q (quarter), mod, head / wd (a day word / a weekday, which let a day without a
year count), span (the part of the match that is the mention, when the pattern also matches context).
"""

from __future__ import annotations

import calendar
import datetime
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from pipeline.rules.loader import RuleSet, default_rules
from pipeline.rules.models import PatternRule
from pipeline.rules.vocabulary import DateMod, DateRules

__all__ = ["DateMention", "find_dates", "parse_date"]


@dataclass(frozen=True, slots=True)
class DateMention:
    """One date expression found in a text."""

    start: int  # character offsets into the text passed in; text[start:end] == self.text
    end: int
    text: str
    date_start: str | None  # ISO with the precision the text gives: "2023", "2023-08", "2023-08-22"
    date_end: str | None  # same precision rules; equals date_start for a single day / month / year
    mod: str | None  # "START" | "MID" | "END" for đầu/giữa/cuối, thượng/trung/hạ tuần, early/mid/late
    year_from_anchor: bool  # True when the year was not in the text and came from `anchor`


# ------------------------------------------------------------------------------------------------ numbers

YEAR_MIN, YEAR_MAX = 1900, 2100  # bulletins speak of the present; other 4-digit numbers are counts or codes

# A quarter in digits ("quý 3"); its numerals ("quý III") and codes ("Q3") are words of dates.yaml.
_QUARTER_DIGITS = {"1": 1, "2": 2, "3": 3, "4": 4}

# ------------------------------------------------------------------------------------ regex building blocks

_S0 = r"[^\S\r\n]{0,3}"  # a date never spans a line, nor a long gap; bounded so that no search can blow up
_S1 = r"[^\S\r\n]{1,3}"
_DASH = r"[\-‐‑‒–—−]"
_NEVER = r"(?!)"  # an empty list of words: matches nowhere

_ids = itertools.count()


def _g(field: str, body: str) -> str:
    """A named group for `field`, numbered so that one pattern may hold the same field in several places."""
    return f"(?P<{field}__{next(_ids)}>{body})"


def _alt(*parts: str) -> str:
    return "(?:" + "|".join(parts) + ")"


def _opt(part: str) -> str:
    return f"(?:{part})?"


def _span(fragment: str) -> str:  # the mention, when the pattern around it is context ("in 2025")
    return _g("span", fragment)


def _phrase(word: str) -> str:
    """A word or phrase, any short run of spaces between its words."""
    return _S1.join(re.escape(part) for part in word.split())


def _longest_first(words: Iterable[str]) -> list[str]:
    """Once each, longest first (so that "mười một" beats "mười"), in the file's order among equal lengths."""
    return sorted(dict.fromkeys(words), key=len, reverse=True)


def _words_of(rules: Sequence[PatternRule]) -> list[str]:
    return [word for rule in rules for word in rule.words or ()]


def _either(rules: Sequence[PatternRule]) -> str:
    """One of the rules' words, in the file's order: where a space must follow, which ends the word."""
    words = [_phrase(word) for word in dict.fromkeys(_words_of(rules))]
    if not words:
        return _NEVER
    return words[0] if len(words) == 1 else _alt(*words)


def _cased(rule: PatternRule) -> str:
    """A rule's words as written or in capitals: "May" is a month, "may" is a verb; a dotted short form may
    end with a full stop ("Sept.")."""
    suffix = r"\.?" if getattr(rule, "dotted", False) else ""
    forms = _longest_first(form for word in rule.words or () for form in (word, word.upper()))
    return "(?-i:" + "|".join(_phrase(form) + suffix for form in forms) + ")"


def _one_of(rules: Sequence[PatternRule]) -> str:
    """One of the rules' words as a whole word, the longest first; in any case unless a rule says otherwise."""
    any_case = _longest_first(_words_of([rule for rule in rules if rule.ignore_case]))
    parts = [_phrase(word) + (r"\.?" if _dotted(rules, word) else "") for word in any_case]
    parts += [_cased(rule) for rule in rules if not rule.ignore_case]
    return _alt(*parts) + r"(?!\w)" if parts else _NEVER


def _dotted(rules: Sequence[PatternRule], word: str) -> bool:
    return any(getattr(rule, "dotted", False) and word in (rule.words or ()) for rule in rules)


def _not_after(rules: Sequence[PatternRule]) -> str:
    """Not right after one of the rules' words and a space on the same line (a look-behind per word: each has its
    length). Like a date, what keeps it from being one never spans a line: so the dates of a text are the dates
    of its lines."""
    return "".join(rf"(?<!{re.escape(word)}[^\S\r\n])" for word in dict.fromkeys(_words_of(rules)))


# ---- atoms: `i` is 1 for a date or the start of a range, 2 for the end of a range


def _d(i: int) -> str:  # a day number; its value is checked by the reader, so "32/1" is seen and refused
    return _g(f"d{i}", r"\d{1,2}") + r"(?!\d)"


def _m(i: int) -> str:
    return _g(f"m{i}", r"\d{1,2}") + r"(?!\d)"


def _y(i: int) -> str:
    return _g(f"y{i}", r"\d{4}") + r"(?!\d)"


# ---- numeric dates, read the same in both languages


def _num_day(i: int) -> str:  # day and month, no year: "22/8"; "29-10" too (an older newspaper style)
    # "12.5" stays a number; "3-4" needs a day word before it like every day without a year, and is not
    # read when a month follows ("3-4/10" is a range of days).
    return _alt(f"{_d(i)}/{_m(i)}", rf"{_d(i)}-{_m(i)}(?![/.\-]?\d)")


def _num_full_day(i: int) -> str:  # "22/8/2023", "22/08/2023", "22.8.2023", "22-8-2023": one separator
    return _alt(f"{_d(i)}/{_m(i)}/{_y(i)}", rf"{_d(i)}\.{_m(i)}\.{_y(i)}", f"{_d(i)}-{_m(i)}-{_y(i)}")


def _iso_day() -> str:
    return _y(1) + "-" + _g("m1", r"[01]\d") + "-" + _g("d1", r"[0-3]\d") + r"(?!\d)"


_TO_DASH = rf"{_S0}{_DASH}{_S0}"


# ------------------------------------------------------------------------------------------------ words


@dataclass(frozen=True)
class _Words:
    """One language's date words (rules/dates.yaml) as regex fragments, each matching one of its words."""

    month: str  # a month name or short form, a whole word
    month_alone: str  # the same without the year words: after "tháng" with no year following, "năm" is no May
    month_word: str  # "tháng"
    year_word: str  # "năm"
    quarter_word: str  # "quý", "quarter"
    quarter_ordinal: str  # "third"
    quarter_numeral: str  # "III" (after "quý"), or digits
    year_span: str  # "giai đoạn", "năm": before a range of years
    weekday: str  # "thứ Ba", "Tuesday", not after an ordinal noun ("lần thứ 2")
    mod: str  # "cuối", "thượng tuần", "early"
    head: str  # what makes "12/9" a day: "ngày", "hôm", "sáng", "chiều ngày", "từ", "vào" (a group's body)
    trigger: str  # "in", "by": before a year or a month name alone
    range_from: str  # "từ", "from", "between": before the first year of a range
    to: str  # between the two ends of a range: a dash, "đến", "to"
    to_day: str  # between two days: the above, or "và"
    year_range_to: str  # between two years after "from" or "between": "to", "and"
    day_suffix: str  # "st", "nd", "rd", "th" after an English day's number, optional ("22nd")
    of: str  # "of": after an English ordinal day ("12th of September"), before a quarter's year ("… of 2023")


def _words(own: DateRules) -> _Words:
    """The fragments of one language's words (`own`: dates.yaml with that language's rules only)."""
    months = [*own.month_names, *own.month_short_forms]
    year_words = {word.lower() for word in _words_of(own.year_words)}
    to = _alt(_TO_DASH, rf"{_S1}{_either(own.range_to)}{_S1}")
    return _Words(
        month=_one_of(months),
        month_alone=_one_of([_without(rule, year_words) for rule in months]),
        month_word=_either(own.month_words),
        year_word=_either(own.year_words),
        quarter_word=_either(own.quarter_words),
        quarter_ordinal=_one_of(own.quarter_ordinals),
        quarter_numeral=_alt(_one_of(own.quarter_numerals), "[1-4]"),
        year_span=_one_of([*own.period_words, *own.year_words]),
        weekday=_not_after(own.ordinal_nouns) + _one_of([*own.weekday_names, *own.weekday_short_forms]),
        mod=_one_of(own.modifiers),
        head=_head(own.day_times, own.day_words, own.day_prepositions),
        trigger=_one_of(own.triggers),
        range_from=_one_of(own.range_from),
        to=to,
        to_day=_alt(to, rf"{_S1}{_either(own.range_and)}{_S1}"),
        year_range_to=_one_of([*own.range_to, *own.range_and]),
        day_suffix=_opt("|".join(re.escape(suffix) for rule in own.day_ordinals for suffix in rule.suffixes)),
        of=_either(own.day_ordinals),
    )


def _without(rule: PatternRule, words: set[str]) -> PatternRule:
    """The rule with fewer words (a copy: the rule set's own stays as it is)."""
    return rule.model_copy(update={"words": [word for word in rule.words or () if word.lower() not in words]})


def _head(times: Sequence[PatternRule], days: Sequence[PatternRule], prepositions: Sequence[PatternRule]) -> str:
    """A word that makes "12/9" a day: a time of day maybe followed by a day word ("chiều ngày"), a day word, or a
    preposition of time ("từ 22/8", "vào 12/9": bulletins drop "ngày")."""
    alone = [_phrase(word) for word in dict.fromkeys(_words_of([*days, *prepositions]))]
    if times:
        alone.insert(0, _either(times) + (f"(?:{_S1}{_either(days)})?" if days else ""))
    return _alt(*alone) + r"(?!\w)" if alone else _NEVER


# ---- Vietnamese forms


def _headed_vi(w: _Words, fragment: str) -> str:
    return _opt(_g("head", w.head) + _S1) + fragment


def _vm(w: _Words, i: int, alone: bool = False) -> str:  # the month after "tháng": digits or a Vietnamese name
    return _g(f"m{i}", _alt(r"\d{1,2}(?!\d)", w.month_alone if alone else w.month))


def _year_after_month_vi(w: _Words) -> str:  # "tháng 8/2023", "tháng 8 năm 2023"
    return rf"(?:{_S0}/{_S0}|-|,?{_S1}{w.year_word}{_S1})"


def _verbal_day(w: _Words, i: int) -> str:  # "22 tháng 8": marked, as alone it needs a day word ("AMME 17 tháng 8")
    return f"{_d(i)}{_S1}{_g('verbal', w.month_word)}{_S1}{_vm(w, i)}"


def _vi_day(w: _Words, i: int) -> str:  # "22/8", "22 tháng 8", "22 tháng Tám"
    return _alt(_num_day(i), _verbal_day(w, i))


def _vi_full_day(w: _Words, i: int) -> str:  # the above with a year, numeric or in words, or mixed ("22/8 năm 2023")
    return _alt(
        _num_full_day(i),
        f"{_verbal_day(w, i)}{_year_after_month_vi(w)}{_y(i)}",
        f"{_d(i)}/{_m(i)}{_S1}{w.year_word}{_S1}{_y(i)}",
    )


def _in_parens(fragment: str) -> str:  # "Chiều nay (23/6)", "sau ba ngày làm việc (21 - 23/6)"
    return rf"{_g('head', r'[(]')}{_S0}{_span(fragment)}{_S0}\)"


def _vi_any_day(w: _Words, i: int) -> str:  # with a year first: it is the longer reading
    return _alt(_vi_full_day(w, i), _vi_day(w, i))


def _vi_month_year(w: _Words, i: int) -> str:  # after "tháng": "8/2023", "8 năm 2023", "Tám năm 2023"
    return f"{_vm(w, i)}{_year_after_month_vi(w)}{_y(i)}"


def _mod_vi(w: _Words) -> str:
    return _g("mod", w.mod) + _S1


# ---- English forms


def _em(w: _Words, i: int) -> str:  # an English month name
    return _g(f"m{i}", w.month) + r"(?!\w)"


def _ed(w: _Words, i: int) -> str:  # an English day number, maybe ordinal: "22", "22nd"
    return _g(f"d{i}", r"\d{1,2}") + w.day_suffix + r"(?!\w)"


def _mod_en(w: _Words) -> str:  # "early 2024", "mid-2025", "end of 2023"
    return _g("mod", w.mod) + rf"(?:-|{_S1})"


def _en_year_after(i: int) -> str:  # ", 2023" / " 2023"
    return rf"(?:{_S0},)?{_S1}{_y(i)}"


def _en_day(w: _Words, i: int) -> str:  # "12 September", "12th of September"
    return rf"{_ed(w, i)}{_S1}(?:{w.of}{_S1})?{_em(w, i)}"


def _en_day_first(w: _Words, i: int) -> str:  # "12 September 2023" or "12 September"
    return f"{_en_day(w, i)}{_opt(_en_year_after(i))}"


def _en_month_first(w: _Words, i: int) -> str:  # "September 12, 2023" or "September 12"
    return f"{_em(w, i)}{_S1}{_ed(w, i)}{_opt(_en_year_after(i))}"


def _en_month_year(w: _Words, i: int) -> str:  # "September 2023"
    return f"{_em(w, i)}{_en_year_after(i)}"


# ---- shared


def _after_weekday(weekday: str, body: Callable[[], str]) -> str:
    """'thứ Ba (12/9)', 'thứ Ba, ngày 12/9/2023', 'Tuesday 12 September': the weekday joins the mention."""
    return _alt(
        rf"{_g('wd', weekday)}{_S0}[,\-–]?{_S0}\({_S0}{body()}{_S0}\)",
        rf"{_g('wd', weekday)}(?:{_S0}[,\-–]{_S0}|{_S1}){body()}",
    )


# ------------------------------------------------------------------------------------------------- tiers
# Priority matters only between candidates of the same length (the longest always wins). The tier numbers
# are shared by the three lists: 1 ranges of days, 2 single days, 3 months, 4 quarters, 5 years; each
# language runs its own list and then the common one.
#
# Each tier also says what every match of it holds: a digit, and/or one of the words of some of its lists
# (`needs`: each list, one of its words). A text lacking one holds no match of the tier, which is then not
# searched (`_possible_tiers`): the entities stage asks for the dates of every sentence.

DIGIT = "digit"


@dataclass(frozen=True)
class DayBesideMonth:
    """A need: a day's number right beside its month, "22/8", "22.8", "22-8" (also of "2023-08-22"), or, given the
    language's month words, "22 tháng". Every day a tier reads holds one; most sentences with a number (a year,
    a count) do not, and the day tiers are the costliest to search."""

    month_words: Sequence[PatternRule] = ()


Need = str | Sequence[PatternRule] | DayBesideMonth  # DIGIT, a list one of whose words every match holds, a day


@dataclass(frozen=True)
class _TierSpec:
    name: str
    body: str
    needs: tuple[Need, ...]


def _common_tiers(dates: DateRules) -> list[_TierSpec]:
    """The tiers of both languages (`dates`: every language's rules)."""
    code = _one_of(dates.quarter_codes)
    return [
        # Tier 1 - numeric day ranges: the month and year are said once, for both ends.
        _TierSpec("numeric day range", f"{_d(1)}{_TO_DASH}{_num_full_day(2)}", (DayBesideMonth(),)),  # 22-24/8/2023
        _TierSpec(
            "numeric cross-month range",  # 30/11 - 1/12/2023, 30/12/2023 - 2/1/2024
            f"{_alt(_num_full_day(1), _num_day(1))}{_TO_DASH}{_num_full_day(2)}", (DayBesideMonth(),),
        ),
        # Tier 2 - single numeric days. Without a year they need a day word, so they live in the language tiers.
        _TierSpec("iso day", _iso_day(), (DayBesideMonth(),)),  # 2023-08-22
        _TierSpec("numeric day", _num_full_day(1), (DayBesideMonth(),)),  # 22/8/2023, 22.8.2023
        # Tier 4 - quarters written as codes.
        _TierSpec("quarter code", rf"{_g('q', code)}(?:{_S0}[/\-]{_S0}|{_S1}){_y(1)}", (DIGIT,)),  # Q3 2023
        # Tier 5 - a bare year range is safe where a bare year is not: two plausible years in order.
        _TierSpec("bare year range", f"{_y(1)}{_TO_DASH}{_y(2)}", (DIGIT,)),  # 2016 - 2025
    ]


def _vi_tiers(vi: DateRules) -> list[_TierSpec]:
    w = _words(vi)
    return [
        # Tier 1 - day ranges.
        _TierSpec(
            "vi day range",  # ngày 22-24 tháng 8 năm 2023, ngày 22 đến 24 tháng 8, ngày 3 - 5/10/2019, (21-23/6)
            _alt(
                f"{_headed_vi(w, _d(1))}{w.to_day}{_headed_vi(w, _vi_any_day(w, 2))}",
                _in_parens(f"{_d(1)}{w.to}{_vi_day(w, 2)}"),
            ),
            (DayBesideMonth(vi.month_words),),
        ),
        _TierSpec(
            "vi cross-month range",  # ngày 30/11 đến ngày 12/12/2023, (30/11 - 2/12)
            _alt(
                f"{_headed_vi(w, _vi_any_day(w, 1))}{w.to}{_headed_vi(w, _vi_any_day(w, 2))}",
                _in_parens(f"{_vi_day(w, 1)}{w.to}{_vi_day(w, 2)}"),
            ),
            (DayBesideMonth(vi.month_words),),
        ),
        # Tier 2 - single days, with their weekday when one stands before them.
        _TierSpec(
            "vi day",  # thứ Ba (12/9), thứ Ba, ngày 12/9/2023, hôm 12/9/2024, ngày 22 tháng 8 năm 2023, (23/6)
            _alt(
                _after_weekday(w.weekday, lambda: _headed_vi(w, _vi_any_day(w, 1))),
                _headed_vi(w, _vi_any_day(w, 1)),
                _in_parens(_vi_day(w, 1)),
            ),
            (DayBesideMonth(vi.month_words),),
        ),
        # Tier 3 - months. "tháng" is what makes "8" a month, so it is required on the first.
        _TierSpec(
            "vi month range",  # tháng 8 - 10/2023, từ tháng 11/2023 đến tháng 2/2024
            f"{_opt(_mod_vi(w))}{w.month_word}{_S1}{_alt(_vi_month_year(w, 1), _vm(w, 1))}{w.to}"
            f"{_opt(w.month_word + _S1)}{_alt(_vi_month_year(w, 2), _vm(w, 2, alone=True))}",
            (vi.month_words,),
        ),
        _TierSpec(
            "vi month",  # tháng 8/2023, cuối tháng 7 năm 2023, trung tuần tháng 5/2022, tháng 8
            f"{_opt(_mod_vi(w))}{w.month_word}{_S1}{_alt(_vi_month_year(w, 1), _vm(w, 1, alone=True))}",
            (vi.month_words,),
        ),
        # Tier 4 - quarters: their three months.
        _TierSpec(
            "vi quarter",  # quý III/2023, quý 3 năm 2023, quý IV
            rf"{_opt(_mod_vi(w))}{w.quarter_word}{_S1}{_g('q', w.quarter_numeral)}(?!\w)"
            f"{_opt(_year_after_month_vi(w) + _y(1))}",
            (vi.quarter_words,),
        ),
        # Tier 5 - years: only after "năm" (or a modifier); a bare 2019 is a name or a count.
        _TierSpec(
            "vi year range",  # giai đoạn 2021-2025, năm 2021 đến năm 2025
            f"{w.year_span}{_S1}{_opt(w.range_from + _S1 + _opt(w.year_word + _S1))}{_y(1)}"
            f"{w.to}{_opt(w.year_word + _S1)}{_y(2)}",
            (DIGIT, [*vi.period_words, *vi.year_words]),
        ),
        _TierSpec("vi year", f"{_opt(_mod_vi(w))}{w.year_word}{_S1}{_y(1)}", (DIGIT, vi.year_words)),  # đầu năm 2024
    ]


def _en_tiers(en: DateRules) -> list[_TierSpec]:
    w = _words(en)
    month = [*en.month_names, *en.month_short_forms]
    return [
        # Tier 1 - day ranges.
        _TierSpec("en day range", f"{_ed(w, 1)}{w.to}{_en_day_first(w, 2)}", (DIGIT, month)),  # 22-24 August 2023
        _TierSpec(
            "en month-first day range",  # August 22-24, 2023
            f"{_em(w, 1)}{_S1}{_ed(w, 1)}{w.to}{_ed(w, 2)}{_opt(_en_year_after(2))}", (DIGIT, month),
        ),
        _TierSpec(  # 30 November - 2 December 2023
            "en cross-month range", f"{_en_day_first(w, 1)}{w.to}{_en_day_first(w, 2)}", (DIGIT, month),
        ),
        _TierSpec(
            "en month-first cross-month range", f"{_en_month_first(w, 1)}{w.to}{_en_month_first(w, 2)}",
            (DIGIT, month),
        ),
        # Tier 2 - single days: a month name is evidence enough, no year or preposition needed.
        _TierSpec(
            "en day",  # Tuesday, 12 September 2023; 12 September; September 12, 2023
            _alt(
                _after_weekday(w.weekday, lambda: _alt(_en_day_first(w, 1), _en_month_first(w, 1))),
                _en_day_first(w, 1),
                _en_month_first(w, 1),
            ),
            (DIGIT, month),
        ),
        # Tier 3 - months. A month name alone needs a preposition or modifier ("in May" but not "May").
        _TierSpec(
            "en month range",
            f"{_opt(_mod_en(w))}{_alt(_en_month_year(w, 1), _em(w, 1))}{w.to}{_en_month_year(w, 2)}",
            (DIGIT, month),
        ),
        _TierSpec("en month", f"{_opt(_mod_en(w))}{_en_month_year(w, 1)}", (DIGIT, month)),  # late July 2023
        _TierSpec(
            "en month alone",
            _alt(f"{w.trigger}{_S1}{_span(_opt(_mod_en(w)) + _em(w, 1))}", f"{_mod_en(w)}{_em(w, 1)}"),
            (month,),
        ),
        # Tier 4 - quarters.
        _TierSpec(
            "en quarter",  # third quarter of 2023, 3rd quarter 2023
            f"{_g('q', w.quarter_ordinal)}{_S1}{w.quarter_word}{_opt(_opt(_S1 + w.of) + _S1 + _y(1))}",
            (en.quarter_words,),
        ),
        # Tier 5 - years: only after a preposition or a modifier.
        _TierSpec(
            "en year range",  # from 2021 to 2025, between 2021 and 2025
            f"{w.range_from}{_S1}" + _span(f"{_y(1)}{_S1}{w.year_range_to}{_S1}{_y(2)}"),
            (DIGIT, en.range_from),
        ),
        _TierSpec(  # in 2025, mid-2025
            "en year", _alt(f"{w.trigger}{_S1}{_span(_y(1))}", f"{_mod_en(w)}{_y(1)}"),
            (DIGIT, [*en.triggers, *en.modifiers]),
        ),
    ]


# ------------------------------------------------------------------------------------------------ grammar


def _before(ordinal_markers: Sequence[PatternRule]) -> str:
    """Not glued to what comes before: a word ("COP28"), a code ("INC-5", "ASEAN+3"), a fraction or a decimal;
    nor the number of an ordinal ("lần thứ 3 - 5/10" is not the 3rd to 5th of October)."""
    return r"(?<![\w/.+\-])" + _not_after(ordinal_markers)


def _after(relative_year_tails: Sequence[PatternRule]) -> str:
    """Not glued to what comes after: a word, a percentage, more of a number ("22/8/20", "12.5"), a code
    ("08/2022/NĐ-CP"), a further "- 2025" that a longer tier reads, or a relative year ("tháng 8 năm ngoái")."""
    tail = f"|{_S1}{_one_of(relative_year_tails)}" if _words_of(relative_year_tails) else ""
    return rf"(?![\w%]|[/.]\d|/[^\W\d_]|{_S0}{_DASH}{_S0}\d{tail})"


@dataclass(frozen=True)
class _Tier:
    rank: int  # its place in its language's list: between candidates of one length, the lower rank wins
    pattern: re.Pattern[str]
    gates: tuple[re.Pattern[str], ...]  # each finds something in every text the tier matches in


@cache
def _gate(source: str) -> re.Pattern[str]:
    """A need as a pattern, compiled once (tiers needing the same words share it, and a text is asked once)."""
    return re.compile(source, re.IGNORECASE)  # the tiers' flags: what a tier matches, the gate finds


def _gate_source(need: Need) -> str:
    """What every match of a tier holds: a digit, a day beside its month, or the first word of one of a list's
    words ("giai" of "giai đoạn": the tiers read any run of spaces between the words of a phrase)."""
    if isinstance(need, str):
        return r"\d"
    if isinstance(need, DayBesideMonth):
        months = dict.fromkeys(re.escape(word.split()[0]) for word in _words_of(need.month_words))
        beside = r"\d[/.\-]\d"  # "22/8", "22.8.2023", "22-8", "2023-08-22"
        before_month_word = rf"\d{_S1}(?:{'|'.join(months)})"  # "22 tháng 8"
        return f"{beside}|{before_month_word}" if months else beside
    words = dict.fromkeys(re.escape(word.split()[0]) for word in _words_of(need))
    return "|".join(words) or _NEVER


@dataclass(frozen=True)
class _Grammar:
    """The date tiers of each language, and the values of the words they read, from one rule set."""

    tiers: dict[str, tuple[_Tier, ...]]
    months: dict[str, int]  # a month's name or short form, in lower case: its number
    mods: dict[str, DateMod]  # the first word of a modifier, in lower case: START, MID or END
    quarters: dict[str, int]  # a quarter's numeral or ordinal word, in lower case: its number
    fillers: frozenset[str]  # words that may stand around a date in a text that is just a date (parse_date)

    def possible_tiers(self, text: str, lang: str) -> list[_Tier]:
        """The tiers of `lang` whose every need is in the text: the others have no match there."""
        holds: dict[re.Pattern[str], bool] = {}
        possible = []
        for tier in self.tiers[lang]:
            for gate in tier.gates:
                if gate not in holds:
                    holds[gate] = gate.search(text) is not None
                if not holds[gate]:
                    break
            else:
                possible.append(tier)
        return possible


@cache
def _grammar(rules: RuleSet) -> _Grammar:
    """The tiers compiled once per rule set (a rule set is hashed by identity)."""
    dates = rules.dates
    before, after = _before(dates.ordinal_markers), _after(dates.relative_year_tails)
    common = _common_tiers(dates)
    specs = {"vi": _vi_tiers(dates.of_language("vi")) + common, "en": _en_tiers(dates.of_language("en")) + common}
    tiers = {
        lang: tuple(_Tier(rank, re.compile(before + spec.body + after, re.IGNORECASE),
                          tuple(_gate(_gate_source(need)) for need in spec.needs))
                    for rank, spec in enumerate(lang_specs))
        for lang, lang_specs in specs.items()
    }
    months = {word: number for rule in [*dates.month_names, *dates.month_short_forms]
              for word, number in rule.number_of.items()}
    mods = {word.split()[0].lower(): rule.mod for rule in dates.modifiers for word in rule.words or ()}
    quarters = _QUARTER_DIGITS | {word: number for rule in [*dates.quarter_ordinals, *dates.quarter_numerals,
                                                            *dates.quarter_codes]
                                    for word, number in rule.number_of.items()}
    fillers = frozenset(word.lower() for word in _words_of(dates.fillers))
    return _Grammar(tiers, months, mods, quarters, fillers)


# ------------------------------------------------------------------------------------------------ reading

_SKIP = object()  # not a date at all: leaves the text to other tiers
_INVALID = object()  # the shape of a date but impossible: hides the span and yields nothing

Reading = tuple[str | None, str | None, str | None, bool]  # date_start, date_end, mod, year_from_anchor


def _fields(match: re.Match[str]) -> tuple[dict[str, str], tuple[int, int]]:
    """The fields of a match, numbered group names folded, and the span of the mention."""
    fields: dict[str, str] = {}
    span = match.span()
    for name, value in match.groupdict().items():
        if value is None:
            continue
        field = name.partition("__")[0]
        if field == "span":
            span = match.span(name)
        else:
            fields.setdefault(field, value)
    return fields, span


def _number(value: str | None) -> int | None:
    return None if value is None else int(value)


def _month(value: str | None, months: dict[str, int]) -> int | None:
    if value is None:
        return None
    if value.isdigit():
        return int(value)
    name = " ".join(value.lower().split())
    return months[name] if name in months else months[name.rstrip(".")]  # "Sept." is "sept"


def _possible(year: int | None, month: int | None, day: int | None) -> bool:
    """Whether the parts exist; an unknown year allows 29 February."""
    if year is not None and not YEAR_MIN <= year <= YEAR_MAX:
        return False
    if month is not None and not 1 <= month <= 12:
        return False
    if day is None:
        return True
    last_day = calendar.monthrange(2000 if year is None else year, month or 1)[1]
    return 1 <= day <= last_day


def _iso(year: int | None, month: int | None, day: int | None) -> str:
    return f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")


def _needs_trigger(fields: dict[str, str], day: int | None, year: int | None, is_range: bool) -> bool:
    """Whether a day lacks the day word ("ngày", "hôm", "sáng"...), weekday or "(" that it needs: when its
    month is in digits and no year follows ("12/9" may be a fraction), or when it is a single day written
    "D tháng M" (a meeting number may stand there: "AMME 17 tháng 8/2023" is August)."""
    if day is None or {"head", "wd"} & fields.keys():
        return False
    month_text = fields.get("m1") or fields.get("m2") or ""
    return ("verbal" in fields and not is_range) or (year is None and month_text.isdigit())


Point = tuple[int | None, int | None, int | None]  # year, month, day; None where the text is silent


def _ends(fields: dict[str, str], grammar: _Grammar) -> tuple[Point, Point, bool]:
    """The two ends of what a match says (equal for a single date), and whether the text wrote two ends."""
    d1, d2 = _number(fields.get("d1")), _number(fields.get("d2"))
    m1, m2 = _month(fields.get("m1"), grammar.months), _month(fields.get("m2"), grammar.months)
    y1, y2 = _number(fields.get("y1")), _number(fields.get("y2"))
    is_range = d2 is not None or m2 is not None or y2 is not None
    if "q" in fields:  # a quarter is its three months
        quarter = grammar.quarters[fields["q"].lower()]
        m1, m2, y2 = 3 * quarter - 2, 3 * quarter, y1
    elif not is_range:
        d2, m2, y2 = d1, m1, y1
    # A range says what both ends share once: last in "22-24/8/2023", first in "August 22-24, 2023".
    m1 = m2 if m1 is None and d1 is not None else m1
    m2 = m1 if m2 is None and d2 is not None else m2
    y2 = y1 if y2 is None else y2
    return (y1, m1, d1), (y2, m2, d2), is_range


def _start_year(first: Point, last: Point) -> int | None:
    """The start's year when only the end has one: the year before if the months wrap ("30/12 - 2/1/2024");
    days never wrap ("24-22/8" is no range)."""
    if first[0] is not None or last[0] is None:
        return first[0]
    return last[0] - 1 if (first[1] or 0) > (last[1] or 0) else last[0]


def _not_a_range(fields: dict[str, str], is_range: bool) -> bool:
    """A range gives its year at the end, never only at the start: "Hà Nội, 9/12/2021 - Ngày 9/12, ..." is a
    dateline and then a date."""
    return is_range and "y1" in fields and "y2" not in fields


def _in_order(first: Point, last: Point, is_range: bool) -> bool:
    """A range ends after it starts ("24-22/8", "2025-2016", "2008-2008" are none); with no year known,
    "30/12 - 2/1" may wrap."""
    if first[0] is None and (first[1] or 0) > (last[1] or 0):
        return True
    first_key, last_key = tuple(v or 0 for v in first), tuple(v or 0 for v in last)
    return first_key < last_key or (first_key == last_key and not is_range)


def _read(fields: dict[str, str], anchor: datetime.date | None, grammar: _Grammar) -> Reading | object:
    """What one match says: a Reading, _SKIP or _INVALID."""
    first, last, is_range = _ends(fields, grammar)
    mod = grammar.mods[fields["mod"].split()[0].lower()] if "mod" in fields else None
    if _needs_trigger(fields, first[2], last[0], is_range) or _not_a_range(fields, is_range):
        return _SKIP
    if not (_possible(*first) and _possible(*last)):
        return _INVALID
    year_from_anchor = last[0] is None and anchor is not None
    if year_from_anchor and anchor is not None:
        last = (anchor.year, *last[1:])
    first = (_start_year(first, last), *first[1:])
    if not _in_order(first, last, is_range):
        return _SKIP  # two dates, but no range: single-date tiers may still read each
    if last[0] is None:  # no year anywhere and no anchor: say what is known, invent nothing
        return None, None, mod, False
    if year_from_anchor and not (_possible(*first) and _possible(*last)):
        return None, None, mod, False  # "29/2" in a common anchor year: a date, but not of that year
    return _iso(*first), _iso(*last), mod, year_from_anchor


# ------------------------------------------------------------------------------------------------ finding


def _candidates(text: str, tiers: Iterable[_Tier], anchor: datetime.date | None, grammar: _Grammar) -> Iterator:
    """(start, end, tier rank, reading) for every match of every tier, overlapping matches included."""
    for tier in tiers:
        match = tier.pattern.search(text)
        while match:
            fields, (start, end) = _fields(match)
            reading = _read(fields, anchor, grammar)
            if reading is not _SKIP:
                yield start, end, tier.rank, reading
            match = tier.pattern.search(text, match.start() + 1)


def _select(candidates: Iterable, length: int) -> list[tuple[int, int, Reading]]:
    """Longest first, then leftmost, then by tier; a kept span hides all that overlap it."""
    taken = bytearray(length)
    kept = []
    for start, end, _rank, reading in sorted(candidates, key=lambda c: (c[0] - c[1], c[0], c[2])):
        if taken.find(1, start, end) != -1:
            continue
        taken[start:end] = b"\x01" * (end - start)
        if reading is not _INVALID:
            kept.append((start, end, reading))
    return sorted(kept, key=lambda k: k[0])


def _nfc(text: str) -> tuple[str, list[int] | None]:
    """The text in NFC, with the offset in `text` of every character of it (None when already NFC).

    Decomposed input (Windows-1258 decodes to combining marks) would break "tháng" and word boundaries;
    normalising each base character with its marks keeps the way back to the caller's offsets."""
    if unicodedata.is_normalized("NFC", text):
        return text, None
    pieces: list[str] = []
    offsets: list[int] = []
    start = 0
    while start < len(text):
        end = start + 1
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1
        piece = unicodedata.normalize("NFC", text[start:end])
        pieces.append(piece)
        offsets.extend([start] * len(piece))
        start = end
    offsets.append(len(text))
    return "".join(pieces), offsets


def find_dates(text: str, lang: str = "vi", anchor: datetime.date | None = None,
               rules: RuleSet | None = None) -> list[DateMention]:
    """All date expressions in text, left to right, non-overlapping, longest match first. The words are those of
    `rules` (its dates.yaml), the package's own by default."""
    grammar = _grammar(rules if rules is not None else default_rules())
    normal, offsets = _nfc(text)
    lang = "en" if str(lang).lower().startswith("en") else "vi"
    tiers = grammar.possible_tiers(normal, lang)
    if not tiers:
        return []
    mentions = []
    for start, end, (date_start, date_end, mod, from_anchor) in _select(
        _candidates(normal, tiers, anchor, grammar), len(normal)
    ):
        if offsets is not None:
            start, end = offsets[start], offsets[end]
        mentions.append(DateMention(start, end, text[start:end], date_start, date_end, mod, from_anchor))
    return mentions


def month_number(word: str, rules: RuleSet | None = None) -> int | None:
    """The month a word names by the rules' month names and short forms ("October", "Oct.", "Tám"), or a
    number 1-12 written in digits; None for anything else."""
    if word.isdigit():
        return int(word) if 1 <= int(word) <= 12 else None
    months = _grammar(rules if rules is not None else default_rules()).months
    name = " ".join(word.lower().split())
    return months.get(name, months.get(name.rstrip(".")))


def parse_date(text: str, lang: str = "vi", anchor: datetime.date | None = None,
               rules: RuleSet | None = None) -> DateMention | None:
    """The single date expression that makes up (nearly) all of text, or None.

    "Nearly": what is left around the mention may only be punctuation and words that introduce a date
    (`fillers` of every language: "vào", "từ", "đến", "on", "in", "by", "from", "the"...)."""
    rules = rules if rules is not None else default_rules()
    fillers = _grammar(rules).fillers
    for mention in find_dates(text, lang, anchor, rules):
        rest = text[: mention.start] + " " + text[mention.end :]
        if all(word.lower() in fillers for word in re.findall(r"\w+", rest)):
            return mention
    return None
