"""Tests of pipeline/extract/meetings/context.py: what a meeting takes from the rest of its bulletin (the venue
of its week, a dateline or header line, the meeting "at the same venue" points back to, the convention a bare
COP belongs to, the series a bare edition belongs to), each with evidence naming the span it came from."""

from __future__ import annotations

import pytest

VI_TITLE = "Tiêu đề bản tin"
EN_TITLE = "News of the week"


def found(process, text: str, title: str | None = None) -> list:
    title = title or (EN_TITLE if text.isascii() else VI_TITLE)
    return list(process(f"{title}\n\n{text}")._.meetings)


def named(meetings: list, start: str):
    hits = [m for m in meetings if m.text.startswith(start)]
    assert len(hits) == 1, [m.text for m in meetings]
    return hits[0]


def city(mention) -> str | None:
    return mention.city.name_en if mention.city else mention.city_name


# --- the venue of the week ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "meeting", "expected"),
    [
        ("Hội nghị AMME 17 diễn ra ngày 22/8/2023 tại Viên Chăn. Ngày 23/8/2023, Hội nghị ASOEN 34 đã họp.",
         "Hội nghị ASOEN", "Vientiane"),
        ("The 15th AMME was held on 10 October 2019 in Siem Reap, Cambodia. The 16th ASEAN Plus Three "
         "Environment Ministers Meeting met on 11 October 2019.", "16th ASEAN Plus Three", "Siem Reap"),
        ("Hội nghị AMME 17 diễn ra ngày 22/8/2023 tại Viên Chăn. Ngày 30/11/2023, Hội nghị COP28 khai mạc.",
         "Hội nghị COP28", None),
    ],
)
def test_meetings_context_same_week_shares_the_venue(process, text, meeting, expected):
    assert city(named(found(process, text), meeting)) == expected


def test_meetings_context_same_week_evidence_points_at_the_place_span(process):
    text = "Hội nghị AMME 17 diễn ra ngày 22/8/2023 tại Viên Chăn. Ngày 23/8/2023, Hội nghị ASOEN 34 đã họp."
    asoen = named(found(process, text), "Hội nghị ASOEN")
    evidence = [e for e in asoen.evidence if e.field == "place"]
    assert [(e.text, e.rule_id) for e in evidence] == [("Viên Chăn", "place.same_week")]
    assert evidence[0].start < asoen.start


def test_meetings_context_same_week_in_two_cities_gives_no_venue(process):
    text = ("Hội nghị AMME 17 diễn ra ngày 22/8/2023 tại Viên Chăn. Hội nghị COP-18 AATHP diễn ra ngày 23/8/2023 "
            "tại Băng Cốc. Ngày 24/8/2023, Hội nghị ASOEN 34 đã họp.")
    assert city(named(found(process, text), "Hội nghị ASOEN")) is None


APT18 = "18th ASEAN Plus Three Environment Ministers Meeting"


# --- datelines and header lines --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("Ministers chart course to COP28",
         f"VIENTIANE, 24 August 2023 – The ministers met today. On 23 August, the {APT18} was held."),
        ("Chairman's Statement of the 18th ASEAN Ministerial Meeting on the Environment",
         f"Vientiane, Lao PDR, 24 August 2023\n\n1. The {APT18} was held on 23 August 2023."),
        ("Haze talks",
         f"Published: August 24, 2023\n\nVIENTIANE, Aug 24 (Bernama) -- The {APT18} met here on 23 August 2023."),
    ],
)
def test_meetings_context_dateline_or_header_line_places_the_week(process, title, text):
    assert city(named(found(process, text, title), "18th ASEAN Plus Three")) == "Vientiane"


def test_meetings_context_dateline_gives_the_city_of_a_country_only_place(process):
    text = ("Nay Pyi Taw, 20/8/2015 (TTXVN) - Hôm nay, Hội nghị lần thứ 5 Tiểu ban chỉ đạo cấp Bộ trưởng về ô nhiễm "
            "khói mù xuyên biên giới của Tiểu vùng Mê Công đã diễn ra tại thủ đô của Myanma.")
    msc = named(found(process, text), "Hội nghị lần thứ 5")
    assert (msc.body, city(msc), msc.country) == ("MSC", "Nay Pyi Taw", "MM")


# --- "at the same venue" -----------------------------------------------------------------------------------


def test_meetings_context_same_venue_points_back_to_the_reported_meeting(process):
    text = ("Hội nghị AMME 17 diễn ra ngày 22/8/2023 tại Viên Chăn. Các Bộ trưởng nhắc lại kết quả COP28 tổ chức "
            "từ ngày 30/11 đến 12/12/2023 tại Dubai. Cùng ngày 24/8, Hội nghị ASEAN+3 lần thứ 18 và Hội nghị EAS "
            "lần thứ 8 đã được tổ chức tại cùng địa điểm.")
    meetings = found(process, text)
    assert [city(named(meetings, name)) for name in ("Hội nghị ASEAN+3", "Hội nghị EAS")] == ["Vientiane"] * 2


def test_meetings_context_parenthesis_gives_a_place_only_inside_it(process):
    text = ("Later that day, the 8th East Asia Summit Environment Ministers Meeting (8th EAS EMM) brought together "
            "Australia, China and India.")
    eas = named(found(process, text), "8th East Asia")
    assert (city(eas), eas.country) == (None, None)


# --- bodies from the rest of the bulletin -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "meeting", "body"),
    [
        ("Các nước thực hiện Hiệp định ASEAN về ô nhiễm khói mù xuyên biên giới. Tại Hội nghị lần thứ 11 các Bên "
         "tham gia Hiệp định, tổ chức ở Hà Nội, các nước đã thống nhất.", "Hội nghị lần thứ 11", "AATHP"),
        ("The Ministers adopted a joint statement to the 28th Session of the Conference of the Parties to the "
         "UNFCCC. They look forward to a successful COP28.", "COP28", "UNFCCC"),
        ("Việt Nam tham gia Công ước Đa dạng sinh học. Hội nghị COP16 sẽ diễn ra tại Cali.", "Hội nghị COP16", "CBD"),
        ("Việt Nam tham gia UNFCCC và Công ước Đa dạng sinh học. Hội nghị COP16 sẽ diễn ra tại Cali.",
         "Hội nghị COP16", "COP"),
        ("Hội nghị lần thứ 5 Tiểu ban chỉ đạo cấp Bộ trưởng về ô nhiễm khói mù xuyên biên giới diễn ra tại Nay Pyi "
         "Taw. Mục tiêu đã được phê duyệt tại Hội nghị lần thứ 4 tổ chức tại Lào năm 2014.",
         "Hội nghị lần thứ 4", "MSC"),
    ],
)
def test_meetings_context_body_from_the_bulletin(process, text, meeting, body):
    assert named(found(process, text), meeting).body == body


@pytest.mark.parametrize(
    ("sentence", "body", "place"),
    [
        ("Ngày 18/7/2018, tại TP Đà Lạt đã diễn ra Hội nghị nhóm công tác ASEAN về giáo dục môi trường lần thứ 10.",
         "AWGEE", "Da Lat"),
        ("Ngày 20/8/2015, Hội nghị lần thứ 5 Tiểu ban chỉ đạo cấp Bộ trưởng về ô nhiễm khói mù xuyên biên giới "
         "diễn ra tại TP. Nay Pyi Taw (Myanma).", "MSC", "Nay Pyi Taw"),
        ("Từ ngày 15 - 16/8/2018, tại Singapo đã diễn ra Hội nghị ASOEN 29.", "ASOEN", "Singapore"),
        ("Hội nghị cấp Bộ trưởng các nước tiểu vùng sông Mê Công về kiểm soát ô nhiễm khói mù xuyên biên giới lần "
         "thứ 12 đã diễn ra tại thành phố Nha Trang.", "MSC", "Nha Trang"),
    ],
)
def test_meetings_context_vietnamese_names_and_exonyms(process, sentence, body, place):
    meeting = found(process, sentence)[0]
    assert (meeting.body, city(meeting)) == (body, place)


def test_meetings_context_host_names_the_country(process):
    text = "Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 19 sẽ do Philippines đăng cai vào năm 2027."
    assert named(found(process, text), "Hội nghị Bộ trưởng").country == "PH"


# --- a dateline or a correspondent's place is not the venue --------------------------------------------

AMMDM12 = "12th ASEAN Ministerial Meeting on Disaster Management"


@pytest.mark.parametrize(
    ("text", "expected", "rule"),
    [
        (f"JAKARTA, Oct 9 (VNA) – The {AMMDM12} opened on October 8, 2024. The meeting was held in Langkawi, "
         "Malaysia.", "Langkawi", "en.place.in"),
        (f"JAKARTA, Oct 9 (VNA) – The {AMMDM12} opened on October 8, 2024. The meeting gathered ten ministers.",
         "Jakarta", "place.dateline"),
    ],
    ids=["venue-wins", "dateline-stays"],
)
def test_meetings_context_stated_venue_overrides_dateline(process, text, expected, rule):
    meeting = named(found(process, text), AMMDM12)
    assert city(meeting) == expected
    assert [e.rule_id for e in meeting.evidence if e.field == "place"][0] == rule


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Theo phóng viên TTXVN tại Lào, ngày 8/10/2024, Hội nghị Bộ trưởng ASEAN về quản lý thiên tai lần thứ 12 "
         "đã khai mạc.", None),
        ("Theo phóng viên TTXVN tại Kuala Lumpur, ngày 8/10/2024, Hội nghị Bộ trưởng ASEAN về quản lý thiên tai "
         "lần thứ 12 đã khai mạc tại Langkawi.", "MY"),
    ],
    ids=["bureau-only", "bureau-and-venue"],
)
def test_meetings_context_correspondent_place_is_not_the_venue(process, text, expected):
    meeting = named(found(process, text), "Hội nghị Bộ trưởng ASEAN")
    assert meeting.country == expected


def test_meetings_context_chair_country_is_not_the_venue(process):
    text = (f"JAKARTA, Oct 9 (VNA) – The {AMMDM12} opened on October 8, 2024 at the ASEAN Secretariat here and "
            "was chaired by the Philippines.")
    meeting = named(found(process, text), AMMDM12)
    assert (city(meeting), meeting.country) == ("Jakarta", "ID")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hà Nội, 21/8/2025 (TTXVN) - Hôm qua, Hội nghị Bộ trưởng ASEAN về quản lý thiên tai lần thứ 13 đã họp.",
         "2025-08-20"),
        (f"HANOI, Sept 12 (VNA) – Ministers met yesterday for the {AMMDM12}. Hotspots fell in August 2024.",
         "2024-09-11"),
        ("Hà Nội, 21/8/2025 (TTXVN) - Hội nghị Bộ trưởng ASEAN về quản lý thiên tai lần thứ 13 đã họp.",
         "2025-08-21"),
        ("Hà Nội, 20/8/2023 (TTXVN) - Ngày 18/8, Hội nghị Bộ trưởng ASEAN về quản lý thiên tai lần thứ 13 đã họp.",
         "2023-08-18"),
    ],
    ids=["vi-hom-qua", "en-yesterday", "no-relative-day", "vi-day-after-the-dateline"],
)
def test_meetings_context_date_nearest_the_name_wins_over_the_dateline_date(process, text, expected):
    meeting = found(process, text)[0]
    assert meeting.date is not None and meeting.date.date_start == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ngày 14/11/2024, Hội nghị Nhóm công tác ASEAN về hóa chất và chất thải lần thứ 25 khai mạc tại Huế. "
         "Hội nghị diễn ra trong hai ngày 14-15/11/2024.", ("2024-11-14", "2024-11-15")),
        ("Ngày 14/11/2024, Hội nghị Nhóm công tác ASEAN về hóa chất và chất thải lần thứ 25 khai mạc tại Huế. "
         "Hội nghị diễn ra trong hai ngày 13-14/11/2024.", ("2024-11-14", "2024-11-14")),
    ],
    ids=["same-start-longer", "other-start"],
)
def test_meetings_context_later_range_extends_the_opening_day(process, text, expected):
    meeting = named(found(process, text), "Hội nghị Nhóm công tác")
    assert meeting.date is not None and (meeting.date.date_start, meeting.date.date_end) == expected


# --- issue 13: meeting attributes only context gives ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "meeting", "expected"),
    [
        ("Hà Nội, 22/9/2025 (TTXVN) - Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 18 vừa qua đã thông qua báo cáo.",
         "Hội nghị Bộ trưởng", None),
        ("Hà Nội, 22/9/2025 (TTXVN) - Ngày 18/9 vừa qua, Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 18 đã họp.",
         "Hội nghị Bộ trưởng", "2025-09-18"),
    ],
    ids=["bare-vua-qua", "day-nearby"],
)
def test_meetings_context_recent_past_is_not_the_dateline_day(process, text, meeting, expected):
    mention = named(found(process, text), meeting)
    assert (mention.date.date_start if mention.date else None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hội nghị Quan chức cao cấp ASEAN về môi trường lần thứ 36 diễn ra tại Malaysia - quốc gia đảm nhận vai trò "
         "Chủ tịch ASEAN 2025, ngày 18/8/2025.", "2025-08-18"),
        ("Hội nghị Quan chức cao cấp ASEAN về môi trường lần thứ 36 diễn ra tại Malaysia, với vai trò "
         "Chủ tịch ASEAN năm 2025.", "2025"),
        ("The 36th ASOEN was held in Kuala Lumpur under Malaysia's ASEAN Chairmanship 2025 on 18 August 2025.",
         "2025-08-18"),
    ],
    ids=["vi-day-wins", "vi-only-the-chair-year", "en-day-wins"],
)
def test_meetings_context_chair_year_dates_a_meeting_only_alone(process, text, expected):
    mention = found(process, text)[0]
    assert mention.date is not None and (mention.date.date_start, mention.date.date_end) == (expected, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 18 diễn ra trực tuyến kết hợp trực tiếp tại Lang-ca-uy, "
         "Malaysia.", ("Langkawi", "MY", False)),
        ("Hội nghị lần thứ 27 Ủy ban Chỉ đạo cấp Bộ trưởng Tiểu vùng về ô nhiễm khói mù xuyên biên giới diễn ra "
         "theo hình thức trực tuyến do Malaysia đăng cai.", (None, "MY", True)),
        ("Hội nghị lần thứ 27 Ủy ban Chỉ đạo cấp Bộ trưởng Tiểu vùng về ô nhiễm khói mù xuyên biên giới diễn ra "
         "theo hình thức trực tuyến do Malaysia chủ trì.", (None, None, True)),
        ("Ministers met via video conference for the 26th Meeting of the Sub-regional Ministerial Steering "
         "Committee on Transboundary Haze Pollution, hosted by Malaysia.", (None, "MY", True)),
    ],
    ids=["vi-online-then-in-person", "vi-online-host", "vi-online-chair", "en-online-host"],
)
def test_meetings_context_online_meeting_keeps_its_host_country(process, text, expected):
    mention = found(process, text)[0]
    assert (city(mention), mention.country, mention.online) == expected


def test_meetings_context_session_of_the_cop_is_one_meeting(process):
    text = ("Kỳ họp lần thứ 20 của Hội nghị các Bên tham gia Hiệp định ASEAN về ô nhiễm khói mù xuyên biên giới "
            "diễn ra ngày 18/8/2023 tại Viêng Chăn.")
    meetings = found(process, text)
    assert [(m.kind, m.ordinal, m.body) for m in meetings] == [("cop", 20, "AATHP")]
    assert meetings[0].text.endswith("xuyên biên giới")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("JAKARTA, 14 November 2024 – The 20th AMME+3 met earlier this month in Vientiane.", "2024-11"),
        ("JAKARTA, 14 November 2024 – The 15th Meeting of the Conference of the Parties to AADMER took place "
         "last October in Singapore.", "2024-10"),
        ("JAKARTA, 14 November 2024 – The 15th Meeting of the Conference of the Parties to AADMER took place "
         "last month in Singapore.", "2024-10"),
        ("Hà Nội, 20/9/2025 (TTXVN) - Khóa họp lần thứ 45 của Tiểu ban Khí tượng và Vật lý địa cầu ASEAN sẽ diễn "
         "ra vào cuối tuần này tại Hà Nội.", "2025-09"),
    ],
    ids=["earlier-this-month", "last-october", "last-month", "cuoi-tuan-nay"],
)
def test_meetings_context_relative_period_is_its_month_not_the_dateline_day(process, text, expected):
    mention = found(process, text)[0]
    assert mention.date is not None and mention.date.date_start == expected
    assert any(item.field == "date" and "date." in item.rule_id and item.rule_id != "date.vi"
               and item.rule_id != "date.en" for item in mention.evidence)


@pytest.mark.parametrize(
    ("text", "meeting", "expected"),
    [
        ("Hội nghị Cấp cao lần thứ 4 Ủy hội sông Mê Công quốc tế diễn ra tại Viên Chăn. Hội nghị cũng rà soát việc "
         "thực hiện các văn kiện đã ký và kết quả thực hiện Tuyên bố Xiêm Riệp năm 2018.", "Hội nghị Cấp cao", None),
        ("The 2nd Mekong-US Partnership Ministerial Meeting opened in Bangkok. The meeting also reviewed the work done "
         "under the Lower Mekong Initiative, which the partners started in 2009.", "2nd Mekong-US", None),
        ("Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17 khai mạc tại Viên Chăn. Hội nghị diễn ra trong hai ngày "
         "22-23/8/2023.", "Hội nghị Bộ trưởng", "2023-08-22"),
        ("The 5th ASEAN Workshop on Peatlands opened in Medan. The workshop, running 3-5 Oct 2019, gathered experts.",
         "5th ASEAN Workshop", "2019-10-03"),
    ],
    ids=["vi-year-of-a-declaration", "en-year-of-another-initiative", "vi-days-right-after", "en-days-right-after"],
)
def test_meetings_context_back_reference_dates_only_right_after_it(process, text, meeting, expected):
    """"Hội nghị diễn ra trong hai ngày …", "The workshop, running …" date the meeting a back-reference points to;
    a year farther on in the sentence is what the sentence goes on about (VI-M-X16)."""
    mention = named(found(process, text), meeting)
    assert (mention.date.date_start if mention.date else None) == expected


@pytest.mark.parametrize(
    ("text", "meeting", "expected"),
    [
        ("Hội nghị Cấp cao lần thứ 3 Ủy hội sông Mê Công quốc tế rà soát việc thực hiện Tuyên bố Hủa Hỉn năm 2010.",
         "Hội nghị Cấp cao", None),
        ("Các nước thông qua Tuyên bố chung ASEAN về Biến đổi khí hậu năm 2015 tại Hội nghị các bên tham gia công ước "
         "khung của Liên Hợp quốc về Biến đổi khí hậu lần thứ 21.", "Hội nghị các bên", None),
        ("The ministers reviewed the ASEAN Joint Statement on Climate Change 2016 at the 14th AMME.", "14th AMME",
         None),
        ("Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 13 diễn ra năm 2015 tại Hà Nội.", "Hội nghị Bộ trưởng", "2015"),
    ],
    ids=["vi-declaration-year", "vi-joint-statement-year", "en-joint-statement-year", "vi-meeting-year"],
)
def test_meetings_context_year_of_a_document_is_not_a_meeting_date(process, text, meeting, expected):
    """"Tuyên bố [city] năm [YYYY]", "[Joint Statement] [YYYY]": the year right after a document's name is the
    document's (VI-M-X17); a year said of the meeting still dates it."""
    mention = named(found(process, text), meeting)
    assert (mention.date.date_start if mention.date else None) == expected


def test_meetings_context_sidelines_list_after_semicolons(process):
    """"Bên lề [M1] đồng thời diễn ra [M2] tại [M3]; [M4]; [M5]": M2, M4 and M5 are held beside M1 (its date, and
    online as it was: its country, no city); M3, what M2 was about, is not (VI-M-X18). M1 is named again by a short
    name with a bare edition after an acronym ("Hội nghị GB ACB 22")."""
    text = ("Trong hai ngày 17 và 18 tháng 11 năm 2020, tại Hà Nội đã diễn ra Hội nghị Ban Điều hành Trung tâm Đa dạng "
            "sinh học ASEAN lần thứ 22 (gọi tắt là Hội nghị GB ACB 22) thông qua hình thức trực tuyến. Bên lề của "
            "Hội nghị GB ACB 22 đồng thời diễn ra Hội nghị ASEAN về tham vấn lập trường chung tại Hội nghị các "
            "nước thành viên Công ước Đa dạng sinh học (CBD) lần thứ 15; Hội nghị lần thứ 6 của Ban chỉ đạo Chương "
            "trình (PSC) cho Hợp tác ASEAN-Đức về đa dạng sinh học.")
    meetings = found(process, text)
    for start in ("Hội nghị ASEAN về tham vấn", "Hội nghị lần thứ 6"):
        mention = named(meetings, start)
        assert (mention.date.date_start, mention.country, mention.city, mention.online) == \
            ("2020-11-17", "VN", None, True)
        assert any(e.rule_id == "vi.place.sidelines" and e.text == "Bên lề" for e in mention.evidence)
    cop = named(meetings, "Hội nghị các nước thành viên")
    assert (cop.date, cop.country) == (None, None)


def test_meetings_context_framework_held_where_and_in_the_month_of_its_part(process):
    """"Addressing [M1], held in Bangkok, Thailand, on August 3 within the framework of [M2], …": the place after
    the comma goes on about M1, so the cue links M1 to M2; M2 was held there, in the month of M1's day (EN-M-X05)."""
    text = ("Published: 2019-08-03\n\nAddressing the 12th Mekong-Japan Foreign Ministers’ Meeting, held in Bangkok, "
            "Thailand, on August 3 within the framework of the 52nd ASEAN Foreign Ministers’ Meeting, the minister "
            "spoke of water.")
    meeting = named(found(process, text), "52nd ASEAN")
    assert (city(meeting), meeting.country, meeting.date.date_start, meeting.date.date_end) == \
        ("Bangkok", "TH", "2019-08", "2019-08")
    assert {e.rule_id for e in meeting.evidence if e.field in ("place", "date")} == {"en.place.sidelines"}


def test_meetings_context_here_after_the_venue_is_the_dateline_city(process):
    """"KUALA LUMPUR: … after chairing [M] held at [hotel] here today": "here" after the venue the meeting was held
    at is the city of the undated dateline (EN-M-X03)."""
    text = ("KUALA LUMPUR: Ministers agreed on a road map. The minister spoke after chairing the 12th Meeting of the "
            "Conference of the Parties to the ASEAN Agreement on Transboundary Haze Pollution held at Grand Hyatt "
            "hotel here today.")
    meeting = named(found(process, text), "12th Meeting")
    assert (city(meeting), meeting.country) == ("Kuala Lumpur", "MY")
    assert any(e.rule_id == "en.place.here" and e.text == "KUALA LUMPUR" for e in meeting.evidence)


@pytest.mark.parametrize(
    "lead",
    ["Tiếp tục chương trình", "Nhân dự"],
)
def test_meetings_context_programme_of_a_summit_places_what_is_attended_within_it(process, lead):
    """"Tiếp tục chương trình [M1] và các Hội nghị Cấp cao liên quan tại [city] ([country]), chiều 26/10, Thủ tướng
    tham dự [M2]": M2 is held where M1 is (VI-M-X19); the related meetings as a group are no meeting."""
    text = (f"{lead} Hội nghị Cấp cao ASEAN 47 và các Hội nghị Cấp cao liên quan tại Kuala Lumpur (Malaysia), chiều "
            "26/10, Thủ tướng tham dự Hội nghị Cấp cao lần 3 Cộng đồng châu Á phát thải bằng 0 (AZEC).")
    meetings = found(process, text)
    assert len(meetings) == 2, [m.text for m in meetings]
    mention = named(meetings, "Hội nghị Cấp cao lần 3")
    assert (city(mention), mention.country) == ("Kuala Lumpur", "MY")
    assert any(e.rule_id == "vi.place.sidelines" for e in mention.evidence)


def test_meetings_context_list_goes_on_after_a_lower_case_topic(process):
    """"Apart from [M1], the events also include [M2], the [M3] on environment and climate change, and the [M4]":
    a name's topic in lower case does not end the list, whose meetings share M1's date and place (EN-M-X06); a
    capitalised word after the topic would."""
    text = ("A delegation is attending the 34th meeting of ASEAN Senior Officials on the Environment (ASOEN) in Bogor, "
            "Indonesia, from July 31 to August 4, 2023. Apart from the 34th ASOEN meeting, the events also include "
            "the 17th ASEAN - Japan Dialogue on Environment, the ASEAN - US Senior Officials’ Meeting on environment "
            "and climate change, and the 20th meeting of ASEAN Plus Three senior officials on environment.")
    mention = named(found(process, text), "20th meeting")
    assert (city(mention), mention.country, mention.date.date_start) == ("Bogor", "ID", "2023-07-31")


def test_meetings_context_pavilion_headline_and_stamp_name_no_venue(process):
    """"COP28: Malaysia committed to …" (a headline, not a list line of editions), "at the Malaysia Pavilion on the
    sidelines of COP28" (a country's pavilion, EN-M-N07): neither names the venue; the dateline under the page's
    publication stamp does ("Published: …⏎DUBAI, Dec 2 — …", EN-M-X07)."""
    text = ("Published: 2023-12-02\nDUBAI, Dec 2 — Malaysia has pledged its support, the minister said during a "
            "forum at the Malaysia Pavilion on the sidelines of the COP28 today.")
    meetings = list(process(f"COP28: Malaysia committed to climate action, says minister\n\n{text}")._.meetings)
    dated = [m for m in meetings if m.date is not None]
    assert dated and all((city(m), m.country) == ("Dubai", "AE") for m in dated)
    assert all(m.country != "MY" for m in meetings)


def test_meetings_context_list_line_still_gives_its_venue(process):
    """A list line of past editions keeps its venue: "• Second AHP Conference Kota Kinabalu, Sabah, Malaysia (April
    2007)" (EN-M-X02); only more places and a parenthetical may follow the venue."""
    text = "Past editions:\n• Second AHP Conference Kota Kinabalu, Sabah, Malaysia (April 2007)\n• The end."
    mention = named(found(process, text), "Second AHP Conference")
    assert mention.country == "MY"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lào tổ chức thành công Hội nghị Bộ trưởng ASEAN về môi trường", "LA"),
        ("Việt Nam đã chủ trì tổ chức thành công Hội nghị liên Chính phủ COBSEA lần thứ 20.", "VN"),
        ("Laos successfully hosted the ASEAN Ministerial Meeting on Environment.", "LA"),
        ("Việt Nam sẽ đăng cai Hội nghị Quan chức cao cấp ASEAN về môi trường lần thứ 38 vào năm 2027.", None),
    ],
    ids=["vi-headline", "vi-chu-tri", "en-successfully-hosted", "vi-planned-host-is-no-venue"],
)
def test_meetings_context_host_that_held_the_meeting_names_its_country(process, text, expected):
    """"[country] (đã) (chủ trì) tổ chức thành công [M]", "[country] successfully hosted the [M]": the host that has
    held the meeting gives its country with or without a day (VI-M-B13); a planned host does not."""
    (mention,) = found(process, text)
    assert mention.country == expected


def test_meetings_context_partner_list_after_a_name_does_not_end_the_list(process):
    """"… các cuộc họp khác như [M2], đối thoại song phương với Hàn Quốc, Mỹ và Liên minh châu Âu (EU), và [M4]": the
    rest of a partner list after a name does not end the list, so M4 too is held where and when M1 is (VI-M-X20); a
    place between two names still does ("A tại Hà Nội và B")."""
    text = ("Ngày 28/7/2025, Hội nghị Quan chức cấp cao ASEAN về Môi trường lần thứ 36 khai mạc tại Malaysia. "
            "Ngoài ra, cũng sẽ có các cuộc họp khác như Đối thoại Hợp tác Môi trường ASEAN-Nhật Bản lần thứ 19, "
            "đối thoại song phương với Hàn Quốc, Mỹ và Liên minh châu Âu (EU), và đối thoại ASEAN+3.")
    mention = named(found(process, text), "đối thoại ASEAN+3")
    assert (mention.date.date_start, mention.country) == ("2025-07-28", "MY")


def test_meetings_context_stamp_words_come_from_the_runs_rules(tmp_path, process):
    """The publication stamp a dateline may stand under is read with the run's own dates.yaml: a cue word added
    there ("Issued") lets the dateline under "Issued: …" place the meeting, which the package's rules do not."""
    import shutil

    from pipeline.ingest.document import build_document
    from pipeline.nlp import make_nlp, process_document
    from pipeline.rules.loader import rules_root

    folder = tmp_path / "rules"
    shutil.copytree(str(rules_root()), folder)
    dates = folder / "dates.yaml"
    dates.write_text(dates.read_text(encoding="utf-8").replace(
        "words: [published, posted, updated, date]", "words: [published, posted, updated, date, issued]"),
        encoding="utf-8")
    text = ("Ministers meet in Dubai\n\nIssued: 2023-12-02\nDUBAI, Dec 2 — Malaysia has pledged its support at the "
            "COP28 today.")

    def dubai_meetings(doc) -> list:
        return [m for m in doc._.meetings if city(m) == "Dubai"]

    assert not dubai_meetings(process(text))
    assert dubai_meetings(process_document(make_nlp(str(folder)), build_document(text, "t.txt")))


def test_meetings_context_colon_dateline_below_a_repeated_lead_places_the_week(process):
    """EN-M-X10: a digest repeats the lead above a "CITY: …" dateline; the dateline still places the meetings of
    the week before the stamp's day, with evidence at the city of the dateline."""
    text = ("Date: 11-Aug-2016\n\nThe ministers agreed on a plan to end the haze.\n\n"
            "KUALA LUMPUR: The ministers agreed on a plan to end the haze.\n\n"
            "It was announced after the 12th Meeting of the Conference of the Parties to the ASEAN Agreement on "
            "Transboundary Haze Pollution held on Thursday (Aug 11).")
    cop = named(found(process, text), "12th Meeting")
    assert (city(cop), cop.country, cop.date.date_start) == ("Kuala Lumpur", "MY", "2016-08-11")
    evidence = [e for e in cop.evidence if e.field == "place"]
    assert [(e.text, e.rule_id) for e in evidence] == [("KUALA LUMPUR", "place.dateline")]
    assert evidence[0].start < cop.start


def test_meetings_context_colon_dateline_does_not_place_a_meeting_of_another_week(process):
    text = ("Date: 11-Aug-2016\n\nThe ministers agreed on a plan to end the haze.\n\n"
            "KUALA LUMPUR: The ministers recalled the 11th Meeting of the Conference of the Parties to the ASEAN "
            "Agreement on Transboundary Haze Pollution held on 29 October 2015.")
    assert city(named(found(process, text), "11th Meeting")) is None


@pytest.mark.parametrize(
    ("text", "start", "expected"),
    [
        ("The 23rd Meeting of the ASEAN Senior Officials on the Environment concluded in Siem Reap, Cambodia, on "
         "August 30, 2012 after three days of discussions.", "23rd Meeting", ("2012-08-28", "2012-08-30")),
        ("Chiều 24/8/2023, Hội nghị Nhóm công tác ASEAN về biến đổi khí hậu lần thứ 20 đã bế mạc tại Viên Chăn, "
         "sau ba ngày làm việc.", "Hội nghị Nhóm công tác", ("2023-08-22", "2023-08-24")),
        ("Hội nghị Nhóm công tác ASEAN về biến đổi khí hậu lần thứ 20 đã bế mạc tại Viên Chăn, sau ba ngày làm việc "
         "từ 22/8/2023.", "Hội nghị Nhóm công tác", ("2023-08-22", "2023-08-22")),
        ("The 23rd Meeting of the ASEAN Senior Officials on the Environment opened in Siem Reap on August 28, 2012 "
         "for three days of discussions.", "23rd Meeting", ("2012-08-28", "2012-08-28")),
    ],
    ids=["en-closed-after-days", "vi-closed-after-days", "vi-day-after-the-length-opens-it", "en-opened-for-days"],
)
def test_meetings_context_closing_day_and_length_give_the_opening_day(process, text, start, expected):
    """EN-M-D17, VI-M-D21 (`days_before_end`): the day said before "after three days" is the last one."""
    meeting = named(found(process, text), start)
    assert (meeting.date.date_start, meeting.date.date_end or meeting.date.date_start) == expected


def test_meetings_context_closing_length_evidence_points_at_the_cue(process):
    text = ("The 23rd Meeting of the ASEAN Senior Officials on the Environment concluded in Siem Reap, Cambodia, on "
            "August 30, 2012 after three days of discussions.")
    meeting = named(found(process, text), "23rd Meeting")
    assert [(e.text, e.rule_id) for e in meeting.evidence if e.rule_id == "en.date.closed_after_days"] == [
        ("concluded in Siem Reap, Cambodia, on August 30, 2012 after three days", "en.date.closed_after_days")]


@pytest.mark.parametrize(
    ("text", "start", "expected"),
    [
        ("The 6th East Asia Summit Environment Ministers Meeting was held on 18 October 2018 in Singapore, following "
         "the ASEAN Plus Three Environment Ministers Meeting the day before.", "ASEAN Plus Three",
         ("2018-10-17", "Singapore", "en.date.day_before")),
        ("ASEAN leaders met at the 23rd ASEAN Summit on 9 October 2013 in Bandar Seri Begawan, Brunei Darussalam. "
         "The leaders also attended the 8th East Asia Summit the next day.", "8th East Asia",
         ("2013-10-10", "Bandar Seri Begawan", "en.date.next_day")),
        ("Ngày 20/8/2015, Hội nghị lần thứ 5 Tiểu ban chỉ đạo cấp Bộ trưởng về ô nhiễm khói mù xuyên biên giới của "
         "tiểu vùng Mê Công diễn ra tại Nê-pi-đô (Myanmar). Một ngày trước đó, Cuộc họp lần thứ 11 Nhóm công tác kỹ "
         "thuật tiểu vùng Mê Công đã được tổ chức.", "Cuộc họp",
         ("2015-08-19", "Nay Pyi Taw", "vi.date.day_before_lead")),
        ("Hội nghị Bộ trưởng Môi trường ASEAN+3 lần thứ 16 đã diễn ra ngày 11/10/2019 tại Xiêm Riệp, một ngày sau "
         "AMME 15.", "AMME", ("2019-10-10", "Siem Reap", "vi.date.one_day_after_of")),
    ],
    ids=["en-day-before", "en-next-day", "vi-mot-ngay-truoc-do", "vi-mot-ngay-sau"],
)
def test_meetings_context_a_day_from_the_reported_meeting(process, text, start, expected):
    """EN-M-X12, VI-M-X23 (`day_offsets`): the meeting the phrase speaks of takes the reported meeting's day moved by
    the offset, and its place, with the phrase as the evidence of both."""
    meeting = named(found(process, text), start)
    day, place, rule = expected
    assert (meeting.date.date_start, meeting.date.date_end, city(meeting)) == (day, day, place)
    assert {e.field for e in meeting.evidence if e.rule_id == rule} == {"date", "place"}


def test_meetings_context_a_day_offset_keeps_a_day_said(process):
    text = ("Ngày 28/11/2019, Phiên họp lần thứ 26 của Hội đồng Ủy hội sông Mê Công quốc tế diễn ra tại Viêng Chăn. "
            "Một ngày trước đó, hôm 25/11, cũng tại Viêng Chăn, Phiên họp lần thứ 51 của Ủy ban Liên hợp đã họp.")
    meeting = named(found(process, text), "Phiên họp lần thứ 51")
    assert meeting.date.date_start == "2019-11-25"
