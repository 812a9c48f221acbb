"""The review app shared beyond this machine, through HTTP: nothing without signing in, each decision under
the signed-in reviewer, sessions that end, failed sign-ins slowed, CSRF kept. Time is an injected clock."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from pipeline.review.app import create_app
from pipeline.review.signin import SignIn, safe_next
from pipeline.review.store import DecisionStore
from tests.e2e.support import VI_SOURCE, cached_dataset, csrf_token, working_copy

PASSWORD = "correct horse battery"
TWELVE_HOURS = 12 * 3600


class Clock:
    """Time that moves only when a test says so."""

    def __init__(self, now: float = 1_800_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class Shared:
    """The app with sign-in on, a reviewer 'Lan', and a browser-like client (cookies kept, no redirects followed)."""

    def __init__(self, dataset: Path, folder: Path, base_url: str = "http://127.0.0.1", session_hours: float = 12):
        self.clock = Clock()
        self.sign_in_settings = SignIn(folder / "reviewers.sqlite", session_hours, clock=self.clock)
        self.accounts = self.sign_in_settings.accounts
        self.accounts.add("Lan", PASSWORD)
        self.db = folder / "review.sqlite"
        self.app = create_app(dataset, self.db, reviewer="ignored", allowed_hosts=None, sign_in=self.sign_in_settings)
        self.base_url = base_url
        self.client = self.new_client()

    def new_client(self) -> TestClient:
        return TestClient(self.app, base_url=self.base_url, follow_redirects=False)

    def sign_in(self, name: str = "Lan", password: str = PASSWORD, client: TestClient | None = None,
                next_path: str = "/") -> httpx.Response:
        client = client or self.client
        form = client.get("/sign-in").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)  # type: ignore[union-attr]
        return client.post("/sign-in", data={"name": name, "password": password, "csrf_token": token,
                                             "next": next_path})

    def page_token(self, client: TestClient | None = None) -> str:
        return csrf_token((client or self.client).get("/").text)

    def doc_id(self) -> str:
        return next(d["doc_id"] for d in (self.client.get("/api/documents").json()) if d["source"] == VI_SOURCE)

    def first_key(self, kind: str) -> str:
        records = self.client.get(f"/api/documents/{self.doc_id()}").json()["records"]
        return next(r["key"] for r in records if r["kind"] == kind)

    def decide(self, key: str, token: str | None, reviewer: str = "Mallory", version: int = 0) -> httpx.Response:
        headers = {"X-CSRF-Token": token} if token is not None else {}
        return self.client.post("/api/decisions", headers=headers, json={
            "key": key, "action": "accept", "version": version, "reviewer": reviewer, "doc_id": self.doc_id()})


@pytest.fixture(scope="session")
def pristine(tmp_path_factory) -> Path:
    return cached_dataset(tmp_path_factory.getbasetemp() / "review-pristine")


@pytest.fixture
def dataset(pristine: Path, tmp_path: Path) -> Path:
    return working_copy(pristine, tmp_path / "work")


@pytest.fixture
def shared(dataset: Path, tmp_path: Path) -> Shared:
    return Shared(dataset, tmp_path)


# --- nothing without signing in -------------------------------------------------------------------------


@pytest.mark.parametrize(("method", "path", "status"), [
    ("GET", "/", 303),
    ("GET", "/?area=climate_change", 303),
    ("GET", "/documents/anything", 303),
    ("GET", "/no-such-page", 303),
    ("GET", "/api/documents", 401),
    ("GET", "/api/documents/anything", 401),
    ("GET", "/api/history/meeting:x", 401),
    ("GET", "/static/review.js", 401),
    ("POST", "/api/decisions", 401),
    ("POST", "/api/additions", 401),
])
def test_review_signin_refuses_everything_before_signing_in(shared: Shared, method: str, path: str, status: int):
    answer = shared.client.request(method, path, json={}, headers={"X-CSRF-Token": shared.app.state.review.csrf_token})
    assert answer.status_code == status
    if status == 303:
        assert answer.headers["location"].startswith("/sign-in?next=")
    else:
        assert "Sign in first" in answer.json()["error"]
    assert answer.headers["Content-Security-Policy"]  # refusals carry the security headers too


def test_review_signin_page_shows_nothing_of_the_dataset(shared: Shared, dataset: Path):
    page = shared.client.get("/sign-in")
    assert page.status_code == 200
    assert '<form class="sign-in-form" method="post" action="/sign-in">' in page.text
    titles = [d["title"] for d in shared.app.state.review.datasets.get().documents.values()]
    assert not any(title in page.text for title in titles)
    assert dataset.name not in page.text and "csrf-token" not in page.text and "review.js" not in page.text


def test_review_signin_leads_back_to_the_page_asked_for(shared: Shared):
    asked = shared.client.get("/?area=climate_change")
    form = shared.client.get(asked.headers["location"]).text
    assert 'name="next" value="/?area=climate_change"' in form
    answer = shared.sign_in(next_path="/?area=climate_change")
    assert (answer.status_code, answer.headers["location"]) == (303, "/?area=climate_change")


@pytest.mark.parametrize(("asked", "safe"), [
    ("/documents/abc", "/documents/abc"),
    ("/?area=x&type=y", "/?area=x&type=y"),
    ("https://evil.example/", "/"),
    ("//evil.example/", "/"),
    ("/\\evil.example", "/"),
    ("/sign-in?next=/", "/"),
    ("/x\r\nSet-Cookie: a=b", "/"),
    ("", "/"),
])
def test_review_signin_next_stays_in_this_app(asked: str, safe: str):
    assert safe_next(asked) == safe


# --- signing in -----------------------------------------------------------------------------------------


def test_review_signin_sets_a_strict_http_only_session_cookie(shared: Shared):
    answer = shared.sign_in()
    assert answer.status_code == 303
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith(shared.sign_in_settings.cookie_name + "=")
    for attribute in ("HttpOnly", "SameSite=strict", "Path=/", f"Max-Age={TWELVE_HOURS}"):
        assert attribute in cookie
    assert "Secure" not in cookie  # plain HTTP: a Secure cookie would never come back
    page = shared.client.get("/")
    assert page.status_code == 200
    assert 'Signed in as <strong id="signed-in-name">Lan</strong>' in page.text
    assert 'id="reviewer"' not in page.text  # no name box to type into


def test_review_signin_cookie_is_secure_over_https(dataset: Path, tmp_path: Path):
    shared = Shared(dataset, tmp_path, base_url="https://review.example")
    assert "Secure" in shared.sign_in().headers["set-cookie"]


@pytest.mark.parametrize(("name", "password"), [
    ("Lan", "wrong password"),
    ("Nobody", PASSWORD),
    ("Lan", ""),
    ("", ""),
])
def test_review_signin_refuses_a_wrong_name_or_password_alike(shared: Shared, name: str, password: str):
    answer = shared.sign_in(name, password)
    assert answer.status_code == 401
    assert "Wrong name or password." in answer.text
    assert "set-cookie" not in answer.headers
    assert shared.client.get("/api/documents").status_code == 401


def test_review_signin_name_is_matched_whatever_its_case(shared: Shared):
    assert shared.sign_in(" lAN ").status_code == 303
    assert "Signed in as" in shared.client.get("/").text


def test_review_signin_form_needs_its_own_csrf_token(shared: Shared):
    answer = shared.client.post("/sign-in", data={"name": "Lan", "password": PASSWORD, "next": "/"})
    assert answer.status_code == 403
    assert "set-cookie" not in answer.headers


# --- failed sign-ins slowed -------------------------------------------------------------------------------


def test_review_signin_repeated_failures_make_the_next_attempt_wait(shared: Shared):
    for _ in range(3):
        assert shared.sign_in(password="guess").status_code == 401
    fourth = shared.sign_in(password="guess")
    assert fourth.status_code == 401 and "Wait 2 seconds" in fourth.text
    refused = shared.sign_in()  # even the right password waits its turn
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == "2"
    assert "Too many failed sign-ins" in refused.text
    shared.clock.advance(2)
    assert shared.sign_in().status_code == 303


def test_review_signin_waits_double_with_each_failure(shared: Shared):
    for _ in range(3):
        shared.sign_in(password="guess")
    waits = []
    for _ in range(6):
        assert shared.sign_in(password="guess").status_code == 401
        waits.append(int(shared.sign_in(password="guess").headers["Retry-After"]))  # refused, and not counted
        shared.clock.advance(waits[-1])
    assert waits == [2, 4, 8, 16, 32, 64]


def test_review_signin_slows_a_client_that_tries_many_names(shared: Shared):
    for number in range(4):
        shared.sign_in(f"guess{number}", "guess")
    assert shared.sign_in("someone-else", "guess").status_code == 429


# --- sessions end -------------------------------------------------------------------------------------------


def test_review_signin_session_expires_after_its_hours(shared: Shared):
    shared.sign_in()
    shared.clock.advance(TWELVE_HOURS - 1)
    assert shared.client.get("/api/documents").status_code == 200
    shared.clock.advance(1)
    assert shared.client.get("/api/documents").status_code == 401
    assert shared.client.get("/").headers["location"] == "/sign-in?next=%2F"


def test_review_signin_session_hours_are_configurable(dataset: Path, tmp_path: Path):
    shared = Shared(dataset, tmp_path, session_hours=0.5)
    assert "Max-Age=1800" in shared.sign_in().headers["set-cookie"]
    shared.clock.advance(1800)
    assert shared.client.get("/api/documents").status_code == 401


def test_review_signin_sign_out_ends_the_session_even_for_a_copied_cookie(shared: Shared):
    shared.sign_in()
    name = shared.sign_in_settings.cookie_name
    cookie = shared.client.cookies.get(name)
    answer = shared.client.post("/sign-out", data={"csrf_token": shared.page_token()})
    assert (answer.status_code, answer.headers["location"]) == (303, "/sign-in")
    assert f'{name}=""' in answer.headers["set-cookie"] or "Max-Age=0" in answer.headers["set-cookie"]
    replay = shared.new_client()
    replay.cookies.set(name, cookie)
    assert replay.get("/api/documents").status_code == 401


def test_review_signin_sign_out_needs_the_sessions_csrf_token(shared: Shared):
    shared.sign_in()
    assert shared.client.post("/sign-out", data={"csrf_token": "forged"}).status_code == 403
    assert shared.client.get("/api/documents").status_code == 200


def test_review_signin_removed_reviewer_is_signed_out_at_once(shared: Shared):
    shared.sign_in()
    shared.accounts.remove("Lan")
    assert shared.client.get("/api/documents").status_code == 401


def test_review_signin_each_sign_in_gets_a_new_session_and_token(shared: Shared):
    other = shared.new_client()
    shared.sign_in()
    shared.sign_in(client=other)
    name = shared.sign_in_settings.cookie_name
    assert shared.client.cookies.get(name) != other.cookies.get(name)
    assert shared.page_token() != shared.page_token(other)


# --- decisions under the signed-in reviewer, CSRF kept ------------------------------------------------------


def test_review_signin_records_decisions_under_the_signed_in_reviewer(shared: Shared):
    shared.sign_in()
    key = shared.first_key("meeting")
    answer = shared.decide(key, shared.page_token(), reviewer="Mallory")
    assert answer.status_code == 200
    assert answer.json()["decision"]["reviewer"] == "Lan"
    assert [d.reviewer for d in DecisionStore(shared.db).history(key)] == ["Lan"]


def test_review_signin_records_additions_under_the_signed_in_reviewer(shared: Shared):
    shared.sign_in()
    document = shared.client.get(f"/api/documents/{shared.doc_id()}").json()["document"]
    words = "đóng góp tích cực vào quá trình xây dựng Kế hoạch chiến lược"
    start = document["text"].index(words)
    answer = shared.client.post("/api/additions", headers={"X-CSRF-Token": shared.page_token()}, json={
        "doc_id": shared.doc_id(), "kind": "commitment", "start": start, "end": start + len(words),
        "reviewer": "Mallory", "fields": {}})
    assert answer.status_code == 201
    assert answer.json()["decision"]["reviewer"] == "Lan"


def test_review_signin_decision_needs_no_name_in_the_request(shared: Shared):
    shared.sign_in()
    key = shared.first_key("commitment")
    answer = shared.client.post("/api/decisions", headers={"X-CSRF-Token": shared.page_token()}, json={
        "key": key, "action": "reject", "version": 0, "doc_id": shared.doc_id()})
    assert (answer.status_code, answer.json()["decision"]["reviewer"]) == (200, "Lan")


@pytest.mark.parametrize("token", ["missing", "forged", "the app's own", "another session's"])
def test_review_signin_decisions_still_need_the_sessions_csrf_token(shared: Shared, token: str):
    shared.sign_in()
    other = shared.new_client()
    shared.sign_in(client=other)
    sent = {"missing": None, "forged": "x" * 43, "the app's own": shared.app.state.review.csrf_token,
            "another session's": shared.page_token(other)}[token]
    assert shared.decide(shared.first_key("meeting"), sent).status_code == 403
    assert shared.decide(shared.first_key("meeting"), shared.page_token()).status_code == 200


def test_review_signin_off_on_loopback_keeps_the_typed_name(dataset: Path, tmp_path: Path):
    app = create_app(dataset, tmp_path / "review.sqlite", reviewer="lan")
    client = TestClient(app, base_url="http://127.0.0.1")
    page = client.get("/")
    assert page.status_code == 200 and 'id="reviewer"' in page.text and "Sign out" not in page.text
    assert client.get("/sign-in").status_code == 404


def test_review_signin_two_servers_of_one_host_keep_their_own_sessions(shared: Shared, pristine: Path,
                                                                        tmp_path: Path):
    """A browser keeps one cookie jar per host, whatever the port: two review servers of one machine (two
    datasets) must not overwrite each other's session cookie."""
    second = Shared(working_copy(pristine, tmp_path / "second-work"), tmp_path / "second")
    assert second.sign_in_settings.cookie_name != shared.sign_in_settings.cookie_name
    assert SignIn(tmp_path / "reviewers.sqlite").cookie_name == shared.sign_in_settings.cookie_name  # a restart
    shared.sign_in()
    second.sign_in()
    browser_jar = {**dict(shared.client.cookies), **dict(second.client.cookies)}  # one jar, both servers
    for server in (shared, second):
        client = server.new_client()
        client.cookies.update(browser_jar)
        assert client.get("/api/documents").status_code == 200
