"""When a document was published, and the year its dates name most: the anchor that fills a year or a day the
text leaves out ("Sáng 29-10", "hôm nay"). Ingest gives the text; reading its dates is recognition's work."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter

from pipeline.ingest.document import ParagraphSpan, SourceDocument
from pipeline.recognise.dates import find_dates

_PUBLISHED_CUE = re.compile(
    r"^\s*(?:(?-i:\(?[A-ZĐ&]{2,}[^)]{0,20}\)?\s*[-–—]\s*)|ngày đăng|đăng ngày|cập nhật|xuất bản|published|posted|"
    r"updated|date)\s*:?",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"^[^\n,]{2,40},\s*(?:ngày\s+)?\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}"  # "Hà Nội, 25/8/2023 -"
    r"|^[A-Z][A-Za-z ]{2,30},\s*\d{1,2}\s+\w+\s+\d{4}"  # "VIENTIANE, 24 August 2023 –"
)


def dated(document: SourceDocument) -> SourceDocument:
    """The document with its publication date (unless one was given) or, lacking one, its context year."""
    if document.published is not None:
        return document
    published = find_published(document.text, document.paragraphs, document.lang)
    context_year = None if published else find_context_year(document.text, document.lang)
    return dataclasses.replace(document, published=published, context_year=context_year)


_CLOCK_TIME = re.compile(r"\s*[-–|,]?\s*\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:AM|PM|am|pm|GMT[+-]?\d*)?")


# A "published" / "updated" line at the END of a page (vi inventory VI-M-D12, VI-S-17: "Cập nhật: Thứ Tư,
# 23/8/2023 | 10:15", "Ngày đăng: …", "Đăng ngày: … | Lượt xem"); only an explicit cue counts there.
_END_CUE = re.compile(r"^\s*(?:ngày đăng|đăng ngày|cập nhật|ngày xuất bản|published|posted|updated|last updated)"
                      r"(?:\s+(?:ngày|lúc|on))?\s*:?", re.IGNORECASE)
# A wire dateline whose date has no year, with the agency in parentheses (en inventory: "CITY, Mon. D (Xinhua)
# --", "CITY, Month D (Bernama):", ~20 texts; vi VI-S-02 / place.dateline: "Viên Chăn, 23/8 (TTXVN) -").
_YEARLESS_DATELINE = re.compile(
    r"^[^\n,()]{2,40},\s*(?:(?P<vi>(?:ngày\s+)?\d{1,2}[/.\-]\d{1,2})|(?P<en>[A-Z][a-z]{2,8}\.?\s+\d{1,2}))"
    r"\s*\([^)\n]{1,30}\)"
)
_END_PARAGRAPHS = 3


def find_published(text: str, paragraphs: tuple[ParagraphSpan, ...], lang: str) -> str | None:
    """A full date in a dateline or a 'published' line near the top, else in a 'published' / 'updated' line at
    the end, else a wire dateline's day and month in the year the document's dates name most."""
    return (
        _published_near_top(text, paragraphs, lang)
        or _published_at_end(text, paragraphs, lang)
        or _yearless_dateline(text, paragraphs, lang)
    )


def _full_day(line: str, lang: str) -> str | None:
    for mention in find_dates(_CLOCK_TIME.sub("", line), lang=lang):
        if mention.date_start and len(mention.date_start) == 10 and not mention.year_from_anchor:
            return mention.date_start
    return None


def _published_at_end(text: str, paragraphs: tuple[ParagraphSpan, ...], lang: str) -> str | None:
    for paragraph in reversed(paragraphs[-_END_PARAGRAPHS:]):
        for line in text[paragraph.start : paragraph.end].split("\n"):
            if _END_CUE.match(line) and (found := _full_day(line[:160], lang)):
                return found
    return None


def _yearless_dateline(text: str, paragraphs: tuple[ParagraphSpan, ...], lang: str) -> str | None:
    """"JAKARTA, Oct 9 (Xinhua) --" in a text whose dates say 2024: 2024-10-09. No year named: no date."""
    year = find_context_year(text, lang)
    if year is None:
        return None
    for paragraph in paragraphs[1:4]:
        match = _YEARLESS_DATELINE.match(text[paragraph.start : min(paragraph.end, paragraph.start + 80)])
        if match is None:
            continue
        day = match.group("vi") or match.group("en")
        day = day if match.group("en") or day.startswith("ngày") else f"ngày {day}"
        found = find_dates(day, lang="en" if match.group("en") else "vi", anchor=dt.date(year, 1, 1))
        return found[0].date_start if found and found[0].date_start and len(found[0].date_start) == 10 else None
    return None


def _published_near_top(text: str, paragraphs: tuple[ParagraphSpan, ...], lang: str) -> str | None:
    for paragraph in paragraphs[1:4]:
        head = text[paragraph.start : min(paragraph.end, paragraph.start + 160)]
        first_line = _CLOCK_TIME.sub("", head.split("\n", 1)[0])  # "Thứ tư, 12/11/2025 - 07:30": the time is no date
        if not (_PUBLISHED_CUE.search(first_line) or _DATELINE.search(first_line) or len(first_line) < 40):
            continue
        if _YEARLESS_DATELINE.match(first_line):  # its day is the dateline's; a later full date is a meeting's
            continue
        for mention in find_dates(first_line, lang=lang):
            if mention.date_start and len(mention.date_start) == 10 and not mention.year_from_anchor:
                if mention.start < 60:
                    return mention.date_start
    return None


def find_context_year(text: str, lang: str) -> int | None:
    """The year most named by the document's dates that give a day or a month with their year."""
    years = Counter(
        mention.date_start[:4] for mention in find_dates(text, lang=lang)
        if mention.date_start and len(mention.date_start) >= 7 and not mention.year_from_anchor
    )
    return int(years.most_common(1)[0][0]) if years else None
