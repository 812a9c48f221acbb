"""Tests of the meeting forms of real bulletins (issue 13, CONSTRUCTIONS.md section 4: VI-M-B07, VI-M-B08,
VI-M-N01, VI-M-N02, VI-M-X11, VI-M-X12, EN-M-B01…B04, EN-M-N01…N04, EN-M-X01, EN-M-X02): bodies written out or
in mixed case, names that are parts of a meeting or plural, meetings of the same event, the host named before
the meeting, and lists of past editions with their venues. Every text is written for the test."""

from __future__ import annotations

import pytest

VI_TITLE = "Tiêu đề bản tin"
EN_TITLE = "News of the week"


def found(process, text: str) -> list:
    title = EN_TITLE if text.isascii() or "’" in text else VI_TITLE
    return list(process(f"{title}\n\n{text}")._.meetings)


def named(meetings: list, start: str):
    hits = [m for m in meetings if m.text.startswith(start)]
    assert len(hits) == 1, [m.text for m in meetings]
    return hits[0]


@pytest.mark.parametrize(
    ("text", "start", "body"),
    [
        ("Các nước bàn về dự thảo tại Hội nghị các bên tham gia công ước khung của Liên hợp quốc về biến đổi khí "
         "hậu lần thứ 29.", "Hội nghị các bên", "UNFCCC"),
        ("Ngày 12/9/2024, Hội nghị lần thứ 19 các quốc gia thành viên tham gia Hiệp định ASEAN về kiểm soát ô nhiễm "
         "khói mù xuyên biên giới đã họp.", "Hội nghị lần thứ 19", "AATHP"),
        ("Hội nghị Bộ trưởng Mê Kông - Hàn Quốc lần thứ 5 đã họp tại Bangkok.", "Hội nghị Bộ trưởng", "Mekong-Korea"),
        ("Leaders will meet at the 48th Asean Summit next month.", "48th Asean Summit", "ASEAN"),
        ("The 16th Ministerial Steering Committee (MSC) Meeting on Transboundary Haze Pollution opened today.",
         "16th Ministerial Steering Committee", "MSC"),
        ("They reviewed the outcome of the 16th conference of the parties to the UNFCCC.", "16th conference", "UNFCCC"),
        ("They prepared for the 6th conference of the parties to the Kyoto Protocol.", "6th conference", "CMP"),
        ("The Seventh AHP Conference will be held in Pakse.", "Seventh AHP Conference", "ACB"),
    ],
)
def test_meetings_real_forms_body(process, text: str, start: str, body: str) -> None:
    assert named(found(process, text), start).body == body


@pytest.mark.parametrize(
    "text",
    [
        "Phát biểu khai mạc Phiên họp toàn thể, Thủ tướng nhấn mạnh ý nghĩa của hội nghị.",
        "Ban Thư ký đã nêu nội dung của các Cuộc họp ASEAN và các sự kiện liên quan.",
        "Đoàn đã dự các Hội nghị Cấp cao liên quan và các cuộc họp có liên quan.",
        "Members must work with ASEAN Dialogue Partners and other actors.",
    ],
)
def test_meetings_real_forms_no_meeting(process, text: str) -> None:
    assert found(process, text) == []


def test_meetings_real_forms_special_meeting(process) -> None:
    meeting = named(found(process, "They heard the result of the AWGCC special meeting in Bangkok on May 3, 2012."),
                    "AWGCC special meeting")
    assert (meeting.body, meeting.city.name_en if meeting.city else None) == ("AWGCC", "Bangkok")


def test_meetings_real_forms_other_meetings_of_the_event(process) -> None:
    text = ("Từ ngày 14 đến ngày 16/8/2024, Bộ Môi trường của Lào sẽ đăng cai Hội nghị Quan chức cấp cao ASEAN về "
            "Môi trường lần thứ 35. Tiếp theo sẽ là cuộc họp Hội đồng Quản trị Trung tâm đa dạng sinh học ASEAN. "
            "Ngoài ra còn có các cuộc họp khác như Đối thoại Hợp tác Môi trường ASEAN-Hàn Quốc lần thứ 9 và đối "
            "thoại ASEAN+3.")
    meetings = found(process, text)
    lead = named(meetings, "Hội nghị Quan chức")
    assert (lead.country, lead.date.date_start) == ("LA", "2024-08-14")
    assert any(e.rule_id == "vi.place.host_before" for e in lead.evidence)
    for start in ("cuộc họp Hội đồng", "Đối thoại Hợp tác", "thoại ASEAN+3"):
        meeting = next(m for m in meetings if start in m.text)
        assert (meeting.country, meeting.date.date_start) == ("LA", "2024-08-14"), start
        assert any(e.field == "place" for e in meeting.evidence)


def test_meetings_real_forms_planned_host_is_no_venue(process) -> None:
    meeting = named(found(process, "Campuchia sẽ đăng cai Hội nghị ASOEN lần thứ 39 vào năm 2028."), "Hội nghị ASOEN")
    assert meeting.country is None


def test_meetings_real_forms_before_and_after_sessions(process) -> None:
    text = ("Hội nghị Bộ trưởng ASEAN về nước diễn ra năm 2021 tại Indonesia. Trước Hội nghị Bộ trưởng có phiên họp "
            "của các quan chức cao cấp ASEAN và sau Hội nghị có phiên họp giữa Bộ trưởng các nước ASEAN với đối tác.")
    meetings = found(process, text)
    for start in ("phiên họp của", "phiên họp giữa"):
        meeting = named(meetings, start)
        assert (meeting.country, meeting.date.date_start) == ("ID", "2021"), start


def test_meetings_real_forms_caption_line_is_not_the_lead(process) -> None:
    text = ("Người dân dọn rác tại bãi biển Mỹ Khê (Đà Nẵng)\n"
            "Hội nghị Bộ trưởng ASEAN về rác thải biển họp tại Thái Lan.")
    meeting = named(found(process, text), "Hội nghị Bộ trưởng")
    assert (meeting.city, meeting.country) == (None, "TH")


def test_meetings_real_forms_host_country_phrase(process) -> None:
    text = "Hội nghị Bộ trưởng ASEAN về rác thải biển do nước chủ nhà Thái Lan đăng cai tổ chức."
    assert named(found(process, text), "Hội nghị Bộ trưởng").country == "TH"


def test_meetings_real_forms_list_of_editions(process) -> None:
    text = ("Four conferences have been held so far:\n"
            "• Second AHP Conference Kota Kinabalu, Sabah, Malaysia (April 2007)\n"
            "• Third AHP Conference Brunei Darussalam (June 2010)\n")
    meetings = found(process, text)
    second, third = named(meetings, "Second AHP"), named(meetings, "Third AHP")
    assert (second.city.name_en if second.city else None, second.country) == ("Kota Kinabalu", "MY")
    assert third.country == "BN"
    assert any(e.rule_id == "place.list_item" for e in second.evidence)


# --- issue 13, second pass (CONSTRUCTIONS.md 4d: VI-M-B10, EN-M-B05, EN-M-N05, EN-M-X03) ----------------------


@pytest.mark.parametrize(
    ("text", "start", "body"),
    [
        ("Diễn đàn Hợp tác Tài nguyên nước Mê Công-Lan Thương lần thứ ba sẽ họp tại Côn Minh.", "Diễn đàn", "MLC"),
        ("The third Lancang-Mekong Foreign Ministers’ Meeting was held in Dali.", "third Lancang-Mekong", "MLC"),
        ("Một hội nghị cấp cao Nhật Bản-Mekong sẽ diễn ra tại Tokyo.", "hội nghị cấp cao", "Mekong-Japan"),
        ("The 35th ASEAN Senior Officials’ Meeting on Environment opened in Hanoi.", "35th ASEAN Senior", "ASOEN"),
    ],
)
def test_meetings_real_forms_series_without_their_long_name(process, text: str, start: str, body: str) -> None:
    assert named(found(process, text), start).body == body


def test_meetings_real_forms_name_stops_at_a_line_break(process) -> None:
    text = ("You are here: Front page\n"
            "Ministerial Meeting of Lancang-Mekong Water Resources Cooperation opens in Kunming\n"
            "Ministry site   2021-03-09 10:15\n\n"
            "On March 2, 2021, the Ministerial Meeting of Lancang-Mekong Water Resources Cooperation opened.")
    meetings = found(process, text)
    first = min(meetings, key=lambda m: m.start)
    assert first.text.startswith("Ministerial Meeting")
    assert first.date is None or first.date.date_start != "2021-03-09"


def test_meetings_real_forms_colon_dateline_and_here(process) -> None:
    text = ("Delegates posing for a photo after the opening. — Bernama\n"
            "PENANG: The ministers agreed on a common position, said the minister after chairing the 21st Asean "
            "Ministerial Meeting on the Environment (AMME-21) here yesterday.")
    meeting = named(found(process, text), "21st Asean")
    assert (meeting.city.name_en if meeting.city else None, meeting.country) == ("Penang", "MY")
    assert any(e.rule_id == "en.place.here" for e in meeting.evidence)


def test_meetings_real_forms_here_needs_a_dateline(process) -> None:
    text = "The minister spoke after chairing the 21st Asean Ministerial Meeting on the Environment here yesterday."
    assert named(found(process, text), "21st Asean").city is None


def test_meetings_real_forms_dateline_day_gives_way_to_the_list_date(process) -> None:
    """"CITY, D Month YYYY – … at [A] and [B] and related meetings on 17-20 October": the dateline's day is when
    the bulletin was filed; the list's own dates are both meetings' (the en inventory's agency datelines)."""
    text = ("BANGKOK, 20 October 2022 – ASEAN agreed on new steps at the 10th ASEAN Ministerial Meeting on Disaster "
            "Management (AMMDM) and the 11th Meeting of the Conference of the Parties to the ASEAN Agreement on "
            "Disaster Management and Emergency Response and related meetings on 17-20 October.")
    meetings = found(process, text)
    for start in ("10th ASEAN", "11th Meeting"):
        assert named(meetings, start).date.date_start == "2022-10-17", start


def test_meetings_real_forms_dateline_day_when_nothing_else_dates_it(process) -> None:
    text = "VIENTIANE, 24 August 2023 – The 17th ASEAN Ministerial Meeting on the Environment adopted a statement."
    assert named(found(process, text), "17th ASEAN").date.date_start == "2023-08-24"


def test_meetings_real_forms_partner_in_the_abbreviation_is_no_venue(process) -> None:
    """"(1st AMMDM Plus ROK)": a partner inside the meeting's own abbreviation is not where it was held."""
    text = ("The ministers also attended the First ASEAN-Republic of Korea Ministerial Meeting on Disaster "
            "Management (1st AMMDM Plus ROK).")
    assert named(found(process, text), "First ASEAN").country is None


def test_meetings_real_forms_parenthetical_opening_with_a_place(process) -> None:
    text = "The ministers met at the 25th Conference of the Parties to the UNFCCC (Madrid, Spain, December 2019)."
    assert named(found(process, text), "25th Conference").country == "ES"


def test_meetings_real_forms_the_events_also_include(process) -> None:
    """"Apart from [M1], the events also include [M2], [M3]": meetings of the same event take its date and place
    (EN-M-X01)."""
    text = ("Officials are attending the 34th ASEAN Senior Officials Meeting on the Environment (ASOEN) and related "
            "meetings in Bogor, Indonesia, from 31 July to 4 August 2023. Apart from the 34th ASOEN meeting, the "
            "events also include the 17th ASEAN-Japan Dialogue on Environment and the 3rd ASEAN-Republic of Korea "
            "Dialogue on Environment and Climate Change.")
    meetings = found(process, text)
    for start in ("17th ASEAN-Japan", "3rd ASEAN"):
        meeting = named(meetings, start)
        assert (meeting.date.date_start, meeting.country) == ("2023-07-31", "ID"), start


@pytest.mark.parametrize(
    "text",
    ["The draft will be proposed to the 28th United Nations Climate Change Conference (COP28) in Dubai.",
     "Leaders went to the UN Climate Change Conference (COP26) in Glasgow.",
     "Thủ tướng dự Hội nghị Liên hợp quốc về biến đổi khí hậu lần thứ 26 (COP26) tại Glasgow."],
)
def test_meetings_real_forms_un_climate_change_conference_is_unfccc(process, text: str) -> None:
    (meeting,) = found(process, text)
    assert (meeting.body, meeting.kind) == ("UNFCCC", "cop")


def test_meetings_real_forms_date_between_two_names_leads_the_second(process) -> None:
    """"Mở đầu chuỗi [M1], ngày 25/8, [M2] đã diễn ra tại …": the date after a comma, right before a name, is the
    lead of that meeting's clause."""
    text = ("Mở đầu trong chuỗi Hội nghị các quan chức cao cấp ASEAN về môi trường lần thứ 25 (ASOEN 25), ngày "
            "25/8/2014, Hội nghị Hội đồng Ban Quản trị của Trung tâm đa dạng sinh học ASEAN lần thứ 16 đã diễn ra "
            "tại Viên Chăn, Lào.")
    meeting = named(found(process, text), "Hội nghị Hội đồng")
    assert meeting.date.date_start == "2014-08-25"


def test_meetings_real_forms_within_the_framework_of_shares_the_venue(process) -> None:
    """"A within the framework of B": A takes B's place; where only A says where, B was held there too."""
    text = ("The 52nd ASEAN Foreign Ministers’ Meeting was held in Bangkok, Thailand, on 31 July 2019. The 12th "
            "Mekong-Japan Foreign Ministers’ Meeting took place on 3 August 2019 within the framework of the 52nd "
            "ASEAN Foreign Ministers’ Meeting.")
    assert named(found(process, text), "12th Mekong-Japan").country == "TH"
    text = ("The 9th Lower Mekong Initiative Ministerial Meeting was held in Vientiane within the framework of the "
            "49th ASEAN Foreign Ministers’ Meeting.")
    meeting = named(found(process, text), "49th ASEAN")
    assert meeting.country == "LA"
    assert any(e.rule_id == "en.place.sidelines" for e in meeting.evidence)


def test_meetings_real_forms_date_leads_a_name_after_its_article(process) -> None:
    """"Within [M1], on 3 May, the [M2] …": the article of `date_lead_words` may stand between the date's comma and
    the later name, and the date is still that meeting's; a word that is not one keeps it off."""
    text = ("Within the 49th ASEAN Foreign Ministers’ Meeting in 2016, on 24 July 2016, the 9th Lower Mekong "
            "Initiative Ministerial Meeting was held in Vientiane.")
    assert named(found(process, text), "9th Lower Mekong").date.date_start == "2016-07-24"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Ngày 4/4, tại Viên Chăn diễn ra Hội nghị cấp Bộ trưởng chuẩn bị cho Hội nghị Cấp cao Ủy hội sông Mê Công "
         "quốc tế lần thứ 4.", "Hội nghị cấp Bộ trưởng"),
        ("Bên lề của Hội nghị GB ACB 22 đồng thời diễn ra Hội nghị ASEAN về tham vấn.", "Hội nghị GB ACB 22"),
        ("Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 13 đạt được nhiều kết quả.",
         "Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 13"),
    ],
    ids=["chuan-bi-cho", "dong-thoi", "dat"],
)
def test_meetings_real_forms_vietnamese_name_ends_before_a_verb(process, text: str, name: str) -> None:
    """"[M1] chuẩn bị cho [M2]", "[M] đồng thời diễn ra", "[M] đạt được": the verb or connective ends the name, so the
    name is the one the title and other mentions give (VI-M-N07)."""
    assert name in [m.text for m in found(process, text)]


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("The 18th Conference of the Parties to the Convention on International Trade in Endangered Species of Wild "
         "Fauna and Flora (CITES) opened in Geneva.", "18th Conference of the Parties"),
        ("ASEAN ministers issued a statement at the 13th Conference of the Parties to CITES in Bangkok.",
         "13th Conference of the Parties"),
        ("Hội nghị các Bên tham gia Công ước CITES lần thứ 19 diễn ra tại Panama.", "Hội nghị các Bên"),
    ],
    ids=["en-written-out", "en-acronym", "vi-acronym"],
)
def test_meetings_real_forms_cites_cop_names_its_convention(process, text: str, start: str) -> None:
    """A COP of the wildlife-trade convention has body CITES, and its English name runs through the convention's
    name, which goes on in lower case ("… International Trade in Endangered Species …", EN-M-B07)."""
    meeting = named(found(process, text), start)
    assert (meeting.body, meeting.kind) == ("CITES", "cop")
    assert "CITES" in meeting.text or "Công ước CITES" in meeting.text


@pytest.mark.parametrize(
    ("text", "start", "body"),
    [
        ("Hội nghị lần thứ 6 của Ban chỉ đạo Chương trình (PSC) cho Hợp tác ASEAN-Đức diễn ra tại Hà Nội.",
         "Hội nghị lần thứ 6", "PSC"),
        ("The ministers then met at the 20th Meeting of the Committee (COM-20) in Langkawi.", "20th Meeting", "COM"),
        ("The 2nd Meeting of ADRP reviewed the platform's work.", "2nd Meeting of ADRP", "ADRP"),
        ("The 3rd Meeting of the Joint Task Force (EU) met in Brussels.", "3rd Meeting", None),
    ],
    ids=["vi-parenthesis", "en-parenthesis-with-edition", "en-of-acronym", "en-known-partner-is-no-body"],
)
def test_meetings_real_forms_body_from_the_acronym_a_name_gives(process, text: str, start: str, body) -> None:
    """A meeting of a body the gazetteers do not know takes the acronym its name gives that body (VI-M-B11); an
    acronym that is a known partner or place is none."""
    meeting = named(found(process, text), start)
    assert meeting.body == body
    if body:
        assert any(e.field == "body" and e.text == body and e.rule_id.endswith("acronym_in_name")
                   for e in meeting.evidence)


def test_meetings_real_forms_acronym_in_parentheses_inside_a_name(process) -> None:
    """"At the Sixth Lancang-Mekong Cooperation (LMC) Foreign Ministers' Meeting held in [city], …": the acronym of
    the series between two words of the name does not cut it (EN-M-B04b), so the meeting is found with its body,
    edition, place and date."""
    text = ("At the Sixth Lancang-Mekong Cooperation (LMC) Foreign Ministers' Meeting held in Chongqing, China, on "
            "June 8, 2021, the ministers met.")
    meeting = named(found(process, text), "Sixth Lancang-Mekong")
    assert (meeting.body, meeting.ordinal, meeting.city.name_en, meeting.date.date_start) == \
        ("MLC", 6, "Chongqing", "2021-06-08")


@pytest.mark.parametrize(
    "text",
    [
        "Hội nghị ASOEN 21 có sự tham gia của đại biểu các nước ASEAN và 6 nước đối thoại gồm Nhật Bản, Hàn Quốc.",
        "Ngoài ra, đại diện cấp cao của hai nước đối tác đối thoại gồm Trung Quốc và Myanmar cũng sẽ tham dự.",
        "Lãnh đạo hai nước đối thoại (Trung Quốc và Myanmar) dự phiên toàn thể.",
    ],
)
def test_meetings_real_forms_a_dialogue_partner_is_no_dialogue(process, text):
    """VI-M-N20: "nước đối thoại", "đối tác đối thoại" name a partner of a grouping, not a dialogue meeting."""
    assert all("đối thoại" not in m.text for m in found(process, text))


def test_meetings_real_forms_bare_technical_subgroup_is_the_haze_twg(process):
    """VI-M-B17: "Hội nghị Tiểu nhóm kỹ thuật lần thứ [N]" (the bare name, after the subgroup was named in full)
    is the haze TWG, as "the Technical Working Group" is in English."""
    text = "Các đại biểu đã nghe báo cáo kết quả của Hội nghị Tiểu nhóm kỹ thuật lần thứ 12."
    meeting = named(found(process, text), "Hội nghị Tiểu nhóm kỹ thuật")
    assert (meeting.body, meeting.ordinal) == ("TWG", 12)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Việc Hà Nội đăng cai Hội nghị Hội đồng Nước châu Á lần thứ 23 vào ngày 5 - 6/11/2025 là dấu mốc quan trọng.",
         ("Hanoi", "VN")),
        ("Hà Nội sẽ đăng cai Hội nghị Nhóm công tác ASEAN về biến đổi khí hậu lần thứ 40 vào năm 2030.",
         (None, None)),
    ],
    ids=["city-hosts-a-dated-meeting", "city-plans-to-host"],
)
def test_meetings_real_forms_a_city_before_the_host_verb_is_the_venue(process, text, expected):
    """VI-M-B18: "[city] (sẽ) đăng cai [M]" gives a meeting dated to the day its city and country, with evidence at
    the city; a planned host of a meeting with only a year is no venue yet, as for a country."""
    meeting = named(found(process, text), "Hội nghị")
    assert ((meeting.city.name_en if meeting.city else None), meeting.country) == expected
    if expected[0]:
        assert [(e.text, e.rule_id) for e in meeting.evidence if e.field == "place"] == [
            ("Hà Nội", "vi.place.host_before")]


@pytest.mark.parametrize(
    ("text", "start", "expected"),
    [
        ("The 17th ASEAN Ministerial Meeting on the Environment opened in the Lao capital on August 23, 2023.",
         "17th ASEAN", ("Vientiane", "LA")),
        ("The 34th Meeting of the ASEAN Senior Officials on the Environment opened in the Indonesian capital on "
         "August 8, 2023, with Timor-Leste as an observer.", "34th Meeting", ("Jakarta", "ID")),
        ("Ngày 13/11/2022, Hội nghị Cấp cao Đông Á lần thứ 17 diễn ra tại thủ đô Campuchia.", "Hội nghị Cấp cao",
         ("Phnom Penh", "KH")),
    ],
    ids=["en-lao-capital", "en-indonesian-capital-not-the-observer", "vi-thu-do-campuchia"],
)
def test_meetings_real_forms_a_capital_named_by_its_country_is_the_city(process, text, start, expected):
    """EN-M-P11 / VI-M-P11: "in the Lao capital", "tại thủ đô Campuchia" name the capital (gazetteers/cities.yaml)."""
    meeting = named(found(process, text), start)
    assert (meeting.city.name_en, meeting.country) == expected


@pytest.mark.parametrize(
    ("text", "start", "country"),
    [
        ("Published: 2 September 2022\n\nThailand hosted the 11th Meeting of the Sub-regional Ministerial Steering "
         "Committee on Transboundary Haze Pollution in the Mekong Sub-region online yesterday.", "11th Meeting", "TH"),
        ("Indonesia will host the 16th AMME online from 21 to 22 October 2021.", "16th AMME", "ID"),
    ],
    ids=["hosted-online", "will-host-online"],
)
def test_meetings_real_forms_an_online_meeting_keeps_the_host_named_before_it(process, text, start, country):
    """EN-M-X11: "[country] hosted / will host the [M] online …" gives the online meeting its host's country and
    no city (CONVENTIONS: online, the host's country only where the text says it hosted)."""
    meeting = named(found(process, text), start)
    assert (meeting.online, meeting.city, meeting.country) == (True, None, country)


@pytest.mark.parametrize("ordinal", ["Twenty-first", "Twenty-First", "Twenty-ninth"])
def test_meetings_real_forms_a_compound_ordinal_in_lower_case_is_the_edition(process, ordinal):
    """EN-M-O14: "[Tens]-[unit] Meeting of the MRC Council" with the unit in lower case keeps its tens."""
    meeting = named(found(process, f"The {ordinal} Meeting of the MRC Council was held on 15 January 2015."), ordinal)
    assert (meeting.ordinal, meeting.body) == (21 if "first" in ordinal.lower() else 29, "MRC")


@pytest.mark.parametrize(
    ("text", "start", "expected"),
    [
        ("The ASEAN Committee on Disaster Management (ACDM) held its 45th meeting in Yogyakarta on 11 October 2022.",
         "45th meeting", (45, "ACDM", ["ACDM"])),
        ("The meeting was preceded by the MRC Joint Committee's 34th meeting on 28 November 2011.", "MRC Joint",
         (34, "MRC", [])),  # the owner runs into the name: its body is the name's
    ],
    ids=["its-nth-meeting", "possessive-nth-meeting"],
)
def test_meetings_real_forms_an_edition_owned_by_the_body_before_it(process, text, start, expected):
    """EN-M-N09: "[body] held its 45th meeting", "[body]'s 34th meeting": a meeting of the body named before it."""
    meeting = named(found(process, text), start)
    ordinal, body, owner = expected
    assert (meeting.ordinal, meeting.body) == (ordinal, body)
    assert [e.text for e in meeting.evidence if e.rule_id == "en.meeting.head.owned_edition"] == owner


@pytest.mark.parametrize("text", ["The city marked its 45th anniversary.", "It was their 45th meeting this year."])
def test_meetings_real_forms_an_owned_edition_needs_its_owner_and_a_meeting(process, text):
    assert found(process, text) == []


def test_meetings_real_forms_the_cop_a_committee_meets_under_is_no_meeting(process):
    """EN-M-N10: "[N]th Meeting of the Committee (COM-N) under the Conference of the Parties to [the haze agreement]"
    is one meeting, of the committee; "here" after it is the dateline's city."""
    text = ("LANGKAWI, Sept 3 (Bernama) -- The 20th Meeting of the Committee (COM-20) under the Conference of the "
            "Parties to the ASEAN Agreement on Transboundary Haze Pollution was held here yesterday.")
    meetings = found(process, f"Published: 2025-09-03\n\n{text}")
    assert [(m.text, m.body, m.country) for m in meetings] == [("20th Meeting of the Committee (COM-20)", "COM", "MY")]
