"""PDF text: lines joined into paragraphs, running headers, footers and page numbers left out, hyphenation
mended in English; on lines given here, on PDFs written with fpdf2 and on pages printed by Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

import pipeline
from pipeline.ingest.normalize import normalize_text
from pipeline.ingest.pdf_text import Line, lines_to_text, pdf_lines, reading_order
from pipeline.ingest.reader import read_source
from tests.documents import as_html, as_pdf, chromium, print_to_pdf, unicode_font

CORPUS = Path(pipeline.__file__).resolve().parents[1] / "corpus" / "dev"
BULLETINS = {
    "vi": (CORPUS / "vi-a-amme17-vientiane-2023.txt").read_text(encoding="utf-8"),
    "en": (CORPUS / "en-amme17-vientiane.txt").read_text(encoding="utf-8"),
}
FONT = unicode_font()
needs_font = pytest.mark.skipif(FONT is None, reason="no DejaVu Sans font (Debian: fonts-dejavu-core) to write "
                                "Vietnamese into a PDF")
BROWSER = chromium()
needs_chromium = pytest.mark.skipif(BROWSER is None, reason="chromium is not installed (make browser installs it)")

# --- Lines given here: a page 400 points wide, text from x=40 to x=360, 10-point type ------------------------

LEFT, RIGHT, SIZE = 40.0, 360.0, 10.0


def line(text: str, row: int, page: int = 0, end: float | None = None, x0: float = LEFT,
         size: float = SIZE, gap_before: float = 0.0) -> Line:
    """A line on row `row` of its page (12 points apart, plus `gap_before` extra points above it); it ends
    at `end` (the column's right edge when None) and its first word takes 5 points per letter."""
    top = 700.0 - row * 12.0 - gap_before
    first_word = text.split(" ", 1)[0]
    return Line(page, x0, RIGHT if end is None else end, top, top - size, size, text, 5.0 * len(first_word), 400.0)


def text_of(*lines: Line) -> str:
    pages: dict[int, list[Line]] = {}
    for each in lines:
        pages.setdefault(each.page, []).append(each)
    return lines_to_text([pages[number] for number in sorted(pages)])


BODY = [  # full lines that fix where the column ends
    line("Các bộ trưởng cũng hoan nghênh việc hoàn tất đàm phán Thỏa thuận", 0),
    line("nước chủ nhà về Trung tâm ASEAN về biến đổi khí hậu đặt tại", 1),
    line("Bru-nây Đa-rút-xa-lam và nhất trí đưa Trung tâm vào hoạt động", 2),
    line("trong năm 2024.", 3, end=120),
]
BODY_TEXT = ("Các bộ trưởng cũng hoan nghênh việc hoàn tất đàm phán Thỏa thuận nước chủ nhà về Trung tâm ASEAN về "
             "biến đổi khí hậu đặt tại Bru-nây Đa-rút-xa-lam và nhất trí đưa Trung tâm vào hoạt động trong năm 2024.")


def test_pdf_text_wrapped_lines_are_joined_into_one_paragraph():
    assert text_of(*BODY) == BODY_TEXT


def test_pdf_text_a_line_that_ends_short_keeps_its_line_break():
    lines = [*BODY, line("Theo dự thảo, các nước cam kết:", 4, end=200), line("- đẩy mạnh thực hiện NDC;", 5, end=180),
             line("- thúc đẩy quỹ tổn thất và thiệt hại.", 6, end=220)]
    assert text_of(*lines) == BODY_TEXT + "\nTheo dự thảo, các nước cam kết:\n- đẩy mạnh thực hiện NDC;\n" \
        "- thúc đẩy quỹ tổn thất và thiệt hại."


def test_pdf_text_a_line_short_of_the_edge_by_less_than_the_next_word_was_wrapped():
    lines = [*BODY[:3], line("the opening", 3, end=RIGHT - 30), line("ceremony.", 4, end=100)]
    assert text_of(*lines).endswith("hoạt động the opening ceremony.")


@pytest.mark.parametrize("gap", [6.0, 12.0], ids=["half a line", "a line"])
def test_pdf_text_a_larger_gap_starts_a_paragraph(gap):
    lines = [*BODY, line("Hội nghị với các đối tác", 4, end=160, gap_before=gap)]
    assert text_of(*lines) == BODY_TEXT + "\n\nHội nghị với các đối tác"


def test_pdf_text_a_change_of_font_size_starts_a_paragraph():
    title = line("ASEAN thống nhất lập trường chung", 0, size=16, end=300)
    body = [Line(0, LEFT, b.x1, b.top - 14, b.bottom - 14, SIZE, b.text, b.first_word_width, 400.0) for b in BODY]
    assert text_of(title, *body) == "ASEAN thống nhất lập trường chung\n\n" + BODY_TEXT


def test_pdf_text_a_paragraph_runs_on_across_a_page():
    first_page = [*BODY[:2], line("Bru-nây Đa-rút-xa-lam và nhất trí đưa Trung tâm vào hoạt động", 2)]
    second_page = [line("trong năm 2024.", 0, page=1, end=120), line("Hết.", 1, page=1, end=60, gap_before=12)]
    assert text_of(*first_page, *second_page) == BODY_TEXT + "\n\nHết."


def test_pdf_text_a_page_that_ends_a_paragraph_ends_it():
    second_page = [line("Hội nghị với các đối tác diễn ra cùng ngày tại cùng địa điểm với", 0, page=1),
                   line("sự tham gia của các nước.", 1, page=1, end=200)]
    assert text_of(*BODY, *second_page) == (BODY_TEXT + "\n\nHội nghị với các đối tác diễn ra cùng ngày tại cùng "
                                            "địa điểm với sự tham gia của các nước.")


PAGE_WORDS = ("Sáng", "Chiều", "Tối")  # each page's body differs, as real pages do


def pages_with(header: str | None, footer: str | None) -> list[Line]:
    """Three pages of body text, each with a header on row -3 and a footer on row 20 ({n}: its number)."""
    lines = []
    for page, word in enumerate(PAGE_WORDS):
        if header is not None:
            lines.append(line(header.format(n=page + 1), -3, page=page, end=250, x0=150))
        lines += [line(f"{word} {b.text}", row, page=page, end=b.x1) for row, b in enumerate(BODY)]
        if footer is not None:
            lines.append(line(footer.format(n=page + 1), 20, page=page, end=370, x0=330))
    return lines


@pytest.mark.parametrize(("header", "footer"), [
    ("Bản tin hợp tác môi trường ASEAN", None),
    (None, "{n}"),
    (None, "Trang {n}/3"),
    ("ASEAN Environment Bulletin – Issue 7", "Page {n} of 3"),
    ("12/7/26, 1:39 PM", "- {n} -"),
])  # fmt: skip
def test_pdf_text_running_headers_footers_and_page_numbers_are_dropped(header, footer):
    expected = [" ".join(f"{word} {b.text}" for b in BODY) for word in PAGE_WORDS]
    assert text_of(*pages_with(header, footer)) == "\n\n".join(expected)


def test_pdf_text_a_page_number_alone_on_a_one_page_document_is_dropped():
    assert text_of(*BODY, line("1", 20, end=205, x0=195)) == BODY_TEXT


def test_pdf_text_a_line_repeated_at_other_heights_is_kept():
    lines = [*BODY, line("Hội nghị với các đối tác", 4, end=160, gap_before=12)]
    second = [Line(1, b.x0, b.x1, b.top - 40, b.bottom - 40, b.size, b.text, b.first_word_width, 400.0)
              for b in lines]
    assert text_of(*lines, *second).count("Hội nghị với các đối tác") == 2


def test_pdf_text_columns_are_read_one_after_the_other():
    """A title across both columns, then two columns of four lines each, given in pdfminer's muddled order."""
    title = line("Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17 bế mạc tại Viên Chăn", 0, size=14)
    left = [line(text, row, end=190) for row, text in
            enumerate(["Chiều 24/8, Hội nghị", "Bộ trưởng Môi trường", "ASEAN lần thứ 17 đã", "bế mạc tại Viên"], 2)]
    right = [line(text, row, x0=210) for row, text in
             enumerate(["Chăn, sau ba ngày", "làm việc. Các bộ", "trưởng nhất trí với", "dự thảo tuyên bố."], 2)]
    right[-1] = line("dự thảo tuyên bố.", 5, x0=210, end=300)
    muddled = [title, *left[:2], *right[:2], *left[2:], *right[2:]]
    assert lines_to_text([reading_order(muddled)]) == (
        "Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17 bế mạc tại Viên Chăn\n\nChiều 24/8, Hội nghị Bộ trưởng "
        "Môi trường ASEAN lần thứ 17 đã bế mạc tại Viên Chăn, sau ba ngày làm việc. Các bộ trưởng nhất trí với dự "
        "thảo tuyên bố."
    )


ENGLISH = [line("The Ministers agreed to coordinate the views of ASEAN Member", 0),
           line("States ahead of the third session of the committee on the", 1)]


@pytest.mark.parametrize(("end", "start", "joined"), [
    ("the environ-", "mental impact of plastics.", "the environmental impact of plastics."),
    ("towards a low-", "carbon economy by 2030.", "towards a low-carbon economy by 2030."),
    ("towards a haze-", "free region by 2030.", "towards a haze-free region by 2030."),
    ("the 17th AMME-", "17 in Vientiane.", "the 17th AMME-17 in Vientiane."),
    ("the Kunming-", "Montreal Framework.", "the Kunming-Montreal Framework."),
    ("mobilis-", "ing resources for the ACB.", "mobilising resources for the ACB."),
    ("the environ\u00ad", "ment of the region.", "the environment of the region."),
    ("the meeting -", "and the workshop.", "the meeting - and the workshop."),
])  # fmt: skip
def test_pdf_text_english_hyphenation_is_mended_and_compounds_kept(end, start, joined):
    lines = [*ENGLISH, line("Negotiating Committee in November 2023, for " + end, 2),
             line(start, 3, end=200)]
    assert text_of(*lines).endswith("in November 2023, for " + joined)


def test_pdf_text_the_documents_own_spelling_decides_a_hyphen():
    lines = [*ENGLISH, line("Committee: co-operation on the environment, a pledge of co-", 2),
             line("operation and more.", 3, end=200)]
    assert text_of(*lines).endswith("a pledge of co-operation and more.")


def test_pdf_text_vietnamese_keeps_its_hyphens():
    lines = [*BODY[:2], line("Hội nghị Cấp cao ASEAN lần thứ 43 tại Gia-các-ta, In-đô-", 2),
             line("nê-xi-a vào đầu tháng 9.", 3, end=200)]
    assert text_of(*lines).endswith("tại Gia-các-ta, In-đô-nê-xi-a vào đầu tháng 9.")


# --- PDFs written with fpdf2 (no browser needed) ------------------------------------------------------------


@needs_font
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_pdf_text_fpdf_bulletin_reads_as_its_plain_text(tmp_path, lang):
    path = tmp_path / "bulletin.pdf"
    path.write_bytes(as_pdf(BULLETINS[lang], FONT))
    assert normalize_text(read_source(path).text) == normalize_text(BULLETINS[lang])


@needs_font
def test_pdf_text_fpdf_bulletin_has_what_the_test_is_about():
    """Several pages, a header and a page-numbered footer on each, a paragraph that runs on across a page."""
    pages = pdf_lines(as_pdf(BULLETINS["vi"], FONT))
    assert len(pages) >= 3
    assert all(page[0].text == "Bản tin hợp tác môi trường ASEAN" for page in pages)
    assert [page[-1].text for page in pages] == [f"Trang {n}/{len(pages)}" for n in range(1, len(pages) + 1)]
    source_paragraph_starts = {block.split("\n")[0][:20] for block in BULLETINS["vi"].split("\n\n")}
    assert [page for page in pages[1:] if page[1].text[:20] not in source_paragraph_starts]


@needs_font
def test_pdf_text_vietnamese_syllables_stay_whole(tmp_path):
    path = tmp_path / "bulletin.pdf"
    path.write_bytes(as_pdf(BULLETINS["vi"], FONT))
    text = read_source(path).text
    assert "tăng cường hợp tác khu vực" in text
    assert "AMME-17" in text


# --- Pages printed by Chromium -----------------------------------------------------------------------------

# Type large enough that each bulletin takes several pages, with Chromium's own header and footer on each.
PRINT_STYLES = {
    "plain": "body { font-size: 22px }",
    "justified, indented": "body { font-size: 20px } p { text-align: justify; text-indent: 2em }",
    "two columns": "body { font-size: 21px } article { column-count: 2; column-gap: 24px }",
}


@needs_chromium
@pytest.mark.parametrize("style", list(PRINT_STYLES))
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_pdf_text_chromium_print_reads_as_its_plain_text(tmp_path, lang, style):
    data = print_to_pdf(as_html(BULLETINS[lang], lang, PRINT_STYLES[style]), BROWSER)
    assert len(pdf_lines(data)) >= 2
    path = tmp_path / "bulletin.pdf"
    path.write_bytes(data)
    assert normalize_text(read_source(path).text) == normalize_text(BULLETINS[lang])
