"""The static report in a real headless Chromium: the index (charts, the paged and searched document
list) opens with no error and no blocked script, and leads to a document view whose own script runs."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from pipeline.review.report import REPORT_FOLDER
from tests.e2e.conftest import CHROMIUM
from tests.e2e.support import EN_SOURCE, VI_SOURCE, cached_dataset
from tests.e2e.test_review_browser import VI_TITLE, _watch

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian's chromium is not installed at /usr/bin/chromium (`make browser` installs it when run as root)",
)

CHART_TITLES = ["Records per area", "Meetings per year", "Meetings per country", "Commitments by target year",
                "Commitments by form"]


@pytest.fixture
def index(tmp_path_factory, tmp_path: Path) -> Path:
    """The report the run wrote beside the session's small dataset, copied so that a test owns it."""
    pristine = cached_dataset(tmp_path_factory.getbasetemp() / "review-pristine")
    shutil.copytree(pristine / "outputs" / REPORT_FOLDER, tmp_path / REPORT_FOLDER)
    return tmp_path / REPORT_FOLDER / "index.html"


def test_report_browser_index_shows_charts_and_lists_documents(browser, context, index: Path):
    from playwright.sync_api import expect

    page = context.new_page()
    problems = _watch(page)
    page.goto(index.as_uri())
    assert page.locator("figure.chart h2").all_inner_texts() == CHART_TITLES
    expect(page.locator("#doc-rows tr")).to_have_count(3)
    expect(page.locator("#doc-count")).to_have_text("3 documents")
    assert problems == [], problems


def test_report_browser_search_narrows_the_list(browser, context, index: Path):
    from playwright.sync_api import expect

    page = context.new_page()
    page.goto(index.as_uri())
    page.locator("#doc-search").fill(EN_SOURCE.removesuffix(".txt"))
    expect(page.locator("#doc-rows tr")).to_have_count(1)
    expect(page.locator("#doc-count")).to_have_text("1 of 3 documents match")
    page.locator("#doc-search").fill("")
    expect(page.locator("#doc-rows tr")).to_have_count(3)


def test_report_browser_index_leads_to_the_document_view(browser, context, index: Path):
    from playwright.sync_api import expect

    page = context.new_page()
    problems = _watch(page)
    page.goto(index.as_uri())
    page.get_by_role("link", name=VI_TITLE).click()
    expect(page).to_have_url(re.compile(r"/docs/0001\.html#doc-"))
    section = page.locator("section.report-doc:target")
    expect(section.locator(".doc-title")).to_have_text(VI_TITLE)
    assert VI_SOURCE in section.locator(".doc-meta").inner_text()
    section.locator(".doc-text .seg.hl-meeting").first.click()  # the page's own script runs
    expect(section.locator("article.card.sel")).to_have_attribute("data-kind", "meeting")
    section.get_by_role("link", name="all documents").click()
    expect(page.locator("#doc-rows tr")).to_have_count(3)
    assert problems == [], problems
