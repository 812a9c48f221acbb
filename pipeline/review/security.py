"""What keeps the review app safe to run on a laptop with a browser full of other sites.

- CSRF: every state-changing request carries the token that only our own pages show (`X-CSRF-Token`);
  the token is kept in the decisions database, so a restarted server accepts the pages already open.
- Trusted hosts: bound to loopback, the app answers only to `127.0.0.1` / `localhost` (DNS rebinding).
- Headers: a Content-Security-Policy that allows only our own script and style files (an injected
  `<script>` would not run even if escaping failed), no sniffing, no framing, no referrer.
Escaping itself is the templates' job (Jinja2 autoescape) and the file system is reached by fixed names
only (`dataset.py`, `app.py`).
"""

from __future__ import annotations

import hmac

from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

CSRF_HEADER = "X-CSRF-Token"
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


def is_loopback(host: str) -> bool:
    return host in LOOPBACK_HOSTS or host.startswith("127.")


class CsrfAndHeaders(BaseHTTPMiddleware):
    def __init__(self, app, token: str):
        super().__init__(app)
        self.token = token

    async def dispatch(self, request: Request, call_next) -> Response:
        if request.method not in SAFE_METHODS:
            sent = request.headers.get(CSRF_HEADER, "")
            if not hmac.compare_digest(sent.encode(), self.token.encode()):
                response: Response = JSONResponse(
                    {"error": "This request lacks the page's security token (CSRF). Reload the page and try "
                              "again."}, status_code=403)
                return _with_headers(response)
        return _with_headers(await call_next(request))


def _with_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response
