"""Cooperation areas: sentences tagged from the cues of the taxonomy file (rules/areas.yaml).

A strong cue tags a sentence alone; weak cues (ambiguous words) need a second, different weak cue of the
same area in the sentence. Meetings and commitments take the areas of the sentences that state them;
a document has every area one of its sentences has.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.recognise.matcher import RuleMatch, find_each
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
    cues, areas = taxonomy.cues_by_lang[lang]
    # One pass finds every cue's own matches (usually none).
    for area_key, area_matches in _by_area(find_each(cues, text, start, end), areas).items():
        strong: list[AreaCueHit] = []
        weak: list[AreaCueHit] = []
        for match in area_matches:
            hit = AreaCueHit(area_key, match.start, match.end, match.text, match.rule.id)
            (strong if match.rule.strong else weak).append(hit)
        if len({hit.rule_id for hit in weak}) >= 2:
            strong += weak
        hits += strong
    return sorted(hits, key=lambda hit: (hit.start, hit.end, hit.area))


def _by_area(matches: list[RuleMatch[AreaCue]], areas: dict[str, str]) -> dict[str, list[RuleMatch[AreaCue]]]:
    grouped: dict[str, list[RuleMatch[AreaCue]]] = {}
    for match in matches:
        grouped.setdefault(areas[match.rule.id], []).append(match)
    return grouped


def areas_of(hits: list[AreaCueHit]) -> list[str]:
    return sorted({hit.area for hit in hits})
