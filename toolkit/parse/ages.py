"""Ages stated in eligibility criteria: "Age ≥ 18 years", "18-75 years old", "年满18周岁，不超过70周岁".

`ages(text)` reads every age in one criterion: its operator (`>=`, `>`, `<=`, `<`), value,
unit, and role: `bound` (a limit on the participants' age) or `condition` (an age that
qualifies something else: "Karnofsky ≥ 50 for patients > 16 years", a lab threshold or a
weight rule by age, a definition of menopause, an age at onset or at diagnosis, a donor's
or a parent's age, a gestational or bone age).

What a library does here: Unicode normalization (NFKC: full-width digits and ＞) and number
words ("eighteen", "sixty-five" -> 18, 65: text2num's `alpha2digit`). What is written by hand
is only the clinical phrasing no library reads: the comparators people use for ages in
English and Chinese ("equal to or older than", "18 years and above", "年满", "不超过", "以上"),
ranges and cohorts, what makes a number an age rather than a duration ("women of
childbearing age ... for 3 months" is a duration), and the role.

Ages in exclusion criteria are read as written; `Age.limit(exclusion=True)` turns one into
the limit it puts on participants ("exclude age < 18" is "age ≥ 18").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from toolkit.parse.durations import DAYS

UNITS = ("years", "months", "weeks", "days", "hours")
_FLIP = {"<": ">=", "<=": ">", ">": "<=", ">=": "<"}



@dataclass(frozen=True)
class Age:
    """One age: `operator value unit`, e.g. (">=", 18, "years"), and what it limits."""

    operator: str
    value: float
    unit: str
    role: str
    text: str
    ranged: bool = False  # one end of a range ("18-75 years"): a band, not a one-sided limit
    wording: str = "exact"  # "colloquial": "over 18", "> 18", "between 18 and 80": read both ways
    negated: bool = False  # in a clause that starts "No ...": an exclusion written among the inclusions

    @property
    def inclusive(self) -> bool:
        return self.operator in (">=", "<=")

    @property
    def side(self) -> str:
        """"min" for a lower limit, "max" for an upper one."""
        return "min" if self.operator.startswith(">") else "max"

    def days(self) -> float:
        return self.value * DAYS[self.unit[:-1]]

    def inclusive_days(self) -> float:
        """As an inclusive whole-unit limit: "> 18 years" is "≥ 19 years"."""
        step = 0 if self.inclusive else (1 if self.side == "min" else -1)
        return (self.value + step) * DAYS[self.unit[:-1]]

    def limit(self, exclusion: bool) -> Age:
        """The limit this age puts on participants: excluding "age < 18" admits "age ≥ 18"."""
        return replace(self, operator=_FLIP[self.operator]) if exclusion else self

    def as_json(self) -> dict:
        value = int(self.value) if float(self.value).is_integer() else self.value
        return {"operator": self.operator, "value": value, "unit": self.unit, "inclusive": self.inclusive,
                "role": self.role, "text": self.text}


# ---------------------------------------------------------------- normalising the text

def normalize(text: str) -> str:
    """Full-width forms folded, number words as digits ("sixty-five" -> "65")."""
    return _normalize_folded(unicodedata.normalize("NFKC", text))


def _normalize_folded(text: str) -> str:
    """`normalize` after its NFKC step (which `ages` takes first, to look for an age word)."""
    text = text.replace("≧", "≥").replace("≦", "≤")
    text = _FROM_BIRTH.sub(r"\1 0 days", text)  # "between birth and 48 hours"
    if _LETTER.search(text):
        try:
            from text_to_num import alpha2digit

            text = alpha2digit(text, "en")
        except (ValueError, RuntimeError):  # an odd input: keep the digits that are there
            pass
    return text


_FROM_BIRTH = re.compile(r"\b(between|from)\s+birth\b", re.IGNORECASE)
_LETTER = re.compile(r"[a-z]", re.IGNORECASE)
_DIGIT = re.compile(r"\d")


# ---------------------------------------------------------------- the words of an age

_NUM = r"(\d{1,3}(?:\.\d+)?)(?![\d.,]*\s*(?:%|kg|cm|mg|g/|ml|mm|x|×|/))"
_UNIT = (r"(years?|yrs?\.?|yo\b|y/o|y\b|months?|mos?\b|weeks?|wks?\b|days?|hours?|hrs?\b|"
         r"周岁|岁|个月|月龄|月|周|天)")
_AGE_TAIL = r"(?:\s*-?\s*" + _UNIT + r")?(?:\s*(?:-?\s*old|of\s+age|of\s+life))?"
_UNIT_OF = {"y": "years", "yo": "years", "y/o": "years", "yr": "years", "yrs": "years", "yr.": "years",
            "yrs.": "years", "岁": "years", "周岁": "years", "mo": "months", "mos": "months", "个月": "months",
            "月龄": "months", "月": "months", "wk": "weeks", "wks": "weeks", "周": "weeks", "天": "days",
            "hr": "hours", "hrs": "hours"}

# Each pattern below comes with words one of which every text it matches contains (lower-
# cased), so `_candidates` runs it only on a text that has one: "≥" is in ">=", "than" in "not
# younger than", "mum" in "minimum". `in` on lower-cased text is the test re.IGNORECASE makes:
# the only other characters it matches to ASCII letters are "ı", "İ" (i), "K" (k) and "ſ" (s);
# normalize() (NFKC) folds the last two, and no word here has an i.
_OPERATORS = [  # longest wording first: "greater than or equal to" before "greater than"
    (">=", r"≥|>=|=>|>/=|=/>|⩾|(?:greater|older|more)\s+than\s+or\s+equal\s+to|equal\s+to\s+or\s+(?:greater|older|more)\s+than|"
           r"equal\s+or\s+(?:greater|older)\s+than|at\s+least|no\s+(?:younger|less)\s+than|not\s+(?:younger|less)\s+than|"
           r"minimum(?:\s+age)?(?:\s+of)?|年满|(?<![未不])满|不小于|大于等于|大于或等于|不低于",
     ("≥", "⩾", ">", "=", "than", "equal", "least", "mum", "满", "不小于", "大于", "不低于")),
    ("<=", r"≤|<=|=<|</=|=/<|⩽|(?:less|younger)\s+than\s+or\s+equal\s+to|equal\s+to\s+or\s+(?:less|younger)\s+than|"
           r"no\s+(?:older|more|greater)\s+than|not\s+(?:older|more|greater)\s+than|not\s+exceeding|up\s+to|"
           r"maximum(?:\s+age)?(?:\s+of)?|不超过|不大于|小于等于|小于或等于|不高于|不超出",
     ("≤", "⩽", "<", "=", "than", "exceed", "up", "mum", "不超", "不大于", "小于", "不高于")),
    (">", r">|older\s+than|over|above|more\s+than|greater\s+than|exceeding|大于|超过|高于",
     (">", "than", "over", "above", "exceed", "大于", "超过", "高于")),
    ("<", r"<|younger\s+than|under|below|less\s+than|小于|未满|不满|低于",
     ("<", "than", "under", "below", "小于", "满", "低于")),
]
_PREFIX = [(op, re.compile(r"(?<![A-Za-z])(?:" + words + r")\s*(?:the\s+age\s+of\s*|age\s*)?" + _NUM + _AGE_TAIL, re.IGNORECASE),
            needs) for op, words, needs in _OPERATORS]
# "18 or over 70", "18 years old and younger than 70", "18 or under guardianship" are not suffixes
_NOT_A_SUFFIX = r"(?!\s*(?:than\b|\d|the\s+age|age\b|[a-z]*ship\b|guard|curat|care\b|treatment|supervision))"
_SUFFIX = [
    (">=", re.compile(_NUM + _AGE_TAIL + r"\s*(?:or|and|&)\s*(?:older|over|above|more|greater|up)\b" + _NOT_A_SUFFIX,
                      re.IGNORECASE), ("older", "over", "above", "more", "greater", "up")),
    ("<=", re.compile(_NUM + _AGE_TAIL + r"\s*(?:or|and|&)\s*(?:younger|under|below|less)\b" + _NOT_A_SUFFIX,
                      re.IGNORECASE), ("younger", "under", "below", "less")),
    (">=", re.compile(_NUM + r"\s*\+\s*" + _UNIT + r"?(?:\s*old)?", re.IGNORECASE), ("+",)),  # "18+ years"
    (">=", re.compile(_NUM + r"\s*(周岁|岁|个月|月龄)\s*(?:\(含\))?\s*(?:及|或)?\s*以上"), ("以上",)),
    ("<=", re.compile(_NUM + r"\s*(周岁|岁|个月|月龄)\s*(?:\(含\))?\s*(?:及|或)?\s*(?:以下|以内)"), ("以下", "以内")),
]
_RANGE = re.compile(
    r"(?:(?:between|from)\s+)?" + _NUM + r"(?:\s*" + _UNIT + r")?(?:\s*old)?\s*(?:-|–|—|~|〜|to|through|thru|至|到|and)\s*"
    + _NUM + _AGE_TAIL, re.IGNORECASE)
_RANGE_NEEDS = ("-", "–", "—", "~", "〜", "to", "thr", "至", "到", "and")

# The words before a number that make it an age ("years old" and "of age" come after one).
_AGE_WORD = re.compile(r"\bage[ds]?\b|\bolder\b|\byounger\b|"
                       r"\badults?\b|\bchild(?:ren)?\b|\binfants?\b|\bneonates?\b|\bnewborns?\b|"
                       r"\badolescents?\b|\bbirth\b|岁|年龄|年满", re.IGNORECASE)
# "age" that is not anyone's age in years: childbearing age is a state, not a number.
_NOT_AN_AGE = re.compile(r"(?:child[- ]?bearing|reproductive|fertile|procreative|productive)\s+age|"
                         r"age\s+(?:of|at)\s+(?:child[- ]?bearing|reproduct)|育龄", re.IGNORECASE)
# Ages of something else: gestational age, bone age, corrected age are measurements.
_MEASURED_AGE = re.compile(r"(?:gestation(?:al)?|bone|corrected|post-?menstrual|post-?conceptional|mental|"
                           r"developmental|reading|胎|孕)\s*-?\s*(?:age|龄)?\s*$|孕周", re.IGNORECASE)
# Someone else's age, or the age at an event: "donor aged 18-60", "diagnosed before 40 years".
_OTHER = re.compile(r"donor|relative|family|partner|spouse|caregiver|(?:mother|father|parent|sibling)(?:'s|s'|\s+of)|"
                    r"contact|onset|diagnos|death|died|history|since|menarche|first|smok|began|"
                    r"started|when|供者|父母|亲属|发病|确诊|诊断", re.IGNORECASE)
_AT_EVENT = re.compile(r"^\W*(?:of\s+age\s*)?(?:at|when|of|during|after|since)\s+(?:(?:the\s+)?time\s+of\s+)?"
                       r"(?:diagnos|onset|first|initial|symptom|surgery|transplant|menarche|death|presentation)",
                       re.IGNORECASE)
# An age that qualifies another requirement: "ANC ≥ 1.5 for patients > 16 years", "if age ≥ 60".
_PEOPLE = (r"(?:patients?|participants?|subjects?|children|child|adults?|those|individuals?|persons?|people|women|"
           r"men|males?|females?|girls?|boys?|infants?|adolescents?|cases?|ones?)")
_WHO = r"(?:" + _PEOPLE + r"|age[ds]?)"
_QUALIFIER = re.compile(r"(?:(?:\bfor|\bif|\bwhen|\bunless|\bexcept|对于|若|如)\s+(?:the\s+|all\s+)?(?:[a-z-]+\s+)?(?:"
                        + _WHO + r"\s*){0,3}(?:is|are)?\s*|(?:\bin|\bamong|\bof|\bon|\bwhose|\bwho\s+are|\bwhere)\s+(?:the\s+|all\s+)?"
                        r"(?:[a-z-]+\s+)?(?:" + _PEOPLE + r"\s*){1,3})\W{0,3}$", re.IGNORECASE)
# A performance scale or a measurement chosen by age: "KPS > 12 y/o ≥ 50", "SBP > 140 if ≥ 60 years".
_SCALE = re.compile(r"karnofsky|lansky|\bkps\b|\blps\b|\becog\b|performance|\bsbp\b|\bdbp\b|blood\s+pressure|"
                    r"clearance|creatinine|\begfr\b|\bfev|\bbmi\b|weight|height|score|formula|equation", re.IGNORECASE)
# One of several alternatives ("at least one of the following: - Age ≥ 65 - BMI ≥ 35"): an age
# there qualifies the requirement, it is not a limit on everyone.
_ALTERNATIVES = re.compile(r"(?:one|any|either|two|\d+)\s+(?:or\s+more\s+)?of\s+the\s+following|including\s*:|"
                           r"\be\.g\.|such\s+as|for\s+example|"
                           r"defined\s+(?:by|as)\s+(?:any|one)|risk\s+factors?", re.IGNORECASE)
# A part of the study that not everyone joins: its age limit is that part's.
_SUBSTUDY = re.compile(r"\boptional\b|sub-?stud|\bpart\s+\d+\s+only|eligible\s+for\s+(?:this|the)\s+(?:research\s+)?"
                       r"(?:procedure|extension|part)", re.IGNORECASE)
# An item introduced by a part of the study or a stratum ("Standard risk 2: ...", "ULTRASOUND
# GUIDED BIOPSY: ..."): its ages are that part's, not a limit on every participant.
_PART = re.compile(r"^[^:\n]{0,120}\b(?:risk|strat\w*|randomi[sz]ation|procedure|biops\w*|sub-?stud\w*|substud\w*|"
                   r"extension|optional)\b[^:\n]{0,80}:", re.IGNORECASE)
# A count of people: "no more than one patient over 50 years of age per dose level" is a quota.
_COUNTED = re.compile(r"\b(?:one|\d+|no|few|some)\s+(?:patients?|participants?|subjects?)\s*$", re.IGNORECASE)
# The age of a thing: "a tumour sample no older than 3 years", "lesions > 360 days old".
_THING = re.compile(r"(?:sample|specimen|tissue|block|biops|scan|imag|mri|\bct\b|data|result|slide|material|lesion|"
                    r"ulcer|scar|wound|injur|fracture|test|x-ray|photo|record|tumou?r|implant|device|pcr|detect)\w*\b[^,;]{0,25}$",
                    re.IGNORECASE)
# "a 4 week old injury": the age of the thing named after it.
_THING_AFTER = re.compile(r"^\)?\s*(?:injur|lesion|fracture|wound|sample|specimen|test|result|scan|biops|ulcer|scar|"
                          r"tumou?r|data|infection|symptom)", re.IGNORECASE)
# Gestation written after the number: "infants > 28 weeks of gestation".
_GESTATION_AFTER = re.compile(r"^\W*(?:of\s+)?(?:gestation|gestational|GA\b|post-?menstrual|corrected)", re.IGNORECASE)
# A permission for a group, not a limit on everyone: "Patients < 18 years of age may participate".
_PERMISSION_AFTER = re.compile(r"^[^.;]{0,25}\b(?:may|can)\s+(?:participate|enrol|be\s+(?:enrolled|included|eligible))|"
                               r"^(?:[^.;]|\.\d){0,60}\b(?:with|who|whose|if|having)\b(?:[^.;]|\.\d){0,100}"
                               r"\bare\s+(?:not\s+)?eligible\b", re.IGNORECASE)
# Other people, named anywhere before: "no close contact ... with the following people: - Children < 3".
_OTHERS_BEFORE = re.compile(r"contact\s+with|household|the\s+following\s+people", re.IGNORECASE)
# A negated item among the inclusion criteria: "No patients with age less than 50".
_INCLUSIVE_AFTER = re.compile(r"\W*(?:inclusive(?:ly)?|included)\b", re.IGNORECASE)
_NEGATED = re.compile(r"^\W*(?:no|not|without|exclud\w*)\b[^,;]*$", re.IGNORECASE)
# A child of the participant: "women who have at least one child younger than 18 years".
_OWN_CHILD = re.compile(r"(?:have|has|with|their|her|his|one|a|an)\s+(?:\w+\s+)?(?:child(?:ren)?|infants?|bab(?:y|ies)|"
                        r"sons?|daughters?|kids?)\b[^,;]{0,15}$", re.IGNORECASE)
# A measured threshold earlier in the clause: "SBP above 140 mmHg if < 60 years".
_MEASURE_BEFORE = re.compile(r"\d\s*(?:mg|ng|µg|ug|g/|ml|mmol|µmol|umol|iu|u/|%|mmhg|cells|/mm|×|x\s*10|kg)", re.IGNORECASE)
# What makes an age in an exclusion criterion part of a combination rather than a limit:
# "children under 3 years receiving anti-tuberculosis therapy", "under 18 with no guardian".
_AND_MORE = re.compile(r"\W*(?:with|who|receiving|having|whose|that|in\s+whom|on|taking|and\s+(?!(?:over|under|above|"
                       r"below|older|younger|less|more|greater|≥|≤|<|>|age|\d)))\b", re.IGNORECASE)
# Who consents, by age: "consent by relevant parties (parents of children aged below 12 years ...)".
_CONSENT_BY = re.compile(r"consent\s+(?:by|of|from)\b|\bassent\b", re.IGNORECASE)
_DEFINITION = re.compile(r"defin|i\.e\.|meaning|such as|e\.g\.|either|定义", re.IGNORECASE)
# A duration: "for at least 6 months", "within 3 months", "in the last 2 years".
_DURATION_BEFORE = re.compile(r"(?:\bfor|\bwithin|\bduring|\blast|\bpast|\bafter|\bprior\s+to|\bbefore|\blasting|"
                              r"\bduration|\bago|\bexpectancy|\bsurvival|\bperiod)\b[^,;.]{0,25}$", re.IGNORECASE)


# Every age is read next to one of these words (see `_is_age`): the first age of a criterion
# needs one, in the words of the match ("18 years old", "18岁"), just after it ("18 of age"),
# or just before it ("Age > 18", "adults 18-65"), or "older"/"younger" in the match itself.
# Each entry here is a part of such a word, without the word boundaries the readers ask for:
# a text without any cannot state an age. Later steps of `normalize` only replace number
# words by digits and "birth" by "0 days": they remove words, never make one.
_AGE_HINTS = ("age", "old", "yo", "y/o", "child", "adult", "infant", "neonat", "newborn", "adolescent", "birth",
              "岁", "年龄", "月龄", "年满")


def _may_state_an_age(text: str) -> bool:
    """Whether an age word can be in `text` (NFKC-normalized), as the readers' case-blind
    patterns see it. `in` on the lower-cased text is ~5x faster than one regex, and the same
    test: after NFKC, the only characters re.IGNORECASE matches to these ASCII letters other
    than the letters themselves are the Turkish dotted and dotless I ("İ", "ı" for "i"), which
    `lower` does not turn into "i"; their presence counts as a possible age word."""
    low = text.lower()
    for word in _AGE_HINTS:  # a loop: ~20% faster than any() over a generator
        if word in low:
            return True
    return "ı" in low or "İ" in text


def ages(text: str) -> list[Age]:
    """Every age stated in one criterion, in reading order."""
    text = unicodedata.normalize("NFKC", text)
    if not _may_state_an_age(text):
        return []  # most criteria: no age word, so no age (and no number words to convert)
    return _read_ages(_normalize_folded(text))


def _read_ages(text: str) -> list[Age]:
    """`ages` of a normalized text, without the age-word prefilter."""
    if not _DIGIT.search(text):
        return []  # every age is read from its digits (number words are digits by now)
    masked = _NOT_AN_AGE.sub(lambda m: "·" * len(m.group(0)), text)
    found: list[Age] = []
    last_end = -1
    for match, operator, units in _candidates(masked):
        unit = _unit(units[1] or units[0])
        low_unit = _unit(units[0] or units[1])
        bare = not (units[0] or units[1])
        if not _is_age(masked, match, unit, bare, last_end):
            continue
        last_end = match.end()
        role = _role(masked, match)
        words = match.group(0).strip()
        if operator == "range":
            wording = "colloquial" if words.lower().startswith("between") else "exact"
            found.append(Age(">=", float(match.group(1)), low_unit, role, words, True, wording))
            found.append(Age("<=", float(match.group(3)), unit, role, words, True, wording))
        else:
            if operator in (">", "<") and _INCLUSIVE_AFTER.match(masked[match.end():]):
                operator += "="  # "over 18 years of age inclusively"
            wording = "colloquial" if operator in (">", "<") else "exact"
            found.append(Age(operator, float(match.group(1)), unit, role, words, False, wording,
                             bool(_NEGATED.match(_clause_before(masked, match.start())))))
    return _complementary_as_conditions([age for age in found if age.unit in UNITS])


def in_combination(text: str, age_text: str) -> bool:
    """An age followed by another requirement ("children under 3 years receiving ..."): in an
    exclusion criterion the age narrows the exclusion, it does not limit the participants."""
    text = normalize(text)
    at = text.find(age_text)
    return at >= 0 and bool(_AND_MORE.match(text[at + len(age_text):]))


def _complementary_as_conditions(found: list[Age]) -> list[Age]:
    """"Karnofsky for > 16 years, Lansky for ≤ 16", "≥ 65 years, or < 65 with a comorbidity": two
    ages that split everyone at one value choose between requirements; neither is a limit."""
    split = {(age.value, age.unit) for age in found if not age.ranged and age.role == "bound"
             for other in found if not other.ranged and other is not age and (other.value, other.unit) ==
             (age.value, age.unit) and other.side != age.side and other.inclusive != age.inclusive}
    return [replace(age, role="condition") if (age.value, age.unit) in split and not age.ranged else age
            for age in found]


def _candidates(text: str, every_pattern: bool = False):
    """(match, operator or "range", (unit words)) for every age-like phrase, in reading order,
    none overlapping: a range first, then "18 years or older", then "≥ 18". A pattern runs
    only on a text with one of its words (all of them with `every_pattern`, for the tests)."""
    picked: list = []
    low = text.lower()

    def free(match) -> bool:
        return all(match.end() <= m.start() or match.start() >= m.end() for m, _, _ in picked)

    def worded(needs: tuple) -> bool:
        return every_pattern or any(word in low for word in needs)

    if worded(_RANGE_NEEDS):
        for match in _RANGE.finditer(text):
            if float(match.group(1)) < float(match.group(3)) and free(match):
                picked.append((match, "range", (match.group(2), match.group(4))))
    for operator, pattern, needs in _SUFFIX + _PREFIX:
        if not worded(needs):
            continue
        for match in pattern.finditer(text):
            if free(match):
                picked.append((match, operator, (None, match.group(2))))
    return sorted(picked, key=lambda item: item[0].start())


def bounds(text: str, exclusion: bool = False) -> list[Age]:
    """The limits a criterion puts on participants' age, as inclusion limits.

    Ages that qualify something else are left out, and so is a range in an exclusion
    criterion (excluding a band of ages is no single limit).
    """
    limits = []
    for age in ages(text):
        excluded = exclusion != age.negated  # "No patients with age less than 50" excludes
        if age.role == "bound" and not (excluded and (age.ranged or in_combination(text, age.text))):
            if excluded and age.operator == "<":
                age = replace(age, wording="exact")  # excluding "under 18" is read one way: minors
            limits.append(age.limit(excluded))
    return limits


def _unit(word: str | None) -> str:
    if not word:
        return "years"
    word = word.lower().rstrip(".")
    if word in _UNIT_OF:
        return _UNIT_OF[word]
    for unit in UNITS:
        if unit.startswith(word.rstrip("s")) and len(word) >= 3:
            return unit
    return "unknown"


def _wording(operator: str, words: str) -> str:
    """Strict comparisons written in words or symbols ("over 18", "> 18") are read both ways
    in practice: registry records that say "over 18" mostly mean 18 and over."""
    return "colloquial" if operator in (">", "<") else "exact"


def _clause_before(text: str, start: int, marks: tuple = (".", ";", "\n", ":", "；", "。", "：")) -> str:
    cut = max(text.rfind(mark, 0, start) for mark in marks)
    # a decimal point is not the end of a clause
    while cut > 0 and cut + 1 < len(text) and text[cut] == "." and text[cut - 1].isdigit() and text[cut + 1].isdigit():
        cut = max(text.rfind(mark, 0, cut) for mark in marks)
    return text[cut + 1: start]


def _is_age(text: str, match, unit: str, bare: bool, last_end: int) -> bool:
    """A number is an age when an age word is close: "Age > 18", "aged 18-65", "18 years old",
    "18周岁", or when it continues an age just read ("≥ 18 years and ≤ 75 years"). A unit
    alone is not enough: "for at least 3 years", "6 months duration" are durations."""
    if unit == "unknown":
        return False
    words = match.group(0)
    before = _clause_before(text, match.start(), (".", ";", "\n", "；", "。"))  # "Age: 18 and over"
    after = text[match.end(): match.end() + 25].lower()
    if _THING.search(before[-45:]):
        return False  # "a tumour sample no older than 3 years", "scars > 360 days old"
    if _THING_AFTER.search(after):
        return False  # "an acute (less than 4 week old) injury"
    if re.search(r"岁|年龄|月龄", words) or re.search(r"\bold\b|\bage\b|y/?o\b", words, re.IGNORECASE):
        return True
    if re.match(r"\s*(?:old|of\s+age|age\b)", after):
        return True
    if re.match(r"\W*(?:duration|ago|before|prior|after|since|post|of\s+(?:treatment|therapy|follow|disease|use|duration)"
                r"|from|following|later|apart)", after):
        return False  # "6 months duration", "more than 3 months before participation"
    if re.search(r"(?:\bage[ds]?|年龄)\W{0,4}(?:(?:is|was|of|between|from|range|limit)\s*)?\W{0,3}$", before[-30:],
                 re.IGNORECASE):
        return True  # "Age > 18", "patients aged 51-55 accrued ...", "age: 18 to 75", "年龄18-75"
    if bare and re.match(r"\s+(?!(?:and|or|to|at|with|without|inclusive|included|both|on|in|who|but|if|for|when|unless|"
                         r"yrs?|years?|y)\b)[a-z]",
                         after):
        return False  # "minimum 20 natural teeth"
    gap = text[last_end: match.start()] if last_end >= 0 else ""
    if gap.strip() and re.fullmatch(r"(?:\.\s*\()?[\s,;/()]*(?:(?:and|or|but|&|to|,)\s*)*(?:not\s+)?", gap,
                                       re.IGNORECASE):
        return True  # "Age ≥ 18 years and ≤ 75 years"
    words_found = list(_AGE_WORD.finditer(before))
    word = words_found[-1] if words_found else None
    if word is None:
        return bool(re.search(r"older|younger", words, re.IGNORECASE))
    gap = before[word.end():]
    if re.search(r"\d", gap) or len(gap) > (12 if bare else 30):
        return bool(re.search(r"older|younger", words, re.IGNORECASE))
    return not _DURATION_BEFORE.search(gap)


def _role(text: str, match) -> str:
    before = _clause_before(text, match.start())
    near = before[-45:]
    after = text[match.end(): match.end() + 40]
    if _MEASURED_AGE.search(re.sub(r"\s*(?:age|龄)?\s*(?:≥|>=|>|≤|<=|<|of|is|between|from|:)?\s*$", "", near,
                                   flags=re.IGNORECASE)):
        return "condition"
    if _MEASURED_AGE.search(near.rstrip()) or re.search(r"(?:gestation|bone|corrected)\w*\s+age", near, re.IGNORECASE):
        return "condition"
    if _AT_EVENT.search(after) or _GESTATION_AFTER.search(after) or \
            _PERMISSION_AFTER.search(text[match.end(): match.end() + 150]):
        return "condition"
    if _OTHERS_BEFORE.search(text[: match.start()]):
        return "condition"
    # "Age ≥ 18" names the participant's own age, whatever came before it in a run-on item
    own = re.search(r"(?:\bage[ds]?|年龄)\W{0,3}$", near, re.IGNORECASE)
    if not own and (_OTHER.search(near.split(",")[-1]) or _OWN_CHILD.search(near)):
        return "condition"
    if _SCALE.search(re.split(r"[,(]", near)[-1]) or _SUBSTUDY.search(text[: match.start()]):
        return "condition"
    if _COUNTED.search(near) or _PART.match(text[: match.start()]):
        return "condition"
    outside_brackets = re.sub(r"\([^()]*\)", "", text[: match.start()])  # "(need consent of parent if under 18)"
    if _ALTERNATIVES.search(text[: match.start()]) or _CONSENT_BY.search(outside_brackets):
        return "condition"  # one of a list of alternatives
    if _MEASURE_BEFORE.search(before):
        return "condition"  # "APE ≥ 2.5 ng/ml in younger than 60 years": a threshold chosen by age
    qualifier = _QUALIFIER.search(near)
    if qualifier:
        head = re.split(r"[:\n：]", text[: match.start() - len(near) + qualifier.start()])[-1]
        if head.strip(" ,(-"):
            return "condition"  # something is required first: "Karnofsky ≥ 50 for patients > 16 years"
    if _DEFINITION.search(before[-80:]) and re.search(r"menopaus|amenorrh|绝经", text, re.IGNORECASE):
        return "condition"  # "postmenopausal, defined as age ≥ 60, or ..."
    return "bound"
