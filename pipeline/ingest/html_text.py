"""Main text of an HTML page: title first, then the article's paragraphs separated by blank lines.

trafilatura finds the main content and drops navigation, footers, share buttons and the like; it is
given the page as a string, so it never fetches anything. When it finds nothing (a very short page,
an unusual layout) a plain visible-text extraction takes over.
"""

from __future__ import annotations

import re
import unicodedata

import lxml.etree
import lxml.html

__all__ = ["html_to_text"]

_SPACES = re.compile(r"\s+")
# Elements that never hold the article's text.
_INVISIBLE_TAGS = (
    "script", "style", "noscript", "template", "head", "nav", "header", "footer", "aside", "form",
    "button", "iframe", "svg", "select", "menu",
)  # fmt: skip
# class/id words of page furniture, for the fallback extraction.
_FURNITURE = re.compile(r"share|social|nav|menu|breadcrumb|cookie|footer|sidebar|related|banner", re.I)
_BLOCK_TAGS = frozenset(
    "address article blockquote dd div dl dt figcaption figure h1 h2 h3 h4 h5 h6 hr li main ol p pre "
    "section table tbody thead tr ul".split()
)
_CELL_TAGS = frozenset(("td", "th"))


def html_to_text(html: str) -> str:
    """Title (from the <h1>, else the <title>) on the first line, a blank line, then the main text."""
    root = _parse(html)
    if root is None:
        return ""
    title = _title(root)
    paragraphs = _main_paragraphs(html)
    if len(paragraphs) <= 1:
        # On short pages trafilatura falls back to a baseline that runs every block into one
        # paragraph; the visible text keeps the page's own paragraph breaks.
        visible = _visible_paragraphs(root)
        if len(visible) > len(paragraphs):
            paragraphs = visible
    if title and paragraphs and _same(paragraphs[0], title):
        paragraphs = paragraphs[1:]
    return "\n\n".join(([title] if title else []) + paragraphs)


def _parse(html: str) -> lxml.html.HtmlElement | None:
    try:
        return lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        # ValueError: a str with an XML encoding declaration; ParserError: nothing to parse.
        try:
            return lxml.html.document_fromstring(html.encode("utf-8"))
        except (lxml.etree.ParserError, ValueError):
            return None


def _clean(text: str | None) -> str:
    return _SPACES.sub(" ", text or "").strip()


def _same(a: str, b: str) -> bool:
    return _comparable(a) == _comparable(b)


def _comparable(text: str) -> str:
    # NFC: trafilatura composes characters, lxml keeps them as decoded (Windows-1258 decomposes).
    return unicodedata.normalize("NFC", _clean(text).casefold())


# A page's own heading, not a site name in its header; failing that the <title>, then any <h1>.
_TITLE_XPATHS = ("//body//h1[not(ancestor::header or ancestor::nav or ancestor::footer)]", "//title", "//h1")


def _title(root: lxml.html.HtmlElement) -> str:
    for xpath in _TITLE_XPATHS:
        for element in root.xpath(xpath):
            text = _clean(element.text_content())
            if text:
                return text
    return ""


def _main_paragraphs(html: str) -> list[str]:
    """Paragraphs of the main content according to trafilatura; empty when it finds none."""
    import trafilatura  # imported here: it takes a moment and only HTML input needs it

    xml = trafilatura.extract(
        html,
        output_format="xml",
        include_comments=False,
        favor_recall=True,  # keeps short paragraphs of the article; page furniture still goes
        include_tables=True,
        include_images=False,
        include_links=False,
        with_metadata=False,
    )
    if not xml:
        return []
    doc = lxml.etree.fromstring(xml.encode("utf-8"))
    main = doc.find("main")
    return _xml_paragraphs(main if main is not None else doc)


def _xml_paragraphs(container: lxml.etree._Element) -> list[str]:
    """trafilatura's XML blocks -> paragraphs: one per heading/paragraph/quote, one per list or
    table with its items or rows on separate lines."""
    paragraphs = []
    for block in container:
        if block.tag == "list":
            lines = [_clean("".join(item.itertext())) for item in block.iter("item")]
        elif block.tag == "table":
            lines = ["\t".join(_clean("".join(c.itertext())) for c in row) for row in block.iter("row")]
        else:
            lines = [_clean(line) for line in _text_with_line_breaks(block).split("\n")]
        text = "\n".join(line for line in lines if line.strip())
        if text:
            paragraphs.append(text)
    return paragraphs


def _text_with_line_breaks(block: lxml.etree._Element) -> str:
    """Text of a block, its <lb/> (an HTML <br>) kept as a newline."""
    for lb in block.iter("lb"):
        lb.tail = "\n" + (lb.tail or "")
    return "".join(block.itertext())


def _visible_paragraphs(root: lxml.html.HtmlElement) -> list[str]:
    """Fallback: every visible text, a new paragraph at each block element."""
    _drop_invisible(root)
    body = root.find("body")
    pieces: list[str] = []
    _collect(body if body is not None else root, pieces)
    text = "".join(pieces)
    paragraphs = ("\n".join(filter(None, map(_clean, block.split("\n")))) for block in text.split("\n\n"))
    return [p for p in paragraphs if p]


def _drop_invisible(root: lxml.html.HtmlElement) -> None:
    doomed = [e for e in root.iter() if not isinstance(e.tag, str)]  # comments, processing instructions
    doomed += list(root.iter(*_INVISIBLE_TAGS))
    doomed += [
        e
        for e in root.iter()
        if isinstance(e.tag, str) and e.tag not in ("html", "body")
        and _FURNITURE.search(f"{e.get('class', '')} {e.get('id', '')}")
    ]  # fmt: skip
    for element in doomed:
        parent = element.getparent()
        if parent is not None:
            element.drop_tree()  # keeps the tail text that follows the element


def _collect(element: lxml.html.HtmlElement, pieces: list[str]) -> None:
    block = element.tag in _BLOCK_TAGS
    if block:
        pieces.append("\n\n")
    if element.tag == "br":
        pieces.append("\n")
    pieces.append(element.text or "")
    for child in element:
        _collect(child, pieces)
        pieces.append(child.tail or "")
    if block:
        pieces.append("\n\n")
    elif element.tag in _CELL_TAGS:
        pieces.append("\t")  # cells of a row stay on one line
