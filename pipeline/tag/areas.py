"""Cooperation areas: sentences tagged from the cues of the taxonomy file (rules/areas.yaml).

A strong cue tags a sentence alone; weak cues (ambiguous words) need a second, different weak cue of the
same area in the sentence. Meetings and commitments take the areas of the sentences that state them;
a document has every area one of its sentences has.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.recognise.matcher import find
from pipeline.rules.models import AreaTaxonomy


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
    for area in taxonomy.areas:
        strong: list[AreaCueHit] = []
        weak: list[AreaCueHit] = []
        for cue in area.cues:
            if cue.lang != lang:
                continue
            for match in find(cue, text, start, end):
                hit = AreaCueHit(area.key, match.start, match.end, match.text, cue.id)
                (strong if cue.strong else weak).append(hit)
        if len({hit.rule_id for hit in weak}) >= 2:
            strong += weak
        hits += strong
    return sorted(hits, key=lambda hit: (hit.start, hit.end, hit.area))


def areas_of(hits: list[AreaCueHit]) -> list[str]:
    return sorted({hit.area for hit in hits})
