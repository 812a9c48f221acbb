"""One spaCy Doc per document: words, POS and underthesea NER (Vietnamese), spaCy tokens (English).

The Doc is built from words and spaces so that `doc.text == document.text` exactly; sentence starts
come from the segmenter; underthesea's NER tags become `doc.ents` (the fallback layer that the
recogniser consults for names the gazetteers lack). Text outside any sentence (a repeated paragraph)
is tokenised plainly and left untagged.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from spacy.attrs import IDX, IS_SPACE, LENGTH
from spacy.tokens import Doc
from spacy.vocab import Vocab

from pipeline.analyse.crf_analysis import get_tagger
from pipeline.analyse.segment import SentenceSpan, english_pipeline
from pipeline.ingest.document import SourceDocument

_PLAIN_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)
NER_LABELS = {"LOC": "LOC", "ORG": "ORG", "PER": "PER", "MISC": "MISC"}


class Token(NamedTuple):  # a NamedTuple, not a frozen dataclass: a document makes one per word
    start: int
    end: int
    pos: str = ""
    ner: str = "O"
    sent_start: bool = False


def _align(words: list[str], text: str, offset: int) -> list[tuple[int, int, int]]:
    """(start, end, word index) of each word found in text in order; words the tagger altered are skipped."""
    aligned, cursor = [], 0
    for index, word in enumerate(words):
        found = text.find(word, cursor)
        if found < 0 or text[cursor:found].strip():
            continue
        aligned.append((offset + found, offset + found + len(word), index))
        cursor = found + len(word)
    return aligned


def _plain_tokens(text: str, start: int, end: int) -> list[Token]:
    if start >= end or text[start:end].isspace():
        return []  # most gaps, between two words of a sentence
    return [Token(start + m.start(), start + m.end()) for m in _PLAIN_TOKEN.finditer(text[start:end])]


def _fill_gaps(tokens: list[Token], text: str, start: int, end: int) -> list[Token]:
    """Plain tokens for any non-space text between the aligned words."""
    filled, cursor = [], start
    for token in tokens:
        filled += _plain_tokens(text, cursor, token.start)
        filled.append(token)
        cursor = token.end
    return filled + _plain_tokens(text, cursor, end)


def vietnamese_tokens(text: str, start: int, end: int) -> list[Token]:
    tagged = get_tagger().pos_and_ner(text[start:end])
    words = [word for word, *_ in tagged]
    tokens = [
        Token(a, b, pos=tagged[i][1], ner=tagged[i][2]) for a, b, i in _align(words, text[start:end], start)
    ]
    return _fill_gaps(tokens, text, start, end)


def english_tokens(text: str, start: int, end: int) -> list[Token]:
    # Offsets read from the Doc's arrays: iterating it would make a Token object per word.
    tokens = english_pipeline().tokenizer(text[start:end])
    if not len(tokens):
        return []
    return [
        Token(start + offset, start + offset + length)
        for offset, length, is_space in tokens.to_array([IDX, LENGTH, IS_SPACE]).tolist()
        if not is_space
    ]


def sentence_tokens(text: str, sentence: SentenceSpan) -> list[Token]:
    tokenize = english_tokens if sentence.lang == "en" else vietnamese_tokens
    tokens = tokenize(text, sentence.start, sentence.end)
    if tokens:
        first = tokens[0]
        tokens[0] = Token(first.start, first.end, first.pos, first.ner, sent_start=True)
    return tokens


def _words_and_spaces(text: str, tokens: list[Token]) -> tuple[list[str], list[bool], list[Token | None]]:
    """spaCy's (words, spaces) for the whole text; whitespace other than one space becomes its own token."""
    words: list[str] = []
    spaces: list[bool] = []
    origin: list[Token | None] = []
    cursor = 0
    for token in [*tokens, None]:
        gap_end = token.start if token else len(text)
        gap = text[cursor:gap_end]
        if gap:
            if words and gap[0] == " ":
                spaces[-1] = True
                gap = gap[1:]
            if gap:
                words.append(gap)
                spaces.append(False)
                origin.append(None)
        if token is None:
            break
        words.append(text[token.start : token.end])
        spaces.append(False)
        origin.append(token)
        cursor = token.end
    return words, spaces, origin


def _iob_entities(origin: list[Token | None]) -> list[str]:
    """underthesea's BIO tags as spaCy's IOB 'ents' strings, repaired where an I- follows nothing."""
    tags, previous = [], "O"
    for token in origin:
        tag = token.ner if token else "O"
        if tag.startswith("I-") and previous[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        if tag != "O" and tag[2:] not in NER_LABELS:
            tag = "O"
        tags.append(tag)
        previous = tag
    return tags


class TextDoc(Doc):
    """A Doc whose `text` is computed once.

    spaCy's `Doc.text` joins every token's text on each access, and the stages read `doc.text` once per
    sentence or clause: on a long bulletin that made the pipeline quadratic (about half its time went
    there). The tokens never change after `build_doc`, so neither does the text.
    """

    _text: str | None = None

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = Doc.text.__get__(self)
        return self._text


def build_doc(vocab: Vocab, document: SourceDocument, sentences: list[SentenceSpan]) -> Doc:
    text = document.text
    tokens: list[Token] = []
    cursor = 0
    for sentence in sentences:
        tokens += _plain_tokens(text, cursor, sentence.start)
        tokens += sentence_tokens(text, sentence)
        cursor = sentence.end
    tokens += _plain_tokens(text, cursor, len(text))
    words, spaces, origin = _words_and_spaces(text, tokens)
    sent_starts: list[bool | int | None] = [
        bool(token and token.sent_start) if i else True for i, token in enumerate(origin)
    ]
    # spaCy's Doc.text is the words, each followed by a space where `spaces` says: checked on these lists,
    # without making a Token object per word as Doc.text does, and the document's own text kept as its text.
    assert "".join(w + " " if space else w for w, space in zip(words, spaces, strict=True)) == text, (
        "the Doc must reproduce the document text exactly")
    doc = TextDoc(
        vocab,
        words=words,
        spaces=spaces,
        tags=[token.pos if token and token.pos else "_" for token in origin] or None,
        sent_starts=sent_starts,
        ents=_iob_entities(origin),
    )
    doc._text = text
    return doc
