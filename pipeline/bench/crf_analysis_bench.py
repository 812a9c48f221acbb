"""Times FastTagger.tag against underthesea.ner on the same sentences.

Run from the repository root:  python -m pipeline.bench.crf_analysis_bench [corpus_dir]
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import underthesea

from pipeline.analyse.crf_analysis import get_tagger

CORPUS_DIR = Path(__file__).resolve().parents[2] / "corpus"
# "Long" for the speed-up target: underthesea's cost grows with the square of the length,
# so these are the sentences where the fast path matters.
LONG_SENTENCE_SYLLABLES = 40

_BLANK_LINES = re.compile(r"\n\s*\n")


def corpus_files(root: Path = CORPUS_DIR) -> list[Path]:
    return sorted(root.rglob("*.txt"))


def file_sentences(path: Path) -> list[str]:
    """Paragraphs split on blank lines, then sentences by underthesea.sent_tokenize."""
    # errors="replace": the corpus is written while we read it; a half-written character
    # must not stop the reader (any string is a valid tagger input anyway).
    text = path.read_text(encoding="utf-8", errors="replace")
    return [
        sentence
        for paragraph in _BLANK_LINES.split(text)
        if paragraph.strip()
        for sentence in underthesea.sent_tokenize(paragraph.strip())
    ]


def corpus_sentences(root: Path = CORPUS_DIR) -> Iterator[str]:
    for path in corpus_files(root):
        yield from file_sentences(path)


def _sentences_per_second(tag: Callable[[str], object], sentences: Sequence[str]) -> float:
    start = time.perf_counter()
    for sentence in sentences:
        tag(sentence)
    elapsed = time.perf_counter() - start
    return len(sentences) / elapsed if elapsed > 0 else float("inf")


def benchmark(sentences: Sequence[str]) -> dict:
    """Sentences per second of underthesea.ner and FastTagger.tag, and their ratio."""
    sentences = list(sentences)
    tagger = get_tagger()
    # Warm up both so model loading is not timed.
    underthesea.ner("Hà Nội là thủ đô của Việt Nam.")
    tagger.tag("Hà Nội là thủ đô của Việt Nam.")
    if not sentences:
        return {"sentences": 0, "underthesea_per_s": None, "fast_per_s": None, "speedup": None}
    slow = _sentences_per_second(underthesea.ner, sentences)
    fast = _sentences_per_second(tagger.tag, sentences)
    return {
        "sentences": len(sentences),
        "syllables": sum(len(sentence.split()) for sentence in sentences),
        "underthesea_per_s": round(slow, 1),
        "fast_per_s": round(fast, 1),
        "speedup": round(fast / slow, 2),
    }


def main(argv: Sequence[str] = ()) -> None:
    root = Path(argv[0]) if argv else CORPUS_DIR
    sentences = list(corpus_sentences(root))
    long_sentences = [s for s in sentences if len(s.split()) >= LONG_SENTENCE_SYLLABLES]
    print("all sentences: ", benchmark(sentences))
    print(f"long (>= {LONG_SENTENCE_SYLLABLES} syllables):", benchmark(long_sentences))


if __name__ == "__main__":
    main(sys.argv[1:])
