"""The same bulletin in other formats, made here from its plain text: HTML, DOCX, and PDF (with fpdf2 and a
Unicode TrueType font, or printed by headless Chromium). Each keeps the text's paragraphs (blank lines) and
its line breaks inside a paragraph (a list), as the real formats do."""

from __future__ import annotations

import html
import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import docx

# Fonts with every Vietnamese letter: Debian's fonts-dejavu-core, where the tests run.
FONT_CANDIDATES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/TTF/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
)
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
)


def paragraphs(text: str) -> list[list[str]]:
    """The text's paragraphs, each as its lines."""
    return [block.split("\n") for block in text.strip().split("\n\n")]


def as_html(text: str, lang: str, style: str = "") -> str:
    """A page as a site or a browser would hold it: the first paragraph as the heading, one <p> per
    paragraph, <br> between the lines of one."""
    blocks = paragraphs(text)
    title = html.escape(" ".join(blocks[0]))
    body = "\n".join(
        "<p>" + "<br>".join(html.escape(line) for line in lines) + "</p>" for lines in blocks[1:]
    )
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
            f"<style>{style}</style></head><body><article><h1>{title}</h1>\n{body}</article></body></html>")


def as_docx(text: str) -> bytes:
    """A Word document: one paragraph per paragraph, a line break (not a new paragraph) between its lines."""
    document = docx.Document()
    for lines in paragraphs(text):
        document.add_paragraph("\n".join(lines))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def unicode_font() -> Path | None:
    return next((path for path in FONT_CANDIDATES if path.is_file()), None)


def as_pdf(text: str, font: Path, header: str = "Bản tin hợp tác môi trường ASEAN", size: float = 12) -> bytes:
    """A multi-page A5 PDF written with fpdf2: a running header, a footer "Trang N/M" (page N of M), a blank
    line's worth of room between paragraphs, the title larger; paragraphs run on across pages."""
    from fpdf import FPDF

    class Bulletin(FPDF):
        def header(self) -> None:
            self.set_font("body", size=8)
            self.cell(0, 6, header, align="C")
            self.ln(10)

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("body", size=8)
            self.cell(0, 6, f"Trang {self.page_no()}/{{nb}}", align="R")

    pdf = Bulletin(format=(148, 210))  # A5, in millimetres
    pdf.add_font("body", fname=str(font))
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_page()
    for number, lines in enumerate(paragraphs(text)):
        pdf.set_font("body", size=size * 1.5 if number == 0 else size)
        for line in lines:
            pdf.multi_cell(0, size * 0.5, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(size * 0.45)
    return bytes(pdf.output())


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def print_to_pdf(page: str, browser: str, footer: bool = True) -> bytes:
    """The page printed to PDF by headless Chromium; with `footer`, Chromium's own running header (date,
    title) and footer (address, "N/M") on every page."""
    with tempfile.TemporaryDirectory() as folder:
        source, out = Path(folder) / "bulletin.html", Path(folder) / "bulletin.pdf"
        source.write_text(page, encoding="utf-8")
        flags = [*CHROMIUM_FLAGS, f"--print-to-pdf={out}"] + ([] if footer else ["--no-pdf-header-footer"])
        subprocess.run([browser, *flags, source.as_uri()], capture_output=True, timeout=120, check=True,
                       stdin=subprocess.DEVNULL)
        return out.read_bytes()
