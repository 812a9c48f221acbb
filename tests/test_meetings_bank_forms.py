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
