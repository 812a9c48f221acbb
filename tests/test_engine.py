"""Engines: the same dataset, byte for byte, whatever runs the per-document work and in whatever order
the workers finish; duplicates decided by input order; per-document results as plain picklable data."""

from __future__ import annotations

import pickle
import threading
import time
from pathlib import Path

import pytest

from pipeline.runtime.engines import Ready, in_order, make_engine
from pipeline.runtime.run import run, run_to
from pipeline.runtime.work import DocumentResult, process_file

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
COMPARED = ("*.jsonl", "*.csv", "*.parquet", "manifest.json", "schema/*.json")


def small_corpus(folder: Path) -> Path:
    """A few bulletins in each language, a repeat of one, an empty file and an unsupported one."""
    folder.mkdir()
    bulletins = sorted(CORPUS.rglob("vi-*.txt"))[:3] + sorted(CORPUS.rglob("en-*.txt"))[:2]
    for path in bulletins:
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "zz-repeat.txt").write_bytes(bulletins[0].read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "notes.xls").write_bytes(b"not a bulletin")
    return folder


def dataset_files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for pattern in COMPARED for path in sorted(folder.glob(pattern))}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return small_corpus(tmp_path_factory.mktemp("engine") / "in")


@pytest.fixture(scope="module")
def serial_dataset(corpus: Path, tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("serial") / "out"
    run_to([corpus], out)
    return dataset_files(out)


def test_engine_serial_dataset_has_every_table(serial_dataset):
    assert {"documents.jsonl", "meetings.jsonl", "manifest.json", "meetings.parquet"} <= set(serial_dataset)
    assert serial_dataset["meetings.jsonl"], "the small corpus should give meetings to compare"


def test_engine_two_local_workers_byte_identical(corpus, serial_dataset, tmp_path):
    engine = make_engine("local", 2)
    try:
        run_to([corpus], tmp_path / "out", engine=engine)
    finally:
        engine.close()
    assert dataset_files(tmp_path / "out") == serial_dataset


def test_engine_dask_local_cluster_byte_identical(corpus, serial_dataset, tmp_path):
    pytest.importorskip("distributed")
    engine = make_engine("dask", 2)  # a local cluster of two worker processes
    try:
        assert engine.workers == 2
        run_to([corpus], tmp_path / "out", engine=engine)
    finally:
        engine.close()
    assert dataset_files(tmp_path / "out") == serial_dataset


def test_engine_spilled_tables_equal_in_memory_tables(corpus, tmp_path):
    in_memory = run([corpus])
    spilled = run([corpus], spill_dir=tmp_path)
    try:
        assert list(spilled.tables) == list(in_memory.tables)
        for name, records in in_memory.tables.items():
            assert len(spilled.tables[name]) == len(records), name
            assert [r.model_dump() for r in spilled.tables[name]] == [r.model_dump() for r in records], name
    finally:
        spilled.close()
    assert list(tmp_path.iterdir()) == [], "closing the result removes its records from disk"


def test_engine_duplicate_is_the_later_input_whatever_finishes_first(corpus):
    engine = make_engine("local", 2)
    try:
        result = run([corpus], engine=engine)
    finally:
        engine.close()
    outcomes = {item.source: item for item in result.manifest.inputs}
    original = sorted(p.name for p in corpus.glob("vi-*.txt"))[0]
    assert outcomes["zz-repeat.txt"].status == "duplicate"
    assert outcomes["zz-repeat.txt"].duplicate_of == original
    assert outcomes[original].status == "processed"
    assert {outcomes["empty.txt"].status, outcomes["notes.xls"].status} == {"skipped"}


class _Slow:
    """A pending result that takes longer the earlier it was submitted (so later ones finish first)."""

    def __init__(self, value: int, delay: float, finished: list[int]):
        self._done = threading.Event()
        self.value = value

        def work():
            time.sleep(delay)
            finished.append(value)
            self._done.set()

        threading.Thread(target=work, daemon=True).start()

    def result(self) -> int:
        self._done.wait()
        return self.value


def test_in_order_yields_in_submission_order_not_completion_order():
    finished: list[int] = []
    jobs = [lambda i=i: _Slow(i, 0.05 * (5 - i), finished) for i in range(5)]
    assert list(in_order(jobs, window=5)) == [0, 1, 2, 3, 4]
    assert finished != [0, 1, 2, 3, 4], "the jobs should have finished out of order"


def test_in_order_keeps_at_most_window_in_flight():
    started: list[int] = []
    seen_in_flight = []

    def job(i: int):
        started.append(i)
        return Ready(i)

    for value in in_order((lambda i=i: job(i) for i in range(10)), window=3):
        seen_in_flight.append(len(started) - value)
    assert max(seen_in_flight) <= 3


class _RecordingEngine:
    """Batches as for two workers, each run here at once; remembers the files of each piece of work."""

    workers = 2

    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    def start(self, prepare) -> None:
        pass

    def submit(self, fn, /, *args):
        self.batches.append([path.name for path, _root in args[0]])
        return Ready(fn(*args))

    def peak_memory_mb(self) -> None:
        return None

    def close(self) -> None:
        pass


def test_workers_get_consecutive_uncached_files_in_batches_first_alone(corpus, tmp_path):
    names = sorted(path.name for path in corpus.iterdir())
    cached = [names[2], names[5]]
    part = tmp_path / "part"
    part.mkdir()
    for name in cached:
        (part / name).write_bytes((corpus / name).read_bytes())
    run([part], cache_dir=tmp_path / "cache")  # the same names and texts: cache hits in the full run
    engine = _RecordingEngine()
    batched = run([corpus], engine=engine, cache_dir=tmp_path / "cache")
    assert engine.batches == [names[:1], names[1:2], names[3:5], names[6:]]
    assert batched.manifest.inputs == run([corpus]).manifest.inputs
    uncached = _RecordingEngine()
    run([corpus], engine=uncached)
    assert uncached.batches == [names[:1], names[1:5], names[5:]]


def test_process_file_result_is_plain_picklable_data(corpus):
    path = sorted(corpus.glob("vi-*.txt"))[0]
    result = process_file(path, corpus, None, 5_000_000)
    clone = pickle.loads(pickle.dumps(result))
    assert isinstance(clone, DocumentResult)
    assert clone.outcome == result.outcome and clone.outcome.status == "processed"
    assert clone.records.tables == result.records.tables and clone.records.tables["sentences"][1] > 0
    assert clone.records.merge == result.records.merge and clone.records.merge.heads
    assert "spacy" not in pickle.dumps(result).decode("latin-1"), "no spaCy object travels back"


def test_process_file_reports_a_bad_file_instead_of_raising(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = process_file(tmp_path / "empty.txt", tmp_path, None, 5_000_000)
    assert result.outcome.status == "skipped" and result.records is None


def test_engine_unknown_name_is_an_error():
    from pipeline.runtime.engines import EngineError

    with pytest.raises(EngineError, match="unknown engine"):
        make_engine("spark")


@pytest.mark.parametrize("argv", [["--workers", "0"], ["--scheduler", "tcp://127.0.0.1:1"]])
def test_cli_run_rejects_bad_engine_options(argv, corpus, tmp_path, capsys):
    from pipeline.cli import EXIT_RUN_FAILED, main

    assert main(["run", str(corpus), "--out", str(tmp_path / "out"), "--quiet", *argv]) == EXIT_RUN_FAILED
    assert capsys.readouterr().err.startswith("error:")


def test_cli_run_with_workers_writes_the_same_dataset(corpus, serial_dataset, tmp_path):
    from pipeline.cli import main

    out = tmp_path / "out"
    main(["run", str(corpus), "--out", str(out), "--quiet", "--workers", "2", "--no-cache"])
    assert dataset_files(out) == serial_dataset
    assert not (tmp_path / ".cache").exists()


def test_a_file_whose_analysis_fails_gives_no_record(corpus, monkeypatch):
    from pipeline.runtime import work

    def broken(doc, *args):
        raise RuntimeError("a rule went wrong")

    monkeypatch.setattr(work, "collect_document", broken)
    path = sorted(corpus.glob("vi-*.txt"))[0]
    result = process_file(path, corpus, None, 5_000_000)
    assert result.outcome.status == "failed"
    assert "analysis failed: RuntimeError: a rule went wrong" in (result.outcome.reason or "")
    assert result.records is None


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")
def test_engine_pool_reports_its_workers_peak_memory():
    """The pool's workers are found by the public multiprocessing API, and their peak memory read from /proc."""
    from pipeline.runtime.engines.local import PoolEngine

    engine = PoolEngine(2)
    try:
        engine.start(lambda: None)
        assert engine.submit(sum, [1, 2, 3]).result() == 6
        peak = engine.peak_memory_mb()
        assert peak is not None and peak > 1
    finally:
        engine.close()
