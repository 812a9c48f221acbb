"""A bulletin as PDF, DOCX or HTML gives the same records as the same bulletin as plain text, in both
languages: the same text after normalisation, so the same meetings and commitments (names, attributes,
clause texts). The other formats are made here from the plain text of two corpus bulletins."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

import pipeline
from pipeline.api import extract_file
from tests.documents import as_docx, as_html, as_pdf, chromium, print_to_pdf, unicode_font

CORPUS = Path(pipeline.__file__).resolve().parents[1] / "corpus" / "dev"
SOURCES = {"vi": CORPUS / "vi-a-amme17-vientiane-2023.txt", "en": CORPUS / "en-amme17-vientiane.txt"}
FONT = unicode_font()
BROWSER = chromium()


def _pdf_by_fpdf(text: str, lang: str) -> bytes:
    if FONT is None:
        pytest.skip("no DejaVu Sans font (Debian: fonts-dejavu-core) to write Vietnamese into a PDF")
    return as_pdf(text, FONT)


def _pdf_by_chromium(text: str, lang: str) -> bytes:
    if BROWSER is None:
        pytest.skip("chromium is not installed (make browser installs it)")
    return print_to_pdf(as_html(text, lang, "body { font-size: 20px }"), BROWSER)


MAKERS: dict[str, tuple[str, Callable[[str, str], bytes]]] = {
    "html": (".html", lambda text, lang: as_html(text, lang).encode("utf-8")),
    "docx": (".docx", lambda text, lang: as_docx(text)),
    "pdf (fpdf2)": (".pdf", _pdf_by_fpdf),
    "pdf (chromium)": (".pdf", _pdf_by_chromium),
}

MEETING_FIELDS = ("name_vi", "name_en", "kind", "ordinal", "body", "partners", "date_start", "date_end", "date_mod",
                  "city", "country", "areas", "rule_id")
COMMITMENT_FIELDS = ("text", "actor", "action", "target", "target_year", "form", "status", "binding", "areas",
                     "rule_id")


def _summary(records: dict) -> dict:
    """What the records say, without ids and offsets: the document's text, and each meeting (with the words
    of its mentions) and commitment."""
    meetings = sorted(
        (tuple(str(getattr(m, f)) for f in MEETING_FIELDS), tuple(x.text for x in m.mentions))
        for m in records["meetings"]
    )
    commitments = sorted(tuple(str(getattr(c, f)) for f in COMMITMENT_FIELDS) for c in records["commitments"])
    return {"text": records["documents"][0].text, "title": records["documents"][0].title,
            "lang": records["documents"][0].lang, "meetings": meetings, "commitments": commitments}


@cache
def _plain(lang: str) -> dict:
    return _summary(extract_file(SOURCES[lang]))


@pytest.mark.parametrize("fmt", list(MAKERS))
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_ingest_formats_give_the_records_of_the_plain_text(tmp_path, lang, fmt):
    suffix, make = MAKERS[fmt]
    path = tmp_path / ("bulletin" + suffix)
    path.write_bytes(make(SOURCES[lang].read_text(encoding="utf-8"), lang))
    plain, other = _plain(lang), _summary(extract_file(path))
    assert plain["meetings"] and plain["commitments"]  # the comparison has something to compare
    assert other["text"] == plain["text"]
    assert (other["title"], other["lang"]) == (plain["title"], plain["lang"])
    assert other["meetings"] == plain["meetings"]
    assert other["commitments"] == plain["commitments"]
