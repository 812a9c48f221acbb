"""`export --reviewed`, `export --gold` and `export --report` reflect the decisions."""

from __future__ import annotations

import base64
import csv
import hashlib
import html
import json
import re
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.evaluate import evaluate_tables, load_gold
from tests.e2e.support import HOSTILE_SOURCE, VI_SOURCE, cached_dataset, working_copy
from tests.test_review_api import Reviewer

ADDED_WORDS = "đẩy mạnh thực hiện các đóng góp do quốc gia tự quyết định (NDC) đã cập nhật"  # a missed pledge


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory) -> dict:
    """The Vietnamese bulletin fully reviewed: one meeting rejected, one commitment corrected, one added,
    everything else accepted."""
    pristine = cached_dataset(tmp_path_factory.getbasetemp() / "review-pristine")
    work = tmp_path_factory.mktemp("export")
    reviewer = Reviewer(working_copy(pristine, work), work / "review.sqlite")
    records = [r for r in reviewer.document(VI_SOURCE)["records"] if r["kind"] in ("meeting", "commitment", "area")]
    rejected = next(r for r in records if r["kind"] == "meeting" and len(r["record"]["mentions"]) == 1)
    corrected = next(r for r in records if r["kind"] == "commitment")
    for record in records:
        if record is rejected:
            answer = reviewer.decide(record["key"], "reject")
        elif record is corrected:
            answer = reviewer.decide(record["key"], "correct", changes={"target_year": "2031", "actor": "ASEAN"})
        else:
            answer = reviewer.decide(record["key"], "accept")
        assert answer.status_code == 200, answer.text
    added = reviewer.add(VI_SOURCE, ADDED_WORDS, fields={"actor": "Viet Nam", "target_year": "2030"})
    assert added.status_code == 201
    return {"reviewer": reviewer, "work": work, "rejected": rejected, "corrected": corrected,
            "added": added.json()["decision"]["record_key"]}


def _cli(reviewed: dict, *options: str) -> int:
    reviewer = reviewed["reviewer"]
    return main(["export", "--out", str(reviewer.dataset), "--db", str(reviewer.db), *options])


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def export_folder(reviewed: dict) -> Path:
    to = reviewed["work"] / "reviewed"
    assert _cli(reviewed, "--reviewed", "--to", str(to)) == 0
    return to


def test_review_export_removes_rejected_records(reviewed: dict, export_folder: Path):
    rejected_id = reviewed["rejected"]["record"]["meeting_id"]
    assert rejected_id not in {m["meeting_id"] for m in _jsonl(export_folder / "meetings.jsonl")}
    assert rejected_id in {m["meeting_id"] for m in reviewed["reviewer"].rows("meetings")}
    assert all(c["meeting_id"] != rejected_id for c in _jsonl(export_folder / "commitments.jsonl"))
    assert all(i["adopted_at"] != rejected_id for i in _jsonl(export_folder / "instruments.jsonl"))


def test_review_export_applies_corrections_and_additions(reviewed: dict, export_folder: Path):
    commitments = {c["commitment_id"]: c for c in _jsonl(export_folder / "commitments.jsonl")}
    corrected = commitments[reviewed["corrected"]["record"]["commitment_id"]]
    assert (corrected["target_year"], corrected["actor"], corrected["review_status"]) == (2031, "ASEAN", "corrected")
    added = commitments[reviewed["added"].split(":", 1)[1]]
    assert (added["text"], added["review_status"], added["target_year"]) == (ADDED_WORDS, "added", 2030)


def test_review_export_marks_every_row_with_its_review_status(reviewed: dict, export_folder: Path):
    vi_doc = reviewed["reviewer"].doc_id(VI_SOURCE)
    for table in ("meetings", "commitments", "areas", "entities", "instruments"):
        rows = _jsonl(export_folder / f"{table}.jsonl")
        assert rows and all(r["review_status"] in ("accepted", "corrected", "added", "unreviewed") for r in rows)
    statuses = {r["review_status"] for r in _jsonl(export_folder / "areas.jsonl") if r["doc_id"] == vi_doc}
    assert statuses == {"accepted"}
    documents = {d["source"]: d for d in _jsonl(export_folder / "documents.jsonl")}
    assert documents[VI_SOURCE]["review_status"] == "reviewed"
    assert documents[HOSTILE_SOURCE]["review_status"] in ("unreviewed", "in_progress")
    with (export_folder / "commitments.csv").open(encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert header[-1] == "review_status" and "commitment_id" in header
    schema = json.loads((export_folder / "schema" / "meetings.schema.json").read_text("utf-8"))
    assert "review_status" in schema["required"]


def test_review_export_summary_counts_what_was_applied(reviewed: dict, export_folder: Path):
    summary = json.loads((export_folder / "review.json").read_text("utf-8"))
    counts = summary["records_by_review_status"]
    assert (counts["rejected"], counts["corrected"], counts["added"]) == (1, 1, 1)
    assert summary["stale_decisions_not_applied"] == [] and summary["rejects"] == 0
    assert summary["rows"]["meetings"] == len(reviewed["reviewer"].rows("meetings")) - 1


def test_review_export_rewrites_its_own_folder_but_no_other(reviewed: dict, export_folder: Path, tmp_path: Path,
                                                            capsys):
    assert _cli(reviewed, "--reviewed", "--to", str(export_folder)) == 0
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert _cli(reviewed, "--reviewed", "--to", str(tmp_path)) == 2
    assert "refusing to overwrite" in capsys.readouterr().err
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_review_export_without_decisions_database_says_so(reviewed: dict, tmp_path: Path, capsys):
    code = main(["export", "--out", str(reviewed["reviewer"].dataset), "--db", str(tmp_path / "none.sqlite"),
                 "--reviewed", "--to", str(tmp_path / "x")])
    assert code == 2 and "no review database" in capsys.readouterr().err


# --- gold ----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def gold_folder(reviewed: dict) -> Path:
    to = reviewed["work"] / "more-gold"
    assert _cli(reviewed, "--gold", str(to)) == 0
    return to


def test_review_gold_export_writes_only_fully_reviewed_documents(gold_folder: Path, reviewed: dict):
    stem = Path(VI_SOURCE).stem
    assert [p.name for p in (gold_folder / "gold").iterdir()] == [f"{stem}.json"]
    text = (gold_folder / "texts" / f"{stem}.txt").read_text(encoding="utf-8")
    assert text == reviewed["reviewer"].document(VI_SOURCE)["document"]["text"]


def test_review_gold_export_holds_the_decisions(gold_folder: Path, reviewed: dict):
    gold = json.loads((gold_folder / "gold" / f"{Path(VI_SOURCE).stem}.json").read_text("utf-8"))
    assert set(gold) == {"id", "lang", "areas", "meetings", "commitments"} and gold["lang"] == "vi"
    rejected_surface = reviewed["rejected"]["record"]["mentions"][0]["text"]
    assert rejected_surface not in {m["surface"] for m in gold["meetings"]}
    commitments = {c["surface"]: c for c in gold["commitments"]}
    assert commitments[ADDED_WORDS] == {"surface": ADDED_WORDS, "actor": "Viet Nam", "target_year": 2030,
                                        "form": "pledge", "areas": []}
    corrected = commitments[reviewed["corrected"]["record"]["text"]]
    assert (corrected["actor"], corrected["target_year"]) == ("ASEAN", 2031)
    assert all(set(m) == {"surface", "kind", "ordinal", "body", "partners", "date_start", "date_end", "city",
                          "country"} for m in gold["meetings"])


def test_review_gold_export_scores_the_reviewed_dataset_perfectly(gold_folder: Path, export_folder: Path):
    tables = {name: _jsonl(export_folder / f"{name}.jsonl")
              for name in ("documents", "meetings", "commitments", "areas")}
    score = evaluate_tables(tables, load_gold(gold_folder / "gold"))["all"].as_dict()
    assert (score["areas"]["f1"], score["meetings"]["f1"], score["commitments"]["f1"]) == (1.0, 1.0, 1.0)
    assert score["commitment_attribute_accuracy"] == 1.0


# --- the static report ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def report_folder(reviewed: dict) -> Path:
    assert _cli(reviewed, "--report") == 0
    return reviewed["reviewer"].dataset / "report"


@pytest.fixture(scope="module")
def report_files(report_folder: Path) -> dict[str, str]:
    """Every file of the report by its path in the folder: index.html and docs/*.html."""
    return {str(path.relative_to(report_folder)): path.read_text(encoding="utf-8")
            for path in sorted(report_folder.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def report(report_files: dict[str, str]) -> str:
    """The whole report as one text, for what may be on any of its pages."""
    return "\n".join(report_files.values())


def test_review_report_is_a_folder_of_index_and_pages(report_files: dict[str, str]):
    assert list(report_files) == ["docs/0001.html", "index.html"]


@pytest.mark.parametrize("name", ["index.html", "docs/0001.html"])
def test_review_report_is_self_contained(report_files: dict[str, str], name: str):
    page = report_files[name]
    links = re.findall(r'\s(?:src|href|action)="([^"]*)"', page)
    own = re.compile(r"#.*|data:.*|(\.\./)?index\.html(#.*)?|(docs/)?\d{4}\.html")  # the report's own files
    outside = [link for link in links if not own.fullmatch(link)]
    assert outside == [], "the report refers to a file that is not its own"
    assert 'rel="stylesheet"' not in page and "@import" not in page and "url(" not in page
    assert page.count("<script>") == 1 and page.count("<style>") == 1


@pytest.mark.parametrize("name", ["index.html", "docs/0001.html"])
def test_review_report_pins_its_own_script_and_style_by_hash(report_files: dict[str, str], name: str):
    page = report_files[name]
    policy = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1))
    for tag in ("style", "script"):
        body = re.search(rf"<{tag}>(.*?)</{tag}>", page, re.S).group(1)
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        assert f"{tag}-src 'sha256-{digest}'" in policy
    assert "unsafe-inline" not in policy


def test_review_report_renders_hostile_text_inert(report: str):
    assert "<script>window.__pwned" not in report and "<img src=x" not in report
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in report


def test_review_report_index_lists_documents_as_inert_data(report_files: dict[str, str]):
    block = re.search(r'<script type="application/json" id="report-documents">(.*?)</script>',
                      report_files["index.html"], re.S).group(1)
    assert "<" not in block, "a title could close the data block"
    rows = json.loads(block)
    assert len(rows) == 3 and {row["page"] for row in rows} == {1}
    assert any(row["title"].startswith("Bản tin <script>") for row in rows)


CHART_TITLES = ["Records per area", "Meetings per year", "Meetings per country", "Commitments by target year",
                "Commitments by form"]


def _chart(index: str, title: str) -> str:
    return index.split(f"<h2>{title}</h2>")[1].split("</figure>")[0]


def test_review_report_has_the_five_charts(report_files: dict[str, str], export_folder: Path):
    index = report_files["index.html"]
    assert re.findall(r'<figure class="chart">\s*<h2>([^<]+)</h2>', index) == CHART_TITLES
    countries = {m["country"] for m in _jsonl(export_folder / "meetings.jsonl") if m["country"]}
    assert _chart(index, "Meetings per country").count("<rect") == len(countries) > 0
    assert "Laos" in _chart(index, "Meetings per country") or "Lao" in _chart(index, "Meetings per country")


def test_review_report_charts_commitments_by_target_year_as_reviewed(report_files: dict[str, str],
                                                                     export_folder: Path):
    commitments = _jsonl(export_folder / "commitments.jsonl")
    years = [c["target_year"] for c in commitments if c["target_year"] is not None]
    assert 2031 in years  # the reviewer's correction is what the chart counts
    chart = _chart(report_files["index.html"], "Commitments by target year")
    for year in set(years):
        assert f"<title>{year}: {years.count(year)} commitment(s)</title>" in chart


def test_review_report_charts_commitments_by_form_with_unclassified(report_files: dict[str, str],
                                                                    export_folder: Path):
    commitments = _jsonl(export_folder / "commitments.jsonl")
    unclassified = sum(c["form"] is None for c in commitments)
    chart = _chart(report_files["index.html"], "Commitments by form")
    assert f"<title>not classified: {unclassified} commitments</title>" in chart
    assert "<title>pledge: " in chart and "<title>agreed action: " in chart


def test_reviewed_export_has_parquet_and_duckdb_beside_jsonl(export_folder):
    import duckdb

    rows = _jsonl(export_folder / "commitments.jsonl")
    with duckdb.connect(str(export_folder / "dataset.duckdb"), read_only=True) as connection:
        assert connection.execute('SELECT count(*) FROM "commitments"').fetchone()[0] == len(rows)
        statuses = {row[0] for row in connection.execute('SELECT DISTINCT review_status FROM "commitments"').fetchall()}
    assert statuses == {row["review_status"] for row in rows}
    parquet = duckdb.sql(f"SELECT count(*) FROM '{export_folder / 'meetings.parquet'}'").fetchall()[0][0]
    assert parquet == len(_jsonl(export_folder / "meetings.jsonl"))


def test_reviewed_export_has_native_types_and_a_valid_data_package(export_folder):
    import duckdb
    from frictionless import validate

    with duckdb.connect(str(export_folder / "dataset.duckdb"), read_only=True) as connection:
        types = dict(connection.execute('SELECT column_name, data_type FROM information_schema.columns '
                                        "WHERE table_name = 'commitments'").fetchall())
    assert (types["binding"], types["areas"], types["review_status"]) == ("BOOLEAN", "VARCHAR[]", "VARCHAR")
    report = validate(export_folder / "datapackage.json")
    assert report.valid, report.flatten(["type", "note"])[:5]

def test_review_report_shows_reviewed_records(report_files: dict[str, str], reviewed: dict):
    page = report_files["docs/0001.html"]
    assert 'id="doc-' + reviewed["reviewer"].doc_id(VI_SOURCE) + '"' in page
    assert f'data-key="{reviewed["rejected"]["key"]}"' not in page
    assert f'data-key="{reviewed["added"]}"' in page
    assert "1 rejected" in report_files["index.html"] and 'class="actions"' not in page
