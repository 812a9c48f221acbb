"""The static report, for people who only read: a folder of self-contained HTML files, `<out>/report/`.

    python -m pipeline run corpus --out outputs          writes outputs/report/ (unless --no-report)
    python -m pipeline export --report [DIR]             again, with the review decisions (make report)

`index.html` holds the overview: counts, the charts (inline SVG) and the list of documents, paged and
searched by a small script from a JSON block, so it opens in a moment whatever the corpus. The document
views (the review app's, read-only, with the decisions applied where a review database exists) are in
`docs/NNNN.html`, DOCUMENTS_PER_PAGE documents a file, so no file grows with the corpus. Every file has no
outside reference: its style and script are inline, pinned by a Content-Security-Policy of their hashes,
so nothing else in it can run; its links lead only to the report's own files.

A run writes the report into its staging folder before the swap, so a report always describes the dataset
beside it. Output is deterministic, like the rest of the dataset.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.output.writer import TOOL_NAME, OutputError
from pipeline.review.charts import Chart, charts
from pipeline.review.dataset import DatasetPages, load_dataset
from pipeline.review.resolve import Resolution, resolve
from pipeline.review.reviewed import Reviewed, reviewed_tables
from pipeline.review.store import DecisionStore
from pipeline.review.templates import render, static_text
from pipeline.review.view import LEGEND, document_summaries, document_view

REPORT_FOLDER = "report"
DOCUMENTS_PER_PAGE = 20
GENERATOR = f"{TOOL_NAME} report"
"""Written into every page; a folder whose index.html lacks it is not a report, and is never replaced."""


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def inline_assets(script: str) -> dict[str, str]:
    """The shared style and one script, inline, and the policy that lets only these two run."""
    css, js = static_text("review.css"), static_text(script)
    csp = (f"default-src 'none'; style-src {_csp_hash(css)}; script-src {_csp_hash(js)}; img-src data:; "
           f"base-uri 'none'; form-action 'none'")
    return {"css": css, "js": js, "csp": csp}


@dataclass(frozen=True)
class Page:
    number: int  # from 1
    doc_ids: list[str]

    @property
    def path(self) -> str:
        """Relative to the report folder: `docs/0001.html`."""
        return f"docs/{self.number:04d}.html"


def pages_of(doc_ids: list[str], size: int | None = None) -> list[Page]:
    """The documents in their order, DOCUMENTS_PER_PAGE (or `size`) a page."""
    size = size or DOCUMENTS_PER_PAGE
    return [Page(index // size + 1, doc_ids[index:index + size]) for index in range(0, len(doc_ids), size)]


def document_rows(resolution: Resolution, pages: list[Page]) -> list[dict[str, Any]]:
    """One short row per document of the resolution for the index's list (its page, title, counts, review)."""
    page_of = {doc_id: page.number for page in pages for doc_id in page.doc_ids}
    return [{"id": s.doc_id, "page": page_of[s.doc_id], "title": s.title, "source": s.source, "lang": s.lang,
             "published": s.published, "meetings": s.counts["meeting"], "commitments": s.counts["commitment"],
             "areas": s.counts["area"], "review": f"{s.progress.decided}/{s.progress.total} · "
             + s.progress.status.replace("_", " ")} for s in document_summaries(resolution)]


@dataclass
class Overview:
    """What the index says of the whole dataset besides its list: totals, charts, the review's state."""

    totals: dict[str, int]
    charts: list[Chart]
    decisions: int = 0
    counts: dict[str, int] = field(default_factory=dict)  # records per review status
    stale: list[dict[str, str]] = field(default_factory=list)


def reviewed_overview(resolution: Resolution, reviewed: Reviewed) -> Overview:
    return Overview({name: len(rows) for name, rows in reviewed.tables.items()}, charts(reviewed.tables),
                    len(resolution.latest), reviewed.counts, reviewed.stale)


def render_index(title: str, overview: Overview, rows: list[dict[str, Any]], pages: list[Page]) -> str:
    return render("report_index.html", inline=inline_assets("report.js"), csrf_token=None, default_reviewer="",
                  mode="report", generator=GENERATOR, dataset_name=title, home_url="index.html",
                  charts=overview.charts, rows=rows, pages=pages, counts=overview.counts,
                  decisions=overview.decisions, stale=overview.stale, totals=overview.totals)


def render_page(resolution: Resolution, title: str, pages: list[Page], index: int, total: int) -> str:
    """Page `index` of the documents (of `total`); `resolution` holds at least its documents."""
    page = pages[index]
    views = [document_view(resolution, doc_id, with_rejected=False) for doc_id in page.doc_ids]
    first = sum(len(p.doc_ids) for p in pages[:index]) + 1
    return render("report_page.html", inline=inline_assets("review.js"), csrf_token=None, default_reviewer="",
                  mode="report", generator=GENERATOR, dataset_name=title, home_url="../index.html", page=page,
                  previous=pages[index - 1] if index > 0 else None,
                  next=pages[index + 1] if index + 1 < len(pages) else None, page_count=len(pages),
                  first=first, last=first + len(page.doc_ids) - 1, total=total, views=views,
                  legend_entries=LEGEND)


def write_reviewed_report(resolution: Resolution, reviewed: Reviewed, title: str, folder: Path) -> None:
    """index.html and docs/*.html into `folder` (which must not exist yet), from the whole dataset in memory
    with the decisions applied."""
    pages = pages_of(list(resolution.dataset.documents))
    (folder / "docs").mkdir(parents=True)
    for index, page in enumerate(pages):
        html = render_page(resolution, title, pages, index, len(resolution.dataset.documents))
        (folder / page.path).write_text(html, encoding="utf-8")
    overview = reviewed_overview(resolution, reviewed)
    (folder / "index.html").write_text(render_index(title, overview, document_rows(resolution, pages), pages),
                                       encoding="utf-8")


def write_streamed_report(dataset_folder: Path, title: str, folder: Path) -> None:
    """The same report of a dataset without decisions, a page of documents in memory at a time (a run's
    report: the whole of a large dataset in memory would take gigabytes)."""
    with tempfile.TemporaryDirectory(prefix="report-") as workdir:
        _write_streamed_report(DatasetPages(dataset_folder, Path(workdir)), dataset_folder, title, folder)


def _write_streamed_report(source: DatasetPages, dataset_folder: Path, title: str, folder: Path) -> None:
    pages = pages_of(source.doc_ids)
    (folder / "docs").mkdir(parents=True)
    rows: list[dict[str, Any]] = []
    for index, page in enumerate(pages):
        resolution = resolve(source.load(page.doc_ids), {})
        (folder / page.path).write_text(render_page(resolution, title, pages, index, len(source.doc_ids)),
                                        encoding="utf-8")
        rows += document_rows(resolution, [page])
    tables = {table: _stream_rows(dataset_folder / f"{table}.jsonl") for table in ("areas", "meetings", "commitments")}
    totals = {table: _count_lines(dataset_folder / f"{table}.jsonl") for table in ("documents", "meetings",
                                                                                   "commitments")}
    (folder / "index.html").write_text(render_index(title, Overview(totals, charts(tables)), rows, pages),
                                       encoding="utf-8")


def _count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for line in handle if line.strip())


def _stream_rows(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        yield from (json.loads(line) for line in handle if line.strip())


def report_of(dataset_folder: Path, db_path: Path | None = None) -> tuple[Resolution, Reviewed]:
    """The dataset with the decisions in db_path applied."""
    dataset = load_dataset(dataset_folder)
    latest = DecisionStore(db_path).latest() if db_path and db_path.exists() else {}
    resolution = resolve(dataset, latest)
    return resolution, reviewed_tables(resolution)


def write_report_files(dataset_folder: Path, db_path: Path | None, title: str, folder: Path) -> None:
    """The report, with the decisions in db_path if there are any; without, a page at a time."""
    if db_path and db_path.exists() and DecisionStore(db_path).count():
        write_reviewed_report(*report_of(dataset_folder, db_path), title, folder)
    else:
        write_streamed_report(dataset_folder, title, folder)


def write_run_report(dataset_folder: Path, title: str) -> Path:
    """The report of a dataset being written (a run's staging folder), into its `report/` folder.
    `title` is the dataset's name once in place (the staging folder's own name is temporary)."""
    folder = dataset_folder / REPORT_FOLDER
    write_streamed_report(dataset_folder, title, folder)
    return folder


def check_report_target(folder: Path) -> None:
    """Refuse to replace a file, or a folder that holds something other than a report of this tool."""
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"--report {folder} is a file, not a folder (the report is a folder: index.html, docs/)")
    if folder.is_dir() and any(folder.iterdir()):
        index = folder / "index.html"
        marker = f'<meta name="generator" content="{GENERATOR}">'
        if not index.is_file() or marker not in index.read_text(encoding="utf-8", errors="replace")[:4000]:
            raise OutputError(f"--report {folder} holds files that are not a report of this tool; refusing to "
                              f"replace it. Choose an empty or new folder.")


def write_report(dataset_folder: Path, db_path: Path | None, folder: Path | None = None) -> Path:
    """Render the report of the dataset (with the decisions in db_path, if it exists) into `folder`
    (default `<dataset>/report`), written beside it and swapped in whole."""
    dataset_folder = dataset_folder.resolve()
    folder = (folder or dataset_folder / REPORT_FOLDER).resolve()
    check_report_target(folder)
    staging = folder.with_name(f".{folder.name}.tmp-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        write_report_files(dataset_folder, db_path, dataset_folder.name, staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    previous = folder.with_name(f".{folder.name}.previous-{os.getpid()}")
    if folder.exists():
        folder.rename(previous)
    staging.rename(folder)
    shutil.rmtree(previous, ignore_errors=True)
    return folder
