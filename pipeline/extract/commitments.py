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

from pipeline.analyse.segment import LIST_MARKER
from pipeline.extract.officials import Official, speaker_party
from pipeline.recognise.entities import EntityMention
from pipeline.recognise.matcher import RuleMatch, any_match, compile_rule, find, find_all, first, rules_matching
from pipeline.rules.models import (
    YEAR_ROLES,
    ClauseBreak,
    CommitmentCue,
    CommitmentVeto,
    LanguageRules,
    PairBreak,
    words_alternation,
)
from pipeline.schema import EARLIEST_TARGET_YEAR

_ITEM_PREFIX = re.compile(rf"^\s*{LIST_MARKER}\s*")
_INLINE_HEADING = re.compile(r"^[^:;,.]{2,60}:\s+")  # "Những vấn đề mới nổi: …", "Về biến đổi khí hậu: …"
WEAK_STATUS = "ongoing"
MIN_ITEM_WORDS = 6
MIN_SERIES_ITEM_WORDS = 2  # an item a series break cut off starts with its action: a verb and its object suffice
MIN_OBJECT_WORDS = 2


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
    form: str


@dataclass(frozen=True)
class Actors:
    """Who commits when a clause names no one: the bulletin's most named party, and its own country (for a
    national or local undertaking: "kế hoạch quốc gia", "ngân sách tỉnh", "a national action plan")."""

    default: str | None
    home: str | None
    collective: str | None = None
    officials: tuple[Official, ...] = ()  # who the bulletin names by title and name, and their party (EN-ACT-03)

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
    form: str


def clauses(text: str, start: int, end: int, rules: LanguageRules) -> list[tuple[int, int]]:
    spans, cursor = [], start
    pairs = rules.verb_pair_breaks
    for brk in find_all([*rules.clause_breaks, *pairs], text, start, end):
        pair = next((rule for rule in pairs if brk.rule is rule), None)
        if pair is not None and not _joins_verb_phrases(text, cursor, brk.start, pair, rules):
            continue  # "xây dựng và triển khai các biện pháp …": one undertaking
        if isinstance(brk.rule, ClauseBreak) and _held_back(text, cursor, brk.start, brk.rule):
            continue  # "… nhằm thúc đẩy hợp tác trong A, nâng cao B, thực hiện C": one purpose
        spans.append((cursor, brk.start))
        cursor = brk.end
    spans.append((cursor, end))
    spans = _series_last_items(text, spans, rules)
    glue = _leading_glue(tuple(word for rule in rules.clause_glue for word in rule.words or ()))
    return [_trim_clause(text, a, b, glue) for a, b in spans if text[a:b].strip(" .;,:")]


def _series_last_items(text: str, spans: list[tuple[int, int]], rules: LanguageRules) -> list[tuple[int, int]]:
    """The clauses with the last item of a comma series cut off its item before: "agreed to A, B and C" asks for
    C too (EN-C-51: the real bulletins' and the clause bank's annotators make it its own entry), where "agreed to
    remain vigilant and step up patrols", with no comma series, is one undertaking. Only a clause that is itself an
    item after a series' comma is cut, at a `series_last_breaks` match (" and [action verb]")."""
    if not rules.series_last_breaks:
        return spans
    cut: list[tuple[int, int]] = []
    for start, end in spans:
        if _after_comma(text, start, rules):
            for brk in find_all(rules.series_last_breaks, text, start, end):
                cut.append((start, brk.start))
                start = brk.end
        cut.append((start, end))
    return cut


def _held_back(text: str, clause_start: int, at: int, brk: ClauseBreak) -> bool:
    """Whether a word of the break's `unless_after`, said in the clause before it, holds the cut back."""
    words = brk.unless_after or ()
    return bool(words) and compile_rule(words_alternation(words), True).search(text, clause_start, at) is not None


MIN_PAIR_OBJECT_WORDS = 3  # words from the last comma to a verb pair's "và": a verb and at least two words of object


def _joins_verb_phrases(text: str, clause_start: int, at: int, pair: PairBreak, rules: LanguageRules) -> bool:
    """Whether a verb pair break ("và [action verb]") joins two verb phrases of the clause, each with its own object
    (VI-C-54): not after a verb of the break's own list with no object ("xây dựng và triển khai các biện pháp": one
    object), nor after a short item of a list ("về tài chính, công nghệ và nâng cao năng lực": the stretch from the
    clause's last comma), nor in a clause that a `verb_pair_blocks` word makes a purpose or a priority ("để đạt được
    các mục tiêu … và thực hiện lộ trình", "ưu tiên A và B"), nor in an enumerated item ("(iii) tiếp tục A và tăng
    cường B": the item is the unit), nor, for a break that names `after_forms`, with no cue of those forms before it
    ("dự kiến thông qua [A] và [B]" is two plans, "triển khai [A] và [B]" one undertaking: VI-C-20)."""
    if _ITEM_PREFIX.match(text[clause_start:at]):
        return False
    forms = pair.after_forms
    if forms is not None and not any(cue.rule.form in forms
                                     for cue in find_all(rules.commitment_cues, text, clause_start, at)):
        return False  # "triển khai Chiến lược A và Kế hoạch B": the objects of one verb
    item_start = max(clause_start, text.rfind(",", clause_start, at) + 1)
    item = text[item_start:at].split()
    if len(item) < MIN_PAIR_OBJECT_WORDS:
        return False
    tail = " ".join(item[-2:]).lower()
    if any(tail == word.lower() or tail.endswith(" " + word.lower()) for word in pair.words or ()):
        return False
    return not any_match(rules.verb_pair_blocks, text, clause_start, at)


SERIES_BREAK_REACH = 12  # characters before a clause a series' last break may start at (" as well as ")


def _series_last(text: str, start: int, rules: LanguageRules) -> bool:
    """Whether a clause is the last item of a comma series (it starts right after a `series_last_breaks` match)."""
    window_start, window_end = max(0, start - SERIES_BREAK_REACH), min(len(text), start + LOOKAHEAD)
    found = find_all([*rules.series_last_breaks, *rules.verb_pair_breaks], text, window_start, window_end)
    return any(m.end == start for m in found)


@cache
def _leading_glue(words: tuple[str, ...]) -> re.Pattern[str]:
    """A word that only joins a clause to the one before it ("và", "and"), at the clause's start."""
    return re.compile(rf"^{words_alternation(words)}\s+" if words else "(?!)", re.IGNORECASE)


def _trim_clause(text: str, start: int, end: int, leading_glue: re.Pattern[str]) -> tuple[int, int]:
    piece = text[start:end]
    prefix = _ITEM_PREFIX.match(piece)
    cut = prefix.end() if prefix else len(piece) - len(piece.lstrip())
    heading = _INLINE_HEADING.match(piece[cut:])
    cut += heading.end() if heading and len(heading.group(0).split()) <= 8 else 0
    glue = leading_glue.match(piece[cut:])
    cut += glue.end() if glue else 0
    stripped = piece.rstrip(" .;,:")
    return start + cut, start + max(cut, len(stripped))


def _vetoed(rules: LanguageRules, text: str, start: int, end: int, has_target: bool) -> bool:
    return any(not (veto.unless_target and has_target) and (not veto.before_cue or _before_cue(veto, text, start, end,
                                                                                                rules))
               for veto in rules_matching(rules.not_commitment, text, start, end))


def _before_cue(veto: CommitmentVeto, text: str, start: int, end: int, rules: LanguageRules) -> bool:
    """Whether a veto matches before the clause's first commitment cue (or the clause has none): "các Bộ trưởng đã
    thông qua …" reports the past, where in "nhất trí áp dụng các ngưỡng đã được thống nhất" the past is a relative
    clause of what is agreed (VI-N-36)."""
    cue = first(rules.commitment_cues, text, start, end)
    return cue is None or any(m.start < cue.start for m in find(veto, text, start, end))


def target_year(rules: LanguageRules, text: str, start: int, end: int, min_year: int | None = None,
                roles: tuple[str, ...] = YEAR_ROLES) -> int | None:
    """The year text[start:end] sets its target by: of the years it names (`target_years` rules), the first
    one in the strongest role ("vào năm 2025" beats "giai đoạn 2026-2030"); years before min_year (the
    bulletin's own year) are past, and baselines ("so với năm 2014") are no target. A year said relative to
    the bulletin's ("năm sau", "over the next three years") counts from min_year."""
    found = [(roles.index(m.rule.role), m.start, m.rule.year_of(m.groups, min_year))
             for m in find_all(rules.target_years, text, start, end) if m.rule.role in roles]
    years = [(rank, at, year) for rank, at, year in found if year is not None and _may_be_target(year, min_year)]
    return min(years)[2] if years else None


def _may_be_target(year: int, min_year: int | None) -> bool:
    """Not a past year: before the bulletin's own year, or before any target the dataset records."""
    return year >= max(min_year or 0, EARLIEST_TARGET_YEAR)


def actor_in(entities: list[EntityMention], start: int, end: int, text: str = "",
             rules: LanguageRules | None = None, collective: str | None = None, places: bool = True,
             joint_actors: bool = True) -> str | None:
    """Who commits in text[start:end]: the last party named before the verb that is not the object of a
    preposition ("Việt Nam sẽ …", "Under the programme, Korea will …"; not "tại Ai Cập", "with China"; but
    "Tại đây, Nhật Bản …" and "cho biết Việt Nam sẽ …" name the subject), or words that stand for one
    ("the two sides", "Hai bên": `joint_actors`)."""
    named = [(_city_before(entities, text, start, e.start), 0, e.actor) for e in entities
             if start <= e.start and e.end <= end and e.actor and (places or e.label not in PLACE_LABELS)]
    if rules is not None and text and joint_actors:
        # the words may need the verb after them ("Hội nghị" before "nhất trí"): read on past end, keep those before it
        joint = [m for m in find_all(rules.joint_actors, text, start, min(len(text), end + LOOKAHEAD)) if m.end <= end]
        # a party named inside the words is one of them: "ASEAN và Liên minh châu Âu sẽ …" is ASEAN's
        named = [n for n in named if not any(m.start <= n[0] < m.end for m in joint)]
        named += [(m.start, 1, (m.rule.collective and collective) or m.rule.actor) for m in joint]
    oblique = _oblique(rules)
    for at, _, actor in sorted(named, reverse=True):
        if not text or oblique is None or not oblique.search(text[max(start, at - 30) : at]):
            return actor
    return None


def _city_before(entities: list[EntityMention], text: str, span_start: int, start: int) -> int:
    """Where the place a country completes starts: a country written after its city ("held in Bangkok, Thailand,
    on August 3", "the Conference in Bonn, Germany must …") is the object of the city's preposition, not a subject
    (CONSTRUCTIONS.md EN-C-67). A city that opens the clause with its preposition ("In Hanoi, Viet Nam will …") is
    a fronted phrase: the country after its comma names the subject."""
    before = text[:start].rstrip()
    if not text or not before.endswith(","):
        return start
    comma = len(before) - 1
    city = max((e.start for e in entities if e.label in PLACE_LABELS and e.end <= comma
                and not text[e.end : comma].strip()), default=None)
    if city is None or _FRONTED.fullmatch(text, span_start, city):
        return start
    return city


_FRONTED = re.compile(r"\s*(?:[A-Z]\w*\s+)?")
"""Nothing but (a capitalised preposition) between a clause's start and a city: the city opens the clause."""


def first_actor_in(entities: list[EntityMention], start: int, end: int, text: str,
                   rules: LanguageRules | None) -> str | None:
    """The first party named in text[start:end] that is not the object of a preposition: the subject of a
    sentence whose later clause proposes or calls ("[X] đánh giá cao sự hỗ trợ của Nhật Bản, đồng thời đề nghị
    …" is X's proposal, not Japan's)."""
    oblique = _oblique(rules)
    for entity in sorted((e for e in entities if start <= e.start and e.end <= end and e.actor), key=lambda e: e.start):
        if oblique is None or not oblique.search(text[max(start, entity.start - 30) : entity.start]):
            return entity.actor
    return None


def _oblique(rules: LanguageRules | None) -> re.Pattern[str] | None:
    """A preposition (`prepositions`), a whole word, then at most two words, at the end of a text: what a party
    named there is the object of ("that Australia" is no "at Australia")."""
    if rules is None or not rules.prepositions:
        return None
    return _preposition_then_words_at_end(tuple(rule.pattern_text or words_alternation(rule.words or [])
                                                for rule in rules.prepositions))


@cache
def _preposition_then_words_at_end(alternatives: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\s+(?:[^\s,;:]+\s+){0,2}$", re.IGNORECASE)


def _subject_end(text: str, start: int, end: int) -> int:
    """Where the subject of a clause with no cue of its own ends: at its first lower-case word. A list item
    starts with its verb ("help ASEAN Member States prepare …": ASEAN is the object, the lead says who
    helps), unless it names its own subject first ("Japan to provide …")."""
    for word in re.finditer(r"\w+", text[start:end]):
        if word.group(0)[0].islower():
            return start + word.start()
    return end


def _subject_span(text: str, start: int, end: int, cue: RuleMatch[CommitmentCue] | None,
                  rules: LanguageRules) -> tuple[int, int]:
    """Where a clause names who commits: before its cue, or, for a cue that is a lead ending in a comma ("Theo Tuyên
    bố Bangkok, các quốc gia ASEAN tăng cường …", VI-C-52), between that comma and the next cue, its verb (the
    subject stands after the lead)."""
    if cue is None:
        return start, _subject_end(text, start, end)
    if cue.text.rstrip().endswith(","):
        verb = first(rules.commitment_cues, text, cue.end, end)
        return cue.end, verb.start if verb else end
    return start, cue.start


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


LOOKAHEAD = 60  # characters after a subject span that its words may look at
PLACE_LABELS = ("CITY", "PROVINCE")
"""Entities that stand for their country when a clause's subject ("Da Nang aims to …"), but never speak."""
SPOKEN_FORMS = ("proposal", "call")
"""Forms whose actor is the one who speaks (the proposer, the caller), not the one asked to act."""


def commitment_form(cue: RuleMatch[CommitmentCue] | None, frame: ListFrame | None, text: str, start: int, end: int,
                    year: int | None, has_target_form: bool, rules: LanguageRules, carried: str | None = None) -> str:
    """The form of a commitment (GOLD_FORMAT.md). An item of a list takes its lead's form, whatever verb it
    starts with ("Phương hướng năm 2024:", "các Bộ trưởng nhất trí:", "đưa ra ba đề xuất, theo đó …": the
    inventories' framed enumerations); a clause takes its own cue's, or, when it names no subject of its own,
    the agreement of the clause before it in the sentence (`carried`: "các nước nhất trí thiết lập X, và xây
    dựng Y"). A pledge that names a measured goal with a year is a target: "cam kết đưa phát thải ròng về 0
    vào năm 2050", "pledged to cut emissions by 30 per cent by 2030"."""
    if frame is not None:
        form = frame.form
    elif cue is not None:
        form = cue.rule.form
    else:
        form = carried or "pledge"  # an item continuing the enumeration before it
    if carried == "agreed_action" and frame is None and form in ("pledge", "plan"):
        form = carried
    measured = has_target_form or any_match(rules.measures, text, start, end)  # a share, a quantity, net zero
    if cue is None and frame is None and form == "target" and not measured:
        return "pledge"  # "aim to raise the share to 23% by 2025 and to accelerate a just transition": no measure
    if form == "pledge" and year is not None and measured:
        return "target"
    return form


def _speaker(text: str, sentence_start: int, cue_start: int, rules: LanguageRules,
             entities: list[EntityMention], actors: Actors) -> str | None:
    """Who says what a `speaker_first` cue reports ("Bộ trưởng … cho rằng, ASEAN cần …"): the party named
    before a reporting verb of the sentence, the nearest verb first ("Phát biểu tại Hội nghị, Thứ trưởng …
    nhấn mạnh, …"); after the verb when the sentence opens with it ("Theo ông X, …")."""
    verbs = find_all(rules.reporting_verbs, text, sentence_start, cue_start)
    for verb in reversed(verbs):
        if text[sentence_start : verb.start].strip():
            found = _party_in(text, sentence_start, verb.start, rules, entities, actors)
            if found:
                return found
    if verbs and not text[sentence_start : verbs[0].start].strip():
        comma = text.find(",", verbs[0].end, cue_start)
        return _party_in(text, verbs[0].end, comma if comma >= 0 else cue_start, rules, entities, actors)
    return None


_QUOTE_END = re.compile(r"[”\"]\s*,?\s*")
_QUOTE_MARKS = ("“", "”", '"')
SPEAKER_REACH = 100  # the reporting verb follows a quote's closing mark within this many characters


def _speaker_after_quote(text: str, sentence_start: int, inside: int, sentence_end: int, rules: LanguageRules,
                         entities: list[EntityMention], actors: Actors) -> str | None:
    """Who says a quote, named after it (inventory VI-C-02, B55; EN-C-33): the party between the closing mark
    and the reporting verb ("“…”, ông X, Giám đốc Sở … Đà Nẵng nhấn mạnh"), else after the verb ("“We must …,”
    said Indonesian Minister X"). The quote opens the sentence, or, in English, goes on from the sentence before
    and closes in this one or a later one of its paragraph ("“… . Meanwhile, X must …,” said [official]":
    EN-ACT-03). `inside` is a place within the quoted words (the cue)."""
    head = text[sentence_start:inside].lstrip()
    opened = head.startswith(("“", '"'))
    reach = sentence_end
    if actors.officials and not opened:
        if any(mark in head for mark in _QUOTE_MARKS) or not _quote_open_before(text, sentence_start):
            return None
        opened = True
    if actors.officials:  # a quote of several sentences: its speaker is named after its last
        reach = max(sentence_end, _paragraph_end(text, inside))
    close = _QUOTE_END.search(text, inside, reach) if opened else None
    if close is None or (actors.officials and any(mark in text[inside : close.start()] for mark in _QUOTE_MARKS)):
        return None
    verb = first(rules.reporting_verbs, text, close.end(), min(reach, close.end() + SPEAKER_REACH))
    if verb is None:
        return None
    end = max(sentence_end, text.find(".", verb.end)) if reach > sentence_end else sentence_end
    return (_party_in(text, close.end(), verb.start, rules, entities, actors)
            or _party_in(text, verb.end, end, rules, entities, actors))


def _quote_open_before(text: str, at: int) -> bool:
    """Whether a quote opened in the paragraph before `at` is still open there."""
    before = text[text.rfind("\n", 0, at) + 1 : at]
    marks = [c for c in before if c in _QUOTE_MARKS]
    return bool(marks) and (marks[-1] == "“" or (marks[-1] == '"' and marks.count('"') % 2 == 1))


def _paragraph_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end < 0 else end


def _speaker_after_clause(text: str, after: int, sentence_end: int, rules: LanguageRules,
                          entities: list[EntityMention], actors: Actors) -> str | None:
    """Who proposes or calls, named after what is proposed, between a comma and a reporting verb ("ASEAN should
    play a more active role …, Malaysia's secretary-general … said on Nov 18"; "… cần …, Bộ trưởng Lào nhấn mạnh"):
    the speaker, not the party the proposal is addressed to (GOLD_FORMAT.md: the proposer or caller is the actor)."""
    verb = first(rules.reporting_verbs, text, after, sentence_end)
    comma = text.rfind(",", after, verb.start) if verb else -1
    if verb is None or comma < 0:
        return None
    return _party_in(text, comma + 1, verb.start, rules, entities, actors)


def _party_in(text: str, start: int, end: int, rules: LanguageRules, entities: list[EntityMention],
              actors: Actors) -> str | None:
    """The speaker's party: an official named there by name, title or pronoun ("Chinh", "the minister", "he":
    EN-ACT-03), else the party named there, else a national word's own country."""
    return (speaker_party(actors.officials, rules, text, start, end)
            or actor_in(entities, start, end, text, rules, actors.collective)
            or actors.for_text(rules, text, start, end))


@dataclass(frozen=True)
class ClauseContext:
    """What a clause's sentence says around it: where the sentence starts, who it names before the clause,
    whether the clause is an item of the open list (in the lead's sentence or a list line) or a later
    sentence of the lead's paragraph, the form of the commitment before it in the sentence, and who spoke
    last in the paragraph (a speech goes on over several sentences: inventory VI-C-02, "Bên cạnh đó, …")."""

    sentence_start: int
    sentence_actor: str | None = None
    item: bool = True
    carried: str | None = None
    carried_year: int | None = None
    speaker: str | None = None  # who proposed or called last in the paragraph ("Bên cạnh đó, chúng ta cần …")
    sentence_end: int | None = None  # where a quote's speaker may be named after it ("“…”, ông X nhấn mạnh")
    carried_actor: str | None = None  # who commits in the clause before, which a clause with no subject continues
    pronoun_speaker: str | None = None  # who spoke last in the bulletin, when the sentence opens "He also asked …"


def commitment_in_clause(text: str, start: int, end: int, sentence_index: int, rules: LanguageRules,
                         entities: list[EntityMention], frame: ListFrame | None, actors: Actors,
                         min_year: int | None, context: ClauseContext) -> CommitmentMention | None:
    if _cut_off(text, end):
        return None
    cues = [c for c in find_all(rules.commitment_cues, text, start, end) if c.rule.scope == "clause"]
    if not cues and frame is None and context.carried is None:
        return None  # no cue, no list lead, no enumeration before it to continue: `_is_commitment` would say no
    year = target_year(rules, text, start, end, min_year)
    target = first(rules.target_forms, text, start, end)
    cue = _best_cue(cues)
    subject_start, subject_end = _subject_span(text, start, end, cue, rules)
    own_subject = (actor_in(entities, subject_start, subject_end, text, rules, actors.collective)
                   if context.carried else None)
    carried = None if own_subject else context.carried
    if not _is_commitment(text, start, end, rules, cue, frame, year, target is not None, carried):
        return None
    if not context.carried:
        own_subject = actor_in(entities, subject_start, subject_end, text, rules, actors.collective)
    own_cue = (cue is not None and cue.rule.status != WEAK_STATUS
               and not _agreed_need(cue, frame, text, context.sentence_start, rules))
    item_frame = frame if frame is not None and (context.item or not own_cue) else None
    form = commitment_form(cue, item_frame, text, start, end, year, target is not None, rules, carried)
    actor = _actor(text, start, end, rules, entities, actors, cue, frame, form, own_subject, context)
    rule_id = cue.rule.id if cue else frame.rule_id if frame else "commitment"
    confidence = cue.rule.confidence if cue else 0.65
    return CommitmentMention(
        start=start, end=end, text=text[start:end], sentence_index=sentence_index,
        actor=actor, action=cue.text if cue else None,
        target=target.rule.target if target else None,
        target_year=year or (frame.year if frame else None) or _carried_year(context, carried, cue, frame),
        status=_status(cue, cues, bool(target or year)), binding=any_match(rules.binding_cues, text, start, end),
        rule_id=rule_id, confidence=confidence, form=form,
    )


def clause_vetoed(text: str, start: int, end: int, rules: LanguageRules, min_year: int | None) -> bool:
    """Whether a veto holds for text[start:end] as it would for a commitment there (a target lifts some)."""
    has_target = bool(first(rules.target_forms, text, start, end) or target_year(rules, text, start, end, min_year))
    return _vetoed(rules, text, start, end, has_target)


def commitment_from_model(text: str, start: int, end: int, sentence_index: int, rules: LanguageRules,
                          entities: list[EntityMention], actors: Actors, min_year: int | None, context: ClauseContext,
                          form: str, confidence: float, rule_id: str) -> CommitmentMention | None:
    """A clause the clause model took (pipeline/extract/clause_model.py) as a commitment record, unless a veto
    holds (the vetoes name known non-commitment forms, and stay authoritative). The model gives the form, unless
    the clause has no subject and continues the commitment before it in its sentence (then it is of that form);
    the year, target, actor and status are read as for a clause the cues took, with no cue."""
    year = target_year(rules, text, start, end, min_year)
    target = first(rules.target_forms, text, start, end)
    if _vetoed(rules, text, start, end, bool(target or year)):
        return None
    own_subject = actor_in(entities, start, _subject_end(text, start, end), text, rules, actors.collective)
    # a clause with no subject of its own after a commitment continues it: "urged AMS to A, B and C" (EN-C-28)
    carried = None if own_subject else context.carried
    form = commitment_form(None, None, text, start, end, year, target is not None, rules, carried or form)
    return CommitmentMention(
        start=start, end=end, text=text[start:end], sentence_index=sentence_index,
        actor=_actor(text, start, end, rules, entities, actors, None, None, form, own_subject, context),
        action=None, target=target.rule.target if target else None, target_year=year,
        status=_status(None, [], bool(target or year)), binding=any_match(rules.binding_cues, text, start, end),
        rule_id=rule_id, confidence=confidence, form=form,
    )


def _agreed_need(cue: RuleMatch[CommitmentCue] | None, frame: ListFrame | None, text: str, sentence_start: int,
                 rules: LanguageRules) -> bool:
    """A "cần" (a `speaker_first` cue) in the paragraph of a list of what was agreed ("N vấn đề đã được thống
    nhất: Thứ nhất, …; Thứ ba, [X] cần …") is one of the agreed points, not the reporter's proposal (VI-C-41),
    unless its sentence names its own speaker ("Theo ông, ASEAN có thể và nên …")."""
    return (cue is not None and cue.rule.speaker_first and frame is not None and frame.form == "agreed_action"
            and not find_all(rules.reporting_verbs, text, sentence_start, cue.start))


def _cut_off(text: str, end: int) -> bool:
    """Whether a clause runs into the end of a text that stops mid-sentence (an excerpt cut off, inventory
    VI-N-25: "… nhằm ứng phó, giảm nhẹ và thích"): its undertaking is not all there, so it is none. A text that
    ends on a number ("… Hội nghị Cấp cao lần thứ 27") has at least its last phrase whole."""
    return not text[end:].strip() and text.rstrip()[-1:].isalpha() and not _SIGN_OFF.search(text.rstrip())


_SIGN_OFF = re.compile(r"[.!?]\s*[-–—]\s*[A-Z]{2,8}$")
"""An agency's sign-off after the last full stop ("… this October.-VNA"): the text ends whole (EN-C-60)."""


def _carried_year(context: ClauseContext, carried: str | None, cue: RuleMatch[CommitmentCue] | None,
                  frame: ListFrame | None) -> int | None:
    """A measured goal continued with no verb of its own keeps the year of the goal before it ("giảm 8% vào năm
    2030 …; mức giảm này có thể được nâng lên 25%"); a list of documents does not share one's period."""
    return context.carried_year if carried == "target" and cue is None and frame is None else None


def _is_commitment(text: str, start: int, end: int, rules: LanguageRules, cue: RuleMatch[CommitmentCue] | None,
                   frame: ListFrame | None, year: int | None, has_target: bool, carried: str | None) -> bool:
    """A clause is a commitment when no veto holds and it has a strong cue, a weak cue with a target, a list
    lead above it, or (with no cue and no subject of its own) a commitment before it in its sentence whose
    enumeration it continues ("các Bộ trưởng tán thành việc xây dựng A; B; C")."""
    strong = cue is not None and cue.rule.status != WEAK_STATUS
    words = len(text[start:end].split())
    # a call or proposal asks for its actions together: "urged AMS to remain vigilant and to intensify patrols";
    # a weak verb continues an agreement as well as none: "agreed to develop X, to strengthen Y" (EN-C-22)
    # "…, developing smart agriculture, and improving infrastructure": asked only of a clause that may continue
    series_item = carried is not None and (_after_comma(text, start, rules) or _series_last(text, start, rules))
    # "agreed to nominate X and to review Y": a second infinitive of an agreement starts with its action (EN-C-64)
    infinitive = carried is not None and carried not in SPOKEN_FORMS and _after_infinitive_joiner(text, start, rules)
    continues = (carried is not None
                 and (carried not in SPOKEN_FORMS or _after_semicolon(text, start, rules) or series_item)
                 and words >= (MIN_SERIES_ITEM_WORDS if series_item or infinitive else MIN_ITEM_WORDS)
                 and (cue is None or (not strong and (carried == "agreed_action"
                                                      or (series_item and _headed_item(text, start, end, rules))))))
    if frame is None and not (strong or (cue and (year or has_target)) or continues):
        return False
    if frame is not None and cue is None and not has_target and words < MIN_ITEM_WORDS:
        return False  # "kinh tế tuần hoàn": a topic in a list, not an undertaking
    if cue is not None and len(text[cue.end : end].split()) < MIN_OBJECT_WORDS:
        return False  # "Việt Nam đề xuất và cam kết …": the first verb's object is the next clause's
    return not _vetoed(rules, text, start, end, bool(has_target or year))  # last: the vetoes are the most to try


def _after_comma(text: str, start: int, rules: LanguageRules) -> bool:
    """Whether a clause is an item of a comma series ("stressed the importance of promoting X, developing Y,
    improving Z"): a proposal asks for each of them (real bulletins, GOLD_FORMAT.md: each item its own entry), where
    "urged AMS to remain vigilant and to intensify patrols" asks for one thing. A word of the language's
    `series_joiners` may stand between the comma and the item (", and improving Z")."""
    before = text[:start].rstrip()
    if before.endswith(","):
        return True
    return any(before.endswith(" " + word) and before[: -len(word)].rstrip().endswith(",")
               for rule in rules.series_joiners for word in rule.words or ())


def _after_infinitive_joiner(text: str, start: int, rules: LanguageRules) -> bool:
    """Whether a clause follows one of the language's `infinitive_joiners` ("and to"): "agreed to nominate five
    parks and to review the centre's funding" agrees to two things (corpus dev and the clause bank split them),
    so the second needs no more words than a series item does."""
    before = text[:start].rstrip()
    return any(before.endswith(" " + word) for rule in rules.infinitive_joiners for word in rule.words or ())


def _headed_item(text: str, start: int, end: int, rules: LanguageRules) -> bool:
    """Whether a series item starts with one of the language's `series_heads` (weak verbs such as "enhance"):
    "reaffirmed their commitment to promote A, enhance B and foster C" pledges B as well (EN-C-51), though
    "enhance" alone is no cue."""
    head = first(rules.series_heads, text, start, end)
    return head is not None and head.start == start


def _after_semicolon(text: str, start: int, rules: LanguageRules) -> bool:
    """Whether a clause follows one of the language's `series_breaks` (";", ", đồng thời"): "[X] đề nghị, các
    nước cần A; B; thứ ba là C" lists separate proposals (VI-C-42), and "nhấn mạnh sự cần thiết phải A, đồng thời
    B" asks for B too (VI-C-44), where "urged AMS to remain vigilant and to intensify patrols" asks for one thing
    (English has none: its inventory has no such series after a semicolon, EN-C-28)."""
    before = text[:start].rstrip()
    return any(before.endswith(word) for rule in rules.series_breaks for word in rule.words or ())


def _actor(text: str, start: int, end: int, rules: LanguageRules, entities: list[EntityMention], actors: Actors,
           cue: RuleMatch[CommitmentCue] | None, frame: ListFrame | None, form: str, own_subject: str | None,
           context: ClauseContext) -> str | None:
    """Who commits. A proposal or a call is its speaker's: the lead's ("[X] đưa ra ba đề xuất, theo đó ASEAN
    cần …"), the one before the reporting verb ("[Thứ trưởng] cho rằng, ASEAN cần …"), the subject of the
    sentence ("Việt Nam đánh giá cao …, đồng thời đề nghị …") or an official named by title. Otherwise the
    party named before the cue, in the sentence, by the list lead, by a national or local word; what a meeting
    agreed with no one named is the bulletin's grouping's; else the bulletin's main party."""
    spoken = form in SPOKEN_FORMS
    actor = None
    if spoken and frame is not None and frame.form in SPOKEN_FORMS:
        actor = frame.actor
    elif spoken and context.pronoun_speaker is not None:
        # "He also asked X to …": whoever proposed or called last (EN-ACT-02); it also covers the officials whose
        # title the official_names rules do not read ("Deputy PM, FM [name] called for …"), which speaker_party misses
        actor = context.pronoun_speaker
    elif spoken and cue is None and context.carried in SPOKEN_FORMS:
        actor = context.carried_actor  # "[X] đề nghị, …; B; C": each item is X's
    elif cue is not None and cue.rule.speaker_first and spoken:
        actor = (_speaker(text, context.sentence_start, cue.start, rules, entities, actors)
                 or _speaker_after_quote(text, context.sentence_start, cue.end, context.sentence_end or end, rules,
                                         entities, actors)
                 or context.speaker)
    if actor is None and spoken:
        actor = _speaker_after_clause(text, cue.end if cue else start, context.sentence_end or end, rules, entities,
                                      actors)
    if actor is None and spoken:  # a dateline's city does not speak: "Ba-cu, 20/11 - … Bộ trưởng … kêu gọi"
        actor = (speaker_party(actors.officials, rules, text, context.sentence_start, cue.start if cue else end)
                 or actor_in(entities, start, cue.start if cue else end, text, rules, actors.collective, places=False)
                 or actors.for_text(rules, text, context.sentence_start, cue.start if cue else end)
                 or first_actor_in(entities, context.sentence_start, start, text, rules))
    actor = actor or own_subject
    if actor is None and not spoken and actors.officials:  # "“We will …,” Zhao said": the speaker's (EN-ACT-03)
        actor = _speaker_after_quote(text, context.sentence_start, cue.end if cue else start + 1,
                                     context.sentence_end or end, rules, entities, actors)
    if context.carried is not None and frame is None:  # "các đại biểu tán thành việc xây dựng A; B; C": all theirs
        actor = actor or context.carried_actor
    # an item of a list whose lead names who acts is the lead's: a party its earlier items name ("xây dựng Kế hoạch
    # … ASEAN; chuẩn bị …") is their object, not the next item's subject (CONSTRUCTIONS.md VI-ACT-03)
    if frame is not None and context.item:
        actor = actor or frame.actor
    actor = actor or context.sentence_actor or (frame.actor if frame else None)
    actor = actor or actors.for_text(rules, text, start, end)
    if actor is None and form == "agreed_action":
        actor = actors.collective
    return actor or actors.default


def open_frame(text: str, start: int, end: int, paragraph: int, rules: LanguageRules, entities: list[EntityMention],
               actors: Actors, min_year: int | None = None,
               heading: bool = False) -> tuple[ListFrame | None, int] | None:
    """A list lead in the sentence, and where its items start (after its colon, if any); (None, end) for a lead
    a veto holds (an agenda), whose items in the sentence are topics, not undertakings.

    A lead is a list cue ("Phương hướng năm 2024", "agreed to the following"), or any pledge or plan cue
    right before a colon ("Da Nang aims to:", "các nước ASEAN cam kết:")."""
    cues = find_all(rules.commitment_cues, text, start, end)
    lead = next((c for c in cues if c.rule.scope == "list"), None)
    colon = text.find(":", lead.end if lead else start, end)
    if lead is None and not _speech_after(text, colon, end):
        # the pledge nearest the colon: "đã rà soát Kế hoạch …, và thống nhất:" leads with "thống nhất"
        lead = next((c for c in reversed(cues) if c.rule.status != WEAK_STATUS and colon >= 0 and c.end <= colon
                     and not text[c.end : colon].count(";")), None)
    if lead is None and colon >= 0 and _lead_vetoed(rules, text, start, colon):
        return None, end  # "Hội nghị thảo luận các nội dung: …; …": topics, not undertakings (VI-N-20)
    if lead is None or _lead_words(rules).past.search(text, max(start, lead.start - 12), lead.start):
        return None  # "các bộ trưởng đã thống nhất Khung … với bốn trụ cột:": what the list describes is done
    items_start = colon + 1 if colon >= 0 else _items_after(text, lead.end, end, rules)
    if (lead.rule.lead_needs_items and colon < 0 and items_start >= end and not heading
            and _inside_sentence(text, start, lead.start)):
        return None  # "Hội nghị thảo luận tình hình và phương hướng hợp tác.": a topic; no items follow it here
    if _lead_vetoed(rules, text, start, items_start):
        return None, end  # "Hội nghị sẽ xem xét các nội dung chính như sau: …; …": an agenda, not undertakings
    year = _frame_year(rules, text, start, lead.start, items_start, min_year)
    form = _frame_form(lead, [c for c in cues if c.end <= items_start])
    subject_end = lead.start if form in SPOKEN_FORMS else items_start
    subject_start = _after_reporter(text, start, lead.start, rules) if form == "agreed_action" else start
    actor = (actor_in(entities, subject_start, subject_end, text, rules, actors.collective)
             or actors.for_text(rules, text, subject_start, subject_end))
    return ListFrame(paragraph, year, actor, lead.rule.id, form), items_start


_SPEECH_OPENERS = ("“", '"', "«")
_SENTENCE_END = re.compile(r"[.!?…]")


def _speech_after(text: str, colon: int, end: int) -> bool:
    """Whether a colon opens a quotation of the speaker's own words, not a list of items ("[Bộ trưởng] kêu gọi hành
    động chung của cả khu vực: “[S1]. [S2]. [S3].”", CONSTRUCTIONS.md VI-C-57): the quote holds a sentence's end, or
    runs on past its sentence. Its sentences are what the speaker says, each read on its own; the verb before the
    colon, with its own object, is a commitment in its own right. Quoted names after a colon ("trình bày hai sáng
    kiến: “[A]” và “[B]”", VI-C-39) close within the sentence and hold no full stop: they stay a list's items."""
    if colon < 0:
        return False
    after = text[colon + 1 : end].lstrip()
    if not after.startswith(_SPEECH_OPENERS):
        return False
    close = min((at for at in (after.find(mark, 1) for mark in ("”", '"', "»")) if at > 0), default=-1)
    return close < 0 or _SENTENCE_END.search(after, 1, close) is not None


_SENTENCE_OPENING = re.compile(r"\W*(?:(?:[IVX]{1,4}|\d{1,2}|[a-hA-H])[.)]\W*)?")


def _inside_sentence(text: str, start: int, at: int) -> bool:
    """Whether words stand before `at` in its sentence, beyond a section number ("II. Phương hướng …")."""
    opening = _SENTENCE_OPENING.match(text, start, at)
    return (opening.end() if opening else start) < at


def _after_reporter(text: str, start: int, lead_start: int, rules: LanguageRules) -> int:
    """Where the party of an agreement is named: after the reporting verb before its lead, if any ("Ông X (Bộ
    …) cho biết N vấn đề đã được thống nhất:" reports what the meeting agreed; the reporter's ministry is not
    who agreed, GOLD_FORMAT.md)."""
    verbs = find_all(rules.reporting_verbs, text, start, lead_start)
    return verbs[-1].end if verbs else start


def _lead_vetoed(rules: LanguageRules, text: str, start: int, end: int) -> bool:
    """A list lead that a veto holds for any clause (an agenda preview, a meeting being hosted): its items are
    topics, not undertakings. Vetoes lifted by a target (what already happened) are left out: "đã rà soát Kế
    hoạch …, và thống nhất:" still leads a list."""
    return any(not veto.unless_target for veto in rules_matching(rules.not_commitment, text, start, end))


def _frame_form(lead: RuleMatch[CommitmentCue], cues: list[RuleMatch[CommitmentCue]]) -> str:
    """What a list lead makes its items: the form of the last clause cue before the items ("Tổng cục sẽ tập
    trung vào ba nhiệm vụ:" is a pledge, even under "Thời gian tới"), where a plain future gives way to an
    agreement before it ("các nước thống nhất sẽ: (i) …" is what they agreed); else the list cue's own
    ("Phương hướng năm 2024:")."""
    own = [c for c in cues if c.rule.scope == "clause" and c.rule.status != WEAK_STATUS]
    if not own:
        return lead.rule.form
    if own[-1].rule.form == "pledge" and any(c.rule.form == "agreed_action" for c in own):
        return "agreed_action"
    return own[-1].rule.form


@dataclass(frozen=True)
class _LeadWords:
    past: re.Pattern[str]  # right before a lead, one of `past_leads`: "đã", "had"
    items_intro: re.Pattern[str]  # after a lead with no colon, up to one of `items_intros`: "theo đó", "including"


def _lead_words(rules: LanguageRules) -> _LeadWords:
    return _lead_words_of(tuple(word for rule in rules.past_leads for word in rule.words or ()),
                          tuple(word for rule in rules.items_intros for word in rule.words or ()))


def _spaced(words: tuple[str, ...]) -> str:
    """The words as alternatives, longest first, any run of spaces between a phrase's words."""
    return "(?:" + "|".join(r"\s+".join(map(re.escape, word.split()))
                            for word in sorted(words, key=lambda w: (-len(w), w))) + ")" if words else "(?!)"


@cache
def _lead_words_of(past: tuple[str, ...], intros: tuple[str, ...]) -> _LeadWords:
    return _LeadWords(re.compile(rf"\b{_spaced(past)}\s+$", re.IGNORECASE),
                      re.compile(rf"[^.;:]{{0,40}}?(?:,\s*)?\b{_spaced(intros)}\b[,:]?\s*", re.IGNORECASE))


def _items_after(text: str, lead_end: int, end: int, rules: LanguageRules) -> int:
    """Where the items of a list lead with no colon start: after "theo đó", "bao gồm", "đó là", "including"
    right after it ("đưa ra ba đề xuất, theo đó ASEAN cần …; …"); else nowhere in this sentence (the items
    follow in the next ones)."""
    intro = _lead_words(rules).items_intro.match(text, lead_end, end)
    return intro.end() if intro else end


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
