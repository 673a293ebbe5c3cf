"""Reading durations, registry time frames and time points out of the text people actually write.

Everything is converted to days so that "52 weeks", "1 year", "P12M", "12个月" compare.
Months and years use their average lengths, and comparisons allow a small tolerance, so
"12 months" equals "1 year" and "52 weeks" equals "1 year"; trials also count a month as
four weeks ("12 weeks" = "3 months", "24 weeks" = "6 months"), and `same_time` accepts that.

What libraries do: spelled-out numbers are read by text2num ("Twelve weeks", "three menstrual
cycles", "one hundred four weeks", ordinals "third day"), Chinese numerals by cn2an
("十二周", "两年"), ISO 8601 durations by isodate ("P52W").

What is written here by hand, because it is clinical phrasing no library reads (each form has
table-driven tests quoting real registry records in tests/parse/test_durations.py):
- where a time point is: "Week 24", "Day 28", "第28天", "3rd day", "1st postoperative day",
  "sixth month of follow-up", tolerances ("48 (± 6) hours"), lists of visits ("weeks 4, 8,
  12 … 52", "3, 14 and 30 days"), ranges ("Days 1-28", "Weeks 28-30"), cycles with their
  length ("end of Cycle 6 (28-day cycles)");
- what is not a time point of the participant: look-back windows ("in the 3 years before
  enrolment"), calendar windows ("January 2021 to June 2022"), the length of a cycle
  ("28-day cycles"), an age ("children 2-4 years of age"), a rate's period ("per two-month
  period"), a duration the measure requires ("for ≥ 56 days", "a minimum of 1 year apart");
- events that anchor a time frame without an amount of time: "at birth", "at discharge",
  "before treatment", "right after surgery", "a single visit".
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from itertools import islice

from toolkit.document.accessors import amount_and_unit
from toolkit.parse.folded import FoldedSearch, OnOriginal

DAYS = {
    "minute": 1 / 1440, "hour": 1 / 24, "day": 1.0, "week": 7.0,
    "month": 30.4375, "year": 365.25,
}
TOLERANCE = 0.03  # 52 weeks vs 1 year differ by 0.4 %; 11 vs 12 months by 8 %

_UNIT_WORDS = {
    "minute": ("minutes", "minute", "mins", "min"),
    "hour": ("hours", "hour", "hrs", "hr", "h", "小时"),
    "day": ("days", "day", "d", "nights", "night", "天", "日"),
    "week": ("weeks", "week", "wks", "wk", "w", "周", "星期"),
    "month": ("months", "month", "mos", "mo", "个月", "月"),
    "year": ("years", "year", "yrs", "yr", "y", "年", "岁", "周岁"),
}
UNIT_OF = {word: unit for unit, words in _UNIT_WORDS.items() for word in words}
_UNIT_RE = "|".join(sorted((re.escape(w) for w in UNIT_OF), key=len, reverse=True))
_LONG_UNIT = r"(?:minutes?|hours?|days?|nights?|weeks?|months?|years?)"

_WORDS = {"half": 0.5}  # "half a year"; every other number word goes through text2num / cn2an
_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75}
_AMOUNT = r"\d+(?:\.\d+)?(?:\s?[½¼¾])?"
_NUMBER = rf"({_AMOUNT}|half)"

# "2 years", "52-week", "6个月", "48 (± 6) hours", "2.5 years"
_AMOUNT_UNIT = re.compile(
    _NUMBER + r"(?:\s*\(\s*(?:±|\+/-|\+-)\s*\d+(?:\.\d+)?\s*\)|\s*(?:±|\+/-)\s*\d+(?:\.\d+)?)?"
    r"\s*-?\s*(?:(?:treatment|study|consecutive|calendar|follow-up|additional|postoperative|post-operative)\s+)?"
    r"(" + _UNIT_RE + r")(?![a-z])", re.IGNORECASE)
# "16 mounths", "3 yeasrs", "Up to 33 daya": a unit with a typo (same first letter, close spelling)
_ALMOST_UNIT = re.compile(r"(\d+(?:\.\d+)?)\s*([a-z]{3,8})\b", re.IGNORECASE)
# "3, 14 and 30 days", "2 and 4 weeks", "1, 2 or 3 years": every number of the list has the unit
_AMOUNT_LIST = re.compile(
    rf"((?:{_AMOUNT}\s*(?:,|\band\b|\bor\b|&|/)\s*)+(?:and\s+|or\s+)?){_AMOUNT}\s*-?\s*({_LONG_UNIT}|个月|周|天|年)(?![a-z])",
    re.IGNORECASE)
# "Week 24", "Day 28", "month 6", "Days 1-28", "weeks 4, 8, 12 … 52", "Day 1 to Day 28"
_UNIT_AMOUNT = re.compile(
    r"\b(weeks?|days?|nights?|months?|years?|hours?)\s*((?:-?\d+(?:\.\d+)?)(?:\s*(?:,\s*(?:and|or)\b|,|and|or|&|-|–|to|through|\.\.\.|…)\s*-?\d+(?:\.\d+)?)*)",
    re.IGNORECASE)
# "28-30 weeks", "3 to 6 months", "0-12 months": both ends
_RANGE = re.compile(rf"({_AMOUNT})\s*(?:-|–|to)\s*({_AMOUNT})\s*-?\s*({_LONG_UNIT})\b", re.IGNORECASE)
# "3rd day", "1st postoperative day", "6th month of follow-up", "2nd year"
_ORDINAL = re.compile(r"\b(\d+)(?:st|nd|rd|th|\.)\s+(?:[a-z-]+\s+){0,2}?(day|week|month|year|hour)s?\b", re.IGNORECASE)  # "3rd day", "1. Week"
_CN_ORDINAL = re.compile(r"第\s*(\d+)\s*(天|日|周|个月|月|年)")
# "Cycle 6", "C6D1", "Cycle 3 Day 8", with a cycle length given anywhere: "(28-day cycles)", "each cycle is 21 days"
_CYCLE = re.compile(r"\b(?:end\s+of\s+)?cycle\s*(\d+)(?:\s*,?\s*day\s*(\d+))?|\bc(\d+)d(\d+)\b", re.IGNORECASE)
_CYCLE_LENGTH = re.compile(
    r"(\d+)\s*-?\s*(day|week)s?\s*(?:treatment\s+)?cycles?\b|cycles?\s+(?:is|are|of|lasts?|=)\s*(\d+)\s*(day|week)s?|每\s*(\d+)\s*(天|周)\s*为?\s*一?个?\s*周期",
    re.IGNORECASE)
# a duration before the anchor: "in the 3 years before enrolment", "within 6 months prior to", "during the past 12 months"
_LOOKBACK = re.compile(
    rf"(?:(?:in|within|during|over|for)\s+the\s+(?:past|last|previous|preceding)\s+|(?:in|within|during)\s+(?:the\s+)?)"
    rf"({_AMOUNT})\s*({_LONG_UNIT})\s+(?:before|prior\s+to|preceding)\b"
    rf"|\b(?:in|within|during|over|for)\s+the\s+(?:past|last|previous|preceding)\s+({_AMOUNT})\s*({_LONG_UNIT})"
    rf"|\b({_AMOUNT})\s*({_LONG_UNIT})\s+(?:before|prior\s+to|preceding)\s+(?:the\s+)?(?:enrol|enroll|inclusion|admission|randomi|screening|baseline|study|diagnosis|surgery|the\s+index|index|consent)",
    re.IGNORECASE)
_MONTH_NAMES = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTH_NAMES.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTH = "|".join(sorted(_MONTH_NAMES, key=len, reverse=True))
# "January 2021 to June 2022", "from March 2020 to December 2020", "2019-2021", "2020年1月至2021年6月"
_CALENDAR = re.compile(
    rf"\b({_MONTH})\.?\s+(?:\d{{1,2}},?\s+)?((?:19|20)\d\d)\s*(?:-|–|to|until|through)\s*({_MONTH})\.?\s+(?:\d{{1,2}},?\s+)?((?:19|20)\d\d)\b"
    r"|\b((?:19|20)\d\d)\s*(?:-|–|to|until|through)\s*((?:19|20)\d\d)\b"
    r"|((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月.{0,6}?(?:至|到|-|–|~)\s*((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月",
    re.IGNORECASE)
# a calendar date: "March 30, 2021", "July 2022", "11th of August 2020", "12/31/2029", "2020-1-1", "2030年6月"
_CALENDAR_DATE = re.compile(
    rf"\b(?:{_MONTH})\.?\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?(?:19|20)\d\d\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH})\b"
    rf"|\b(?:{_MONTH})\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\b(?:19|20)\d\d\.?\s+(?:{_MONTH})\b"
    r"|\b\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d\d\b|\b(?:19|20)\d\d-\d{1,2}-\d{1,2}\b|^\s*(?:19|20)\d\d\s*$|(?:19|20)\d\d\s*年\s*\d{1,2}\s*月",
    re.IGNORECASE)
# amounts that are not a time of the participant
_NOT_A_TIME = re.compile(
    r"^\s*(?:-?\s*)?(?:old\b|of\s+age\b|age\b|treatment\s+cycles?\b|cycles?\b|courses?\b|apart\b|intervals?\b|washout\b)",
    re.IGNORECASE)
_AGE_BEFORE = re.compile(r"(?:\bage[sd]?|\baging|\bchildren|\bkids|\binfants|\badolescents|\bpatients|\bparticipants)"
                         r"\s*(?:of|from|between)?\s*(?:\d+(?:\.\d+)?\s*(?:-|–|to|and)\s*)?$", re.IGNORECASE)
_PERIOD_BEFORE = re.compile(r"(?:\bper|\bevery|\beach|\bq)\s*$", re.IGNORECASE)
_TOLERANCE_BEFORE = re.compile(r"(?:±|\+/-|\+-)\s*$")

_VAGUE = re.compile(
    r"end of (the )?(study|trial|treatment|follow[- ]?up)|study completion|trial completion|"
    r"through(out)? (the )?study|until (the )?(end|completion)|duration of (the )?study|"
    r"研究结束|试验结束|治疗结束",
    re.IGNORECASE,
)
_BASELINE = re.compile(r"\bbase(?:d)?line\b|\bbasline\b|\bscreening\b|基线", re.IGNORECASE)  # "Basline": a typo, still a baseline
# "after 5 doses", "cycle 3": time points counted in treatment events, measurable per participant
_EVENTS = re.compile(r"\d+(?:st|nd|rd|th)?\s*(?:doses?|cycles?|courses?|injections?|infusions?|visits?|vaccinations?"
                     r"|sessions?|treatments?|meals?|menstrual\s+cycles?)\b"
                     r"|\b(?:cycles?|courses?|visits?|doses?|sessions?)\s*\d+", re.IGNORECASE)
# events of each participant that fix when an assessment happens, without an amount of time
_ANCHORS = re.compile(
    r"\b(?:at|on|upon|before|after|prior\s+to|the\s+day\s+of|day\s+of|time\s+of|immediately\s+after|right\s+after|just\s+after)\s+(?:the\s+)?"
    r"(?:birth|delivery|discharge|admission|hospitali[sz]ation|randomi[sz]ation|enrol+ment|inclusion|surgery|operation|procedure|"
    r"extubation|intubation|induction|anaesthesia|anesthesia|treatment|intervention|injection|infusion|dosing|transplant(?:ation)?|"
    r"diagnosis|first\s+dose|last\s+dose|the\s+end\s+of\s+(?:the\s+)?(?:infusion|procedure|surgery|session|intervention))\b"
    r"|\b(?:a\s+)?single\s+(?:visit|time\s+point|assessment|measurement|session)\b|\bone[- ]time\b"
    r"|^\s*(?:the\s+)?(?:initial\s+|inclusion\s+|first\s+|1st\s+)?(?:birth|delivery|discharge|admission|inclusion|enrol+ment|surgery|operation|implant|visit|procedure)\b"
    r"|\b(?:at|upon|on|during|before|after|prior\s+to)\s+(?:the\s+)?(?!each|every|all|any)(?:\w+\s+){0,2}?(?:visit|session|implant|arrival|operation|surgery|procedure|delivery|discharge|admission)\b"
    r"|\b(?:moment|time|day)\s+of\s+(?:the\s+)?(?:hospital\s+|study\s+|definitive\s+)?\w+"
    r"|\bat\s+(?:the\s+)?(?:initial\s+|intial\s+)?(?:start|beginning)\s+of\s+(?:the\s+)?study\b"
    r"|\b(?:during|within|for\s+(?:the\s+)?duration\s+of)\s+(?:the\s+)?(?:\w+\s+)?(?:survey|procedure|procedural|surgery|operation|scans?|cath\w*|catheteri[sz]ation|an(?:a)?esthesia|intubation(?:\s+attempt)?|infusion)\b"
    r"|\bimmediate(?:ly)?\b|\b(?:after|before)\s+each\s+(?:\w+\s+)?(?:session|dose|visit|exercise|infusion)\b"
    r"|\b(?:during|at)\s+(?:the\s+)?(?:initial\s+)?enrol+ment\b|\bwithin\s+the\s+(?:first|1st)\b"
    r"|\b(?:start|initiation|beginning)\s+of\s+(?:the\s+)?(?:intervention|treatment|chemotherapy|therapy|surgery|session|study\s+drug)"
    r"|\b(?:pre|post|intra|peri)[- ]?(?:operative(?:ly)?|procedur(?:e|al)|treatment|intervention|dose|natal|partum|test|op)\b"
    r"|出生|出院|入院|术前|术后|治疗前|治疗后|随机化",
    re.IGNORECASE,
)


def number(text: str) -> float:
    """"2", "1.5", "15 ½", "half" as a number."""
    if text[0].isdigit():
        whole = text.rstrip("½¼¾ ")
        return float(whole) + _FRACTIONS.get(text[-1], 0.0)
    return float(_WORDS[text.lower()])


_NUMBER_WORD = re.compile(
    r"\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|first|second|third|"
    r"fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth)\b", re.IGNORECASE)
_CN_NUMERAL = re.compile(r"[零〇一二两三四五六七八九十百]+(?=\s*(?:个月|天|日|周|星期|年|小时|个?周期|次))")
_HAS_NUMBER_WORD = FoldedSearch(_NUMBER_WORD)
_ARTICLE_AMOUNT = re.compile(r"\ban? (?:year|month|week|day)|half an? ", re.IGNORECASE)
_HAS_ARTICLE_AMOUNT = FoldedSearch(_ARTICLE_AMOUNT)
# either of the two above, in one pass: most texts have neither (normalise reads every text)
_MAY_SPELL_A_NUMBER = FoldedSearch(re.compile(f"{_NUMBER_WORD.pattern}|{_ARTICLE_AMOUNT.pattern}", re.IGNORECASE))


def normalise(text: str) -> str:
    """Spelled-out numbers as digits: "Twelve weeks" -> "12 weeks", "third day" -> "3rd day", "十二周" -> "12周"."""
    if not _MAY_SPELL_A_NUMBER(text) and (text.isascii() or not _CN_NUMERAL.search(text)):
        return text  # most texts: nothing spelled out (Chinese numerals are not ASCII)
    if _HAS_NUMBER_WORD(text):
        from text_to_num import alpha2digit  # only text with number words needs it

        hyphenated = re.sub(rf"\b([A-Za-z]+)-({_LONG_UNIT})\b", r"\1 \2", text)  # "Two-year" -> "Two year"
        text = alpha2digit(hyphenated, "en", threshold=0)
        text = re.sub(rf"\b(\d+) and a half ({_LONG_UNIT})", lambda m: f"{int(m.group(1)) + 0.5} {m.group(2)}", text)
    if _HAS_ARTICLE_AMOUNT(text):
        text = re.sub(rf"\bhalf an? ({_LONG_UNIT})", r"0.5 \1", text, flags=re.IGNORECASE)
        text = re.sub(r"\b(of|for|within|after|in|to|about|approximately|over)\s+an?\s+(year|month|week|day)\b",
                      r"\1 1 \2", text, flags=re.IGNORECASE)
    if _CN_NUMERAL.search(text):

        text = _CN_NUMERAL.sub(lambda m: _cn_number(m.group(0)), text)
    return text


def _cn_number(numeral: str) -> str:
    import cn2an

    try:
        return str(cn2an.cn2an(numeral, "smart"))
    except (ValueError, KeyError):
        return numeral


def age_days(text: str) -> float | None:
    """Days in a schema age or duration: "18 years", "6 Months", "P2Y", "P52W"."""
    text = text.strip()
    if text.startswith("P"):
        return _iso_days(text)
    parts = amount_and_unit(text)
    unit = _unit(parts[1]) if parts else None
    return float(parts[0]) * DAYS[unit] if parts and unit else None


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
    """An amount of time in a text: `days` from the anchor, as `text` says it.

    `kind` is "point" (a time of the participant), "lookback" (a window before the anchor),
    "interval" (a schedule: "every 3 months") or "calendar" (a calendar period, `days` long)."""

    days: float
    text: str
    unit: str = "day"
    kind: str = "point"

    @property
    def weeks_as_months(self) -> float | None:
        """Weeks counted as months of four weeks (trials write "12 weeks" for 3 months)."""
        return self.days / 28 if self.unit == "week" else None


def same_time(a: TimePoint, b: TimePoint) -> bool:
    """Two time points are the same: equal in days, or weeks against months at four weeks a month."""
    if same(a.days, b.days):
        return True
    for weeks, months in ((a, b), (b, a)):
        if weeks.unit == "week" and months.unit in ("month", "year"):
            if abs(weeks.days / 28 - months.days / DAYS["month"]) < 0.01:
                return True
    return False


def _unit(word: str) -> str | None:
    return UNIT_OF.get(word.lower()) or UNIT_OF.get(word) or UNIT_OF.get(word.lower().rstrip("s"))


def _known_unit(word: str) -> str:
    """The unit of a word a pattern matched as a unit (the patterns are built from UNIT_OF)."""
    unit = _unit(word)
    if unit is None:
        raise ValueError(f"{word!r} is not a unit word")
    return unit


def _not_a_time(text: str, start: int, end: int) -> bool:
    """An amount that is an age, a cycle's length, an interval or a rate's period."""
    before, after = text[max(0, start - 40):start], text[end:end + 20]
    return bool(_NOT_A_TIME.match(after) or _AGE_BEFORE.search(before) or _TOLERANCE_BEFORE.search(before)
                or _interval(text, start))


def _interval(text: str, start: int) -> bool:
    """"every 3 months", "per two-month period": a schedule or a rate, not a time point."""
    return bool(_PERIOD_BEFORE.search(text[max(0, start - 12):start]))


# the patterns _time_points reads with, searched faster on ASCII text (parse/folded.py); their
# matches give the original words; `needs`: words every match of the pattern has (a year, a word
# looking back, "cycle")
_F_CALENDAR = FoldedSearch(_CALENDAR, needs=("19", "20"))
_F_LOOKBACK = FoldedSearch(_LOOKBACK, needs=("before", "prior", "preceding", "past", "last", "previous"))
_F_CYCLE_LENGTH = FoldedSearch(_CYCLE_LENGTH, needs=("cycle",))
_F_CYCLE, _F_AMOUNT_LIST, _F_RANGE, _F_UNIT_AMOUNT, _F_AMOUNT_UNIT, _F_ORDINAL, _F_ALMOST_UNIT = map(
    FoldedSearch, (_CYCLE, _AMOUNT_LIST, _RANGE, _UNIT_AMOUNT, _AMOUNT_UNIT, _ORDINAL, _ALMOST_UNIT))


def time_points(text: str) -> list[TimePoint]:
    """Every amount of time mentioned in `text`, in days (a new list; see `_time_points`)."""
    return list(_time_points(text))


# Several rules read the same time frame (TIM004-006, OUT006, `protocol criteria`); reading is
# pure, so each distinct text is read once per process.
@functools.lru_cache(maxsize=4096)
def _time_points(text: str) -> tuple[TimePoint, ...]:
    """Every amount of time mentioned in `text`, in days (spelled-out and Chinese numbers included)."""
    text = normalise(text)
    points: list[TimePoint] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, point: TimePoint) -> None:
        points.append(point)
        taken.append((start, end))

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    for match in _F_CALENDAR.finditer(text):
        days = _calendar_days(match)
        if days is not None:
            add(match.start(), match.end(), TimePoint(days, match.group(0), "day", "calendar"))
    for match in _F_LOOKBACK.finditer(text):
        amount, unit = next((match.group(i), match.group(i + 1)) for i in (1, 3, 5) if match.group(i))
        add(match.start(), match.end(), TimePoint(number(amount) * DAYS[_known_unit(unit)], match.group(0), _known_unit(unit), "lookback"))
    length = _cycle_length(text)
    if length:  # a cycle number means nothing without the cycle's length
        for match in _F_CYCLE.finditer(text):
            if free(match.start(), match.end()):
                cycle = int(match.group(1) or match.group(3))
                day = match.group(2) or match.group(4)
                ends = match.group(0).lower().startswith("end")
                days = cycle * length if ends or not day else (cycle - 1) * length + int(day)
                add(match.start(), match.end(), TimePoint(days, match.group(0)))
    for match in _F_AMOUNT_LIST.finditer(text):
        if free(match.start(), match.end()) and not _not_a_time(text, match.start(), match.end()):
            unit = _known_unit(match.group(2))
            for amount in re.findall(_AMOUNT, match.group(0)):
                points.append(TimePoint(number(amount) * DAYS[unit], f"{amount} {match.group(2)}", unit))
            taken.append((match.start(), match.end()))
    for match in _F_RANGE.finditer(text):
        if free(match.start(), match.end()) and not _not_a_time(text, match.start(), match.end()):
            unit = _known_unit(match.group(3))
            for amount in (match.group(1), match.group(2)):
                points.append(TimePoint(number(amount) * DAYS[unit], f"{amount} {match.group(3)}", unit))
            taken.append((match.start(), match.end()))
    for match in _F_UNIT_AMOUNT.finditer(text):
        if not free(match.start(), match.end()):
            continue
        unit = _known_unit(match.group(1))
        for amount in re.findall(r"-?\d+(?:\.\d+)?", match.group(2)):
            points.append(TimePoint(abs(float(amount)) * DAYS[unit], f"{match.group(1)} {amount}", unit))
        taken.append((match.start(), match.end()))
    for match in _F_AMOUNT_UNIT.finditer(text):
        unit = _unit(match.group(2))
        if not unit or (unit == "year" and match.group(2) in ("岁", "周岁")) or not free(match.start(), match.end()):
            continue
        kind = "interval" if _interval(text, match.start()) else "point"
        if kind == "point" and _not_a_time(text, match.start(), match.end()):
            continue
        add(match.start(), match.end(), TimePoint(number(match.group(1)) * DAYS[unit], match.group(0), unit, kind))
    for pattern in (_F_ORDINAL, _CN_ORDINAL):
        for match in pattern.finditer(text):
            if free(match.start(), match.end()):
                unit = _known_unit(match.group(2))
                add(match.start(), match.end(), TimePoint(float(match.group(1)) * DAYS[unit], match.group(0), unit))
    if not points:
        for match in _F_ALMOST_UNIT.finditer(text):
            unit = _misspelt_unit(match.group(2))
            if unit and not _not_a_time(text, match.start(), match.end()):
                add(match.start(), match.end(), TimePoint(float(match.group(1)) * DAYS[unit], match.group(0), unit))
    return tuple(points)


def _misspelt_unit(word: str) -> str | None:
    """"mounths" -> month, "yeasrs" -> year: a unit with a typo (same first letter, close spelling)."""
    import difflib

    word = word.lower()
    if word in UNIT_OF:
        return None
    for unit in ("minute", "hour", "day", "week", "month", "year"):
        for form in (unit, unit + "s"):
            if word[0] == form[0] and len(word) >= 3 and difflib.SequenceMatcher(None, word, form).ratio() >= 0.75:
                return unit
    return None


def _cycle_length(text: str) -> float | None:
    match = _F_CYCLE_LENGTH.search(text)
    if not match:
        return None
    amount, unit = next((match.group(i), match.group(i + 1)) for i in (1, 3, 5) if match.group(i))
    return float(amount) * DAYS[_known_unit(unit)]


def _calendar_days(match: re.Match | OnOriginal) -> float | None:
    import datetime

    groups = match.groups()
    try:
        if groups[0]:
            start = datetime.date(int(groups[1]), _MONTH_NAMES[groups[0].lower()], 1)
            end = datetime.date(int(groups[3]), _MONTH_NAMES[groups[2].lower()], 1)
        elif groups[4]:
            start, end = datetime.date(int(groups[4]), 1, 1), datetime.date(int(groups[5]), 12, 31)
        else:
            start = datetime.date(int(groups[6]), int(groups[7]), 1)
            end = datetime.date(int(groups[8]), int(groups[9]), 1)
    except ValueError:
        return None
    return float((end - start).days) if end >= start else None


# A time point a measure's name gives itself: "2-year survival", "12-month PFS", "at week 24",
# "at 6 months", "at weeks 4, 12 and 24". Durations of a property ("for ≥ 56 days", "in the
# last 4 weeks", "a minimum of 1 year apart", "per two-month period", "6-month confirmed
# disability worsening"), ages ("patients 18 to 50 years of age") and instruments named by
# their recall period ("CAHPS 12-Month Questionnaire") are not.
_NAMED_POINT = re.compile(
    r"(?<![≥>≤<]\s)(?<![≥>≤<])(?<!for )(?<!last )(?<!within )(?<!of )(?<!per )(?<!past )(?<!every )(?<!each )(?<!over )"
    r"\b(\d+(?:\.\d+)?)[- ](years?|months?)\b(?!\s+(?:of\b|old|apart|confirmed|sustained|period|interval))"
    r"|\bat\s+(?:(weeks?|months?|days?|years?)\s+(\d+(?:\.\d+)?(?:\s*(?:,\s*(?:and|&)\s|,|and|&|-|–)\s*(?:(?:weeks?|months?|days?|years?)\s+)?\d+(?:\.\d+)?)*)"
    r"|(\d+(?:\.\d+)?(?:\s*(?:,\s*(?:and|&)\s|,|and|&)\s*\d+(?:\.\d+)?)*)\s+(weeks?|months?|days?|years?))\b",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
# "1-year after treatment", "at 3 Months After Completion of Therapy": counted from a later event
_AFTER_EVENT = re.compile(r"^\s+(?:after|post|following)\s+(?:the\s+)?"
                          r"(?:end|completion|treatment|therapy|surgery|transplant|discharge|last|stopping)", re.IGNORECASE)
_INSTRUMENT_AFTER = re.compile(r"^(?:\s+[A-Za-z0-9-]+){0,3}?\s+(?:questionnaire|survey|version|recall|form)\b", re.IGNORECASE)


def named_time_points(measure: str) -> list[TimePoint]:
    """The time points a measure names for itself ("at weeks 4, 12 and 24": three).

    A point counted from a later event than the start ("1-year after treatment") has kind
    "after_event": it cannot be compared with a time frame counted from the start."""
    measure = normalise(measure)
    points: list[TimePoint] = []
    if not _DIGIT.search(measure):
        return points  # every form of _NAMED_POINT has a digit; most measures have none
    for match in _NAMED_POINT.finditer(measure):
        kind = "after_event" if _AFTER_EVENT.match(measure[match.end():]) else "point"
        if match.group(1):
            if _INSTRUMENT_AFTER.match(measure[match.end():]) or _not_a_time(measure, match.start(), match.end()):
                continue
            unit = _known_unit(match.group(2))
            points.append(TimePoint(float(match.group(1)) * DAYS[unit], match.group(0).strip(), unit, kind))
            continue
        unit_word, amounts = (match.group(3), match.group(4)) if match.group(3) else (match.group(6), match.group(5))
        if _not_a_time(measure, match.start(), match.end()):
            continue
        unit = _known_unit(unit_word)
        for amount in re.findall(r"\d+(?:\.\d+)?", amounts):
            points.append(TimePoint(float(amount) * DAYS[unit], match.group(0).strip(), unit, kind))
    return points


def named_time_point(measure: str, points: list[TimePoint] | None = None) -> TimePoint | None:
    """The time point a measure names for itself, or None (none, or several in different places).

    A list in one phrase ("at 6 and 12 months") gives its latest point. `points`: the measure's
    `named_time_points` when the caller has them already."""
    points = named_time_points(measure) if points is None else points
    if points and len({p.text for p in points}) == 1:
        return max(points, key=lambda p: p.days)
    return None


@dataclass(frozen=True)
class Timeframe:
    """What a registry time frame says: its latest time point, or that it says nothing measurable."""

    text: str
    latest: TimePoint | None
    vague: bool
    points: tuple[TimePoint, ...] = ()


# the same searches, faster on ASCII text (see parse/folded.py)
_HAS_BASELINE, _HAS_EVENTS, _HAS_ANCHORS = FoldedSearch(_BASELINE), FoldedSearch(_EVENTS), FoldedSearch(_ANCHORS)
_CALENDAR_DATES = FoldedSearch(_CALENDAR_DATE)


@functools.lru_cache(maxsize=4096)  # pure, and read by several rules (see _time_points)
def timeframe(text: str) -> Timeframe:
    points = time_points(text)
    own = [p for p in points if p.kind == "point"]  # look-back and calendar windows are not times of the participant
    latest = max(own, key=lambda p: p.days) if own else None
    written = normalise(text)
    anchored = bool(points or _HAS_BASELINE(text) or _HAS_EVENTS(written) or _HAS_ANCHORS(written)
                    or len(list(islice(_CALENDAR_DATES.spans(text), 2))) == 2)  # a calendar window; one date alone is not a time of the participant
    return Timeframe(text, latest, latest is None and not anchored, tuple(points))


# "SD for at least 23 weeks", "lasting ≥ 6 months", "a minimum of 1 year": how long something must last
_REQUIRED_DURATION = re.compile(
    rf"(?:\bfor\s+)?(?:\bat\s+least|\ba\s+minimum\s+of|\bminimum|\blasting|\bsustained\s+for|\bdurable\s+for|≥|>=|>)\s*({_AMOUNT})\s*({_LONG_UNIT})"
    rf"|\b({_AMOUNT})\s*({_LONG_UNIT})\s+or\s+(?:more|longer)\b",
    re.IGNORECASE)


def required_durations(text: str) -> list[TimePoint]:
    """How long something must last ("SD for at least 23 weeks"): a property of the measure, not when it is taken."""
    text = normalise(text)
    found = []
    for match in _REQUIRED_DURATION.finditer(text):
        amount, unit = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
        found.append(TimePoint(number(amount) * DAYS[_known_unit(unit)], match.group(0), _known_unit(unit), "duration"))
    return found


_EARLIER_STUDY = re.compile(
    r"\bfollow[- ]?up\s+(?:study|trial)\b|\blong[- ]term\s+follow[- ]?up\b|\bextension\s+(?:study|trial)\b"
    r"|\b(?:open[- ]label\s+)?extension\s+of\b|\blong[- ]term\s+persistence\b|\b\d+\s+years?\s+follow[- ]?up\b",
    re.IGNORECASE)


def follow_up_of_earlier_study(title: str) -> bool:
    """A title saying the study follows up an earlier trial ("6 Years Follow-up", "Extension Study"),
    whose time points count from that trial."""
    return bool(_EARLIER_STUDY.search(title))


_APPROXIMATE = FoldedSearch(re.compile(r"approximately|approx\.|about|around|~|average|estimated|median|mean", re.IGNORECASE))


def approximate(text: str) -> bool:
    return _APPROXIMATE(text)


def vague_phrase(text: str) -> str | None:
    match = _VAGUE.search(text)
    return match.group(0) if match else None
