"""Tests of pipeline/extract/meetings.py, driven through the spaCy pipeline: meeting names and what the text
around them says (kind, body, edition, partners, date, place)."""

from __future__ import annotations

import pytest

VI_TITLE = "Tiêu đề bản tin"
EN_TITLE = "News of the week"


def meetings(process, body: str) -> list[dict]:
    title = EN_TITLE if body.isascii() else VI_TITLE
    doc = process(f"{title}\n\n{body}")
    return [
        {
            "text": m.text,
            "kind": m.kind,
            "body": m.body,
            "ordinal": m.ordinal,
            "partners": m.partners,
            "date": (m.date.date_start, m.date.date_end) if m.date else None,
            "city": m.city.name_en if m.city else m.city_name,
            "country": m.country,
            "online": m.online,
        }
        for m in doc._.meetings
    ]


def only(process, body: str) -> dict:
    found = meetings(process, body)
    assert len(found) == 1, [m["text"] for m in found]
    return found[0]


AMME17 = {
    "kind": "ministerial",
    "body": "AMME",
    "ordinal": 17,
    "partners": (),
    "date": ("2023-08-22", "2023-08-22"),
    "city": "Vientiane",
    "country": "LA",
}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17 diễn ra ngày 22/8/2023 tại Viên Chăn, CHDCND Lào.",
            {"text": "Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17", **AMME17},
        ),
        (
            "The 17th ASEAN Ministerial Meeting on the Environment was held in Vientiane, Lao PDR on 22 August 2023.",
            {"text": "17th ASEAN Ministerial Meeting on the Environment", **AMME17},
        ),
        (
            "Hội nghị Cấp cao ASEAN lần thứ 43 diễn ra ngày 5/9/2023 tại Gia-các-ta, In-đô-nê-xi-a.",
            {
                "text": "Hội nghị Cấp cao ASEAN lần thứ 43",
                "kind": "summit",
                "body": "ASEAN",
                "ordinal": 43,
                "partners": (),
                "date": ("2023-09-05", "2023-09-05"),
                "city": "Jakarta",
                "country": "ID",
            },
        ),
        (
            "Viet Nam attended the 43rd ASEAN Summit in Jakarta, Indonesia on 5 September 2023.",
            {
                "text": "43rd ASEAN Summit",
                "kind": "summit",
                "body": "ASEAN",
                "ordinal": 43,
                "partners": (),
                "date": ("2023-09-05", "2023-09-05"),
                "city": "Jakarta",
                "country": "ID",
            },
        ),
        (
            "Hội nghị Bộ trưởng Môi trường ASEAN+3 lần thứ 19 diễn ra ngày 23/8/2023 tại Viên Chăn, Lào.",
            {
                "text": "Hội nghị Bộ trưởng Môi trường ASEAN+3 lần thứ 19",
                "kind": "ministerial",
                "body": "ASEAN+3",
                "ordinal": 19,
                "partners": ("China", "Japan", "Republic of Korea"),
                "date": ("2023-08-23", "2023-08-23"),
                "city": "Vientiane",
                "country": "LA",
            },
        ),
        (
            "The ASEAN-Japan Policy Dialogue on Environment took place in Tokyo on 3 March 2022.",
            {
                "text": "ASEAN-Japan Policy Dialogue on Environment",
                "kind": "dialogue",
                "body": "ASEAN",
                "ordinal": None,
                "partners": ("Japan",),
                "date": ("2022-03-03", "2022-03-03"),
                "city": "Tokyo",
                "country": "JP",
            },
        ),
        (
            "Phiên họp thứ 5 của Ủy ban đàm phán liên chính phủ về ô nhiễm nhựa (INC-5) diễn ra tại Busan, "
            "Hàn Quốc từ ngày 25/11 đến ngày 1/12/2024.",
            {
                "text": "Phiên họp thứ 5 của Ủy ban đàm phán liên chính phủ về ô nhiễm nhựa (INC-5)",
                "kind": "negotiation",
                "body": "INC",
                "ordinal": 5,
                "partners": (),
                "date": ("2024-11-25", "2024-12-01"),
                "city": "Busan",
                "country": "KR",
            },
        ),
        (
            "Hội nghị Cấp cao ASEAN lần thứ XVII diễn ra sáng 22/8/2023 theo hình thức trực tuyến.",
            {
                "text": "Hội nghị Cấp cao ASEAN lần thứ XVII",
                "kind": "summit",
                "body": "ASEAN",
                "ordinal": 17,
                "partners": (),
                "date": ("2023-08-22", "2023-08-22"),
                "city": None,
                "country": None,
                "online": True,
            },
        ),
    ],
    ids=["vi-amme", "en-amme", "vi-summit", "en-summit", "vi-asean+3", "en-dialogue", "vi-inc", "vi-online"],
)
def test_meetings_mention_attributes(process, sentence, expected):
    found = only(process, sentence)
    assert {key: found[key] for key in expected} == expected


def test_meetings_in_person_meeting_is_not_online(process):
    assert only(process, "Hội nghị Cấp cao ASEAN lần thứ 43 diễn ra tại Gia-các-ta.")["online"] is False


@pytest.mark.parametrize(
    ("sentence", "text", "body", "ordinal", "kind"),
    [
        ("Việt Nam tham dự COP28 tại Dubai.", "COP28", "UNFCCC", 28, "cop"),
        ("Việt Nam tham dự COP 28 tại Dubai.", "COP 28", "UNFCCC", 28, "cop"),
        ("Đoàn Việt Nam dự AMME-17 tại Viên Chăn.", "AMME-17", "AMME", 17, "ministerial"),
        ("Phiên họp INC-5 diễn ra tại Busan.", "Phiên họp INC-5", "INC", 5, "negotiation"),
        (
            "Hội nghị Quan chức cao cấp ASEAN về môi trường (ASOEN 31) kết thúc.",
            "Hội nghị Quan chức cao cấp ASEAN về môi trường (ASOEN 31)",
            "ASOEN",
            31,
            "senior_officials",
        ),
        ("Viet Nam attended COP28 in Dubai.", "COP28", "UNFCCC", 28, "cop"),
    ],
)
def test_meetings_series_forms(process, sentence, text, body, ordinal, kind):
    found = only(process, sentence)
    assert (found["text"], found["body"], found["ordinal"], found["kind"]) == (text, body, ordinal, kind)


@pytest.mark.parametrize("sentence", ["Việt Nam tham dự cop28 tại Dubai.", "Dân số ASEAN 2023 tăng nhanh."])
def test_meetings_series_form_needs_a_meeting_body_in_capitals(process, sentence):
    assert meetings(process, sentence) == []


def test_meetings_english_ordinal_before_series_acronym(process):
    found = only(process, "The 17th AMME was held in Vientiane, Lao PDR on 22 August 2023.")
    assert (found["body"], found["ordinal"]) == ("AMME", 17)


def test_meetings_list_closed_by_one_place_and_date_shares_them(process):
    found = meetings(
        process,
        "Việt Nam tham dự Hội nghị AMME-17, Hội nghị ASOEN 34 và Hội nghị đối thoại ASEAN - "
        "Hoa Kỳ tại Indonesia vào cuối tháng 7 năm 2023.",
    )
    assert [(m["body"], m["ordinal"]) for m in found] == [("AMME", 17), ("ASOEN", 34), ("ASEAN", None)]
    assert [(m["date"], m["country"]) for m in found] == [(("2023-07", "2023-07"), "ID")] * 3
    assert found[2]["partners"] == ("United States",)


def test_meetings_list_with_own_places_keeps_them(process):
    found = meetings(process, "Hội nghị AMME-17 diễn ra tại Viên Chăn, còn Hội nghị COP28 diễn ra tại Dubai.")
    assert [(m["body"], m["city"]) for m in found] == [("AMME", "Vientiane"), ("UNFCCC", "Dubai")]


def test_meetings_next_sentence_fills_missing_place_and_date(process):
    found = only(
        process,
        "Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17 đã kết thúc tốt đẹp. "
        "Hội nghị diễn ra tại Viên Chăn, Lào vào ngày 22/8/2023.",
    )
    assert (found["city"], found["country"], found["date"]) == (
        "Vientiane",
        "LA",
        ("2023-08-22", "2023-08-22"),
    )


def test_meetings_next_sentence_does_not_override_what_is_known(process):
    found = only(
        process,
        "Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17 khai mạc ngày 22/8/2023 tại Hà Nội. "
        "Hội nghị diễn ra tại Viên Chăn, Lào vào ngày 23/8/2023.",
    )
    assert (found["city"], found["date"]) == ("Hanoi", ("2023-08-22", "2023-08-22"))


def test_meetings_next_paragraph_back_reference_fills_missing_place(process):
    found = only(
        process,
        "Hội nghị COP28 đã kết thúc tốt đẹp.\n\nHội nghị diễn ra tại Dubai, UAE từ ngày 30/11 đến 12/12/2023.",
    )
    assert (found["city"], found["country"], found["date"]) == ("Dubai", "AE", ("2023-11-30", "2023-12-12"))


def test_meetings_sentence_without_back_reference_adds_nothing(process):
    found = only(
        process,
        "Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17 đã kết thúc. "
        "Các đại biểu đã đến Viên Chăn, Lào ngày 22/8/2023.",
    )
    assert (found["city"], found["country"], found["date"]) == (None, None, None)


@pytest.mark.parametrize(
    "sentence",
    [
        "Đại biểu tập trung tại Trung tâm Hội nghị Quốc gia.",
        "Lễ ký kết diễn ra tại Cung Hội nghị Quốc tế.",
        "Delegates gathered at the National Convention Center in Hanoi.",
    ],
)
def test_meetings_venue_is_not_a_meeting(process, sentence):
    assert meetings(process, sentence) == []


def test_meetings_venue_after_a_meeting_is_its_place_not_a_second_meeting(process):
    found = only(
        process,
        "Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17 được tổ chức tại Trung tâm Hội nghị Quốc gia, Hà Nội.",
    )
    assert (found["body"], found["city"], found["country"]) == ("AMME", "Hanoi", "VN")


@pytest.mark.parametrize(
    "sentence",
    [
        "Bộ trưởng cũng dự các Hội nghị liên quan.",
        "Tại Hội nghị, các đại biểu thảo luận nhiều vấn đề.",
        "Hội nghị diễn ra tại Hà Nội.",
        "The Ministers also attended related meetings.",
        "The meeting was held in Hanoi.",
    ],
)
def test_meetings_generic_reference_is_not_a_meeting(process, sentence):
    assert meetings(process, sentence) == []


def test_meetings_mention_span_is_the_text(process):
    doc = process(f"{VI_TITLE}\n\nViệt Nam tham dự Hội nghị AMME-17 và COP28 tại Dubai.")
    assert doc._.meetings
    for mention in doc._.meetings:
        assert doc.text[mention.start : mention.end] == mention.text
        for evidence in mention.evidence:
            assert doc.text[evidence.start : evidence.end] == evidence.text


def test_meetings_sentence_index_points_at_the_sentence(process):
    doc = process(f"{VI_TITLE}\n\nMở đầu bản tin. Việt Nam tham dự COP28 tại Dubai.")
    (mention,) = doc._.meetings
    sentence = doc._.sentence_spans[mention.sentence_index]
    assert sentence.start <= mention.start and mention.end <= sentence.end


# --- issue 13: names, editions, kinds and bodies of the inventory's forms -------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Đối thoại ASEAN - Nga về hợp tác môi trường lần đầu tiên diễn ra tại Hà Nội.", ("dialogue", 1, "ASEAN")),
        ("Hội nghị Bộ trưởng Môi trường ASEAN 15 diễn ra tại Xiêm Riệp.", ("ministerial", 15, "AMME")),
        ("Phiên họp 17 Hội đồng Ủy hội sông Mê Công diễn ra tại Viên Chăn.", ("other", 17, "MRC")),
        ("Khóa họp lần thứ 45 của Tiểu ban Khí tượng và Vật lý địa cầu ASEAN diễn ra tại Hà Nội.",
         ("other", 45, "ASCMG")),
        ("Họp thường niên Nhóm công tác ASEAN về giáo dục môi trường diễn ra tại Viên Chăn.", ("other", None, "AWGEE")),
        ("Hội nghị lần thứ 11 các Bên tham gia Hiệp định ASEAN về quản lý thiên tai và ứng phó khẩn cấp diễn ra "
         "tại Băng Cốc.", ("cop", 11, "AADMER")),
        ("Hội nghị lần thứ 5 Ban Chỉ đạo cấp Bộ trưởng Tiểu vùng Mê Công về ô nhiễm khói mù xuyên biên giới diễn "
         "ra tại Đà Nẵng.", ("ministerial", 5, "MSC")),
        ("Hội nghị Ban Chỉ đạo cấp Bộ trưởng Tiểu vùng Mê Công lần thứ 3 về ô nhiễm khói mù xuyên biên giới diễn ra "
         "tại Viên Chăn.", ("ministerial", 3, "MSC")),
        ("The inaugural ASEAN-Japan Youth Forum on Climate Action was held in Tokyo.", ("forum", 1, "ASEAN")),
        ("The first ever ASEAN-Canada Dialogue on Wetlands took place in Manila.", ("dialogue", 1, "ASEAN")),
        ("The 20th AMME+3 met in Vientiane.", ("ministerial", 20, "ASEAN+3")),
        ("The 14th COP to AADMER met in Bangkok.", ("cop", 14, "AADMER")),
        ("The 14th Meeting of the Conference of the Parties to the Convention on Migratory Species opened in "
         "Samarkand.", ("cop", 14, "CMS")),
        ("The 11th Meeting of the Technical Working Group was held in Jakarta.", ("other", 11, "TWG")),
    ],
    ids=["vi-lan-dau", "vi-bare-number", "vi-phien-hop-number", "vi-khoa-hop", "vi-hop-thuong-nien", "vi-cop-aadmer",
         "vi-ban-chi-dao", "vi-ban-chi-dao-edition-inside",
         "en-inaugural", "en-first-ever", "en-amme-plus-three", "en-cop-aadmer", "en-cms",
         "en-twg-written-out"],
)
def test_meetings_inventory_forms_name_kind_edition_body(process, sentence, expected):
    title = "News" if sentence.isascii() else "Tin"
    meetings = list(process(f"{title}\n\n{sentence}")._.meetings)
    assert [(m.kind, m.ordinal, m.body) for m in meetings] == [expected], [m.text for m in meetings]


def test_meetings_amme_plus_three_names_its_partners(process):
    meeting = next(iter(process("News\n\nThe 20th AMME+3 met in Vientiane.")._.meetings))
    assert set(meeting.partners) == {"China", "Japan", "Republic of Korea"}
