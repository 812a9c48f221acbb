"""Cooperation areas: sentences tagged from the cues of the taxonomy file (rules/areas.yaml).

A strong cue tags a sentence alone; weak cues (ambiguous words) need a second, different weak cue of the
same area in the sentence. Meetings and commitments take the areas of the sentences that state them;
a document has every area one of its sentences has.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.recognise.matcher import any_match, find
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
    cues_by_area = _cues_in(taxonomy, lang)
    if not any_match([cue for cues in cues_by_area.values() for cue in cues], text, start, end):
        return hits
    for area_key, cues in cues_by_area.items():
        if not any_match(cues, text, start, end):
            continue
        strong: list[AreaCueHit] = []
        weak: list[AreaCueHit] = []
        for cue in cues:
            for match in find(cue, text, start, end):
                hit = AreaCueHit(area_key, match.start, match.end, match.text, cue.id)
                (strong if cue.strong else weak).append(hit)
        if len({hit.rule_id for hit in weak}) >= 2:
            strong += weak
        hits += strong
    return sorted(hits, key=lambda hit: (hit.start, hit.end, hit.area))


def _cues_in(taxonomy: AreaTaxonomy, lang: str) -> dict[str, list[AreaCue]]:
    """Each area's cues in one language, in the taxonomy's order."""
    return {area.key: [cue for cue in area.cues if cue.lang == lang] for area in taxonomy.areas}


def areas_of(hits: list[AreaCueHit]) -> list[str]:
    return sorted({hit.area for hit in hits})
