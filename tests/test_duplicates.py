"""Tests of pipeline/ingest/duplicates.py: exact and near-duplicate documents, first seen wins.

Near copies are generated here from the bundled corpus: the same bulletin republished with a new title
line, a new dateline, other spacing, a site footer and a few words changed."""

from __future__ import annotations

import hashlib
import itertools
import pickle
import random
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

import pipeline
from pipeline.ingest.document import build_document
from pipeline.ingest.duplicates import (
    NEAR_THRESHOLD,
    DuplicateIndex,
    duplicate_reason,
    fingerprint,
    similarity,
)

REPO = Path(pipeline.__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
CORPUS_FILES = sorted(CORPUS.rglob("*.txt"))
AMME17_VI = CORPUS / "dev" / "vi-a-amme17-vientiane-2023.txt"
AMME17_REPORT = CORPUS / "dev" / "asean-environment-cooperation-2023.txt"  # also reports the 17th AMME
FOOTER = (
    "Nguồn: Cổng thông tin điện tử Bộ Tài nguyên và Môi trường. Ghi rõ nguồn khi phát hành lại "
    "thông tin từ website này. Bản quyền thuộc về cơ quan chủ quản."
)


def document(text: str, source: str):
    return build_document(text, source)


def republished(text: str, seed: int = 0, changes: int = 5) -> str:
    """The same bulletin as another site prints it: new title line and dateline, other spacing, a few
    words changed, a footer."""
    rng = random.Random(seed)
    paragraphs = text.split("\n\n")
    paragraphs[0] = "TIN MỚI | " + paragraphs[0].upper()
    paragraphs.insert(1, "Cập nhật: 08:15 ngày 25/08/2023")
    words = "\n\n".join(paragraphs).split(" ")
    for _ in range(changes):
        words[rng.randrange(len(words))] = rng.choice(["các", "đã", "nhằm", "the", "và"])
    return "  ".join(words) + "\n\n" + FOOTER


def fake(text: str, source: str) -> SimpleNamespace:
    """What the index reads of a document, without the cost of building one."""
    return SimpleNamespace(text=text, source=source, sha256=hashlib.sha256(text.encode()).hexdigest())


def test_duplicates_exact_copy_points_to_the_first():
    index = DuplicateIndex()
    text = AMME17_VI.read_text(encoding="utf-8")
    first, copy = document(text, "a.txt"), document(text, "b.txt")
    assert index.check(first) is None
    index.add(first)
    assert index.check(copy) == ("exact", "a.txt")


def test_duplicates_exact_copy_of_a_short_text():
    index = DuplicateIndex()
    index.add(fake("Ảnh minh họa", "a.txt"))
    assert index.check(fake("Ảnh minh họa", "b.txt")) == ("exact", "a.txt")


@pytest.mark.parametrize("path", CORPUS_FILES, ids=[p.stem for p in CORPUS_FILES])
def test_duplicates_republished_copy_is_a_near_duplicate(path):
    text = path.read_text(encoding="utf-8")
    original, copy = document(text, "site-a.txt"), document(republished(text), "site-b.txt")
    assert original.sha256 != copy.sha256
    index = DuplicateIndex()
    index.add(original)
    assert index.check(copy) == ("near", "site-a.txt")


def test_duplicates_two_bulletins_about_the_17th_amme_are_not_duplicates():
    index = DuplicateIndex()
    first = document(AMME17_VI.read_text(encoding="utf-8"), "amme17.txt")
    second = document(AMME17_REPORT.read_text(encoding="utf-8"), "report.txt")
    assert "lần thứ 17" in first.text and "lần thứ 17" in second.text
    index.add(first)
    assert index.check(second) is None
    assert similarity(fingerprint(first), fingerprint(second)) < NEAR_THRESHOLD / 3


def test_duplicates_generated_bulletins_about_the_same_meeting_are_not_duplicates():
    """Two sites' own reports of one meeting: the same names, dates and set phrases, other sentences."""
    first = (
        "Khai mạc Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17\n\n"
        "Viên Chăn, 22/8/2023 - Sáng nay, Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17 (AMME-17) đã khai "
        "mạc tại Viên Chăn, Lào. Phát biểu khai mạc, Bộ trưởng Tài nguyên và Môi trường Lào nhấn mạnh vai trò "
        "của hợp tác khu vực trong ứng phó với biến đổi khí hậu và ô nhiễm khói mù xuyên biên giới. Đoàn Việt "
        "Nam do Thứ trưởng Bộ Tài nguyên và Môi trường dẫn đầu tham dự hội nghị."
    )
    second = (
        "AMME-17 bế mạc, thông qua Tuyên bố chung về biến đổi khí hậu\n\n"
        "Viên Chăn, 24/8/2023 - Chiều 24/8, Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17 (AMME-17) đã bế "
        "mạc sau ba ngày làm việc. Các bộ trưởng đã thông qua Tuyên bố chung ASEAN về biến đổi khí hậu gửi "
        "COP28 và nhất trí tăng cường hợp tác về quản lý chất thải nhựa đại dương. Hội nghị lần thứ 18 sẽ "
        "được tổ chức tại Ma-lai-xi-a vào năm 2025."
    )
    index = DuplicateIndex()
    index.add(document(first, "a.txt"))
    assert index.check(document(second, "b.txt")) is None


def test_duplicates_no_two_corpus_bulletins_are_duplicates():
    index = DuplicateIndex()
    found = {}
    for path in CORPUS_FILES:
        item = document(path.read_text(encoding="utf-8"), path.name)
        found[path.name] = index.check(item)
        index.add(item)
    assert {name: hit for name, hit in found.items() if hit} == {}
    assert len(index) == len(CORPUS_FILES)


def test_duplicates_the_english_and_vietnamese_reports_of_one_meeting_are_not_duplicates():
    index = DuplicateIndex()
    index.add(document((CORPUS / "dev" / "en-amme17-vientiane.txt").read_text(encoding="utf-8"), "en.txt"))
    assert index.check(document(AMME17_VI.read_text(encoding="utf-8"), "vi.txt")) is None


def test_duplicates_first_seen_wins_in_input_order():
    text = AMME17_VI.read_text(encoding="utf-8")
    a, b = document(text, "a.txt"), document(republished(text), "b.txt")
    for first, second in ((a, b), (b, a)):
        index = DuplicateIndex()
        index.add(first)
        assert index.check(second) == ("near", first.source)


def test_duplicates_most_similar_earlier_document_wins():
    text = AMME17_VI.read_text(encoding="utf-8")
    far, close = republished(text, seed=1, changes=40), republished(text, seed=2, changes=2)
    index = DuplicateIndex()
    index.add(document(far, "far.txt"))
    index.add(document(close, "close.txt"))  # the run adds only documents check() let through; fine here
    assert index.check(document(text, "new.txt")) == ("near", "close.txt")


def test_duplicates_short_texts_are_only_exact_duplicates():
    index = DuplicateIndex()
    index.add(fake("Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17 diễn ra tại Viên Chăn.", "a.txt"))
    assert index.check(fake("Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17 diễn ra tại Viên Chăn, Lào.", "b")) is None


@pytest.mark.parametrize("text", ["", "   ", "!!! ??? ...", "(((((", "a"])
def test_duplicates_texts_without_words_do_not_break_the_index(text):
    index = DuplicateIndex()
    index.add(fake(text, "a.txt"))
    assert index.check(fake(text + " x", "b.txt")) is None


def test_duplicates_reasons_name_the_original():
    assert duplicate_reason("exact", "dev/a.txt") == "same text as dev/a.txt"
    assert duplicate_reason("near", "dev/a.txt").startswith("near-duplicate of dev/a.txt")


def test_duplicates_fingerprint_is_picklable_and_usable_in_the_index():
    text = AMME17_VI.read_text(encoding="utf-8")
    original, copy = document(text, "a.txt"), document(republished(text), "b.txt")
    index = DuplicateIndex()
    index.add(original, pickle.loads(pickle.dumps(fingerprint(original))))
    assert index.check(copy, pickle.loads(pickle.dumps(fingerprint(copy)))) == ("near", "a.txt")


def test_duplicates_fingerprint_is_the_same_in_another_process():
    """No salted `hash()`: the outcome cannot change between runs (PYTHONHASHSEED differs)."""
    text = AMME17_VI.read_text(encoding="utf-8")
    script = (
        "import sys, types; from pipeline.ingest.duplicates import fingerprint; "
        "d = types.SimpleNamespace(text=sys.stdin.read(), sha256='x', source='x'); "
        "print(fingerprint(d).signature.tobytes().hex())"
    )
    outputs = {
        subprocess.run([sys.executable, "-c", script], input=text, capture_output=True, text=True, check=True,
                       env={"PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO)}).stdout
        for seed in ("1", "2")
    }
    assert outputs == {fingerprint(fake(text, "x")).signature.tobytes().hex() + "\n"}


def test_duplicates_ten_thousand_documents_stay_fast():
    rng = random.Random(5)
    vocabulary = [f"từ{i}" for i in range(3000)]
    texts = [" ".join(rng.choices(vocabulary, k=60)) for _ in range(10_000)]
    planted = {9_000 + i: i * 7 for i in range(50)}  # document -> the earlier one it republishes
    for late, early in planted.items():
        texts[late] = "Tin mới: " + texts[early] + " Nguồn: báo điện tử."
    index = DuplicateIndex()
    started = time.perf_counter()
    found = {}
    for number, text in enumerate(texts):
        item = fake(text, f"d{number}")
        hit = index.check(item)
        if hit:
            found[number] = int(hit[1][1:])
        else:
            index.add(item)
    elapsed = time.perf_counter() - started
    assert found == planted
    assert elapsed < 30, f"10,000 documents took {elapsed:.1f}s"


def test_duplicates_index_lookup_does_not_grow_with_the_index():
    rng = random.Random(6)
    vocabulary = [f"w{i}" for i in range(3000)]
    prints = [fingerprint(fake(" ".join(rng.choices(vocabulary, k=40)), f"d{i}")) for i in range(4000)]
    probes = [(fake("", f"p{i}"), fingerprint(fake(" ".join(rng.choices(vocabulary, k=40)), f"p{i}")))
              for i in range(300)]
    index = DuplicateIndex()

    def probe_time() -> float:
        started = time.perf_counter()
        for item, known in probes:
            assert index.check(SimpleNamespace(text="", source=item.source, sha256=known.sha256), known) is None
        return time.perf_counter() - started

    for number, known in enumerate(prints[:100]):
        index.add(SimpleNamespace(source=f"d{number}", sha256=known.sha256, text=""), known)
    small = probe_time()
    for number, known in enumerate(prints[100:], start=100):
        index.add(SimpleNamespace(source=f"d{number}", sha256=known.sha256, text=""), known)
    large = probe_time()
    assert large < 5 * small + 0.05, (small, large)


def test_duplicates_large_document_is_fingerprinted_in_bounded_time():
    words = [f"từ{i % 9973}" for i in range(400_000)]  # about 3 MB of text
    started = time.perf_counter()
    result = fingerprint(fake(" ".join(words), "big.txt"))
    assert result.signature is not None
    assert time.perf_counter() - started < 10


def test_duplicates_pairwise_similarity_is_symmetric():
    prints = [fingerprint(fake(p.read_text(encoding="utf-8"), p.name)) for p in CORPUS_FILES[:6]]
    for first, second in itertools.combinations(prints, 2):
        assert similarity(first, second) == similarity(second, first)
