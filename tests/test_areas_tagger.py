"""Tests of pipeline/tag/areas.py: sentences tagged with cooperation areas from the cues of the taxonomy."""

from __future__ import annotations

import pytest

from pipeline.rules.models import AreaTaxonomy
from pipeline.tag.areas import area_hits, areas_of


def areas(rules, text: str, lang: str) -> list[str]:
    return areas_of(area_hits(rules.areas, text, 0, len(text), lang))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hội nghị bàn về ứng phó với biến đổi khí hậu.", ["climate_change"]),
        ("Việt Nam cam kết đạt mức phát thải ròng bằng “0”.", ["climate_change"]),
        ("Các nước bảo vệ nguồn nước sông Mê Công.", ["water_resources"]),
        ("Hợp tác quản lý tài nguyên nước được tăng cường.", ["water_resources"]),
        ("Bảo tồn đa dạng sinh học và Vườn di sản ASEAN.", ["biodiversity"]),
        ("Quản lý rác thải nhựa đại dương.", ["chemicals_waste", "marine_coastal"]),
        ("Giải thưởng Thành phố bền vững về môi trường ASEAN.", ["sustainable_cities"]),
    ],
)
def test_areas_tagger_strong_vietnamese_cues_tag(rules, text, expected):
    assert areas(rules, text, "vi") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ministers discussed climate change.", ["climate_change"]),
        ("ASEAN aims for net-zero emissions.", ["climate_change"]),
        ("The Mekong River Commission met.", ["water_resources"]),
        ("Integrated water resources management was discussed.", ["water_resources"]),
        ("ASEAN Heritage Parks protect biodiversity.", ["biodiversity"]),
        ("Coastal and marine environment.", ["marine_coastal"]),
        (
            "Ministers discussed climate change and marine debris.",
            ["chemicals_waste", "climate_change", "marine_coastal"],
        ),
    ],
)
def test_areas_tagger_english_cues_tag(rules, text, expected):
    assert areas(rules, text, "en") == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Các nước thành viên ASEAN nhất trí tăng cường hợp tác.", "vi"),
        ("Các nước thành viên đã họp tại Hà Nội.", "vi"),
        ("Đoàn công tác đến nhiều nước trong khu vực.", "vi"),
        ("Overseas development assistance grew.", "en"),
        ("The investment climate improved.", "en"),
        ("The city of Vientiane hosted the meeting.", "en"),
    ],
)
def test_areas_tagger_ambiguous_words_do_not_tag(rules, text, lang):
    assert areas(rules, text, lang) == []


def test_areas_tagger_nuoc_thanh_vien_is_not_water_resources(rules):
    assert "water_resources" not in areas(rules, "Các nước thành viên cam kết hợp tác về biến đổi khí hậu.", "vi")


@pytest.mark.parametrize(("text", "lang"), [("climate change", "vi"), ("biến đổi khí hậu", "en")])
def test_areas_tagger_cues_apply_to_their_own_language(rules, text, lang):
    assert areas(rules, text, lang) == []


def test_areas_tagger_hits_are_inside_the_sentence_span(rules):
    text = "Biến đổi khí hậu. Hội nghị bàn về đa dạng sinh học. Rác thải nhựa đại dương."
    start, end = text.index("Hội nghị"), text.index(" Rác")
    hits = area_hits(rules.areas, text, start, end, "vi")
    assert [h.area for h in hits] == ["biodiversity"]
    assert all(text[h.start : h.end] == h.text and start <= h.start and h.end <= end for h in hits)


WEAK_TAXONOMY = AreaTaxonomy.model_validate(
    {
        "changelog": ["test"],
        "areas": [
            {
                "key": "water_resources",
                "label_vi": "Nước",
                "label_en": "Water",
                "note": "test taxonomy",
                "cues": [
                    {
                        "id": "t.water.nuoc",
                        "lang": "vi",
                        "pattern": "nước",
                        "strong": False,
                        "note": "weak word",
                    },
                    {
                        "id": "t.water.song",
                        "lang": "vi",
                        "pattern": "sông",
                        "strong": False,
                        "note": "weak word",
                    },
                    {
                        "id": "t.water.tnn",
                        "lang": "vi",
                        "pattern": "tài nguyên nước",
                        "note": "strong phrase",
                    },
                ],
            }
        ],
    }
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Các nước thành viên đã họp.", []),  # one weak cue
        ("Các nước và các nước khác.", []),  # the same weak cue twice
        ("Nước sông dâng cao.", ["water_resources"]),  # two different weak cues
        ("Quản lý tài nguyên nước.", ["water_resources"]),  # a strong cue alone
    ],
)
def test_areas_tagger_weak_cues_need_a_different_partner(text, expected):
    assert areas_of(area_hits(WEAK_TAXONOMY, text, 0, len(text), "vi")) == expected


def test_areas_tagger_pipeline_tags_each_sentence(process):
    doc = process("Tiêu đề bản tin\n\nHội nghị bàn về biến đổi khí hậu. Các nước thành viên đã họp.")
    assert [areas_of(hits) for hits in doc._.area_hits] == [[], ["climate_change"], []]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Các nước tiểu vùng sông Mê Công họp về khói mù.", ["transboundary_haze"]),  # VI-A-01: the region's name
        ("Hợp tác cải thiện môi trường đô thị ở khu vực sông Mekong.", []),
        ("Quản lý bền vững lưu vực sông Mê Công.", ["water_resources"]),
        ("Ủy hội sông Mê Công quốc tế họp thường niên.", ["water_resources"]),
    ],
)
def test_areas_tagger_mekong_region_is_not_water(rules, text, expected):
    assert areas(rules, text, "vi") == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # VI-A-02 / EN-A-02: early warning and emergency response alone belong to several areas
        ("Các nước duy trì cảnh báo sớm cháy rừng ở vùng đất than bùn.", "vi", ["transboundary_haze"]),
        ("Hệ thống cảnh báo sớm và ứng phó khẩn cấp được nâng cấp.", "vi", ["disaster_management"]),
        ("Hệ thống cảnh báo sớm thiên tai được nâng cấp.", "vi", ["disaster_management"]),
        ("Members renewed their offer of help for emergency response.", "en", []),
        ("Early warning systems now watch hotspots.", "en", ["transboundary_haze"]),
        ("The programme helped countries cope with natural disasters and grow.", "en", []),
        ("Brigades were set up for disaster emergency response.", "en", ["disaster_management"]),
        ("Ministers stressed reducing disaster risks.", "en", ["disaster_management"]),
        ("The ASEAN Agreement on Disaster Management entered into force.", "en", ["disaster_management"]),
    ],
)
def test_areas_tagger_warning_and_response_are_weak(rules, text, lang, expected):
    assert areas(rules, text, lang) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rác thải nhựa đe dọa hệ sinh thái biển.", ["chemicals_waste", "marine_coastal"]),  # VI-A-03
        ("Phục hồi các hệ sinh thái rừng ngập mặn.", ["biodiversity"]),
        ("Hợp tác về các thành phố môi trường bền vững.", ["sustainable_cities"]),  # VI-A-04
        ("Hợp tác ASEAN về tiêu dùng và sản xuất bền vững.", ["green_economy"]),  # VI-A-05
    ],
)
def test_areas_tagger_vietnamese_area_forms(rules, text, expected):
    assert areas(rules, text, "vi") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Partners seek resource efficient and circular economies.", ["circular_economy"]),  # EN-A-03
        ("A campaign will educate the public on preventing fires.", ["environmental_education"]),  # EN-A-04
    ],
)
def test_areas_tagger_english_area_forms(rules, text, expected):
    assert areas(rules, text, "en") == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # VI-A-06: awareness-raising alone is one means in a list
        ("Cần nâng cao nhận thức, hoàn thiện chính sách cho 3R.", "vi", []),
        ("Chương trình nhằm nâng cao nhận thức của giới trẻ về thiên nhiên.", "vi", ["environmental_education"]),
        ("Nâng cao nhận thức cộng đồng về bảo vệ môi trường.", "vi", ["environmental_education"]),
        # EN-A-05: sea-level rise is a climate impact
        ("The region is exposed to sea-level rise and heat.", "en", []),
        ("Plastic reaches the seas.", "en", ["chemicals_waste", "marine_coastal"]),
    ],
)
def test_areas_tagger_awareness_and_sea_level(rules, text, lang, expected):
    assert areas(rules, text, lang) == expected
