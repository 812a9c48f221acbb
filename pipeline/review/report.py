"""A self-contained static report for people who only read: `outputs/report.html`.

    python -m pipeline export --report [FILE]        (make report)

One HTML file with no outside reference: charts (records per area, meetings per year, meetings per
country) as inline SVG, the document list, and every document view of the review app, read-only, with
the decisions applied when a review database exists. Style and script are inline and pinned by a
Content-Security-Policy of their hashes, so nothing else in the file can run.
"""

from __future__ import annotations

import base64
import hashlib
import os
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from pipeline.review.dataset import load_dataset
from pipeline.review.records import area_labels
from pipeline.review.resolve import Resolution, resolve
from pipeline.review.reviewed import Reviewed, reviewed_tables
from pipeline.review.store import DecisionStore
from pipeline.review.templates import render, static_text
from pipeline.review.view import document_summaries, document_view

SERIES_COLOURS = ("#7c3aed", "#2563eb", "#d97706")
LABEL_WIDTH, BAR_AREA, ROW_GAP, BAR_HEIGHT = 220, 260, 8, 9


@dataclass
class Chart:
    title: str
    width: int
    height: int
    bars: list[dict] = field(default_factory=list)  # x, y, width, height, colour, tip
    texts: list[dict] = field(default_factory=list)  # x, y, text, anchor
    legend: list[tuple[str, str]] = field(default_factory=list)
    note: str = ""


def horizontal_chart(title: str, rows: list[tuple[str, list[int]]], series: list[str], note: str = "",
                     colours: tuple[str, ...] = SERIES_COLOURS) -> Chart:
    """One row per label, one bar per series, value written after each bar."""
    top = max((max(values) for _, values in rows if values), default=0) or 1
    row_height = len(series) * BAR_HEIGHT + ROW_GAP
    chart = Chart(title, LABEL_WIDTH + BAR_AREA + 40, len(rows) * row_height + 6, note=note,
                  legend=list(zip(colours, series, strict=False)) if len(series) > 1 else [])
    for index, (label, values) in enumerate(rows):
        y = index * row_height + 3
        chart.texts.append({"x": LABEL_WIDTH - 6, "y": y + len(series) * BAR_HEIGHT / 2 + 4, "text": label,
                            "anchor": "end"})
        for position, value in enumerate(values):
            width = round(BAR_AREA * value / top, 1)
            bar_y = y + position * BAR_HEIGHT
            chart.bars.append({"x": LABEL_WIDTH, "y": bar_y, "width": max(width, 0.5), "height": BAR_HEIGHT - 1,
                               "colour": colours[position], "tip": f"{label}: {value} {series[position]}"})
            chart.texts.append({"x": LABEL_WIDTH + width + 4, "y": bar_y + BAR_HEIGHT - 1, "text": str(value),
                                "anchor": "start"})
    return chart


def vertical_chart(title: str, rows: list[tuple[str, int]], note: str = "") -> Chart:
    top = max((value for _, value in rows), default=0) or 1
    step = max(min(44, 520 // max(len(rows), 1)), 16)
    height = 160
    chart = Chart(title, len(rows) * step + 20, height + 34, note=note)
    for index, (label, value) in enumerate(rows):
        bar_height = round(height * value / top, 1)
        x = 10 + index * step
        chart.bars.append({"x": x + 3, "y": height - bar_height + 14, "width": step - 6, "height": bar_height,
                           "colour": SERIES_COLOURS[1], "tip": f"{label}: {value} meeting(s)"})
        chart.texts.append({"x": x + step / 2, "y": height - bar_height + 10, "text": str(value), "anchor": "middle"})
        chart.texts.append({"x": x + step / 2, "y": height + 28, "text": label, "anchor": "middle"})
    return chart


def country_names() -> dict[str, str]:
    text = resources.files("pipeline.rules").joinpath("gazetteers", "countries.yaml").read_text(encoding="utf-8")
    return {entry["iso2"]: entry["name_en"] for entry in yaml.safe_load(text)["entries"] if entry.get("iso2")}


def charts(reviewed: Reviewed) -> list[Chart]:
    tables = reviewed.tables
    labels = area_labels()
    per_area = []
    for key, (_, label_en) in labels.items():
        values = [sum(row["area"] == key for row in tables["areas"]),
                  sum(key in row["areas"] for row in tables["meetings"]),
                  sum(key in row["areas"] for row in tables["commitments"])]
        if any(values):
            per_area.append((label_en, values))
    years = Counter(row["date_start"][:4] for row in tables["meetings"] if row["date_start"])
    undated = sum(not row["date_start"] for row in tables["meetings"])
    span = range(int(min(years)), int(max(years)) + 1) if years else range(0)
    names = country_names()
    countries = Counter(row["country"] for row in tables["meetings"] if row["country"])
    return [
        horizontal_chart("Records per area", per_area, ["documents", "meetings", "commitments"]),
        vertical_chart("Meetings per year", [(str(year), years.get(str(year), 0)) for year in span],
                       note=f"{undated} meeting(s) without a date are not shown."),
        horizontal_chart("Meetings per country", [(names.get(code, code), [n]) for code, n in
                                                  sorted(countries.items(), key=lambda item: (-item[1], item[0]))],
                         ["meetings"], colours=SERIES_COLOURS[1:],
                         note=f"{sum(not r['country'] for r in tables['meetings'])} meeting(s) without a known "
                              f"country are not shown."),
    ]


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def render_report(resolution: Resolution, reviewed: Reviewed, title: str) -> str:
    css, js = static_text("review.css"), static_text("review.js")
    csp = (f"default-src 'none'; style-src {_csp_hash(css)}; script-src {_csp_hash(js)}; img-src data:; "
           f"base-uri 'none'; form-action 'none'")
    views = [document_view(resolution, doc_id, with_rejected=False) for doc_id in resolution.dataset.documents]
    return render("report.html", inline={"css": css, "js": js, "csp": csp}, csrf_token=None, default_reviewer="",
                  mode="report", dataset_name=title, home_url="#top", charts=charts(reviewed),
                  summaries=document_summaries(resolution), views=views, counts=reviewed.counts,
                  decisions=len(resolution.latest), stale=reviewed.stale,
                  totals={name: len(rows) for name, rows in reviewed.tables.items()})


def write_report(dataset_folder: Path, db_path: Path | None, path: Path) -> Path:
    """Render the report of the dataset (with the decisions in db_path, if it exists) into path."""
    dataset = load_dataset(dataset_folder)
    latest = DecisionStore(db_path).latest() if db_path and db_path.exists() else {}
    resolution = resolve(dataset, latest)
    html = render_report(resolution, reviewed_tables(resolution), dataset.folder.name)
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    staging.write_text(html, encoding="utf-8")
    staging.replace(path)
    return path
