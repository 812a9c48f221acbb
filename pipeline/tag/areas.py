"""Cooperation areas: sentences tagged from the cues of the taxonomy file (rules/areas.yaml).

A strong cue tags a sentence alone; weak cues (ambiguous words) need a second, different weak cue of the
same area in the sentence. Meetings and commitments take the areas of the sentences that state them;
a document has every area one of its sentences has.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.recognise.matcher import by_identity, candidates, find
from pipeline.rules.models import AreaCue, AreaTaxonomy


@dataclass(frozen=True, slots=True)
class AreaCueHit:
    area: str
    start: int
    end: int
    text: str
    rule_id: str


def area_hits(taxonomy: AreaTaxonomy, text: str, start: int, end: int, lang: str) -> list[AreaCueHit]:
    """The cues that tag text[start:end], strong ones and weak ones that found a partner."""
    hits: list[AreaCueHit] = []
    cues, areas = _cues_in(taxonomy, lang)
    # One scan tells which cues' words are in the sentence (usually none); only those are run.
    for area_key, area_cues in _by_area(candidates(cues, text, start, end), areas).items():
        strong: list[AreaCueHit] = []
        weak: list[AreaCueHit] = []
        for cue in area_cues:
            for match in find(cue, text, start, end):
                hit = AreaCueHit(area_key, match.start, match.end, match.text, cue.id)
                (strong if cue.strong else weak).append(hit)
        if len({hit.rule_id for hit in weak}) >= 2:
            strong += weak
        hits += strong
    return sorted(hits, key=lambda hit: (hit.start, hit.end, hit.area))


@by_identity(limit=16)
def _cues_in(taxonomy: AreaTaxonomy, lang: str) -> tuple[list[AreaCue], dict[str, str]]:
    """The cues of one language, in the taxonomy's order, and the area of each (by cue id); made once per
    taxonomy (which pydantic does not hash: remembered by identity)."""
    cues = [cue for area in taxonomy.areas for cue in area.cues if cue.lang == lang]
    return cues, {cue.id: area.key for area in taxonomy.areas for cue in area.cues}


def _by_area(cues: list[AreaCue], areas: dict[str, str]) -> dict[str, list[AreaCue]]:
    grouped: dict[str, list[AreaCue]] = {}
    for cue in cues:
        grouped.setdefault(areas[cue.id], []).append(cue)
    return grouped


def areas_of(hits: list[AreaCueHit]) -> list[str]:
    return sorted({hit.area for hit in hits})
