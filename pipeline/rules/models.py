"""Pydantic models of the rule, gazetteer and taxonomy files.

Every file is validated on load: unknown keys are refused, patterns must compile, ids are unique.
The models import nothing of the package: the rules are data, the stages are code.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache, cached_property
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

RuleId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.\-]*$", min_length=3)]
Lang = Literal["vi", "en"]
MeetingKind = Literal[
    "ministerial", "senior_officials", "summit", "dialogue", "cop", "negotiation", "workshop", "forum", "other"
]
CommitmentStatus = Literal["adopted", "planned", "under_development", "ongoing"]
CommitmentForm = Literal["pledge", "target", "plan", "agreed_action", "proposal", "call"]
"""What kind of undertaking a cue makes (GOLD_FORMAT.md); the same values as `pipeline.schema.CommitmentForm`."""
InstrumentKind = Literal[
    "declaration", "statement", "agreement", "convention", "framework", "strategy", "plan", "roadmap",
    "programme", "initiative", "other",
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Rule(Strict):
    """A rule: a stable id, why it exists, and texts it must and must not match."""

    id: RuleId
    note: str = Field(min_length=3)
    examples: list[str] = Field(default_factory=list)
    counter_examples: list[str] = Field(default_factory=list)


WORDS_PLACEHOLDER = "{words}"


class PatternRule(Rule):
    """What a rule matches in the normalised text of a sentence, always as whole words.

    `words`: a plain list of words or phrases, found all at once (a newcomer adds a cue by adding a word);
    `pattern`: a regular expression, for what needs structure ("(?P<n>\\d{1,2})"). A pattern may hold the
    rule's list as `{words}` ("{words} (?P<year>(?:19|20)\\d\\d)"): one of the words, the longest first."""

    lang: Lang
    words: list[Annotated[str, StringConstraints(min_length=1)]] | None = None  # before `pattern`: it reads them
    pattern: str | None = None
    ignore_case: bool = True

    @field_validator("words")
    @classmethod
    def _plain_words(cls, value: list[str] | None) -> list[str] | None:
        if value is not None:
            if not value:
                raise ValueError("an empty list of words")
            for word in value:
                if word != word.strip() or "  " in word:
                    raise ValueError(f"word {word!r}: spaces at its ends or doubled inside")
            if len(set(value)) != len(value):
                raise ValueError("a word is listed twice")
        return value

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None:
            return value
        if (WORDS_PLACEHOLDER in value) != (info.data.get("words") is not None):
            raise ValueError(f"a pattern of a rule with words must hold {WORDS_PLACEHOLDER} (and only then)")
        try:
            re.compile(value)
        except re.error as error:
            raise ValueError(f"pattern does not compile: {error}") from None
        return value

    @model_validator(mode="after")
    def _pattern_or_words(self) -> PatternRule:
        if self.pattern is None and self.words is None:
            raise ValueError(f"rule {self.id!r} needs a pattern or words")
        return self

    @cached_property
    def pattern_text(self) -> str | None:
        """The regular expression (its `{words}` written out), None for a rule of words only. Written out
        once per rule: the matchers and the commitment stage ask for it sentence after sentence."""
        if self.pattern is None:
            return None
        if self.words is None:
            return self.pattern
        return self.pattern.replace(WORDS_PLACEHOLDER, words_alternation(self.words))


class WordsOnly(PatternRule):
    """A list of words that a stage reads as words (or composes its own regular expression from): no pattern."""

    @field_validator("pattern")
    @classmethod
    def _no_pattern(cls, value: str | None) -> str | None:
        if value is not None:
            raise ValueError("a list of words only: the code that reads it writes the pattern around them")
        return value


def words_alternation(words: Sequence[str]) -> str:
    """The words as one group of alternatives, longer words first (so the longest wins at a position)."""
    return _alternation(tuple(words))


@cache
def _alternation(words: tuple[str, ...]) -> str:
    return "(?:" + "|".join(re.escape(word) for word in sorted(words, key=lambda w: (-len(w), w))) + ")"


def _unique_ids(rules: list[Rule], what: str) -> None:
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise ValueError(f"duplicate {what} id {rule.id!r}")
        seen.add(rule.id)


# --- areas.yaml -------------------------------------------------------------------------------------


class AreaCue(PatternRule):
    """A cue for an area. `strong` cues tag a sentence alone; weak ones need a second cue in the sentence."""

    strong: bool = True


class AreaDefinition(Strict):
    key: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
    label_vi: str
    label_en: str
    note: str
    cues: list[AreaCue] = Field(min_length=1)


class AreaTaxonomy(Strict):
    changelog: list[str]
    areas: list[AreaDefinition] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> AreaTaxonomy:
        keys = [area.key for area in self.areas]
        if len(keys) != len(set(keys)):
            raise ValueError("duplicate area key")
        _unique_ids([cue for area in self.areas for cue in area.cues], "cue")
        return self

    @cached_property
    def cues_by_lang(self) -> dict[str, tuple[list[AreaCue], dict[str, str]]]:
        """Per language, its cues in the taxonomy's order, and the area of each cue (by cue id)."""
        areas = {cue.id: area.key for area in self.areas for cue in area.cues}
        return {lang: ([cue for area in self.areas for cue in area.cues if cue.lang == lang], areas)
                for lang in ("vi", "en")}


# --- gazetteers/*.yaml ----------------------------------------------------------------------------


class GazetteerEntry(Strict):
    id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_+.\-]*$")]
    name_en: str
    name_vi: str
    aliases_vi: list[str] = Field(default_factory=list)
    aliases_en: list[str] = Field(default_factory=list)
    note: str | None = None
    iso2: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] | None = None
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] | None = None
    meeting_kind: MeetingKind | None = None
    members: list[str] = Field(default_factory=list, description="partner names (English) a grouping stands for")
    instrument_kind: InstrumentKind | None = None
    actor: str | None = Field(default=None, description="English actor name when this entity commits")
    partnership: bool = Field(
        default=False,
        description="a partnership of the Mekong countries with one partner (the MLC, Mekong-Japan, Mekong-Korea, "
        "the LMI, the Mekong-U.S. Partnership): what the ministers or leaders of a bulletin naming it agree is the "
        "partnership's, even where the bulletin names ASEAN as the setting (CONVENTIONS.md)")
    body_id: str | None = Field(
        default=None,
        description="the meeting body a meeting named after this entity has (ASEAN+3 -> ASEAN+3; the haze "
        "agreement -> AATHP; UNFCCC -> COP); a BODY entry with a meeting_kind is its own body",
    )
    specialises: str | None = Field(default=None, description="a body id this one refines (AATHP refines COP)")
    meeting_en: str | None = Field(default=None, description="English name of this series' meetings")
    meeting_vi: str | None = Field(default=None, description="Vietnamese name of this series' meetings")
    short_form: str | None = Field(default=None, description="how an edition is written short: 'COP{n}', 'INC-{n}'")
    bare_editions_from: int | None = Field(
        default=None, ge=1,
        description="the first edition of this body's COPs that no other convention's COP had reached when the "
        "entry was written: a bare 'COP28' of a bulletin that names no convention and no other COP series is "
        "this body's (UNFCCC: 21)")


class Gazetteer(Strict):
    label: Literal["BODY", "COUNTRY", "CITY", "PROVINCE", "GROUPING", "ORG", "INSTRUMENT"]
    changelog: list[str]
    entries: list[GazetteerEntry] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> Gazetteer:
        seen: set[str] = set()
        for entry in self.entries:
            if entry.id in seen:
                raise ValueError(f"duplicate entry id {entry.id!r}")
            seen.add(entry.id)
        return self


# --- vi/*.yaml, en/*.yaml: extraction rules ----------------------------------------------------------


class MeetingHead(PatternRule):
    """Where a meeting's name starts ("Hội nghị", "Meeting"), with the kind it implies if any."""

    kind: MeetingKind | None = None
    body_before: bool = Field(
        default=False, description="the name holds no body, the one named just before it owns the meeting ('The "
        "ACDM held its 45th meeting', 'the MRC Joint Committee's 34th meeting')")


class KindCue(PatternRule):
    """A word inside a meeting's name that tells its kind; the first cue in file order wins."""

    kind: MeetingKind


class SeriesForm(PatternRule):
    """A meeting named by its series acronym and edition ("AMME-17", "COP28"); group `body` and `n`. A form
    that always names one series ("16th AMME+3" is the ASEAN Plus Three ministers' meeting) gives its `body`
    and `kind` instead of a group `body`; its edition (group `n`) may be absent."""

    kind: MeetingKind | None = None
    body: str | None = Field(default=None, description="the body of every match, for a pattern without group "
                             "'body' (a gazetteer id)")


class PlaceLink(PatternRule):
    """A phrase that gives a meeting the place or date of another meeting.

    `source: before`: the meeting named before ("… ASOEN-34, which convened at the same venue");
    `source: after`: the meeting named after the cue ("COP-18 AATHP, bên lề Hội nghị AMME-17");
    `source: sentence_before`: what the sentence before says ("Từ 10 đến 21/11, thành phố Bê-lem … . Nơi đây
    đang diễn ra COP30");
    `source: next`: the meeting right after the cue takes them from the meeting the passage reports ("Tiếp theo sẽ
    là cuộc họp …", "other meetings such as …", "Trước Hội nghị Bộ trưởng có phiên họp …");
    `source: beside`: as `after`, for two meetings held on the same days ("[M1], cùng với [M2]", "[M1], back-to-back
    with [M2]"): the one that lacks a date takes the other's day, where `after` (a meeting within a larger event)
    gives the larger event only the month of the smaller one's day."""

    source: Literal["before", "after", "sentence_before", "next", "beside"]


class DayOffsetLink(PatternRule):
    """A phrase that dates a meeting a number of days from another ("following [M2] the day before", "attended [M2]
    the next day", "Một ngày trước đó, [M2] …", "một ngày sau [M2]").

    `target`: the meeting the phrase dates, the one named right `before` it or right `after` it; it takes the day of
    the meeting dated to the day named before it (the one the bulletin reports), moved by `offset` days, and that
    meeting's place when it has none."""

    target: Literal["before", "after"]
    offset: int = Field(ge=-7, le=7)

    @field_validator("offset")
    @classmethod
    def _not_zero(cls, value: int) -> int:
        if value == 0:
            raise ValueError("an offset of 0 days is the same day: a same_date rule")
        return value


class CommitmentCue(PatternRule):
    """A word that makes a clause forward-looking, with the status it implies."""

    status: CommitmentStatus
    form: CommitmentForm = Field(
        description="the kind of undertaking the clause (or, for a list cue, each of its items) is: pledge, "
        "target, plan, agreed_action, proposal or call; a pledge that sets a measured goal with a year becomes a "
        "target (commitments.py)")
    confidence: float = Field(default=0.7, ge=0, le=1)
    speaker_first: bool = Field(
        default=False, description="the party that commits is the speaker before the sentence's reporting verb "
        "(`reporting_verbs`), not the subject of the cue: '[Bộ trưởng] cho rằng, ASEAN cần …' is Viet Nam's "
        "proposal")
    scope: Literal["clause", "list"] = Field(
        default="clause",
        description="clause: the clause holding the cue is a commitment; list: the cue opens a list "
        "('Phương hướng năm 2024:', 'agreed to:') whose items are commitments",
    )
    lead_needs_items: bool = Field(
        default=False, description="a list cue inside a body sentence leads a list only when its items follow it in "
        "the sentence (after a colon or one of `items_intros`): 'nhất trí một số định hướng sau: …'; there a noun "
        "such as 'định hướng' is a topic or a document's content ('thảo luận tình hình và phương hướng hợp tác', "
        "'nêu ra các mục tiêu và định hướng hợp tác'). Opening a sentence or in a heading it leads as any list cue")


class CommitmentVeto(PatternRule):
    """Words that make a clause not a commitment: a past event, praise, a meeting being scheduled."""

    unless_target: bool = Field(
        default=False, description="the veto is lifted when the clause states a target or a target year")
    before_cue: bool = Field(
        default=False, description="the veto holds only where it matches before the clause's first commitment cue: "
        "after it, its words are inside what is undertaken ('nhất trí áp dụng các ngưỡng đã được thống nhất')")


class ClauseModelConfig(Strict):
    """The commitment clause model of a language (`pipeline/models/commitment_clauses/<lang>/`, trained by
    `make model` on the project's own annotated clauses): a second decider beside the cues, for a clause the
    rules neither took nor vetoed. Its records name it (`rule_id`), its probability is their confidence."""

    id: Annotated[str, StringConstraints(pattern=r"^model:[a-z0-9][a-z0-9_.\-]*$")] = Field(
        description="what the model's records carry as `rule_id` ('model:vi-commitment-clauses')")
    note: str = Field(min_length=3)
    model: Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+/[a-z]{2}$")] = Field(
        description="the model's folder under pipeline/models/ ('commitment_clauses/vi')")
    enabled: bool = Field(description="the switch: false gives exactly the rules' own commitments")
    threshold: float = Field(gt=0, le=1, description="the least probability of being a commitment it takes")
    min_words: int = Field(default=6, ge=1, description="shorter clauses are not asked (a topic, a name)")


class ClauseBreak(PatternRule):
    """Where a sentence is cut into clauses (`clause_breaks`)."""

    unless_after: list[Annotated[str, StringConstraints(min_length=1)]] | None = Field(
        default=None, description="words that, said earlier in the clause, hold the cut back ('nhằm': the items of a "
        "comma series after it are what a purpose covers, one undertaking)")


class PairBreak(PatternRule):
    """Where a clause is cut between two undertakings joined by "và" (`verb_pair_breaks`)."""

    after_forms: list[CommitmentForm] | None = Field(
        default=None, description="the cut holds only after a commitment cue of one of these forms in the clause "
        "('dự kiến thông qua A và B': two documents scheduled for adoption; 'triển khai A và B' stays one)")


class TargetForm(PatternRule):
    """A target phrase written many ways, normalised to one English name ("net zero emissions")."""

    target: str


YearRole = Literal["deadline", "start", "period", "mention", "named", "not_target"]
YEAR_ROLES: tuple[YearRole, ...] = ("deadline", "start", "period", "mention", "named")
"""The roles a year can play in a commitment, the one that says most about its deadline first."""


class TargetYearForm(PatternRule):
    """A phrase holding a year (group `year`), with the role that year plays for a commitment.

    deadline: "vào năm 2030", "by the end of 2020"; start: "từ năm 2026", "from 2026"; period: the end of
    "giai đoạn 2021-2025"; mention: a bare "năm 2024"; named: a year inside a plan's name ("Chiến lược …
    đến năm 2050"); not_target: a year that is no target ("so với năm 2014", "post-2020"). When a clause
    holds several, the role earliest in YEAR_ROLES wins, so a commitment's own deadline beats the period of
    the plan it works on."""

    role: YearRole
    years_after: int | None = Field(
        default=None, ge=0, description="a year said relative to the bulletin's own ('năm sau', 'hai năm tới', "
        "'over the next three years'): that many years after it, plus the number of group `count` (digits, or "
        "one of `counts`) when the pattern has one; such a pattern needs no group `year`")
    counts: dict[str, int] = Field(default_factory=dict, description="number words of group `count` ('hai': 2)")

    @model_validator(mode="after")
    def _has_year_group(self) -> TargetYearForm:
        pattern = self.pattern or ""
        if self.years_after is None and "(?P<year>" not in pattern:
            raise ValueError("pattern has no named group 'year'")
        if self.years_after is not None and "(?P<year>" in pattern:
            raise ValueError("a relative year (years_after) has no group 'year'")
        return self

    def year_of(self, groups: Mapping[str, str | None], bulletin_year: int | None) -> int | None:
        """The year a match names: its `year` group, or so many years after the bulletin's own (None when
        the bulletin's year is unknown)."""
        if self.years_after is None:
            return int(groups["year"] or 0)
        if bulletin_year is None:
            return None
        count = (groups.get("count") or "").lower()
        return bulletin_year + self.years_after + (int(count) if count.isdigit() else self.counts.get(count, 0))


class DaysBeforeEnd(PatternRule):
    """A meeting's closing verb then its length ("concluded in Siem Reap on August 30 after three days of talks",
    "đã bế mạc chiều nay sau hai ngày làm việc"): the day said before the end of the match is the last of that many
    days (group `count`: digits, or one of `counts`)."""

    counts: dict[str, int] = Field(default_factory=dict, description="number words of group `count` ('three': 3)")

    @model_validator(mode="after")
    def _has_count_group(self) -> DaysBeforeEnd:
        if "(?P<count>" not in (self.pattern or ""):
            raise ValueError("pattern has no named group 'count'")
        return self

    def days_of(self, groups: Mapping[str, str | None]) -> int | None:
        """The number of days a match says, None when its count is no number this rule knows."""
        count = (groups.get("count") or "").lower()
        return int(count) if count.isdigit() else self.counts.get(count)


class ActorCue(PatternRule):
    """Words that say who commits without naming a party ("the two sides", "Hai bên"), and the actor they
    stand for."""

    actor: str
    collective: bool = Field(
        default=False, description="the words stand for the grouping whose meeting the bulletin reports (its "
        "most named grouping or body other than its own country: ASEAN, the Mekong-Lancang Cooperation, the "
        "MRC); `actor` when it names none")


class NumberWords(PatternRule):
    """Words that stand for numbers ("seventeenth" 17, "nhất" 1), as `numbers`; the rule's words are its keys
    (written once, in `numbers`), so the words are also found in text like any list."""

    numbers: dict[Annotated[str, StringConstraints(min_length=1)], int] = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _words_are_the_numbers(cls, data: Any) -> Any:
        if isinstance(data, dict) and "words" not in data and isinstance(data.get("numbers"), dict):
            data = {**data, "words": list(data["numbers"])}
        return data

    @cached_property
    def number_of(self) -> dict[str, int]:
        """The number of each word, case ignored (keys in lower case)."""
        return {word.lower(): number for word, number in self.numbers.items()}


class RelativePeriod(PatternRule):
    """A period said relative to the publication day ("last month", "this October", "tuần trước"): read as the
    month it falls in, the most precise date a gold file can hold for it (a week is no ISO date of its own; a
    week from Monday to Sunday that straddles two months is read as both).

    `unit: week`: the week `offset` weeks from the publication day's; `month`: the month `offset` months from
    the publication month; `named_month`: the month of group `month` (an English month name or a number), in
    the publication year (offset 0, "this October"), the last one before the publication month (-1, "last
    October"), or the next one after it (1, "next October")."""

    unit: Literal["week", "month", "named_month"]
    offset: int = Field(ge=-1, le=1)

    @model_validator(mode="after")
    def _named_month_has_its_group(self) -> RelativePeriod:
        if (self.unit == "named_month") != ("(?P<month>" in (self.pattern or "")):
            raise ValueError("a named_month rule, and only it, has a pattern with group 'month'")
        return self


class MeetingNaming(PatternRule):
    """How a meeting's name is written in one language from its attributes, whichever language it was found
    in: the name of each kind, and the templates that place the side (body or partners) and the edition. The
    rule's words are the kind names (so a text holding one is an example)."""

    kinds: dict[str, str] = Field(description="every meeting kind's name ('ministerial': 'Ministerial "
                                          "Meeting')")
    series: str = Field(description="a series' name: '{kind} {side}' or '{side} {kind}'")
    edition: str = Field(description="an edition's name: '{series} lần thứ {n}', '{nth} {series}' (17th)")
    partners_joiner: str = Field(description="between a dialogue's sides: ' - ', '-'")
    from_other_language: str = Field(description="a name found only in the other language: '{kind} ({name})'")
    ordinal_suffixes: dict[Annotated[str, StringConstraints(pattern=r"^\d*$")], str] = Field(
        default_factory=dict, description="what `{nth}` writes after an edition's number, by the digits it ends "
        "with, the longest that fit ('1': 'st', '11': 'th'; '': any other)")

    @model_validator(mode="before")
    @classmethod
    def _words_are_the_kind_names(cls, data: Any) -> Any:
        if isinstance(data, dict) and "words" not in data and isinstance(data.get("kinds"), dict):
            data = {**data, "words": list(dict.fromkeys(data["kinds"].values()))}
        return data

    @field_validator("kinds")
    @classmethod
    def _every_kind(cls, value: dict[str, str]) -> dict[str, str]:
        missing = [kind for kind in get_args(MeetingKind) if kind not in value]
        unknown = sorted(set(value) - set(get_args(MeetingKind)))
        if missing or unknown:
            raise ValueError(f"a name for each meeting kind, once: none for {missing}, unknown {unknown}")
        return value

    @model_validator(mode="after")
    def _nth_has_its_suffixes(self) -> MeetingNaming:
        if "{nth}" in self.edition and "" not in self.ordinal_suffixes:
            raise ValueError("an edition written with {nth} needs ordinal_suffixes, with '' for any other number")
        return self

    def nth(self, number: int) -> str:
        """'17th', '21st', '112th': the number and the suffix of the longest ending of its digits that has one."""
        digits = str(number)
        ending = max((key for key in self.ordinal_suffixes if digits.endswith(key)), key=len, default="")
        return digits + self.ordinal_suffixes.get(ending, "")

    @field_validator("series", "edition", "from_other_language")
    @classmethod
    def _template_holds_its_fields(cls, value: str, info: ValidationInfo) -> str:
        allowed = _NAMING_FIELDS[info.field_name or ""]
        used = set(re.findall(r"{(\w*)}", value))
        if not used or not used <= allowed:
            raise ValueError(f"template {value!r}: may hold only {sorted(allowed)}")
        return value


_NAMING_FIELDS = {"series": {"kind", "side"}, "edition": {"series", "n", "nth"},
                  "from_other_language": {"kind", "name"}}


class InstrumentHead(PatternRule):
    kind: InstrumentKind


class LanguageRules(Strict):
    """The extraction rules of one language, one file per language."""

    lang: Lang
    changelog: list[str]
    word_lists: dict[Annotated[str, StringConstraints(pattern=r"^[a-z_]+$")], list[str]] = Field(
        default_factory=dict,
        description="lists several patterns share, each written `{name}` in them ('{months}'): one of the "
        "words, the longest first",
    )
    meeting_heads: list[MeetingHead]
    meeting_name_end: list[PatternRule]
    kind_cues: list[KindCue]
    series_forms: list[SeriesForm]
    ordinal_forms: list[PatternRule]
    generic_meeting: list[PatternRule]
    not_meeting: list[PatternRule]
    place_intro: list[PatternRule]
    same_place: list[PlaceLink]
    same_date: list[PlaceLink]
    series_venue: list[PatternRule] = Field(
        default_factory=list,
        description="'chuỗi hội nghị … tại X', 'the related meetings … in X': X is the venue of the bulletin's week",
    )
    online: list[PatternRule]
    not_venue_place: list[PatternRule] = Field(
        default_factory=list,
        description="'Theo phóng viên TTXVN tại X', 'chaired by X': the place after it is not the meeting's venue")
    hybrid: list[PatternRule] = Field(
        default_factory=list, description="'kết hợp trực tiếp và trực tuyến', 'hybrid': held in a place, also online")
    online_host: list[PatternRule] = Field(
        default_factory=list, description="'đăng cai', 'hosted by': the country named with it is an online "
        "meeting's country (its city stays empty)")
    not_meeting_year: list[PatternRule] = Field(
        default_factory=list, description="'Chủ tịch ASEAN năm', 'ASEAN Chairmanship': the year after it is the "
        "chair's year, a meeting's date only when the meeting has no other")
    host_before: list[PatternRule] = Field(
        default_factory=list, description="'đăng cai', 'will host' right before a meeting's name: the country named "
        "just before it is the meeting's country ('Malaysia sẽ đăng cai Hội nghị …')")
    host_before_held: list[PatternRule] = Field(
        default_factory=list, description="'tổ chức thành công', 'successfully hosted the' right before a meeting's "
        "name: a host that has held the meeting, whose country is the meeting's even when no day is said")
    recent_past: list[PatternRule] = Field(
        default_factory=list, description="'vừa qua' right after a meeting's name: held shortly before "
        "publication, so the dateline's day is not its date")
    day_offsets: list[DayOffsetLink] = Field(
        default_factory=list, description="'the day before', 'the next day', 'Một ngày trước đó': a meeting dated "
        "that many days from the meeting the bulletin reports")
    days_before_end: list[DaysBeforeEnd] = Field(
        default_factory=list, description="'concluded … on August 30 after three days', 'bế mạc … sau hai ngày làm "
        "việc': a single day said before it is the last of that many days")
    name_joins: list[PatternRule] = Field(
        default_factory=list, description="'Kỳ họp lần thứ 20 của' before 'Hội nghị các Bên': one name goes on "
        "through the next head word")
    commitment_cues: list[CommitmentCue]
    not_commitment: list[CommitmentVeto]
    binding_cues: list[PatternRule]
    national_actor: list[PatternRule]
    home_agencies: list[ActorCue] = Field(
        default_factory=list, description="a news agency or government portal whose name in a bulletin ('(VNA)', "
        "'VGP –') makes the bulletin that country's own, as a Vietnamese bulletin is Viet Nam's: its unnamed "
        "officials and its national undertakings are that country's (`actor`)")
    joint_actors: list[ActorCue]
    official_names: list[PatternRule] = Field(
        default_factory=list, description="an official named with a title ('Vietnamese Prime Minister Pham Minh "
        "Chinh', 'Zhao Lin, the Chinese vice minister'): group `name`; the party named in the match speaks through "
        "them, else the bulletin's own country")
    official_references: list[PatternRule] = Field(
        default_factory=list, description="'the minister', 'he': a speaker referred to by title or pronoun, the "
        "official named last before")
    official_honorifics: list[WordsOnly] = Field(
        default_factory=list, description="'Datuk Seri', 'Dr': words around an official's name that do not say who")
    speaker_pronouns: list[PatternRule] = Field(
        default_factory=list, description="a sentence opening with one of these ('He also asked …', 'She urged …') "
        "goes on with the official who proposed or called last in the bulletin, though a paragraph lies between")
    target_forms: list[TargetForm]
    target_years: list[TargetYearForm]
    instrument_heads: list[InstrumentHead]
    adoption_cues: list[PatternRule]
    clause_breaks: list[ClauseBreak]
    measures: list[PatternRule] = Field(
        default_factory=list, description="'30 %', '5 GW', 'net zero': a measured goal, which makes a pledge with a "
        "year a target (a sum of money does not: it is what a pledge gives)")
    reporting_verbs: list[PatternRule] = Field(default_factory=list)
    past_leads: list[WordsOnly] = Field(
        default_factory=list, description="'đã', 'had' right before a list lead: what the list describes is done")
    items_intros: list[WordsOnly] = Field(
        default_factory=list, description="'theo đó', 'including' after a list lead with no colon: its items start "
        "after it")
    clause_glue: list[WordsOnly] = Field(
        default_factory=list, description="'và', 'and': a word that only joins a clause to the one before; a "
        "clause starting with one starts after it")
    series_breaks: list[WordsOnly] = Field(
        default_factory=list, description="';', ', đồng thời': a clause after one, with no verb of its own, "
        "continues the proposal or call before it (read as written, at the end of what comes before the clause)")
    series_joiners: list[WordsOnly] = Field(
        default_factory=list, description="'and' between a comma and the next item of a series (', and developing "
        "…'): the item is still one of the comma series (read as written, at the end of what comes before the clause)")
    infinitive_joiners: list[WordsOnly] = Field(
        default_factory=list, description="'and to' before a clause: the second infinitive of an agreement or a "
        "pledge ('agreed to A and to review B') is its own item, however short (a call's stays with its first: "
        "read as written, at the end of what comes before the clause)")
    series_last_breaks: list[PatternRule] = Field(
        default_factory=list, description="' and [verb]' inside an item of a comma series: the series' last item "
        "(\"agreed to A, B and C\": C is its own undertaking, where \"agreed to A and B\" is one)")
    verb_pair_breaks: list[PairBreak] = Field(
        default_factory=list, description="'và [action verb]' between two verb phrases, each with its own object "
        "('nhất trí thành lập X và tổ chức Y'): the second is its own undertaking, continuing the commitment before it "
        "as a series' item does; not after a bare verb ('xây dựng và triển khai X': one object, one undertaking)")
    verb_pair_blocks: list[WordsOnly] = Field(
        default_factory=list, description="'để', 'nhằm': between a clause's start and a verb pair break, the 'và' "
        "joins two verbs of a purpose or a phrase inside the clause, not two undertakings")
    series_heads: list[WordsOnly] = Field(
        default_factory=list, description="weak verbs ('enhance', 'strengthen') that, heading an item of a comma "
        "series, continue the commitment before it as a verb that is no cue does")
    # Word lists the stages read as lists (a word in, a word out), not as cues in running text.
    name_trailing_words: list[PatternRule] = Field(default_factory=list)
    name_connectors: list[PatternRule] = Field(default_factory=list)
    name_prefix_words: list[PatternRule] = Field(default_factory=list)
    place_prefixes: list[WordsOnly] = Field(
        default_factory=list, description="'TP.': a city's abbreviation before its name, skipped between a place cue "
        "and the place ('tại TP. Nay Pyi Taw')")
    country_nouns: list[WordsOnly] = Field(
        default_factory=list, description="'nước' between a place and its country ('Viên Chăn, nước Lào')")
    list_glue: list[WordsOnly] = Field(
        default_factory=list, description="'và', 'and of': with commas, between two meetings of one list, which share "
        "the date and place said once")
    acronym_bodies: list[PatternRule] = Field(
        default_factory=list, description="'(PSC)', 'Meeting of ADRP': the acronym (group `body`) a name gives its "
        "convening body, the meeting's body when the gazetteers know none")
    date_lead_words: list[WordsOnly] = Field(
        default_factory=list, description="'the': between the comma after a date and a later meeting's name ('Within "
        "[M1], on 3 May, the [M2] …'); the date still leads that name")
    convention_links: list[WordsOnly] = Field(
        default_factory=list, description="'to the': between a COP's name and the convention it meets for, named in "
        "lower case ('the 17th Meeting of the Conference of the Parties to the haze agreement'): the name runs on "
        "through the convention's")
    list_topic_words: list[WordsOnly] = Field(
        default_factory=list, description="'on': opens a name's topic in lower case ('Meeting on environment and "
        "climate change'), which may stand between two meetings of one list before the list glue")
    bare_treaties: list[PatternRule] = Field(
        default_factory=list, description="'Hiệp định', 'the Agreement' ending a COP's name: the convention is the one "
        "named before (a pattern read at the name's end)")
    bare_editions: list[PatternRule] = Field(
        default_factory=list, description="'Hội nghị lần thứ 4', 'the 43rd Meeting': an edition named by its number "
        "alone (a pattern read at the name's start) is of the series the bulletin reports on")
    name_articles: list[WordsOnly] = Field(
        default_factory=list, description="'the', 'a': never a name's first word ('The 17th AMME'); after a joiner, "
        "one starts a second name")
    name_joiners: list[WordsOnly] = Field(
        default_factory=list, description="'and': a connector after which an article, a prefix word or an ordinal "
        "starts a second name ('… and the Thirteenth Meeting')")
    name_inner_words: list[WordsOnly] = Field(
        default_factory=list, description="'of': inside a partner's name before the head ('ASEAN-Republic of Korea "
        "Dialogue'); the name may start before it")
    ner_not_a_name: list[PatternRule] = Field(default_factory=list)
    venue_cues: list[PatternRule] = Field(default_factory=list)
    prepositions: list[PatternRule] = Field(default_factory=list)
    meeting_naming: list[MeetingNaming] = Field(min_length=1, max_length=1)
    name_generic_words: list[PatternRule] = Field(
        default_factory=list, description="words of any meeting's name ('hội', 'nghị', 'meeting'): a shortened "
        "name is matched to a longer one by its other words")
    ordinal_words: list[NumberWords] = Field(
        default_factory=list, description="an edition's number spelled out ('nhất', 'Seventeenth'): its value")
    ordinal_tens: list[NumberWords] = Field(
        default_factory=list, description="the tens of a compound ordinal ('Twenty' in 'Twenty-Eighth')")
    clause_model: ClauseModelConfig | None = Field(
        default=None, description="the commitment clause model beside the cues, its switch and threshold")
    roman_numerals: list[NumberWords] = Field(
        default_factory=list, description="the letters of an edition written in Roman numerals ('lần thứ XVII'), "
        "with their values")
    relative_periods: list[RelativePeriod] = Field(
        default_factory=list, description="not written here: the loader gives each language its rules of "
        "dates.yaml's relative_periods ('last month', 'tuần trước'), which the meeting attributes ask for")

    @model_validator(mode="before")
    @classmethod
    def _no_relative_periods(cls, data: Any) -> Any:
        if isinstance(data, dict) and "relative_periods" in data:
            raise ValueError("relative_periods live in rules/dates.yaml, with the relative days and years")
        return data

    @model_validator(mode="before")
    @classmethod
    def _write_out_word_lists(cls, data: Any) -> Any:
        """Each `{name}` of a shared list in a rule's pattern written out as the list's alternation."""
        lists = data.get("word_lists") if isinstance(data, dict) else None
        if not isinstance(lists, dict) or not lists:
            return data
        data = dict(data)
        for list_name in cls.rule_lists():
            rules = data.get(list_name)
            if isinstance(rules, list):
                data[list_name] = [_with_lists_written_out(rule, lists) for rule in rules]
        return data

    @model_validator(mode="after")
    def _unique_and_lang(self) -> LanguageRules:
        rules = [rule for name in self.rule_lists() for rule in getattr(self, name)]
        _unique_ids(rules, "rule")
        for rule in rules:
            if rule.lang != self.lang:
                raise ValueError(f"rule {rule.id!r} has lang {rule.lang!r} in the {self.lang!r} file")
        return self

    @classmethod
    def rule_lists(cls) -> list[str]:
        return [name for name in cls.model_fields
                if name not in {"lang", "changelog", "word_lists", "relative_periods", "clause_model"}]


def _with_lists_written_out(rule: Any, lists: dict[str, Any]) -> Any:
    if not isinstance(rule, dict) or not isinstance(rule.get("pattern"), str):
        return rule
    pattern = rule["pattern"]
    for name, words in lists.items():
        if isinstance(words, list) and all(isinstance(word, str) for word in words):
            pattern = pattern.replace("{" + name + "}", words_alternation(words))
    return {**rule, "pattern": pattern}
