"""How a text says participants are allocated: a stated ratio, equal groups, or a design in
which no ratio applies (within-participant randomization, cluster randomization).

Registry records have no field for the allocation ratio (ClinicalTrials.gov never asked for
one), so a record states it, if at all, in its summary, description or arm descriptions:
"randomized 1:1", "in a 2:1 ratio", "(1:1)", "one-to-one", "equal numbers", "50 patients per
group", "按1:1比例随机". This is clinical phrasing no library reads; it is written here by
hand, each pattern taken from real records (tests/parse/test_allocation.py).
"""

from __future__ import annotations

import re

from toolkit.parse.folded import FoldedSearch

_SMALL = r"[1-9]\d?"
_WORD_NUMBER = r"(?:one|two|three|four|five)"
# "1:1", "2:1:1", "1 : 1", "1：1" (not "1:160", a titre, nor "10:30", a clock time: checked by context)
# (the check on the character before comes after the first digit, so that re can skip ahead to a digit:
# "(?<![\d.:/,])[1-9]" written as "[1-9](?<![\d.:/,][1-9])")
_NUMERIC = re.compile(rf"[1-9](?<![\d.:/,][1-9])\d?\s*[:：]\s*{_SMALL}(?:\s*[:：]\s*{_SMALL})*(?![\d:.]\d)")
_TO = FoldedSearch(re.compile(
    rf"\b(?:{_SMALL}|{_WORD_NUMBER})[- ]to[- ](?:{_SMALL}|{_WORD_NUMBER})\b(?:[- ]to[- ](?:{_SMALL}|{_WORD_NUMBER}))*", re.IGNORECASE))
# the words that make a number pair an allocation ratio
_CONTEXT = re.compile(r"randomi[sz]|\bratio\b|allocat|assign|\brandom\b|\barms?\b|随机|比例|分配|分组", re.IGNORECASE)
_EQUAL = FoldedSearch(re.compile(
    r"\bequal\s+(?:proportions?|allocation|probability|chance|ratio|opportunity)\b"
    r"|\b(?:in\s+)?equal\s+numbers?\s+(?:to|into|between|across|per)\b|\bequal\s+(?:sample\s+)?sizes?\s+(?:per|in each|for each)\b"
    r"|\b(?:randomi[sz]ed|allocated|assigned)\s+(?:\w+\s+){0,3}?(?:equally|evenly)\b"
    r"|\b(?:equally|evenly)\s+(?:randomi[sz]ed|allocated|assigned|divided|distributed|split)\s+(?:in)?to\s+(?:\w+\s+){0,3}?(?:groups|arms)\b"
    r"|\b50\s*%\s*(?:chance|probability)\b",
    re.IGNORECASE,
), needs=("equal", "evenly", "50"))
_PARTICIPANTS = r"(?:patients|participants|subjects|persons|people|volunteers|women|men|children|infants|cases|individuals|pts)"
_PER_GROUP = FoldedSearch(re.compile(
    rf"\b\d+\s+(?:{_PARTICIPANTS}\s+)?(?:in|per|for)\s+(?:each|every)\s+(?:\w+\s+)?(?:arm|group|cohort)s?\b"
    rf"|\b\d+\s+(?:{_PARTICIPANTS}\s+)?(?:per|/)\s*(?:arm|group)\b"
    rf"|\b(?:arm|group)\s+\w{{1,3}}\s*[:：]\s*\d+\s+{_PARTICIPANTS}\b"  # "Arm 1: 25 subjects": counts per arm state the split
    rf"|\b(?:each|every)\s+(?:arm|group)\s+(?:will\s+)?(?:include|enrol|enroll|recruit|consist|have|has|of|with)\w*\s+(?:of\s+)?\d+\b"
    r"|每组\s*\d+\s*(?:例|人|名)",  # 每组30例: no record in the corpus has it; the form Chinese protocols use
    re.IGNORECASE,
), needs=("arm", "group", "cohort"))
_CLUSTER = FoldedSearch(re.compile(
    r"\bcluster[- ]?(?:randomi[sz]|random|trial|design)|\bstepped[- ]wedge\b"
    r"|\brandomi[sz]ed\s+(?:by|at\s+the\s+level\s+of)\s+(?:the\s+)?(?:cluster|site|ward|school|village|practice|hospital|clinic|community|unit|household)s?\b"
    r"|整群随机",
    re.IGNORECASE,
))
_WITHIN = FoldedSearch(re.compile(
    r"\bcross[- ]?over\s+(?:study|trial|design)|\b(?:randomi[sz]ed|double[- ]blind|open[- ]label)[^.]{0,80}\bcross[- ]?over\b"
    r"|\bsplit[- ](?:mouth|face|body|scalp)\b|交叉设计",
    re.IGNORECASE,
), needs=("cross", "split"))


def stated_ratio(text: str) -> str | None:
    """The words in `text` that state how participants are split between the arms, or None."""
    ratios = stated_ratios(text)
    if ratios:
        return ratios[0][1]
    return _EQUAL.first(text) or _PER_GROUP.first(text)


_WORD_PARTS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_LABEL_BEFORE = re.compile(r"\b(?:arm|group|cohort|part|stage|phase|step|day|cycle|level|dose)\s*$", re.IGNORECASE)
_TWO_DIGITS = re.compile(r"\d\d")


def stated_ratios(text: str) -> list[tuple[list[int], str]]:
    """Every allocation ratio stated in numbers in `text` ("2:1", "one-to-one"), as (parts, words)."""
    found = []
    numeric = (match.span() for match in _NUMERIC.finditer(text))
    for spans, written_with_to in ((numeric, False), (_TO.spans(text), True)):
        for start, end in spans:
            words = text[start:end]
            if written_with_to and _TWO_DIGITS.search(words):
                continue  # "40 to 59 years": a range; ratios written with "to" are small ("2 to 1", "one-to-one")
            if _LABEL_BEFORE.search(text, max(0, start - 12), start):
                continue  # "Arm 1: 25 subjects": a label and a count
            window = text[max(0, start - 80): end + 80]
            if _CONTEXT.search(window) and not _clock_time(text, end):
                tokens = re.split(r"\s*[:：]\s*|[- ]to[- ]", words.lower())
                found.append(([_WORD_PARTS.get(t.strip()) or int(t) for t in tokens], words))
    return found


def _clock_time(text: str, end: int) -> bool:
    after = text[end: end + 6].lower()
    return bool(re.match(r"\s*(?:am|pm|h\b|hrs?\b|o'clock)", after))


def cluster_design(text: str) -> str | None:
    """Words saying that groups (sites, wards, villages), not participants, are randomized."""
    return _CLUSTER.first(text)


def within_participant_design(text: str) -> str | None:
    """Words saying each participant receives every arm (crossover, split-mouth ...)."""
    start, end = next(_WITHIN.spans(text), (0, 0))
    if end and not re.search(r"\bno\s+$", text[max(0, start - 4): start], re.IGNORECASE):
        return text[start:end]
    return None
