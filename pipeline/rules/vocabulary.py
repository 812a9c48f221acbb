"""Pydantic models of the two vocabulary files: `dates.yaml` (the words of dates, in both languages) and
`language.yaml` (what tells Vietnamese from English, and the words of a page's layout, read before any other
rule file).

Their lists are rules like any other (an id, words, a note, examples and counter-examples), but no stage
finds them on their own: the date grammar (`pipeline/recognise/dates.py`), the relative days and years
(`entities.py`), the "published" lines (`publication.py`) and the language detector (`ingest/language.py`)
compose their regular expressions from them. The relative weeks and months (`relative_periods`) are rules the
matcher finds like any other (`pipeline/recognise/relative_periods.py`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, field_validator, model_validator

from pipeline.rules.models import NumberWords, PatternRule, RelativePeriod, Strict, WordsOnly, words_alternation

# --- dates.yaml ---------------------------------------------------------------------------------------------

DateMod = Literal["START", "MID", "END"]


class WordList(WordsOnly):
    """A list of words that a stage composes its own regular expression from: words only, no pattern."""


class MonthWords(WordList, NumberWords):
    """Month names ('tháng Tám', 'August') or short forms ('Sept.'), each with its month's number."""

    numbers: dict[Annotated[str, StringConstraints(min_length=1)], Annotated[int, Field(ge=1, le=12)]] = Field(
        min_length=1)
    dotted: bool = Field(default=False, description="a short form that may end with a full stop ('Sept.')")


class WeekdayWords(WordList, NumberWords):
    """Weekday names ('thứ Ba', 'Tuesday') or short forms ('thứ 3', 'Tue.'), Monday 1 to Sunday 7."""

    numbers: dict[Annotated[str, StringConstraints(min_length=1)], Annotated[int, Field(ge=1, le=7)]] = Field(
        min_length=1)
    dotted: bool = Field(default=False, description="a short form that may end with a full stop ('Tue.')")


class QuarterWords(WordList, NumberWords):
    """Ordinal words of a quarter ('third quarter'), each with its quarter's number."""

    numbers: dict[Annotated[str, StringConstraints(min_length=1)], Annotated[int, Field(ge=1, le=4)]] = Field(
        min_length=1)


class DayOrdinal(WordList):
    """How an English day is written as an ordinal: its number with one of `suffixes` ("22nd"), maybe one of the
    words before its month ("12th of September"), which also link a quarter to its year ("third quarter of
    2023")."""

    suffixes: list[Annotated[str, StringConstraints(pattern=r"^[^\W\d_]+$")]] = Field(
        min_length=1, description="the endings of an ordinal number: 'st', 'nd', 'rd', 'th'")


class DateModifier(WordList):
    """Words that narrow a date to its start, middle or end ('đầu', 'thượng tuần', 'early', 'end of'); the
    first word of a phrase tells which."""

    mod: DateMod


class RelativeDay(WordList):
    """Words that name a day relative to the publication day ('hôm nay', 'yesterday')."""

    days_before: int = Field(default=0, ge=0, description="how many days before the publication day: 0 today")


class RelativeYear(WordList):
    """Words that name a year relative to the publication day's ('năm tới', 'last year')."""

    years_after: int = Field(description="the publication year plus this: 1 next year, -1 last year, 0 this year")


class DateRules(Strict):
    """dates.yaml: the words of the date grammar, of relative days and years, and of "published" lines, in
    both languages (each rule says its `lang`: the date tiers of a language read its rules)."""

    changelog: list[str]
    # The date tiers (pipeline/recognise/dates.py).
    month_names: list[MonthWords] = Field(description="'tháng Tám', 'August': a month written in words")
    month_short_forms: list[MonthWords] = Field(default_factory=list, description="'Sept.', 'Aug'")
    month_words: list[WordList] = Field(description="'tháng': what makes the number after it a month")
    year_words: list[WordList] = Field(description="'năm': what makes a four-digit number after it a year")
    quarter_words: list[WordList] = Field(description="'quý', 'quarter'")
    quarter_ordinals: list[QuarterWords] = Field(default_factory=list, description="'third' (quarter)")
    quarter_numerals: list[QuarterWords] = Field(
        default_factory=list, description="'III' in 'quý III': a quarter's numeral after a quarter word (digits are "
        "read anyway)")
    quarter_codes: list[QuarterWords] = Field(
        default_factory=list, description="'Q3': a quarter written as a code before its year ('Q3 2023'), in the "
        "texts of every language")
    period_words: list[WordList] = Field(
        default_factory=list, description="'giai đoạn': a range of years may follow (as it may a year word)")
    weekday_names: list[WeekdayWords] = Field(
        description="'thứ Ba', 'Tuesday', written as in running text: a weekday told relative to the publication "
        "day ('vào thứ Năm', 'on Tuesday') must be written so (case counts there, 'thứ năm' is also 'fifth')")
    weekday_short_forms: list[WeekdayWords] = Field(
        default_factory=list, description="'thứ 3', 'Tue.': dates read them, a relative weekday does not")
    day_ordinals: list[DayOrdinal] = Field(
        default_factory=list, description="'22nd', '12th of September': the suffixes of an ordinal day and the "
        "words between it and its month")
    modifiers: list[DateModifier] = Field(description="'cuối tháng 7', 'early 2024': the start, middle or end")
    day_times: list[WordList] = Field(
        default_factory=list, description="'sáng', 'chiều': a time of day that makes '12/9' a day (a day word "
        "may follow: 'chiều ngày 12/9')")
    day_words: list[WordList] = Field(default_factory=list, description="'ngày', 'hôm': make '12/9' a day")
    day_prepositions: list[WordList] = Field(
        default_factory=list, description="'từ', 'vào': a preposition of time makes '22/8' a day too")
    triggers: list[WordList] = Field(
        default_factory=list, description="'in', 'by': a year or a month name alone after one is a date")
    range_from: list[WordList] = Field(
        default_factory=list, description="'từ', 'from', 'between': before the first year of a range")
    range_to: list[WordList] = Field(description="'đến', 'to', 'until': between the two ends of a range")
    range_and: list[WordList] = Field(
        default_factory=list, description="'và': between two days of one meeting said once ('ngày 29 và "
        "30-10-2015'); 'and': between two years after 'between'")
    ordinal_markers: list[WordList] = Field(
        default_factory=list, description="'thứ': a number after one is an ordinal, no date ('lần thứ 3 - 5/10')")
    ordinal_nouns: list[WordList] = Field(
        default_factory=list, description="'lần', 'kỳ': after one, 'thứ 2' is an ordinal ('lần thứ 2'), no weekday")
    relative_year_tails: list[WordList] = Field(
        default_factory=list, description="'năm ngoái', 'năm sau' after a month or a day: the date is another "
        "year's, told relative to the bulletin's ('tháng 8 năm ngoái'), and not read")
    fillers: list[WordList] = Field(
        default_factory=list, description="'vào', 'on', 'the': may stand around a date in a text that is just a "
        "date (parse_date)")
    # Days and years told relative to the publication day (pipeline/recognise/entities.py).
    relative_days: list[RelativeDay] = Field(default_factory=list, description="'hôm nay', 'today', 'yesterday'")
    relative_weekday_leads: list[PatternRule] = Field(
        default_factory=list, description="'vào', 'on', 'last': before a weekday name with no date after it, the "
        "weekday is the last one on or before the publication day ('held on Wednesday')")
    relative_years: list[RelativeYear] = Field(default_factory=list, description="'năm tới', 'next year'")
    relative_periods: list[RelativePeriod] = Field(
        default_factory=list, description="'tuần trước', 'last month', 'this October': the month they fall in, "
        "counted from the publication day; a pattern may hold {months} and {not_after_counts}")
    year_counts: list[WordList] = Field(
        default_factory=list, description="'hai', 'vài': before a relative year, a count makes it a span of years "
        "('trong 5 năm tới', 'hai năm sau'), no year; and a span of weeks or months ('hai tuần trước')")
    # A bulletin's publication line (pipeline/recognise/publication.py).
    published_cues: list[WordList] = Field(
        default_factory=list, description="'Ngày đăng', 'Published': a line near the top that starts with one "
        "gives the publication date")
    published_end_cues: list[WordList] = Field(
        default_factory=list, description="'Cập nhật', 'Last updated': a line at the end of a page that starts "
        "with one gives the publication date")
    published_stamps: list[PatternRule] = Field(
        default_factory=list, description="'Channel NewsAsia 13 Oct 10;', 'Date: 11-Aug-2016': a page's stamp near "
        "the top whose date the date tiers do not read; groups `day`, `month` (digits or a month's English name "
        "or short form) and `year` (two digits are 20YY)")
    context_year_cues: list[PatternRule] = Field(
        default_factory=list, description="'nước Chủ tịch ASEAN 2025', 'năm Chủ tịch 2023': in a text with no "
        "publication date and no dated day or month, the year (group `year`) its yearless dates fall in")

    @model_validator(mode="before")
    @classmethod
    def _write_out_periods(cls, data: Any) -> Any:
        """`{months}` and `{not_after_counts}` in a relative period's pattern written out from its language's
        `month_names` and `year_counts`, as a language file's shared lists are."""
        if not isinstance(data, dict) or not isinstance(data.get("relative_periods"), list):
            return data
        return {**data, "relative_periods": [_period_written_out(rule, data) for rule in data["relative_periods"]]}

    @model_validator(mode="after")
    def _unique_ids(self) -> DateRules:
        seen: set[str] = set()
        for rule in self.rules():
            if rule.id in seen:
                raise ValueError(f"duplicate rule id {rule.id!r}")
            seen.add(rule.id)
        return self

    @model_validator(mode="after")
    def _one_number_per_month(self) -> DateRules:
        numbers: dict[str, int] = {}
        for rule in [*self.month_names, *self.month_short_forms]:
            for word, number in rule.number_of.items():
                if numbers.setdefault(word, number) != number:
                    raise ValueError(f"rule {rule.id!r}: month {word!r} is {number} here and {numbers[word]} before")
        return self

    @model_validator(mode="after")
    def _one_mod_per_first_word(self) -> DateRules:
        mods: dict[str, str] = {}
        for rule in self.modifiers:
            for word in rule.words or ():
                first = word.split()[0].lower()
                if mods.setdefault(first, rule.mod) != rule.mod:
                    raise ValueError(f"rule {rule.id!r}: {first!r} starts a {rule.mod} and a {mods[first]} modifier")
        return self

    @classmethod
    def rule_lists(cls) -> list[str]:
        return [name for name in cls.model_fields if name != "changelog"]

    def of_language(self, lang: str) -> DateRules:
        """The same lists holding only the rules of one language."""
        return self.model_copy(update={name: [rule for rule in getattr(self, name) if rule.lang == lang]
                                       for name in self.rule_lists()})

    def rules(self) -> Iterator[PatternRule]:
        """Every rule, in file order."""
        for name in self.rule_lists():
            yield from getattr(self, name)


def _words_of_lang(data: dict[str, Any], list_name: str, lang: Any) -> list[str]:
    """The words of one language's rules in a raw list of dates.yaml (a rule's `numbers` are its words)."""
    rules = data.get(list_name)
    return [str(word) for rule in rules if isinstance(rule, dict) and rule.get("lang") == lang
            for word in rule.get("words") or rule.get("numbers") or ()] if isinstance(rules, list) else []


def _period_written_out(rule: Any, data: dict[str, Any]) -> Any:
    if not isinstance(rule, dict) or not isinstance(rule.get("pattern"), str):
        return rule
    pattern, lang = rule["pattern"], rule.get("lang")
    if "{months}" in pattern:
        pattern = pattern.replace("{months}", words_alternation(_words_of_lang(data, "month_names", lang)))
    if "{not_after_counts}" in pattern:
        pattern = pattern.replace("{not_after_counts}", "".join(
            f"(?<!{re.escape(word)} )" for word in _words_of_lang(data, "year_counts", lang)))
    return {**rule, "pattern": pattern}


# --- language.yaml ------------------------------------------------------------------------------------------


class EnglishWords(WordList):
    lang: Literal["en"]


class LanguageSigns(Strict):
    """language.yaml: the letters and words that tell Vietnamese from English (pipeline/ingest/language.py)."""

    changelog: list[str]
    vietnamese_letters: list[Annotated[str, StringConstraints(min_length=1, max_length=1)]] = Field(
        min_length=1, description="letters only Vietnamese writes, in lower case: 'ă', 'đ', 'ơ'")
    tone_marks: dict[str, Annotated[str, StringConstraints(min_length=1, max_length=1)]] = Field(
        min_length=1, description="the combining marks of the tones, by name ('sắc': U+0301): a letter carrying "
        "one is Vietnamese")
    english_words: list[EnglishWords] = Field(
        min_length=1, description="function words of English ('the', 'of'): a text without Vietnamese letters "
        "holding one is English, however short")
    vietnamese_share: float = Field(
        gt=0, lt=1, description="the share of a text's letters that, when Vietnamese-only, makes it Vietnamese")
    min_letters: int = Field(ge=1, description="fewer letters than this: too few to tell the language")
    english_min_letters: int = Field(
        ge=1, description="a text without enough Vietnamese letters is English from this many letters on, or "
        "with fewer when it holds one of `english_words`")
    page_words: list[WordList] = Field(
        min_length=1, description="words before a page number on a PDF page's number line: 'Trang', 'Page'")
    page_count_words: list[WordList] = Field(
        min_length=1, description="words between a page number and the page count: 'of' in 'Page 3 of 9'")
    item_joiners: list[WordList] = Field(
        min_length=1, description="a word between a comma or semicolon and an enumeration item's marker: 'and' "
        "in '; and (c)'")
    vietnamese_examples: list[str] = Field(min_length=1, description="texts the detector must call Vietnamese")
    english_examples: list[str] = Field(min_length=1, description="texts the detector must call English")

    def word_lists(self) -> Iterator[WordList]:
        """Every list of words of the file (each checked against its examples like any rule)."""
        yield from (*self.english_words, *self.page_words, *self.page_count_words, *self.item_joiners)

    @staticmethod
    def words_of(lists: list[WordList]) -> list[str]:
        """The words of both languages' lists: a page's layout is read before its language is known."""
        return [word for word_list in lists for word in word_list.words or ()]

    @field_validator("vietnamese_letters")
    @classmethod
    def _lower_case_letters(cls, value: list[str]) -> list[str]:
        for letter in value:
            if not letter.isalpha() or letter != letter.lower():
                raise ValueError(f"{letter!r} is not a letter in lower case")
        return value

    @field_validator("tone_marks")
    @classmethod
    def _combining_marks(cls, value: dict[str, str]) -> dict[str, str]:
        for name, mark in value.items():
            if not unicodedata.combining(mark):
                raise ValueError(f"tone {name!r}: {mark!r} is not a combining mark")
        return value
