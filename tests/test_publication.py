"""Tests of pipeline/recognise/publication.py: a document's publication date from its dateline or a
'published' line, and the anchor it gives to dates that leave out their year."""

from __future__ import annotations

import pytest

from pipeline.ingest.document import build_document
from pipeline.recognise.publication import dated, find_context_year


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
        ("Tiêu đề\n\nNgày 22/8, hội nghị khai mạc.\n\nCập nhật: Thứ Tư, 23/8/2023 | 10:15", "2023-08-23"),
        ("Title\n\nThe ministers met on Tuesday.\n\nPublished on: 5 June 2024, 09:30", "2024-06-05"),
        ("Tiêu đề\n\nNgày 22/8, hội nghị khai mạc.\n\n"
         "Hội nghị tiếp theo của các bộ trưởng sẽ được tổ chức vào ngày 1/10/2023.", None),
        ("Title\n\nJAKARTA, Oct 9 (Xinhua) -- Ministers met here, ahead of talks on 12 November 2024.",
         "2024-10-09"),
        ("Tiêu đề\n\nViên Chăn, 23/8 (TTXVN) - Hội nghị diễn ra từ ngày 22-24/8/2023.", "2023-08-23"),
        ("Title\n\nJAKARTA, Oct 9 (Xinhua) -- Ministers met here.", None),
    ],
    ids=[
        "vi-dateline",
        "ngay-dang",
        "en-dateline",
        "published",
        "no-year-dateline",
        "no-year-line",
        "no-date",
        "update-line-at-end",
        "published-line-at-end",
        "end-line-without-cue",
        "en-yearless-dateline",
        "vi-yearless-dateline",
        "yearless-dateline-no-year-in-text",
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


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("Hội nghị ngày 22/8/2023.\nHội nghị tháng 9/2023.\nTuyên bố 2019, năm 2019.", 2023),
        ("Kế hoạch 2016-2025\n(12/9)\ngiai đoạn 2021 - 2025", None),  # no day or month with its year
        ("Ngày 3/10.\nSáng 29-10, tháng 10/2024", 2024),
    ],
)
def test_context_year_reads_the_lines_that_can_name_a_year(text, year):
    assert find_context_year(text, "vi") == year


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("Malaysia, nước Chủ tịch ASEAN 2025, sẽ đăng cai Hội nghị từ ngày 28 - 31/7.", 2025),
        ("Sự kiện nằm trong các hoạt động trong năm Chủ tịch 2023 của Việt Nam. Ngày 9/10, Hội nghị khai mạc.", 2023),
        ("Trong năm Chủ tịch ASEAN 2020, Bộ đã tổ chức Hội nghị ngày 15/3/2021.", 2021),
        ("Chủ tịch nước tiếp đoàn ngày 9/10.", None),
    ],
)
def test_context_year_of_a_page_with_no_dated_day_is_its_chairmanship_year(text, year):
    """VI-M-D20: a chairmanship year gives the year of yearless dates only when no date names its year."""
    assert find_context_year(text, "vi") == year


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("Title\n\nJ Tan Channel NewsAsia 13 Oct 10;\n\nSINGAPORE : Ministers met.", "2010-10-13"),
        ("Title\n\nDate: 11-Aug-2016\nSource/Author: A Paper\n\nMinisters met.", "2016-08-11"),
        ("Title\n\nSource:Xinhua Published: 2014-4-6 17:20:13\n\nThe summit ended.", "2014-04-06"),
        ("Title\n\nSource: Xinhua| 2019-10-05 12:14:58|Editor: ZD\n\nMinisters will meet.", "2019-10-05"),
        ("Title\n\nDate: 31-Feb-2016\n\nMinisters met.", None),
        ("Title\n\nThe talks of 13 Oct 10; were long.\n\nMinisters met.", None),
    ],
    ids=["digest-outlet-short-year", "date-day-mon-year", "source-unpadded-iso", "source-bar-iso", "no-such-day",
         "not-a-stamp-line"],
)
def test_document_published_from_a_stamp_the_date_tiers_do_not_read(text, published):
    """rules/dates.yaml published_stamps (EN-M-D14 to D16): the stamp's day anchors "on Thursday"."""
    assert dated(build_document(text, "t.txt")).published == published
