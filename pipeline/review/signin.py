"""Signing in, when the review app is shared: the form, the session cookie, signing out.

    create_app(dataset, db, sign_in=SignIn(Path("outputs.reviewers.sqlite"), session_hours=12))

A session is a random token in an HttpOnly, SameSite=Strict cookie (Secure when the page came over HTTPS),
valid on the server for `session_hours` from signing in, whatever the browser keeps. Wrong names and wrong
passwords get the same answer, in the same time; repeated failures are slowed (`throttle.py`). The form
carries its own CSRF token, and signing out needs the session's.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from pathlib import Path

from fastapi import FastAPI, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from pipeline.review.accounts import ReviewerAccounts, Session, name_key
from pipeline.review.security import session_cookie_name, tokens_match
from pipeline.review.throttle import SignInThrottle

DEFAULT_SESSION_HOURS = 12.0
MAX_SECRET_LENGTH = 1024
PageRenderer = Callable[..., HTMLResponse]


class SignIn:
    """What sign-in needs: the reviewers file, how long a session lasts, and the clock (tests move it)."""

    def __init__(self, reviewers_file: Path, session_hours: float = DEFAULT_SESSION_HOURS,
                 clock: Callable[[], float] = time.time):
        if session_hours <= 0:
            raise ValueError("a session lasts more than 0 hours")
        self.accounts = ReviewerAccounts(reviewers_file, clock)
        self.session_seconds = session_hours * 3600
        self.throttle = SignInThrottle(clock)
        self.cookie_name = session_cookie_name(reviewers_file)

    def session(self, token: str) -> Session | None:
        return self.accounts.session(token)


def safe_next(path: str) -> str:
    """Where to go after signing in: a path of this app only (never another site, never the sign-in pages)."""
    if not path.startswith("/") or path.startswith(("//", "/\\", "/sign-")) or any(c < " " for c in path):
        return "/"
    return path


def _throttle_keys(request: Request, name: str) -> tuple[str, str]:
    client = request.client.host if request.client else "unknown"
    return f"name:{name_key(name)[:200]}", f"client:{client}"  # one key for 'Ngô', 'NGÔ' and its NFD spelling


def add_sign_in_routes(app: FastAPI, sign_in: SignIn, form_token: str, page: PageRenderer) -> None:
    """GET and POST /sign-in, POST /sign-out. `page(request, template, status_code=…, **context)` renders."""

    def form(request: Request, next_path: str, message: str = "", status_code: int = 200,
             headers: dict[str, str] | None = None) -> HTMLResponse:
        response = page(request, "sign_in.html", status_code=status_code, form_token=form_token,
                        next_path=safe_next(next_path), message=message)
        response.headers.update(headers or {})
        return response

    @app.get("/sign-in", response_class=HTMLResponse)
    def sign_in_page(request: Request, next_path: str = Query("/", alias="next")) -> Response:
        if request.state.session is not None:
            return RedirectResponse(safe_next(next_path), status_code=303)
        return form(request, next_path)

    @app.post("/sign-in")
    def sign_in_with(request: Request, name: str = Form(""), password: str = Form("", max_length=MAX_SECRET_LENGTH),
                     csrf_token: str = Form(""), next_path: str = Form("/", alias="next")) -> Response:
        if not tokens_match(csrf_token, form_token):
            return form(request, next_path, "This sign-in form is out of date: sign in again.", 403)
        keys = _throttle_keys(request, name)
        wait = sign_in.throttle.wait(keys)
        if wait > 0:
            return form(request, next_path, f"Too many failed sign-ins: try again in {math.ceil(wait)} seconds.",
                        429, {"Retry-After": str(math.ceil(wait))})
        reviewer = sign_in.accounts.verify(name, password)
        if reviewer is None:
            wait = sign_in.throttle.failed(keys)
            later = f" Wait {math.ceil(wait)} seconds before trying again." if wait > 0 else ""
            return form(request, next_path, "Wrong name or password." + later, 401)
        sign_in.throttle.succeeded(keys[0])
        token, _ = sign_in.accounts.open_session(reviewer, sign_in.session_seconds)
        response = RedirectResponse(safe_next(next_path), status_code=303)
        response.set_cookie(sign_in.cookie_name, token, max_age=int(sign_in.session_seconds), path="/", httponly=True,
                            samesite="strict", secure=request.url.scheme == "https")
        return response

    @app.post("/sign-out")
    def sign_out(request: Request, csrf_token: str = Form("")) -> Response:
        session: Session = request.state.session  # the guard lets no one here without one
        if not tokens_match(csrf_token, session.csrf_token):
            return page(request, "error.html", status_code=403, status=403,
                        message="This page's security token (CSRF) is out of date: reload it and sign out again.")
        sign_in.accounts.close_session(request.cookies.get(sign_in.cookie_name, ""))
        response = RedirectResponse("/sign-in", status_code=303)
        response.delete_cookie(sign_in.cookie_name, path="/", httponly=True, samesite="strict",
                               secure=request.url.scheme == "https")
        return response
