"""Paragraphs into sentences, with exact character offsets into the document text.

Paragraphs come first (underthesea's `sent_tokenize` alone glues a title to the next paragraph); then
sentences, by underthesea for Vietnamese and spaCy's sentencizer for English; then enumeration items
"(i) … (ii) …" are cut into sentences of their own. Repeated paragraphs are not segmented: the
dataset must not count them twice.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache

from pipeline.ingest.document import ParagraphSpan, SourceDocument
from pipeline.rules.loader import language_signs


@cache
def _item_marker() -> re.Pattern[str]:
    """An enumeration item marker at the start of an item: "(i)", "(ii)", "(1)", "a)" after ":" or ";", or after
    a comma or semicolon and one of language.yaml's `item_joiners` ("; và (iii)", "; and (c)"): the item becomes
    a sentence of its own."""
    signs = language_signs()
    joined = "".join(f"|(?<=[;,] {re.escape(word)} )" for word in signs.words_of(signs.item_joiners))
    return re.compile(
        rf"(?:(?<=[:;.])|(?<=[:;.]\s){joined})\s*"
        r"(?=(?:\((?:[ivx]{1,4}|\d{1,2}|[a-h])\)|(?<![\w(])[a-h]\))\s)"
    )
# A sentence end glued to the next sentence, as pages flattened without spaces between their paragraphs write
# it ("… digital technology.At the event, …", "… bền vững.Các nước …"): see _glued_ends.
_STOP_BEFORE_WORD = re.compile(r"(?<=\w\w[.!?])(?=\w\w)")
_LIST_MARKER_ONLY = re.compile(r"^\(?(?:\d{1,2}|[a-h]|[ivx]{1,4})[.)]$")
_CLOSING_QUOTES = "”’»\"'"
_OPENING_QUOTES = "“‘«\""
_BULLET_LINE = re.compile(r"\n(?=\s*(?:[-–•*+]|\d{1,2}[.)]|\((?:[ivx]{1,4}|\d{1,2}|[a-h])\))\s)")
_HEADING_END = re.compile(r"[.;!?…,][”’»\"')]*$|:\s*$")
MAX_HEADING_CHARS = 160
# No real sentence is this long; a run-on one (a table flattened into text, a hostile input) is cut into
# pieces at its last punctuation or space before the limit, so per-sentence work stays bounded.
MAX_SENTENCE_CHARS = 2000


@dataclass(frozen=True, slots=True)
class SentenceSpan:
    index: int
    paragraph: int
    start: int
    end: int
    lang: str
    heading: bool


# What opens a list item: "(ii)", "(2)", "(b)", "b)", "2.", "2)", or a bullet "- • * +".
LIST_MARKER = r"(?:\((?:[ivx]{1,4}|\d{1,2}|[a-h])\)|[a-h]\)|\d{1,2}[.)]|[-–•*+])"
_LIST_ITEM = re.compile(rf"\s*{LIST_MARKER}\s")


def is_list_item(text: str, start: int) -> bool:
    """Whether the sentence at `start` is an item of a list ("(ii) …", "b) …", "- …", "2. …")."""
    return bool(_LIST_ITEM.match(text, start))


def is_heading(text: str, is_title: bool) -> bool:
    """The title, or a short line of its own without closing punctuation."""
    line = text.strip()
    if is_title and "\n" not in line:
        return True
    return "\n" not in line and len(line) <= MAX_HEADING_CHARS and not _HEADING_END.search(line)


@cache
def english_pipeline():
    """spaCy's blank English with its rule-based sentencizer, built once per process (0.1 s: the tokenizer's
    exceptions): it splits English paragraphs here, and its tokenizer gives English sentences their words."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _split_vietnamese(text: str) -> list[str]:
    from underthesea import sent_tokenize

    return sent_tokenize(text)


def _split_english(text: str) -> list[str]:
    return [sentence.text for sentence in english_pipeline()(text).sents]


def _locate(pieces: list[str], text: str, offset: int) -> list[tuple[int, int]]:
    """Offsets of each piece in text, in order; pieces whose characters were altered are re-aligned."""
    spans, cursor = [], 0
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        found = text.find(piece, cursor)
        if found < 0:  # the splitter changed the text: fall back to the next non-space run of the same size
            found = cursor + len(text[cursor:]) - len(text[cursor:].lstrip())
            end = min(len(text), found + len(piece))
        else:
            end = found + len(piece)
        if end > found:
            spans.append((offset + found, offset + end))
            cursor = end
    if spans and text[cursor:].strip():  # text the splitter dropped belongs to the last sentence
        spans[-1] = (spans[-1][0], offset + len(text.rstrip()))
    return spans


def _cut(text: str, start: int, end: int, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    pieces, cursor = [], start
    for match in pattern.finditer(text, start, end):
        if match.start() > cursor and text[cursor : match.start()].strip():
            pieces.append((cursor, match.start()))
            cursor = match.start()
    pieces.append((cursor, end))
    return [_trim(text, a, b) for a, b in pieces if text[a:b].strip()]


def _glued_ends(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """text[start:end] cut after each stop that ends a lower-case word and runs into a capitalised one with no
    space ("technology.At", "hóa.Các"); abbreviations ("U.S.", "TP.HCM", "Tp.Hồ") and addresses ("asean.org")
    stay whole."""
    cuts = [m.start() for m in _STOP_BEFORE_WORD.finditer(text, start, end)
            if text[m.start() - 3 : m.start() - 1].islower() and text[m.start()].isupper()
            and text[m.start() + 1].islower()]
    bounds = [start, *cuts, end]
    return [_trim(text, a, b) for a, b in itertools.pairwise(bounds) if text[a:b].strip()]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _opens_next(text: str, previous_start: int, previous_end: int, start: int) -> bool:
    """Whether a piece ends with a quote mark that opens the piece right after it: a space before the mark and
    none after it ('… to remain vigilant. "There is no room …', real wire copy quoting several sentences), where a
    closing mark follows its word ('… complacency," he said')."""
    return (previous_end == start and previous_end - previous_start >= 2 and text[previous_end - 1] in _OPENING_QUOTES
            and text[previous_end - 2].isspace())


def _repair(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Undo what sentence splitters get wrong: a list number cut off its item ("1." | "Mục một."), a closing
    quote pushed to the next sentence, a URL or number split at its dots (pieces with no space between)."""
    repaired: list[tuple[int, int]] = []
    for start, end in spans:
        if repaired:
            previous_start, previous_end = repaired[-1]
            if _opens_next(text, previous_start, previous_end, start):
                # 'vigilant. "There is …': the splitter left the next sentence's opening quote on this one
                repaired[-1] = _trim(text, previous_start, previous_end - 1)
                repaired.append((previous_end - 1, end))
                continue
            quotes = len(text[start:end]) - len(text[start:end].lstrip(_CLOSING_QUOTES))
            if quotes and text[previous_end:start].strip() == "":
                repaired[-1] = (previous_start, start + quotes)
                start, end = _trim(text, start + quotes, end)
                if start >= end:
                    continue
                previous_end = repaired[-1][1]
            glued = previous_end == start and not text[previous_end - 1].isspace()
            if glued or _LIST_MARKER_ONLY.match(text[previous_start:previous_end]):
                repaired[-1] = (previous_start, end)
                continue
        repaired.append((start, end))
    return repaired


def split_paragraph(text: str, paragraph: ParagraphSpan) -> list[tuple[int, int]]:
    spans = []
    for line_start, line_end in _cut(text, paragraph.start, paragraph.end, _BULLET_LINE):
        chunk = text[line_start:line_end]
        pieces = _split_english(chunk) if paragraph.lang == "en" else _split_vietnamese(chunk)
        for start, end in _repair(text, _locate(pieces, chunk, line_start)):
            for glued_start, glued_end in _glued_ends(text, start, end):
                for piece_start, piece_end in _cut(text, glued_start, glued_end, _item_marker()):
                    spans.extend(_bounded(text, piece_start, piece_end))
    return spans


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        window = text[start : start + MAX_SENTENCE_CHARS]
        cut = max(window.rfind(mark) for mark in (";", ",", ".", " "))
        stop = start + (cut + 1 if cut > 0 else MAX_SENTENCE_CHARS)
        pieces.append(_trim(text, start, stop))
        start = _trim(text, stop, end)[0]
    pieces.append((start, end))
    return [(a, b) for a, b in pieces if b > a]


def segment(document: SourceDocument) -> list[SentenceSpan]:
    """Sentences of every paragraph that is not a repeat of an earlier one, in document order."""
    sentences: list[SentenceSpan] = []
    paragraphs = _title_apart(document.text, document.paragraphs)
    for position, paragraph in enumerate(paragraphs):
        if paragraph.duplicate_of is not None:
            continue
        # a text of one paragraph has no title: it is all body ("extract('ASEAN will …')")
        is_title = position == 0 and len(paragraphs) > 1
        heading = is_heading(document.text[paragraph.start : paragraph.end], is_title=is_title)
        pieces = ([(paragraph.start, paragraph.end, True)] if heading else
                  [piece for line in _heading_lines(document.text, paragraph)
                   for piece in _line_sentences(document.text, paragraph, line)])
        for start, end, piece_heading in pieces:
            sentences.append(SentenceSpan(len(sentences), paragraph.index, start, end, paragraph.lang, piece_heading))
    return sentences


def _heading_lines(text: str, paragraph: ParagraphSpan) -> list[tuple[int, int, bool]]:
    """The paragraph cut after each line of its own that is a heading (short, no closing punctuation): a page's
    headline, caption, dateline or subheading written on the line above a sentence ("Việt Nam đề xuất … theo lộ
    trình\nTại Hội thảo …, Việt Nam đề xuất …"), which underthesea's splitter glues to that sentence. Bullet lines
    are list items, not headings. Vietnamese paragraphs only: in English ones a stamp line glued to the dateline
    below it is read by the meeting context with the run's own stamp words (context._after_stamp)."""
    pieces: list[tuple[int, int, bool]] = []
    if paragraph.lang != "vi":
        return [(paragraph.start, paragraph.end, False)]
    cursor = line_start = paragraph.start
    for newline in re.finditer(r"\n", text[paragraph.start : paragraph.end]):
        at = paragraph.start + newline.start()
        start, end = _trim(text, line_start, at)
        line_start = at + 1
        if (end > start and is_heading(text[start:end], is_title=False) and not is_list_item(text, start)
                and not _continues_below(text, line_start, paragraph.end)):
            before = _trim(text, cursor, start)
            pieces += [(*before, False)] if before[1] > before[0] else []
            pieces.append((start, end, True))
            cursor = line_start
    rest_start, rest_end = _trim(text, cursor, paragraph.end)
    if rest_end > rest_start:
        pieces.append((rest_start, rest_end, False))
    return pieces


def _continues_below(text: str, next_line: int, end: int) -> bool:
    """Whether the line below goes on with the same sentence: a plain text wrapped at a fixed width breaks a
    sentence between two words, and the next line opens in lower case ("… hợp tác trong⏎việc kiểm soát …"). A
    heading is followed by a sentence of its own, which opens with a capital, a digit, a quote or a bullet."""
    following = text[next_line:end].lstrip(" \t")
    return bool(following) and following[0].islower()


def _line_sentences(text: str, paragraph: ParagraphSpan, line: tuple[int, int, bool]) -> list[tuple[int, int, bool]]:
    """A heading line is one sentence, a heading; the rest of the paragraph is split into its sentences."""
    start, end, heading = line
    if heading:
        return [(start, end, True)]
    part = ParagraphSpan(paragraph.index, start, end, paragraph.lang, paragraph.duplicate_of)
    return [(a, b, False) for a, b in split_paragraph(text, part)]


def _title_apart(text: str, paragraphs: tuple[ParagraphSpan, ...]) -> list[ParagraphSpan]:
    """Line 1 is the title even when no blank line follows it ("TITLE\nHội nghị đã diễn ra …")."""
    if not paragraphs or "\n" not in text[paragraphs[0].start : paragraphs[0].end]:
        return list(paragraphs)
    first = paragraphs[0]
    line_end = text.index("\n", first.start)
    body_start, body_end = _trim(text, line_end, first.end)
    title_start, title_end = _trim(text, first.start, line_end)  # text given as is may end a line in spaces
    title = ParagraphSpan(first.index, title_start, title_end, first.lang, first.duplicate_of)
    body = ParagraphSpan(first.index, body_start, body_end, first.lang, first.duplicate_of)
    return [title, body, *paragraphs[1:]]
