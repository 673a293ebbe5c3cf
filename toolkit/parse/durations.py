"""Reading durations, registry time frames and ages out of the text people actually write.

Everything is converted to days so that "52 weeks", "1 year", "P12M", "12个月" compare.
Months and years use their average lengths, and comparisons allow a small tolerance, so
"12 months" equals "1 year" and "52 weeks" equals "1 year".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DAYS = {
    "minute": 1 / 1440, "hour": 1 / 24, "day": 1.0, "week": 7.0,
    "month": 30.4375, "year": 365.25,
}
TOLERANCE = 0.03  # 52 weeks vs 1 year differ by 0.4 %; 11 vs 12 months by 8 %

_UNIT_WORDS = {
    "minute": ("minutes", "minute", "mins", "min"),
    "hour": ("hours", "hour", "hrs", "hr", "h", "小时"),
    "day": ("days", "day", "d", "天", "日"),
    "week": ("weeks", "week", "wks", "wk", "w", "周", "星期"),
    "month": ("months", "month", "mos", "mo", "个月", "月"),
    "year": ("years", "year", "yrs", "yr", "y", "年", "岁", "周岁"),
}
UNIT_OF = {word: unit for unit, words in _UNIT_WORDS.items() for word in words}
_UNIT_RE = "|".join(sorted((re.escape(w) for w in UNIT_OF), key=len, reverse=True))

_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18, "twenty-four": 24,
    "thirty-six": 36, "forty-eight": 48, "fifty-two": 52, "half": 0.5,
    "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
}
_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75}
_NUMBER = r"(\d+(?:\.\d+)?(?:\s?[½¼¾])?|" + "|".join(sorted(map(re.escape, _WORDS), key=len, reverse=True)) + r")"

# "2 years", "52-week", "6个月", "twelve months"
_AMOUNT_UNIT = re.compile(_NUMBER + r"\s*-?\s*(" + _UNIT_RE + r")(?![a-z])", re.IGNORECASE)
# "Week 24", "Day 28", "month 6", "第28天" (a time point named by its unit first)
_UNIT_AMOUNT = re.compile(r"\b(weeks?|days?|months?|years?)\s*(\d+(?:\.\d+)?)\b", re.IGNORECASE)
_CN_ORDINAL = re.compile(r"第\s*(\d+)\s*(天|日|周|个月|月|年)")

_VAGUE = re.compile(
    r"end of (the )?(study|trial|treatment|follow[- ]?up)|study completion|trial completion|"
    r"through(out)? (the )?study|until (the )?(end|completion)|duration of (the )?study|"
    r"研究结束|试验结束|治疗结束",
    re.IGNORECASE,
)
_BASELINE = re.compile(r"\bbaseline\b|\bscreening\b|基线", re.IGNORECASE)
# "after 5 doses", "cycle 3": time points counted in treatment events, measurable per participant
_EVENTS = re.compile(r"\d+\s*(?:doses?|cycles?|courses?|injections?|infusions?|visits?|vaccinations?)\b"
                     r"|\b(?:cycles?|courses?|visits?|doses?)\s*\d+", re.IGNORECASE)


def number(text: str) -> float:
    """"2", "1.5", "15 ½", "two" as a number."""
    if text[0].isdigit():
        whole = text.rstrip("½¼¾ ")
        return float(whole) + _FRACTIONS.get(text[-1], 0.0)
    return float(_WORDS[text.lower()])


def age_days(text: str) -> float | None:
    """Days in a schema age or duration: "18 years", "6 Months", "P2Y", "P52W"."""
    text = text.strip()
    if text.startswith("P"):
        return _iso_days(text)
    match = re.fullmatch(r"(\d+(?:\.\d+)?) (\w+?)s?", text, re.IGNORECASE)
    if not match:
        return None
    unit = UNIT_OF.get(match.group(2).lower())
    return float(match.group(1)) * DAYS[unit] if unit else None


def _iso_days(text: str) -> float | None:
    import isodate  # only ISO 8601 durations need it

    try:
        value = isodate.parse_duration(text)
    except (isodate.ISO8601Error, ValueError):
        return None
    if isinstance(value, isodate.Duration):  # has years or months
        return float(value.years) * DAYS["year"] + float(value.months) * DAYS["month"] + value.tdelta.total_seconds() / 86400
    return value.total_seconds() / 86400


def same(a: float, b: float) -> bool:
    """Durations that are the same for practical purposes (52 weeks and 1 year)."""
    return abs(a - b) <= TOLERANCE * max(a, b)


def same_age(a: float, b: float) -> bool:
    """Ages are whole units: 79 and 80 years differ, 216 months and 18 years do not."""
    return abs(a - b) <= 2


@dataclass(frozen=True)
class TimePoint:
    days: float
    text: str


def time_points(text: str) -> list[TimePoint]:
    """Every amount of time mentioned in `text`, in days."""
    points = []
    for match in _AMOUNT_UNIT.finditer(text):
        unit = UNIT_OF.get(match.group(2).lower()) or UNIT_OF.get(match.group(2))
        if unit and not (unit == "year" and match.group(2) in ("岁", "周岁")):
            points.append(TimePoint(number(match.group(1)) * DAYS[unit], match.group(0)))
    for match in _UNIT_AMOUNT.finditer(text):
        unit = UNIT_OF[match.group(1).lower()]
        points.append(TimePoint(float(match.group(2)) * DAYS[unit], match.group(0)))
    for match in _CN_ORDINAL.finditer(text):
        points.append(TimePoint(float(match.group(1)) * DAYS[UNIT_OF[match.group(2)]], match.group(0)))
    return points


# A time point a measure's name gives itself: "2-year survival", "12-month PFS", "at week 24",
# "at 6 months". Durations of a property ("for ≥ 56 days", "in the last 4 weeks") are not.
_NAMED_POINT = re.compile(
    r"(?<![≥>≤<]\s)(?<!for )(?<!last )(?<!within )\b" + _NUMBER + r"[- ](years?|months?)\b"
    r"|\bat\s+(?:(weeks?|months?|days?|years?)\s+(\d+)|(\d+(?:\.\d+)?)\s+(weeks?|months?|days?|years?))\b",
    re.IGNORECASE,
)


def named_time_point(measure: str) -> TimePoint | None:
    """The one time point a measure names for itself, or None (none, or several)."""
    points = []
    for match in _NAMED_POINT.finditer(measure):
        if match.group(1):
            amount, unit = number(match.group(1)), UNIT_OF[match.group(2).lower()]
        elif match.group(3):
            amount, unit = float(match.group(4)), UNIT_OF[match.group(3).lower()]
        else:
            amount, unit = float(match.group(5)), UNIT_OF[match.group(6).lower()]
        points.append(TimePoint(amount * DAYS[unit], match.group(0).strip()))
    return points[0] if len(points) == 1 else None


@dataclass(frozen=True)
class Timeframe:
    """What a registry time frame says: its latest time point, or that it says nothing measurable."""

    text: str
    latest: TimePoint | None
    vague: bool


def timeframe(text: str) -> Timeframe:
    points = time_points(text)
    latest = max(points, key=lambda p: p.days) if points else None
    anchored = bool(_BASELINE.search(text) or _EVENTS.search(text))
    return Timeframe(text, latest, latest is None and not anchored)


def approximate(text: str) -> bool:
    return bool(re.search(r"approximately|approx\.|about|around|~|average|estimated|median|mean", text, re.IGNORECASE))


def vague_phrase(text: str) -> str | None:
    match = _VAGUE.search(text)
    return match.group(0) if match else None
