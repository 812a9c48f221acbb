"""The static report: a run writes it inside its swap, the same report `export --report` writes, and its
size stays bounded: no file holds more than a page of documents, and each document adds a short row to the
index and its view to one page (bytes are counted; speed is never asserted)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.bench.big_corpus import write_corpus
from pipeline.cli import main
from pipeline.review import report as report_module
from pipeline.review.dataset import DatasetPages, load_dataset
from pipeline.review.report import REPORT_FOLDER, pages_of, report_of, write_reviewed_report
from pipeline.runtime.run import run_to

SMALL, LARGE = 3, 9  # generated bulletins; the first SMALL of LARGE are the same files
PER_PAGE = 4  # documents a page in these tests, so that LARGE fills several pages
INDEX_ROW_BYTES = 300  # a document's row in the index's list: id, page, title, file name, counts
INDEX_OVERVIEW_BYTES = 100_000  # the index without its list: style, script, counts, charts
PAGE_BYTES_PER_TEXT_CHARACTER = 24  # a document's view against its text: highlights and record cards


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[int, Path]:
    """Datasets (with their reports) of SMALL and LARGE generated bulletins."""
    base = tmp_path_factory.mktemp("report-size")
    outs = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(report_module, "DOCUMENTS_PER_PAGE", PER_PAGE)
        for count in (SMALL, LARGE):
            write_corpus(base / f"corpus-{count}", count)
            outs[count] = base / f"out-{count}"
            run_to([base / f"corpus-{count}"], outs[count])
    return outs


def _size(path: Path) -> int:
    return sum(file.stat().st_size for file in path.rglob("*") if file.is_file()) if path.is_dir() else \
        path.stat().st_size


def _text_characters(dataset: Path) -> int:
    import json

    return sum(len(json.loads(line)["text"]) for line in (dataset / "documents.jsonl").open(encoding="utf-8"))


@pytest.mark.parametrize(("count", "size", "pages"), [(0, 4, []), (3, 4, [3]), (8, 4, [4, 4]), (9, 4, [4, 4, 1])])
def test_report_pages_hold_at_most_a_page_of_documents(count: int, size: int, pages: list[int]):
    made = pages_of([f"doc-{n}" for n in range(count)], size)
    assert [len(page.doc_ids) for page in made] == pages
    assert [page.path for page in made] == [f"docs/{n:04d}.html" for n in range(1, len(pages) + 1)]


def test_report_run_writes_index_and_pages(runs: dict[int, Path]):
    report = runs[LARGE] / REPORT_FOLDER
    assert sorted(str(path.relative_to(report)) for path in report.rglob("*.html")) == [
        "docs/0001.html", "docs/0002.html", "docs/0003.html", "index.html"]
    sections = [len(re.findall(r'<section class="report-doc"', path.read_text(encoding="utf-8")))
                for path in sorted((report / "docs").glob("*.html"))]
    assert sections == [4, 4, 1]


def _index_parts(dataset: Path) -> tuple[int, int]:
    """(bytes of the document list, bytes of the rest: overview and charts) of the report's index."""
    index = (dataset / REPORT_FOLDER / "index.html").read_bytes()
    rows = re.search(rb'id="report-documents">(.*?)</script>', index, re.S).group(1)
    return len(rows), len(index) - len(rows)


def test_report_index_grows_by_a_short_row_per_document(runs: dict[int, Path]):
    rows = {count: _index_parts(out)[0] for count, out in runs.items()}
    assert 0 < (rows[LARGE] - rows[SMALL]) / (LARGE - SMALL) <= INDEX_ROW_BYTES


def test_report_index_charts_do_not_grow_with_the_documents(runs: dict[int, Path]):
    """The charts have a bar per area, year, country or form: there are only so many of those."""
    assert all(_index_parts(out)[1] <= INDEX_OVERVIEW_BYTES for out in runs.values())


def test_report_document_views_grow_with_the_text(runs: dict[int, Path]):
    views = {count: _size(out / REPORT_FOLDER / "docs") for count, out in runs.items()}
    text = {count: _text_characters(out) for count, out in runs.items()}
    assert 0 < (views[LARGE] - views[SMALL]) <= PAGE_BYTES_PER_TEXT_CHARACTER * (text[LARGE] - text[SMALL])


def test_report_of_the_run_is_the_report_export_writes(runs: dict[int, Path], tmp_path: Path, monkeypatch):
    monkeypatch.setattr(report_module, "DOCUMENTS_PER_PAGE", PER_PAGE)
    exported = tmp_path / "out-9"  # the same name: the report's title is the dataset's
    assert main(["export", "--out", str(runs[LARGE]), "--db", str(tmp_path / "none.sqlite"), "--report",
                 str(exported)]) == 0
    _assert_same_files(runs[LARGE] / REPORT_FOLDER, exported)


def test_report_a_page_at_a_time_is_the_report_of_the_whole_dataset(runs: dict[int, Path], tmp_path: Path,
                                                                    monkeypatch):
    """The run's report reads a page of documents at a time; the reviewed report holds the whole dataset in
    memory: without decisions they are the same, byte for byte."""
    monkeypatch.setattr(report_module, "DOCUMENTS_PER_PAGE", PER_PAGE)
    whole = tmp_path / "whole"
    write_reviewed_report(*report_of(runs[LARGE]), runs[LARGE].name, whole)
    _assert_same_files(runs[LARGE] / REPORT_FOLDER, whole)


def test_report_dataset_pages_load_the_records_of_their_documents(runs: dict[int, Path], tmp_path: Path):
    whole = load_dataset(runs[LARGE])
    pages = DatasetPages(runs[LARGE], tmp_path)
    assert pages.doc_ids == list(whole.documents)
    for doc_ids in (pages.doc_ids[:2], pages.doc_ids[5:6]):
        page = pages.load(doc_ids)
        assert list(page.documents) == doc_ids
        for doc_id in doc_ids:
            assert [item.key for item in page.items_in(doc_id)] == [item.key for item in whole.items_in(doc_id)]
            assert page.sentences[doc_id] == whole.sentences[doc_id]
            for item in page.items_in(doc_id):  # a meeting's mentions in this document, as in the whole
                assert item.spans_in(doc_id) == whole.items[item.key].spans_in(doc_id)


def _assert_same_files(first: Path, second: Path) -> None:
    names = sorted(str(path.relative_to(first)) for path in first.rglob("*.html"))
    assert names == sorted(str(path.relative_to(second)) for path in second.rglob("*.html"))
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_report_export_refuses_a_folder_that_is_not_a_report(runs: dict[int, Path], tmp_path: Path, capsys):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["export", "--out", str(runs[SMALL]), "--report", str(tmp_path)]) != 0
    assert "not a report of this tool" in capsys.readouterr().err
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_report_run_without_report_writes_none(tmp_path: Path):
    write_corpus(tmp_path / "corpus", 1)
    run_to([tmp_path / "corpus"], tmp_path / "out", report=False)
    assert (tmp_path / "out" / "manifest.json").is_file()
    assert not (tmp_path / "out" / REPORT_FOLDER).exists()
