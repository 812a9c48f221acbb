"""A run: input paths in, a dataset out, every input accounted for in the manifest.

One bad file never stops a run: reading, decoding and analysing each file is guarded, and its outcome
(processed, duplicate, skipped, failed, with a plain reason) goes to the manifest. The good files still
give their records.

The per-document work (`work.process_file`) runs on an engine (this process, a pool of processes,
or a Dask cluster) and comes back in input order; this module decides duplicates in that order, keeps
the per-document records (on disk for large runs, see `spill.py`), reuses cached results when a cache
folder is given (see `cache.py`), and merges across documents at the end. The output is the same
whatever the engine, the number of workers or the cache.
"""

from __future__ import annotations

import importlib.metadata
import os
import platform
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.ingest.duplicates import DuplicateIndex, duplicate_reason
from pipeline.ingest.inputs import discover
from pipeline.ingest.reader import DEFAULT_MAX_BYTES
from pipeline.output.writer import TOOL_NAME, dataset_folders, write_dataset
from pipeline.recognise.entities import gazetteers_for
from pipeline.rules.loader import RuleSet, default_rules, load_rules
from pipeline.runtime.cache import ResultCache
from pipeline.runtime.engines import (
    Engine,
    Pending,
    Ready,
    batch_for,
    in_order,
    make_engine,
    own_memory_mb,
    own_peak_memory_mb,
    window_for,
)
from pipeline.runtime.long_lived import settle
from pipeline.runtime.spill import RecordSpill
from pipeline.runtime.work import DocumentResult, as_duplicate, pipeline_for, process_files, source_name
from pipeline.schema import InputOutcome, Manifest

VERSIONED_PACKAGES = ("underthesea", "spacy", "pydantic", "duckdb")

Progress = Callable[[Iterable, int], Iterable]  # (results, how many) -> the same results, shown as they come


@dataclass
class RunResult:
    tables: dict[str, list]
    manifest: Manifest
    timings: dict[str, float] = field(default_factory=dict)
    spill: RecordSpill | None = field(default=None, repr=False)  # holds the bulk tables of a spilled run
    changes: dict[str, Any] | None = None  # against the dataset it replaced (changes.json), once written

    @property
    def failed(self) -> list[InputOutcome]:
        return [item for item in self.manifest.inputs if item.status == "failed"]

    def close(self) -> None:
        """Remove the on-disk records of a run made with `spill_dir` (its bulk tables are gone after)."""
        if self.spill is not None:
            self.spill.close()
            self.spill = None


def _versions() -> dict[str, str]:
    versions = {"python": platform.python_version(), TOOL_NAME: __version__}
    for package in VERSIONED_PACKAGES:
        try:
            versions[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            versions[package] = "missing"
    return versions


def _since_process_start() -> float | None:
    """Seconds since this process started (interpreter start-up and imports included), where the system
    says (Linux: the start time in /proc, in clock ticks since boot, against the clock since boot)."""
    try:
        with open("/proc/self/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        started = int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22 of stat(5), counted after "(comm)"
        return time.clock_gettime(time.CLOCK_BOOTTIME) - started
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def progress_bar(quiet: bool) -> Progress | None:
    """A progress bar on stderr with the rate and the time left; none when quiet or in CI logs."""
    if quiet:
        return None

    def wrap(results: Iterable, total: int) -> Iterable:
        if total < 2:
            return results
        from tqdm import tqdm

        return tqdm(results, total=total, desc="bulletins", unit="file", file=sys.stderr, dynamic_ncols=True,
                    smoothing=0.1, disable=None if sys.stderr.isatty() else os.environ.get("CI") == "true")

    return wrap


class _Fresh:
    """Files sent to the engine as one piece of work, with the cache keys to store their results under."""

    def __init__(self, keys: list[str | None], pending):
        self.keys, self.pending = keys, pending

    def result(self) -> list[tuple[str | None, bool, DocumentResult]]:
        return [(key, True, result) for key, result in zip(self.keys, self.pending.result(), strict=True)]


def _results(files: list[tuple[Path, Path]], engine: Engine, rules_arg: str | None, rules: RuleSet,
             max_bytes: int, cache: ResultCache | None) -> Iterator[tuple[str | None, bool, DocumentResult]]:
    """(cache key, fresh, result) per file, in input order; the cache answers for the files it has, and
    the others go to the engine in batches of consecutive files (`batch_for`).
    `rules_arg` is the rules folder as the workers are given it (None: the bundled rules)."""
    size = batch_for(engine)

    def send(batch: list[tuple[str | None, Path, Path]]) -> _Fresh:
        todo = [(file, root) for _key, file, root in batch]
        return _Fresh([key for key, _file, _root in batch],
                      engine.submit(process_files, todo, rules_arg, max_bytes, rules.sha256))

    def jobs() -> Iterator[Callable[[], Pending]]:
        batch: list[tuple[str | None, Path, Path]] = []  # consecutive files the cache does not have
        first = True  # the first file goes alone, so that the first record comes as soon as it can
        for file, root in files:
            key = cache.key(file, source_name(file, root), max_bytes) if cache else None
            cached = cache.get(key) if cache else None
            if cached is None:
                batch.append((key, file, root))
                if len(batch) < (1 if first else size):
                    continue
            if batch:
                yield partial(send, batch)
                batch, first = [], False
            if cached is not None:
                yield partial(Ready, [(key, False, cached)])
        if batch:
            yield partial(send, batch)

    for results in in_order(jobs(), window_for(engine)):
        yield from results


def run(paths: list[Path], rules_path: Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
        progress: Progress | None = None, engine: Engine | None = None, cache_dir: Path | None = None,
        spill_dir: Path | None = None, spill_prefix: str = ".spill-", skip: Sequence[Path] = ()) -> RunResult:
    """Process every file under `paths` and merge the records.

    `engine` runs the per-document work (default: this process). `cache_dir` reuses the results of
    earlier runs for unchanged files. `spill_dir` keeps the bulk of the records on disk there until
    the tables are read (they are then iterables, valid until `RunResult.close()`).
    """
    started = time.perf_counter()
    process_age = _since_process_start()
    rules: RuleSet = load_rules(rules_path) if rules_path else default_rules()
    files = discover(paths, skip=[*skip, *([cache_dir] if cache_dir else [])])
    cache = ResultCache(cache_dir, rules_path) if cache_dir else None
    spill = RecordSpill(gazetteers_for(rules), spill_dir, spill_prefix)
    timings = {"startup": time.perf_counter() - started}
    own_engine = engine is None
    engine = engine or make_engine("local", 1)
    try:
        rules_arg = str(rules_path) if rules_path else None
        engine.start(partial(pipeline_for, rules_arg, rules.sha256))
        results = _results(files, engine, rules_arg, rules, max_bytes, cache)
        outcomes = _collect(results, spill, cache, timings, progress, len(files), started)
        timings["documents"] = time.perf_counter() - started - timings["startup"]
        if (peak := getattr(engine, "peak_memory_mb", lambda: None)()) is not None:
            timings["worker_peak_mb"] = peak
        merging = time.perf_counter()
        settle()  # what the run gathered stays until it ends: the merge's collections need not walk it
        tables = spill.tables()
    except BaseException:
        spill.close()
        raise
    finally:
        if own_engine:
            engine.close()
    if spill_dir is None:
        spill.close()
    counts = {name: len(records) for name, records in tables.items()}
    counts.update({f"inputs_{status}": sum(o.status == status for o in outcomes)
                   for status in ("processed", "duplicate", "skipped", "failed")})
    manifest = Manifest(tool=TOOL_NAME, version=__version__, versions=_versions(), rules_sha256=rules.sha256,
                        inputs=sorted(outcomes, key=lambda o: o.source), counts=counts)
    timings["merge"] = time.perf_counter() - merging
    timings["total"] = time.perf_counter() - started
    if (own_peak := own_peak_memory_mb()) is not None:
        timings["main_peak_mb"] = own_peak  # this process: records, merge; a worker's is worker_peak_mb
    if "first_record" in timings and process_age is not None:
        # Counted from the start of the process: interpreter, imports and models included.
        timings["first_record_since_process_start"] = process_age + timings["first_record"]
    if cache:
        timings.update(cache_hits=cache.hits, cache_misses=cache.misses)
    return RunResult(tables=tables, manifest=manifest, timings={k: round(v, 3) for k, v in timings.items()},
                     spill=spill if spill_dir is not None else None)


def _collect(results: Iterable[tuple[str | None, bool, DocumentResult]], spill: RecordSpill,
             cache: ResultCache | None, timings: dict[str, float], progress: Progress | None,
             total: int, started: float) -> list[InputOutcome]:
    """Every input's manifest entry, its records into `spill`, fresh results into the cache; per-stage
    seconds of the fresh ones (worker time) into `timings` as `stage_<name>`."""
    outcomes: list[InputOutcome] = []
    seen = DuplicateIndex()  # exact and near copies of earlier inputs
    for key, fresh, result in (progress or (lambda items, _: items))(results, total):
        if "first_record" not in timings:
            timings["first_record"] = time.perf_counter() - started
            _note_memory(timings, "main_mb_at_first_record")
        if fresh:
            if cache:
                cache.put(key, result)
            for stage, seconds in result.timings.items():
                timings[f"stage_{stage}"] = timings.get(f"stage_{stage}", 0.0) + seconds
        outcomes.append(_keep(result, seen, spill))
    _note_memory(timings, "main_mb_after_documents")  # against the first record: what each input adds
    return outcomes


def _note_memory(timings: dict[str, float], name: str) -> None:
    if (megabytes := own_memory_mb()) is not None:
        timings[name] = megabytes


def _keep(result: DocumentResult, seen: DuplicateIndex, spill: RecordSpill) -> InputOutcome:
    """The input's manifest entry; its records join the run unless an earlier input had the same text, or
    nearly (the same bulletin republished with a new title, a footer, a few words changed)."""
    outcome = result.outcome
    document = result.document_text()
    if document is not None:
        if found := seen.check_and_add(document, result.fingerprint):
            return as_duplicate(outcome, found[1]).model_copy(update={"reason": duplicate_reason(*found)})
    if result.records is not None:
        spill.add(result.records)
    return outcome


def _report_writer(title: str) -> Callable[[Path], dict[str, float]]:
    """Writes the report of the dataset being staged (see `write_dataset`); its seconds go to timings."""

    def write(staging: Path) -> dict[str, float]:
        # Imported here, at the end of the run: Jinja and the review package would delay the first record.
        from pipeline.review.report import write_run_report

        started = time.perf_counter()
        write_run_report(staging, title)
        return {"report": round(time.perf_counter() - started, 3)}

    return write


def run_to(paths: list[Path], out: Path, report: bool = True, **options) -> RunResult:
    """A run written to `out`; records wait on disk beside it, so memory stays bounded on any corpus.
    `report`: also write the static report (`<out>/report/`) inside the same atomic swap."""
    out = Path(out)
    spill_dir = options.pop("spill_dir", None) or out.resolve().parent
    # Named `.<out>.records-<pid>-…` so that the writer can remove what a killed run left behind.
    # The dataset's folder, and the writer's working folders beside it, are never inputs (`--out` may
    # sit inside an input folder).
    skip = [out, *dataset_folders(out)]
    result = run(paths, spill_dir=spill_dir, spill_prefix=f".{out.name}.records-{os.getpid()}-", skip=skip,
                 **options)
    try:
        writing = time.perf_counter()
        result.changes = write_dataset(out, result.tables, result.manifest, result.timings, own_peak_memory_mb,
                                       also=_report_writer(out.resolve().name) if report else None)
        result.timings["write"] = round(time.perf_counter() - writing, 3)  # after timings.json: not in it
    finally:
        result.close()
    return result
