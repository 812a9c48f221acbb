"""Commitments: forward-looking clauses, with actor, action, target, year, status and bindingness.

A clause is a commitment when it holds a pledge, plan or target cue, or when it is an item of a list that a
forward-looking lead opens ("Phương hướng năm 2024: (i) … (ii) …", "The Ministers agreed to the following:").
Weak cues ("tăng cường", "strengthen") count only inside such a list or beside a target year. Clauses that
report the past ("đã diễn ra", "was held") or praise ("đánh giá cao", "commended") are not commitments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pipeline.recognise.entities import EntityMention
from pipeline.recognise.matcher import RuleMatch, any_match, find_all, first, rules_matching
from pipeline.rules.models import YEAR_ROLES, CommitmentCue, LanguageRules, words_alternation
from pipeline.schema import EARLIEST_TARGET_YEAR
from pipeline.segment import LIST_MARKER

_ITEM_PREFIX = re.compile(rf"^\s*{LIST_MARKER}\s*")
_INLINE_HEADING = re.compile(r"^[^:;,.]{2,60}:\s+")  # "Những vấn đề mới nổi: …", "Về biến đổi khí hậu: …"
_LEADING_GLUE = re.compile(r"^(?:và|cũng như|đồng thời|and|also|while)\s+", re.IGNORECASE)
WEAK_STATUS = "ongoing"
MIN_ITEM_WORDS = 6


@dataclass(frozen=True, slots=True)
class CommitmentMention:
    start: int
    end: int
    text: str
    sentence_index: int
    actor: str | None
    action: str | None
    target: str | None
    target_year: int | None
    status: str
    binding: bool
    rule_id: str
    confidence: float


@dataclass(frozen=True)
class Actors:
    """Who commits when a clause names no one: the bulletin's most named party, and its own country (for a
    national or local undertaking: "kế hoạch quốc gia", "ngân sách tỉnh", "a national action plan")."""

    default: str | None
    home: str | None

    def for_text(self, rules: LanguageRules, text: str, start: int, end: int) -> str | None:
        if self.home and first(rules.national_actor, text, start, end):
            return self.home
        return None


@dataclass
class ListFrame:
    """A forward-looking lead whose following items are commitments, and who it says commits (None when it
    names no one: then an item's own national cue, or the bulletin's main party, says who)."""

    paragraph: int
    year: int | None
    actor: str | None
    rule_id: str


def clauses(text: str, start: int, end: int, rules: LanguageRules) -> list[tuple[int, int]]:
    spans, cursor = [], start
    for brk in find_all(rules.clause_breaks, text, start, end):
        spans.append((cursor, brk.start))
        cursor = brk.end
    spans.append((cursor, end))
    return [_trim_clause(text, a, b) for a, b in spans if text[a:b].strip(" .;,:")]


def _trim_clause(text: str, start: int, end: int) -> tuple[int, int]:
    piece = text[start:end]
    prefix = _ITEM_PREFIX.match(piece)
    cut = prefix.end() if prefix else len(piece) - len(piece.lstrip())
    heading = _INLINE_HEADING.match(piece[cut:])
    cut += heading.end() if heading and len(heading.group(0).split()) <= 8 else 0
    glue = _LEADING_GLUE.match(piece[cut:])
    cut += glue.end() if glue else 0
    stripped = piece.rstrip(" .;,:")
    return start + cut, start + max(cut, len(stripped))


def _vetoed(rules: LanguageRules, text: str, start: int, end: int, has_target: bool) -> bool:
    return any(not (veto.unless_target and has_target)
               for veto in rules_matching(rules.not_commitment, text, start, end))


def target_year(rules: LanguageRules, text: str, start: int, end: int, min_year: int | None = None,
                roles: tuple[str, ...] = YEAR_ROLES) -> int | None:
    """The year text[start:end] sets its target by: of the years it names (`target_years` rules), the first
    one in the strongest role ("vào năm 2025" beats "giai đoạn 2026-2030"); years before min_year (the
    bulletin's own year) are past, and baselines ("so với năm 2014") are no target."""
    found = [(roles.index(m.rule.role), m.start, int(m.groups["year"] or 0))
             for m in find_all(rules.target_years, text, start, end) if m.rule.role in roles]
    years = [(rank, at, year) for rank, at, year in found if _may_be_target(year, min_year)]
    return min(years)[2] if years else None


def _may_be_target(year: int, min_year: int | None) -> bool:
    """Not a past year: before the bulletin's own year, or before any target the dataset records."""
    return year >= max(min_year or 0, EARLIEST_TARGET_YEAR)


def actor_in(entities: list[EntityMention], start: int, end: int, text: str = "",
             rules: LanguageRules | None = None, joint_actors: bool = True) -> str | None:
    """Who commits in text[start:end]: the last party named before the verb that is not the object of a
    preposition ("Việt Nam sẽ …", "Under the programme, Korea will …"; not "tại Ai Cập", "with China"; but
    "Tại đây, Nhật Bản …" and "cho biết Việt Nam sẽ …" name the subject), or words that stand for one
    ("the two sides", "Hai bên": `joint_actors`)."""
    named = [(e.start, 0, e.actor) for e in entities if start <= e.start and e.end <= end and e.actor]
    if rules is not None and text and joint_actors:
        named += [(m.start, 1, m.rule.actor) for m in find_all(rules.joint_actors, text, start, end)]
    oblique = _oblique(rules)
    for at, _, actor in sorted(named, reverse=True):
        if not text or oblique is None or not oblique.search(text[max(start, at - 30) : at]):
            return actor
    return None


def _oblique(rules: LanguageRules | None) -> re.Pattern[str] | None:
    """A preposition (`prepositions`), then at most two words, at the end of a text: what a party named
    there is the object of."""
    if rules is None or not rules.prepositions:
        return None
    return _preposition_then_words_at_end(tuple(rule.pattern_text or words_alternation(rule.words or [])
                                                for rule in rules.prepositions))


@cache
def _preposition_then_words_at_end(alternatives: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("(?:" + "|".join(alternatives) + r")\s+(?:[^\s,;:]+\s+){0,2}$", re.IGNORECASE)


def _subject_end(text: str, start: int, end: int) -> int:
    """Where the subject of a clause with no cue of its own ends: at its first lower-case word. A list item
    starts with its verb ("help ASEAN Member States prepare …": ASEAN is the object, the lead says who
    helps), unless it names its own subject first ("Japan to provide …")."""
    for word in re.finditer(r"\w+", text[start:end]):
        if word.group(0)[0].islower():
            return start + word.start()
    return end


def _best_cue(cues: list[RuleMatch[CommitmentCue]]) -> RuleMatch[CommitmentCue] | None:
    ranked = [cue for cue in cues if cue.rule.status != WEAK_STATUS] or cues
    return ranked[0] if ranked else None


def _status(cue: RuleMatch | None, cues: list[RuleMatch], has_target: bool) -> str:
    statuses = {c.rule.status for c in cues}
    for status in ("under_development", "adopted", "planned"):
        if status in statuses:
            return status
    if has_target or cue is None:
        return "planned"  # a target is a plan even when only "tăng cường"/"strengthen" says so
    return cue.rule.status


def commitment_in_clause(text: str, start: int, end: int, sentence_index: int, rules: LanguageRules,
                         entities: list[EntityMention], frame: ListFrame | None,
                         sentence_actor: str | None, actors: Actors,
                         min_year: int | None) -> CommitmentMention | None:
    cues = [c for c in find_all(rules.commitment_cues, text, start, end) if c.rule.scope == "clause"]
    year = target_year(rules, text, start, end, min_year)
    target = first(rules.target_forms, text, start, end)
    cue = _best_cue(cues)
    strong = cue is not None and cue.rule.status != WEAK_STATUS
    if _vetoed(rules, text, start, end, bool(target or year)):
        return None
    if frame is None and not (strong or (cue and (year or target))):
        return None
    if frame is not None and cue is None and not target and len(text[start:end].split()) < MIN_ITEM_WORDS:
        return None  # "kinh tế tuần hoàn": a topic in a list, not an undertaking
    subject_end = cue.start if cue else _subject_end(text, start, end)
    actor = actor_in(entities, start, subject_end, text, rules) or sentence_actor or (frame.actor if frame else None)
    actor = actor or actors.for_text(rules, text, start, end) or actors.default
    rule_id = cue.rule.id if cue else frame.rule_id if frame else "commitment"
    confidence = cue.rule.confidence if cue else 0.65
    return CommitmentMention(
        start=start, end=end, text=text[start:end], sentence_index=sentence_index,
        actor=actor, action=cue.text if cue else None,
        target=target.rule.target if target else None,
        target_year=year or (frame.year if frame else None),
        status=_status(cue, cues, bool(target or year)), binding=any_match(rules.binding_cues, text, start, end),
        rule_id=rule_id, confidence=confidence,
    )


def open_frame(text: str, start: int, end: int, paragraph: int, rules: LanguageRules, entities: list[EntityMention],
               actors: Actors, min_year: int | None = None) -> tuple[ListFrame, int] | None:
    """A list lead in the sentence, and where its items start (after its colon, if any).

    A lead is a list cue ("Phương hướng năm 2024", "agreed to the following"), or any pledge or plan cue
    right before a colon ("Da Nang aims to:", "các nước ASEAN cam kết:")."""
    cues = find_all(rules.commitment_cues, text, start, end)
    lead = next((c for c in cues if c.rule.scope == "list"), None)
    colon = text.find(":", lead.end if lead else start, end)
    if lead is None:  # the pledge nearest the colon: "đã rà soát Kế hoạch …, và thống nhất:" leads with "thống nhất"
        lead = next((c for c in reversed(cues) if c.rule.status != WEAK_STATUS and colon >= 0 and c.end <= colon
                     and not text[c.end : colon].count(";")), None)
    if lead is None:
        return None
    items_start = colon + 1 if colon >= 0 else end
    year = _frame_year(rules, text, start, lead.start, items_start, min_year)
    actor = actor_in(entities, start, items_start, text, rules) or actors.for_text(rules, text, start, items_start)
    return ListFrame(paragraph, year, actor, lead.rule.id), items_start


FRAME_YEAR_ROLES = ("deadline", "start", "mention")
MAX_HEADING_WORDS = 12


def _frame_year(rules: LanguageRules, text: str, start: int, lead_start: int, items_start: int,
                min_year: int | None) -> int | None:
    """The year a list lead sets for its items: the target year of the lead itself ("priorities for 2024",
    "thống nhất xây dựng kế hoạch giai đoạn 2023-2025, với ba trọng tâm:"), else a deadline or a plain year
    its sentence names before it ("Năm 2018, Sở … xác định các nhiệm vụ trọng tâm sau:"), else a bare year
    after the lead that no rule reads as a period, a plan's name or a baseline ("Phương hướng 2024:"), else
    the year of the forward-looking heading right above ("Phương hướng năm 2024" over "… các nhiệm vụ
    sau:"). The period of a plan reviewed before the lead ("đã rà soát Kế hoạch … giai đoạn 2016 - 2025, và
    thống nhất:") is not its items' deadline. Past years are none of these ("hình thành từ năm 1984")."""
    for year in (target_year(rules, text, lead_start, items_start, min_year),
                 target_year(rules, text, start, items_start, min_year, roles=FRAME_YEAR_ROLES),
                 _bare_year(rules, text, lead_start, items_start, min_year)):
        if year is not None:
            return year
    return _heading_year(rules, text, start, min_year)


def _bare_year(rules: LanguageRules, text: str, start: int, end: int, min_year: int | None) -> int | None:
    taken = [(m.start, m.end) for m in find_all(rules.target_years, text, start, end)]
    for match in re.finditer(r"\b(?:19|20)\d\d\b", text[start:end]):
        at = start + match.start()
        if not any(a <= at < b for a, b in taken) and _may_be_target(int(match.group(0)), min_year):
            return int(match.group(0))
    return None


def _heading_year(rules: LanguageRules, text: str, start: int, min_year: int | None) -> int | None:
    line_start = text.rfind("\n", 0, start) + 1
    heading = text[:line_start].rstrip()
    heading_start = heading.rfind("\n") + 1
    line = heading[heading_start:]
    if not line or line.endswith((".", ";", ":")) or len(line.split()) > MAX_HEADING_WORDS:
        return None
    if not any(cue.rule.scope == "list" for cue in find_all(rules.commitment_cues, text, heading_start, len(heading))):
        return None
    return target_year(rules, text, heading_start, len(heading), min_year, roles=FRAME_YEAR_ROLES)
