"""Tests of pipeline/ingest/document.py: paragraphs, repeated paragraphs, title,
language per paragraph and document ids."""

from __future__ import annotations

import unicodedata

import pytest

from pipeline.ingest.document import build_document, find_title, split_paragraphs

MEETING_VI = "Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17 đã diễn ra tại Viên Chăn, CHDCND Lào."
MEETING_EN = "The 17th ASEAN Ministerial Meeting on the Environment was held in Vientiane, Lao PDR."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a", [(0, 1)]),
        ("a\n\nb", [(0, 1), (3, 4)]),
        ("  a\n\n\n  b  \n \t\nc", [(2, 3), (8, 9), (15, 16)]),  # blank lines may hold spaces and tabs
        ("line one\nline two\n\nnext", [(0, 17), (19, 23)]),  # one line break does not end a paragraph
        ("\n\n", []),
        ("", []),
    ],
)
def test_document_split_paragraphs_offsets(text, expected):
    assert split_paragraphs(text) == expected


def test_document_paragraphs_are_stripped_slices_of_the_text():
    document = build_document(f"Tiêu đề\n\n  {MEETING_VI}  \n\n\n\nĐoạn cuối.\n", "t.txt")
    pieces = [document.text[p.start : p.end] for p in document.paragraphs]
    assert pieces == ["Tiêu đề", MEETING_VI, "Đoạn cuối."]
    assert [p.index for p in document.paragraphs] == [0, 1, 2]


def test_document_repeated_paragraph_marked_as_duplicate_of_the_first():
    document = build_document(f"Tiêu đề\n\n{MEETING_VI}\n\nĐoạn giữa.\n\n{MEETING_VI}", "t.txt")
    assert [p.duplicate_of for p in document.paragraphs] == [None, None, None, 1]
    repeat = document.paragraphs[3]
    assert document.text[repeat.start : repeat.end] == MEETING_VI  # kept in the text: offsets do not move


def test_document_repeat_differing_in_spacing_and_case_is_a_duplicate():
    variant = MEETING_VI.upper().replace(" ", "  ", 3)
    document = build_document(f"Tiêu đề\n\n{MEETING_VI}\n\n{variant}", "t.txt")
    assert document.paragraphs[2].duplicate_of == 1


def test_document_short_repeated_line_is_not_a_duplicate():
    # Short lines ("Ảnh minh họa") repeat legitimately; only paragraphs of some length are dropped.
    document = build_document("Tiêu đề\n\nẢnh minh họa\n\nĐoạn giữa.\n\nẢnh minh họa", "t.txt")
    assert all(p.duplicate_of is None for p in document.paragraphs)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Hội nghị AMME lần thứ 17\n\nNội dung.", "Hội nghị AMME lần thứ 17"),
        ("# Hội nghị AMME lần thứ 17\n\nNội dung.", "Hội nghị AMME lần thứ 17"),
        ("## ASEAN Summit\n\nBody.", "ASEAN Summit"),
        ("\n\n   Tiêu đề có khoảng trắng  \n\nNội dung.", "Tiêu đề có khoảng trắng"),
        ("Dòng một\nDòng hai\n\nNội dung.", "Dòng một"),
    ],
)
def test_document_title_is_the_first_line(text, title):
    assert build_document(text, "t.txt").title == title


def test_document_find_title_of_empty_text_is_empty():
    assert find_title("\n \n") == ""


@pytest.mark.parametrize(
    ("text", "document_lang", "paragraph_langs"),
    [
        (f"Tiêu đề bản tin\n\n{MEETING_VI}", "vi", ["vi", "vi"]),
        (f"Bulletin title\n\n{MEETING_EN}", "en", ["en", "en"]),
        (f"Tiêu đề bản tin\n\n{MEETING_VI}\n\n{MEETING_EN}", "vi", ["vi", "vi", "en"]),
    ],
    ids=["vi", "en", "mixed-vi"],
)
def test_document_language_per_paragraph(text, document_lang, paragraph_langs):
    document = build_document(text, "t.txt")
    assert document.lang == document_lang
    assert [p.lang for p in document.paragraphs] == paragraph_langs


MOSTLY_ENGLISH = f"Ministers meet in Vientiane\n\n{MEETING_EN}\n\n{MEETING_VI}\n\n{MEETING_EN.replace('17th', '18th')}"


def test_document_language_of_paragraphs_in_a_mostly_english_document():
    assert [p.lang for p in build_document(MOSTLY_ENGLISH, "t.txt").paragraphs] == ["en", "en", "vi", "en"]


def test_document_language_is_that_of_most_of_its_text():
    assert build_document(MOSTLY_ENGLISH, "t.txt").lang == "en"


def test_document_language_given_by_caller_wins():
    assert build_document(f"Title\n\n{MEETING_VI}", "t.txt", lang="en").lang == "en"


def test_document_id_stable_for_the_same_text():
    text = f"Tiêu đề\n\n{MEETING_VI}"
    first, second = build_document(text, "a.txt"), build_document(text, "elsewhere/b.txt")
    assert first.doc_id == second.doc_id
    assert first.sha256 == second.sha256


def test_document_id_differs_for_a_different_text():
    assert (
        build_document(f"Tiêu đề\n\n{MEETING_VI}", "a.txt").doc_id
        != build_document(f"Tiêu đề\n\n{MEETING_VI.replace('17', '18')}", "a.txt").doc_id
    )


def test_document_id_same_for_nfc_and_nfd_spellings_of_a_text():
    text = f"Tiêu đề\n\n{MEETING_VI}"
    decomposed = unicodedata.normalize("NFD", text)
    assert decomposed != text
    assert build_document(decomposed, "a.txt").doc_id == build_document(text, "a.txt").doc_id


def test_document_id_form():
    document = build_document("Tiêu đề\n\nNội dung.", "a.txt")
    assert document.doc_id == f"doc-{document.sha256[:12]}"
