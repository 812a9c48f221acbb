"""The benchmark command runs end to end on a tiny input (its numbers are not checked: shared, noisy
machines), and the corpus generator is deterministic and varied."""

from __future__ import annotations

import json
import shutil

from pipeline.bench import benchmark as bench
from pipeline.bench.big_corpus import write_corpus
from tests.test_engine import CORPUS


def test_bench_runs_on_a_tiny_input(tmp_path, capsys):
    tiny = tmp_path / "corpus"
    tiny.mkdir()
    for path in sorted(CORPUS.rglob("vi-*.txt"))[:1] + sorted(CORPUS.rglob("en-*.txt"))[:1]:
        shutil.copy(path, tiny / path.name)
    assert bench.main(["--corpus", str(tiny), "--generated", "2", "--rounds", "1",
                       "--json", str(tmp_path / "bench.json")]) == 0
    printed = capsys.readouterr().out
    for expected in ("underthesea.ner", "per core", "2 workers / 1 worker", "peak memory", "first record",
                     "stage shares", "re-run with the cache", "taken in turn"):
        assert expected in printed
    report = json.loads((tmp_path / "bench.json").read_text(encoding="utf-8"))
    assert report["bundled"]["ratio"] > 0 and report["generated"]["bulletins"] == 2


def test_big_corpus_same_arguments_same_files(tmp_path):
    first = [p.read_bytes() for p in write_corpus(tmp_path / "a", 12)]
    second = [p.read_bytes() for p in write_corpus(tmp_path / "b", 12)]
    assert first == second


def test_big_corpus_bulletins_differ(tmp_path):
    texts = [p.read_text(encoding="utf-8") for p in write_corpus(tmp_path / "c", 60)]
    assert len(set(texts)) == len(texts)
    assert {p.name[:2] for p in (tmp_path / "c").rglob("*.txt")} == {"vi", "en"}


def test_bench_scale_runs_on_a_few_bulletins(tmp_path, capsys):
    assert bench.main(["--scale", "3", "--json", str(tmp_path / "scale.json")]) == 0
    printed = capsys.readouterr().out
    for expected in ("full run", "peak memory", "one bulletin added, re-run: 1 file(s) processed, 3 from the cache"):
        assert expected in printed
    report = json.loads((tmp_path / "scale.json").read_text(encoding="utf-8"))
    assert report["scale"]["bulletins"] == 3 and report["scale"]["timings_added"]["cache_misses"] == 1


def test_fastest_runs_take_turns_and_keep_the_fastest(tmp_path, monkeypatch):
    made = []
    documents = iter([9.0, 5.0, 8.0, 6.0])  # 1 worker, 2 workers, 1 worker, 2 workers

    def fake_cli_run(paths, out, *options, quiet=True):
        made.append(options[1])
        return {"documents": next(documents), "merge": 0.5}, 10.0

    monkeypatch.setattr(bench, "cli_run", fake_cli_run)
    fastest = bench.fastest_runs(tmp_path, tmp_path, (1, 2), rounds=2)
    assert made == ["1", "2", "1", "2"]
    assert fastest[1].seconds == 8.5 and fastest[1].out.name == "run-1-1"
    assert fastest[2].seconds == 5.5 and fastest[2].cache.name == "cache-2-0"


def test_ratio_takes_turns_and_compares_each_sides_least_cpu_time(tmp_path, monkeypatch):
    made = []
    pipeline_cpu = iter([4.0, 3.0, 5.0])
    ner_cpu = iter([21.0, 18.0, 19.0])

    def fake_pipeline(corpus):
        made.append("pipeline")
        return bench.Throughput(2, 20, 9.0, next(pipeline_cpu)), ["a", "b"], {}

    def fake_ner(sentences):
        made.append("ner")
        return bench.Throughput(len(sentences), 20, 30.0, next(ner_cpu))

    monkeypatch.setattr(bench, "pipeline_in_process", fake_pipeline)
    monkeypatch.setattr(bench, "ner_throughput", fake_ner)
    comparison = bench.fastest_in_turn(tmp_path, rounds=3)
    assert made == ["pipeline", "ner"] * 3
    assert comparison.ratio == 18.0 / 3.0 and comparison.wall_ratio == 30.0 / 9.0
