"""What a study's own text states about its size, groups, follow-up and who takes part, read as
explicit statements that can be held against the structured fields.

Read here (English and Chinese, each form taken from real registry records; table-driven tests
in tests/parse/test_statements.py):
- how many participants the study plans ("a total of 120 patients will be enrolled", "we plan
  to recruit approximately 60 participants", "sample size of 90", "计划纳入120例") or reports
  having enrolled ("40 patients were enrolled", "已入组40例"), with "approximately", "up to",
  "at least" and ranges ("100-120 patients") kept as such, and counts per arm, cohort or stage
  ("30 patients per arm", "20 patients in cohort A") told apart from the study's total;
- the number of arms or groups ("randomized into two groups", "a three-arm trial",
  "single-arm study", "随机分为两组", "单臂");
- the follow-up per participant ("followed up for 2 years", "a 5-year follow-up", "随访3年");
- criteria that restrict to one sex ("Postmenopausal women with ...", "Male patients aged ...",
  "女性") or that admit both ("men and women", "男女不限");
- criteria that require a disease ("histologically confirmed ...", "diagnosed with ...",
  "病理确诊") and texts that admit people without one (healthy volunteers, controls,
  caregivers).

Only what a sentence asserts about this study counts. Sentences about other studies ("in a
previous trial, 300 patients were randomized", "compared with earlier single-arm studies",
"vs.") and negated ones ("not a two-arm design") are skipped.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from toolkit.parse.durations import DAYS
from toolkit.parse.durations import normalise as _normalise
from toolkit.parse.folded import FoldedSearch, OnOriginal

# number words as digits ("Three hundred patients" -> "300 patients"); several readers read one text
normalise = functools.lru_cache(maxsize=1024)(_normalise)

_SENTENCE = re.compile(r"(?<=[.!?;])\s+(?=[A-Z0-9(\"“])|\n+|(?<=[。；！？])")
# A sentence about another study, a comparison, or a hypothetical: nothing in it describes this study.
_OTHER_STUDY = re.compile(
    r"\b(?:previous(?:ly)?|prior\s+(?:stud|trial|report|work|research)|earlier\s+(?:stud|trial)|published|reported|"
    r"literature|historical(?:ly)?|meta-analys[ie]s|retrospective(?:ly)?\s+(?:analy|stud|review)|"
    r"compared\s+(?:with|to)\s+(?:other|previous|earlier|prior|historical)|unlike|vs\.?(?=\s)|versus\s+(?:other|previous)|"
    r"other\s+(?:studies|trials)|(?:a|one|the)\s+(?:recent|large|landmark|pivotal|randomi[sz]ed|phase\s*(?:i{1,3}|[1-4])\w*)"
    r"\s+(?:\w+\s+){0,3}(?:study|trial)\s+(?:of|in|by|from|showed|demonstrated|found|reported|with|enrolled|including)|"
    r"(?:study|trial)\s+by\s+[A-Z]|\bet\s+al\b|\b(?:19|20)\d\d\b[^.]{0,40}\b(?:study|trial)\b|"
    r"(?:have|has)\s+(?:shown|demonstrated|reported)|showed\s+that|demonstrated\s+that)"
    r"|既往|以往|文献|此前|前期研究|既往研究|相比|对比",
    re.IGNORECASE)
_NEGATED = re.compile(r"\b(?:not|no|never|neither|nor|rather\s+than|instead\s+of|without)\b|不|非|无|未", re.IGNORECASE)


# _SENTENCE without its Chinese split, matching the full stop too (a pattern that starts with a
# character, not a lookbehind, lets re skip ahead); used on texts without Chinese punctuation
_SENTENCE_END = re.compile(r"[.!?;]\s+(?=[A-Z0-9(\"“])|\n+")


@functools.lru_cache(maxsize=4096)
def sentences(text: str) -> tuple[str, ...]:
    """The sentences of a text."""
    text = text or ""
    if "。" in text or "；" in text or "！" in text or "？" in text:
        parts = _SENTENCE.split(text)
    else:  # _SENTENCE.split(text), without the lookbehind: the stop stays with its sentence
        parts, at = [], 0
        for match in _SENTENCE_END.finditer(text):
            end = match.start() if text[match.start()] == "\n" else match.start() + 1
            parts.append(text[at:end])
            at = match.end()
        parts.append(text[at:])
    return tuple(s for s in (part.strip() for part in parts) if s)


@functools.lru_cache(maxsize=16384)
def about_this_study(sentence: str) -> bool:
    """Whether a sentence may describe the study itself: not another study, a comparison, the literature.
    (Asked after a reader's cheap test, since most sentences state nothing a reader wants.)"""
    return not _OTHER_STUDY.search(sentence)


# --- numbers -------------------------------------------------------------------------------

_WORD_NUMBERS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
                                                       "hundred": 100, "single": 1, "double": 2, "both": 2}
_CN_SMALL = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6}
_WORD = "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True))


def _int(token: str) -> int:
    token = token.replace(",", "").strip().lower()
    if token.isdigit():
        return int(token)
    if token in _CN_SMALL:
        return _CN_SMALL[token]
    return _WORD_NUMBERS[token]


# --- participants --------------------------------------------------------------------------


@dataclass(frozen=True)
class Count:
    """A number of participants a text states: `low`..`high` (equal for one number); `bound` is
    "≤" for "up to", "≥" for "at least", "~" for "approximately", "" for an exact number."""

    low: int
    high: int
    bound: str
    tense: str  # "planned" or "past"
    scope: str  # "total", or "part" (per arm, cohort, stage, or one of several groups in a sentence)
    words: str

    def admits(self, count: int) -> bool:
        """Whether `count` participants agree with what is stated."""
        if self.bound == "≤":
            return count <= self.high
        if self.bound == "≥":
            return count >= self.low
        if self.bound == "~":
            return self.low * 0.9 <= count <= self.high * 1.1
        return self.low <= count <= self.high


_PEOPLE = (r"(?:patients|participants|subjects|volunteers|individuals|persons|people|women|men|children|adults|"
           r"adolescents|infants|neonates|newborns|girls|boys|mothers|pts|cases|controls)")
# up to three words between a number and the people ("120 eligible adult patients"), none of them a
# word that makes the number count something else ("3 months", "5 hospitals", "2 cohorts of")
_NOT_ADJECTIVE = (r"(?:of|and|or|in|into|with|from|per|each|at|for|to|the|a|an|between|aged?|years?|months?|weeks?|days?|hours?|"
                  r"hospitals?|centers?|centres?|sites?|cohorts?|groups?|arms?|sessions?|visits?|samples?|doses?|times?|"
                  r"cycles?|clusters?|practices?|schools?|villages?|wards?|units?|eyes?|teeth|lesions?)")
_ADJECTIVES = rf"(?:(?!{_NOT_ADJECTIVE}\b)[a-z][\w/+-]*\s+){{0,4}}?"  # [a-z]: every pattern using it ignores case
_NUM = rf"(?<![\w.,/-])(\d{{1,3}}(?:,\d{{3}})+|\d+|{_WORD})"
_QUANTIFIER = (r"(?P<q>up\s+to\s+a\s+total\s+of|a\s+total\s+of|in\s+total|total\s+of|approximately|approx\.?|about|around|roughly|nearly|some|~|"
               r"up\s+to|a\s+maximum\s+of|maximum\s+of|maximum|at\s+most|no\s+more\s+than|at\s+least|a\s+minimum\s+of|minimum\s+of|"
               r"no\s+fewer\s+than|not\s+less\s+than|more\s+than|over)?")
_RANGE_TAIL = rf"(?:\s*(?:-|–|to)\s*(\d{{1,3}}(?:,\d{{3}})+|\d+|{_WORD}))?"
_PLANNED_VERB = r"(?:enrol(?:l|led|ment)?|recruit(?:ed)?|randomi[sz]ed?|included?|accrued?|registered|entered|treated|involved?)"
_PAST_VERB = r"(?:enrolled|recruited|randomi[sz]ed|included|accrued|registered|entered|treated)"
# "120 patients will be enrolled", "60 participants are expected to be recruited", "a total of 90 subjects are planned"
_COUNT_THEN_VERB = re.compile(
    rf"{_NUM}{_RANGE_TAIL}\s+{_ADJECTIVES}{_PEOPLE}\b(?!\s+(?:hospitals?|cent(?:er|re)s?|sites?|clinics?|wards?)\b)(?P<rest>[^.;:]{{0,60}}?)"
    rf"\b(?P<verb>will\s+(?:be\s+)?{_PLANNED_VERB}|(?:are|is)\s+(?:planned|expected|anticipated|intended|going)\b|"
    rf"(?:are|is)\s+(?:to\s+be|being)\s+{_PLANNED_VERB}|(?:were|have\s+been|had\s+been|was)\s+{_PAST_VERB}|"
    rf"will\s+(?:participate|take\s+part)|(?:shall|should|would|can|may)\s+be\s+{_PLANNED_VERB}|"
    rf"to\s+be\s+{_PLANNED_VERB}|(?:enrolled|recruited|randomi[sz]ed|included)\s+(?:in|into)\s+(?:this|the)\s+(?:study|trial))",
    re.IGNORECASE)
# the quantifier before a count read by _COUNT_THEN_VERB (looked for only there: a pattern starting
# with the number is many times faster than one starting with an optional quantifier)
_QUANTIFIER_BEFORE = re.compile(_QUANTIFIER + r"\s*$", re.IGNORECASE)
# "we plan to enroll 120 patients", "will recruit approximately 60 participants", "enrolled a total of 40 patients"
_VERB_THEN_COUNT = re.compile(
    rf"\b(?P<verb>(?:will|plans?\s+to|planned\s+to|aims?\s+to|intends?\s+to|expects?\s+to|to)\s+(?:\w+\s+)?"
    rf"(?:enrol(?:l)?|recruit|randomi[sz]e|include|accrue|register)|(?:have|has|had|we)\s+(?:\w+\s+)?{_PAST_VERB})"
    rf"\s+{_QUANTIFIER}\s*{_NUM}{_RANGE_TAIL}\s+{_ADJECTIVES}{_PEOPLE}\b",
    re.IGNORECASE)
# "sample size of 120", "target enrollment is 60 patients", "planned sample size: 90"
_SAMPLE_SIZE = re.compile(
    rf"\b(?P<verb>(?:total\s+|planned\s+|estimated\s+|target(?:ed)?\s+|required\s+|final\s+)?sample\s+size|"
    rf"(?:target|planned|anticipated|expected)\s+(?:enrol(?:l)?ment|accrual|recruitment))"
    rf"\s*(?:of|is|will\s+be|was|:|=|is\s+set\s+at|of\s+the\s+study\s+is|(?:is|was)\s+(?:estimated|expected|calculated|planned)\s+(?:to\s+be|at|as))\s*{_QUANTIFIER}\s*{_NUM}{_RANGE_TAIL}\b"
    rf"(?!\s*(?:%|percent|years?|months?|weeks?|days?|mg|ml|events?|deaths?|samples?|eyes|teeth|lesions?|per\b|in\s+each))",
    re.IGNORECASE)
# "a total of 25 participants", "up to a total of 60 patients": a total even without a verb
_TOTAL_OF = re.compile(rf"(?P<verb>)(?P<q>(?:up\s+to\s+)?a\s+total\s+of)\s*{_NUM}{_RANGE_TAIL}\s+{_ADJECTIVES}{_PEOPLE}\b", re.IGNORECASE)
# "计划纳入120例", "预计入组约60名患者", "样本量为90例", "已入组40例"
_CN_COUNT = re.compile(
    r"(?P<verb>计划|拟|预计|预期|将|共|总共|共计|已|已经|目标)?\s*(?:(?:纳入|入组|招募|招收|入选|募集|收集|选取|选择)|样本量(?:为|是)?)"
    r"\s*(?P<q>约|大约|不少于|至少|不超过|最多|共)?\s*(\d+)(?:\s*[-~～至到]\s*(\d+))?\s*(?:例|名|位|人)")
_PER_PART = re.compile(
    r"^\s*(?:\w+\s+){0,3}?(?:per|in\s+each|each|in\s+every|for\s+each|in\s+both|/)\s*(?:treatment\s+|study\s+)?"
    r"(?:arms?|groups?|cohorts?|parts?|stages?|phases?|dose|levels?|sites?|centers?|centres?|countries|strata|stratum)\b"
    r"|^\s*(?:\w+\s+){0,3}?(?:per|a|each|every|/)\s*(?:year|month|week|day|annum)\b|^\s*(?:annually|yearly|monthly)\b"
    r"|^\s*(?:\w+\s+){0,3}?(?:in|into|to|for|receive|receiving)\s+(?:the\s+)?(?:first|second|third|each|every|"
    r"(?:arm|group|cohort|part|stage|phase)\s+(?:[A-Z0-9]|i{1,3}\b|one\b|two\b)|dose[- ](?:escalation|expansion|level)|"
    r"(?:treatment\s+)?(?:arm|group|cohort)\s+[A-Z0-9]\b|"
    r"(?:control|experimental|intervention|placebo|treatment|active|study)\s+(?:\([^)]*\)\s*)?(?:arm|group|cohort)\b(?!\s*(?:or|and)\b))",
    re.IGNORECASE)
_PART_BEFORE = re.compile(
    r"(?:\b(?:each|every|per|both)\s+(?:arm|group|cohort|stage|part)|\b(?:arm|group|cohort|stage|part|phase)\s+"
    r"(?:[A-Z0-9]+|i{1,3}|one|two)\b|\b(?:first|second|third|1st|2nd)\s+(?:stage|part|phase|step|cohort)|"
    r"\bdose[- ](?:escalation|expansion)|每组|各组|第[一二三]阶段)[^.;]{0,60}$",
    re.IGNORECASE)
_PAST = re.compile(r"\b(?:were|was|have\s+been|had\s+been|have|has|had|we)\b|已", re.IGNORECASE)


# what every statement of a number of participants has: a digit (number words are digits after
# durations.normalise), and a word for people, a sample size or a Chinese count
_DIGIT = re.compile(r"\d")
_COUNT_WORDS = re.compile(rf"{_PEOPLE}|sample\s+size|enrol|accru|recruit|例|名|位|人|样本量", re.IGNORECASE)
# the same test as plain `in` on lowered ASCII text ("men" first: "treatment", "women" have it)
_COUNT_LITERALS = ("men", *(w for w in re.findall(r"[a-z]+", _PEOPLE) if w != "men"), "enrol", "accru", "recruit")
_SAMPLE_SIZE_WORDS = re.compile(r"sample\s+size")


def _has_count_words(sentence: str) -> bool:
    """`_COUNT_WORDS.search(sentence)`, asked of every sentence, in a fraction of the time."""
    if sentence.isascii():  # IGNORECASE on ASCII text is lower-casing; other text needs Unicode folding
        lowered = sentence.lower()
        return any(word in lowered for word in _COUNT_LITERALS) or (
            "sample" in lowered and _SAMPLE_SIZE_WORDS.search(lowered) is not None)
    return _COUNT_WORDS.search(sentence) is not None


# words each pattern cannot match without (lower case, any one of them), tested with `in` first
_COUNT_PATTERNS = (
    FoldedSearch(_COUNT_THEN_VERB),
    FoldedSearch(_VERB_THEN_COUNT, needs=("enrol", "recruit", "randomi", "include", "accrue", "register", "entered", "treated")),
    FoldedSearch(_SAMPLE_SIZE, needs=("sample", "enrol", "accrual", "recruitment")),
    FoldedSearch(_TOTAL_OF, needs=("total",)),
)


def _bound(quantifier: str | None, tail: str = "") -> str:
    q = (quantifier or "").lower()
    if re.search(r"up\s+to|maximum|at\s+most|no\s+more|不超过|最多", q):
        return "≤"
    if re.search(r"at\s+least|minimum|no\s+fewer|not\s+less|more\s+than|over|不少于|至少", q):
        return "≥"
    if re.search(r"approx|about|around|roughly|nearly|some|~|约", q):
        return "~"
    return ""


def _count(sentence: str, match: re.Match | OnOriginal, numbers: list[str | None], verb: str,
           quantifier: re.Match | None = None) -> Count | None:
    values = [_int(n) for n in numbers if n]
    if not values or min(values) < 2 or max(values) > 100_000:
        return None
    tense = "past" if _PAST.search(verb) and not re.search(r"will|plan|expect|aim|intend|计划|预计|拟|将", verb, re.I) else "planned"
    if tense == "past" and re.search(r"\b(?:is|are)\b", verb, re.IGNORECASE):
        tense = "planned"
    after = sentence[match.end():match.end() + 60]
    before = sentence[max(0, match.start() - 80):match.start()]
    rest = match.groupdict().get("rest") or ""
    part = bool(_PER_PART.search(after) or _PER_PART.search(rest) or _PART_BEFORE.search(before)
                or re.search(r"\b(?:additional|more|further|extra|remaining|first|last|initial(?:ly)?)\b", match.group(0), re.IGNORECASE)
                or re.search(r"\b(?:another|other|initially|cohorts?\s+of|groups?\s+of|arms?\s+of)\s*$", before, re.IGNORECASE)
                or re.search(r"(?:per|each|in\s+each)\s+(?:arm|group|cohort)", match.group(0), re.IGNORECASE)
                or re.match(r"\s*(?:每组|各组)", after))
    q = quantifier.group("q") if quantifier else match.groupdict().get("q")
    words = (quantifier.group(0) if quantifier else "") + match.group(0)
    return Count(min(values), max(values), _bound(q), tense, "part" if part else "total", words.strip())


@functools.lru_cache(maxsize=4096)
def participant_counts(text: str) -> tuple[Count, ...]:
    """Every number of participants `text` states for this study, planned or already enrolled."""
    found: list[Count] = []
    for sentence in sentences(text):
        if not _has_count_words(sentence):
            continue  # cheap tests first: most sentences state no number of people
        sentence = normalise(sentence)
        if not _DIGIT.search(sentence):
            continue
        here = _sentence_counts(sentence)
        if not here or not about_this_study(sentence):
            continue  # asked last: a sentence about another study states nothing of this one
        if len({(c.low, c.high) for c in here if c.scope == "total"}) > 1 or _several_groups(sentence):
            # "20 patients and 20 healthy volunteers will be enrolled": each is a part of the whole
            here = [Count(c.low, c.high, c.bound, c.tense, "part", c.words) for c in here]
        found.extend(here)
    if found and _MORE_PEOPLE.search(text):
        found = [Count(c.low, c.high, c.bound, c.tense, "part", c.words) for c in found]
    return tuple(found)


def _sentence_counts(sentence: str) -> list[Count]:
    """The counts one sentence states, before asking whether it is about this study."""
    here: list[Count] = []
    for search in _COUNT_PATTERNS:  # each skips an ASCII sentence without a word it needs
        pattern = search.pattern
        for match in search.finditer(sentence):
            if _NEGATED.search(match.group("verb")) or _negated_before(sentence, match.start()):
                continue
            quantifier = None
            if pattern is _COUNT_THEN_VERB:
                quantifier = _QUANTIFIER_BEFORE.search(sentence[max(0, match.start() - 30):match.start()])
                quantifier = quantifier if quantifier and quantifier.group("q") else None
            first = 1 if pattern is _COUNT_THEN_VERB else 3  # the number's group follows the quantifier's
            numbers = [match.group(first), match.group(first + 1)]
            count = _count(sentence, match, numbers, match.group("verb"), quantifier)
            if count and not any(c.words in count.words or count.words in c.words for c in here):
                here.append(count)
    if sentence.isascii():
        return here  # _CN_COUNT reads Chinese only
    for match in _CN_COUNT.finditer(sentence):
        count = _count(sentence, match, [match.group(3), match.group(4)], match.group("verb") or "")
        if count:
            here.append(count)
    return here


_SEVERAL = re.compile(rf"\b{_NUM}\s+{_ADJECTIVES}{_PEOPLE}\b[^.;]{{0,80}}\b(?:and|plus|as\s+well\s+as|while|whereas|with|,)\s+"
                      rf"{_NUM}\s+{_ADJECTIVES}(?:{_PEOPLE}|healthy)", re.IGNORECASE)
# a text saying more people take part than a count it states ("Additional participants will be
# recruited ..."), or a study in parts whose counts are each a part's ("In subprojects 1 and 2 ...")
_MORE_PEOPLE = re.compile(rf"\b(?:additional|further|more|other|another)\s+{_ADJECTIVES}{_PEOPLE}\s+(?:will|are|may|can)\b"
                          rf"|\bwill\s+also\s+(?:be\s+)?(?:recruit|enrol|include|invite)"
                          r"|\bsub-?(?:projects?|stud(?:y|ies))\b|\bpart\s+(?:1|2|a|b|i|ii|one|two)\b", re.IGNORECASE)


def _several_groups(sentence: str) -> bool:
    return bool(_SEVERAL.search(sentence))


def _negated_before(sentence: str, start: int) -> bool:
    return bool(re.search(r"\b(?:not|no|never)(?:\s+\w+){0,2}\s*$", sentence[max(0, start - 30):start], re.IGNORECASE))


# --- arms and groups -----------------------------------------------------------------------

_GROUP_NOUN = r"(?:arms|groups)"
_ARM_COUNT = re.compile(
    rf"\b(?:randomi[sz]ed|randomly\s+(?:assigned|allocated|divided)|assigned|allocated|divided|split|distributed)\s+"
    rf"(?:\w+\s+){{0,5}}?(?:in)?to\s+(?:(?:one|1)\s+of\s+)?(?:the\s+)?(?P<n>{_NUM})\s+(?:\w+\s+){{0,2}}?{_GROUP_NOUN}\b"
    rf"(?!\s*(?:according|based|by|depending|on\s+the\s+basis)\b)"
    rf"|(?<!phase\s)(?<!phase)\b(?P<n2>[2-9]|two|three|four|five|six)[- ](?:arm|group)(?:ed)?\s+"
    rf"(?:(?!(?:of|will|be|is|the|in)\b)\w+\s+){{0,3}}?(?:study|trial|design|rct)\b"
    rf"|\b(?:study|trial|design)\s+(?:will\s+)?(?:with|has|have|consists?\s+of|comprises?|comprising|includes?|including|of)\s+"
    rf"(?P<n3>{_NUM})\s+(?:\w+\s+){{0,2}}?(?:arms|groups)\b"
    rf"|\b(?:single|one)[- ]arm(?:ed)?[\s,-]+(?:(?:open[- ]label|phase\s*\w+|prospective|multi-?cent(?:er|re)|single[- ]cent(?:er|re)|"
    rf"non-?randomi[sz]ed|pilot|exploratory|clinical|interventional|and|,)[\s,-]*){{0,4}}(?:study|trial|design|rct)\b"
    r"|(?:随机)?分(?:为|成)\s*(?P<cn>[一二两三四五六2-6])\s*(?:个)?(?:组|臂)(?!.{0,6}(?:根据|按照|依据))|(?P<cn1>单)臂",
    re.IGNORECASE)


_MAY_STATE_ARMS = FoldedSearch(re.compile(r"\barms?\b|\bgroups?\b|组|臂", re.IGNORECASE), needs=("arm", "group"))
_ARM_COUNTS = FoldedSearch(_ARM_COUNT)


@dataclass(frozen=True)
class GroupCount:
    number: int
    words: str


@functools.lru_cache(maxsize=4096)
def arm_counts(text: str) -> tuple[GroupCount, ...]:
    """The numbers of arms or groups `text` says the study has ("two arms", "single-arm")."""
    found = []
    for sentence in sentences(text):
        if not _MAY_STATE_ARMS(sentence) or not about_this_study(sentence):
            continue
        for match in _ARM_COUNTS.finditer(sentence):
            before = sentence[max(0, match.start() - 25):match.start()]
            if re.search(r"\b(?:not|no|non|never|than)[\s-]*(?:a\s+|an\s+)?$|非$|不是$", before, re.IGNORECASE):
                continue
            if re.match(r"divided|split|distributed", match.group(0), re.IGNORECASE) \
                    and re.search(r"\b(?:according|based|depending)\s+(?:to|on)\b|根据|按照", sentence, re.IGNORECASE):
                continue  # groups formed for analysis, not arms
            token = match.group("n") or match.group("n2") or match.group("n3") or match.group("cn")
            number = 1 if match.group("cn1") or token is None else _int(token)
            if token and token.lower() in ("both", "double") and not match.group("n2"):
                continue
            found.append(GroupCount(number, match.group(0)))
    return tuple(found)


# --- follow-up -----------------------------------------------------------------------------


@dataclass(frozen=True)
class FollowUp:
    days: float
    bound: str  # "≤" up to, "≥" at least, "" as stated
    words: str

    def admits(self, days: float) -> bool:
        tolerance = 0.05 * max(days, self.days)
        if self.bound == "≤":
            return days <= self.days + tolerance
        if self.bound == "≥":
            return days >= self.days - tolerance
        return abs(days - self.days) <= tolerance


_F_UNIT = r"(?P<unit>years?|months?|weeks?|days?|年|个月|月|周|天)"
_F_BOUND = r"(?P<q>up\s+to|at\s+least|a\s+minimum\s+of|a\s+maximum\s+of|approximately|about|至少|最长|长达|约)?"
_F_AMOUNT = r"(?P<amount>\d+(?:\.\d+)?)"
_FOLLOW_UP = tuple(re.compile(pattern, re.IGNORECASE) for pattern in (
    # "will be followed up for 2 years", "are followed for up to 5 years"
    rf"\b(?:will\s+be\s+|are\s+|is\s+|be\s+)followed(?:\s+up)?\s+(?:\w+\s+){{0,3}}?for\s+{_F_BOUND}\s*{_F_AMOUNT}\s*{_F_UNIT}",
    # "follow-up period of 3 years", "follow-up will last 12 months"
    rf"\bfollow[- ]?up\s+(?:period\s+|duration\s+|time\s+)?(?:will\s+(?:be|last)\s+|is\s+|of\s+|lasts?\s+|for\s+)"
    rf"(?:\w+\s+){{0,2}}?{_F_BOUND}\s*{_F_AMOUNT}\s*{_F_UNIT}",
    # "a 5-year follow-up", "2 years of follow-up"
    rf"\b{_F_AMOUNT}[- ](?P<unit>year|month|week|day)s?\s+(?:of\s+)?follow[- ]?up\b",
    # "随访3年", "随访时间为12个月"
    rf"随访\s*(?:时间|期)?\s*(?:为|是)?\s*{_F_BOUND}\s*{_F_AMOUNT}\s*{_F_UNIT}",
))
_MAY_STATE_FOLLOW_UP = re.compile(r"follow|随访", re.IGNORECASE)
_UNIT_NAME = {"年": "year", "个月": "month", "月": "month", "周": "week", "天": "day"}


@functools.lru_cache(maxsize=4096)
def follow_ups(text: str) -> tuple[FollowUp, ...]:
    """How long each participant is followed, as the text states it ("followed for 2 years")."""
    found = []
    for sentence in sentences(normalise(text)):
        if not _MAY_STATE_FOLLOW_UP.search(sentence) or not about_this_study(sentence):
            continue
        for pattern in _FOLLOW_UP:
            for match in pattern.finditer(sentence):
                context = sentence[max(0, match.start() - 40):match.end() + 20]
                if re.search(r"\b(?:every|each|median|mean|average|interval)\b|每", context, re.IGNORECASE) \
                        or _negated_before(sentence, match.start()):
                    continue
                unit = match.group("unit")
                unit = _UNIT_NAME.get(unit, unit.lower().rstrip("s"))
                quantifier = match.groupdict().get("q")
                found.append(FollowUp(float(match.group("amount")) * DAYS[unit], _bound(quantifier), match.group(0)))
                found.extend(_more_follow_ups(sentence[match.end():]))
    return tuple(found)


# "followed for 30 days after diagnosis and up to 6 months for survival": a second follow-up in the sentence
_AND_FOLLOW_UP = re.compile(rf"\b(?:and|or)\s+(?:(?:for|until)\s+)?{_F_BOUND}\s*{_F_AMOUNT}\s*{_F_UNIT}", re.IGNORECASE)


def _more_follow_ups(rest: str) -> list[FollowUp]:
    found = []
    for match in _AND_FOLLOW_UP.finditer(rest):
        unit = _UNIT_NAME.get(match.group("unit"), match.group("unit").lower().rstrip("s"))
        found.append(FollowUp(float(match.group("amount")) * DAYS[unit], _bound(match.group("q")), match.group(0)))
    return found


# --- eligibility: sex ----------------------------------------------------------------------

# The words that name each sex ("femal" is a typo real records have)
_SEX_WORDS = {
    "female": FoldedSearch(re.compile(r"\b(?:fem(?:ale|al)s?|wom[ae]n|girls?|mothers?|ladies|pregnant|(?:pre|post|peri)-?menopausal)\b"
                         r"|女性|妇女|孕妇|产妇|女", re.IGNORECASE)),
    "male": FoldedSearch(re.compile(r"\b(?:males?|m[ae]n|boys?|fathers?)\b|男性|男", re.IGNORECASE)),
}
# A criterion whose subject is one sex: "Women aged 18-70", "Postmenopausal women with ...",
# "Female patients with ...", "Male, aged ...", "Sex: female", "女性", "男性患者"
_ONE_SEX = {
    "female": FoldedSearch(re.compile(
        r"^\W*(?:\d+\s+)?(?:(?:\w+[\s-]+){0,2}?(?:women|woman|females?|girls|mothers|ladies|pregnant|postmenopausal|post-menopausal|"
        r"premenopausal|pre-menopausal|perimenopausal)\b|(?:sex|gender)\s*[:=]?\s*(?:is\s+)?female\b|(?:已婚|绝经后?|孕|育龄)?(?:女性|妇女|孕妇|产妇))",
        re.IGNORECASE)),
    "male": FoldedSearch(re.compile(
        r"^\W*(?:\d+\s+)?(?:(?:\w+[\s-]+){0,2}?(?:men|man|males?|boys)\b|(?:sex|gender)\s*[:=]?\s*(?:is\s+)?male\b|男性)",
        re.IGNORECASE)),
}
# a criterion about one sex that does not restrict who may take part
_CONDITIONAL = FoldedSearch(re.compile(
    r"childbearing|child-bearing|child\s+bearing|potential|pregnancy\s+test|contracept|birth\s+control|\bmust\b|\bshould\b|"
    r"\bshall\b|\bwill\b|\bif\b|\bwho\s+(?:are|is|can|could|may|have)\s+(?:sexually|fertile|able)|fertile|sexually\s+active|"
    r"partner|contemplat|planning|donat|donor|sperm|\bova\b|portion|part\s+of\s+the|cohort|breast[- ]?feeding|lactating|"
    r"nursing|sterili|abstinen|育龄|避孕|妊娠试验|哺乳|伴侣",
    re.IGNORECASE))
_BOTH_SEXES = FoldedSearch(re.compile(
    r"\b(?:m[ae]n\s*,?\s*(?:and|or|&|and/or)\s+(?:\w+\s+)?wom[ae]n|wom[ae]n\s*,?\s*(?:and|or|&|and/or)\s+(?:\w+\s+)?m[ae]n|"
    r"males?\s*(?:and|or|&|/|and/or)\s*(?:[\w-]+\s+)?females?|females?\s*(?:and|or|&|/|and/or)\s*(?:[\w-]+\s+)?males?|"
    r"both\s+(?:sexes|genders)|either\s+(?:sex|gender)|any\s+(?:sex|gender)|regardless\s+of\s+(?:sex|gender)|all\s+(?:sexes|genders))\b"
    r"|男女不限|性别不限|男女均可|男性或女性|男女皆可|男性和女性|男或女|男女",
    re.IGNORECASE))
_NEGATED_START = FoldedSearch(re.compile(r"^\W*(?:no|not|non|never|exclud\w*|without)\b|^\W*(?:非|无|不|排除)", re.IGNORECASE))


# a cheap first test: every criterion naming a sex has one of these
_MAY_NAME_A_SEX = FoldedSearch(re.compile(
    r"fem|wom|m[ae]n\b|males?\b|sex|gender|girl|boy|mother|father|lad(?:y|ies)|pregnan|menopaus|男|女|孕|产妇", re.IGNORECASE))


def sexes_named(criterion: str) -> set[str]:
    """The sexes a criterion names at all, restricting or not ("Women of childbearing potential ..." names women)."""
    return {sex for sex, pattern in _SEX_WORDS.items() if pattern(criterion)}


def sex_required(criterion: str) -> str | None:
    """"female" or "male" when the criterion admits only that sex ("Postmenopausal women with ..."), else None."""
    text = criterion.strip()
    if not _MAY_NAME_A_SEX(text) or len(sexes_named(text)) != 1 or _NEGATED_START(text) \
            or _CONDITIONAL(text):
        return None
    found = [sex for sex, pattern in _ONE_SEX.items() if pattern(text)]
    return found[0] if len(found) == 1 else None


_PARTNERS = FoldedSearch(re.compile(r"\b(?:partners?|spouses?|couples?|husbands?|wives|wife)\b|伴侣|配偶|夫妻|丈夫|妻子", re.IGNORECASE))


def about_partners(criterion: str) -> bool:
    """Whether a criterion speaks of the participant's partner (studies of couples)."""
    return bool(_PARTNERS(criterion))


def both_sexes(criterion: str) -> str | None:
    """The words by which a criterion admits both sexes ("men and women", "男女不限"), or None."""
    if not _MAY_NAME_A_SEX(criterion) or _CONDITIONAL(criterion) or _NEGATED_START(criterion):
        return None
    return _BOTH_SEXES.first(criterion)


# --- eligibility: disease required, people without one admitted -----------------------------

_DISEASE_REQUIRED = FoldedSearch(re.compile(
    r"\b(?:histologically|cytologically|pathologically|histopathologically|histologic(?:al)?ly?|radiologically|clinically)"
    r"(?:\s+(?:and/or|and|or)\s+\w+ly)?\s+(?:confirmed|proven|documented|diagnosed|verified)\b"
    r"|\b(?:confirmed|established|documented|definite|definitive|biopsy[- ]proven)\s+diagnosis\s+of\b"
    r"|^\W*(?:patients?|subjects?|participants?|adults?|children|men|women)?\s*(?:\w+\s+){0,2}?(?:diagnosed|suffering)\s+(?:with|from)\b"
    r"|^\W*(?:a\s+)?diagnosis\s+of\b"
    r"|(?:病理学?|组织学|细胞学|临床)(?:或细胞学|或组织学)?(?:确诊|证实|诊断)|确诊为|诊断为",
    re.IGNORECASE))
_WITHOUT_DISEASE = FoldedSearch(re.compile(
    r"\bhealthy\b|\bnormal\s+(?:volunteers?|subjects?|controls?|individuals?)\b|\bcontrols?\s+(?:group|subjects?|participants?|arm)\b|"
    r"\b(?:control|comparison)\s+(?:cohort|population)\b|\bcontrols\b|\bvolunteers?\b|\bcaregivers?\b|\bcarers?\b|"
    r"\bfamily\s+members?\b|\bparents?\b|\bpartners?\b|\bspouses?\b|\bstaff\b|\bnurses\b|\bphysicians\b|\bclinicians\b|"
    r"\bproviders\b|\bdonors?\b|\bwithout\s+(?:the\s+)?(?:disease|condition|diagnosis)|\bat[- ]risk\b|\bscreening\b|"
    r"\b(?:subjects|participants|patients|people|persons|individuals|controls?|children|adults|women|men)\s+without\b|\bnone\s+of\s+the\b|"
    r"健康|对照|志愿者|家属|照护者|供者",
    re.IGNORECASE))


def requires_disease(criterion: str) -> str | None:
    """The words by which an inclusion criterion requires a diagnosis ("histologically confirmed"), or None."""
    match = _DISEASE_REQUIRED.search(criterion)
    if not match or re.search(r"\b(?:contacts?|exposed|exposure|caring|care\s+for|treat(?:s|ing)?)\b|接触|暴露",
                                  criterion[:match.start()], re.IGNORECASE):
        return None  # "exposed to a confirmed COVID-19 patient": someone else's diagnosis
    return match.group(0)


def admits_people_without_disease(text: str) -> str | None:
    """Words saying people without the disease take part (healthy volunteers, controls, caregivers), or None."""
    return _WITHOUT_DISEASE.first(text)
