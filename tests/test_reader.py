"""read_source on every kind of input, each generated here in tmp_path."""

import io
import pickle
import random
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.ingest.legacy_vn import (
    detect_legacy,
    is_vietnamese_syllable,
    tcvn3_to_unicode,
    unicode_to_tcvn3,
    unicode_to_vni,
    vni_to_unicode,
)
from pipeline.ingest.normalize import normalize_text
from pipeline.ingest.reader import DEFAULT_MAX_BYTES, InputRejected, SourceText, read_source
from tests.encodings import encode_cp1258

# Capitals limited to those TCVN3 (VN3) can hold: it has no toned capitals.
SENTENCE = (
    "Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17 được tổ chức tại Đà Nẵng, Việt Nam. "
    "Các nước thành viên cam kết giảm phát thải khí nhà kính, bảo vệ đa dạng sinh học "
    "và quản lý chất thải nhựa đại dương."
)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def rejected(path: Path, **kwargs) -> InputRejected:
    with pytest.raises(InputRejected) as info:
        read_source(path, **kwargs)
    return info.value


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)




# --- Text encodings -------------------------------------------------------------------------------

ENCODED = [
    # (id, bytes, expected encoding, expected note or None)
    ("utf-8", SENTENCE.encode("utf-8"), "utf-8", None),
    ("utf-8 BOM", b"\xef\xbb\xbf" + SENTENCE.encode("utf-8"), "utf-8-sig", None),
    ("utf-16 LE BOM", b"\xff\xfe" + SENTENCE.encode("utf-16-le"), "utf-16", None),
    ("utf-16 BE BOM", b"\xfe\xff" + SENTENCE.encode("utf-16-be"), "utf-16", None),
    ("utf-16 LE no BOM", SENTENCE.encode("utf-16-le"), "utf-16-le", None),
    ("utf-16 BE no BOM", SENTENCE.encode("utf-16-be"), "utf-16-be", None),
    ("utf-32 BOM", SENTENCE.encode("utf-32"), "utf-32", None),
    ("windows-1258", encode_cp1258(SENTENCE), "cp1258", None),
    ("tcvn3", unicode_to_tcvn3(SENTENCE).encode("cp1252"), "tcvn3", "converted from TCVN3 (ABC)"),
    ("vni", unicode_to_vni(SENTENCE).encode("cp1252"), "vni", "converted from VNI"),
    (
        "tcvn3 text saved as utf-8",
        unicode_to_tcvn3(SENTENCE).encode("utf-8"),
        "utf-8",
        "converted from TCVN3 (ABC)",
    ),
    ("vni text saved as utf-8", unicode_to_vni(SENTENCE).encode("utf-8"), "utf-8", "converted from VNI"),
    ("mojibake", SENTENCE.encode("utf-8").decode("latin-1").encode("utf-8"), "utf-8", "mojibake repaired"),
]


@pytest.mark.parametrize(("data", "encoding", "note"), [c[1:] for c in ENCODED], ids=[c[0] for c in ENCODED])
def test_encodings_round_trip(tmp_path, data, encoding, note):
    result = read_source(write(tmp_path, "bulletin.txt", data))
    assert result == SourceText(result.text, "txt", encoding, result.notes)
    assert nfc(result.text) == SENTENCE
    assert (note in result.notes) if note else result.notes == ()


def test_windows_1258_text_is_left_decomposed_for_normalisation(tmp_path):
    text = read_source(write(tmp_path, "a.txt", encode_cp1258("Việt Nam"))).text
    assert text != "Việt Nam"  # the codec writes the tone as a combining mark
    assert normalize_text(text) == "Việt Nam"


def test_markdown_is_read_as_text(tmp_path):
    result = read_source(write(tmp_path, "notes.MD", "# Tiêu đề\n\nĐoạn văn.".encode()))
    assert (result.format, result.encoding, result.text) == ("md", "utf-8", "# Tiêu đề\n\nĐoạn văn.")


def test_paragraphs_kept_as_read(tmp_path):
    raw = "Tiêu đề\r\n\r\nĐoạn một.\r\n\r\n\r\nĐoạn hai.\r\n"
    assert read_source(write(tmp_path, "a.txt", raw.encode())).text == raw  # normalising comes later


def test_all_caps_tcvn3_gets_its_capitals_back(tmp_path):
    data = unicode_to_tcvn3("NGHỊ QUYẾT VỀ BẢO VỆ MÔI TRƯỜNG của Việt Nam").encode("cp1252")
    assert read_source(write(tmp_path, "a.txt", data)).text == "NGHỊ QUYẾT VỀ BẢO VỆ MÔI TRƯỜNG của Việt Nam"


def test_western_windows_text_is_not_taken_for_vietnamese(tmp_path):
    text = "The ASEAN “Clean Air” plan – a naïve café owner’s résumé, 25°C"
    result = read_source(write(tmp_path, "a.txt", text.encode("cp1252")))
    assert result.text == text
    assert result.encoding == "cp1252"


# --- Damaged UTF-8 --------------------------------------------------------------------------------

AMME17 = (Path(__file__).resolve().parents[1] / "corpus" / "dev" / "vi-a-amme17-vientiane-2023.txt").read_text(
    encoding="utf-8"
)


def with_broken_characters(text: str, share: float) -> bytes:
    """UTF-8 in which `share` of the non-ASCII characters (spread evenly) lost their last byte."""
    non_ascii = [i for i, char in enumerate(text) if ord(char) > 127]
    step = 1 / share if share else len(text) + 1
    broken = {non_ascii[int(k * step)] for k in range(len(non_ascii)) if int(k * step) < len(non_ascii)}
    return b"".join(char.encode()[:-1] if i in broken else char.encode() for i, char in enumerate(text))


@pytest.mark.parametrize("kept", [1, 2], ids=["1 of 3 bytes", "2 of 3 bytes"])
@pytest.mark.parametrize("text", [SENTENCE[:-1] + " Việ", "The ministers met in Huế"], ids=["vi", "en"])
def test_reader_utf8_cut_mid_character_is_read_with_a_warning(tmp_path, text, kept):
    data = text.encode()[: -3 + kept]
    result = read_source(write(tmp_path, "cut.txt", data))
    assert result.encoding == "utf-8"
    assert result.text == text[:-1] + "\ufffd"
    assert result.warnings == (
        f"the file ends in the middle of a character (cut short?): its last {kept} byte(s) were replaced "
        "with U+FFFD",
    )


@pytest.mark.parametrize("bad", [b"\xff", b"\xc3(", b"\xe1\xbb"], ids=["stray byte", "broken pair", "cut sequence"])
def test_reader_utf8_with_bad_bytes_in_the_middle_is_read_with_a_warning(tmp_path, bad):
    middle = SENTENCE.index(" Đà Nẵng")
    data = SENTENCE[:middle].encode() + bad + SENTENCE[middle:].encode()
    result = read_source(write(tmp_path, "a.txt", data))
    assert result.encoding == "utf-8"
    assert result.text == SENTENCE[:middle] + bad.decode("utf-8", "replace") + SENTENCE[middle:]
    assert len(result.warnings) == 1
    at = len(SENTENCE[:middle].encode())
    assert result.warnings[0].startswith(
        f"1 byte sequence(s) that are not valid UTF-8 were replaced with U+FFFD (the first at byte {at})"
    )


def test_reader_html_cut_mid_character_is_read_with_a_warning(tmp_path):
    page = ARTICLE.format(charset="utf-8").encode()
    cut = page[: page.rindex("quyền".encode()) + 4]  # inside the "ề" of the footer: the end is lost
    result = read_source(write(tmp_path, "tin.html", cut))
    assert result.text.startswith("Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17\n\nNgày 22")
    assert result.warnings[0].startswith("the file ends in the middle of a character (cut short?)")


def test_reader_clean_text_has_no_warning(tmp_path):
    assert read_source(write(tmp_path, "a.txt", SENTENCE.encode())).warnings == ()


# Either side of MIN_VALID_UTF8 (one half): a bulletin with 45 % of its non-ASCII characters broken is still
# read, one with 55 % broken is mostly undecodable and skipped (no other encoding reads it either).
@pytest.mark.parametrize(("share", "read"), [(0.01, True), (0.2, True), (0.45, True), (0.55, False), (0.8, False)])
def test_reader_damage_threshold(tmp_path, share, read):
    path = write(tmp_path, "damaged.txt", with_broken_characters(AMME17, share))
    if read:
        result = read_source(path)
        assert result.encoding == "utf-8"
        assert "not valid UTF-8 were replaced with U+FFFD" in result.warnings[0]
        assert result.text.count("\ufffd") == pytest.approx(share * sum(ord(c) > 127 for c in AMME17), abs=2)
    else:
        error = rejected(path)
        assert error.status == "skipped"
        assert error.reason.startswith("could not recognise the text encoding: it is mostly undecodable as UTF-8")


def _legacy_bulletins() -> list[tuple[str, str]]:
    corpus = Path(__file__).resolve().parents[1] / "corpus"
    return [(path.name, path.read_text(encoding="utf-8")) for path in sorted(corpus.glob("*/vi-*.txt"))[:8]]


def _encode_legacy(text: str, encoding: str) -> bytes | None:
    """The text in a legacy encoding, or None when the encoding cannot hold all of it."""
    try:
        if encoding == "cp1258":
            return encode_cp1258(text)
        encode = unicode_to_tcvn3 if encoding == "tcvn3" else unicode_to_vni
        return encode(text).encode("cp1252")
    except UnicodeEncodeError:
        return None


@pytest.mark.parametrize("encoding", ["cp1258", "tcvn3", "vni"])
@pytest.mark.parametrize(("name", "text"), _legacy_bulletins(), ids=[name for name, _ in _legacy_bulletins()])
def test_reader_legacy_bulletin_is_not_read_as_damaged_utf8(tmp_path, name, text, encoding):
    data = _encode_legacy(text, encoding)
    if data is None:
        pytest.skip(f"{encoding} cannot hold every character of {name}")
    result = read_source(write(tmp_path, name, data))
    assert (result.encoding, result.warnings) == (encoding, ())


# --- Legacy tables --------------------------------------------------------------------------------

VIETNAMESE_LOWER = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"


def test_tcvn3_table_round_trips_every_lowercase_letter_and_base_capital():
    letters = VIETNAMESE_LOWER + "ĂÂÊÔƠƯĐ"
    encoded = unicode_to_tcvn3(letters)
    assert len(set(encoded)) == len(set(letters))
    assert encoded.encode("cp1252")  # a real single-byte file can hold it
    assert tcvn3_to_unicode(encoded) == letters


@pytest.mark.parametrize("letters", [VIETNAMESE_LOWER, VIETNAMESE_LOWER.upper()], ids=["lower", "upper"])
def test_vni_table_round_trips_every_letter(letters):
    encoded = unicode_to_vni(letters)
    encoded.encode("cp1252")
    assert vni_to_unicode(encoded) == letters


def test_known_legacy_spellings():
    # Spellings as they appear in old documents (public code charts).
    assert tcvn3_to_unicode("ViÖt Nam, B¸o c¸o, ng\xadêi, §µ N½ng") == "Việt Nam, Báo cáo, người, Đà Nẵng"
    assert vni_to_unicode("Vieät Nam, Xin chaøo caùc baïn, ñöôïc") == "Việt Nam, Xin chào các bạn, được"


@pytest.mark.parametrize(
    "text",
    [
        SENTENCE,
        "Hoà bình, thuỷ lợi, khoẻ mạnh, toàn cầu, quá trình",  # old-style tones still Unicode
        "ASEAN Environment Ministers met in Vientiane on 22 August 2023.",
        "The “Clean Air” plan – a naïve café owner’s résumé, 25°C, Windows®",
        "Straße, Größe, Ärger, Øresund, año, Noël, garçon",
        "",
    ],
    ids=["vietnamese", "old-style tones", "english", "western punctuation", "european", "empty"],
)
def test_detect_legacy_leaves_unicode_and_western_text_alone(text):
    assert detect_legacy(text) is None


@pytest.mark.parametrize(
    ("encode", "name"), [(unicode_to_tcvn3, "tcvn3"), (unicode_to_vni, "vni")], ids=["tcvn3", "vni"]
)
def test_detect_legacy_finds_each_encoding(encode, name):
    assert detect_legacy(encode(SENTENCE)) == name
    assert detect_legacy(encode("Xin chào các bạn")) == name


@pytest.mark.parametrize("word", ["Việt", "NAM", "người", "nghiêng", "quyết", "khuỷu", "gì", "đặc"])
def test_vietnamese_syllables(word):
    assert is_vietnamese_syllable(word)


@pytest.mark.parametrize("word", ["café", "vỔ", "cafộ", "c¸c", "Größe", "ViÖt", "hóá"])
def test_not_vietnamese_syllables(word):
    assert not is_vietnamese_syllable(word)


# --- HTML -----------------------------------------------------------------------------------------

ARTICLE = """<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>Tin môi trường | Trang chủ</title>
<style>body {{ color: red }} .STYLE_TEXT {{}}</style>
<script>var tracker = "SCRIPT_TEXT";</script></head>
<body>
<nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/tin">NAV_TEXT Tin tức</a></li></ul></nav>
<!-- COMMENT_TEXT -->
<article>
<h1>Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17</h1>
<p>Ngày 22 tháng 8 năm 2023, Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17 đã diễn ra tại Viêng Chăn,
Lào, với sự tham gia của đại diện các nước thành viên và Ban Thư ký ASEAN.</p>
<p>Các bộ trưởng đã thông qua tuyên bố chung về biến đổi khí hậu và cam kết tăng cường hợp tác
trong quản lý chất thải nhựa đại dương.</p>
<div class="share-buttons social"><a href="#">SHARE_TEXT Facebook</a> <a href="#">Chia sẻ Twitter</a></div>
</article>
<footer>FOOTER_TEXT Bản quyền 2023</footer>
</body></html>
"""
JUNK = ("STYLE_TEXT", "SCRIPT_TEXT", "NAV_TEXT", "COMMENT_TEXT", "SHARE_TEXT", "FOOTER_TEXT", "Trang chủ")


def test_html_main_text_with_title_first(tmp_path):
    result = read_source(write(tmp_path, "tin.html", ARTICLE.format(charset="utf-8").encode()))
    assert (result.format, result.encoding) == ("html", "utf-8")
    paragraphs = result.text.split("\n\n")
    assert paragraphs[0] == "Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17"
    assert paragraphs[1].startswith("Ngày 22 tháng 8 năm 2023")
    assert paragraphs[2].startswith("Các bộ trưởng")
    assert len(paragraphs) == 3
    assert not [junk for junk in JUNK if junk in result.text]


def test_html_extraction_uses_no_network(tmp_path, monkeypatch):
    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    html = ARTICLE.format(charset="utf-8").replace(
        "<article>", '<article><img src="http://example.invalid/a.png">'
    )
    assert read_source(write(tmp_path, "tin.html", html.encode())).text.startswith("Hội nghị")


def test_html_in_windows_1258_as_declared(tmp_path):
    data = encode_cp1258(ARTICLE.format(charset="windows-1258"))
    result = read_source(write(tmp_path, "tin.htm", data))
    assert result.encoding == "cp1258"
    assert nfc(result.text).startswith("Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17\n\nNgày 22")


def test_html_typed_with_a_tcvn3_font(tmp_path):
    page = "<html><body><h1>{}</h1><p>{}</p></body></html>"
    html = page.format(unicode_to_tcvn3("Bảo vệ môi trường"), unicode_to_tcvn3(SENTENCE))
    result = read_source(write(tmp_path, "cu.html", html.encode("cp1252")))
    assert result.text == "Bảo vệ môi trường\n\n" + SENTENCE
    assert "converted from TCVN3 (ABC)" in result.notes


def test_html_title_is_the_article_heading_not_the_site_name(tmp_path):
    html = (
        "<html><head><title>Bài viết | Cổng thông tin</title></head><body>"
        "<header><h1>Cổng thông tin</h1></header><article><h1>Tiêu đề bài viết</h1>"
        "<p>Nội dung bài viết về hợp tác môi trường ASEAN.</p><p>Đoạn thứ hai.</p></article></body></html>"
    )
    text = read_source(write(tmp_path, "a.html", html.encode())).text
    assert text.startswith("Tiêu đề bài viết\n\nNội dung bài viết")
    assert "Cổng thông tin" not in text


def test_short_html_falls_back_to_visible_text(tmp_path):
    html = (
        "<html><head><title>Tiêu đề</title><script>x()</script></head>"
        "<body><p>Một<br>hai</p><div>ba</div></body></html>"
    )
    assert read_source(write(tmp_path, "a.html", html.encode())).text == "Tiêu đề\n\nMột\nhai\n\nba"


def test_html_without_text_is_skipped(tmp_path):
    error = rejected(
        write(tmp_path, "a.html", b"<html><head><script>x()</script></head><body> </body></html>")
    )
    assert (error.status, error.reason) == ("skipped", "the HTML page has no text")


# --- PDF ------------------------------------------------------------------------------------------


def minimal_pdf(content: bytes | None) -> bytes:
    """A one-page PDF written by hand; content is the page's content stream (None: no stream)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >>"
        + (b" /Contents 4 0 R" if content is not None else b"")
        + b" >>",
        b"<< /Length %d >>\nstream\n" % len(content or b"") + (content or b"") + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


TEXT_PDF = minimal_pdf(
    b"BT /F1 12 Tf 72 720 Td (ASEAN Environment Ministers Meeting) Tj 0 -20 Td (Vientiane 2023) Tj ET"
)


def test_pdf_text_layer(tmp_path):
    result = read_source(write(tmp_path, "report.pdf", TEXT_PDF))
    assert (result.format, result.encoding) == ("pdf", None)
    assert result.text == "ASEAN Environment Ministers Meeting\nVientiane 2023"


@pytest.mark.parametrize("content", [None, b"0 0 m 200 200 l S"], ids=["no content", "drawing only"])
def test_pdf_without_text_layer_is_skipped(tmp_path, content):
    error = rejected(write(tmp_path, "scan.pdf", minimal_pdf(content)))
    assert (error.status, error.reason) == ("skipped", "the PDF has no text layer (scanned image?)")


@pytest.mark.parametrize(
    "data", [TEXT_PDF[: len(TEXT_PDF) // 2], b"%PDF-1.4\n" + b"garbage " * 50], ids=["truncated", "corrupt"]
)
def test_broken_pdf_fails(tmp_path, data):
    error = rejected(write(tmp_path, "broken.pdf", data))
    assert error.status == "failed"
    assert error.reason.startswith("could not parse the PDF: ")


# --- DOCX -----------------------------------------------------------------------------------------


def make_docx(*paragraphs: str, table: list[list[str]] | None = None) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_paragraphs_and_tables(tmp_path):
    data = make_docx("Tiêu đề", "", "Đoạn một.", "Đoạn hai.", table=[["Năm", "Sự kiện"], ["2023", "AMME-17"]])
    result = read_source(write(tmp_path, "a.docx", data))
    assert (result.format, result.encoding, result.notes) == ("docx", None, ())
    assert result.text == "Tiêu đề\n\nĐoạn một.\n\nĐoạn hai.\n\nNăm\tSự kiện\n2023\tAMME-17"


def test_docx_typed_with_a_vni_font(tmp_path):
    result = read_source(write(tmp_path, "cu.docx", make_docx(unicode_to_vni(SENTENCE))))
    assert result.text == SENTENCE
    assert result.notes == ("converted from VNI",)


def test_docx_without_text_is_skipped(tmp_path):
    error = rejected(write(tmp_path, "a.docx", make_docx("", "  ")))
    assert error.status == "skipped"
    assert error.reason.startswith("empty file")


@pytest.mark.parametrize(
    "data",
    [
        make_docx("Đoạn một.")[:500],
        b"PK\x03\x04" + b"\x00" * 100,
        b"This is a plain text file with a .docx name.",
    ],
    ids=["truncated", "bad zip", "not a zip"],
)
def test_broken_docx_fails(tmp_path, data):
    error = rejected(write(tmp_path, "broken.docx", data))
    assert error.status == "failed"
    assert error.reason.startswith("could not parse the DOCX: ")


def test_zip_without_word_document_fails(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert rejected(write(tmp_path, "a.docx", buffer.getvalue())).status == "failed"


# --- Bad files ------------------------------------------------------------------------------------


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "x" * 100)
    return buffer.getvalue()


SKIPPED = [
    ("empty", "a.txt", b"", "empty file"),
    ("whitespace", "a.txt", b" \r\n\t\n  ", "empty file"),
    ("bom only", "a.md", b"\xef\xbb\xbf \n", "empty file"),
    ("utf-16 whitespace", "a.txt", " \n \n".encode("utf-16"), "empty file"),
    ("zero-width only", "a.txt", "\u200b\ufeff\n".encode(), "empty file"),
    ("empty pdf", "a.pdf", b"", "empty file"),
    ("png", "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(256), "binary content, not text"),
    ("jpeg", "photo.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(200), "binary content, not text"),
    ("zip", "archive.md", zip_bytes(), "binary content, not text"),
    ("gzip", "a.html", b"\x1f\x8b\x08\x00" + bytes(100), "binary content, not text"),
    ("NUL bytes", "a.txt", b"header\x00\x01\x02data\x00" * 20, "binary content, not text"),
    ("control bytes", "a.txt", bytes(range(1, 9)) * 50 + b"text", "binary content, not text"),
    ("random bytes", "a.txt", bytes(b | 0x80 for b in random.Random(7).randbytes(400)),
     "could not recognise the text encoding: it is mostly undecodable as UTF-8 (only 20% of its non-ASCII "
     "characters are valid) and no other encoding fits"),
    ("unsupported", "data.xyz", b"hello", "unsupported file type .xyz"),
    ("no extension", "README", b"hello", "unsupported file type (no extension)"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "data", "reason"), [c[1:] for c in SKIPPED], ids=[c[0] for c in SKIPPED])
def test_skipped_files(tmp_path, name, data, reason):
    error = rejected(write(tmp_path, name, data))
    assert (error.status, error.reason, str(error)) == ("skipped", reason, reason)


def test_too_large_names_the_limit_and_the_flag(tmp_path):
    error = rejected(write(tmp_path, "big.txt", b"a" * 1001), max_bytes=1000)
    assert error.status == "skipped"
    assert "1,000-byte limit" in error.reason
    assert "--max-bytes" in error.reason
    assert read_source(write(tmp_path, "ok.txt", b"a" * 1000), max_bytes=1000).text == "a" * 1000


def test_too_large_is_rejected_without_reading_it(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:
        stream.truncate(50 * DEFAULT_MAX_BYTES)  # sparse: takes no disk space
    monkeypatch.setattr(Path, "open", lambda *a, **k: pytest.fail("opened a file over the limit"))
    error = rejected(path)
    assert error.status == "skipped"
    assert f"{DEFAULT_MAX_BYTES:,}-byte limit" in error.reason


def test_directory_fails(tmp_path):
    (tmp_path / "folder.txt").mkdir()
    error = rejected(tmp_path / "folder.txt")
    assert (error.status, error.reason) == ("failed", "could not read the file: Is a directory")


def test_missing_file_fails(tmp_path):
    (tmp_path / "link.txt").symlink_to(tmp_path / "gone.txt")
    error = rejected(tmp_path / "link.txt")
    assert (error.status, error.reason) == ("failed", "could not read the file: No such file or directory")


def test_permission_denied_fails(tmp_path, monkeypatch):
    # chmod 000 does not stop root (CI runs as root), so the OS error is simulated.
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    path = write(tmp_path, "secret.txt", b"text")
    monkeypatch.setattr(Path, "open", refuse)
    error = rejected(path)
    assert (error.status, error.reason) == ("failed", "could not read the file: Permission denied")


def test_input_rejected_survives_pickling():
    error = pickle.loads(pickle.dumps(InputRejected("skipped", "empty file")))
    assert (error.status, error.reason) == ("skipped", "empty file")


def test_input_rejected_status_is_checked():
    with pytest.raises(ValueError):
        InputRejected("ignored", "why")
    error = InputRejected("failed", "could not read the file: Permission denied")
    assert (error.status, error.reason, str(error)) == (
        "failed",
        "could not read the file: Permission denied",
        "could not read the file: Permission denied",
    )


# --- Whatever the bytes ---------------------------------------------------------------------------

_PREFIXES = [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"\xef\xbb\xbf", b"\xff\xfe", b"<html><body><p>"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    prefix=st.sampled_from(_PREFIXES),
    body=st.one_of(st.binary(max_size=300), st.text(max_size=100).map(lambda t: t.encode("utf-8"))),
    suffix=st.sampled_from([".txt", ".md", ".html", ".htm", ".pdf", ".docx"]),
)
def test_any_bytes_give_text_or_a_rejection(tmp_path, prefix, body, suffix):
    path = write(tmp_path, "input" + suffix, prefix + body)
    try:
        result = read_source(path)
    except InputRejected as error:
        assert error.status in ("skipped", "failed")
        assert error.reason
    else:
        assert isinstance(result.text, str) and result.text.strip()
