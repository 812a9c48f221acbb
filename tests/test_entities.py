"""Tests of pipeline/recognise/entities.py and matcher.py: gazetteer names, word boundaries, ordinals and the
NER fallback."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.recognise.entities import ordinal_value, relative_days
from pipeline.recognise.matcher import find, find_all
from pipeline.rules.loader import default_rules
from pipeline.rules.models import PatternRule


def names(process, sentence: str) -> list[tuple[str, str, str | None]]:
    """(text, label, canonical id) of every gazetteer entity the pipeline recognises in one sentence."""
    doc = process(f"Tiêu đề bản tin\n\n{sentence}" if not sentence.isascii() else f"News of the week\n\n{sentence}")
    return [(e.text, e.label, e.canonical_id) for found in doc._.entities for e in found if e.source == "gazetteer"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Hội nghị diễn ra tại Viên Chăn, CHDCND Lào.",
            [("Viên Chăn", "CITY", "LA-VTE"), ("CHDCND Lào", "COUNTRY", "LA")],
        ),
        ("Hội nghị diễn ra tại Viêng Chăn.", [("Viêng Chăn", "CITY", "LA-VTE")]),
        ("The meeting was held in Vientiane.", [("Vientiane", "CITY", "LA-VTE")]),
        ("Hội nghị diễn ra tại Xinh-ga-po.", [("Xinh-ga-po", "CITY", "SG-SIN")]),
        ("Đoàn công tác đến Hàn Quốc.", [("Hàn Quốc", "COUNTRY", "KR")]),
        ("The delegation visited the Republic of Korea.", [("Republic of Korea", "COUNTRY", "KR")]),
        ("Hội thảo diễn ra tại Hạ Long.", [("Hạ Long", "CITY", "VN-HLG")]),
        ("The workshop was held in Ha Long.", [("Ha Long", "CITY", "VN-HLG")]),
        ("Việt Nam dự Hội nghị AMME.", [("Việt Nam", "COUNTRY", "VN"), ("AMME", "BODY", "AMME")]),
        ("Các nước ASEAN+3 đã họp.", [("Các nước ASEAN+3", "GROUPING", "ASEAN+3")]),
        ("Ministers of ASEAN+3 met.", [("ASEAN+3", "GROUPING", "ASEAN+3")]),
        ("Ministers of ASEAN Plus Three met.", [("ASEAN Plus Three", "GROUPING", "ASEAN+3")]),
        ("Ban Thư ký ASEAN đã báo cáo.", [("Ban Thư ký ASEAN", "ORG", "ASEC")]),
    ],
)
def test_entities_gazetteer_hits(process, sentence, expected):
    assert names(process, sentence) == expected


@pytest.mark.parametrize("form", ["Hạ Long", "Ha Long", "Halong", "HẠ LONG"])
def test_entities_city_spellings_share_one_id(process, form):
    assert names(process, f"Hội thảo diễn ra tại {form}.") == [(form, "CITY", "VN-HLG")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Đại diện AMME phát biểu.", [("AMME", "BODY", "AMME")]),
        ("Đại diện amme phát biểu.", []),
        ("Đại diện Amme phát biểu.", []),
        ("The EU delegation spoke.", [("EU", "GROUPING", "EU")]),
        ("The eu delegation spoke.", []),
    ],
)
def test_entities_acronyms_match_in_their_own_case_only(process, sentence, expected):
    assert names(process, sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "longest"),
    [
        ("Các nước ASEAN+3 đã họp.", "Các nước ASEAN+3"),  # not "các nước ASEAN" (AMS) nor "ASEAN"
        (
            "Hội nghị Bộ trưởng Môi trường ASEAN+3 đã họp.",
            "Hội nghị Bộ trưởng Môi trường ASEAN+3",
        ),  # not AMME
        ("Ministers of ASEAN Plus Three met.", "ASEAN Plus Three"),
        ("Ban Thư ký ASEAN đã báo cáo.", "Ban Thư ký ASEAN"),
    ],
)
def test_entities_longest_match_wins(process, sentence, longest):
    found = names(process, sentence)
    assert [text for text, _, _ in found] == [longest]


def test_entities_asean_plus_three_is_not_asean(process):
    assert [cid for _, _, cid in names(process, "Hội nghị ASEAN+3 đã họp.")] == ["ASEAN+3"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Các nhà đầu tư ASEANO đã đến.",
        "Overseas development assistance grew.",
        "The ASEANs met.",
        "Họ dùng mãAMME.",
    ],
)
def test_entities_no_match_inside_a_longer_word(process, sentence):
    assert not any(cid in ("ASEAN", "AMME") for _, _, cid in names(process, sentence))


def _rule(pattern: str, ignore_case: bool = True) -> PatternRule:
    return PatternRule(id="test.rule", note="a test rule", lang="en", pattern=pattern, ignore_case=ignore_case)


@pytest.mark.parametrize(
    ("pattern", "text", "expected"),
    [
        ("seas?", "overseas development assistance", []),
        ("seas?", "the seas around ASEAN", ["seas"]),
        ("ASEAN", "ASEANO and ASEAN", ["ASEAN"]),
        ("ASEAN", "ASEAN's partners", ["ASEAN"]),
        ("ASEAN\\+3", "ASEAN+3 ministers", ["ASEAN+3"]),
        ("COP", "COP28", []),  # a digit is part of the word too
        (";", "a;b", [";"]),  # punctuation needs no boundary
        ("biển", "biểnđảo và biển", ["biển"]),
    ],
)
def test_entities_matcher_matches_whole_words_only(pattern, text, expected):
    assert [m.text for m in find(_rule(pattern), text)] == expected


def test_entities_matcher_longest_then_earliest_rule_wins():
    short, long_ = _rule("ASEAN"), _rule("ASEAN Plus Three")
    found = find_all([short, long_], "The ASEAN Plus Three ministers and ASEAN")
    assert [(m.text, m.rule is long_) for m in found] == [("ASEAN Plus Three", True), ("ASEAN", False)]


@pytest.mark.parametrize(
    ("lang", "word", "value"),
    [
        ("en", "17", 17),
        ("en", " 28 ", 28),
        ("vi", "nhất", 1),
        ("vi", "17", 17),
        ("vi", "first", None),  # a language reads its own words
        ("en", "nhất", None),
        ("vi", "tư", 4),
        ("vi", "bốn", 4),
        ("vi", "mười", 10),
        ("en", "first", 1),
        ("en", "Seventeenth", 17),
        ("en", "Twentieth", 20),
        ("en", "Twenty-Eighth", 28),
        ("en", "twenty eighth", 28),
        ("en", "thirty-first", 31),
        ("vi", "XVII", 17),  # Roman numerals: the letters' values are vi/extraction.yaml's roman_numerals
        ("vi", "xxviii", 28),
        ("vi", "IV", 4),
        ("vi", "XL", 40),
        ("en", "XVII", None),  # no English rule writes an edition in Roman numerals
        ("en", "abc", None),
        ("en", "", None),
        ("en", "twenty", None),
        ("vi", "XC", None),  # 90 and over is not read as an edition
    ],
)
def test_entities_ordinal_value(lang, word, value):
    assert ordinal_value(word, default_rules().languages[lang]) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sáng nay, Hội nghị khai mạc.", ["Sáng nay"]),
        ("The ministers met today and tonight.", ["today", "tonight"]),
        ("Ngày nay, todays.", []),
        ("Hôm qua, Hội nghị khai mạc.", ["Hôm qua"]),  # the day before publication
        ("The Ministers met on Wednesday.", ["on Wednesday"]),
    ],
)
def test_entities_relative_days_from_the_rules(text, expected):
    found = relative_days(default_rules(), text, 0, len(text), dt.date(2023, 8, 24))
    assert [mention.text for mention in found] == expected


@pytest.mark.parametrize(
    ("sentence", "value", "surface"),
    [
        ("Hội nghị lần thứ 17 đã họp.", 17, "lần thứ 17"),
        ("Hội nghị lần thứ nhất đã họp.", 1, "lần thứ nhất"),
        ("Hội nghị lần thứ XVII đã họp.", 17, "lần thứ XVII"),
    ],
)
def test_entities_ordinal_mentions(process, sentence, value, surface):
    doc = process(f"Tiêu đề bản tin\n\n{sentence}")
    ordinals = [(e.text, e.value) for found in doc._.entities for e in found if e.label == "ORDINAL"]
    assert ordinals == [(surface, value)]


def test_entities_weekday_is_not_an_ordinal(process):
    doc = process("Tiêu đề bản tin\n\nHội nghị khai mạc thứ 3 (12/9/2023) tại Hà Nội.")
    assert not [e for found in doc._.entities for e in found if e.label == "ORDINAL"]


def test_entities_date_is_normalised(process):
    doc = process("Tiêu đề bản tin\n\nHội nghị diễn ra ngày 22/8/2023 tại Viên Chăn.")
    dates = [e for found in doc._.entities for e in found if e.label == "DATE"]
    assert [(d.text, d.date.date_start) for d in dates] == [("ngày 22/8/2023", "2023-08-22")]


NER_SENTENCES = [
    "Bộ trưởng dự Hội nghị tại Viên Chăn, Lào cùng đại diện Bộ Tài nguyên và Môi trường.",
    "Đoàn công tác tỉnh Quảng Ninh làm việc với Ngân hàng Thế giới tại Hà Nội.",
    "Ông Nguyễn Văn A gặp đại diện Nhật Bản tại Tokyo.",
    "Các Bộ trưởng ASEAN Plus Three đã họp tại Thủ đô Viêng Chăn.",
]


@pytest.mark.parametrize("sentence", NER_SENTENCES)
def test_entities_ner_fallback_never_overlaps_a_gazetteer_name(process, sentence):
    doc = process(f"Tiêu đề bản tin\n\n{sentence}")
    entities = [e for found in doc._.entities for e in found]
    fallback = [e for e in entities if e.source == "ner"]
    known = [e for e in entities if e.source != "ner"]
    assert not [(f.text, k.text) for f in fallback for k in known if f.start < k.end and k.start < f.end]


def test_entities_ner_fallback_fills_a_name_the_gazetteers_lack(process):
    doc = process(f"Tiêu đề bản tin\n\n{NER_SENTENCES[2]}")
    fallback = [(e.text, e.label) for found in doc._.entities for e in found if e.source == "ner"]
    assert fallback == [("Nguyễn Văn A", "PERSON")]


def test_entities_ner_span_on_a_gazetteer_name_is_dropped(process):
    doc = process(f"Tiêu đề bản tin\n\n{NER_SENTENCES[0]}")
    assert any(ent.text == "Viên Chăn" for ent in doc.ents)  # underthesea tags it...
    entities = [(e.text, e.source) for found in doc._.entities for e in found if e.text == "Viên Chăn"]
    assert entities == [("Viên Chăn", "gazetteer")]  # ...but only the gazetteer's entity is kept


def test_entities_lao_cai_is_a_city_not_laos(process):
    # Bare "Lào" (Laos) must not match inside the Vietnamese province "Lào Cai".
    assert names(process, "Hội nghị diễn ra tại tỉnh Lào Cai.") == [("Lào Cai", "CITY", "VN-LAOCAI")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hội nghị đã bế mạc hôm qua tại Viêng Chăn.", "2023-08-23"),
        ("The ministers met yesterday in Jakarta.", "2023-08-23"),
        ("Hội nghị khai mạc sáng nay.", "2023-08-24"),
        ("The ministers met on Tuesday.", "2023-08-22"),
        ("Hội nghị đi qua nhiều nội dung.", None),
        ("Hội nghị khai mạc vào chiều thứ Năm.", "2023-08-24"),
        ("Hội nghị khai mạc sáng ngày thứ Hai.", "2023-08-21"),
        ("Hội nghị khai mạc vào thứ 5.", None),  # a weekday in numerals is read only before a date
        ("Hội nghị khai mạc vào thứ năm.", None),  # "thứ năm" in lower case is also "fifth"
        ("Hội nghị khai mạc vào thứ Năm (24/8).", None),  # a date follows: the date tiers read it
    ],
    ids=["vi-hom-qua", "en-yesterday", "vi-sang-nay", "en-weekday", "qua-alone", "vi-weekday", "vi-weekday-ngay",
         "vi-weekday-numeral", "vi-weekday-lower-case", "vi-weekday-before-a-date"],
)
def test_relative_days_from_the_publication_day(text, expected):
    found = relative_days(default_rules(), text, 0, len(text), dt.date(2023, 8, 24))
    assert (found[0].date.date_start if found and found[0].date else None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("COP20 sẽ diễn ra tại Kuala Lumpur vào năm tới.", "2024"),
        ("The 20th COP will be held in Kuala Lumpur next year.", "2024"),
        ("COP28 diễn ra hồi năm ngoái tại Dubai.", "2022"),
        ("Trong 5 năm tới, ASEAN sẽ giảm rác thải nhựa.", None),
        ("hơn hai năm sau khi Anh trở thành đối tác", None),
        ("Trong nhiều năm tới, ASEAN sẽ giảm rác thải nhựa.", None),
        ("ASEAN đã đạt mục tiêu trong năm nay.", "2023"),
    ],
    ids=["vi-nam-toi", "en-next-year", "vi-nam-ngoai", "count-of-years", "years-after", "many-years", "vi-nam-nay"],
)
def test_relative_years_from_the_publication_day(text, expected):
    found = [e for e in relative_days(default_rules(), text, 0, len(text), dt.date(2023, 8, 24))
             if e.rule_id == "date.relative_year"]
    assert (found[0].date.date_start if found and found[0].date else None) == expected


def test_entities_a_currency_is_not_its_country(process):
    """"US$ 15 million" is an amount, not the United States (a real MRC release made its members' contribution a
    US pledge); "the US" is still the country."""
    found = names(process, "About US$ 15 million will come from the members, and the US will add USD 3 million.")
    assert [(text, label) for text, label, _ in found] == [("US", "COUNTRY")]
