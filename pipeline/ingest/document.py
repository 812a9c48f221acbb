"""Files and texts become Documents: decoded, normalised, with title, language, date and repeated paragraphs.

Every character offset later in the pipeline points into `SourceDocument.text`, so this is the last
place that changes the text. Repeated paragraphs stay in the text (offsets must not move) but are
marked, so that extraction skips them and the manifest can say they were dropped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.ingest.language import detect_language, judge_language
from pipeline.ingest.normalize import normalize_text
from pipeline.ingest.reader import read_source
from pipeline.recognise.dates import find_dates

# A blank line may hold spaces, tabs and, in text kept as given (Windows line ends), a CR.
_BLANK_LINES = re.compile(r"\n[ \t\r]*\n(?:[ \t\r]*\n)*")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
_PUBLISHED_CUE = re.compile(
    r"^\s*(?:\(?[A-ZĐ&]{2,}[^)]{0,20}\)?\s*[-–—]\s*|ngày đăng|đăng ngày|cập nhật|xuất bản|published|posted|"
    r"updated|date)\s*:?",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"^[^\n,]{2,40},\s*(?:ngày\s+)?\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}"  # "Hà Nội, 25/8/2023 -"
    r"|^[A-Z][A-Za-z ]{2,30},\s*\d{1,2}\s+\w+\s+\d{4}"  # "VIENTIANE, 24 August 2023 –"
)


@dataclass(frozen=True, slots=True)
class ParagraphSpan:
    index: int
    start: int
    end: int
    lang: str
    duplicate_of: int | None = None  # index of the first paragraph with the same text


@dataclass(frozen=True)
class SourceDocument:
    doc_id: str
    source: str
    text: str
    title: str
    lang: str
    published: str | None
    sha256: str
    format: str
    encoding: str | None
    notes: tuple[str, ...]
    paragraphs: tuple[ParagraphSpan, ...] = field(repr=False)

    context_year: int | None = None

    @property
    def anchor(self) -> dt.date | None:
        """The date that fills a year the text leaves out: the publication date, else the first of January of
        the year the document's own full dates name most ("Sáng 29-10" in a bulletin about 29-30/10/2015)."""
        if self.published is not None:
            parts = [int(part) for part in self.published.split("-")] + [1, 1]
            return dt.date(parts[0], parts[1], parts[2])
        return dt.date(self.context_year, 1, 1) if self.context_year else None

    @property
    def anchor_is_publication(self) -> bool:
        return self.published is not None and len(self.published) == 10


def content_hash(text: str) -> str:
    # surrogatepass: a text kept as given (normalize=False) may hold lone surrogates
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def doc_id_for(sha256: str) -> str:
    return f"doc-{sha256[:12]}"


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: text between blank lines, without its surrounding whitespace."""
    spans, cursor = [], 0
    for match in [*_BLANK_LINES.finditer(text), None]:
        stop = match.start() if match else len(text)
        chunk = text[cursor:stop]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((cursor + lead, cursor + len(chunk.rstrip())))
        cursor = match.end() if match else len(text)
    return spans


def _paragraph_key(text: str) -> str:
    return " ".join(text.split()).casefold()


class _ParagraphReading:
    """The paragraphs of a text, which repeat an earlier one, and the language each shows by itself:
    worked out once, then marked with a default language (a paragraph too short to tell takes it)."""

    def __init__(self, text: str):
        self.spans = split_paragraphs(text)
        first_seen: dict[str, int] = {}
        self.duplicate_of: list[int | None] = []
        for index, (start, end) in enumerate(self.spans):
            key = _paragraph_key(text[start:end])
            self.duplicate_of.append(first_seen.get(key) if len(key) >= 40 else None)
            first_seen.setdefault(key, index)
        self.languages = [judge_language(text[start:end]) for start, end in self.spans]

    def marked(self, default_lang: str) -> tuple[ParagraphSpan, ...]:
        return tuple(
            ParagraphSpan(index, start, end, lang or default_lang, duplicate_of)
            for index, ((start, end), lang, duplicate_of) in enumerate(
                zip(self.spans, self.languages, self.duplicate_of, strict=True))
        )


def majority_language(text: str, paragraphs: tuple[ParagraphSpan, ...]) -> str:
    """The language of most of the text: an English release quoting one Vietnamese paragraph is English."""
    if not paragraphs:
        return detect_language(text)
    weight: Counter[str] = Counter()
    for paragraph in paragraphs:
        weight[paragraph.lang] += paragraph.end - paragraph.start
    return weight.most_common(1)[0][0]


def find_title(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return _MARKDOWN_HEADING.sub("", line.strip())
    return ""


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


def build_document(text: str, source: str, fmt: str = "txt", encoding: str | None = "utf-8",
                   notes: tuple[str, ...] = (), lang: str | None = None,
                   published: str | None = None, normalize: bool = True) -> SourceDocument:
    """A Document from an already decoded text (the API's entry point; files come through `read_document`).

    `normalize=False` keeps the text exactly as given (for spaCy's `nlp(text)`, where offsets must match).
    """
    text = normalize_text(text) if normalize else text
    reading = _ParagraphReading(text)
    first_reading = reading.marked(lang or detect_language(text))
    document_lang = lang or majority_language(text, first_reading)
    paragraphs = reading.marked(document_lang)  # short lines take the language of most of the text
    sha256 = content_hash(text)
    published = published or find_published(text, paragraphs, document_lang)
    return SourceDocument(
        doc_id=doc_id_for(sha256),
        source=source,
        text=text,
        title=find_title(text),
        lang=document_lang,
        published=published,
        context_year=None if published else find_context_year(text, document_lang),
        sha256=sha256,
        format=fmt,
        encoding=encoding,
        notes=notes,
        paragraphs=paragraphs,
    )


def read_document(path: Path, root: Path, max_bytes: int) -> SourceDocument:
    """Read, decode and normalise one file. Raises `InputRejected` for a file that cannot be used."""
    decoded = read_source(path, max_bytes=max_bytes)
    source = path.relative_to(root).as_posix() if path != root else path.name
    return build_document(decoded.text, source, decoded.format, decoded.encoding, decoded.notes)
