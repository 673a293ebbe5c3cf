"""Ages stated in eligibility criteria: "Age > 18 years", "18-75 years", "年满18周岁"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from toolkit.parse.durations import DAYS, UNIT_OF


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



# The age belongs to someone or something else: "sudden death under 40 years of age",
# "onset before 18 years of age", "family history of ...".
_OTHER_AGE = re.compile(r"death|died|history|onset|diagnos|family|relative|mother|father|sibling|parent|since", re.IGNORECASE)
_AGE_WORD = re.compile(r"\bage[ds]?\b(?!-)|\byears? old\b|\bof age\b|\bolder\b|\byounger\b|岁|年龄|年满", re.IGNORECASE)
_UNITS = r"(years?|yrs?|yr|months?|weeks?|days?|hours?|岁|周岁)"
_AGE_UNIT = r"(?:\s*" + _UNITS + r")?(?:\s*old)?"
_RANGE = re.compile(r"(\d{1,3})(?:\s*" + _UNITS + r")?\s*(?:-|–|~|～|to|至|到)\s*(\d{1,3})" + _AGE_UNIT, re.IGNORECASE)
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
    if not _AGE_WORD.search(text):
        return []
    bounds: list[AgeBound] = []
    taken: list[range] = []

    def add(match, kind, value_group, unit_group, inclusive=True):
        span = range(match.start(), match.end())
        if any(set(span) & set(t) for t in taken):
            return False
        taken.append(span)
        bounds.append(AgeBound(kind, float(match.group(value_group)), _unit(match.group(unit_group)), inclusive,
                               match.group(0).strip()))
        return True

    for match in _RANGE.finditer(text):
        if _near_age(text, match, match.group(4)) and add(match, "min", 1, 4 if not match.group(2) else 2):
            bounds.append(AgeBound("max", float(match.group(3)), _unit(match.group(4)), True, match.group(0).strip()))
    for match in _BETWEEN.finditer(text):
        if _near_age(text, match, match.group(4)) and add(match, "min", 1, 2):
            bounds.append(AgeBound("max", float(match.group(3)), _unit(match.group(4)), True, match.group(0).strip()))
    for pattern, kind, inclusive in _SUFFIX_RE + _PREFIX_RE:
        for match in pattern.finditer(text):
            if _near_age(text, match, match.group(2) if pattern.groups >= 2 else "岁"):
                add(match, kind, 1, 2 if pattern.groups >= 2 else 1, inclusive)
    return [b for b in bounds if b.unit in ("year", "month", "week", "day", "hour")]


def _near_age(text: str, match, unit: str | None) -> bool:
    """An age statement: an age word in the same clause just before it, or "old"/"of age" after it.

    A unit alone is not enough ("present for at least 3 years" is a duration), and a number
    without a unit counts only right after an age word ("Age > 18").
    """
    clause_start = max(text.rfind(".", 0, match.start()), text.rfind(";", 0, match.start()), text.rfind("\n", 0, match.start()))
    before = text[max(clause_start + 1, match.start() - 40): match.start()]
    after = text[match.end(): match.end() + 12].lower()
    if _OTHER_AGE.search(before):
        return False
    if unit in ("岁", "周岁") or "岁" in match.group(0):
        return True
    if not unit:  # "Age > 18", "older than 18", or continuing a list: "18 years or older, under 75"
        return bool(re.search(r"(?:\bage[ds]?|年龄)\W{0,3}$", before, re.IGNORECASE)
                    or re.search(r"older|younger", match.group(0), re.IGNORECASE)
                    or (_AGE_WORD.search(before) and re.search(r"(?:years?|\d)\s*(?:,|and)\s*$", before)))
    return bool(_AGE_WORD.search(before + match.group(0))) or after.lstrip().startswith(("old", "of age"))
