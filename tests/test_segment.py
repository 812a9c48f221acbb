"""Tests of pipeline/analyse/segment.py: paragraphs first, then sentences, then enumeration items; exact offsets."""

from __future__ import annotations

import pytest

from pipeline.analyse.segment import segment
from pipeline.ingest.document import build_document

TITLE = "Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17"
BODY = "Hội nghị đã diễn ra tại Viên Chăn, Lào. Các Bộ trưởng nhất trí tăng cường hợp tác."
REPEATED = "Đoạn văn này đủ dài để được coi là một đoạn lặp lại trong bản tin."


def sentences(text: str) -> list[str]:
    document = build_document(text, "t.txt")
    return [document.text[s.start : s.end] for s in segment(document)]


def test_segment_title_is_a_heading_sentence():
    document = build_document(f"{TITLE}\n\n{BODY}", "t.txt")
    first = segment(document)[0]
    assert document.text[first.start : first.end] == TITLE
    assert first.heading and first.paragraph == 0


def test_segment_body_sentences_are_not_headings():
    document = build_document(f"{TITLE}\n\n{BODY}", "t.txt")
    assert [s.heading for s in segment(document)] == [True, False, False]


def test_segment_title_is_not_merged_with_the_next_paragraph():
    # underthesea's sent_tokenize alone returns the title and the first sentence as one sentence.
    assert sentences(f"{TITLE}\n\n{BODY}") == [
        TITLE,
        "Hội nghị đã diễn ra tại Viên Chăn, Lào.",
        "Các Bộ trưởng nhất trí tăng cường hợp tác.",
    ]


def test_segment_title_line_without_blank_line_is_its_own_sentence():
    assert sentences(f"{TITLE}\n{BODY}")[0] == TITLE


def test_segment_heading_line_inside_a_paragraph_is_its_own_heading_sentence():
    """A page's headline or subheading on the line above a sentence, with no closing punctuation, is a heading
    of its own, not the start of the sentence below it (real pages: tag pages, subheadings)."""
    text = (f"{TITLE}\n\nCác nước đề xuất lộ trình giảm nhựa\nTại hội thảo, các nước đề xuất giảm nhựa theo lộ "
            "trình.\nÝ kiến chuyên gia\n- Mục một của danh sách")
    document = build_document(text, "t.txt")
    found = [(document.text[s.start : s.end], s.heading) for s in segment(document)]
    assert found == [(TITLE, True), ("Các nước đề xuất lộ trình giảm nhựa", True),
                     ("Tại hội thảo, các nước đề xuất giảm nhựa theo lộ trình.", False), ("Ý kiến chuyên gia", True),
                     ("- Mục một của danh sách", False)]


def test_segment_a_line_wrapped_mid_sentence_is_no_heading():
    """A plain text wrapped at a fixed width breaks a sentence between two words: the line above one that opens
    in lower case goes on with the same sentence, so its commitment is read whole (it was cut into heading
    lines, and lost)."""
    wrapped = ("Tại Hội nghị, các Bộ trưởng nhất trí tăng cường hợp tác trong\n"
               "việc kiểm soát khói mù và cam kết xây dựng cơ chế chia sẻ\n"
               "dữ liệu điểm cháy trước năm 2026.\nViệt Nam sẽ tiếp tục đóng góp tích cực.")
    document = build_document(f"{TITLE}\n\n{wrapped}", "t.txt")
    found = [(document.text[s.start : s.end], s.heading) for s in segment(document)]
    assert found == [(TITLE, True), (wrapped[: wrapped.index("2026.") + 5], False),
                     ("Việt Nam sẽ tiếp tục đóng góp tích cực.", False)]


def test_segment_a_heading_line_is_still_one_above_a_capitalised_sentence():
    """The counter-example: a subheading above a sentence that opens in capitals stays a heading of its own."""
    text = f"{TITLE}\n\nHợp tác về khói mù\nCác Bộ trưởng nhất trí tăng cường hợp tác."
    document = build_document(text, "t.txt")
    assert [s.heading for s in segment(document)] == [True, True, False]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Tiêu đề\n\nPhương hướng năm 2024: (i) tăng cường hợp tác về biến đổi khí hậu; "
            "(ii) thúc đẩy kinh tế tuần hoàn; (iii) bảo vệ đa dạng sinh học.",
            [
                "Tiêu đề",
                "Phương hướng năm 2024:",
                "(i) tăng cường hợp tác về biến đổi khí hậu;",
                "(ii) thúc đẩy kinh tế tuần hoàn;",
                "(iii) bảo vệ đa dạng sinh học.",
            ],
        ),
        (
            "Tiêu đề\n\nCác nước nhất trí: (1) giảm phát thải; (2) tăng cường hợp tác.",
            ["Tiêu đề", "Các nước nhất trí:", "(1) giảm phát thải;", "(2) tăng cường hợp tác."],
        ),
        (
            "Tiêu đề\n\nCác nước nhất trí: (a) giảm phát thải; (b) tăng cường hợp tác.",
            ["Tiêu đề", "Các nước nhất trí:", "(a) giảm phát thải;", "(b) tăng cường hợp tác."],
        ),
    ],
    ids=["roman", "digits", "letters"],
)
def test_segment_enumeration_items_are_separate_sentences(text, expected):
    assert sentences(text) == expected


def test_segment_parenthesis_inside_running_text_is_not_an_item():
    text = "Tiêu đề\n\nViệt Nam (i) là thành viên tích cực của ASEAN."
    assert sentences(text) == ["Tiêu đề", "Việt Nam (i) là thành viên tích cực của ASEAN."]


def test_segment_last_item_after_va_is_a_separate_sentence():
    text = "Tiêu đề\n\nCác nước nhất trí: (i) giảm phát thải; (ii) tăng cường hợp tác; và (iii) bảo vệ rừng."
    assert sentences(text)[-1] == "(iii) bảo vệ rừng."


def test_segment_letter_items_without_opening_parenthesis_are_separate_sentences():
    text = "Tiêu đề\n\nCác nước nhất trí: a) giảm phát thải; b) tăng cường hợp tác."
    assert sentences(text) == [
        "Tiêu đề",
        "Các nước nhất trí:",
        "a) giảm phát thải;",
        "b) tăng cường hợp tác.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Tiêu đề\n\nCác nội dung chính:\n- tăng cường hợp tác\n- thúc đẩy kinh tế tuần hoàn",
            ["Tiêu đề", "Các nội dung chính:", "- tăng cường hợp tác", "- thúc đẩy kinh tế tuần hoàn"],
        ),
        ("Tiêu đề\n\n- a\n- b", ["Tiêu đề", "- a", "- b"]),
        ("Tiêu đề\n\n• bảo vệ rừng\n• giảm phát thải", ["Tiêu đề", "• bảo vệ rừng", "• giảm phát thải"]),
        (
            "Title\n\nNext steps:\n- strengthen cooperation\n- end plastic pollution",
            ["Title", "Next steps:", "- strengthen cooperation", "- end plastic pollution"],
        ),
    ],
    ids=["vi-dash", "short", "bullet", "en-dash"],
)
def test_segment_bullet_lines_are_separate_sentences(text, expected):
    assert sentences(text) == expected


def test_segment_numbered_lines_keep_their_number():
    assert sentences("Tiêu đề\n\n1. Mục một.\n2. Mục hai.") == ["Tiêu đề", "1. Mục một.", "2. Mục hai."]


def test_segment_closing_quote_stays_with_its_sentence():
    text = "Tiêu đề\n\nÔng A nói: “Chúng tôi sẽ hành động.” Sau đó ông rời đi."
    assert sentences(text)[1:] == ["Ông A nói: “Chúng tôi sẽ hành động.”", "Sau đó ông rời đi."]


AWKWARD_TEXTS = [
    f"{TITLE}\n\n{BODY}",
    f"  {TITLE}  \n\n\n\n  {BODY}  \n\n",
    "Tiêu đề 🌏\n\nViệt Nam 🇻🇳 cam kết… rồi!!! Hội nghị??? Kết thúc.",
    "Tiêu đề\n\nÔng A nói: “Chúng tôi cam kết đạt “0” vào năm 2050...” Sau đó, TP. HCM tổ chức hội nghị v.v.",
    "Tiêu đề\n\nXem https://monre.gov.vn/tin.html để biết thêm.",
    "Tiêu đề\n\n1. Mục một.\n2. Mục hai.\n\n* Sao một\n* Sao hai",
    "Tiêu đề\n\nCác nước nhất trí: (a) giảm phát thải; (b) tăng cường hợp tác; và (c) bảo vệ rừng.",
    'Title\n\nThe U.S. and the E.U. met (see p. 3). Mr. Smith said "We will act." Then they left!',
    f"Tiêu đề\n\n{REPEATED}\n\n{BODY}\n\n{REPEATED}",
    "Tiêu đề\tphụ\n\nViệt Nam\tcam kết  giảm phát thải.\r\n\r\nĐoạn\u00a0hai.",
]


@pytest.mark.parametrize("text", AWKWARD_TEXTS)
def test_segment_spans_are_trimmed_ordered_and_inside_their_paragraph(text):
    document = build_document(text, "t.txt")
    previous_end = 0
    for sentence in segment(document):
        piece = document.text[sentence.start : sentence.end]
        paragraph = document.paragraphs[sentence.paragraph]
        assert piece and piece == piece.strip()
        assert paragraph.start <= sentence.start < sentence.end <= paragraph.end
        assert sentence.start >= previous_end
        assert sentence.lang == paragraph.lang
        previous_end = sentence.end


@pytest.mark.parametrize("text", AWKWARD_TEXTS)
def test_segment_sentences_cover_every_character_of_their_paragraphs(text):
    document = build_document(text, "t.txt")
    covered = {i for s in segment(document) for i in range(s.start, s.end)}
    for paragraph in document.paragraphs:
        if paragraph.duplicate_of is None:
            lost = [
                i for i in range(paragraph.start, paragraph.end) if not document.text[i].isspace() and i not in covered
            ]
            assert not lost, document.text[lost[0] : lost[0] + 20]


def test_segment_indexes_count_from_zero_in_document_order():
    document = build_document(f"{TITLE}\n\n{BODY}\n\nĐoạn ba.", "t.txt")
    assert [s.index for s in segment(document)] == [0, 1, 2, 3]
    assert [s.paragraph for s in segment(document)] == [0, 1, 1, 2]


def test_segment_repeated_paragraph_gives_no_sentences():
    document = build_document(f"Tiêu đề\n\n{REPEATED}\n\n{BODY}\n\n{REPEATED}", "t.txt")
    repeat = document.paragraphs[3]
    assert repeat.duplicate_of == 1
    found = segment(document)
    assert not any(repeat.start <= s.start < repeat.end for s in found)
    assert sum(document.text[s.start : s.end] == REPEATED for s in found) == 1


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        # underthesea would cut after "E.U." and "Jan."; spaCy's sentencizer keeps abbreviations whole.
        (
            'The U.S. and the E.U. met (see p. 3). Mr. Smith said "We will act." Then they left!',
            ["The U.S. and the E.U. met (see p. 3).", 'Mr. Smith said "We will act."', "Then they left!"],
        ),
        (
            "It was held on Jan. 5 in Hanoi. Ministers agreed.",
            ["It was held on Jan. 5 in Hanoi.", "Ministers agreed."],
        ),
    ],
)
def test_segment_english_paragraph_split_by_english_sentencizer(paragraph, expected):
    document = build_document(f"Ministers meet in Vientiane\n\n{paragraph}", "t.txt")
    found = segment(document)[1:]
    assert [document.text[s.start : s.end] for s in found] == expected
    assert {s.lang for s in found} == {"en"}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("They discussed digital technology.At the event, ministers agreed to act.",
         ["They discussed digital technology.", "At the event, ministers agreed to act."]),
        ("Các nước cam kết phát triển văn hóa.Các nước cũng nhất trí hợp tác.",
         ["Các nước cam kết phát triển văn hóa.", "Các nước cũng nhất trí hợp tác."]),
        ("The U.S.Government will help, said the asean.org page.",
         ["The U.S.Government will help, said the asean.org page."]),
        ("Hội nghị diễn ra tại Tp.Hồ Chí Minh và TP.HCM.", ["Hội nghị diễn ra tại Tp.Hồ Chí Minh và TP.HCM."]),
    ],
    ids=["en", "vi", "abbreviations", "city abbreviations"],
)
def test_segment_a_stop_glued_to_the_next_sentence_ends_it(body, expected):
    """Pages flattened without spaces between paragraphs glue a sentence's stop to the next one's first word."""
    assert sentences(f"Tiêu đề\n\n{body}")[1:] == expected


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ('The Secretary-General told countries to stay alert. "There is no room for complacency," he said. "We '
         'have to remain vigilant."',
         ["The Secretary-General told countries to stay alert.", '"There is no room for complacency," he said.',
          '"We have to remain vigilant."']),
        ('The minister spoke first. “We will act now,” she said.',
         ["The minister spoke first.", "“We will act now,” she said."]),
    ],
    ids=["straight quotes", "curly quotes"],
)
def test_segment_a_quote_opening_the_next_sentence_starts_it(paragraph, expected):
    """spaCy leaves the next sentence's opening quote on the sentence before ('stay alert. "' | 'There is …'); the
    mark goes with its sentence, which the repair of glued stops must not join to the one before (EN-C-68)."""
    document = build_document(f"Ministers meet in Vientiane\n\n{paragraph}", "t.txt")
    assert [document.text[s.start : s.end] for s in segment(document)[1:]] == expected


def test_segment_a_short_quoted_paragraph_is_no_heading():
    """A paragraph that ends on a closing quote after its stop ('… like last year."') is a sentence, not a
    heading (headings are never commitments)."""
    document = build_document('Ministers meet in Vientiane\n\n"Indonesia has assured us that it will act."', "t.txt")
    assert [s.heading for s in segment(document)] == [True, False]
