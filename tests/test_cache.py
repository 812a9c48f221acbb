"""The result cache: a re-run reuses every unchanged file, a new file is the only one processed, an
edited rule file re-runs exactly the documents that read it, and the dataset never differs from a run
without the cache."""

from __future__ import annotations

import importlib.metadata
import shutil
from pathlib import Path

import pytest

from pipeline.rules.loader import rules_root
from pipeline.runtime import cache as cache_module
from pipeline.runtime.cache import ResultCache, dependencies
from pipeline.runtime.run import run
from pipeline.runtime.work import process_file
from tests.test_engine import CORPUS, small_corpus


def tables_of(result) -> dict[str, list]:
    return {name: [r.model_dump() for r in records] for name, records in result.tables.items()}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return small_corpus(tmp_path / "in")


def processed(result) -> int:
    return sum(item.status == "processed" for item in result.manifest.inputs)


def test_cache_rerun_processes_nothing(corpus, tmp_path):
    first = run([corpus], cache_dir=tmp_path / "cache")
    again = run([corpus], cache_dir=tmp_path / "cache")
    assert first.timings["cache_misses"] > 0
    assert again.timings["cache_misses"] == 0
    assert again.timings["cache_hits"] == first.timings["cache_misses"]
    assert tables_of(again) == tables_of(first)
    assert again.manifest == first.manifest


def test_cache_new_file_is_the_only_one_processed(corpus, tmp_path):
    run([corpus], cache_dir=tmp_path / "cache")
    extra = sorted(CORPUS.rglob("vi-*.txt"))[-1]
    shutil.copy(extra, corpus / "new-bulletin.txt")
    again = run([corpus], cache_dir=tmp_path / "cache")
    assert again.timings["cache_misses"] == 1
    assert tables_of(again) == tables_of(run([corpus]))


def test_cache_rule_change_reruns_only_the_documents_that_read_it(corpus, tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(Path(str(rules_root())), rules, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    first = run([corpus], rules_path=rules, cache_dir=tmp_path / "cache")
    english = sum(1 for item in first.manifest.inputs if item.status == "processed" and "en-" in item.source)
    assert 0 < english < processed(first)

    edited = tmp_path / "rules-edited"  # another folder: the pipeline caches loaded rules by folder
    shutil.copytree(rules, edited)
    with (edited / "en" / "extraction.yaml").open("a", encoding="utf-8") as handle:
        handle.write("\n# an edit: only English documents read this file\n")
    again = run([corpus], rules_path=edited, cache_dir=tmp_path / "cache")
    assert again.timings["cache_misses"] == english
    assert tables_of(again) == tables_of(run([corpus], rules_path=edited))

    with (edited / "areas.yaml").open("a", encoding="utf-8") as handle:
        handle.write("\n# every document reads the area taxonomy\n")
    shared = run([corpus], rules_path=edited, cache_dir=tmp_path / "cache")
    assert shared.timings["cache_hits"] == 0


def test_cache_other_code_is_a_miss(corpus, tmp_path, monkeypatch):
    run([corpus], cache_dir=tmp_path / "cache")
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "another version of the pipeline")
    again = run([corpus], cache_dir=tmp_path / "cache")
    assert again.timings["cache_hits"] == 0


def test_cache_unreadable_entry_is_a_miss_and_rewritten(corpus, tmp_path):
    cache = ResultCache(tmp_path / "cache", None)
    path = sorted(corpus.glob("vi-*.txt"))[0]
    key = cache.key(path, path.name, 5_000_000)
    entry = cache._entry(key)
    entry.parent.mkdir(parents=True)
    entry.write_bytes(b"half a pickle")
    assert cache.get(key) is None
    cache.put(key, process_file(path, corpus, None, 5_000_000))
    assert cache.get(key).outcome.status == "processed"


def test_cache_skips_files_over_the_size_limit(corpus, tmp_path):
    cache = ResultCache(tmp_path / "cache", None)
    path = sorted(corpus.glob("vi-*.txt"))[0]
    assert cache.key(path, path.name, max_bytes=10) is None


@pytest.mark.parametrize(("languages", "expected"), [
    (("vi",), {"areas.yaml", "gazetteers/bodies.yaml", "vi/extraction.yaml"}),
    (("en", "vi"), {"areas.yaml", "gazetteers/bodies.yaml", "vi/extraction.yaml", "en/extraction.yaml"}),
])
def test_cache_dependencies_by_language(languages, expected):
    hashes = dict.fromkeys(("areas.yaml", "gazetteers/bodies.yaml", "vi/extraction.yaml", "en/extraction.yaml"), "h")
    assert set(dependencies(languages, hashes)) == expected


@pytest.mark.parametrize("library", cache_module.LIBRARIES)
def test_cache_key_changes_with_each_library_version(library, monkeypatch):
    before = cache_module.code_fingerprint.__wrapped__()
    real_version = importlib.metadata.version

    def upgraded(name: str) -> str:
        return "999.0" if name == library else real_version(name)

    monkeypatch.setattr(cache_module.importlib.metadata, "version", upgraded)
    assert cache_module.code_fingerprint.__wrapped__() != before
