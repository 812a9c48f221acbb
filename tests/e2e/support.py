"""What the review tests share (tests/test_review_*.py and tests/e2e/): a small dataset made by the real
pipeline from two bulletins of the corpus and one hostile bulletin, and ways to change them and run again.

Datasets are built once per test session and copied for each test that writes decisions, so tests stay
independent and the whole review suite runs in well under a minute.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from pipeline.runtime.run import run_to

ROOT = Path(__file__).resolve().parents[2]
BULLETINS = ("dev/vi-a-amme17-vientiane-2023.txt", "dev/en-amme17-vientiane.txt")
VI_SOURCE, EN_SOURCE, HOSTILE_SOURCE = "vi-a-amme17-vientiane-2023.txt", "en-amme17-vientiane.txt", "hostile.txt"
HOSTILE_TITLE = "Bản tin <script>window.__pwned = 1</script> thử nghiệm"
HOSTILE_TEXT = (
    f"{HOSTILE_TITLE}\n\n"
    "Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17 <img src=x onerror=\"window.__pwned = 2\"> diễn ra ngày "
    "22/8/2023 tại Viên Chăn, Lào. Việt Nam cam kết đạt mức phát thải ròng bằng “0” vào năm 2050 "
    "</textarea></script><script>window.__pwned = 3</script>.\n"
)
ADDED_PARAGRAPH = "Bản tin cập nhật: phần mở đầu này được thêm vào sau lần chạy đầu tiên.\n\n"


def write_corpus(folder: Path) -> Path:
    """Two real bulletins and a hostile one in folder/corpus."""
    corpus = folder / "corpus"
    corpus.mkdir(parents=True)
    for name in BULLETINS:
        shutil.copy(ROOT / "corpus" / name, corpus / Path(name).name)
    (corpus / HOSTILE_SOURCE).write_text(HOSTILE_TEXT, encoding="utf-8")
    return corpus


def build(folder: Path) -> Path:
    """folder/corpus run into folder/outputs; returns the dataset folder."""
    out = folder / "outputs"
    run_to([folder / "corpus"], out)
    return out


def cached_dataset(base: Path) -> Path:
    """The session's pristine dataset under base, built the first time it is asked for."""
    if not (base / "outputs" / "manifest.json").exists():
        shutil.rmtree(base, ignore_errors=True)
        write_corpus(base)
        build(base)
    return base


def working_copy(pristine: Path, folder: Path) -> Path:
    """A copy of corpus + dataset that a test may review and re-run; returns the dataset folder."""
    shutil.copytree(pristine, folder, dirs_exist_ok=True)
    return folder / "outputs"


def insert_opening_paragraph(corpus: Path, name: str) -> None:
    """A new first paragraph after the title: the document's id and every offset in it change."""
    path = corpus / name
    title, rest = path.read_text(encoding="utf-8").split("\n\n", 1)
    path.write_text(f"{title}\n\n{ADDED_PARAGRAPH}{rest}", encoding="utf-8")


def reword(corpus: Path, name: str, old: str, new: str) -> None:
    path = corpus / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def csrf_token(html: str) -> str:
    found = re.search(r'<meta name="csrf-token" content="([^"]+)"', html)
    assert found, "the page carries no CSRF token"
    return found.group(1)


def start_review_server(dataset: Path, db: Path, timeout: float = 30.0):
    """`python -m pipeline review --port 0` as a subprocess; returns (process, url) once it listens."""
    import select
    import subprocess
    import sys

    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "review", "--out", str(dataset), "--db", str(db), "--port", "0",
         "--reviewer", "subprocess"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    ready, _, _ = select.select([process.stdout], [], [], timeout)
    line = process.stdout.readline() if ready else ""
    found = re.search(r"http://127\.0\.0\.1:\d+/", line)
    if not found:
        process.kill()
        _, errors = process.communicate(timeout=10)
        raise AssertionError(f"the review server did not start within {timeout:.0f}s: {line!r} {errors[-2000:]}")
    return process, found.group(0)
