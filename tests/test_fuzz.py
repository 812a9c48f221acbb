"""Property-based and fuzz tests: on arbitrary and adversarial text, normalisation, segmentation, date
parsing and the whole extraction never crash, never hang, and every span they emit is exact:
`document.text[start:end] == span.text`.

CI-friendly: a modest number of examples, no hypothesis deadline (the first call builds the pipeline), a
per-example time budget enforced with SIGALRM instead, and a derandomised (fixed) search when CI=true, so a
CI failure reproduces. Locally each run explores new examples; a failure prints the example to replay.
`FUZZ_SCALE=20 make test PYTEST_ARGS=tests/test_fuzz.py` hunts longer.
"""

from __future__ import annotations

import os
import re
import signal
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pipeline.analyse.segment import segment
from pipeline.api import extract, get_nlp
from pipeline.ingest.document import build_document
from pipeline.ingest.normalize import normalize_text
from pipeline.recognise.dates import find_dates, parse_date

IN_CI = os.environ.get("CI") == "true"
SCALE = float(os.environ.get("FUZZ_SCALE", "1"))  # FUZZ_SCALE=20 for a longer hunt than CI's
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def fuzz(max_examples: int):
    return settings(
        max_examples=max(1, int(max_examples * SCALE)), deadline=None, derandomize=IN_CI, print_blob=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )


class TookTooLong(Exception):
    pass


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Fail an example that runs longer than `seconds` (a hang shows up as a failure, not a stuck CI job)."""

    def expired(signum, frame):
        raise TookTooLong(f"took more than {seconds}s")

    if not hasattr(signal, "setitimer"):  # not on Windows: no budget, the test still runs
        yield
        return
    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# --- Text generators --------------------------------------------------------------------------------

# Pieces of bulletins, and pieces that break naive code: brackets, numbers, control and invisible
# characters, combining marks, other scripts, list markers, blank lines.
FRAGMENTS = [
    "Hội nghị", "Hội nghị Bộ trưởng Môi trường ASEAN", "lần thứ 17", "lần thứ", "thứ 9999999999999999999",
    "AMME-17", "(AMME-17)", "ASOEN", "COP28", "INC-5", "ASEAN+3", "tại Viên Chăn, Lào", "tại", "Hà Nội",
    "ngày 22-24/8/2023", "ngày 31/2/2023", "từ ngày 30/11 đến 12/12/2023", "cuối tháng 7 năm 2023", "năm",
    "tháng 13", "2016-2025", "giai đoạn", "cam kết", "Việt Nam cam kết đạt mức phát thải ròng bằng “0” vào năm 2050",
    "thông qua Tuyên bố chung", "Kế hoạch hành động", "vào năm 2030", "The 17th ASEAN Ministerial Meeting",
    "committed to net zero by 2050", "held in Jakarta on 12 September 2023", "adopted the Declaration",
    "(", ")", "((((", "))))", "[", "]", "{", "}", "«", "»", "“", "”", "\"", "'", ":", ";", ",", ".", "…", "-",
    "–", "—", "/", "\\", "%", "&", "#", "*", "•", "- ", "+ ", "(i)", "(ii)", "a)", "1.", "2)",
    "\n", "\n\n", "\n\n\n\n", " ", "  ", "\t", "\r\n", "\r", "\u2028", "\u2029", "\x0b", "\x0c", "\x85",
    "\x00", "\x01", "\x1b", "\x7f", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00a0", "\u202f",
    "\u0301", "\u0323", "\u0300\u0301\u0303", "\u202e", "\u202c", "\ufffd", "\U0001f30f", "会议", "مؤتمر",
    "Конференция", "ประชุม", "Ðà Nẵng", "hoà bình", "thuỷ lợi", "HÃ´i nghá»‹", "ViÖt Nam", "Vieät Nam",
    "99999999999999999999999999", "0", "17", "2023", "12/9", "31/12/9999", "1e309", "-1",
]  # fmt: skip

_PIECE = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8))
ADVERSARIAL = st.lists(st.tuples(_PIECE, st.sampled_from(["", " ", " ", "\n", ", "])), max_size=60).map(
    lambda pairs: "".join(piece + sep for piece, sep in pairs)
)
LONG_TOKEN = st.tuples(st.sampled_from(["a", "ệ", "9", "(", ".", "-", "Hội", "\u0301"]),
                       st.integers(50, 3000)).map(lambda pair: pair[0] * pair[1])


@st.composite
def bulletins(draw) -> str:
    """A title and paragraphs of adversarial text, some of them repeated."""
    paragraphs = draw(st.lists(ADVERSARIAL | LONG_TOKEN, min_size=1, max_size=6))
    if draw(st.booleans()):
        paragraphs += draw(st.lists(st.sampled_from(paragraphs), max_size=3))
    separator = draw(st.sampled_from(["\n\n", "\n", "\n \n\t\n", "\r\n\r\n", "\n\n\n\n\n"]))
    return draw(ADVERSARIAL) + separator + separator.join(paragraphs)


TEXTS = st.one_of(st.text(max_size=400), ADVERSARIAL, LONG_TOKEN, bulletins())
LANGS = st.sampled_from([None, "vi", "en"])

# Known hard cases, always tried first.
EXAMPLES = [
    "(((((" * 100, "Hội nghị " * 200, "Tiêu đề\n\n" + "Hội nghị " * 200 + ".", "\n" * 300 + "a" + "\n" * 300,
    "." * 1000, "9" * 3000, "Hội nghị lần thứ " + "9" * 400, "a" * 5000, "(" * 60 + "Hội nghị" + ")" * 60,
    "Tiêu đề\n\n" + ("Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17 diễn ra tại Viên Chăn.\n\n") * 30,
    "Tiêu đề\n\n" + "Việt Nam cam kết " * 100 + "vào năm 2050.", "\u200b" * 50, "\x00\x01\x02", "",
    " ", "\u0301" * 100, "Hội nghị (AMME (lần thứ 17 [ngày {22/8/2023}])) " * 20,
]


def with_examples(**others):
    """The EXAMPLES as @example(text=...), with the test's other arguments fixed to `others`."""

    def decorate(test):
        for text in EXAMPLES:
            test = example(text=text, **others)(test)
        return test

    return decorate


# --- Normalisation ----------------------------------------------------------------------------------


@fuzz(300)
@given(text=TEXTS)
@with_examples()
def test_fuzz_normalize_is_idempotent_nfc_and_clean(text):
    with time_budget(5):
        once = normalize_text(text)
        assert normalize_text(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert not re.search("[\u200b\u200c\u200d\u2060\ufeff\r\u00a0\u2028\u2029]", once)
    assert once == once.strip("\n")


# --- Segmentation -----------------------------------------------------------------------------------


@fuzz(150)
@given(text=TEXTS)
@with_examples()
def test_fuzz_segment_spans_are_exact_ordered_and_inside_their_paragraph(text):
    with time_budget(10):
        document = build_document(text, "fuzz.txt")
        sentences = segment(document)
    paragraphs = {p.index: p for p in document.paragraphs}
    previous_end = 0
    for sentence in sentences:
        piece = document.text[sentence.start : sentence.end]
        assert piece and piece == piece.strip(), sentence
        assert sentence.start >= previous_end, "sentences overlap or go backwards"
        paragraph = paragraphs[sentence.paragraph]
        assert paragraph.start <= sentence.start < sentence.end <= paragraph.end
        assert paragraph.duplicate_of is None
        previous_end = sentence.end
    for paragraph in document.paragraphs:
        assert document.text[paragraph.start : paragraph.end].strip()


# --- Dates ------------------------------------------------------------------------------------------


@fuzz(200)
@given(text=TEXTS, lang=st.sampled_from(["vi", "en"]))
@with_examples(lang="vi")
def test_fuzz_dates_spans_are_exact_and_dates_well_formed(text, lang):
    with time_budget(5):
        mentions = find_dates(text, lang=lang)
        parse_date(text, lang=lang)
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
        for value in (mention.date_start, mention.date_end):
            assert value is None or ISO_DATE.match(value), mention
        if mention.date_start and mention.date_end:
            assert mention.date_end[: len(mention.date_start)] >= mention.date_start[: len(mention.date_end)]


# --- The whole extraction ---------------------------------------------------------------------------


def spans(records: dict) -> Iterator[tuple[str, str, object]]:
    """(what, doc_id, span) for every span of every record."""
    for document in records["documents"]:
        for paragraph in document.duplicate_paragraphs:
            yield "duplicate paragraph", document.doc_id, paragraph
    for table in ("sentences", "entities", "commitments"):
        for record in records[table]:
            yield table, record.doc_id, record
    for meeting in records["meetings"]:
        for mention in meeting.mentions:
            yield "meeting mention", mention.doc_id, mention
        for evidence in meeting.attribute_evidence:
            yield f"meeting {evidence.field} evidence", evidence.doc_id, evidence
    for instrument in records["instruments"]:
        for mention in instrument.mentions:
            yield "instrument mention", mention.doc_id, mention


def check_records(records: dict) -> None:
    texts = {document.doc_id: document.text for document in records["documents"]}
    assert len(texts) == 1
    for what, doc_id, span in spans(records):
        assert texts[doc_id][span.start : span.end] == span.text, (what, span)
    sentence_ids = {sentence.sentence_id for sentence in records["sentences"]}
    for meeting in records["meetings"]:
        assert {mention.sentence_id for mention in meeting.mentions} <= sentence_ids
    for commitment in records["commitments"]:
        assert commitment.sentence_id in sentence_ids
    for row in records["areas"]:
        assert set(row.evidence) <= sentence_ids
    assert records["rejects"] == [], [(r.table, r.reason) for r in records["rejects"]]


@pytest.fixture(scope="module", autouse=True)
def _pipeline_built_once():
    get_nlp()  # building the pipeline is not part of any example's time budget


@fuzz(80)
@given(text=TEXTS, lang=LANGS)
@with_examples(lang=None)
def test_fuzz_extract_never_crashes_and_every_span_is_exact(text, lang):
    with time_budget(20):
        records = extract(text, lang=lang)
    check_records(records)


def doc_spans(doc) -> Iterator[tuple[str, object]]:
    """(what, span) for every span the pipeline puts on a spaCy Doc."""
    yield from (("entity", e) for sentence in doc._.entities for e in sentence)
    for name in ("meetings", "commitments", "instruments"):
        for item in getattr(doc._, name):
            yield name, item
            yield from ((f"{name} evidence", e) for e in getattr(item, "evidence", ()))
            if getattr(item, "date", None) is not None:
                yield f"{name} date", item.date


@fuzz(40)
@given(text=st.one_of(ADVERSARIAL, bulletins()))
@with_examples()
def test_fuzz_spacy_doc_keeps_the_text_and_its_spans(text):
    """`nlp(text)` works on the text as given (not normalised): offsets are into exactly that text."""
    with time_budget(20):
        doc = get_nlp()(text)
    assert doc.text == text
    for span in doc.spans["entities"]:
        assert text[span.start_char : span.end_char] == span.text
    for what, span in doc_spans(doc):
        assert text[span.start : span.end] == span.text, (what, span)
    for sentence in doc._.sentence_spans:
        assert text[sentence.start : sentence.end].strip() == text[sentence.start : sentence.end] != ""


# --- Found by fuzzing -------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["Hội nghị \ud800 lần thứ 17", "\udcff", "a\udfffb\n\nc"])
def test_fuzz_lone_surrogates_do_not_crash(text):
    """A str from a JSON "\\ud800" escape or a surrogateescape decode holds lone surrogates: they are
    replaced (U+FFFD), not passed on to crash the hashing and the writers."""
    records = extract(text)
    assert "\ufffd" in records["documents"][0].text
    check_records(records)


def test_fuzz_windows_line_ends_separate_paragraphs_in_the_spacy_doc():
    """Text given to `nlp(text)` as is: a blank line written "\r\n\r\n" still ends the title."""
    text = "Tiêu đề\r\n\r\nHội nghị Bộ trưởng Môi trường ASEAN lần thứ 17 diễn ra tại Viên Chăn, Lào.\r\n"
    doc = get_nlp()(text)
    assert [text[s.start : s.end] for s in doc._.sentence_spans] == [
        "Tiêu đề", "Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17 diễn ra tại Viên Chăn, Lào."
    ]
