"""`make bench`: the pipeline against raw `underthesea.ner` on the same sentences, and how it scales.

    python -m pipeline.bench [--generated 500] [--corpus corpus] [--json bench.json]
    python -m pipeline.bench --scale 10000     # only the large run (make bench-scale)

One command measures, on the bundled corpus and on a generated one (`pipeline.bench.big_corpus`):

- throughput (sentences/s, characters/s) of the full pipeline (read, segment, tag, extract, merge; one
  process, one core) and of `underthesea.ner` alone on the sentences the pipeline found, and their ratio,
  both in this process with their models loaded beforehand, each side's fastest of three runs taken in turn;
- each stage's share of the pipeline's time;
- start-up: a fresh `python -m pipeline run` on one bulletin, until its first record and until done (the package
  compiled to bytecode beforehand, as an installed package is; the fastest of three runs);
- 1 worker against 2 worker processes (`--workers 2`), each a fresh run as a user would start it (the
  fastest of three runs each, taken in turn), with the peak memory of a worker. 500 bulletins by default,
  so that what each process does once (loading models, compiling rules: about half a second, which two
  workers do not halve) weighs little;
- an incremental run: one bulletin added to the generated corpus, re-run with the cache.

`--scale N` instead generates N bulletins and runs the pipeline on them as a user would (all cores, the
cache, the progress bar), then adds one bulletin and runs again: wall time, peak memory of the run's
process and of a worker, and the share of the full run that the re-run took.

Timings depend on the machine and on what else runs on it; the targets are printed beside them, and
no test asserts on them.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

TARGETS = {"ratio": 5.0, "scaling": 1.8, "worker_mb": 600.0, "first_record_s": 2.0, "incremental": 0.10}
CORPUS_DIR = Path(__file__).resolve().parents[2] / "corpus"


@dataclass
class Throughput:
    sentences: int
    characters: int
    seconds: float
    # This process's CPU time over the same work: what one core spent on it, which other jobs of a shared machine
    # do not add to (they lengthen `seconds` while this process waits for a core).
    cpu_seconds: float = float("nan")

    @property
    def sentences_per_s(self) -> float:
        return self.sentences / self.seconds if self.seconds else float("inf")

    @property
    def characters_per_s(self) -> float:
        return self.characters / self.seconds if self.seconds else float("inf")


def ner_throughput(sentences: Sequence[str]) -> Throughput:
    """underthesea.ner alone, sentence by sentence, models loaded beforehand."""
    import underthesea

    underthesea.ner("Hà Nội là thủ đô của Việt Nam.")
    started, cpu = time.perf_counter(), time.process_time()
    for sentence in sentences:
        underthesea.ner(sentence)
    return Throughput(len(sentences), sum(map(len, sentences)), time.perf_counter() - started,
                      time.process_time() - cpu)


def pipeline_in_process(corpus: Path) -> tuple[Throughput, list[str], dict[str, float]]:
    """The whole pipeline in this process, pipeline built beforehand: throughput, sentences, timings.

    The records spill to a folder as in `pipeline run` (`run_to`), which then copies them into
    the dataset: a run in memory would also parse every record back into its model for the caller (about 3 % of
    the time), which `pipeline run` never does. Writing the dataset is not measured."""
    from pipeline.runtime.run import run
    from pipeline.runtime.work import pipeline_for

    pipeline_for(None, None)
    from pipeline.analyse.crf_analysis import get_tagger

    get_tagger().tag("Hà Nội là thủ đô của Việt Nam.")
    with tempfile.TemporaryDirectory(prefix="bench-spill-") as spill:
        cpu = time.process_time()
        result = run([corpus], spill_dir=Path(spill))
        cpu_seconds = time.process_time() - cpu
        try:
            sentences = [s.text for s in result.tables["sentences"]]
        finally:
            result.close()
    seconds = result.timings["documents"] + result.timings["merge"]
    return Throughput(len(sentences), sum(map(len, sentences)), seconds, cpu_seconds), sentences, result.timings


def stage_shares(corpus: Path) -> dict[str, float]:
    """Seconds per stage over the corpus, measured piece by piece (the run itself is not instrumented)."""
    from pipeline.analyse.crf_analysis import get_tagger
    from pipeline.ingest.document import read_document
    from pipeline.ingest.inputs import discover
    from pipeline.ingest.reader import DEFAULT_MAX_BYTES, InputRejected
    from pipeline.nlp import DocumentTokenizer
    from pipeline.records.assemble import Collected, collect_document
    from pipeline.runtime.work import pipeline_for

    nlp, rules, gazetteers = pipeline_for(None, None)
    tagger = get_tagger()
    seconds: dict[str, float] = {"read": 0.0, "segment + build Doc": 0.0, "tag (vi)": 0.0}

    def timed(name: str, fn: Callable, *args):
        started = time.perf_counter()
        value = fn(*args)
        seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - started
        return value

    tag = tagger.pos_and_ner
    setattr(tagger, "pos_and_ner", lambda sentence: timed("tag (vi)", tag, sentence))  # noqa: B010 - this instance only, undone below
    try:
        for file, root in discover([corpus]):
            try:
                document = timed("read", read_document, file, root, DEFAULT_MAX_BYTES)
            except InputRejected:
                continue
            tokenizer = nlp.tokenizer
            assert isinstance(tokenizer, DocumentTokenizer)
            doc = timed("segment + build Doc", tokenizer.from_document, document)
            for name, component in nlp.pipeline:
                doc = timed(name.replace("asean_", ""), component, doc)
            timed("collect records", collect_document, doc, rules, gazetteers, Collected())
    finally:
        del tagger.pos_and_ner
    seconds["segment + build Doc"] -= seconds["tag (vi)"]  # tagging happens while the Doc is built
    return seconds


def cli_run(paths: Sequence[Path], out: Path, *options: str, quiet: bool = True) -> tuple[dict[str, float], float]:
    """A fresh `python -m pipeline run` as a user would start it: (its timings.json, wall seconds)."""
    command = [sys.executable, "-m", "pipeline", "run", *map(str, paths), "--out", str(out),
               *(["--quiet"] if quiet else []), *options]
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=Path(__file__).resolve().parents[2],
                   env={**os.environ, "PYTHONUNBUFFERED": "1"})
    wall = time.perf_counter() - started
    return json.loads((out / "timings.json").read_text(encoding="utf-8")), wall


def _verdict(value: float, target: float, higher_is_better: bool = True, percent: bool = False) -> str:
    met = value >= target if higher_is_better else value <= target
    sign = "≥" if higher_is_better else "≤"
    shown = f"{target:.0%}" if percent else f"{target:g}"
    return f"(target {sign} {shown}: {'met' if met else 'NOT met'})"


def _rate_lines(name: str, measured: Throughput) -> str:
    return (f"  {name:<28}{measured.sentences_per_s:>10.1f} sent/s {measured.characters_per_s:>12,.0f} chars/s"
            f"   ({measured.sentences:,} sentences in {measured.seconds:.1f} s)")


@dataclass
class Comparison:
    """Runs of the pipeline and of underthesea.ner over the same sentences, taken in turn."""

    pipelines: list[Throughput]
    ners: list[Throughput]
    sentences: list[str]

    @property
    def pipeline(self) -> Throughput:
        return min(self.pipelines, key=lambda measured: measured.seconds)

    @property
    def ner(self) -> Throughput:
        return min(self.ners, key=lambda measured: measured.seconds)

    @property
    def ner_cpu(self) -> float:
        return min(n.cpu_seconds for n in self.ners)

    @property
    def pipeline_cpu(self) -> float:
        return min(p.cpu_seconds for p in self.pipelines)

    @property
    def ratio(self) -> float:
        """Per core, in CPU time: each side's least, one against the other."""
        return self.ner_cpu / self.pipeline_cpu

    @property
    def wall_ratio(self) -> float:
        return self.ner.seconds / self.pipeline.seconds


def fastest_in_turn(corpus: Path, rounds: int) -> Comparison:
    """The pipeline and underthesea.ner over the corpus's sentences, `rounds` runs of each (a shared machine slows
    single runs down by 10 % and more), taken in turn: pipeline, underthesea.ner, pipeline, … so that a load that
    changes while the bench runs weighs on both sides alike (all of one side's rounds before the other's let a
    change of load move the ratio by half)."""
    pipeline, sentences, _ = pipeline_in_process(corpus)
    comparison = Comparison([pipeline], [ner_throughput(sentences)], sentences)
    for _ in range(rounds - 1):
        comparison.pipelines.append(pipeline_in_process(corpus)[0])
        comparison.ners.append(ner_throughput(sentences))
    return comparison


def _print_comparison(comparison: Comparison) -> None:
    print(_rate_lines("underthesea.ner", comparison.ner))
    print(_rate_lines("pipeline, 1 process", comparison.pipeline))
    print(f"  pipeline / underthesea.ner: {comparison.ratio:.2f}x per core in CPU time "
          f"{_verdict(comparison.ratio, TARGETS['ratio'])}; {comparison.wall_ratio:.2f}x in wall-clock time "
          f"(CPU s: underthesea.ner {comparison.ner_cpu:.1f}, pipeline {comparison.pipeline_cpu:.1f})")


def bench_bundled(corpus: Path, report: dict, rounds: int = 3) -> None:
    comparison = fastest_in_turn(corpus, rounds)
    pipeline, ner, sentences = comparison.pipeline, comparison.ner, comparison.sentences
    report["bundled"] = {"pipeline_sent_per_s": pipeline.sentences_per_s, "ner_sent_per_s": ner.sentences_per_s,
                         "ratio": comparison.ratio, "wall_ratio": comparison.wall_ratio, "sentences": len(sentences),
                         "characters": pipeline.characters}
    print(f"\nBundled corpus ({corpus}): {len(sentences):,} sentences, {pipeline.characters:,} characters "
          f"(fastest of {rounds} runs each)")
    _print_comparison(comparison)
    shares = stage_shares(corpus)
    total = sum(shares.values())
    report["stage_seconds"] = shares
    print("  stage shares (pipeline, 1 process):")
    for name, seconds in sorted(shares.items(), key=lambda item: -item[1]):
        print(f"    {name:<24}{seconds:>7.2f} s {100 * seconds / total:>5.1f} %")


def compile_package() -> None:
    """The package's modules compiled to bytecode, as `pip install` leaves an installed package, so that the fresh
    runs start as a user's do. An editable install writes them on its first run, unless PYTHONDONTWRITEBYTECODE is
    set (as on the machine this was built on): then every fresh run compiled the package's modules from their
    source first (0.13 s of CPU for all 92 modules), before its first record."""
    compileall.compile_dir(Path(__file__).resolve().parents[1], quiet=1)


def bench_startup(sample: Path, scratch: Path, report: dict, rounds: int = 3) -> None:
    """The first record of a fresh run on one bulletin: the fastest of `rounds` runs, as for the other fresh runs
    (one run alone measured whatever else the machine did in those two seconds)."""
    runs = [cli_run([sample], scratch / f"startup-{turn}", "--no-cache") for turn in range(rounds)]
    firsts = [timings.get("first_record_since_process_start", timings.get("first_record", float("nan")))
              for timings, _wall in runs]
    first, wall = min(firsts), min(wall for _timings, wall in runs)
    report["startup"] = {"first_record_s": first, "wall_s": wall, "first_record_runs_s": firsts}
    print(f"\nStart-up (fresh `python -m pipeline run {sample.name}`, fastest of {rounds}): first record {first:.2f} s "
          f"after the process started {_verdict(first, TARGETS['first_record_s'], False)} (runs: "
          f"{', '.join(f'{seconds:.2f}' for seconds in firsts)} s); whole run {wall:.2f} s")


@dataclass
class CliRun:
    """One fresh `python -m pipeline run` of the benchmark: where it wrote, its timings, its wall time."""

    out: Path
    cache: Path
    timings: dict[str, float]
    wall: float

    @property
    def seconds(self) -> float:
        """Documents and merge: the work that more workers share (not start-up, not writing the dataset)."""
        return self.timings["documents"] + self.timings["merge"]


def fastest_runs(corpus: Path, scratch: Path, workers: Sequence[int], rounds: int) -> dict[int, CliRun]:
    """Per number of workers, the fastest of `rounds` fresh runs, taken in turn (1, 2, 1, 2...) so that a
    slow spell of the shared machine does not fall on one side only. Each run fills a cache of its own, so
    that all pay for writing it alike."""
    runs: dict[int, list[CliRun]] = {count: [] for count in workers}
    for turn in range(rounds):
        for count in workers:
            out, cache = scratch / f"run-{count}-{turn}", scratch / f"cache-{count}-{turn}"
            timings, wall = cli_run([corpus], out, "--workers", str(count), "--cache", str(cache))
            runs[count].append(CliRun(out, cache, timings, wall))
    return {count: min(made, key=lambda made_run: made_run.seconds) for count, made in runs.items()}


def bench_generated(count: int, scratch: Path, report: dict, rounds: int = 3) -> None:
    from pipeline.bench.big_corpus import write_corpus

    corpus = scratch / "generated"
    write_corpus(corpus, count)
    # The ratio as on the bundled corpus: both sides in this process with their models loaded, taken in turn.
    comparison = fastest_in_turn(corpus, rounds)
    pipeline, ner, sentences, ratio = comparison.pipeline, comparison.ner, comparison.sentences, comparison.ratio
    print(f"\nGenerated corpus ({count} bulletins): {len(sentences):,} sentences, {pipeline.characters:,} characters "
          f"(fastest of {rounds} runs each)")
    _print_comparison(comparison)
    # Scaling: fresh runs as a user starts them, start-up (loading the models) included on both sides.
    fastest = fastest_runs(corpus, scratch, (1, 2), rounds)
    one, two = fastest[1], fastest[2]
    rate_one = Throughput(len(sentences), pipeline.characters, one.seconds)
    rate_two = Throughput(len(sentences), pipeline.characters, two.seconds)
    scaling = rate_one.seconds / rate_two.seconds
    worker_mb = max(one.timings.get("worker_peak_mb", 0.0), two.timings.get("worker_peak_mb", 0.0))
    print(f"  fresh runs (`pipeline run --workers N`, models loaded in the run; fastest of {rounds} each, "
          "taken in turn):")
    print(_rate_lines("1 worker", rate_one))
    print(_rate_lines("2 workers", rate_two))
    print(f"  2 workers / 1 worker: {scaling:.2f}x {_verdict(scaling, TARGETS['scaling'])}")
    print(f"  peak memory of a worker: {worker_mb:.0f} MB {_verdict(worker_mb, TARGETS['worker_mb'], False)}")
    print(f"  wall time of the runs: 1 worker {one.wall:.1f} s, 2 workers {two.wall:.1f} s (of which documents and "
          f"merge {rate_two.seconds:.1f} s; the rest is start-up and writing the dataset)")
    _add_one_bulletin(corpus, count, scratch)
    again, wall_again = cli_run([corpus], two.out, "--workers", "2", "--cache", str(two.cache))
    share = wall_again / two.wall
    documents_share = again["documents"] / two.timings["documents"]
    print(f"  one bulletin added, re-run with the cache: {again.get('cache_misses', 0)} file(s) processed, "
          f"{again.get('cache_hits', 0)} from the cache; {wall_again:.1f} s = {100 * share:.0f} % of the full run "
          f"(the target, <= {TARGETS['incremental']:.0%}, is for 10,000 bulletins: make bench-scale); documents stage "
          f"{100 * documents_share:.0f} %")
    report["generated"] = {
        "bulletins": count, "sentences": len(sentences), "ner_sent_per_s": ner.sentences_per_s,
        "pipeline_1_sent_per_s": rate_one.sentences_per_s, "pipeline_2_sent_per_s": rate_two.sentences_per_s,
        "ratio": ratio, "wall_ratio": comparison.wall_ratio, "scaling": scaling, "worker_peak_mb": worker_mb,
        "incremental_share": share, "incremental_documents_share": documents_share, "timings_1": one.timings,
        "timings_2": two.timings, "timings_added": again, "rounds": rounds,
    }


def _add_one_bulletin(corpus: Path, count: int, scratch: Path) -> None:
    """The generator's next bulletin (number count + 1) joins the generated corpus."""
    from pipeline.bench.big_corpus import write_corpus

    added = write_corpus(scratch / "added", count + 1)[-1]
    target = corpus / added.relative_to(scratch / "added")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(added, target)


def bench_scale(count: int, scratch: Path, report: dict) -> None:
    """N generated bulletins, all cores, with the cache; then one bulletin more, re-run."""
    from pipeline.bench.big_corpus import write_corpus

    workers = max(2, os.cpu_count() or 1)
    corpus, cache, out = scratch / "generated", scratch / "cache", scratch / "out"
    write_corpus(corpus, count)
    print(f"\nScale: {count:,} generated bulletins, {workers} workers, with the cache")
    full, wall_full = cli_run([corpus], out, "--workers", str(workers), "--cache", str(cache), quiet=False)
    _add_one_bulletin(corpus, count, scratch)
    again, wall_again = cli_run([corpus], out, "--workers", str(workers), "--cache", str(cache))
    share = wall_again / wall_full
    print(f"  full run: {wall_full:.0f} s ({count / wall_full:.1f} bulletins/s); documents {full['documents']:.0f} s, "
          f"merge {full['merge']:.0f} s, the static report {full.get('report', 0.0):.0f} s, the rest start-up and "
          f"writing the dataset")
    worker_mb = max(full.get("worker_peak_mb", 0.0), again.get("worker_peak_mb", 0.0))
    print(f"  peak memory: the run's process {full.get('main_peak_mb', float('nan')):.0f} MB (writing included), "
          f"a worker {worker_mb:.0f} MB {_verdict(worker_mb, TARGETS['worker_mb'], False)}")
    if "main_mb_at_first_record" in full and "main_mb_after_documents" in full:
        first, after = full["main_mb_at_first_record"], full["main_mb_after_documents"]
        print(f"  the run's process from the first bulletin to the last: {first:.0f} MB to {after:.0f} MB, "
              f"{1024 * (after - first) / count:.1f} KB per bulletin (its records wait on disk)")
    print(f"  one bulletin added, re-run: {again.get('cache_misses', 0)} file(s) processed, "
          f"{again.get('cache_hits', 0):,} from the cache; {wall_again:.1f} s = {100 * share:.0f} % of the full run "
          f"{_verdict(share, TARGETS['incremental'], False, percent=True)} "
          f"(documents {again['documents']:.1f} s, merge "
          f"{again['merge']:.1f} s, report {again.get('report', 0.0):.1f} s, the rest start-up and writing)")
    report["scale"] = {"bulletins": count, "workers": workers, "wall_full_s": wall_full, "wall_added_s": wall_again,
                       "incremental_share": share, "timings_full": full, "timings_added": again}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR, help="bundled corpus (default corpus/)")
    parser.add_argument("--generated", type=int, default=500, help="bulletins to generate (default 500; 0: skip)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="fresh runs on one bulletin; on the generated corpus, runs of the pipeline and of "
                        "underthesea.ner, and fresh runs of 1 and of 2 workers, taken in turn; the fastest of each "
                        "kept (default 3)")
    parser.add_argument("--json", type=Path, default=None, help="also write the numbers as JSON here")
    parser.add_argument("--scale", type=int, default=0, metavar="N",
                        help="only the large run: N generated bulletins, then one more (make bench-scale: 10,000)")
    args = parser.parse_args(argv)
    report: dict = {"machine": {"cores": os.cpu_count(), "python": platform.python_version()}}
    print(f"Benchmark on {os.cpu_count()} core(s), Python {platform.python_version()}; targets: pipeline "
          f"{TARGETS['ratio']:g}x underthesea.ner per core, 2 workers {TARGETS['scaling']:g}x 1 worker, a worker "
          f"≤ {TARGETS['worker_mb']:g} MB, first record ≤ {TARGETS['first_record_s']:g} s")
    compile_package()
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        if args.scale > 0:
            bench_scale(args.scale, Path(scratch), report)
            return _finish(report, args.json)
        sample = min(args.corpus.rglob("*.txt"), key=lambda path: path.stat().st_size)
        bench_startup(sample, Path(scratch), report, max(1, args.rounds))
        bench_bundled(args.corpus, report)
        if args.generated > 0:
            bench_generated(args.generated, Path(scratch), report, max(1, args.rounds))
    return _finish(report, args.json)


def _finish(report: dict, json_path: Path | None) -> int:
    if json_path:
        json_path.write_text(json.dumps(report, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0

