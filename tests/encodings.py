"""Encoders the tests use to build legacy-encoded input files."""

from __future__ import annotations

import unicodedata

TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def encode_cp1258(text: str) -> bytes:
    """Windows-1258 as Windows writes it: a precomposed letter where the code page has it, otherwise
    the letter without its tone followed by the combining tone mark."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
            out += (base + "".join(c for c in parts if c in TONE_MARKS)).encode("cp1258")
    return bytes(out)
