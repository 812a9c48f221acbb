"""Text normalisation applied to every decoded document before analysis.

The canonical Vietnamese tone-mark placement is the one underthesea's models were trained on:
the tone sits on the first vowel of the open-syllable nuclei "oa", "oe", "uy" ("hòa", "khỏe",
"thủy", not "hoà", "khoẻ", "thuỷ"). We reuse underthesea's own normalisation table
(``underthesea.pipeline.text_normalize``) rather than re-deriving the rules, keeping only the
entries that move a tone mark (those also fix plain misplacements such as "tiêú" -> "tiếu"; its
other entries fix spellings, which is not our job here).
"""

from __future__ import annotations

import re
import unicodedata
from collections import deque
from functools import lru_cache

import ahocorasick
import ftfy
from ftfy.badness import is_bad

__all__ = ["normalize_text", "repair_mojibake"]

# Invisible characters that split words for tokenisers and regexes without showing anything.
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\ufeff\u2060]")

# Every Unicode space separator (category Zs) other than the plain space, plus the tab.
_ODD_BLANK = "\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
# A run of blanks that is not already a single plain space: it becomes one plain space. (Matching
# only such runs, rather than every blank, keeps this fast on large texts.)
_BLANK_RUN = re.compile(f"[{_ODD_BLANK}][ {_ODD_BLANK}]*| [ {_ODD_BLANK}]+")

# Line separators other than LF. U+2029 separates paragraphs, so it becomes a blank line.
_LINE_BREAKS = re.compile(r"\r\n|[\r\v\f\x85\u2028]")
_PARAGRAPH_SEPARATOR = "\u2029"

_TRAILING_SPACE = re.compile(r" +$", re.MULTILINE)
_BLANK_LINE_RUN = re.compile(r"\n{3,}")
_WORD = re.compile(r"[^\W\d_]+")

# Characters underthesea's normaliser replaces on their own: an Icelandic eth typed or decoded
# where the Vietnamese đ was meant (latin-1 text, some legacy fonts).
_CHARACTER_FIXES = (("ð", "đ"), ("Ð", "Đ"))

_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"

# Surrogate code points: a str holds them after a JSON "\ud800" escape or a surrogateescape decode,
# and they cannot be written as UTF-8.
_SURROGATE = re.compile("[\ud800-\udfff]")

# normalize_text is a fixed point of its single pass; a few rounds are enough in practice
# (each round can only expose a fix the previous one enabled, e.g. a tab turned into a space
# completes a mojibake pattern ftfy recognises).
_MAX_ROUNDS = 4


def normalize_text(raw: str) -> str:
    """Unicode NFC; Vietnamese tone-mark placement made consistent; zero-width characters removed;
    NBSP and other Unicode spaces to a plain space; CRLF/CR to LF; runs of spaces/tabs collapsed to
    one space; trailing spaces stripped on each line; runs of blank lines collapsed to one blank
    line; leading and trailing blank lines of the whole text dropped; lone surrogate code points to
    U+FFFD (pairs to their character); mojibake (UTF-8 read as cp1252/latin-1) repaired with ftfy
    where it is clearly mojibake. Paragraph structure (blank
    lines) is preserved. Idempotent: normalize_text(normalize_text(x)) == normalize_text(x)."""
    text = _join_surrogates(raw)
    for _ in range(_MAX_ROUNDS):
        again = _normalize_once(text)
        if again == text:
            break
        text = again
    return text


def _join_surrogates(text: str) -> str:
    """Surrogate pairs become the character they encode; a lone surrogate becomes U+FFFD."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 bytes that were decoded as cp1252/latin-1 ('Há»™i' -> 'Hội').

    ftfy's fix_encoding only acts where its heuristics judge the text clearly mis-decoded, so
    correct Vietnamese ('NGÃ BA') and English text pass through unchanged."""
    return _fix_encoding(text)


@lru_cache(maxsize=4)
def _fix_encoding(text: str) -> str:
    """ftfy.fix_encoding, remembered for the last few texts: the reader repairs a file's text and
    normalize_text then starts on that same text (for a clean file, unchanged), so ftfy's scan of the
    whole text was made twice.

    A text in which ftfy's own badness check (`is_bad`) finds nothing, fix_encoding returns as it is (each
    of its steps starts with that check): asked once, it spares the steps for the clean texts. And the
    beginning of a text found clean is clean: the check is one regex search that never looks past the end
    of what it matches (no "$", look-ahead or word boundary: tests/test_normalize.py keeps it so), so what it
    would find in the beginning it would have found in the whole. normalize_text's second round is usually
    such a beginning: the text without its last line break."""
    if any(clean.startswith(text) for clean in tuple(_recent_clean)):  # a copy: another thread may append
        return text
    if is_bad(text):
        return ftfy.fix_encoding(text)
    _recent_clean.append(text)
    return text


_recent_clean: deque[str] = deque(maxlen=2)  # the last texts `is_bad` found clean


def _normalize_once(text: str) -> str:
    # Mojibake first: the damaged form of 'à' contains an NBSP that later steps would turn
    # into a plain space, hiding it from ftfy.
    text = repair_mojibake(text)
    text = _normalize_line_breaks(text)
    # Zero-width characters go before NFC: one between a letter and its combining mark would
    # otherwise keep them from composing.
    text = _ZERO_WIDTH.sub("", text)
    text = unicodedata.normalize("NFC", text)
    for wrong, right in _CHARACTER_FIXES:
        text = text.replace(wrong, right)
    text = _normalize_tone_placement(text)
    text = _normalize_spaces(text)
    return _normalize_blank_lines(text)


def _normalize_line_breaks(text: str) -> str:
    text = text.replace(_PARAGRAPH_SEPARATOR, "\n\n")
    return _LINE_BREAKS.sub("\n", text)


def _normalize_spaces(text: str) -> str:
    text = _BLANK_RUN.sub(" ", text)
    return _TRAILING_SPACE.sub("", text)


def _normalize_blank_lines(text: str) -> str:
    text = _BLANK_LINE_RUN.sub("\n\n", text)
    return text.strip("\n")


def _normalize_tone_placement(text: str) -> str:
    table = _tone_placement_table()
    pieces, cursor = [], 0
    for start, end in _misplaced_tone_words(text):
        pieces += [text[cursor:start], table[text[start:end]]]
        cursor = end
    return "".join(pieces) + text[cursor:] if pieces else text


def _misplaced_tone_words(text: str) -> list[tuple[int, int]]:
    """(start, end) of each whole word (a maximal run of letters, as _WORD finds them) that the table corrects.

    One pass of an Aho-Corasick automaton over the text finds the table's words without calling Python for
    every word; a hit counts only with no letter on either side (the table's words are all letters, so it is
    then exactly a word _WORD would find). Hits are rare: the table holds misplaced tones."""
    found = []
    for last, word in _tone_word_automaton().iter(text):
        start, end = last - len(word) + 1, last + 1
        if (start == 0 or not _is_letter(text[start - 1])) and (end == len(text) or not _is_letter(text[end])):
            found.append((start, end))
    return found


def _is_letter(char: str) -> bool:
    return char.isalpha()


@lru_cache(maxsize=1)
def _tone_word_automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for word in _tone_placement_table():
        assert _WORD.fullmatch(word), word
        automaton.add_word(word, word)
    automaton.make_automaton()
    return automaton


def _strip_tones(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))


@lru_cache(maxsize=1)
def _tone_placement_table() -> dict[str, str]:
    """underthesea's token table restricted to entries that only move a tone mark.

    Loaded lazily: importing underthesea's table costs about half a second."""
    from underthesea.pipeline.text_normalize.text_normalizer import token_map

    return {
        wrong: right
        for wrong, right in token_map.items()
        if wrong != right and _strip_tones(wrong) == _strip_tones(right)
    }
