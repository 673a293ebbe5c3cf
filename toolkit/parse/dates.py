"""Partial dates (YYYY, YYYY-MM, YYYY-MM-DD) as the ranges of days they stand for."""

from __future__ import annotations

import calendar
import datetime


def date_range(value) -> tuple[datetime.date, datetime.date] | None:
    """First and last day a partial date can mean; None if it is not a date."""
    text = str(value)
    try:
        parts = [int(p) for p in text.split("-")]
        if len(parts) == 1:
            return datetime.date(parts[0], 1, 1), datetime.date(parts[0], 12, 31)
        if len(parts) == 2:
            last = calendar.monthrange(parts[0], parts[1])[1]
            return datetime.date(parts[0], parts[1], 1), datetime.date(parts[0], parts[1], last)
        if len(parts) == 3:
            day = datetime.date(*parts)
            return day, day
    except ValueError:
        pass
    return None


def impossible(value) -> str | None:
    """Why a date of the right form (YYYY, YYYY-MM, YYYY-MM-DD) names no real day, or None.

    "2020-02-30" and "0000-01-01" have the form of a date but do not exist; anything not of
    that form is left to the schema's pattern.
    """
    parts = str(value).split("-")
    if not all(p.isdigit() and p.isascii() for p in parts) or len(parts) > 3:
        return None
    year, *rest = (int(p) for p in parts)
    if year < 1:
        return "there is no year 0"
    if rest and not 1 <= rest[0] <= 12:
        return None  # the pattern reports the month
    if len(rest) == 2:
        days = calendar.monthrange(year, rest[0])[1]
        if not 1 <= rest[1] <= days:
            return f"{calendar.month_name[rest[0]]} {year} has {days} days"
    return None


def surely_before(later, earlier) -> bool:
    """True when `later` certainly falls before `earlier`, whatever their precision."""
    a, b = date_range(later), date_range(earlier)
    return bool(a and b and a[1] < b[0])


def span_days(start, end) -> float | None:
    """The longest time the two partial dates allow between them, in days."""
    a, b = date_range(start), date_range(end)
    if not (a and b):
        return None
    return float((b[1] - a[0]).days)


def today() -> datetime.date:
    """Today's date; one place so that tests can fix it."""
    return datetime.date.today()
