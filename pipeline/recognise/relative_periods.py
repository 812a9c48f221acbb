"""Periods said relative to the publication day: "last month", "earlier this month", "this October", "next
week", "tuần trước", "cuối tuần này" (vi inventory VI-M-D08; en inventory, relative dates). Each is read as the
month it falls in (or the two months of a week that straddles them), the most precise date a gold file can
hold for a week or a month. The words are rules/dates.yaml's `relative_periods`, beside the relative days and
years."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pipeline.recognise.dates import month_number
from pipeline.recognise.matcher import RuleMatch, find_all
from pipeline.rules.loader import RuleSet
from pipeline.rules.models import RelativePeriod


@dataclass(frozen=True, slots=True)
class PeriodMention:
    start: int
    end: int
    text: str
    month_start: str  # ISO "YYYY-MM"
    month_end: str  # the same month, but for a week that straddles two
    rule_id: str


def _shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + offset
    return index // 12, index % 12 + 1


def _named_month_year(month: int, offset: int, today: dt.date) -> int:
    """This October: the publication year's; last October: the last one before the publication month; next
    October: the first one after it."""
    if offset < 0:
        return today.year if month < today.month else today.year - 1
    if offset > 0:
        return today.year if month > today.month else today.year + 1
    return today.year


def _iso_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def months_of(match: RuleMatch, today: dt.date, rules: RuleSet) -> tuple[str, str] | None:
    """The first and last month (ISO "YYYY-MM") a relative period falls in, counted from the publication day:
    one month, or two for a week from Monday to Sunday that straddles them."""
    rule = match.rule
    if not isinstance(rule, RelativePeriod):
        return None
    if rule.unit == "week":
        monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=rule.offset)
        sunday = monday + dt.timedelta(days=6)
        return _iso_month(monday.year, monday.month), _iso_month(sunday.year, sunday.month)
    if rule.unit == "month":
        month = _iso_month(*_shift_month(today.year, today.month, rule.offset))
        return month, month
    number = month_number(match.groups.get("month") or "", rules)
    if number is None:
        return None
    month = _iso_month(_named_month_year(number, rule.offset, today), number)
    return month, month


def relative_periods(rules: RuleSet, text: str, start: int, end: int, today: dt.date) -> list[PeriodMention]:
    """The relative periods of text[start:end] (the rules of every language: a bulletin may quote the other)."""
    found = []
    for match in find_all(rules.dates.relative_periods, text, start, end):
        months = months_of(match, today, rules)
        if months is not None:
            found.append(PeriodMention(match.start, match.end, match.text, *months, match.rule.id))
    return found
