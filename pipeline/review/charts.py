"""The report's charts as plain data for the template, which draws them as inline SVG (no chart library).

Records per area, meetings per year and per country, commitments by target year and by form. Each chart
is counted from the rows of the tables it shows (the reviewed tables when decisions exist), and says in a
note what it leaves out (a meeting without a date, a commitment without a target year).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from pipeline.review.records import area_labels
from pipeline.schema import CommitmentForm

SERIES_COLOURS = ("#7c3aed", "#2563eb", "#d97706", "#059669")
LABEL_WIDTH, BAR_AREA, ROW_GAP, BAR_HEIGHT = 220, 260, 8, 9
COLUMN_AREA_HEIGHT = 160
MAX_YEAR_SPAN = 40  # a wider span of years shows only the years that occur, not every year between
NOT_CLASSIFIED = "not classified"

Row = Mapping[str, Any]


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


def vertical_chart(title: str, rows: list[tuple[str, int]], unit: str, note: str = "",
                   colour: str = SERIES_COLOURS[1]) -> Chart:
    """One column per label (years, in order), the value above each column."""
    top = max((value for _, value in rows), default=0) or 1
    step = max(min(44, 520 // max(len(rows), 1)), 16)
    height = COLUMN_AREA_HEIGHT
    chart = Chart(title, len(rows) * step + 20, height + 34, note=note)
    for index, (label, value) in enumerate(rows):
        bar_height = round(height * value / top, 1)
        x = 10 + index * step
        chart.bars.append({"x": x + 3, "y": height - bar_height + 14, "width": step - 6, "height": bar_height,
                           "colour": colour, "tip": f"{label}: {value} {unit}"})
        chart.texts.append({"x": x + step / 2, "y": height - bar_height + 10, "text": str(value), "anchor": "middle"})
        chart.texts.append({"x": x + step / 2, "y": height + 28, "text": label, "anchor": "middle"})
    return chart


def year_rows(years: Counter[int]) -> list[tuple[str, int]]:
    """Every year from the first to the last (a gap shows as an empty column), or, over a span wider than
    MAX_YEAR_SPAN, only the years that occur."""
    if not years:
        return []
    first, last = min(years), max(years)
    shown = range(first, last + 1) if last - first <= MAX_YEAR_SPAN else sorted(years)
    return [(str(year), years.get(year, 0)) for year in shown]


def country_names() -> dict[str, str]:
    """ISO code -> English name, from the bundled countries gazetteer (read alone: loading every rule file
    for the names would take longer than the report)."""
    text = resources.files("pipeline.rules").joinpath("gazetteers", "countries.yaml").read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, where PyYAML was built with it
    return {entry["iso2"]: entry["name_en"] for entry in yaml.load(text, Loader=loader)["entries"]
            if entry.get("iso2")}


def _area_chart(areas: Sequence[Row], meetings: Sequence[Row], commitments: Sequence[Row]) -> Chart:
    per_area = []
    for key, (_, label_en) in area_labels().items():
        values = [sum(row["area"] == key for row in areas), sum(key in row["areas"] for row in meetings),
                  sum(key in row["areas"] for row in commitments)]
        if any(values):
            per_area.append((label_en, values))
    return horizontal_chart("Records per area", per_area, ["documents", "meetings", "commitments"])


def _meeting_charts(meetings: Sequence[Row]) -> list[Chart]:
    years = Counter(int(row["date_start"][:4]) for row in meetings if row["date_start"])
    undated = sum(not row["date_start"] for row in meetings)
    names = country_names()
    countries = Counter(row["country"] for row in meetings if row["country"])
    by_country = sorted(countries.items(), key=lambda item: (-item[1], item[0]))
    return [
        vertical_chart("Meetings per year", year_rows(years), "meeting(s)",
                       note=f"{undated} meeting(s) without a date are not shown."),
        horizontal_chart("Meetings per country", [(names.get(code, code), [n]) for code, n in by_country],
                         ["meetings"], colours=SERIES_COLOURS[1:],
                         note=f"{sum(not row['country'] for row in meetings)} meeting(s) without a known "
                              f"country are not shown."),
    ]


def _commitment_charts(commitments: Sequence[Row]) -> list[Chart]:
    years = Counter(row["target_year"] for row in commitments if row["target_year"] is not None)
    without = sum(row["target_year"] is None for row in commitments)
    forms = Counter(row.get("form") or NOT_CLASSIFIED for row in commitments)
    order = [form.value for form in CommitmentForm] + [NOT_CLASSIFIED]
    return [
        vertical_chart("Commitments by target year", year_rows(years), "commitment(s)", colour=SERIES_COLOURS[2],
                       note=f"{without} commitment(s) without a target year are not shown."),
        horizontal_chart("Commitments by form", [(form.replace("_", " "), [forms.get(form, 0)]) for form in order],
                         ["commitments"], colours=SERIES_COLOURS[2:],
                         note="The form says what kind of undertaking it is; \u201cnot classified\u201d: the rules "
                              "gave it none."),
    ]


CHARTED_FIELDS = {"areas": ("area",), "meetings": ("date_start", "country", "areas"),
                  "commitments": ("target_year", "form", "areas")}
"""What the charts read of each table: only these fields are kept, so that the rows can stream past."""


def charts(tables: Mapping[str, Iterable[Row]]) -> list[Chart]:
    """The report's charts, from the tables `areas`, `meetings` and `commitments` (each read once)."""
    areas, meetings, commitments = ([{name: row.get(name) for name in CHARTED_FIELDS[table]} for row in tables[table]]
                                    for table in ("areas", "meetings", "commitments"))
    return [_area_chart(areas, meetings, commitments), *_meeting_charts(meetings), *_commitment_charts(commitments)]
