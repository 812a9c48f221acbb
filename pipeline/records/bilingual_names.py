"""Bilingual meeting names composed from a meeting's attributes, whichever language it was found in.

"17th ASEAN Ministerial Meeting on the Environment" / "Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17":
a series' own meeting name from the bodies gazetteer when there is one, else a name built from the kind,
the body and the partners. A meeting with neither body nor partners keeps the words the text used, with
its kind named in the other language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.recognise.entities import Gazetteers

if TYPE_CHECKING:
    from pipeline.records.assemble import MeetingDraft

KIND_EN = {
    "ministerial": "Ministerial Meeting", "senior_officials": "Senior Officials Meeting", "summit": "Summit",
    "dialogue": "Dialogue", "cop": "Conference of the Parties", "negotiation": "Negotiation Session",
    "workshop": "Workshop", "forum": "Forum", "other": "Meeting",
}
KIND_VI = {
    "ministerial": "Hội nghị Bộ trưởng", "senior_officials": "Hội nghị Quan chức cao cấp",
    "summit": "Hội nghị Cấp cao", "dialogue": "Đối thoại", "cop": "Hội nghị các Bên",
    "negotiation": "Phiên đàm phán", "workshop": "Hội thảo", "forum": "Diễn đàn", "other": "Hội nghị",
}


def ordinal_en(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _body_names(body: str | None, gazetteers: Gazetteers) -> tuple[str | None, str | None]:
    entry = gazetteers.entry(body) if body else None
    if entry is None:
        return None, None
    return entry.name_vi, entry.name_en


def _partner_vi(name_en: str, gazetteers: Gazetteers) -> str:
    for _, entry in gazetteers.by_id.values():
        if entry.name_en == name_en:
            return entry.name_vi
    return name_en


def _series_names(kind: str, body: str | None, gazetteers: Gazetteers) -> tuple[str | None, str | None]:
    entry = gazetteers.entry(body) if body else None
    if entry and entry.meeting_en and entry.meeting_vi and entry.meeting_kind == kind:
        return entry.meeting_vi, entry.meeting_en
    return None, None


def composed_names(kind: str, body: str | None, ordinal: int | None, partners: tuple[str, ...],
                   gazetteers: Gazetteers) -> tuple[str, str] | None:
    """(name_vi, name_en) from attributes, or None when the attributes do not name the meeting."""
    series_vi, series_en = _series_names(kind, body, gazetteers)
    body_vi, body_en = _body_names(body, gazetteers)
    if series_vi is None or series_en is None:
        if not (body_en or partners):
            return None
        side_en = "-".join([body_en or "ASEAN", *partners]) if kind == "dialogue" else (body_en or "")
        side_vi = " - ".join([body_vi or "ASEAN", *(_partner_vi(p, gazetteers) for p in partners)]) \
            if kind == "dialogue" else (body_vi or "")
        series_en = f"{side_en} {KIND_EN[kind]}".strip()
        series_vi = f"{KIND_VI[kind]} {side_vi}".strip()
    if ordinal:
        entry = gazetteers.entry(body) if body else None
        short = f" ({entry.short_form.format(n=ordinal)})" if entry and entry.short_form else ""
        return f"{series_vi} lần thứ {ordinal}{short}", f"{ordinal_en(ordinal)} {series_en}{short}"
    return series_vi, series_en


def meeting_names(group: list[MeetingDraft], gazetteers: Gazetteers, ordinal: int | None,
                  partners: tuple[str, ...], body: str | None = None) -> tuple[str, str]:
    head = group[0].mention
    composed = composed_names(head.kind, body or head.body, ordinal, partners, gazetteers)
    if composed:
        return composed
    surface_vi = next((d.mention.text for d in group if d.mention.lang == "vi"), None)
    surface_en = next((d.mention.text for d in group if d.mention.lang == "en"), None)
    name_vi = surface_vi or f"{KIND_VI[head.kind]} ({surface_en})"
    name_en = surface_en or f"{KIND_EN[head.kind]} ({surface_vi})"
    return name_vi, name_en
