"""Tests of pipeline/analyse/doc_builder.py: one spaCy Doc per document that reproduces its text exactly."""

from __future__ import annotations

import pytest

from pipeline.analyse.doc_builder import build_doc
from pipeline.analyse.segment import segment
from pipeline.ingest.document import build_document

MEETING_VI = "Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17 đã diễn ra tại Viên Chăn, Lào."
TEXTS = {
    "vi": f"Tiêu đề bản tin\n\n{MEETING_VI} Các Bộ trưởng nhất trí tăng cường hợp tác.",
    "en": "Ministers meet\n\nThe ministers met in Vientiane. They agreed to strengthen cooperation.",
    "mixed": f"Tiêu đề bản tin\n\n{MEETING_VI}\n\nThe ministers agreed to strengthen cooperation.",
    "blank-lines": f"Tiêu đề\n\n\n\n{MEETING_VI}\n\n\n\n\nĐoạn hai.\n",
    "repeated": f"Tiêu đề\n\n{MEETING_VI}\n\nĐoạn giữa.\n\n{MEETING_VI}",
    "emoji": "Tiêu đề 🌏\n\nViệt Nam 🇻🇳 cam kết phát thải ròng bằng “0” vào năm 2050 😀.",
    "quotes": 'Tiêu đề\n\nÔng A nói: “Việt Nam cam kết đạt mức “0”.” Sau đó "ASEAN" nhất trí.',
    "tabs": "Tiêu đề\t\tphụ\n\n\tViệt Nam\tcam kết  \t giảm phát thải.\n\n  Đoạn   hai  .  ",
    "no-break-space": "Tiêu đề\u00a0phụ\n\nViệt\u00a0Nam cam kết\u2009giảm phát thải.",
    "crlf": "Tiêu đề\r\n\r\nViệt Nam cam kết giảm phát thải.\r\n",
    "one-line": "Việt Nam cam kết giảm phát thải.",
}


def doc_for(vocab, text: str, normalize: bool):
    document = build_document(text, "t.txt", normalize=normalize)
    sentences = segment(document)
    return document, sentences, build_doc(vocab, document, sentences)


@pytest.mark.parametrize("text", TEXTS.values(), ids=TEXTS.keys())
def test_doc_builder_text_equals_raw_text(nlp, text):
    _, _, doc = doc_for(nlp.vocab, text, normalize=False)
    assert doc.text == text


@pytest.mark.parametrize("text", TEXTS.values(), ids=TEXTS.keys())
def test_doc_builder_text_equals_normalised_document_text(nlp, text):
    document, _, doc = doc_for(nlp.vocab, text, normalize=True)
    assert doc.text == document.text


@pytest.mark.parametrize("text", TEXTS.values(), ids=TEXTS.keys())
def test_doc_builder_nlp_call_keeps_the_text(nlp, text):
    assert nlp(text).text == text


@pytest.mark.parametrize("text", TEXTS.values(), ids=TEXTS.keys())
def test_doc_builder_sentence_starts_match_the_segmenter(nlp, text):
    document, sentences, doc = doc_for(nlp.vocab, text, normalize=True)
    starts = [token.idx for token in doc if token.is_sent_start]
    assert starts == [s.start for s in sentences]


def test_doc_builder_leading_whitespace_is_its_own_first_token(nlp):
    # spaCy makes token 0 a sentence start; the segmenter's first sentence starts after the blank.
    text = "\n\n  Tiêu đề\n\nĐoạn một."
    document, sentences, doc = doc_for(nlp.vocab, text, normalize=False)
    assert doc[0].is_space and doc.text == text
    assert [t.idx for t in doc if t.is_sent_start][1:] == [s.start for s in sentences]


def test_doc_builder_repeated_paragraph_is_tokenised_but_untagged(nlp):
    document, _, doc = doc_for(nlp.vocab, TEXTS["repeated"], normalize=True)
    repeat = document.paragraphs[3]
    tokens = [t for t in doc if repeat.start <= t.idx < repeat.end and not t.is_space]
    assert tokens and all(t.tag_ == "_" for t in tokens)
    assert not any(t.is_sent_start for t in tokens)


def test_doc_builder_vietnamese_tokens_have_pos_tags(nlp):
    _, _, doc = doc_for(nlp.vocab, TEXTS["vi"], normalize=True)
    words = [t for t in doc if t.is_alpha]
    assert words and all(t.tag_ not in ("", "_") for t in words)


def test_doc_builder_vietnamese_words_are_multi_syllable_tokens(nlp):
    _, _, doc = doc_for(nlp.vocab, TEXTS["vi"], normalize=True)
    assert {"Hội nghị", "Bộ trưởng", "Môi trường"} <= {t.text for t in doc}


def test_doc_builder_english_tokens_come_from_spacy(nlp):
    _, _, doc = doc_for(nlp.vocab, TEXTS["en"], normalize=True)
    assert [t.text for t in doc][-6:] == ["They", "agreed", "to", "strengthen", "cooperation", "."]


def test_doc_builder_ner_spans_lie_inside_sentences(nlp):
    document, sentences, doc = doc_for(nlp.vocab, TEXTS["vi"], normalize=True)
    assert doc.ents
    for ent in doc.ents:
        assert any(s.start <= ent.start_char and ent.end_char <= s.end for s in sentences)
