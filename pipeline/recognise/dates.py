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
- Relative dates ("năm ngoái", "last year", "hôm qua") are not read.

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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

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


# --------------------------------------------------------------------------------------------- vocabulary

YEAR_MIN, YEAR_MAX = 1900, 2100  # bulletins speak of the present; other 4-digit numbers are counts or codes

_VI_MONTHS = {
    "giêng": 1, "một": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8,
    "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12, "chạp": 12,
}  # fmt: skip
_EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December"]  # fmt: skip
_EN_MONTH_NUMBERS = {name[:3].lower(): number for number, name in enumerate(_EN_MONTHS, start=1)}
_EN_MONTH_ABBREVIATIONS = "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split()
_EN_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_EN_WEEKDAY_ABBREVIATIONS = "Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun".split()

# The first word of a modifier decides it: "thượng tuần" is the first ten days of a month, "hạ tuần" the last.
_MODS = {
    "đầu": "START", "thượng": "START", "early": "START", "beginning": "START", "start": "START",
    "giữa": "MID", "trung": "MID", "mid": "MID", "middle": "MID",
    "cuối": "END", "hạ": "END", "late": "END", "end": "END",
}  # fmt: skip
_QUARTERS = {
    "i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4, "q1": 1, "q2": 2, "q3": 3, "q4": 4,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}  # fmt: skip

# Nouns after which "thứ 2" / "thứ ba" is an ordinal ("lần thứ 2"), not a weekday.
_ORDINAL_NOUNS = ["lần", "kỳ", "kì", "khóa", "khoá", "phiên", "vòng", "đợt", "hạng", "lớp", "số", "ngày",
                  "tuần", "năm", "bước", "điều", "khoản", "mục", "phần", "chương"]  # fmt: skip

# Words that may stand around a date in a text that is "just a date" for `parse_date`.
_FILLER = frozenset("vào từ đến tới trong hôm khoảng since on in by from until till during at the of around"
                    " about between".split())  # fmt: skip

# ------------------------------------------------------------------------------------ regex building blocks

_S0 = r"[^\S\r\n]{0,3}"  # a date never spans a line, nor a long gap; bounded so that no search can blow up
_S1 = r"[^\S\r\n]{1,3}"
_DASH = r"[\-‐‑‒–—−]"
# Not glued to what comes before: a word ("COP28"), a code ("INC-5", "ASEAN+3"), a fraction or a decimal;
# nor the number of an ordinal ("lần thứ 3 - 5/10" is not the 3rd to 5th of October).
_BEFORE = r"(?<![\w/.+\-])(?<!thứ\s)"
# Not glued to what comes after: a word, a percentage, more of a number ("22/8/20", "12.5"), a code
# ("08/2022/NĐ-CP"), a further "- 2025" that a longer tier reads, or a relative year ("tháng 8 năm ngoái").
_AFTER = (
    rf"(?![\w%]|[/.]\d|/[^\W\d_]|{_S0}{_DASH}{_S0}\d"
    rf"|{_S1}năm{_S1}(?:ngoái|trước|sau|tới|qua)(?!\w))"
)

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


def _words(words: Iterable[str]) -> str:
    """Alternatives, longest first (so that "mười một" beats "mười"), any short run of spaces inside."""
    ordered = sorted(set(words), key=len, reverse=True)
    return _alt(*(_S1.join(re.escape(part) for part in w.split()) for w in ordered)) + r"(?!\w)"


def _cased(words: Iterable[str], suffix: str = "") -> str:
    """English names only in Title or UPPER case: "May" is a month, "may" is a verb."""
    ordered = sorted({v for w in words for v in (w, w.upper())}, key=len, reverse=True)
    return "(?-i:" + "|".join(re.escape(w) + suffix for w in ordered) + ")"


# ---- atoms: `i` is 1 for a date or the start of a range, 2 for the end of a range


def _d(i: int) -> str:  # a day number; its value is checked by the reader, so "32/1" is seen and refused
    return _g(f"d{i}", r"\d{1,2}") + r"(?!\d)"


def _m(i: int) -> str:
    return _g(f"m{i}", r"\d{1,2}") + r"(?!\d)"


def _y(i: int) -> str:
    return _g(f"y{i}", r"\d{4}") + r"(?!\d)"


_VI_MONTH_NAME = _words(_VI_MONTHS)
# After "tháng" with no year following, "năm" is the year word, not May: "tháng năm nay" is not a date.
_VI_MONTH_NAME_ALONE = _words(w for w in _VI_MONTHS if w != "năm")


def _vm(i: int, alone: bool = False) -> str:  # the month after "tháng": digits or a Vietnamese name
    return _g(f"m{i}", _alt(r"\d{1,2}(?!\d)", _VI_MONTH_NAME_ALONE if alone else _VI_MONTH_NAME))


_EN_MONTH = _alt(_cased(_EN_MONTHS), _cased(_EN_MONTH_ABBREVIATIONS, r"\.?"))
_EN_WEEKDAY = _alt(_cased(_EN_WEEKDAYS), _cased(_EN_WEEKDAY_ABBREVIATIONS, r"\.?")) + r"(?!\w)"


def _em(i: int) -> str:  # an English month name
    return _g(f"m{i}", _EN_MONTH) + r"(?!\w)"


def _ed(i: int) -> str:  # an English day number, maybe ordinal: "22", "22nd"
    return _g(f"d{i}", r"\d{1,2}") + r"(?:st|nd|rd|th)?(?!\w)"


# ---- numeric dates, read the same in both languages


def _num_day(i: int) -> str:  # day and month, no year: "22/8"; "29-10" too (an older newspaper style)
    # "12.5" stays a number; "3-4" needs a day word before it like every day without a year, and is not
    # read when a month follows ("3-4/10" is a range of days).
    return _alt(f"{_d(i)}/{_m(i)}", rf"{_d(i)}-{_m(i)}(?![/.\-]?\d)")


def _num_full_day(i: int) -> str:  # "22/8/2023", "22/08/2023", "22.8.2023", "22-8-2023": one separator
    return _alt(f"{_d(i)}/{_m(i)}/{_y(i)}", rf"{_d(i)}\.{_m(i)}\.{_y(i)}", f"{_d(i)}-{_m(i)}-{_y(i)}")


_ISO_DAY = _y(1) + "-" + _g("m1", r"[01]\d") + "-" + _g("d1", r"[0-3]\d") + r"(?!\d)"
_TO_DASH = rf"{_S0}{_DASH}{_S0}"

# ---- Vietnamese words

_TO_VI = _alt(_TO_DASH, rf"{_S1}(?:đến|tới){_S1}")
_TO_VI_DAY = _alt(_TO_VI, rf"{_S1}và{_S1}")  # "ngày 29 và 30-10-2015": two days of one meeting, said once
_YEAR_AFTER_MONTH_VI = rf"(?:{_S0}/{_S0}|-|,?{_S1}năm{_S1})"  # "tháng 8/2023", "tháng 8 năm 2023"
_NOT_ORDINAL = "".join(rf"(?<!{w}\s)" for w in _ORDINAL_NOUNS)
_WEEKDAY_VI = rf"{_NOT_ORDINAL}(?:thứ{_S1}(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ{_S1}nhật)(?!\w)"
_MOD_VI = _words(["đầu", "giữa", "cuối", "thượng tuần", "trung tuần", "hạ tuần"])
_QUARTER_VI = r"(?:quý|qúy)"  # "qúy" is a common misplacement of the tone mark
_YEAR_SPAN_VI = _words(["giai đoạn", "thời kỳ", "thời kì", "năm"])


def _head_vi() -> str:  # a word that makes "12/9" a day: "ngày", "hôm", "sáng", "chiều ngày", "từ", "vào"...
    # "từ 22/8", "vào 12/9": a preposition of time before "D/M" also makes it a day (bulletins drop "ngày").
    return _g("head", rf"(?:(?:sáng|trưa|chiều|tối|đêm)(?:{_S1}(?:ngày|hôm))?|ngày|hôm|từ|vào)(?!\w)")


def _headed_vi(fragment: str) -> str:
    return _opt(_head_vi() + _S1) + fragment


def _verbal_day(i: int) -> str:  # "22 tháng 8": marked, as alone it needs a day word ("AMME 17 tháng 8")
    return f"{_d(i)}{_S1}{_g('verbal', 'tháng')}{_S1}{_vm(i)}"


def _vi_day(i: int) -> str:  # "22/8", "22 tháng 8", "22 tháng Tám"
    return _alt(_num_day(i), _verbal_day(i))


def _vi_full_day(i: int) -> str:  # the above with a year, numeric or in words, or mixed ("22/8 năm 2023")
    return _alt(
        _num_full_day(i),
        f"{_verbal_day(i)}{_YEAR_AFTER_MONTH_VI}{_y(i)}",
        f"{_d(i)}/{_m(i)}{_S1}năm{_S1}{_y(i)}",
    )


def _in_parens(fragment: str) -> str:  # "Chiều nay (23/6)", "sau ba ngày làm việc (21 - 23/6)"
    return rf"{_g('head', r'[(]')}{_S0}{_span(fragment)}{_S0}\)"


def _vi_any_day(i: int) -> str:  # with a year first: it is the longer reading
    return _alt(_vi_full_day(i), _vi_day(i))


def _vi_month_year(i: int) -> str:  # after "tháng": "8/2023", "8 năm 2023", "Tám năm 2023"
    return f"{_vm(i)}{_YEAR_AFTER_MONTH_VI}{_y(i)}"


def _mod_vi() -> str:
    return _g("mod", _MOD_VI) + _S1


# ---- English words

_TO_EN = _alt(_TO_DASH, rf"{_S1}(?:to|until|till|through){_S1}")
_MOD_EN = _words(["early", "mid", "late", "end of", "beginning of", "start of", "middle of"])
_TRIGGER_EN = _words(["in", "by", "since", "until", "till", "before", "after", "during", "from", "through",
                      "year"])  # fmt: skip
_ORDINAL_QUARTER_EN = _words(["first", "second", "third", "fourth", "1st", "2nd", "3rd", "4th"])


def _mod_en() -> str:  # "early 2024", "mid-2025", "end of 2023"
    return _g("mod", _MOD_EN) + rf"(?:-|{_S1})"


def _en_year_after(i: int) -> str:  # ", 2023" / " 2023"
    return rf"(?:{_S0},)?{_S1}{_y(i)}"


def _en_day(i: int) -> str:  # "12 September", "12th of September"
    return rf"{_ed(i)}{_S1}(?:of{_S1})?{_em(i)}"


def _en_day_first(i: int) -> str:  # "12 September 2023" or "12 September"
    return f"{_en_day(i)}{_opt(_en_year_after(i))}"


def _en_month_first(i: int) -> str:  # "September 12, 2023" or "September 12"
    return f"{_em(i)}{_S1}{_ed(i)}{_opt(_en_year_after(i))}"


def _en_month_year(i: int) -> str:  # "September 2023"
    return f"{_em(i)}{_en_year_after(i)}"


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

_COMMON_TIERS = [
    # Tier 1 - numeric day ranges: the month and year are said once, for both ends.
    ("numeric day range", f"{_d(1)}{_TO_DASH}{_num_full_day(2)}"),  # 22-24/8/2023
    (
        "numeric cross-month range",  # 30/11 - 1/12/2023, 30/12/2023 - 2/1/2024
        f"{_alt(_num_full_day(1), _num_day(1))}{_TO_DASH}{_num_full_day(2)}",
    ),
    # Tier 2 - single numeric days. Without a year they need a day word, so they live in the language tiers.
    ("iso day", _ISO_DAY),  # 2023-08-22
    ("numeric day", _num_full_day(1)),  # 22/8/2023, 22.8.2023
    # Tier 4 - quarters written as codes.
    ("quarter code", rf"{_g('q', r'Q[1-4]')}(?:{_S0}[/\-]{_S0}|{_S1}){_y(1)}"),  # Q3 2023, Q3/2023
    # Tier 5 - a bare year range is safe where a bare year is not: two plausible years in order.
    ("bare year range", f"{_y(1)}{_TO_DASH}{_y(2)}"),  # 2016 - 2025
]

_VI_TIERS = [
    # Tier 1 - day ranges.
    (
        "vi day range",  # ngày 22-24 tháng 8 năm 2023, ngày 22 đến 24 tháng 8, ngày 3 - 5/10/2019, (21-23/6)
        _alt(
            f"{_headed_vi(_d(1))}{_TO_VI_DAY}{_headed_vi(_vi_any_day(2))}",
            _in_parens(f"{_d(1)}{_TO_VI}{_vi_day(2)}"),
        ),
    ),
    (
        "vi cross-month range",  # ngày 30/11 đến ngày 12/12/2023, (30/11 - 2/12)
        _alt(
            f"{_headed_vi(_vi_any_day(1))}{_TO_VI}{_headed_vi(_vi_any_day(2))}",
            _in_parens(f"{_vi_day(1)}{_TO_VI}{_vi_day(2)}"),
        ),
    ),
    # Tier 2 - single days, with their weekday when one stands before them.
    (
        "vi day",  # thứ Ba (12/9), thứ Ba, ngày 12/9/2023, hôm 12/9/2024, ngày 22 tháng 8 năm 2023, (23/6)
        _alt(
            _after_weekday(_WEEKDAY_VI, lambda: _headed_vi(_vi_any_day(1))),
            _headed_vi(_vi_any_day(1)),
            _in_parens(_vi_day(1)),
        ),
    ),
    # Tier 3 - months. "tháng" is what makes "8" a month, so it is required on the first.
    (
        "vi month range",  # tháng 8 - 10/2023, từ tháng 11/2023 đến tháng 2/2024
        f"{_opt(_mod_vi())}tháng{_S1}{_alt(_vi_month_year(1), _vm(1))}{_TO_VI}"
        f"{_opt('tháng' + _S1)}{_alt(_vi_month_year(2), _vm(2, alone=True))}",
    ),
    (
        "vi month",  # tháng 8/2023, cuối tháng 7 năm 2023, trung tuần tháng 5/2022, tháng 8
        f"{_opt(_mod_vi())}tháng{_S1}{_alt(_vi_month_year(1), _vm(1, alone=True))}",
    ),
    # Tier 4 - quarters: their three months.
    (
        "vi quarter",  # quý III/2023, quý 3 năm 2023, quý IV
        rf"{_opt(_mod_vi())}{_QUARTER_VI}{_S1}{_g('q', r'IV|I{1,3}|[1-4]')}(?!\w)"
        f"{_opt(_YEAR_AFTER_MONTH_VI + _y(1))}",
    ),
    # Tier 5 - years: only after "năm" (or a modifier); a bare 2019 is a name or a count.
    (
        "vi year range",  # giai đoạn 2021-2025, năm 2021 đến năm 2025
        f"{_YEAR_SPAN_VI}{_S1}{_opt('từ' + _S1 + _opt('năm' + _S1))}{_y(1)}"
        f"{_TO_VI}{_opt('năm' + _S1)}{_y(2)}",
    ),
    ("vi year", f"{_opt(_mod_vi())}năm{_S1}{_y(1)}"),  # năm 2023, đầu năm 2024
]

_EN_TIERS = [
    # Tier 1 - day ranges.
    ("en day range", f"{_ed(1)}{_TO_EN}{_en_day_first(2)}"),  # 22-24 August 2023, 3 to 5 October 2019
    (
        "en month-first day range",  # August 22-24, 2023
        f"{_em(1)}{_S1}{_ed(1)}{_TO_EN}{_ed(2)}{_opt(_en_year_after(2))}",
    ),
    # 30 November - 2 December 2023
    ("en cross-month range", f"{_en_day_first(1)}{_TO_EN}{_en_day_first(2)}"),
    ("en month-first cross-month range", f"{_en_month_first(1)}{_TO_EN}{_en_month_first(2)}"),
    # Tier 2 - single days: a month name is evidence enough, no year or preposition needed.
    (
        "en day",  # Tuesday, 12 September 2023; 12 September; September 12, 2023
        _alt(
            _after_weekday(_EN_WEEKDAY, lambda: _alt(_en_day_first(1), _en_month_first(1))),
            _en_day_first(1),
            _en_month_first(1),
        ),
    ),
    # Tier 3 - months. A month name alone needs a preposition or modifier ("in May" but not "May").
    ("en month range", f"{_opt(_mod_en())}{_alt(_en_month_year(1), _em(1))}{_TO_EN}{_en_month_year(2)}"),
    ("en month", f"{_opt(_mod_en())}{_en_month_year(1)}"),  # September 2023, late July 2023
    ("en month alone", _alt(f"{_TRIGGER_EN}{_S1}{_span(_opt(_mod_en()) + _em(1))}", f"{_mod_en()}{_em(1)}")),
    # Tier 4 - quarters.
    (
        "en quarter",  # third quarter of 2023, 3rd quarter 2023
        f"{_g('q', _ORDINAL_QUARTER_EN)}{_S1}quarter{_opt(_opt(_S1 + 'of') + _S1 + _y(1))}",
    ),
    # Tier 5 - years: only after a preposition or a modifier.
    (
        "en year range",  # from 2021 to 2025, between 2021 and 2025
        f"{_words(['from', 'between'])}{_S1}"
        + _span(f"{_y(1)}{_S1}{_words(['to', 'and', 'until', 'till', 'through'])}{_S1}{_y(2)}"),
    ),
    ("en year", _alt(f"{_TRIGGER_EN}{_S1}{_span(_y(1))}", f"{_mod_en()}{_y(1)}")),  # in 2025, mid-2025
]


def _compile(tiers: list[tuple[str, str]]) -> tuple[re.Pattern[str], ...]:
    """Each tier whole-word, compiled once."""
    return tuple(re.compile(_BEFORE + body + _AFTER, re.IGNORECASE) for _name, body in tiers)


_TIERS = {"vi": _compile(_VI_TIERS + _COMMON_TIERS), "en": _compile(_EN_TIERS + _COMMON_TIERS)}


def _possible_tiers(text: str, lang: str) -> list[tuple[int, re.Pattern[str]]]:
    """(rank, tier) of the tiers of `lang`: all of them, in rank order."""
    return list(enumerate(_TIERS[lang]))


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


def _month(value: str | None) -> int | None:
    if value is None:
        return None
    if value.isdigit():
        return int(value)
    name = " ".join(value.lower().split())
    return _VI_MONTHS[name] if name in _VI_MONTHS else _EN_MONTH_NUMBERS[name[:3]]


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


def _ends(fields: dict[str, str]) -> tuple[Point, Point, bool]:
    """The two ends of what a match says (equal for a single date), and whether the text wrote two ends."""
    d1, d2 = _number(fields.get("d1")), _number(fields.get("d2"))
    m1, m2 = _month(fields.get("m1")), _month(fields.get("m2"))
    y1, y2 = _number(fields.get("y1")), _number(fields.get("y2"))
    is_range = d2 is not None or m2 is not None or y2 is not None
    if "q" in fields:  # a quarter is its three months
        quarter = _QUARTERS[fields["q"].lower()]
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


def _read(fields: dict[str, str], anchor: datetime.date | None) -> Reading | object:
    """What one match says: a Reading, _SKIP or _INVALID."""
    first, last, is_range = _ends(fields)
    mod = _MODS[fields["mod"].split()[0].lower()] if "mod" in fields else None
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


def _candidates(text: str, tiers: Iterable[tuple[int, re.Pattern[str]]], anchor: datetime.date | None) -> Iterator:
    """(start, end, tier rank, reading) for every match of every (rank, tier), overlapping matches included."""
    for rank, pattern in tiers:
        match = pattern.search(text)
        while match:
            fields, (start, end) = _fields(match)
            reading = _read(fields, anchor)
            if reading is not _SKIP:
                yield start, end, rank, reading
            match = pattern.search(text, match.start() + 1)


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


def find_dates(text: str, lang: str = "vi", anchor: datetime.date | None = None) -> list[DateMention]:
    """All date expressions in text, left to right, non-overlapping, longest match first."""
    normal, offsets = _nfc(text)
    lang = "en" if str(lang).lower().startswith("en") else "vi"
    tiers = _possible_tiers(normal, lang)
    if not tiers:
        return []
    mentions = []
    for start, end, (date_start, date_end, mod, from_anchor) in _select(
        _candidates(normal, tiers, anchor), len(normal)
    ):
        if offsets is not None:
            start, end = offsets[start], offsets[end]
        mentions.append(DateMention(start, end, text[start:end], date_start, date_end, mod, from_anchor))
    return mentions


def parse_date(text: str, lang: str = "vi", anchor: datetime.date | None = None) -> DateMention | None:
    """The single date expression that makes up (nearly) all of text, or None.

    "Nearly": what is left around the mention may only be punctuation and words that introduce a date
    ("vào", "từ", "đến", "on", "in", "by", "from", "the"...)."""
    for mention in find_dates(text, lang, anchor):
        rest = text[: mention.start] + " " + text[mention.end :]
        if all(word.lower() in _FILLER for word in re.findall(r"\w+", rest)):
            return mention
    return None
