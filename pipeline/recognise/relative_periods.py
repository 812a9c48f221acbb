"""Periods said relative to the publication day: "last month", "earlier this month", "this October", "next
week", "tuần trước", "cuối tuần này" (vi inventory VI-M-D08; en inventory, relative dates). Each is read as the
month it falls in, the most precise date a gold file can hold for a week or a month."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pipeline.recognise.matcher import RuleMatch, find_all
from pipeline.rules.loader import RuleSet
from pipeline.rules.models import RelativePeriod


@dataclass(frozen=True, slots=True)
class PeriodMention:
    start: int
    end: int
    text: str
    month: str  # ISO "YYYY-MM"
    rule_id: str


def _shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + offset
    return index // 12, index % 12 + 1


def _month_number(word: str) -> int | None:
    if word.isdigit():
        number = int(word)
        return number if 1 <= number <= 12 else None
    try:
        return dt.datetime.strptime(word[:3].title(), "%b").month
    except ValueError:
        return None


def _named_month_year(month: int, offset: int, today: dt.date) -> int:
    """This October: the publication year's; last October: the last one before the publication month; next
    October: the first one after it."""
    if offset < 0:
        return today.year if month < today.month else today.year - 1
    if offset > 0:
        return today.year if month > today.month else today.year + 1
    return today.year


def month_of(match: RuleMatch, today: dt.date) -> str | None:
    """The month (ISO "YYYY-MM") a relative period falls in, counted from the publication day."""
    rule = match.rule
    if not isinstance(rule, RelativePeriod):
        return None
    if rule.unit == "week":
        day = today + dt.timedelta(weeks=rule.offset)
        return f"{day.year:04d}-{day.month:02d}"
    if rule.unit == "month":
        year, month = _shift_month(today.year, today.month, rule.offset)
        return f"{year:04d}-{month:02d}"
    number = _month_number(match.groups.get("month") or "")
    if number is None:
        return None
    return f"{_named_month_year(number, rule.offset, today):04d}-{number:02d}"


def relative_periods(rules: RuleSet, text: str, start: int, end: int, today: dt.date) -> list[PeriodMention]:
    """The relative periods of text[start:end] (the rules of every language: a bulletin may quote the other)."""
    periods = [rule for language in rules.languages.values() for rule in language.relative_periods]
    found = []
    for match in find_all(periods, text, start, end):
        month = month_of(match, today)
        if month is not None:
            found.append(PeriodMention(match.start, match.end, match.text, month, match.rule.id))
    return found
