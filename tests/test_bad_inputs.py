"""A folder of bad and awkward inputs, generated here, runs through `python -m pipeline run` in one command:
every input is in manifest.json with the right outcome and a reason, the good ones give records, and the
exit code says that some inputs failed. Also: glob patterns and @lists of inputs on the command line."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest

import pipeline
from pipeline.cli import EXIT_OK, EXIT_RUN_FAILED, EXIT_SOME_FAILED, main
from pipeline.ingest.inputs import ArgumentError, discover, expand_arguments
from pipeline.ingest.legacy_vn import tcvn3_to_unicode, unicode_to_tcvn3, unicode_to_vni, vni_to_unicode
from pipeline.ingest.normalize import normalize_text
from tests.encodings import encode_cp1258

REPO = Path(pipeline.__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
AMME17 = (CORPUS / "dev" / "vi-a-amme17-vientiane-2023.txt").read_text(encoding="utf-8")
AMME17_REPORT = (CORPUS / "dev" / "asean-environment-cooperation-2023.txt").read_text(encoding="utf-8")
RUN_AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _paragraphs(prefix: str) -> list[str]:
    """Long paragraphs of the bundled corpus (files starting with prefix), in a fixed order."""
    found = []
    for path in sorted((CORPUS / "dev").glob(prefix + "*.txt")):
        if path.name in ("vi-a-amme17-vientiane-2023.txt", "asean-environment-cooperation-2023.txt"):
            continue
        found += [p for p in path.read_text(encoding="utf-8").split("\n\n") if len(p.split()) >= 40]
    return found


def _round_trips(text: str) -> bool:
    """Text that TCVN3 and VNI can both hold (TCVN3 has no toned capitals)."""
    try:
        unicode_to_tcvn3(text).encode("cp1252")
        unicode_to_vni(text).encode("cp1252")
    except UnicodeEncodeError:
        return False
    return tcvn3_to_unicode(unicode_to_tcvn3(text)) == text and vni_to_unicode(unicode_to_vni(text)) == text


VI = [p for p in _paragraphs("vi-") if _round_trips(p)]
EN = _paragraphs("en-")


def bulletin(number: int, lang: str = "vi") -> str:
    """A short bulletin of its own: a title line and one corpus paragraph no other input uses."""
    body = VI[number] if lang == "vi" else EN[number]
    title = f"Bản tin môi trường số {number}" if lang == "vi" else f"Environment bulletin no. {number}"
    return f"{title}\n\n{body}\n"




def with_invisibles(text: str) -> str:
    """Zero-width characters inside words, non-breaking and odd spaces between them."""
    words = text.split(" ")
    return "\ufeff" + " ".join(
        (w[:1] + "\u200b" + w[1:] if i % 3 == 0 else w) + ("\u00a0" if i % 4 == 0 else "")
        for i, w in enumerate(words)
    ).replace("\n", " \u2009\n")


def cut_mid_character(data: bytes) -> bytes:
    """The bytes up to the middle of the last multi-byte character: a download cut short."""
    last_lead = max(i for i, byte in enumerate(data) if byte >= 0xE0)
    return data[: last_lead + 1]


def with_bad_bytes(data: bytes) -> bytes:
    """Two stray bytes that are not UTF-8, in the middle of the text."""
    third = len(data) // 3
    while data[third] >= 0x80:
        third += 1
    return data[:third] + b"\xff" + data[third : 2 * third] + b"\xfe" + data[2 * third :]


def make_docx(*paragraphs: str) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_pdf(content: bytes | None) -> bytes:
    """A one-page PDF written by hand; content is its content stream (None: a page without one)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >>"
        + (b" /Contents 4 0 R" if content is not None else b"") + b" >>",
        b"<< /Length %d >>\nstream\n" % len(content or b"") + (content or b"") + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


PDF_TEXT = (b"BT /F1 12 Tf 72 720 Td (ASEAN Environment Ministers met in Vientiane on 22 August 2023.) Tj "
            b"0 -20 Td (The ministers adopted a joint statement on climate change.) Tj ET")


def zip_of(name: str, data: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, data)
    return buffer.getvalue()


def republished(text: str) -> str:
    """The same bulletin on another site: new title line, a dateline, other spacing, a footer, a few words."""
    paragraphs = text.split("\n\n")
    paragraphs[0] = "TIN MỚI | " + paragraphs[0]
    paragraphs.insert(1, "Cập nhật lúc 08:15, 25/08/2023")
    body = "\n\n".join(paragraphs).replace("đã bế mạc", "vừa bế mạc").replace(". ", ".  ")
    return body + "\n\nNguồn: Báo Tài nguyên và Môi trường. Ghi rõ nguồn khi đăng lại thông tin từ trang này.\n"


HALF_HTML = (
    "<html><head><title>Tin tức</title></head><body><article><h1>{title}</h1><p>{body}</p><p>Đoạn thứ hai "
    "của bài viết bị cắt giữa chừng khi tải về, không có thẻ đóng và"
)
SCRIPTED_HTML = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Cổng thông tin | Tin</title>"
    "<script>var SCRIPT_TEXT = 'tracking';</script><style>.STYLE_TEXT {{ color: red }}</style></head><body>"
    "<nav><a href='/'>NAV_TEXT Trang chủ</a></nav><article><h1>{title}</h1><p>{body}</p>"
    "<script>document.write('SCRIPT_TEXT');</script></article><footer>FOOTER_TEXT</footer></body></html>"
)


# --- The awkward folder ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    source: str  # path inside the folder, which is also the manifest's `source`
    make: Callable[[Path], None]  # creates the input at the given path
    status: str | None  # expected outcome; None: not an input (hidden), absent from the manifest
    reason: str = ""  # a piece of the expected reason ("" for processed)
    text: str | None = None  # for processed inputs whose decoded text is known: the text before decoding
    duplicate_of: str | None = None


def data(content: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(content)


def sparse(size: int) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        with path.open("wb") as stream:
            stream.truncate(size)  # takes no disk space
    return make


def broken_link(path: Path) -> None:
    path.symlink_to(path.with_name("no-such-file.txt"))


def fifo(path: Path) -> None:
    os.mkfifo(path)  # a reader that opened it would wait for ever


def locked(text: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.write_text(text, encoding="utf-8")
        path.chmod(0)
    return make


def _cases() -> list[Case]:
    vi = [bulletin(n) for n in range(20)]
    cases = [
        # Exact and near duplicates, and a different bulletin about the same meeting (input order: a, b, ...).
        Case("bulletin-a-original.txt", data(AMME17.encode()), "processed", text=AMME17),
        Case("bulletin-b-exact-copy.txt", data(AMME17.encode()), "duplicate", "same text as bulletin-a-original.txt",
             duplicate_of="bulletin-a-original.txt"),
        Case("bulletin-c-republished.txt", data(republished(AMME17).encode()), "duplicate", "near-duplicate",
             duplicate_of="bulletin-a-original.txt"),
        Case("bulletin-d-utf16-copy.txt", data(AMME17.encode("utf-16")), "duplicate", "same text as",
             duplicate_of="bulletin-a-original.txt"),
        Case("bulletin-e-same-meeting.txt", data(AMME17_REPORT.encode()), "processed", text=AMME17_REPORT),
        # Nothing to read.
        Case("empty.txt", data(b""), "skipped", "empty file"),
        Case("whitespace-only.txt", data(b" \r\n\t\n   \n"), "skipped", "empty file"),
        Case("zero-width-only.md", data("\u200b\ufeff\u2060\n".encode()), "skipped", "empty file"),
        Case("empty-page.html", data(b"<html><head><script>x()</script></head><body> </body></html>"),
             "skipped", "no text"),
        Case("photo.txt", data(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(300)), "skipped", "binary"),
        Case("random-bytes.txt", data(bytes((i * 97 + 13) % 128 + 128 for i in range(600))), "skipped",
             "could not recognise the text encoding"),
        Case("scan.pdf", data(make_pdf(b"0 0 m 200 200 l S")), "skipped", "no text layer"),
        Case("huge.txt", sparse(2_000_000_000), "skipped", "--max-bytes"),
        Case("table.csv", data(b"a,b\n1,2\n"), "skipped", "unsupported file type .csv"),
        Case("README", data(b"read me"), "skipped", "unsupported file type"),
        Case("picture.png", data(b"\x89PNG\r\n\x1a\n" + bytes(100)), "skipped", "unsupported file type .png"),
        # Broken or unreadable.
        Case("archive.docx", data(zip_of("hello.txt", "not a Word document")), "failed", "could not parse the DOCX"),
        Case("truncated.docx", data(make_docx(vi[0])[:700]), "failed", "could not parse the DOCX"),
        Case("truncated.pdf", data(make_pdf(PDF_TEXT)[:300]), "failed", "could not parse the PDF"),
        Case("broken-link.txt", broken_link, "failed", "No such file or directory"),
        Case("pipe.txt", fifo, "failed", "not a regular file"),
        # chmod 000 stops every user but root (CI runs as root): then the file is simply read.
        Case("locked.txt", locked(vi[1]), "processed" if RUN_AS_ROOT else "failed",
             "" if RUN_AS_ROOT else "Permission denied"),
        # Encodings and Unicode: each decodes to the same text as its UTF-8 original.
        Case("utf8-bom.txt", data(b"\xef\xbb\xbf" + vi[2].encode()), "processed", text=vi[2]),
        Case("utf16-le-bom.txt", data(b"\xff\xfe" + vi[3].encode("utf-16-le")), "processed", text=vi[3]),
        Case("utf16-be-bom.txt", data(b"\xfe\xff" + vi[4].encode("utf-16-be")), "processed", text=vi[4]),
        Case("utf16-le-no-bom.txt", data(vi[5].encode("utf-16-le")), "processed", text=vi[5]),
        Case("utf16-be-no-bom.txt", data(vi[6].encode("utf-16-be")), "processed", text=vi[6]),
        Case("windows-1258.txt", data(encode_cp1258(vi[7])), "processed", text=vi[7]),
        Case("tcvn3.txt", data(unicode_to_tcvn3(vi[8]).encode("cp1252")), "processed", text=vi[8]),
        Case("vni.txt", data(unicode_to_vni(vi[9]).encode("cp1252")), "processed", text=vi[9]),
        Case("nfd.txt", data(unicodedata.normalize("NFD", vi[10]).encode()), "processed", text=vi[10]),
        Case("zero-width-and-nbsp.txt", data(with_invisibles(vi[11]).encode()), "processed", text=vi[11]),
        Case("mojibake.txt", data(vi[12].encode().decode("latin-1").encode()), "processed", text=vi[12]),
        # Damaged UTF-8: read, the broken bytes replaced, and a warning in the manifest.
        Case("cut-short.txt", data(cut_mid_character(bulletin(20).encode())), "processed"),
        Case("bad-bytes.txt", data(with_bad_bytes(bulletin(21).encode())), "processed"),
        # Formats.
        Case("half.html", data(HALF_HTML.format(title="Tin ngắn", body=VI[13]).encode()), "processed"),
        Case("scripts.htm", data(SCRIPTED_HTML.format(title="Tin có mã", body=VI[14]).encode()), "processed"),
        Case("notes.md", data(f"# Ghi chú số 15\n\n{VI[15]}\n\n- một\n- hai\n".encode()), "processed"),
        Case("bulletin.docx", data(make_docx("Bản tin Word", VI[16], VI[17])), "processed"),
        Case("report.pdf", data(make_pdf(PDF_TEXT)), "processed"),
        # Languages.
        Case("english.txt", data(bulletin(0, "en").encode()), "processed", text=bulletin(0, "en")),
        Case("mixed.txt", data(f"Tin song ngữ\n\n{VI[18]}\n\n{EN[1]}\n".encode()), "processed"),
        # Where files sit.
        Case("nested/deeper/bulletin.txt", data(vi[19].encode()), "processed", text=vi[19]),
        Case("folder.txt/inside.md", data(bulletin(2, "en").encode()), "processed"),
        Case(".hidden.txt", data(b"a hidden file is not an input"), None),
        Case(".drafts/draft.txt", data(bulletin(3, "en").encode()), None),
    ]
    assert len({case.source for case in cases}) == len(cases)
    return cases


CASES = _cases()
INPUTS = [case for case in CASES if case.status is not None]


def build_folder(folder: Path, cases: list[Case]) -> None:
    for case in cases:
        path = folder / case.source
        path.parent.mkdir(parents=True, exist_ok=True)
        case.make(path)


def run_cli(*argv: str, cwd: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """`python -m pipeline ...` in a subprocess, importing this same copy of the package."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "pipeline", *argv], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout, stdin=subprocess.DEVNULL)


@dataclass(frozen=True)
class Ran:
    result: subprocess.CompletedProcess
    manifest: dict
    outcomes: dict[str, dict]
    tables: dict[str, list[dict]]


@pytest.fixture(scope="module")
def ran(tmp_path_factory) -> Ran:
    folder = tmp_path_factory.mktemp("awkward")
    build_folder(folder, CASES)
    out = tmp_path_factory.mktemp("dataset") / "out"
    result = run_cli("run", str(folder), "--out", str(out))
    assert (out / "manifest.json").is_file(), result.stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    tables = {
        name: [json.loads(line) for line in (out / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()]
        for name in ("documents", "sentences", "meetings", "rejects")
    }
    return Ran(result, manifest, {item["source"]: item for item in manifest["inputs"]}, tables)


def test_bad_inputs_folder_holds_at_least_25_awkward_inputs():
    assert len([case for case in INPUTS if case.status != "processed" or case.text]) >= 25


def test_bad_inputs_manifest_accounts_for_every_input_once(ran):
    sources = [item["source"] for item in ran.manifest["inputs"]]
    assert sorted(sources) == sorted(case.source for case in INPUTS)
    assert len(sources) == len(set(sources))


@pytest.mark.parametrize("case", INPUTS, ids=[case.source for case in INPUTS])
def test_bad_inputs_outcome_and_reason(ran, case):
    outcome = ran.outcomes[case.source]
    assert outcome["status"] == case.status, outcome
    if case.status == "processed":
        assert outcome["doc_id"]
    else:
        assert outcome["reason"] and case.reason in outcome["reason"], outcome
    assert outcome["duplicate_of"] == case.duplicate_of


def test_bad_inputs_hidden_files_are_ignored(ran):
    assert not [source for source in ran.outcomes if any(part.startswith(".") for part in source.split("/"))]


def test_bad_inputs_exit_code_says_some_inputs_failed(ran):
    assert ran.result.returncode == EXIT_SOME_FAILED, ran.result.stderr


def test_bad_inputs_libraries_do_not_print_their_own_warnings(ran):
    """pdfminer's "Could not get FontBBox", trafilatura's "discarding data": the manifest says it better."""
    noises = ("EOF marker", "FontBBox", "discarding data", "Traceback")
    assert not [noise for noise in noises if noise in ran.result.stderr]


def test_bad_inputs_summary_says_the_same_as_the_manifest(ran):
    counts = ran.manifest["counts"]
    statuses = [item["status"] for item in ran.manifest["inputs"]]
    for status in ("processed", "duplicate", "skipped", "failed"):
        assert counts[f"inputs_{status}"] == statuses.count(status)
    summary = ran.result.stdout
    numbers = [line.split() for line in summary.splitlines() if line.split() and line.split()[0].isdigit()]
    assert numbers[0] == [str(counts[f"inputs_{s}"]) for s in ("processed", "duplicate", "skipped", "failed")]
    for item in ran.manifest["inputs"]:
        if item["status"] == "failed":
            assert f"failed   {item['source']}: {item['reason']}" in summary


def test_bad_inputs_every_processed_input_has_its_records(ran):
    documents = {row["doc_id"]: row for row in ran.tables["documents"]}
    with_sentences = {row["doc_id"] for row in ran.tables["sentences"]}
    processed = [item for item in ran.manifest["inputs"] if item["status"] == "processed"]
    assert len(processed) >= 20
    for item in processed:
        assert documents[item["doc_id"]]["source"] == item["source"]
        assert item["doc_id"] in with_sentences, item["source"]
    assert len(documents) == len(processed)


def test_bad_inputs_duplicates_share_the_original_document(ran):
    original = ran.outcomes["bulletin-a-original.txt"]
    for source in ("bulletin-b-exact-copy.txt", "bulletin-d-utf16-copy.txt"):
        assert ran.outcomes[source]["doc_id"] == original["doc_id"]
    assert ran.outcomes["bulletin-c-republished.txt"]["doc_id"] != original["doc_id"]


def test_bad_inputs_bulletins_about_the_same_meeting_both_give_the_meeting(ran):
    ids = {ran.outcomes[s]["doc_id"] for s in ("bulletin-a-original.txt", "bulletin-e-same-meeting.txt")}
    amme17 = [m for m in ran.tables["meetings"] if m["body"] == "AMME" and m["ordinal"] == 17]
    assert len(amme17) == 1
    assert ids <= {mention["doc_id"] for mention in amme17[0]["mentions"]}


@pytest.mark.parametrize("case", [c for c in INPUTS if c.text], ids=[c.source for c in INPUTS if c.text])
def test_bad_inputs_text_is_decoded_and_normalised(ran, case):
    documents = {row["doc_id"]: row for row in ran.tables["documents"]}
    assert documents[ran.outcomes[case.source]["doc_id"]]["text"] == normalize_text(case.text)


@pytest.mark.parametrize(("source", "encoding", "note"), [
    ("windows-1258.txt", "cp1258", None),
    ("tcvn3.txt", "tcvn3", "converted from TCVN3 (ABC)"),
    ("vni.txt", "vni", "converted from VNI"),
    ("mojibake.txt", "utf-8", "mojibake repaired"),
    ("utf16-be-no-bom.txt", "utf-16-be", None),
])  # fmt: skip
def test_bad_inputs_manifest_says_how_a_file_was_decoded(ran, source, encoding, note):
    outcome = ran.outcomes[source]
    assert outcome["encoding"] == encoding
    assert note is None or note in outcome["notes"]


@pytest.mark.parametrize(("source", "warning"), [
    ("cut-short.txt", "the file ends in the middle of a character (cut short?)"),
    ("bad-bytes.txt", "2 byte sequence(s) that are not valid UTF-8 were replaced with U+FFFD"),
])  # fmt: skip
def test_bad_inputs_damaged_utf8_is_processed_with_a_warning(ran, source, warning):
    outcome = ran.outcomes[source]
    assert (outcome["status"], outcome["encoding"]) == ("processed", "utf-8")
    assert [w for w in outcome["warnings"] if w.startswith(warning)], outcome
    assert f"warning  {source}: {warning}" in ran.result.stdout


def test_bad_inputs_clean_inputs_have_no_warnings(ran):
    warned = sorted(item["source"] for item in ran.manifest["inputs"] if item["warnings"])
    assert warned == ["bad-bytes.txt", "cut-short.txt"]


def test_bad_inputs_html_gives_the_article_without_scripts_or_furniture(ran):
    documents = {row["doc_id"]: row for row in ran.tables["documents"]}
    text = documents[ran.outcomes["scripts.htm"]["doc_id"]]["text"]
    assert text.startswith("Tin có mã\n\n")
    assert not [junk for junk in ("SCRIPT_TEXT", "STYLE_TEXT", "NAV_TEXT", "FOOTER_TEXT") if junk in text]
    assert "cắt giữa chừng" in documents[ran.outcomes["half.html"]["doc_id"]]["text"]


def test_bad_inputs_languages(ran):
    documents = {row["doc_id"]: row for row in ran.tables["documents"]}
    lang = {source: documents[ran.outcomes[source]["doc_id"]]["lang"]
            for source in ("english.txt", "report.pdf", "tcvn3.txt", "mixed.txt")}
    assert lang == {"english.txt": "en", "report.pdf": "en", "tcvn3.txt": "vi", "mixed.txt": "vi"}


def test_bad_inputs_nothing_rejected_by_validation(ran):
    assert ran.tables["rejects"] == []


# --- Exit codes of smaller runs ---------------------------------------------------------------------


def test_bad_inputs_skipped_and_duplicates_alone_exit_0(tmp_path, capsys):
    folder = tmp_path / "in"
    build_folder(folder, [c for c in CASES if c.source in ("utf8-bom.txt", "empty.txt", "photo.txt", "table.csv")])
    (folder / "z-copy.txt").write_bytes((folder / "utf8-bom.txt").read_bytes())
    assert main(["run", str(folder), "--out", str(tmp_path / "out"), "--quiet"]) == EXIT_OK
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert {item["source"]: item["status"] for item in manifest["inputs"]} == {
        "empty.txt": "skipped", "photo.txt": "skipped", "table.csv": "skipped", "utf8-bom.txt": "processed",
        "z-copy.txt": "duplicate",
    }


def test_bad_inputs_a_run_that_cannot_start_exits_2(tmp_path, capsys):
    assert main(["run", str(tmp_path / "missing"), "--out", str(tmp_path / "out"), "--quiet"]) == EXIT_RUN_FAILED
    assert not (tmp_path / "out").exists()


# --- Inputs on the command line: globs and @lists -----------------------------------------------------


@pytest.fixture
def small_tree(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    for name, number in (("dev/a.txt", 0), ("dev/b.md", 1), ("test/c.txt", 2), ("test/deep/d.txt", 3)):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(bulletin(number, "en"), encoding="utf-8")
    (root / "dev" / ".hidden.txt").write_text("hidden", encoding="utf-8")
    return root


def test_inputs_glob_pattern_is_expanded_recursively(small_tree, monkeypatch):
    monkeypatch.chdir(small_tree.parent)
    assert expand_arguments(["corpus/**/*.txt"]) == [
        Path("corpus/dev/a.txt"), Path("corpus/test/c.txt"), Path("corpus/test/deep/d.txt")
    ]
    assert expand_arguments(["corpus/*/b.m?"]) == [Path("corpus/dev/b.md")]


def test_inputs_existing_path_with_pattern_characters_is_taken_literally(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("report [draft].txt").write_text("x", encoding="utf-8")
    assert expand_arguments(["report [draft].txt"]) == [Path("report [draft].txt")]


def test_inputs_list_file(small_tree, monkeypatch):
    monkeypatch.chdir(small_tree.parent)
    Path("inputs.txt").write_text("# bulletins to run\ncorpus/dev/b.md\n\n  corpus/test  \n", encoding="utf-8")
    assert expand_arguments(["@inputs.txt", "corpus/dev/a.txt"]) == [
        Path("corpus/dev/b.md"), Path("corpus/test"), Path("corpus/dev/a.txt")
    ]


@pytest.mark.parametrize(("argument", "message"), [
    ("corpus/**/*.pdf", "no file matches corpus/**/*.pdf"),
    ("@missing.txt", "cannot read the list of inputs missing.txt"),
    ("@empty-list.txt", "names no file"),
])  # fmt: skip
def test_inputs_argument_naming_nothing_is_an_error(small_tree, monkeypatch, argument, message):
    monkeypatch.chdir(small_tree.parent)
    Path("empty-list.txt").write_text("# nothing yet\n", encoding="utf-8")
    with pytest.raises(ArgumentError, match=re.escape(message)):
        expand_arguments([argument])


def test_inputs_discover_lists_unreadable_entries_and_skips_hidden_ones(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "loop").symlink_to(tmp_path)  # a link back up: not followed
    broken_link(tmp_path / "gone.txt")
    fifo(tmp_path / "pipe.txt")
    assert [file.relative_to(tmp_path).as_posix() for file, _ in discover([tmp_path])] == [
        "a.txt", "gone.txt", "pipe.txt"
    ]


def test_inputs_glob_and_list_on_the_command_line(small_tree, tmp_path, monkeypatch):
    monkeypatch.chdir(small_tree.parent)
    Path("inputs.txt").write_text("corpus/dev/b.md\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", "corpus/test/**/*.txt", "@inputs.txt", "--out", str(out), "--quiet"]) == EXIT_OK
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(item["source"] for item in manifest["inputs"]) == ["dev/b.md", "test/c.txt", "test/deep/d.txt"]
    assert main(["run", "corpus/**/*.pdf", "--out", str(out), "--quiet"]) == EXIT_RUN_FAILED


def test_inputs_files_from_several_folders_keep_their_folders_in_the_source(small_tree, monkeypatch):
    monkeypatch.chdir(small_tree.parent)
    (small_tree / "test" / "a.txt").write_text("same name as dev/a.txt", encoding="utf-8")
    found = discover(expand_arguments(["corpus/**/a.txt", "corpus/test/deep/d.txt"]))
    assert [file.relative_to(root).as_posix() for file, root in found] == ["dev/a.txt", "test/a.txt",
                                                                          "test/deep/d.txt"]
    assert [file.relative_to(root).as_posix() for file, root in discover([Path("corpus/dev/a.txt")])] == ["a.txt"]
