"""What keeps the review app safe to run on a laptop with a browser full of other sites.

- CSRF: every state-changing request carries the token that only our own pages show (`X-CSRF-Token`);
  the token is kept in the decisions database, so a restarted server accepts the pages already open.
  With sign-in on, the token is the session's own (kept with it), and the sign-in form has one of its
  own, so another site can neither decide nor sign a reviewer in under someone else's name.
- Sign-in (when the app is shared, `signin.py`): without a valid session cookie nothing is served but the
  sign-in page and its stylesheet; a page answers with a redirect to sign in, the API and the script 401.
- Trusted hosts: bound to loopback, the app answers only to `127.0.0.1` / `localhost` (DNS rebinding).
- Headers: a Content-Security-Policy that allows only our own script and style files (an injected
  `<script>` would not run even if escaping failed), no sniffing, no framing, no referrer.
Escaping itself is the templates' job (Jinja2 autoescape) and the file system is reached by fixed names
only (`dataset.py`, `app.py`).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from pipeline.review.accounts import Session

CSRF_HEADER = "X-CSRF-Token"
SESSION_COOKIE_PREFIX = "review_session_"
PUBLIC_PATHS = ("/sign-in", "/static/review.css")
"""All that is served without signing in: the sign-in page (and where its form goes) and its stylesheet."""
FORM_PATHS = ("/sign-in", "/sign-out")
"""Plain HTML forms, which send no header: their handlers check the token in the form (signin.py)."""
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"]
APP_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
           "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": APP_CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def session_cookie_name(reviewers_file: Path) -> str:
    """The session cookie's name, one per reviewers file: cookies are shared by every port of a host, so two
    review servers of one machine (two datasets, two ports) would otherwise sign each other's reviewers out."""
    digest = hashlib.sha256(str(reviewers_file.resolve()).encode()).hexdigest()[:12]
    return SESSION_COOKIE_PREFIX + digest


def is_loopback(host: str) -> bool:
    return host in LOOPBACK_HOSTS or host.startswith("127.")


def tokens_match(sent: str, expected: str) -> bool:
    return hmac.compare_digest(sent.encode(), expected.encode())


def sign_in_form_token(secret: str) -> str:
    """The sign-in form's CSRF token: derived from the app's secret, and accepted nowhere else."""
    return hmac.new(secret.encode(), b"sign-in form", hashlib.sha256).hexdigest()


class CsrfAndHeaders(BaseHTTPMiddleware):
    """Who asks (with sign-in on: the session, or a refusal), then the CSRF token of every change, then headers.

    `sessions` maps a session cookie to its Session (None: sign-in is off, and request.state.session is None);
    `cookie_name` is the session cookie's (`session_cookie_name`).
    """

    def __init__(self, app, token: str, sessions: Callable[[str], Session | None] | None = None,
                 cookie_name: str = ""):
        super().__init__(app)
        self.token, self.sessions, self.cookie_name = token, sessions, cookie_name

    async def dispatch(self, request: Request, call_next) -> Response:
        session = await self._session(request)
        request.state.session = session
        if self.sessions is not None and session is None and request.url.path not in PUBLIC_PATHS:
            return _with_headers(_sign_in_first(request))
        form_checks_itself = self.sessions is not None and request.url.path in FORM_PATHS
        if request.method not in SAFE_METHODS and not form_checks_itself:
            expected = session.csrf_token if session else self.token
            if not tokens_match(request.headers.get(CSRF_HEADER, ""), expected):
                response: Response = JSONResponse(
                    {"error": "This request lacks the page's security token (CSRF). Reload the page and try "
                              "again."}, status_code=403)
                return _with_headers(response)
        return _with_headers(await call_next(request))

    async def _session(self, request: Request) -> Session | None:
        cookie = request.cookies.get(self.cookie_name) if self.cookie_name else None
        if self.sessions is None or not cookie:
            return None
        return await run_in_threadpool(self.sessions, cookie)


def _sign_in_first(request: Request) -> Response:
    """A page leads to the sign-in form (and back after it); the API and the script are refused outright."""
    path, safe = request.url.path, request.method in SAFE_METHODS
    if path.startswith(("/api/", "/static/")) or not (safe or path in FORM_PATHS):
        return JSONResponse({"error": "Sign in first: this review server is shared, and only signed-in reviewers "
                                      "may see or decide."}, status_code=401)
    if not safe:  # signing out when the session has already ended
        return RedirectResponse("/sign-in", status_code=303)
    back = path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/sign-in?next={quote(back, safe='')}", status_code=303)


def _with_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response
