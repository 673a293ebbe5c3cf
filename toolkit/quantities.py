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
_NUMBER = r"(\d+(?:\.\d+)?|" + "|".join(sorted(map(re.escape, _WORDS), key=len, reverse=True)) + r")"

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


def number(text: str) -> float:
    return float(text) if text[0].isdigit() else float(_WORDS[text.lower()])


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


@dataclass(frozen=True)
class Timeframe:
    """What a registry time frame says: its latest time point, or that it says nothing measurable."""

    text: str
    latest: TimePoint | None
    baseline_only: bool
    vague: bool


def timeframe(text: str) -> Timeframe:
    points = time_points(text)
    latest = max(points, key=lambda p: p.days) if points else None
    baseline = bool(_BASELINE.search(text))
    return Timeframe(text, latest, baseline and latest is None, latest is None and not baseline)


def vague_phrase(text: str) -> str | None:
    match = _VAGUE.search(text)
    return match.group(0) if match else None


# --- ages stated in eligibility criteria -------------------------------------------------

@dataclass(frozen=True)
class AgeBound:
    """One bound stated in text: kind "min" or "max", inclusive or not, in `unit`."""

    kind: str
    value: float
    unit: str
    inclusive: bool
    text: str

    def effective_days(self) -> float:
        """The bound as an inclusive whole-unit bound: "> 18 years" is "≥ 19 years"."""
        step = 0 if self.inclusive else (1 if self.kind == "min" else -1)
        return (self.value + step) * DAYS[self.unit]



_AGE_CONTEXT = re.compile(r"\bage[ds]?\b|\byears? old\b|\bolder\b|\byounger\b|岁|年龄|年满", re.IGNORECASE)
_AGE_UNIT = r"(?:\s*(years?|yrs?|months?|weeks?|days?|岁|周岁))?(?:\s*old)?"
_RANGE = re.compile(r"(\d{1,3})\s*(?:-|–|~|～|to|至|到)\s*(\d{1,3})" + _AGE_UNIT, re.IGNORECASE)
_BETWEEN = re.compile(r"between\s+(\d{1,3})" + _AGE_UNIT + r"\s+and\s+(\d{1,3})" + _AGE_UNIT, re.IGNORECASE)
_PREFIX = [
    (r"≥|>=|=>|greater than or equal to|at least|no younger than|not younger than|年满", "min", True),
    (r">|older than|over|above|more than", "min", False),
    (r"≤|<=|=<|less than or equal to|no more than|no older than|not older than|up to", "max", True),
    (r"<|younger than|under|below|less than", "max", False),
]
_PREFIX_RE = [(re.compile(r"(?:" + p + r")\s*(\d{1,3})" + _AGE_UNIT, re.IGNORECASE), k, i) for p, k, i in _PREFIX]
_SUFFIX = [
    (r"(\d{1,3})" + _AGE_UNIT + r"\s*(?:or|and)\s*(?:older|over|above)", "min", True),
    (r"(\d{1,3})" + _AGE_UNIT + r"\s*(?:or|and)\s*(?:younger|under|below)", "max", True),
    (r"(\d{1,3})\s*(?:周岁|岁)\s*(?:\(含\)|（含）)?\s*(?:以上|及以上)", "min", True),
    (r"(\d{1,3})\s*(?:周岁|岁)\s*(?:\(含\)|（含）)?\s*(?:以下|及以下)", "max", True),
]
_SUFFIX_RE = [(re.compile(p, re.IGNORECASE), k, i) for p, k, i in _SUFFIX]


def _unit(word: str | None) -> str:
    return UNIT_OF.get((word or "years").lower(), "year") if word not in ("岁", "周岁") else "year"


def stated_ages(text: str) -> list[AgeBound]:
    """Age bounds stated in one criterion, e.g. "Age > 18 years, < 80 years" or "18至75岁"."""
    if not _AGE_CONTEXT.search(text):
        return []
    bounds: list[AgeBound] = []
    taken: list[range] = []

    def add(match, kind, inclusive, value_group=1, unit_group=2):
        span = range(match.start(), match.end())
        if any(set(span) & set(t) for t in taken):
            return
        taken.append(span)
        unit = _unit(match.group(unit_group))
        bounds.append(AgeBound(kind, float(match.group(value_group)), unit, inclusive, match.group(0).strip()))

    for match in _RANGE.finditer(text):
        if _near_age(text, match):
            add(match, "min", True, 1, 3)
            bounds.append(AgeBound("max", float(match.group(2)), _unit(match.group(3)), True, match.group(0).strip()))
    for match in _BETWEEN.finditer(text):
        if _near_age(text, match):
            add(match, "min", True, 1, 2)
            bounds.append(AgeBound("max", float(match.group(3)), _unit(match.group(4)), True, match.group(0).strip()))
    for pattern, kind, inclusive in _SUFFIX_RE + _PREFIX_RE:
        for match in pattern.finditer(text):
            if _near_age(text, match):
                add(match, kind, inclusive)
    return bounds


def _near_age(text: str, match) -> bool:
    """An age statement: a unit of age right after it, or an age word close before it."""
    after = text[match.end(): match.end() + 12].lower()
    unit_here = any(u in match.group(0).lower() for u in ("year", "岁", "month", "week", "day", "yr"))
    before = text[max(0, match.start() - 40): match.start()]
    return unit_here or "old" in after or bool(_AGE_CONTEXT.search(before + match.group(0)))
