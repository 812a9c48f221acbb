"""A PDF's text layer as paragraphs: lines joined where the layout wrapped them, running headers, footers and
page numbers left out.

pdfminer.six's layout analysis gives each text line with its position, font size and the width of its first
word; everything after that is decided from those numbers, so it works on any PDF the same way:

- A line was **wrapped** (its paragraph goes on in the next line) when the next line's first word would
  not have fitted in the room left at its end. Wrapped lines are joined with a space; a line that ends short
  keeps its line break (list items, an address, a heading).
- **Reading order** is top to bottom; where a page is set in columns (a vertical strip that hardly any line
  crosses, with lines wholly on both sides), column after column between the lines that span them. The
  pieces of one justified line that pdfminer cut at wide spaces are put back together first.
- A **paragraph** ends where the gap to the next line is clearly larger than the gap between the wrapped
  lines of the same document (learned from them), where the font size changes, or at the end of a page or
  column whose last line was not wrapped.
- A **running header or footer** is a line in the top or bottom two rows of a page that repeats, at the
  same height, on most pages (digits aside: "Trang 2" and "Trang 3" repeat); a line there that is only a
  page number ("3", "- 3 -", "Page 3 of 9", "3/9") is one too.
- A word **hyphenated** at the end of a line is mended in English when the word is one ("environ-/mental"),
  but keeps its hyphen when it is a compound ("low-/carbon") or anything else ("AMME-/17", "In-đô-/nê-xi-a"):
  the document's own words decide first, an English word list after.

pypdf's default text mode, used before, broke Vietnamese syllables at their tone marks ("c ườ ng") in PDFs
printed by Chromium; pdfminer.six reads the same pages whole.
"""

from __future__ import annotations

import io
import re
import statistics
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from functools import cache
from itertools import pairwise

from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTAnno, LTChar, LTPage, LTTextBox, LTTextLine

from pipeline.ingest.language import detect_language
from pipeline.rules.loader import language_signs
from pipeline.rules.models import words_alternation

__all__ = ["Line", "lines_to_text", "pdf_lines", "pdf_to_text", "reading_order"]


@dataclass(frozen=True)
class Line:
    """One text line of a page, in PDF coordinates (points; y grows upwards, so top > bottom)."""

    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # the font size most of its characters have
    text: str
    first_word_width: float  # how much room the line's first word needs
    page_width: float = 612.0  # a US Letter page unless the PDF says otherwise


def pdf_to_text(data: bytes) -> str:
    """The text of a PDF: paragraphs separated by a blank line, deliberate line breaks kept."""
    return lines_to_text(pdf_lines(data))


def pdf_lines(data: bytes) -> list[list[Line]]:
    """The text lines of each page in reading order (columns one after the other)."""
    pages = extract_pages(io.BytesIO(data), laparams=LAParams())
    return [reading_order(merge_fragments(list(_page_lines(number, page)))) for number, page in enumerate(pages)]


def _page_lines(number: int, page: LTPage) -> Iterator[Line]:
    for box in page:
        if not isinstance(box, LTTextBox):
            continue
        for line in box:
            if isinstance(line, LTTextLine):
                made = _line(number, line, page.width)
                if made is not None:
                    yield made


# Typographic ligatures (U+FB00-FB06) as the letters they stand for: Chromium and word processors write
# "ﬁ" into the text layer of "finance".
_LIGATURES = str.maketrans({chr(code): unicodedata.normalize("NFKC", chr(code)) for code in range(0xFB00, 0xFB07)})


def _line(number: int, line: LTTextLine, page_width: float) -> Line | None:
    text = line.get_text().translate(_LIGATURES).strip()
    chars = [char for char in line if isinstance(char, LTChar)]
    if not text or not chars:
        return None
    sizes = Counter(round(char.size, 1) for char in chars)
    return Line(number, line.x0, line.x1, line.y1, line.y0, sizes.most_common(1)[0][0], text,
                _first_word_width(line), page_width)


def _first_word_width(line: LTTextLine) -> float:
    """Width of the characters before the first space (pdfminer marks an inferred space as an LTAnno)."""
    word: list[LTChar] = []
    for item in line:
        if isinstance(item, LTAnno) or not isinstance(item, LTChar) or item.get_text().isspace():
            if word:
                break
            continue
        word.append(item)
    return word[-1].x1 - word[0].x0 if word else 0.0


def merge_fragments(lines: list[Line]) -> list[Line]:
    """One line from the pieces of a line that pdfminer cut where justified text spaced its words widely
    ("Member", "States", "attended," on one row, then in any order). Pieces on one row stay apart only where
    the right one starts a column: at a left edge that at least three lines of the page share."""
    starts = Counter(round(line.x0) for line in lines)
    column_lefts = [x for x, count in starts.items() if count >= _COLUMN_LINES]
    rows: list[list[Line]] = []  # in the reading order of each row's first piece
    for line in lines:
        row = next((row for row in rows if _same_row(row[0], line)), None)
        if row is None or any(abs(line.x0 - x) <= 2 and x > row[0].x0 for x in column_lefts):
            rows.append([line])
        else:
            row.append(line)
    return [_joined(sorted(row, key=lambda piece: piece.x0)) for row in rows]


_COLUMN_LINES = 3


def _same_row(line: Line, piece: Line) -> bool:
    return (line.page == piece.page and abs(line.bottom - piece.bottom) < 0.2 * line.size
            and abs(line.size - piece.size) < 0.2 * line.size)


def _joined(pieces: list[Line]) -> Line:
    first = pieces[0]
    if len(pieces) == 1:
        return first
    return Line(first.page, first.x0, max(piece.x1 for piece in pieces), max(piece.top for piece in pieces),
                min(piece.bottom for piece in pieces), first.size, " ".join(piece.text for piece in pieces),
                first.first_word_width, first.page_width)


# --- Reading order -------------------------------------------------------------------------------------------

_GUTTER_WIDTH = 6.0  # points: the narrowest space between two columns
_GUTTER_BIN = 2.0


def reading_order(lines: list[Line]) -> list[Line]:
    """Top to bottom, and where the page is set in columns, column after column, section by section between
    the lines that span the columns (a title, a header). pdfminer's own order of text boxes can put the top of
    the second column before the end of the first."""
    gutters = _gutters(lines)
    ordered: list[Line] = []
    section: list[Line] = []
    for line in sorted(lines, key=lambda line: (-line.top, line.x0)):
        if any(line.x0 < start and line.x1 > end for start, end in gutters):
            ordered += sorted(section, key=lambda each: (_column(each, gutters), -each.top, each.x0))
            ordered.append(line)
            section = []
        else:
            section.append(line)
    return ordered + sorted(section, key=lambda each: (_column(each, gutters), -each.top, each.x0))


def _column(line: Line, gutters: list[tuple[float, float]]) -> int:
    return sum(1 for _, end in gutters if end <= line.x0)


def _gutters(lines: list[Line]) -> list[tuple[float, float]]:
    """(start, end) of each vertical strip between columns: hardly any line crosses it (a few spanning
    lines may), it is at least _GUTTER_WIDTH wide, and at least three lines lie wholly on each side."""
    if len(lines) < 2 * _COLUMN_LINES:
        return []
    left, right = min(line.x0 for line in lines), max(line.x1 for line in lines)
    bins = int((right - left) / _GUTTER_BIN) + 1
    change = [0] * (bins + 1)
    for line in lines:
        change[int((line.x0 - left) / _GUTTER_BIN)] += 1
        change[int((line.x1 - left) / _GUTTER_BIN)] -= 1
    allowed = max(3, len(lines) // 10)  # spanning lines: headers, footers, a title
    gutters, covered, start = [], 0, None
    for index in range(bins):
        covered += change[index]
        if covered <= allowed and start is None:
            start = index
        elif covered > allowed and start is not None:
            gutter = (left + start * _GUTTER_BIN, left + index * _GUTTER_BIN)
            if gutter[1] - gutter[0] >= _GUTTER_WIDTH and _splits(lines, gutter):
                gutters.append(gutter)
            start = None
    return gutters


def _splits(lines: list[Line], gutter: tuple[float, float]) -> bool:
    before = sum(1 for line in lines if line.x1 <= gutter[1])
    after = sum(1 for line in lines if line.x0 >= gutter[0])
    return before >= _COLUMN_LINES and after >= _COLUMN_LINES


# --- Running headers, footers and page numbers -------------------------------------------------------

_BAND_ROWS = 2  # rows at the top and at the bottom of a page where headers and footers sit
_SAME_HEIGHT = 3.0  # points: a running line's height varies this little from page to page
_DIGITS = re.compile(r"\d+")


@cache
def _page_number() -> re.Pattern[str]:
    """A line that is only a page number: "3", "- 3 -", "3/9", "Trang 3", "Page 3 of 9" (language.yaml's
    `page_words` and `page_count_words`)."""
    signs = language_signs()
    page = words_alternation(signs.words_of(signs.page_words))
    count = words_alternation(["/", *signs.words_of(signs.page_count_words)])
    return re.compile(rf"[\s\-–—(\[|]*(?:{page}\s*)?\d{{1,4}}(?:\s*{count}\s*\d{{1,4}})?[\s\-–—)\]|]*", re.IGNORECASE)


def body_lines(pages: list[list[Line]]) -> list[list[Line]]:
    """Each page without its running headers, footers and page numbers."""
    bands = [_band(page) for page in pages]
    heights: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for number, band in enumerate(bands):
        for line in band:
            heights[_running_key(line)].append((number, line.bottom))
    needed = max(2, (len(pages) + 1) // 2)

    def is_furniture(line: Line) -> bool:
        if _page_number().fullmatch(line.text):
            return True
        same = {page for page, bottom in heights[_running_key(line)] if abs(bottom - line.bottom) <= _SAME_HEIGHT}
        return len(same) >= needed

    return [[line for line in page if not (line in band and is_furniture(line))]
            for page, band in zip(pages, bands, strict=True)]


def _band(page: list[Line]) -> set[Line]:
    """The lines in the top and bottom rows of a page (lines at the same height form one row)."""
    rows: list[float] = []
    for bottom in sorted({line.bottom for line in page}):
        if not rows or bottom - rows[-1] > _SAME_HEIGHT:
            rows.append(bottom)
    edge_rows = rows[:_BAND_ROWS] + rows[-_BAND_ROWS:]
    return {line for line in page if any(abs(line.bottom - row) <= _SAME_HEIGHT for row in edge_rows)}


def _running_key(line: Line) -> str:
    return _DIGITS.sub("#", " ".join(line.text.split()).casefold())


# --- Lines into paragraphs ---------------------------------------------------------------------------


class Joint(Enum):
    """How a line meets the next one."""

    PARAGRAPH = "paragraph"
    LINE = "line"
    SPACE = "space"
    HYPHEN = "hyphen"  # the line ends with a hyphen that stays: "AMME-" + "17"
    MENDED = "mended"  # the line ends with a hyphen that goes: "environ-" + "mental"


_SEPARATOR = {Joint.PARAGRAPH: "\n\n", Joint.LINE: "\n", Joint.SPACE: " ", Joint.HYPHEN: "", Joint.MENDED: ""}

_PARAGRAPH_GAP = 0.5  # font sizes of extra room between lines that make a paragraph break
_DEFAULT_LINE_GAP = 0.3  # font sizes between the wrapped lines of a paragraph, when none says otherwise
_SIZE_CHANGE = 1.15
_SPACE_WIDTH = 0.3  # font sizes: about one space
_LIST_ITEM = re.compile(r"(?:[-–•·*+▪●◦]|\d{1,2}[.)]|[a-zđ][.)])\s")
_SENTENCE_END = re.compile(r"[.;:!?…]$")


def lines_to_text(pages: list[list[Line]]) -> str:
    """The text of the pages' lines: paragraphs separated by a blank line."""
    lines = [line for page in body_lines(pages) for line in page]
    if not lines:
        return ""
    layout = _Layout(lines)
    pieces = [lines[0].text]
    for before, after in pairwise(lines):
        joint = layout.joint(before, after)
        if joint is Joint.MENDED:
            pieces[-1] = pieces[-1][:-1]  # the hyphen
        pieces += [_SEPARATOR[joint], after.text]
    return "".join(pieces)


class _Layout:
    """What the whole document says about its lines: where its columns end, how far apart the lines of one
    paragraph are, its language and its words (for mending hyphenation)."""

    def __init__(self, lines: list[Line]):
        self._edges = _column_edges(lines)
        pages: dict[int, list[Line]] = defaultdict(list)
        for line in lines:
            pages[line.page].append(line)
        self._gutters = {page: _gutters(page_lines) for page, page_lines in pages.items()}
        self._line_gap = _typical_line_gap(lines, self._wrapped)
        self.lang = detect_language(" ".join(line.text for line in lines))
        self.words = Counter(word.casefold() for line in lines for word in _WORD.findall(line.text))

    def joint(self, before: Line, after: Line) -> Joint:
        if after.page != before.page or after.top > before.bottom + before.size:
            # A new page or column: only a wrapped last line carries its paragraph over.
            return self._wrap_joint(before, after) if self._wrapped(before, after) else Joint.PARAGRAPH
        if max(before.size, after.size) > _SIZE_CHANGE * min(before.size, after.size):
            return Joint.PARAGRAPH
        if (before.bottom - after.top) / before.size > self._line_gap + _PARAGRAPH_GAP:
            return Joint.PARAGRAPH
        if _LIST_ITEM.match(after.text) and _SENTENCE_END.search(before.text):
            return Joint.LINE
        return self._wrap_joint(before, after) if self._wrapped(before, after) else Joint.LINE

    def _wrapped(self, before: Line, after: Line) -> bool:
        """Whether the next line's first word would not have fitted at the end of this one."""
        room = self._edge(before) - before.x1
        return room < after.first_word_width + _SPACE_WIDTH * before.size

    def _edge(self, line: Line) -> float:
        """The right edge of the column the line is in: where the lines that start where it does end, but
        never past the space between its column and the next."""
        edge = max((edge for left, edge in self._edges if left < line.x1 and edge > line.x0), default=line.x1)
        gutter = min((start for start, _ in self._gutters[line.page] if start >= line.x1 - 1), default=edge)
        return min(edge, gutter)

    def _wrap_joint(self, before: Line, after: Line) -> Joint:
        if before.text.endswith("\u00ad"):  # a soft hyphen is there only to break the word
            return Joint.MENDED
        if not before.text.endswith(("-", "\u2010")) or len(before.text) < 2 or before.text[-2].isspace():
            return Joint.SPACE
        head = _LAST_WORD.search(before.text[:-1])
        tail = _FIRST_WORD.match(after.text)
        if self.lang == "en" and head and tail and tail.group().islower():
            return Joint.MENDED if self._is_hyphenation(head.group(), tail.group()) else Joint.HYPHEN
        return Joint.HYPHEN

    def _is_hyphenation(self, head: str, tail: str) -> bool:
        """"environ-" + "mental" is one word broken in two; "low-" + "carbon" is a compound."""
        joined, compound = (head + tail).casefold(), f"{head}-{tail}".casefold()
        if self.words[compound]:
            return False
        if self.words[joined]:
            return True
        known = english_words()
        if joined in known:
            return True
        return not (head.casefold() in known and tail.casefold() in known)


_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_LAST_WORD = re.compile(r"[^\W\d_]+$")
_FIRST_WORD = re.compile(r"[^\W\d_]+")


_FEW_LINES = 8


def _column_edges(lines: list[Line]) -> list[tuple[float, float]]:
    """(left, right) of each group of lines that start at the same x. The right is where most of its long
    lines end (the 90th percentile, so that a heading wider than a column does not move it); in a group too
    small to tell, no nearer to the page's edge than its left is to the other edge (margins are symmetric)."""
    groups: dict[int, list[Line]] = defaultdict(list)
    for line in lines:
        groups[round(line.x0 / 2)].append(line)
    edges: list[tuple[float, float]] = []
    for key, group in sorted(groups.items()):
        left, right = key * 2 - 2, _percentile(sorted(line.x1 for line in group), 0.9)
        if len(group) < _FEW_LINES:
            right = max(right, group[0].page_width - left)
        edges.append((left, right))
    return edges


def _percentile(values: list[float], share: float) -> float:
    return values[min(len(values) - 1, int(share * len(values)))]


def _typical_line_gap(lines: Iterable[Line], wrapped: Callable[[Line, Line], bool]) -> float:
    """The gap between the lines of one paragraph, in font sizes: the median gap after a wrapped line."""
    lines = list(lines)
    gaps = [
        (before.bottom - after.top) / before.size
        for before, after in pairwise(lines)
        if after.page == before.page and before.size == after.size
        and -before.size < before.bottom - after.top < 2 * before.size and wrapped(before, after)
    ]
    return statistics.median(gaps) if gaps else _DEFAULT_LINE_GAP


@cache
def english_words() -> frozenset[str]:
    """An English word list (pyspellchecker's), loaded the first time a line ends with a hyphen."""
    from spellchecker import SpellChecker

    return frozenset(SpellChecker(language="en", distance=1).word_frequency.keys())
