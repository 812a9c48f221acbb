"""Sign-in in a real headless Chromium: a shared review server shows only its sign-in form; a reviewer signs
in, accepts a meeting that is then recorded under her name (there is no name box to type into), signs out,
and the pages are gone again. A screenshot of the sign-in page is kept in tests/e2e/artifacts/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.review.app import create_app
from pipeline.review.server import serving_in_thread
from pipeline.review.signin import SignIn
from pipeline.review.store import DecisionStore
from tests.e2e.support import cached_dataset, working_copy
from tests.e2e.test_review_browser import (
    ARTIFACTS,
    CHROMIUM,
    MEETING_WORDS,
    VI_TITLE,
    _card_on,
    _watch,
)

PASSWORD = "correct horse battery"

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian's chromium is not installed at /usr/bin/chromium (`make setup` installs it when run as root)",
)


@pytest.fixture
def shared(tmp_path_factory, tmp_path: Path):
    dataset = working_copy(cached_dataset(tmp_path_factory.getbasetemp() / "review-pristine"), tmp_path / "work")
    sign_in = SignIn(tmp_path / "reviewers.sqlite")
    sign_in.accounts.add("Lan", PASSWORD)
    app = create_app(dataset, tmp_path / "review.sqlite", allowed_hosts=None, sign_in=sign_in)
    with serving_in_thread(app) as url:
        yield {"url": url, "db": tmp_path / "review.sqlite"}


def test_review_browser_sign_in_decide_sign_out(shared: dict, browser):
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1400, "height": 950})
    context.set_default_timeout(10_000)
    page = context.new_page()
    problems = _watch(page)
    page.goto(shared["url"])
    expect(page).to_have_url(re.compile(r"/sign-in\?next=%2F$"))
    expect(page.get_by_role("link", name=VI_TITLE)).to_have_count(0)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "sign-in.png"))

    page.get_by_label("Name").fill("Lan")
    page.get_by_label("Password or token").fill("not her password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_have_text("Wrong name or password.")

    page.get_by_label("Name").fill("lan")
    page.get_by_label("Password or token").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("#signed-in-name")).to_have_text("Lan")
    assert page.locator("#reviewer").count() == 0
    page.get_by_role("link", name=VI_TITLE).click()
    meeting = _card_on(page, MEETING_WORDS)
    meeting.get_by_role("button", name="Accept").click()
    expect(meeting).to_have_class(re.compile(r"\bst-accepted\b"))
    expect(meeting).to_contain_text("accepted by Lan")
    key = meeting.get_attribute("data-key")
    assert [d.reviewer for d in DecisionStore(shared["db"]).history(key)] == ["Lan"]

    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/sign-in$"))
    page.go_back()
    expect(page).to_have_url(re.compile(r"/sign-in\?next="))  # the document is gone with the session
    assert [p for p in problems if "401" not in p] == []
    context.close()
