"""Exact and near-duplicate documents: the same bulletin republished by another site is processed once.

A run keeps one `DuplicateIndex` and goes through its inputs in input order: `check(document)` says
whether a document repeats one kept before, `add(document)` keeps it (`check_and_add` does both). The
first seen wins; the later copies are recorded in the manifest as duplicates of it and give no records.
(Where documents are analysed in parallel, the check is made as their results come back in input order,
so the outcome does not depend on the engine or the number of workers.)

- exact: the same normalised text (the same `sha256`).
- near: the same bulletin with a different title line, dateline, spacing or punctuation, a site footer,
  a few words changed. Measured as the Jaccard similarity of the two documents' sets of 5-word shingles
  (lower-cased words, punctuation ignored), estimated by MinHash (120 values per document) and found
  through LSH buckets (40 bands of 3 values), so a check costs the same with 10 or 10,000 documents
  indexed. Two different bulletins about the same meeting share names and set phrases but few runs of
  five words (at most 0.15 on the bundled corpus); a republished copy shares most (0.7 and more).
  `NEAR_THRESHOLD` sits between the two.

Every hash is computed from the text alone (blake2b and fixed seeds, not Python's salted `hash`), so the
outcome does not change between runs or machines. Memory is bounded: the shingles of a large document
are hashed in chunks, and only 120 numbers and 40 band keys per kept document stay in the index.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple, Protocol

import numpy as np

__all__ = ["NEAR_THRESHOLD", "DocumentText", "DuplicateIndex", "Fingerprint", "duplicate_reason", "fingerprint"]

SHINGLE_WORDS = 5
NUM_HASHES = 120
# LSH: 40 bands of 3 values. Two documents are compared when one band is equal in both, which happens
# to 99.5% of pairs at 0.5 similarity (and all but 1 in 10^9 at 0.7), and to 4% of pairs at 0.1.
BANDS = 40
NEAR_THRESHOLD = 0.5
MIN_SHINGLES = 20  # below this (a text of under ~24 words) only exact copies are duplicates
_CHUNK = 4096  # shingles hashed at a time: bounds the (chunk x NUM_HASHES) work array to 4 MB

_WORD = re.compile(r"\w+")
_MULTIPLIER = np.uint64(0x100000001B3)  # odd: combining the five word hashes keeps their order


def _seeds(name: str) -> np.ndarray:
    """NUM_HASHES fixed 64-bit numbers derived from a name (not from a random generator, whose stream may
    change between numpy versions)."""
    digests = (hashlib.blake2b(f"{name}-{i}".encode(), digest_size=8).digest() for i in range(NUM_HASHES))
    return np.array([int.from_bytes(d, "little") for d in digests], dtype=np.uint64)


_SEEDS = _seeds("minhash-xor")
_ODD_SEEDS = _seeds("minhash-multiply") | np.uint64(1)


class _Document(Protocol):  # what the index reads of a `SourceDocument` (or a `DocumentText`)
    @property
    def source(self) -> str: ...
    @property
    def sha256(self) -> str: ...
    @property
    def text(self) -> str: ...


class DocumentText(NamedTuple):
    """A document as the index needs it, where no `SourceDocument` is at hand (a worker's result)."""

    source: str
    sha256: str
    text: str


@dataclass(frozen=True)
class Fingerprint:
    """What the index keeps of a document: its exact hash and its MinHash signature (None when the text
    is too short to judge near copies)."""

    sha256: str
    signature: np.ndarray | None


@lru_cache(maxsize=65536)
def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


def _mix(values: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser, element-wise (uint64 arithmetic wraps around by design)."""
    values = (values ^ (values >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    values = (values ^ (values >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return values ^ (values >> np.uint64(31))


def shingles(text: str) -> np.ndarray:
    """Hashes of the text's distinct 5-word shingles (uint64, sorted)."""
    words = np.fromiter((_word_hash(w) for w in _WORD.findall(text.casefold())), dtype=np.uint64)
    if len(words) < SHINGLE_WORDS:
        return np.empty(0, dtype=np.uint64)
    count = len(words) - SHINGLE_WORDS + 1
    combined = words[:count].copy()
    with np.errstate(over="ignore"):
        for offset in range(1, SHINGLE_WORDS):
            combined = combined * _MULTIPLIER + words[offset : offset + count]
        return np.unique(_mix(combined))


def _signature(hashes: np.ndarray) -> np.ndarray:
    """MinHash: for each of the NUM_HASHES seeded hash functions, the least value over the shingles.

    The shingle hashes are already well mixed, so each function is one xor-multiply-xorshift round."""
    signature = np.full(NUM_HASHES, np.iinfo(np.uint64).max, dtype=np.uint64)
    for start in range(0, len(hashes), _CHUNK):
        values = (hashes[start : start + _CHUNK, None] ^ _SEEDS[None, :]) * _ODD_SEEDS[None, :]
        values ^= values >> np.uint64(29)
        np.minimum(signature, values.min(axis=0), out=signature)
    return signature


def fingerprint(document: _Document) -> Fingerprint:
    """A document's fingerprint; pure and picklable, so worker processes can compute it."""
    hashes = shingles(document.text)
    return Fingerprint(document.sha256, _signature(hashes) if len(hashes) >= MIN_SHINGLES else None)


def similarity(first: Fingerprint, second: Fingerprint) -> float:
    """Estimated Jaccard similarity of the two documents' shingle sets (1.0 for the same text)."""
    if first.sha256 == second.sha256:
        return 1.0
    if first.signature is None or second.signature is None:
        return 0.0
    return float(np.count_nonzero(first.signature == second.signature)) / NUM_HASHES


_BAND_SALTS = _seeds("lsh-band")[:BANDS]  # one per band: equal values in two bands are two keys
_BAND_MULTIPLIERS = _seeds("lsh-band-values")[: NUM_HASHES // BANDS] | np.uint64(1)


def _band_keys(signature: np.ndarray) -> list[int]:
    """One number per band, its values and its place mixed. Two documents with one equal band share a key;
    two different bands rarely do, and then the similarity check turns the extra candidate away."""
    bands = signature.reshape(BANDS, -1) * _BAND_MULTIPLIERS[None, :]
    return (np.bitwise_xor.reduce(bands, axis=1) ^ _BAND_SALTS).tolist()


class DuplicateIndex:
    """The documents kept so far, to tell whether a new one repeats one of them.

    It keeps per document its hash, its source, its signature (one row of a numpy array) and its index under
    each of its band keys (one dict of Python ints for all bands): about 4 KB per document."""

    def __init__(self, threshold: float = NEAR_THRESHOLD):
        self.threshold = threshold
        self._exact: dict[str, str] = {}  # sha256 -> source
        self._sources: list[str] = []
        self._signatures = np.empty((64, NUM_HASHES), dtype=np.uint64)  # the first len(_sources) rows
        self._buckets: dict[int, int | list[int]] = {}  # band key -> the document, or documents, having it
        self._last: Fingerprint | None = None

    def __len__(self) -> int:
        return len(self._exact)

    def check(self, document: _Document, known: Fingerprint | None = None) -> tuple[str, str] | None:
        """("exact" | "near", source of the earlier document) if the document repeats a kept one, else None.

        Of several near matches the most similar wins, then the earliest. `known` is the document's
        fingerprint when it was computed elsewhere (e.g. in a worker process)."""
        if document.sha256 in self._exact:
            return "exact", self._exact[document.sha256]
        best = self._nearest(self._fingerprint(document, known))
        return ("near", self._sources[best]) if best is not None else None

    def add(self, document: _Document, known: Fingerprint | None = None) -> None:
        """Keep a document (one that `check` found no duplicate of): later copies will point to it."""
        if document.sha256 in self._exact:
            return
        self._exact[document.sha256] = document.source
        signature = self._fingerprint(document, known).signature
        if signature is None:
            return
        index = len(self._sources)
        self._sources.append(document.source)
        if index == len(self._signatures):
            self._signatures = np.concatenate([self._signatures, np.empty_like(self._signatures)])
        self._signatures[index] = signature
        for key in _band_keys(signature):
            found = self._buckets.setdefault(key, index)
            if isinstance(found, list):
                found.append(index)
            elif found != index:
                self._buckets[key] = [found, index]

    def check_and_add(self, document: _Document, known: Fingerprint | None = None) -> tuple[str, str] | None:
        """`check`, then `add` the document if it repeats none: one call per input, in input order."""
        found = self.check(document, known)
        if found is None:
            self.add(document, known)
        return found

    def _fingerprint(self, document: _Document, known: Fingerprint | None) -> Fingerprint:
        """`known`, or the document's fingerprint; the last one is kept, as `add` follows `check`."""
        if known is None:
            if self._last is None or self._last.sha256 != document.sha256:
                self._last = fingerprint(document)
            known = self._last
        return known

    def _candidates(self, signature: np.ndarray) -> list[int]:
        """The kept documents that share a band key with the signature, in input order."""
        found: set[int] = set()
        for key in _band_keys(signature):
            bucket = self._buckets.get(key)
            if isinstance(bucket, list):
                found.update(bucket)
            elif bucket is not None:
                found.add(bucket)
        return sorted(found)

    def _nearest(self, wanted: Fingerprint) -> int | None:
        if wanted.signature is None:
            return None
        candidates = self._candidates(wanted.signature)
        if not candidates:
            return None
        equal = np.count_nonzero(self._signatures[candidates] == wanted.signature, axis=1)
        best = int(np.argmax(equal))  # the first of the most similar
        return candidates[best] if equal[best] / NUM_HASHES >= self.threshold else None


def duplicate_reason(kind: str, original: str) -> str:
    """The manifest's reason for a duplicate."""
    if kind == "exact":
        return f"same text as {original}"
    return f"near-duplicate of {original} (the same text with small differences)"
