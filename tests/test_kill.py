"""No data loss: a run killed with SIGKILL at any moment leaves the previous dataset as it was.

A dataset is built once; then runs on other bulletins are started as subprocesses and killed at random
moments (half of them while they write their staging folder, where it matters most). After every kill the
output folder holds, byte for byte, either the previous dataset or the complete new one (if the kill came
after the swap), and it can be read. A last, normal run removes what the killed runs left behind.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

import pipeline

REPO = Path(pipeline.__file__).resolve().parents[1]
CORPUS = REPO / "corpus" / "dev"
CORPUS_A = ["vi-a-amme17-vientiane-2023.txt", "en-amme17-vientiane.txt"]
CORPUS_B = ["vi-b-inc2-paris-nhua.txt", "en-cop28-joint-statement.txt", "vi-a-cop26-glasgow-2021.txt"]
KILLS = 8
SEED = int(os.environ.get("KILL_TEST_SEED", "20230822"))

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")


def start(corpus: Path, out: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen([sys.executable, "-m", "pipeline", "run", str(corpus), "--out", str(out), "--quiet"],
                            env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def run(corpus: Path, out: Path) -> float:
    started = time.perf_counter()
    process = start(corpus, out)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr.decode()
    return time.perf_counter() - started


def snapshot(folder: Path, skip: set[str] = frozenset()) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name not in skip}


def assert_usable(folder: Path) -> None:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    documents = [json.loads(line) for line in (folder / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(documents) == manifest["counts"]["documents"] > 0
    connection = duckdb.connect(str(folder / "dataset.duckdb"), read_only=True)
    try:
        assert connection.execute("SELECT count(*) FROM documents").fetchone()[0] == len(documents)
    finally:
        connection.close()


def leftovers(out: Path) -> list[str]:
    """What runs left beside the dataset: staging folders `<out>.tmp-<pid>`, a `<out>.previous`, and the
    hidden folders where a run's records wait (`.<out>.records-...`)."""
    return sorted(p.name for p in out.parent.iterdir()
                  if p.name.startswith((out.name + ".", "." + out.name + ".")))


def corpus_folder(root: Path, names: list[str]) -> Path:
    root.mkdir()
    for name in names:
        (root / name).write_bytes((CORPUS / name).read_bytes())
    return root


def kill_at_random(process: subprocess.Popen, out: Path, rng: random.Random, whole_run: float,
                   while_writing: bool) -> str:
    """SIGKILL the run at a random moment: anywhere in it, or once its staging folder exists."""
    started = time.perf_counter()
    if while_writing:
        staging = out.with_name(f"{out.name}.tmp-{process.pid}")
        while not staging.exists() and process.poll() is None and time.perf_counter() - started < 60:
            time.sleep(0.005)
        time.sleep(rng.uniform(0, 0.6))
    else:
        time.sleep(rng.uniform(0, whole_run))
    moment = f"{time.perf_counter() - started:.2f}s{' after staging' if while_writing else ''}"
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)
    return moment if process.returncode == -signal.SIGKILL else f"{moment} (finished first)"


def assert_complete(folder: Path, corpus: Path, files: set[str]) -> None:
    """The dataset of a finished run on `corpus`: every file, every input, every row its manifest counts."""
    assert set(snapshot(folder)) == files
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(item["source"] for item in manifest["inputs"]) == sorted(p.name for p in corpus.iterdir())
    for table in ("documents", "sentences", "entities", "meetings", "commitments"):
        rows = (folder / f"{table}.jsonl").read_text(encoding="utf-8").splitlines()
        assert len(rows) == manifest["counts"][table], table


def test_kill_at_random_moments_never_loses_the_previous_dataset(tmp_path):
    rng = random.Random(SEED)
    corpora = {"A": corpus_folder(tmp_path / "a", CORPUS_A), "B": corpus_folder(tmp_path / "b", CORPUS_B)}
    out = tmp_path / "dataset"
    whole_run = run(corpora["A"], out)
    current, previous = "A", snapshot(out)
    log = []
    for attempt in range(KILLS):
        other = "B" if current == "A" else "A"
        process = start(corpora[other], out)
        moment = kill_at_random(process, out, rng, whole_run, while_writing=attempt % 2 == 1)
        assert (out / "manifest.json").is_file(), f"kill at {moment} left no dataset in place"
        now = snapshot(out)
        if now == previous:
            log.append(f"{moment}: previous dataset intact")
        else:  # the kill came after the swap: the new dataset must then be complete
            assert_complete(out, corpora[other], set(previous))
            log.append(f"{moment}: new dataset complete")
            current, previous = other, now
        assert_usable(out)
    print("\n".join(log))

    run(corpora["A"], out)  # a normal run completes and cleans up after the killed ones
    assert_complete(out, corpora["A"], set(previous))
    assert_usable(out)
    assert leftovers(out) == []


# The moments around the swap, hit exactly: the writer kills itself there (its functions wrapped). The
# dataset is the writer's alone here (empty tables): no need to run the pipeline for it.
WRITE = """
import os, signal, sys
from pathlib import Path
from pipeline.output import writer
from pipeline.schema import TABLES, Manifest

def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

def after(function):
    def wrapped(*args, **kwargs):
        result = function(*args, **kwargs)
        die()
        return result
    return wrapped

out, version, point = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
if point == "before the swap":
    writer._swap = die
elif point == "after the exchange":
    writer._exchange = after(writer._exchange)
elif point == "while writing tables":
    writer.write_tabular = die
manifest = Manifest(tool=writer.TOOL_NAME, version=version, versions={}, rules_sha256="x", inputs=[], counts={})
writer.write_dataset(out, {name: [] for name in TABLES}, manifest, {})
print(os.getpid())
"""


def write(out: Path, version: str, point: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-c", WRITE, str(out), version, point], env=env, capture_output=True,
                          text=True)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the atomic exchange is Linux's renameat2")
@pytest.mark.parametrize("point", ["while writing tables", "before the swap", "after the exchange"])
def test_kill_at_the_swap_leaves_a_complete_dataset_in_place(tmp_path, point):
    out = tmp_path / "dataset"
    assert write(out, "old").returncode == 0
    before = snapshot(out)
    died = write(out, "new", point)
    assert died.returncode == -signal.SIGKILL, died.stderr
    version = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["version"]
    if point == "after the exchange":
        assert version == "new"  # complete; the old one waits in the staging folder, to be cleaned up
        assert len(leftovers(out)) == 1 and leftovers(out)[0].startswith(f"{out.name}.tmp-")
    else:
        assert snapshot(out) == before
    assert write(out, "next").returncode == 0  # the next run cleans up
    assert leftovers(out) == []
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["version"] == "next"


def test_kill_stale_working_folders_are_removed_by_the_next_run(tmp_path):
    out = tmp_path / "dataset"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()  # a process id that no longer runs
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        for pid in (dead.pid, alive.pid):
            for name in (f"{out.name}.tmp-{pid}", f".{out.name}.records-{pid}-x1y2z3"):
                (tmp_path / name).mkdir()
                (tmp_path / name / "documents.jsonl").write_text("half written", encoding="utf-8")
        assert write(out, "new").returncode == 0
        # The dead run's folders are gone; a run still in progress keeps its own.
        assert leftovers(out) == sorted([f"{out.name}.tmp-{alive.pid}", f".{out.name}.records-{alive.pid}-x1y2z3"])
    finally:
        alive.kill()
        alive.wait()
