"""The Jinja2 environment (autoescape on for everything) and the static files, shared by app and report."""

from __future__ import annotations

from functools import cache
from importlib import resources

from jinja2 import Environment, PackageLoader, StrictUndefined

STATIC_FILES = {"review.css": "text/css; charset=utf-8", "review.js": "text/javascript; charset=utf-8"}
"""The only files the app serves besides its pages: a fixed list, read from the package."""
REPORT_FILES = ("report.js",)
"""Inline in the static report only (its index's document list)."""


@cache
def environment() -> Environment:
    env = Environment(loader=PackageLoader("pipeline.review", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["label"] = lambda value: str(value).replace("_", " ")
    # tojson (the report's document list): UTF-8 as itself, compact; it still escapes < > & ' for HTML
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False, "separators": (",", ":")}
    return env


@cache
def static_text(name: str) -> str:
    if name not in STATIC_FILES and name not in REPORT_FILES:
        raise KeyError(name)
    return resources.files("pipeline.review").joinpath("static", name).read_text(encoding="utf-8")


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)
