"""Read one input file into text: decode its bytes or extract its text layer, or say why not.

The text is returned as decoded, not normalised (``normalize.normalize_text`` does that next), with
plain-language notes on anything done to it. A file that cannot be used raises ``InputRejected``
with status "skipped" (nothing to read: empty, binary, too large, unsupported) or "failed" (it should
have been readable but was not: permissions, a broken PDF or DOCX).
"""

from __future__ import annotations

import codecs
import io
import logging
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pipeline.ingest.html_text import html_to_text
from pipeline.ingest.legacy_vn import (
    MIN_GAIN,
    MIN_QUALITY,
    detect_legacy,
    legacy_to_unicode,
    vietnamese_quality,
)
from pipeline.ingest.normalize import repair_mojibake
from pipeline.ingest.pdf_text import pdf_to_text

__all__ = ["DEFAULT_MAX_BYTES", "SUPPORTED_SUFFIXES", "InputRejected", "SourceText", "read_source"]

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")
DEFAULT_MAX_BYTES = 5_000_000

_FORMATS = {".txt": "txt", ".md": "md", ".html": "html", ".htm": "html", ".pdf": "pdf", ".docx": "docx"}
_LEGACY_NAMES = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI"}


@dataclass(frozen=True)
class SourceText:
    text: str  # decoded, NOT yet normalised
    format: str  # "txt" | "md" | "html" | "pdf" | "docx"
    encoding: str | None  # e.g. "utf-8", "utf-8-sig", "utf-16", "cp1258", "tcvn3", "vni"
    notes: tuple[str, ...] = ()  # plain-language notes, e.g. "converted from TCVN3", "mojibake repaired"
    # What was lost on the way, e.g. bytes that were not valid UTF-8 and were replaced: the text was used,
    # but the analyst should know it is not all there.
    warnings: tuple[str, ...] = ()


class InputRejected(Exception):
    """A file the pipeline will not use, with a plain sentence saying why."""

    def __init__(self, status: str, reason: str):
        if status not in ("skipped", "failed"):
            raise ValueError(f"status must be 'skipped' or 'failed', not {status!r}")
        super().__init__(reason)
        self.status = status
        self.reason = reason

    def __reduce__(self):
        # Rebuilt from both arguments when unpickled (worker processes send exceptions back pickled).
        return type(self), (self.status, self.reason)


def read_source(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputRejected("skipped", f"unsupported file type {suffix or '(no extension)'}")
    data = _read_bounded(path, max_bytes)
    if not data.strip():
        raise InputRejected("skipped", "empty file")
    return _READERS[suffix](data, _FORMATS[suffix])


# --- Reading bytes --------------------------------------------------------------------------------


def _read_bounded(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, never more than max_bytes + 1 of them in memory."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(21, os.strerror(21), str(path))
        if not stat.S_ISREG(info.st_mode):
            # A FIFO or device would block or never end.
            raise InputRejected("failed", "could not read the file: not a regular file")
        if info.st_size > max_bytes:
            raise _too_large(info.st_size, max_bytes)
        with path.open("rb") as stream:
            data = stream.read(max_bytes + 1)
    except OSError as exc:
        raise InputRejected("failed", f"could not read the file: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:  # the file grew since stat
        raise _too_large(len(data), max_bytes)
    return data


def _too_large(size: int, max_bytes: int) -> InputRejected:
    return InputRejected(
        "skipped",
        f"the file is larger than the {max_bytes:,}-byte limit ({size:,} bytes or more); "
        "raise the limit with --max-bytes",
    )


# --- Binary content -------------------------------------------------------------------------------

# Signatures of common binary formats; long enough that no text file starts with one.
_MAGIC = re.compile(
    rb"\x89PNG\r\n\x1a\n|\xff\xd8\xff|GIF8[79]a|PK\x03\x04|PK\x05\x06|%PDF-|\x1f\x8b\x08|BZh[1-9]1AY&SY"
    rb"|\xfd7zXZ\x00|7z\xbc\xaf\x27\x1c|Rar!\x1a\x07|\x7fELF|\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    rb"|RIFF....(?:WAVE|AVI |WEBP)|OggS\x00|ID3[\x02-\x04]\x00|II\*\x00|MM\x00\*|wOF[F2]\x00"
    rb"|\x00asm|SQLite format 3\x00|\xca\xfe\xba\xbe|....ftyp",  # ftyp: MP4, MOV, HEIC
    re.DOTALL,
)
# Control bytes that text files do not contain (tab, LF, CR, FF and ESC are left out).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
_SAMPLE = 8192


def _has_control_bytes(data: bytes) -> bool:
    """NUL or many other control bytes: not text (asked once UTF-16/32, where NUL is normal, is
    ruled out)."""
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        return True
    control = sum(sample.count(b) for b in _CONTROL_BYTES)
    return control > 0.05 * len(sample)


# --- Decoding text --------------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE, whose BOM it starts with
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class _Decoded:
    text: str
    encoding: str
    notes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


def _decode(data: bytes, declared: str | None = None) -> _Decoded:
    """Bytes -> text, trying the reliable signals first: BOM, UTF-16 shape, valid UTF-8, the HTML's
    declared charset, then the Vietnamese 8-bit encodings, then charset-normalizer's guess."""
    if _MAGIC.match(data):
        raise InputRejected("skipped", "binary content, not text")
    # BOM and UTF-16 first: their NUL bytes would otherwise look binary.
    decoded = _by_bom(data) or _by_utf16_shape(data)
    if decoded is not None:
        return decoded
    if _has_control_bytes(data):
        raise InputRejected("skipped", "binary content, not text")
    utf8 = Utf8Reading.of(data)
    for attempt in (
        lambda d: utf8.decoded() if utf8.is_clean else None,
        lambda d: _by_declared(d, declared),
        lambda d: utf8.decoded() if utf8.is_mostly_valid else None,
        _by_vietnamese_8bit,
        _by_charset_normalizer,
    ):
        decoded = attempt(data)
        if decoded is not None:
            return decoded
    raise InputRejected("skipped", "could not recognise the text encoding" + utf8.why_not())


def _by_bom(data: bytes) -> _Decoded | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _Decoded(data.decode(encoding), encoding)
            except UnicodeDecodeError:
                text = data.decode(encoding, errors="replace")
                warning = f"bytes that are not valid {encoding} (as its BOM declares) were replaced with U+FFFD"
                return _Decoded(text, encoding, warnings=(warning,))
    return None


def _by_utf16_shape(data: bytes) -> _Decoded | None:
    """UTF-16 without a BOM: text in Latin script has a NUL in every other byte."""
    sample = data[: _SAMPLE - _SAMPLE % 2]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    nul_even, nul_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if nul_odd >= 0.25 and nul_even <= 0.05:
        encoding = "utf-16-le"
    elif nul_even >= 0.25 and nul_odd <= 0.05:
        encoding = "utf-16-be"
    else:
        return None
    try:
        return _Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError:
        return None


# A text is read as damaged UTF-8 when at least this share of its non-ASCII characters are valid UTF-8
# sequences. Text in another encoding almost never forms one by chance: Windows-1258, TCVN3 and VNI
# renderings of the bundled corpus stay under 0.2 %, random high bytes at 20-30 %. A UTF-8 file with a few
# broken bytes is near 100 %. Below one half, the file is mostly undecodable as UTF-8, and the other
# encodings are asked; if none fits, it is skipped.
MIN_VALID_UTF8 = 0.5
_REPLACEMENT = "\ufffd"
_UTF8_REPLACEMENT = _REPLACEMENT.encode("utf-8")


@dataclass(frozen=True)
class Utf8Reading:
    """The bytes read as UTF-8 with every broken sequence replaced by U+FFFD, and how much was broken."""

    text: str
    valid: int  # non-ASCII characters decoded from valid sequences
    broken: int  # broken sequences (each became one U+FFFD)
    first_broken_at: int | None = None  # byte offset of the first broken sequence
    cut_bytes: int = 0  # the only break is a last character cut short: how many of its bytes are there

    @classmethod
    def of(cls, data: bytes) -> Utf8Reading:
        try:
            return cls(data.decode("utf-8"), 0, 0)
        except UnicodeDecodeError as error:
            first, at_end = error.start, error.reason == "unexpected end of data"
        text = data.decode("utf-8", errors="replace")
        broken = text.count(_REPLACEMENT) - data.count(_UTF8_REPLACEMENT)
        non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
        cut_bytes = len(data) - first if at_end and broken == 1 else 0
        return cls(text, non_ascii - broken, broken, first, cut_bytes)

    @property
    def is_clean(self) -> bool:
        return self.broken == 0

    @property
    def share_valid(self) -> float:
        return self.valid / (self.valid + self.broken) if self.broken else 1.0

    @property
    def is_mostly_valid(self) -> bool:
        """Damaged UTF-8 worth reading: mostly valid, or valid up to a last character cut short (a file
        that stops in the middle of a UTF-8 sequence is a download cut short, whatever came before)."""
        return self.cut_bytes > 0 or self.share_valid >= MIN_VALID_UTF8

    def decoded(self) -> _Decoded:
        return _Decoded(self.text, "utf-8", warnings=self._warnings())

    def _warnings(self) -> tuple[str, ...]:
        if self.broken == 0:
            return ()
        if self.cut_bytes:
            return (f"the file ends in the middle of a character (cut short?): its last {self.cut_bytes} "
                    "byte(s) were replaced with U+FFFD",)
        return (f"{self.broken} byte sequence(s) that are not valid UTF-8 were replaced with U+FFFD (the "
                f"first at byte {self.first_broken_at:,}); {self.share_valid:.1%} of the non-ASCII characters "
                "were read",)

    def why_not(self) -> str:
        """Why UTF-8 was not used either, added to the reason of a skipped file ("" when it has nothing
        to say: no valid UTF-8 at all)."""
        if self.valid == 0:
            return ""
        return (f": it is mostly undecodable as UTF-8 (only {self.share_valid:.0%} of its non-ASCII "
                "characters are valid) and no other encoding fits")


def _by_declared(data: bytes, declared: str | None) -> _Decoded | None:
    if not declared:
        return None
    try:
        encoding = codecs.lookup(declared).name
        note = f"decoded as {encoding}, the charset the page declares"
        return _Decoded(data.decode(encoding), encoding, (note,))
    except (LookupError, UnicodeDecodeError):
        return None


# Windows-1252's characters for 0x80..0x9F; the five bytes it leaves undefined keep their Latin-1
# reading so that nothing is lost.
_CP1252_HIGH = {
    b: bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}


def _windows_1252_reading(data: bytes) -> str:
    """What a Windows machine shows for these bytes: the text legacy font encodings are defined on."""
    return data.decode("latin-1").translate(_CP1252_HIGH)


def _by_vietnamese_8bit(data: bytes) -> _Decoded | None:
    """Windows-1258, TCVN3 or VNI: whichever reads best as Vietnamese, if one does clearly better
    than plain Windows-1252.

    Judged on the first 200 kB (single-byte encodings: any cut is clean), enough to tell and
    bounded work; only the winner decodes the whole file."""
    sample = data[:200_000]
    quality = {}
    for name in ("cp1252", "cp1258", "tcvn3", "vni"):
        text = _read_8bit(sample, name)
        if text is not None:
            quality[name] = vietnamese_quality(unicodedata.normalize("NFC", text))
    baseline = quality.pop("cp1252")
    best = max(quality, key=quality.__getitem__)
    text = _read_8bit(data, best) if quality[best] >= max(MIN_QUALITY, baseline + MIN_GAIN) else None
    if text is None:
        return None
    notes = () if best == "cp1258" else (f"converted from {_LEGACY_NAMES[best]}",)
    return _Decoded(text, best, notes)


def _read_8bit(data: bytes, encoding: str) -> str | None:
    """The bytes in one single-byte encoding; None where it leaves a byte undefined (cp1258)."""
    if encoding == "cp1258":
        try:
            return data.decode("cp1258")
        except UnicodeDecodeError:
            return None
    western = _windows_1252_reading(data)
    return western if encoding == "cp1252" else legacy_to_unicode(western, encoding)


def _by_charset_normalizer(data: bytes) -> _Decoded | None:
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    match = matches.best()
    if match is None:
        return None
    # Single-byte guesses often tie (cp1250, cp1252, cp1257 read "café" alike); for a file that is
    # neither Vietnamese nor UTF-8, Western European Windows text is by far the likeliest.
    western = [
        m
        for m in matches
        if m.encoding == "cp1252" and m.chaos <= match.chaos and m.coherence >= match.coherence
    ]
    match = western[0] if western else match
    note = f"encoding guessed by charset-normalizer: {match.encoding}"
    return _Decoded(str(match), match.encoding, (note,))


# --- Fixing decoded text --------------------------------------------------------------------------


def _repair(text: str, notes: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """Undo what decoding alone cannot: a legacy font encoding carried inside Unicode text (common in
    DOCX and HTML typed with .VnTime or VNI-Times fonts), and UTF-8 mojibake."""
    legacy = detect_legacy(text)
    if legacy is not None:
        text = legacy_to_unicode(text, legacy)
        notes += (f"converted from {_LEGACY_NAMES[legacy]}",)
    repaired = repair_mojibake(text)
    if repaired != text:
        text = repaired
        notes += ("mojibake repaired",)
    return text, notes


_INVISIBLE = re.compile(r"[\s\u200b-\u200d\u2060\ufeff]*")


def _is_blank(text: str) -> bool:
    return _INVISIBLE.fullmatch(text) is not None


# --- One reader per format ------------------------------------------------------------------------


def _read_plain(data: bytes, fmt: str) -> SourceText:
    decoded = _decode(data)
    text, notes = _repair(decoded.text, decoded.notes)
    if _is_blank(text):
        raise InputRejected("skipped", "empty file")
    return SourceText(text, fmt, decoded.encoding, notes, decoded.warnings)


def _read_html(data: bytes, fmt: str) -> SourceText:
    match = _META_CHARSET.search(data[:4096])
    decoded = _decode(data, declared=match.group(1).decode("ascii") if match else None)
    with _muted("trafilatura"):
        text, notes = _repair(html_to_text(decoded.text), decoded.notes)
    if _is_blank(text):
        raise InputRejected("skipped", "the HTML page has no text")
    return SourceText(text, fmt, decoded.encoding, notes, decoded.warnings)


def _read_pdf(data: bytes, fmt: str) -> SourceText:
    try:
        with _muted("pdfminer"):
            text = pdf_to_text(data)
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many unrelated types on broken files
        raise InputRejected("failed", f"could not parse the PDF: {_describe(exc)}") from exc
    if _is_blank(text):
        raise InputRejected("skipped", "the PDF has no text layer (scanned image?)")
    text, notes = _repair(text, ())
    return SourceText(text, fmt, None, notes)


def _read_docx(data: bytes, fmt: str) -> SourceText:
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
        blocks = [
            _table_text(block) if isinstance(block, Table) else block.text
            for block in document.iter_inner_content()
        ]
    except Exception as exc:  # noqa: BLE001 - a broken zip or XML surfaces as many exception types
        raise InputRejected("failed", f"could not parse the DOCX: {_describe(exc)}") from exc
    text = "\n\n".join(block.strip() for block in blocks if not _is_blank(block))
    if not text:
        raise InputRejected("skipped", "empty file (the document has no text)")
    text, notes = _repair(text, ())
    return SourceText(text, fmt, None, notes)


def _table_text(table) -> str:
    """A table as one paragraph: a line per row, cells separated by tabs."""
    return "\n".join("\t".join(cell.text.strip() for cell in row.cells) for row in table.rows)


@contextmanager
def _muted(logger: str) -> Iterator[None]:
    """A library's own warnings about a broken file ("EOF marker not found") would land on the analyst's
    terminal in the middle of the progress bar; the manifest already says what went wrong."""
    log = logging.getLogger(logger)
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        log.setLevel(level)


def _describe(exc: Exception) -> str:
    return str(exc) or type(exc).__name__


_READERS: dict[str, Callable[[bytes, str], SourceText]] = {
    ".txt": _read_plain,
    ".md": _read_plain,
    ".html": _read_html,
    ".htm": _read_html,
    ".pdf": _read_pdf,
    ".docx": _read_docx,
}
