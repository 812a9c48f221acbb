"""Commitments: forward-looking clauses, with actor, action, target, year, status and bindingness.

A clause is a commitment when it holds a pledge, plan or target cue, or when it is an item of a list that a
forward-looking lead opens ("Phương hướng năm 2024: (i) … (ii) …", "The Ministers agreed to the following:").
Weak cues ("tăng cường", "strengthen") count only inside such a list or beside a target year. Clauses that
report the past ("đã diễn ra", "was held") or praise ("đánh giá cao", "commended") are not commitments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.recognise.entities import EntityMention
from pipeline.recognise.matcher import RuleMatch, any_match, find, find_all, first
from pipeline.rules.models import CommitmentCue, LanguageRules
from pipeline.segment import LIST_MARKER

_ITEM_PREFIX = re.compile(rf"^\s*{LIST_MARKER}\s*")
_INLINE_HEADING = re.compile(r"^[^:;,.]{2,60}:\s+")  # "Những vấn đề mới nổi: …", "Về biến đổi khí hậu: …"
_LEADING_GLUE = re.compile(r"^(?:và|cũng như|đồng thời|and|also|while)\s+", re.IGNORECASE)
_TARGET_YEAR = re.compile(
    r"(?:19|20)\d\d\s*[-–]\s*((?:19|20)\d\d)\b"  # a plan's period "2021-2025", "giai đoạn 2016 - 2025": its end
    r"|(?:vào|đến|trước|tới|đến hết|trong|by|until|before|through|in|for)\s+(?:năm\s+|the year\s+|end of\s+)?"
    r"((?:19|20)\d\d)\b"
    r"|(?:năm|year)\s+((?:20)\d\d)\b",
    re.IGNORECASE,
)
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
    """A forward-looking lead whose following items are commitments."""

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
    return any(next(find(veto, text, start, end), None) is not None and not (veto.unless_target and has_target)
               for veto in rules.not_commitment)


def target_year(text: str, start: int, end: int) -> int | None:
    """The first year the clause sets a target by ("vào năm 2030", "by 2030", the end of "2021-2025")."""
    years = [int(next(g for g in m.groups() if g)) for m in _TARGET_YEAR.finditer(text, start, end)]
    return years[0] if years else None


_OBLIQUE = re.compile(r"(?:với|tại|ở|của|cho|từ|đến|gửi|with|in|at|of|for|to|from|by|on|hosted by)\s+(?:\S+\s+){0,2}$",
                      re.IGNORECASE)


def actor_in(entities: list[EntityMention], start: int, end: int, text: str = "") -> str | None:
    """Who commits in text[start:end]: the last party named before the verb that is not the object of a
    preposition ("Việt Nam sẽ …", "Under the programme, Korea will …"; not "tại Ai Cập", "with China")."""
    candidates = [e for e in entities if start <= e.start and e.end <= end and e.actor]
    for entity in reversed(candidates):
        if not text or not _OBLIQUE.search(text[max(start, entity.start - 30) : entity.start]):
            return entity.actor
    return None


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
    year = target_year(text, start, end)
    if year is not None and min_year is not None and year < min_year:
        year = None
    target = first(rules.target_forms, text, start, end)
    cue = _best_cue(cues)
    strong = cue is not None and cue.rule.status != WEAK_STATUS
    if _vetoed(rules, text, start, end, bool(target or year)):
        return None
    if frame is None and not (strong or (cue and (year or target))):
        return None
    if frame is not None and cue is None and not target and len(text[start:end].split()) < MIN_ITEM_WORDS:
        return None  # "kinh tế tuần hoàn": a topic in a list, not an undertaking
    actor = actor_in(entities, start, cue.start if cue else end, text) or sentence_actor
    actor = actor or actors.for_text(rules, text, start, end) or (frame.actor if frame else None) or actors.default
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


def open_frame(text: str, start: int, end: int, paragraph: int, rules: LanguageRules,
               entities: list[EntityMention], actors: Actors) -> tuple[ListFrame, int] | None:
    """A list lead in the sentence, and where its items start (after its colon, if any).

    A lead is a list cue ("Phương hướng năm 2024", "agreed to the following"), or any pledge or plan cue
    right before a colon ("Da Nang aims to:", "các nước ASEAN cam kết:")."""
    cues = find_all(rules.commitment_cues, text, start, end)
    lead = next((c for c in cues if c.rule.scope == "list"), None)
    colon = text.find(":", lead.end if lead else start, end)
    if lead is None:
        lead = next((c for c in cues if c.rule.status != WEAK_STATUS and colon >= 0 and c.end <= colon
                     and not text[c.end : colon].count(";")), None)
    if lead is None:
        return None
    items_start = colon + 1 if colon >= 0 else end
    year = target_year(text, lead.start, items_start)
    if year is None:
        years = re.findall(r"\b(20\d\d)\b", text[lead.start : items_start])
        year = int(years[0]) if years else None
    actor = actor_in(entities, start, items_start, text) or actors.for_text(rules, text, start, items_start) \
        or actors.default
    return ListFrame(paragraph, year, actor, lead.rule.id), items_start
