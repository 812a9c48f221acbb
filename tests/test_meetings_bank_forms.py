"""Tests of the meeting forms counted on the bulletins written around meetings (vi-m, en-m) and the real dev sets
(meet-rules, CONSTRUCTIONS.md section 4g): a bare COP named by its edition, the haze agreement named in lower case,
the AMME's informal editions, bodies written out in Vietnamese. Every text is written for the test."""

from __future__ import annotations

import pytest

from tests.test_meetings_real_forms import found, named


@pytest.mark.parametrize(
    ("text", "start", "body"),
    [
        # EN-M-B08: a climate COP by its edition, when the bulletin names no convention
        ("ASEAN will send a joint statement to COP28, which opens in Dubai on November 30.", "COP28", "UNFCCC"),
        ("Các nước ASEAN chuẩn bị lập trường chung cho COP30 tại Belem.", "COP30", "UNFCCC"),
        # an edition the other conventions' COPs have reached stays generic
        ("Delegates discussed the outcome of COP16 last year.", "COP16", "COP"),
        # the same edition named in full gives the bare one its convention, the haze agreement too
        ("The 17th Meeting of the Conference of the Parties to the ASEAN Agreement on Transboundary Haze Pollution "
         "was held in Singapore. Ministers at COP-17 adopted a roadmap.", "COP-17", "AATHP"),
        # a bulletin that names another convention only: the bare COP is not the climate COP by its edition
        ("Parties to the Convention on Biological Diversity met ahead of COP21 of the climate talks.", "COP21", "CBD"),
    ],
)
def test_meetings_bank_forms_cop_body(process, text: str, start: str, body: str) -> None:
    assert named(found(process, text), start).body == body


def test_meetings_bank_forms_haze_agreement_in_lower_case(process) -> None:
    """EN-M-B08b: "the Conference of the Parties to the haze agreement" runs through the agreement's short name."""
    meeting = named(found(process, "The 17th Meeting of the Conference of the Parties to the haze agreement will "
                                   "be held in Singapore in October."), "17th Meeting")
    assert meeting.text.endswith("haze agreement")
    assert meeting.body == "AATHP"


def test_meetings_bank_forms_informal_amme(process) -> None:
    """EN-M-N08: "the 14th Informal AMME" is an edition of the AMME."""
    meeting = named(found(process, "The group recommended three parks for endorsement by the 14th Informal AMME."),
                    "14th Informal AMME")
    assert (meeting.body, meeting.ordinal) == ("AMME", 14)


@pytest.mark.parametrize(
    ("text", "start", "body"),
    [
        ("Kết quả được báo cáo tại Phiên họp lần thứ 23 Hội đồng Ủy hội, dự kiến tổ chức tại Phnôm Pênh.",
         "Phiên họp lần thứ 23", "MRC"),
        ("Cuộc họp lần thứ 19 Nhóm công tác ASEAN về thành phố bền vững môi trường diễn ra ngày 3/4/2019.",
         "Cuộc họp lần thứ 19", "AWGESC"),
        ("Hội nghị các Bên tham gia các Công ước Basel, Rotterdam và Stockholm năm 2023 bế mạc tại Geneva.",
         "Hội nghị các Bên", "BRS"),
    ],
)
def test_meetings_bank_forms_vietnamese_body_written_out(process, text: str, start: str, body: str) -> None:
    assert named(found(process, text), start).body == body


def test_meetings_bank_forms_together_with_shares_the_day_and_venue(process) -> None:
    """VI-M-X22: "[M1], cùng với [M2]": M2 was held on M1's day, at M1's venue."""
    meetings = found(process, "Ngày 29/10/2015, tại Hà Nội đã diễn ra Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 13, "
                              "cùng với Hội nghị lần thứ 11 các Bên tham gia Hiệp định ASEAN về ô nhiễm khói mù xuyên "
                              "biên giới.")
    cop = named(meetings, "Hội nghị lần thứ 11")
    assert (cop.date.date_start, cop.country) == ("2015-10-29", "VN")
    assert any(item.rule_id == "vi.place.together_with" for item in cop.evidence)


def test_meetings_bank_forms_together_with_needs_a_meeting_after_it(process) -> None:
    meetings = found(process, "Ngày 29/10/2015, tại Hà Nội đã diễn ra Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 13, "
                              "cùng với sự tham gia của các đối tác.")
    assert len(meetings) == 1


def test_meetings_bank_forms_back_to_back_shares_the_day(process) -> None:
    """EN-M-X08: "[M1], held on [day] in [city], back-to-back with [M2]": M2 takes the day, not only its month."""
    meetings = found(process, "The 17th Informal ASEAN Ministerial Meeting on the Environment was held on 21 October "
                              "2022 in Phnom Penh, back-to-back with the 17th ASEAN Plus Three Environment Ministers "
                              "Meeting.")
    plus_three = named(meetings, "17th ASEAN Plus Three")
    assert (plus_three.date.date_start, plus_three.country) == ("2022-10-21", "KH")


def test_meetings_bank_forms_within_a_series_takes_the_month(process) -> None:
    """VI-M-X21: "[M1] … tại [city], trong chuỗi các hội nghị [M2]": the series M2 was held there that month."""
    meetings = found(process, "Ngày 4/8/2010, Hội nghị Quan chức cao cấp ASEAN+3 về môi trường lần thứ 9 đã diễn ra "
                              "tại Hà Nội, trong chuỗi các hội nghị ASOEN lần thứ 21.")
    series = next(m for m in meetings if m.body == "ASOEN")
    assert (series.date.date_start, series.country) == ("2010-08", "VN")


@pytest.mark.parametrize(
    ("text", "start", "city"),
    [
        ("KUCHING, Feb 20 (Bernama): Officials from five Asean countries met here today for the 30th Meeting of the "
         "Technical Working Group on Transboundary Haze Pollution.", "30th Meeting", "Kuching"),
        ("CHIANG MAI, Thailand, Aug. 17, 2023 (Xinhua) -- The eighth Lancang-Mekong Cooperation (LMC) Foreign "
         "Ministers' Meeting was held here on Thursday.", "eighth Lancang-Mekong", "Chiang Mai"),
        ("LANGKAWI, Sept 5 (Bernama) -- The 20th Asean Plus Three Environment Ministers Meeting was held here today.",
         "20th Asean Plus Three", "Langkawi"),
    ],
)
def test_meetings_bank_forms_here_is_the_dateline_city(process, text: str, start: str, city: str) -> None:
    """EN-M-X03c: "here" nearest to a meeting, under any dateline naming a city, is that city."""
    meeting = named(found(process, text), start)
    assert meeting.city is not None and meeting.city.name_en == city
    assert any(item.rule_id == "en.place.here" for item in meeting.evidence)


def test_meetings_bank_forms_here_far_from_the_meeting_is_not_its_venue(process) -> None:
    text = ("KUCHING, Feb 20 (Bernama): The minister said the state's firefighters were ready and that everyone here "
            "would help the villages near the peat forests, ahead of the 30th Meeting of the Technical Working Group "
            "on Transboundary Haze Pollution.")
    meeting = named(found(process, text), "30th Meeting")
    assert meeting.city is None


def test_meetings_bank_forms_together_with_a_meeting(process) -> None:
    """EN-M-X08: "[M1] opened here on Monday, together with [M2]"."""
    meetings = found(process, "NUSA DUA, Bali, Dec. 3, 2007 (Xinhua) -- The 13th session of the Conference of the "
                              "Parties to the United Nations Framework Convention on Climate Change opened here on "
                              "Monday, together with the third session of the Meeting of the Parties to the Kyoto "
                              "Protocol.")
    cmp_meeting = named(meetings, "third session")
    assert cmp_meeting.country == "ID"


def test_meetings_bank_forms_sidelines_of_the_reported_meeting(process) -> None:
    """EN-M-X09: "On the sidelines of the AMME, [M2] and [M3] will also be held": the list after the comma takes the
    reported meeting's venue and days."""
    meetings = found(process, "Viet Nam will host the 13th ASEAN Ministerial Meeting on Environment in Ha Noi from "
                              "26 to 30 October 2015. On the sidelines of the AMME, the 14th ASEAN Plus Three "
                              "Environment Ministers Meeting and the 5th East Asia Summit Environment Ministers "
                              "Meeting will also be held.")
    for start in ("14th ASEAN Plus Three", "5th East Asia Summit"):
        meeting = named(meetings, start)
        assert (meeting.country, meeting.date.date_start, meeting.date.date_end) == ("VN", "2015-10-26", "2015-10-30")
        assert any(item.rule_id == "en.place.sidelines" for item in meeting.evidence)


def test_meetings_bank_forms_week_of_the_reported_meeting_gives_its_month(process) -> None:
    """EN-M-X09: "Trong tuần lễ hội nghị, [country] cũng tổ chức [M2] và [M3]": a one-day meeting gives its month."""
    meetings = found(process, "Ngày 12/9/2017, Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 14 đã diễn ra tại Bandar "
                              "Seri Begawan, Brunei. Trong tuần lễ hội nghị, Brunei cũng tổ chức Hội nghị Bộ trưởng "
                              "Môi trường ASEAN+3 lần thứ 15.")
    meeting = named(meetings, "Hội nghị Bộ trưởng Môi trường ASEAN+3")
    assert (meeting.country, meeting.date.date_start) == ("BN", "2017-09")


def test_meetings_bank_forms_sidelines_of_a_named_meeting_is_not_a_back_reference(process) -> None:
    meetings = found(process, "On the sidelines of the 17th AMME, the 17th ASEAN Plus Three Environment Ministers "
                              "Meeting was held in Vientiane.")
    assert named(meetings, "17th AMME").city is not None
