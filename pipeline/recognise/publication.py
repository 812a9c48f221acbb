"""When a document was published, and the year its dates name most: the anchor that fills a year or a day the
text leaves out ("Sáng 29-10", "hôm nay"). Ingest gives the text; reading its dates is recognition's work."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

from pipeline.ingest.document import ParagraphSpan, SourceDocument
from pipeline.recognise.dates import find_dates

_PUBLISHED_CUE = re.compile(
    r"^\s*(?:\(?[A-ZĐ&]{2,}[^)]{0,20}\)?\s*[-–—]\s*|ngày đăng|đăng ngày|cập nhật|xuất bản|published|posted|"
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


def find_published(text: str, paragraphs: tuple[ParagraphSpan, ...], lang: str) -> str | None:
    """A full date (day, month and year in the text) in a dateline or a 'published' line near the top."""
    for paragraph in paragraphs[1:4]:
        head = text[paragraph.start : min(paragraph.end, paragraph.start + 160)]
        first_line = _CLOCK_TIME.sub("", head.split("\n", 1)[0])  # "Thứ tư, 12/11/2025 - 07:30": the time is no date
        if not (_PUBLISHED_CUE.search(first_line) or _DATELINE.search(first_line) or len(first_line) < 40):
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
