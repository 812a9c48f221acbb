"""The review web app: a document list, a document view, and a small JSON API for decisions.

    create_app(Path("outputs"), Path("outputs.review.sqlite"), reviewer="lan")

Pages are rendered on the server (Jinja2, autoescaped) and made interactive by one plain script
(`static/review.js`). Every decision is a POST that names the version of the record it was made on; the
answer is 409 when that version is no longer current, 422 when a value is refused (with the field and
the reason), 403 without the page's CSRF token.

Shared beyond this machine, the app asks reviewers to sign in (`sign_in=SignIn(...)`, signin.py): then it
shows nothing but the sign-in page to anyone without a session, and records every decision under the
signed-in reviewer, whatever name a request carries.
"""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from pipeline.review.corrections import CorrectionError
from pipeline.review.dataset import DatasetCache
from pipeline.review.decide import DecisionRefused, add, decide
from pipeline.review.records import KINDS
from pipeline.review.resolve import Resolution, resolve
from pipeline.review.security import LOOPBACK_HOSTS, CsrfAndHeaders, sign_in_form_token
from pipeline.review.signin import SignIn, add_sign_in_routes
from pipeline.review.store import DecisionStore, VersionConflict
from pipeline.review.templates import STATIC_FILES, render, static_text
from pipeline.review.view import (
    STATUS_FILTERS,
    area_choices,
    document_summaries,
    document_view,
    filter_summaries,
)


class DecisionRequest(BaseModel):
    key: str = Field(max_length=200)
    action: str = Field(max_length=20)
    version: int = Field(ge=0)
    reviewer: str = Field(default="", max_length=200)  # ignored when reviewers sign in
    doc_id: str | None = Field(default=None, max_length=100)
    changes: dict[str, Any] | None = None


class AdditionRequest(BaseModel):
    doc_id: str = Field(max_length=100)
    kind: str = Field(max_length=20)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    reviewer: str = Field(default="", max_length=200)  # ignored when reviewers sign in
    fields: dict[str, Any] = Field(default_factory=dict)


class ReviewContext:
    def __init__(self, dataset_folder: Path, db_path: Path, reviewer: str | None):
        self.datasets = DatasetCache(dataset_folder)
        self.store = DecisionStore(db_path)
        self.reviewer = reviewer or _login_name()
        self.csrf_token = self.store.csrf_secret()

    def resolution(self) -> Resolution:
        return resolve(self.datasets.get(), self.store.latest())

    def page(self, request: Request, template: str, status_code: int = 200, **context) -> HTMLResponse:
        """A page for whoever asks: with sign-in on, only the sign-in page is shown before signing in."""
        session = getattr(request.state, "session", None)
        signing_in = template == "sign_in.html"
        html = render(template, csrf_token=None if signing_in else session.csrf_token if session else self.csrf_token,
                      default_reviewer=self.reviewer, signed_in=session.reviewer if session else None,
                      mode="sign-in" if signing_in else "review", inline=None,
                      dataset_name="" if signing_in else self.datasets.folder.name, **context)
        return HTMLResponse(html, status_code=status_code)

    def reviewer_of(self, request: Request, claimed: str) -> str:
        """Who a decision is recorded under: the signed-in reviewer when there is one, else the name typed."""
        session = getattr(request.state, "session", None)
        return session.reviewer if session else claimed


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def _error(message: str, status: int, **extra) -> JSONResponse:
    return JSONResponse({"error": message, **extra}, status_code=status)


def create_app(dataset_folder: Path, db_path: Path, reviewer: str | None = None,
               allowed_hosts: list[str] | None = LOOPBACK_HOSTS, sign_in: SignIn | None = None) -> FastAPI:
    """The app over one dataset; `allowed_hosts=None` answers any Host header (when bound beyond loopback);
    `sign_in` makes every reviewer sign in (and `reviewer` is then unused)."""
    context = ReviewContext(dataset_folder, db_path, reviewer)
    app = FastAPI(title="Review", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.review = context
    app.add_middleware(CsrfAndHeaders, token=context.csrf_token, sessions=sign_in.session if sign_in else None,
                       cookie_name=sign_in.cookie_name if sign_in else "")
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)

    @app.exception_handler(HTTPException)
    async def not_found(request: Request, error: HTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            return _error(str(error.detail), error.status_code)
        return context.page(request, "error.html", status_code=error.status_code, status=error.status_code,
                            message=str(error.detail))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, error: RequestValidationError) -> Response:
        problems = [{"field": ".".join(str(p) for p in item["loc"][1:]) or "body", "message": item["msg"]}
                    for item in error.errors()]
        return _error("The request is not well formed: " + "; ".join(f"{p['field']}: {p['message']}"
                                                                    for p in problems), 422, problems=problems)

    if sign_in is not None:
        add_sign_in_routes(app, sign_in, sign_in_form_token(context.csrf_token), context.page)

    @app.get("/", response_class=HTMLResponse)
    def index(request: Request, area: str = "", type: str = "", status: str = "") -> HTMLResponse:  # noqa: A002
        resolution = context.resolution()
        summaries = document_summaries(resolution)
        return context.page(
            request, "index.html", summaries=filter_summaries(summaries, area, type, status), total=len(summaries),
            filters={"area": area, "type": type, "status": status}, areas=area_choices(), kinds=list(KINDS),
            statuses=STATUS_FILTERS, orphans=resolution.orphans_in(None), decisions=len(resolution.latest),
        )

    @app.get("/documents/{doc_id}", response_class=HTMLResponse)
    def document_page(request: Request, doc_id: str, form: str = "") -> Response:
        resolution = context.resolution()
        if doc_id not in resolution.dataset.documents:
            moved = _moved_document(resolution, doc_id)
            if moved:
                return RedirectResponse(f"/documents/{moved}", status_code=307)
            raise HTTPException(404, f"No document {doc_id} in this dataset.")
        return context.page(request, "document.html", view=document_view(resolution, doc_id, form=form), readonly=False)

    @app.get("/static/{name}")
    def static(name: str) -> Response:
        if name not in STATIC_FILES:
            raise HTTPException(404, "Not found.")
        return Response(static_text(name), media_type=STATIC_FILES[name])

    @app.get("/api/documents")
    def api_documents(area: str = "", type: str = "", status: str = "") -> list[dict[str, Any]]:  # noqa: A002
        summaries = filter_summaries(document_summaries(context.resolution()), area, type, status)
        return [{"doc_id": s.doc_id, "title": s.title, "source": s.source, "lang": s.lang, "counts": s.counts,
                 "areas": s.areas, "progress": {"total": s.progress.total, "decided": s.progress.decided,
                                                "stale": s.progress.stale, "status": s.progress.status}}
                for s in summaries]

    @app.get("/api/documents/{doc_id}")
    def api_document(doc_id: str) -> Response:
        resolution = context.resolution()
        if doc_id not in resolution.dataset.documents:
            return _error(f"No document {doc_id} in this dataset.", 404)
        states = [resolution.state(i.key) for i in resolution.dataset.items_in(doc_id)]
        states += resolution.additions_in(doc_id)
        return JSONResponse({
            "document": resolution.dataset.documents[doc_id],
            "records": [{"key": s.key, "kind": s.kind, "status": s.status, "version": s.version, "note": s.note,
                         "record": s.record, "original": s.original} for s in states],
            "stale_decisions": [{"key": o.decision.record_key, "reason": o.reason, "version": o.decision.version,
                                 "decision": o.decision.as_dict()} for o in resolution.orphans_in(doc_id)],
        })

    @app.get("/api/history/{key:path}")
    def api_history(key: str) -> list[dict[str, Any]]:
        return [decision.as_dict() for decision in context.store.history(key)]

    @app.post("/api/decisions")
    def api_decide(request: Request, body: DecisionRequest) -> Response:
        reviewer = context.reviewer_of(request, body.reviewer)
        return _answer(lambda: decide(context.store, context.resolution(), body.key, body.action, body.version,
                                      reviewer, body.doc_id, body.changes))

    @app.post("/api/additions")
    def api_add(request: Request, body: AdditionRequest) -> Response:
        reviewer = context.reviewer_of(request, body.reviewer)
        return _answer(lambda: add(context.store, context.resolution(), body.doc_id, body.kind, body.start,
                                   body.end, body.fields, reviewer), created=True)

    return app


def _answer(make_decision, created: bool = False) -> Response:
    try:
        decision = make_decision()
    except VersionConflict as conflict:
        current = conflict.current.as_dict() if conflict.current else None
        return _error(str(conflict), 409, current=current)
    except CorrectionError as error:
        return _error(f"Not saved: {error}", 422, problems=error.problems)
    except DecisionRefused as refused:
        return _error(str(refused), refused.status_code)
    return JSONResponse({"decision": decision.as_dict()}, status_code=201 if created else 200)


def _moved_document(resolution: Resolution, old_doc_id: str) -> str | None:
    """The current id of a document that decisions knew under an older id (its text changed in a re-run)."""
    sources = {d.doc_source for d in resolution.latest.values() if d.doc_id == old_doc_id}
    return next((resolution.dataset.doc_by_source[s] for s in sorted(sources) if s in resolution.dataset.doc_by_source),
                None)
