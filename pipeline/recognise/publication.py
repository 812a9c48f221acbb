"""When a document was published, and the year its dates name most: the anchor that fills a year or a day the
text leaves out ("Sáng 29-10", "hôm nay"). Ingest gives the text; reading its dates is recognition's work."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from pipeline.ingest.document import ParagraphSpan, SourceDocument
from pipeline.recognise.dates import find_dates
from pipeline.recognise.matcher import find_all
from pipeline.rules.loader import RuleSet, default_rules
from pipeline.rules.models import PatternRule, words_alternation

# An agency before a dash at the start of a line ("(TTXVN) -", "VNA –"): a dateline, whatever follows.
_AGENCY = r"(?-i:\(?[A-ZĐ&]{2,}[^)]{0,20}\)?\s*[-–—]\s*)"
_DATELINE = re.compile(
    r"^[^\n,]{2,40},\s*(?:ngày\s+)?\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}"  # "Hà Nội, 25/8/2023 -"
    r"|^[A-Z][A-Za-z ]{2,30},\s*\d{1,2}\s+\w+\s+\d{4}"  # "VIENTIANE, 24 August 2023 –"
)


@dataclass(frozen=True)
class _Cues:
    """A rule set's "published" lines: near the top of a page, and at its end (rules/dates.yaml)."""

    top: re.Pattern[str]
    end: re.Pattern[str]


def _line_start(rules: Sequence[PatternRule], before: str = "") -> re.Pattern[str]:
    """A line that starts with one of the rules' words, of every language (a page's frame may be in the other
    one); a word needs no boundary after it ("Published:", "Cập nhật lúc")."""
    words = [word for rule in rules for word in rule.words or ()]
    return re.compile(rf"^\s*(?:{before}{words_alternation(words) if words else '(?!)'})", re.IGNORECASE)


@cache
def _cues(rules: RuleSet) -> _Cues:
    return _Cues(_line_start(rules.dates.published_cues, before=_AGENCY + "|"),
                 _line_start(rules.dates.published_end_cues))


def is_publication_line(text: str, start: int, end: int, rules: RuleSet | None = None) -> bool:
    """Whether text[start:end] is a page's publication stamp ("Published: 2023-12-02", "Ngày đăng: 13/6/2023"),
    which stands before a news dateline without opening the bulletin's body."""
    rules = rules if rules is not None else default_rules()
    return bool(_stamp(rules).match(text[start:end]))  # the pattern's "^" is the line's start


@cache
def _stamp(rules: RuleSet) -> re.Pattern[str]:
    return _line_start(rules.dates.published_cues)


def dated(document: SourceDocument, rules: RuleSet | None = None) -> SourceDocument:
    """The document with its publication date (unless one was given) or, lacking one, its context year. The
    words are those of `rules` (its dates.yaml), the package's own by default."""
    if document.published is not None:
        return document
    rules = rules if rules is not None else default_rules()
    published = find_published(document.text, document.paragraphs, document.lang, rules)
    context_year = None if published else find_context_year(document.text, document.lang, rules)
    return dataclasses.replace(document, published=published, context_year=context_year)


_CLOCK_TIME = re.compile(r"\s*[-–|,]?\s*\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:AM|PM|am|pm|GMT[+-]?\d*)?")


# A "published" / "updated" line at the END of a page (vi inventory VI-M-D12, VI-S-17: "Cập nhật: Thứ Tư,
# 23/8/2023 | 10:15", "Ngày đăng: …", "Đăng ngày: … | Lượt xem"); only an explicit cue counts there
# (`published_end_cues`).
# A wire dateline whose date has no year, with the agency in parentheses (en inventory: "CITY, Mon. D (Xinhua)
# --", "CITY, Month D (Bernama):", ~20 texts; vi VI-S-02 / place.dateline: "Viên Chăn, 23/8 (TTXVN) -").
_YEARLESS_DATELINE = re.compile(
    r"^[^\n,()]{2,40},\s*(?:(?P<vi>(?:ngày\s+)?\d{1,2}[/.\-]\d{1,2})|(?P<en>[A-Z][a-z]{2,8}\.?\s+\d{1,2}))"
    r"\s*\([^)\n]{1,30}\)"
)
_END_PARAGRAPHS = 3


def find_published(text: str, paragraphs: tuple[ParagraphSpan, ...], lang: str,
                   rules: RuleSet | None = None) -> str | None:
    """A full date in a dateline or a 'published' line near the top, else in a 'published' / 'updated' line at
    the end, else a wire dateline's day and month in the year the document's dates name most."""
    rules = rules if rules is not None else default_rules()
    return (
        _published_near_top(text, paragraphs, lang, rules)
        or _stamped(text, paragraphs, rules)
        or _published_at_end(text, paragraphs, lang, rules)
        or _yearless_dateline(text, paragraphs, lang, rules)
    )


def _full_day(line: str, lang: str, rules: RuleSet) -> str | None:
    for mention in find_dates(_CLOCK_TIME.sub("", line), lang=lang, rules=rules):
        if mention.date_start and len(mention.date_start) == 10 and not mention.year_from_anchor:
            return mention.date_start
    return None


def _stamped(text: str, paragraphs: tuple[ParagraphSpan, ...], rules: RuleSet) -> str | None:
    """The day of a stamp near the top that the date tiers do not read ("Channel NewsAsia 13 Oct 10;", "Date:
    11-Aug-2016", "Source:Xinhua Published: 2014-4-6"): rules/dates.yaml `published_stamps`, of every language."""
    for paragraph in paragraphs[1:4]:
        first_line = text[paragraph.start : min(paragraph.end, paragraph.start + 160)].split("\n", 1)[0].rstrip()
        for match in find_all(rules.dates.published_stamps, first_line):
            if (day := _stamp_day(match.groups, rules)) is not None:
                return day
    return None


def _stamp_day(groups: dict[str, str | None], rules: RuleSet) -> str | None:
    """The ISO day of a stamp's `day`, `month` (digits or an English month's name or short form) and `year` (two
    digits are 20YY); None when they make no day."""
    day, month, year = groups.get("day"), groups.get("month"), groups.get("year")
    if not (day and month and year):
        return None
    number = int(month) if month.isdigit() else _month_numbers(rules).get(month)
    try:
        return dt.date(int(year) + (2000 if len(year) == 2 else 0), number or 0, int(day)).isoformat()
    except ValueError:
        return None


@cache
def _month_numbers(rules: RuleSet) -> dict[str, int]:
    return {name: number for rule in (*rules.dates.month_names, *rules.dates.month_short_forms)
            if rule.lang == "en" for name, number in rule.numbers.items()}


def _published_at_end(text: str, paragraphs: tuple[ParagraphSpan, ...], lang: str, rules: RuleSet) -> str | None:
    end_cue = _cues(rules).end
    for paragraph in reversed(paragraphs[-_END_PARAGRAPHS:]):
        for line in text[paragraph.start : paragraph.end].split("\n"):
            if end_cue.match(line) and (found := _full_day(line[:160], lang, rules)):
                return found
    return None


def _yearless_dateline(text: str, paragraphs: tuple[ParagraphSpan, ...], lang: str, rules: RuleSet) -> str | None:
    """"JAKARTA, Oct 9 (Xinhua) --" in a text whose dates say 2024: 2024-10-09. No year named: no date. The
    year (all the text's dates read) is looked for only once a dateline is found."""
    for paragraph in paragraphs[1:4]:
        match = _YEARLESS_DATELINE.match(text[paragraph.start : min(paragraph.end, paragraph.start + 80)])
        if match is None:
            continue
        year = find_context_year(text, lang, rules)
        if year is None:
            return None
        day = match.group("vi") or match.group("en")
        day = day if match.group("en") or day.startswith("ngày") else f"ngày {day}"
        found = find_dates(day, lang="en" if match.group("en") else "vi", anchor=dt.date(year, 1, 1), rules=rules)
        return found[0].date_start if found and found[0].date_start and len(found[0].date_start) == 10 else None
    return None


def _published_near_top(text: str, paragraphs: tuple[ParagraphSpan, ...], lang: str, rules: RuleSet) -> str | None:
    cue = _cues(rules).top
    for paragraph in paragraphs[1:4]:
        head = text[paragraph.start : min(paragraph.end, paragraph.start + 160)]
        first_line = _CLOCK_TIME.sub("", head.split("\n", 1)[0])  # "Thứ tư, 12/11/2025 - 07:30": the time is no date
        if not (cue.search(first_line) or _DATELINE.search(first_line) or len(first_line) < 40):
            continue
        if _YEARLESS_DATELINE.match(first_line):  # its day is the dateline's; a later full date is a meeting's
            continue
        for mention in find_dates(first_line, lang=lang, rules=rules):
            if mention.date_start and len(mention.date_start) == 10 and not mention.year_from_anchor:
                if mention.start < 60:
                    return mention.date_start
    return None


# Where a date can name its year: four digits in a row (dates.py reads no year in words).
_FOUR_DIGITS = re.compile(r"\d{4}")


def find_context_year(text: str, lang: str, rules: RuleSet | None = None) -> int | None:
    """The year most named by the document's dates that give a day or a month with their year. A date never
    spans a line (dates.py), so the dates of the text are those of its lines, and only the lines that hold four
    digits in a row can give a year: the others are not read."""
    years = Counter(
        mention.date_start[:4]
        for line in text.split("\n") if _FOUR_DIGITS.search(line)
        for mention in find_dates(line, lang=lang, rules=rules)
        if mention.date_start and len(mention.date_start) >= 7 and not mention.year_from_anchor
    )
    if years:
        return int(years.most_common(1)[0][0])
    return _chair_year(text, lang, rules if rules is not None else default_rules())


def _chair_year(text: str, lang: str, rules: RuleSet) -> int | None:
    """The year of the chairmanship a text with no dated day or month names most ("Malaysia, nước Chủ tịch ASEAN
    2025, … từ ngày 28 - 31/7"; "các hoạt động trong năm Chủ tịch 2023 … Ngày 9/10"): the year its events take
    place in, which the real annotators gave such dates (real4 vi, real5 vi dev)."""
    cues = [rule for rule in rules.dates.context_year_cues if rule.lang == lang]
    years = Counter(year for match in find_all(cues, text) if (year := match.groups.get("year")))
    return int(years.most_common(1)[0][0]) if years else None
