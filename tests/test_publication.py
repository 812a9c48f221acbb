"""Tests of pipeline/recognise/publication.py: a document's publication date from its dateline or a
'published' line, and the anchor it gives to dates that leave out their year."""

from __future__ import annotations

import pytest

from pipeline.ingest.document import build_document
from pipeline.recognise.publication import dated


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("Tiêu đề\n\nHà Nội, 25/8/2023 - Sáng nay, Hội nghị khai mạc.", "2023-08-25"),
        ("Tiêu đề\n\nNgày đăng: 12/09/2024\n\nNội dung bản tin.", "2024-09-12"),
        ("Title\n\nVIENTIANE, 24 August 2023 – The ministers met.", "2023-08-24"),
        ("Title\n\nPublished: 3 March 2022\n\nBody.", "2022-03-03"),
        ("Tiêu đề\n\n(TN&MT) - Ngày 22/8, Bộ Tài nguyên và Môi trường tổ chức hội nghị.", None),
        ("Tiêu đề\n\nNgày 22/8\n\nBộ Tài nguyên và Môi trường tổ chức hội nghị.", None),
        ("Tiêu đề\n\nBộ Tài nguyên và Môi trường tổ chức hội nghị về hợp tác môi trường.", None),
    ],
    ids=[
        "vi-dateline",
        "ngay-dang",
        "en-dateline",
        "published",
        "no-year-dateline",
        "no-year-line",
        "no-date",
    ],
)
def test_document_published_from_dateline_or_published_line(text, published):
    assert dated(build_document(text, "t.txt")).published == published


def test_document_published_given_by_caller_wins():
    text = "Tiêu đề\n\nHà Nội, 25/8/2023 - Sáng nay, Hội nghị khai mạc."
    assert dated(build_document(text, "t.txt", published="2023-09-01")).published == "2023-09-01"


def test_document_anchor_is_the_publication_date():
    document = dated(build_document("Tiêu đề\n\nHà Nội, 25/8/2023 - Sáng nay, Hội nghị khai mạc.", "t.txt"))
    assert document.anchor is not None and document.anchor.isoformat() == "2023-08-25"
