"""A large corpus of varied bulletins made from the bundled ones, for benchmarks and scale tests.

    python -m pipeline.bench.big_corpus --count 10000 --out bench-corpus/

Each bulletin keeps the title, dateline and lead paragraph of one bundled bulletin (taken in turn, so
every one serves), then adds sentences drawn from other bulletins of the same language, regrouped into
paragraphs, with years and meeting editions shifted. So the bulletins are as varied as the bundled ones
allow: no two share their text, and two made from the same bundled bulletin share its lead and little
else. The same arguments always give the same files (a seeded random generator per bulletin). The
result is not committed: generate it where you need it.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parents[2] / "corpus"
PER_FOLDER = 1000  # bulletins per sub-folder, so no folder holds 10,000 files

_BLANK_LINES = re.compile(r"\n[ \t]*\n+")
# Sentence ends: ". " (or "!", "?") before a capital letter or an opening quote.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ“\"(])")
_YEAR = re.compile(r"\b(20[0-4]\d)\b")
_VI_EDITION = re.compile(r"(lần thứ )(\d{1,2})\b")
_EN_EDITION = re.compile(r"\b(\d{1,2})(st|nd|rd|th)\b")


@dataclass(frozen=True)
class Bulletin:
    lang: str
    head: list[str]  # title, dateline, lead paragraph
    sentences: list[str]  # the rest, as sentences (list paragraphs stay whole)


def _language(path: Path) -> str:
    return "en" if path.name.startswith("en-") else "vi"


def _sentences(paragraph: str) -> list[str]:
    if "\n" in paragraph:  # a list or a table: one unit, its lines belong together
        return [paragraph]
    return [piece for piece in _SENTENCE_END.split(paragraph) if piece.strip()]


def load_bulletins(root: Path = CORPUS_DIR) -> list[Bulletin]:
    bulletins = []
    for path in sorted(root.rglob("*.txt")):
        paragraphs = [p.strip() for p in _BLANK_LINES.split(path.read_text(encoding="utf-8")) if p.strip()]
        if len(paragraphs) < 3:
            continue
        body = [s for paragraph in paragraphs[3:] for s in _sentences(paragraph)]
        bulletins.append(Bulletin(_language(path), paragraphs[:3], body))
    return bulletins


def _ordinal_suffix(number: int) -> str:
    if 10 <= number % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")


def _shift(text: str, years: int, editions: int) -> str:
    text = _YEAR.sub(lambda m: str(int(m[1]) + years), text)
    text = _VI_EDITION.sub(lambda m: f"{m[1]}{max(1, int(m[2]) + editions)}", text)
    return _EN_EDITION.sub(lambda m: f"{(n := max(1, int(m[1]) + editions))}{_ordinal_suffix(n)}", text)


def make_bulletin(number: int, bulletins: list[Bulletin], seed: int) -> tuple[str, str]:
    """(language, text) of generated bulletin `number`."""
    rng = random.Random(seed * 1_000_003 + number)
    base = bulletins[number % len(bulletins)]
    pool = [s for b in bulletins if b.lang == base.lang for s in b.sentences]
    body = rng.sample(pool, min(len(pool), rng.randint(6, 18)))
    paragraphs, index = [], 0
    while index < len(body):
        size = rng.randint(1, 4)
        paragraphs.append(" ".join(body[index : index + size]))
        index += size
    footer = f"Bản tin số {number + 1}." if base.lang == "vi" else f"Bulletin no. {number + 1}."
    text = "\n\n".join([*base.head, *paragraphs, footer]) + "\n"
    return base.lang, _shift(text, years=rng.randint(-3, 3), editions=rng.choice((0, 0, 1, -1, 2)))


def write_corpus(out: Path, count: int, seed: int = 1, source: Path = CORPUS_DIR) -> list[Path]:
    bulletins = load_bulletins(source)
    if not bulletins:
        raise ValueError(f"no bulletins to build from under {source}")
    written = []
    for number in range(count):
        lang, text = make_bulletin(number, bulletins, seed)
        path = out / f"{number // PER_FOLDER:03d}" / f"{lang}-{number:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.bench.big_corpus", description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="how many bulletins (default 10000)")
    parser.add_argument("--out", type=Path, default=Path("bench-corpus"), help="folder to write (default bench-corpus)")
    parser.add_argument("--seed", type=int, default=1, help="another seed gives another corpus (default 1)")
    parser.add_argument("--source", type=Path, default=CORPUS_DIR, help="bulletins to build from (default corpus/)")
    args = parser.parse_args(argv)
    written = write_corpus(args.out, args.count, args.seed, args.source)
    size = sum(path.stat().st_size for path in written)
    print(f"{len(written)} bulletins ({size / 1e6:.1f} MB) written to {args.out}/", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
