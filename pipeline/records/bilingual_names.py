"""Bilingual meeting names composed from a meeting's attributes, whichever language it was found in.

"17th ASEAN Ministerial Meeting on the Environment" / "Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17":
a series' own meeting name from the bodies gazetteer when there is one, else a name built from the kind,
the body and the partners. A meeting with neither body nor partners keeps the words the text used, with
its kind named in the other language. The kind names and the templates are the language files'
`meeting_naming` rules (the RuleSet the gazetteers were read from).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.recognise.entities import Gazetteers
from pipeline.rules.models import MeetingNaming

if TYPE_CHECKING:
    from pipeline.records.assemble import MeetingDraft


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


def _naming(gazetteers: Gazetteers, lang: str) -> MeetingNaming:
    return gazetteers.rules.languages[lang].meeting_naming[0]


def _series(naming: MeetingNaming, kind: str, side: str) -> str:
    return naming.series.format(kind=naming.kinds[kind], side=side).strip()


def _edition(naming: MeetingNaming, series: str, ordinal: int) -> str:
    return naming.edition.format(series=series, n=ordinal, nth=naming.nth(ordinal))


def composed_names(kind: str, body: str | None, ordinal: int | None, partners: tuple[str, ...],
                   gazetteers: Gazetteers) -> tuple[str, str] | None:
    """(name_vi, name_en) from attributes, or None when the attributes do not name the meeting."""
    vi, en = _naming(gazetteers, "vi"), _naming(gazetteers, "en")
    series_vi, series_en = _series_names(kind, body, gazetteers)
    body_vi, body_en = _body_names(body, gazetteers)
    if series_vi is None or series_en is None:
        if not (body_en or partners):
            return None
        side_en = en.partners_joiner.join([body_en or "ASEAN", *partners]) if kind == "dialogue" else (body_en or "")
        side_vi = vi.partners_joiner.join([body_vi or "ASEAN", *(_partner_vi(p, gazetteers) for p in partners)]) \
            if kind == "dialogue" else (body_vi or "")
        series_en, series_vi = _series(en, kind, side_en), _series(vi, kind, side_vi)
    if ordinal:
        entry = gazetteers.entry(body) if body else None
        short = f" ({entry.short_form.format(n=ordinal)})" if entry and entry.short_form else ""
        return _edition(vi, series_vi, ordinal) + short, _edition(en, series_en, ordinal) + short
    return series_vi, series_en


def meeting_names(group: list[MeetingDraft], gazetteers: Gazetteers, ordinal: int | None,
                  partners: tuple[str, ...], body: str | None = None) -> tuple[str, str]:
    head = group[0].mention
    composed = composed_names(head.kind, body or head.body, ordinal, partners, gazetteers)
    if composed:
        return composed
    surface_vi = next((d.mention.text for d in group if d.mention.lang == "vi"), None)
    surface_en = next((d.mention.text for d in group if d.mention.lang == "en"), None)
    vi, en = _naming(gazetteers, "vi"), _naming(gazetteers, "en")
    name_vi = surface_vi or vi.from_other_language.format(kind=vi.kinds[head.kind], name=surface_en)
    name_en = surface_en or en.from_other_language.format(kind=en.kinds[head.kind], name=surface_vi)
    return name_vi, name_en
