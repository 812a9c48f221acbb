"""Tests of the temporal normaliser, pipeline/recognise/dates.py.

The tables say what each form reads as; the property tests say what must hold of any text: offsets exact,
ranges in order, and never a day, month or year that the text (or the anchor, when flagged) did not give.
"""

from __future__ import annotations

import datetime
import re
import shutil
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.recognise.dates import DateMention, DayBesideMonth, _gate_source, _grammar, find_dates, parse_date
from pipeline.rules.loader import default_rules, load_rules, rule_file_names, rules_root

ANCHOR = datetime.date(2023, 9, 1)

# (text, date_start, date_end, mod, year_from_anchor), all read with ANCHOR
VI_FORMS = [
    # day ranges, within a month and across months or years
    ("ngày 22-24 tháng 8 năm 2023", "2023-08-22", "2023-08-24", None, False),
    ("ngày 22 đến 24 tháng 8 năm 2023", "2023-08-22", "2023-08-24", None, False),
    ("22-24 tháng 8 năm 2023", "2023-08-22", "2023-08-24", None, False),
    ("từ ngày 3 - 5/10/2019", "2019-10-03", "2019-10-05", None, False),
    ("22-24/8/2023", "2023-08-22", "2023-08-24", None, False),
    ("từ 30/11 - 1/12/2023", "2023-11-30", "2023-12-01", None, False),
    ("ngày 29 và 30-10-2015", "2015-10-29", "2015-10-30", None, False),
    ("ngày 14 và 15/11/2023", "2023-11-14", "2023-11-15", None, False),
    ("từ ngày 30/11 đến ngày 12/12/2023", "2023-11-30", "2023-12-12", None, False),
    ("30/12 - 2/1/2024", "2023-12-30", "2024-01-02", None, False),
    ("22/8/2023 - 24/8/2023", "2023-08-22", "2023-08-24", None, False),
    ("ngày 22 - 24/8", "2023-08-22", "2023-08-24", None, True),
    ("(21 - 23/6)", "2023-06-21", "2023-06-23", None, True),
    # single days
    ("ngày 22/8/2023", "2023-08-22", "2023-08-22", None, False),
    ("ngày 22 tháng 8 năm 2023", "2023-08-22", "2023-08-22", None, False),
    ("22.8.2023", "2023-08-22", "2023-08-22", None, False),
    ("22/08/2023", "2023-08-22", "2023-08-22", None, False),
    ("2023-08-22", "2023-08-22", "2023-08-22", None, False),
    ("hôm 12/9/2024", "2024-09-12", "2024-09-12", None, False),
    ("ngày 12/9", "2023-09-12", "2023-09-12", None, True),
    ("ngày 12 tháng 9", "2023-09-12", "2023-09-12", None, True),
    ("sáng 22/8", "2023-08-22", "2023-08-22", None, True),
    ("thứ Ba (12/9)", "2023-09-12", "2023-09-12", None, True),
    ("thứ Ba, ngày 12/9/2023", "2023-09-12", "2023-09-12", None, False),
    ("Thứ 3 ngày 12/9", "2023-09-12", "2023-09-12", None, True),
    ("Chủ nhật, 10/9/2023", "2023-09-10", "2023-09-10", None, False),
    ("(23/6)", "2023-06-23", "2023-06-23", None, True),
    ("ngày 29/2/2024", "2024-02-29", "2024-02-29", None, False),
    # months
    ("tháng 8/2023", "2023-08", "2023-08", None, False),
    ("Tháng 8/2023", "2023-08", "2023-08", None, False),
    ("tháng 8 năm 2023", "2023-08", "2023-08", None, False),
    ("tháng Tám năm 2023", "2023-08", "2023-08", None, False),
    ("tháng Mười Hai năm 2023", "2023-12", "2023-12", None, False),
    ("tháng 8", "2023-08", "2023-08", None, True),
    ("cuối tháng 7 năm 2023", "2023-07", "2023-07", "END", False),
    ("trung tuần tháng 5/2022", "2022-05", "2022-05", "MID", False),
    ("thượng tuần tháng 3/2024", "2024-03", "2024-03", "START", False),
    ("hạ tuần tháng 10 năm 2023", "2023-10", "2023-10", "END", False),
    ("tháng 8 - 10/2023", "2023-08", "2023-10", None, False),
    ("từ tháng 11/2023 đến tháng 2/2024", "2023-11", "2024-02", None, False),
    # quarters
    ("quý III/2023", "2023-07", "2023-09", None, False),
    ("quý 3 năm 2023", "2023-07", "2023-09", None, False),
    ("quý IV", "2023-10", "2023-12", None, True),
    # years and year ranges
    ("năm 2023", "2023", "2023", None, False),
    ("Năm 2023", "2023", "2023", None, False),
    ("đầu năm 2024", "2024", "2024", "START", False),
    ("giữa năm 2025", "2025", "2025", "MID", False),
    ("cuối năm 2023", "2023", "2023", "END", False),
    ("vào năm 2030", "2030", "2030", None, False),
    ("đến năm 2030", "2030", "2030", None, False),
    ("2016 - 2025", "2016", "2025", None, False),
    ("giai đoạn 2021-2025", "2021", "2025", None, False),
    ("từ năm 2021 đến năm 2025", "2021", "2025", None, False),
]

EN_FORMS = [
    ("22-24 August 2023", "2023-08-22", "2023-08-24", None, False),
    ("22 to 24 August 2023", "2023-08-22", "2023-08-24", None, False),
    ("from 3 to 5 October 2019", "2019-10-03", "2019-10-05", None, False),
    ("August 22-24, 2023", "2023-08-22", "2023-08-24", None, False),
    ("3-5 Oct 2019", "2019-10-03", "2019-10-05", None, False),
    ("30 November - 2 December 2023", "2023-11-30", "2023-12-02", None, False),
    ("November 30 - December 2, 2023", "2023-11-30", "2023-12-02", None, False),
    ("on 12 September", "2023-09-12", "2023-09-12", None, True),
    ("Tuesday, 12 September 2023", "2023-09-12", "2023-09-12", None, False),
    ("12 September 2023", "2023-09-12", "2023-09-12", None, False),
    ("12th of September 2023", "2023-09-12", "2023-09-12", None, False),
    ("September 12, 2023", "2023-09-12", "2023-09-12", None, False),
    ("Sept. 12, 2023", "2023-09-12", "2023-09-12", None, False),
    ("24 AUGUST 2023", "2023-08-24", "2023-08-24", None, False),
    ("22/8/2023", "2023-08-22", "2023-08-22", None, False),
    ("September 2023", "2023-09", "2023-09", None, False),
    ("in late July 2023", "2023-07", "2023-07", "END", False),
    ("in May", "2023-05", "2023-05", None, True),
    ("August-October 2023", "2023-08", "2023-10", None, False),
    ("early 2024", "2024", "2024", "START", False),
    ("mid-2025", "2025", "2025", "MID", False),
    ("the end of 2023", "2023", "2023", "END", False),
    ("in 2025", "2025", "2025", None, False),
    ("by 2030", "2030", "2030", None, False),
    ("2021-2025", "2021", "2025", None, False),
    ("between 2021 and 2025", "2021", "2025", None, False),
    ("Q3 2023", "2023-07", "2023-09", None, False),
    ("third quarter of 2023", "2023-07", "2023-09", None, False),
]

ALL_FORMS = [("vi", *form) for form in VI_FORMS] + [("en", *form) for form in EN_FORMS]
FORM_IDS = [f"{lang}:{form[0]}" for lang, *form in ALL_FORMS]
CONTEXT = {  # text around a form that must neither add to nor take from the mention
    "vi": ("Theo Bộ TN&MT, 8 lĩnh vực được bàn ", " tại Viên Chăn, CHDCND Lào."),
    "en": ("The 17th AMME and COP28 were discussed ", " in Vientiane, Lao PDR."),
}


@pytest.mark.parametrize(("lang", "text", "start", "end", "mod", "from_anchor"), ALL_FORMS, ids=FORM_IDS)
def test_dates_form_table(lang, text, start, end, mod, from_anchor):
    mention = parse_date(text, lang, ANCHOR)
    assert mention is not None
    assert (mention.date_start, mention.date_end, mention.mod, mention.year_from_anchor) == (
        start, end, mod, from_anchor
    )  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "start", "end", "mod", "from_anchor"), ALL_FORMS, ids=FORM_IDS)
def test_dates_offsets_exact_in_context(lang, text, start, end, mod, from_anchor):
    before, after = CONTEXT[lang]
    sentence = before + text + after
    mentions = find_dates(sentence, lang, ANCHOR)
    assert len(mentions) == 1
    mention = mentions[0]
    assert sentence[mention.start : mention.end] == mention.text
    assert len(before) <= mention.start and mention.end <= len(before) + len(text)
    assert (mention.date_start, mention.date_end, mention.mod) == (start, end, mod)


@pytest.mark.parametrize(
    ("lang", "text", "surface"),
    [
        ("vi", "vào năm 2030", "năm 2030"),  # prepositions introduce a date, they are not part of it
        ("vi", "từ ngày 3 - 5/10/2019", "ngày 3 - 5/10/2019"),
        ("vi", "thứ Ba (12/9)", "thứ Ba (12/9)"),  # a weekday before a date belongs to it
        ("vi", "Thứ 3 ngày 12/9", "Thứ 3 ngày 12/9"),
        ("vi", "Hội nghị lần thứ 2 ngày 12/9", "ngày 12/9"),  # "lần thứ 2" is an ordinal, not Monday
        ("vi", "(TN&MT) - Ngày 22/8, Bộ trưởng", "Ngày 22/8"),
        ("vi", "Hà Nội, 25/8/2023 - Sáng nay", "25/8/2023"),
        ("vi", "Chiều nay (23/6), Cuộc họp", "23/6"),  # parentheses make "23/6" a date, and stay outside
        ("vi", "Hội nghị Cấp cao ASEAN lần thứ 34 tháng 6/2019", "tháng 6/2019"),  # not the 34th of June
        ("vi", "Hội nghị lần thứ 3 - 5/10/2019", "5/10/2019"),  # not the 3rd to 5th of October
        ("vi", "Hà Nội, 22 tháng 8 năm 2023", "tháng 8 năm 2023"),  # a single "22 tháng 8" needs "ngày"
        ("vi", "bên lề AMME 17 tháng 8/2023", "tháng 8/2023"),  # as a meeting number may stand there
        ("en", "in 2025", "2025"),
        ("en", "from 3 to 5 October 2019", "3 to 5 October 2019"),
        ("en", "held on Tuesday, 12 September 2023.", "Tuesday, 12 September 2023"),
        ("en", "VIENTIANE, 24 August 2023 – The", "24 August 2023"),
    ],
)
def test_dates_mention_surface(lang, text, surface):
    assert [m.text for m in find_dates(text, lang, ANCHOR)] == [surface]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("vi", "Hội nghị lần thứ\n3 - 5/10/2019 tại Hà Nội"),  # "thứ" ends the line before: no ordinal of the date
        ("vi", "Hội nghị lần thứ 3 - 5/10/2019\nngày 22 tháng 8 năm 2023\nthứ Ba (12/9)"),
        ("en", "the 3rd\nmeeting, 22-24 August 2023\nin 2025, by\n2030"),
    ],
)
def test_dates_of_a_text_are_the_dates_of_its_lines(lang, text):
    """Nothing a date reads (its spaces, the words that keep it from being one) reaches across a line break, so
    reading the text line by line gives the same dates (publication.find_context_year reads only some lines)."""
    whole = [(m.text, m.date_start, m.date_end) for m in find_dates(text, lang, ANCHOR)]
    by_line = [(m.text, m.date_start, m.date_end) for line in text.split("\n") for m in find_dates(line, lang, ANCHOR)]
    assert whole == by_line


NOT_DATES = [
    ("vi", "Năm nay hợp tác trong 8 lĩnh vực"),
    ("vi", "tỷ số 3-4 nghiêng về đội khách"),
    ("vi", "tập trung vào 02 nhóm nhiệm vụ"),
    ("vi", "Hội nghị Bộ trưởng AMME lần thứ 17"),
    ("vi", "Hội nghị lần thứ 28 các Bên (COP28)"),
    ("vi", "phiên đàm phán INC-5"),
    ("vi", "Hội nghị các quan chức cấp cao ASEAN+3"),
    ("vi", "giảm 30% lượng phát thải"),
    ("vi", "Tuyên bố 2019 về rác thải biển"),
    ("vi", "2023 là năm bản lề"),
    ("vi", "Nghị định 08/2022/NĐ-CP"),
    ("vi", "Thông tư số 02/2022/TT-BTNMT"),
    ("vi", "QCVN 40:2011/BTNMT"),
    ("vi", "tỷ lệ 1/2 số đại biểu"),
    ("vi", "tỷ số 12/9"),  # a day and month in digits with no day word and no year
    ("vi", "đạt 12.5 triệu tấn"),
    ("vi", "tháng 12 năm ngoái"),  # relative years are not read
    ("vi", "năm 1850"),  # outside 1900-2100
    ("vi", "12 September 2023"),  # English words are read with lang="en"
    ("en", "5 member states and 17 partners"),
    ("en", "the 17th AMME"),
    ("en", "COP28 in Dubai"),
    ("en", "may 2023 be greener"),  # lower-case "may" is a verb
    ("en", "Article 3-5 of the Agreement"),
    ("en", "cut emissions by 45%"),
    ("en", "the 2019 Declaration"),
    ("en", "năm 2023"),
]


@pytest.mark.parametrize(("lang", "text"), NOT_DATES, ids=[t for _, t in NOT_DATES])
def test_dates_counter_examples_yield_nothing(lang, text):
    assert find_dates(text, lang, ANCHOR) == []


IMPOSSIBLE = [
    ("vi", "31/2/2023"),
    ("vi", "29/2/2023"),
    ("vi", "31/4/2023"),
    ("vi", "ngày 32/1"),
    ("vi", "ngày 0/5/2023"),
    ("vi", "tháng 13/2023"),
    ("vi", "ngày 31 tháng 2 năm 2023"),  # and its "năm 2023" is not reported instead
    ("vi", "quý V/2023"),
    ("en", "30 February 2024"),
    ("en", "12/25/2023"),  # day first: there is no month 25
]


@pytest.mark.parametrize(("lang", "text"), IMPOSSIBLE, ids=[t for _, t in IMPOSSIBLE])
def test_dates_impossible_dates_are_not_dates(lang, text):
    assert find_dates(text, lang, ANCHOR) == []


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        ("ngày 24-22/8/2023", []),
        ("2025 - 2016", []),
        ("2008-2008", []),
        ("năm 2025 đến năm 2016", ["năm 2025", "năm 2016"]),
        ("Hà Nội, 25/8/2023 - Ngày 22/8/2023, Bộ", ["25/8/2023", "Ngày 22/8/2023"]),
        ("Hà Nội, 9/12/2021 - Ngày 9/12, Bộ", ["9/12/2021", "Ngày 9/12"]),  # a range gives its year last
    ],
)
def test_dates_out_of_order_pairs_are_no_range(text, surfaces):
    assert [m.text for m in find_dates(text, "vi", ANCHOR)] == surfaces


@pytest.mark.parametrize(
    ("lang", "text"),
    [("vi", "ngày 12/9"), ("vi", "thứ Ba (12/9)"), ("vi", "tháng 8"), ("vi", "quý IV"),
     ("vi", "cuối tháng 7"), ("en", "on 12 September"), ("en", "in late July")],
)  # fmt: skip
def test_dates_missing_year_without_anchor_gives_no_date(lang, text):
    mention = parse_date(text, lang)
    assert mention is not None
    assert (mention.date_start, mention.date_end, mention.year_from_anchor) == (None, None, False)


def test_dates_missing_year_keeps_the_modifier():
    assert parse_date("cuối tháng 7").mod == "END"


def test_dates_anchor_never_overrides_a_year_in_the_text():
    mention = parse_date("ngày 12/9/2022", anchor=ANCHOR)
    assert (mention.date_start, mention.year_from_anchor) == ("2022-09-12", False)


def test_dates_year_alone_stays_a_year_with_an_anchor():
    mention = parse_date("năm 2024", anchor=ANCHOR)
    assert (mention.date_start, mention.date_end) == ("2024", "2024")


def test_dates_leap_day_needs_a_leap_anchor():
    assert parse_date("ngày 29/2", anchor=datetime.date(2024, 5, 1)).date_start == "2024-02-29"
    mention = parse_date("ngày 29/2", anchor=datetime.date(2023, 5, 1))
    assert (mention.date_start, mention.year_from_anchor) == (None, False)


def test_dates_anchored_range_across_new_year_starts_the_year_before():
    mention = parse_date("ngày 30/12 - 2/1", anchor=datetime.date(2024, 1, 5))
    assert (mention.date_start, mention.date_end) == ("2023-12-30", "2024-01-02")


SEED = (
    "Năm 2023 hợp tác ASEAN về môi trường trong 8 lĩnh vực. Hội nghị Bộ trưởng AMME lần thứ 17 và các Hội "
    "nghị liên quan vào ngày 22-24 tháng 8 năm 2023 tại Viên Chăn, CHDCND Lào. Hội nghị đối thoại ASEAN - "
    "Hoa Kỳ tại Indonesia vào cuối tháng 7 năm 2023. Chấm dứt rác thải nhựa vào năm 2024; Tuyên bố đã được "
    "thông qua năm 2021; Phương hướng trọng tâm năm 2024 tập trung vào 02 nhóm nhiệm vụ (COP28, INC-5)."
)


def test_dates_seed_bulletin_left_to_right():
    found = [(m.text, m.date_start, m.date_end, m.mod) for m in find_dates(SEED)]
    assert found == [
        ("Năm 2023", "2023", "2023", None),
        ("ngày 22-24 tháng 8 năm 2023", "2023-08-22", "2023-08-24", None),
        ("cuối tháng 7 năm 2023", "2023-07", "2023-07", "END"),
        ("năm 2024", "2024", "2024", None),
        ("năm 2021", "2021", "2021", None),
        ("năm 2024", "2024", "2024", None),
    ]


def test_dates_longest_match_wins_over_its_parts():
    assert [m.text for m in find_dates("từ ngày 30/11 đến ngày 12/12/2023")] == [
        "ngày 30/11 đến ngày 12/12/2023"
    ]


@pytest.mark.parametrize(
    ("text", "start"),
    [("NGÀY 22/8/2023", "2023-08-22"), ("THÁNG 8 NĂM 2023", "2023-08"), ("QUÝ III/2023", "2023-07"),
     ("qúy III/2023", "2023-07"), ("Cuối Năm 2023", "2023")],
)  # fmt: skip
def test_dates_vietnamese_words_in_any_case(text, start):
    assert parse_date(text).date_start == start


def test_dates_decomposed_text_keeps_caller_offsets():
    text = unicodedata.normalize("NFD", "Hội nghị ngày 22 tháng 8 năm 2023 và quý III/2023")
    mentions = find_dates(text)
    assert [m.date_start for m in mentions] == ["2023-08-22", "2023-07"]
    assert all(text[m.start : m.end] == m.text for m in mentions)


def test_dates_numeric_forms_read_in_both_languages():
    assert parse_date("22/8/2023", "en").date_start == parse_date("22/8/2023", "vi").date_start


def test_dates_parse_date_refuses_text_around_the_date():
    assert parse_date("Hà Nội, 25/8/2023") is None
    assert parse_date("ngày 22/8/2023 và ngày 24/8/2023") is None
    assert parse_date("COP28") is None
    assert parse_date("") is None


def test_dates_parse_date_allows_prepositions_and_punctuation():
    assert parse_date("(vào năm 2030).").text == "năm 2030"


def _rules_with(tmp_path: Path, old: str, new: str):
    """The package's rules, with one edit of dates.yaml."""
    for name in rule_file_names():
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(str(rules_root().joinpath(*name.split("/"))), target)
    dates = tmp_path / "dates.yaml"
    text = dates.read_text(encoding="utf-8")
    assert old in text
    dates.write_text(text.replace(old, new, 1), encoding="utf-8")
    return load_rules(tmp_path)


def test_dates_a_new_word_in_dates_yaml_is_read(tmp_path):
    """The words are data: a newcomer adds one to a list of rules/dates.yaml, and the tiers read it."""
    assert find_dates("around 2025", "en", ANCHOR) == []
    rules = _rules_with(tmp_path, "    words: [in, by, since,", "    words: [around, in, by, since,")
    assert [(m.text, m.date_start) for m in find_dates("around 2025", "en", ANCHOR, rules)] == [("2025", "2025")]


def test_dates_a_new_month_short_form_gives_its_number(tmp_path):
    assert find_dates("Febr. 12, 2024", "en", ANCHOR) == []
    rules = _rules_with(tmp_path, "Feb: 2,", "Feb: 2, Febr: 2,")
    assert [(m.text, m.date_start) for m in find_dates("Febr. 12, 2024", "en", ANCHOR, rules)] == [
        ("Febr. 12, 2024", "2024-02-12")]


def test_dates_a_new_day_suffix_is_read(tmp_path):
    """The endings of an English ordinal day are data (day_ordinals): one added is read."""
    assert [m.text for m in find_dates("12te of September 2023", "en", ANCHOR)] == ["September 2023"]
    rules = _rules_with(tmp_path, "    suffixes: [st, nd, rd, th]", "    suffixes: [st, nd, rd, th, te]")
    assert [(m.text, m.date_start) for m in find_dates("12te of September 2023", "en", ANCHOR, rules)] == [
        ("12te of September 2023", "2023-09-12")]


@pytest.mark.parametrize("rule", default_rules().dates.day_ordinals, ids=lambda rule: rule.id)
def test_dates_day_ordinal_examples_are_read_whole(rule):
    """Each example of an ordinal day is read as one date, from its number to its year."""
    for example in rule.examples:
        found = find_dates(example, rule.lang, ANCHOR)
        assert [m.text for m in found] == [re.sub(r"^\D*?(?=\d|third)", "", example)], example


def test_dates_a_new_quarter_numeral_gives_its_number(tmp_path):
    assert find_dates("quý IIII/2023", "vi", ANCHOR) == []
    rules = _rules_with(tmp_path, "numbers: {I: 1, II: 2, III: 3, IV: 4}", "numbers: {I: 1, II: 2, III: 3, IV: 4, "
                        "IIII: 4}")
    assert [(m.text, m.date_start, m.date_end) for m in find_dates("quý IIII/2023", "vi", ANCHOR, rules)] == [
        ("quý IIII/2023", "2023-10", "2023-12")]


def test_dates_mention_is_frozen():
    mention = parse_date("năm 2023")
    assert isinstance(mention, DateMention)
    with pytest.raises(AttributeError):
        mention.start = 0  # type: ignore[misc]


# ------------------------------------------------------------------------------------------ properties

_VI_MONTH_WORDS = {"giêng": 1, "một": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7,
                   "tám": 8, "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12, "chạp": 12}  # fmt: skip
_EN_MONTH_PREFIXES = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_QUARTER_WORDS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "first": 1, "second": 2, "third": 3, "fourth": 4,
                  "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}  # fmt: skip


def _numbers(text: str) -> set[int]:
    return {int(n) for n in re.findall(r"\d+", text)}


def _months_given(text: str) -> set[int]:
    """Every month the text could be naming: as a number, a Vietnamese or English name, or a quarter."""
    lower = unicodedata.normalize("NFC", text).lower()
    words = re.findall(r"\w+", lower)
    months = _numbers(text) | {_VI_MONTH_WORDS[w] for w in words if w in _VI_MONTH_WORDS}
    months |= {n for w in words for n, p in enumerate(_EN_MONTH_PREFIXES, 1) if w.startswith(p)}
    months |= {_VI_MONTH_WORDS[p] for p in ("mười một", "mười hai") if p in " ".join(words)}
    if re.search(r"qu[ýy]|qúy|quarter|\bq[1-4]", lower):
        quarters = {_QUARTER_WORDS[w] for w in words if w in _QUARTER_WORDS} | _numbers(text)
        quarters |= {int(n) for n in re.findall(r"q([1-4])", lower)}
        months |= {3 * q - k for q in quarters if 1 <= q <= 4 for k in range(3)}
    return months


def _year_given(mention: DateMention, year: int, other_year: int, anchor: datetime.date | None) -> bool:
    if year in _numbers(mention.text):
        return True
    if mention.year_from_anchor and anchor is not None and year in (anchor.year, anchor.year - 1):
        return True
    return year == other_year - 1 and other_year in _numbers(mention.text)  # "30/12 - 2/1/2024"


def _check(text: str, mentions: list[DateMention], anchor: datetime.date | None) -> None:
    previous_end = 0
    for m in mentions:
        assert previous_end <= m.start < m.end <= len(text), "left to right, not overlapping"
        previous_end = m.end
        assert text[m.start : m.end] == m.text
        assert m.text == m.text.strip()
        assert (m.date_start is None) == (m.date_end is None)
        if m.date_start is None:
            assert not m.year_from_anchor
            continue
        assert not m.year_from_anchor or anchor is not None
        assert m.date_start <= m.date_end
        start, end = m.date_start.split("-"), m.date_end.split("-")
        for parts, other in ((start, end), (end, start)):
            assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", "-".join(parts))
            assert _year_given(m, int(parts[0]), int(other[0]), anchor), m
            if len(parts) >= 2:
                assert int(parts[1]) in _months_given(m.text), m
            if len(parts) == 3:
                assert int(parts[2]) in _numbers(m.text), m


_FRAGMENTS = [
    "ngày", "Ngày", "hôm", "sáng", "tháng", "Tháng", "năm", "Năm", "quý", "III", "IV", "giai đoạn", "thứ Ba",
    "Thứ 3", "Chủ nhật", "cuối", "đầu", "giữa", "thượng tuần", "trung tuần", "hạ tuần", "đến", "từ", "vào",
    "Tám", "Mười Hai", "lần thứ", "lĩnh vực", "COP28", "INC-5", "ASEAN+3", "August", "Aug.", "Sept", "May",
    "may", "Tuesday", "early", "mid", "late", "end of", "in", "by", "from", "to", "between", "and", "Q3",
    "third quarter of", "2023-08-22", "(", ")", "%", "\n",
]  # fmt: skip
_SEPARATORS = ["", " ", " ", "/", "-", " - ", "–", ".", ", "]
_TOKEN = st.one_of(
    st.sampled_from(_FRAGMENTS),
    st.integers(0, 35).map(str),
    st.sampled_from(["02", "08", "09"]),
    st.integers(1895, 2105).map(str),
)
DATEISH = st.lists(st.tuples(_TOKEN, st.sampled_from(_SEPARATORS)), max_size=16).map(
    lambda pairs: "".join(token + sep for token, sep in pairs)
)
LANGS = st.sampled_from(["vi", "en"])
ANCHORS = st.none() | st.dates(min_value=datetime.date(1950, 1, 1), max_value=datetime.date(2090, 12, 31))


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=300), lang=LANGS, anchor=ANCHORS)
def test_dates_never_raise_on_arbitrary_text(text, lang, anchor):
    _check(text, find_dates(text, lang, anchor), anchor)
    parse_date(text, lang, anchor)


@settings(max_examples=200, deadline=None)
@given(text=DATEISH, lang=LANGS, anchor=ANCHORS)
def test_dates_never_invent_on_dateish_text(text, lang, anchor):
    _check(text, find_dates(text, lang, anchor), anchor)


def _skipped_tiers_that_match(text: str, lang: str) -> list[int]:
    grammar = _grammar(default_rules())
    kept = {tier.rank for tier in grammar.possible_tiers(text, lang)}
    return [tier.rank for tier in grammar.tiers[lang] if tier.rank not in kept and tier.pattern.search(text)]


@settings(max_examples=300, deadline=None)
@given(text=DATEISH | st.text(max_size=300), lang=LANGS)
def test_dates_a_tier_not_searched_has_no_match(text, lang):
    """A tier whose needs (a digit, one of its words) a text lacks is not searched there: it has no match."""
    text = unicodedata.normalize("NFC", text)
    assert _skipped_tiers_that_match(text, lang) == []


@pytest.mark.parametrize(("lang", "text"), [(lang, text) for lang, text, *_ in ALL_FORMS] + NOT_DATES)
def test_dates_a_tier_not_searched_has_no_match_in_the_tables(lang, text):
    for other in ("vi", "en"):
        assert _skipped_tiers_that_match(f"Hội nghị {text} tại Hà Nội", other) == []
    assert _grammar(default_rules()).possible_tiers("Hội nghị Bộ trưởng", lang) == []


@settings(max_examples=200, deadline=None)
@given(text=DATEISH | st.text(max_size=2000), lang=LANGS)
def test_dates_finish_quickly_on_any_text(text, lang):
    began = time.perf_counter()
    find_dates(text * 5, lang, ANCHOR)
    assert time.perf_counter() - began < 1.0


@pytest.mark.parametrize(
    "text",
    ["1/" * 5000, " " * 20000 + "ngày", "22-" * 3000, "ngày 1 " * 3000, "thứ Ba " * 3000, "2023-" * 4000,
     "tháng 8 - " * 2000, "9" * 50000, "quý " * 5000, "in " * 5000 + "2025"],
    ids=lambda t: repr(t[:12]),
)  # fmt: skip
def test_dates_finish_quickly_on_pathological_text(text):
    began = time.perf_counter()
    find_dates(text, "vi", ANCHOR)
    find_dates(text, "en", ANCHOR)
    assert time.perf_counter() - began < 2.0


@pytest.mark.parametrize(
    ("lang", "text", "day_tiers_searched"),
    [
        ("vi", "Năm 2023, 12 nước đã tham gia chương trình.", False),  # numbers, but no day beside a month
        ("vi", "Hội nghị diễn ra ngày 22 tháng 8 năm 2023.", True),
        ("vi", "Hội nghị diễn ra sáng 22/8.", True),
        ("en", "In 2023, 12 countries joined the programme.", False),
        ("en", "The meeting opened on 2023-08-22 in Vientiane.", True),
    ],
)
def test_dates_day_tiers_are_searched_only_where_a_day_stands_beside_its_month(lang, text, day_tiers_searched):
    """The day tiers (the costliest) need a day's number beside its month ("22/8", "22 tháng"), not just a digit."""
    grammar = _grammar(default_rules())
    day_gate = _gate_source(DayBesideMonth())  # every day tier's gate begins with it
    days = {tier.rank for tier in grammar.tiers[lang] if any(gate.pattern.startswith(day_gate) for gate in tier.gates)}
    assert days, "the day tiers are gated by a day beside its month"
    searched = {tier.rank for tier in grammar.possible_tiers(text, lang)} & days
    assert bool(searched) is day_tiers_searched
    assert _skipped_tiers_that_match(text, lang) == []
