"""Reading outcome-measure titles and time frames the way a registry reviewer reads them.

ClinicalTrials.gov's reviewers ask that each outcome measure name one specific metric ("Number
of participants with grade 3 or higher adverse events", "Change from baseline in HADS anxiety
score"), not a domain ("Safety"), an instrument ("HADS"), two measures at once ("Weight and
waist circumference") or an objective ("To evaluate the efficacy of ..."). These functions say
which of those a title is; the OUT rules report them.
"""

from __future__ import annotations

import re

# Domains that name no metric. A title made only of these words (and connectors) is not an
# outcome measure yet: the reviewers' "non-specific outcome measure" comment.
_DOMAIN_WORDS = {
    "safety", "efficacy", "tolerability", "tolerance", "feasibility", "pain", "performance",
    "effectiveness", "effect", "effects", "toxicity", "toxicities", "acceptability", "satisfaction",
    "adverse", "event", "events", "ae", "aes", "sae", "saes", "side", "complications", "complication",
    "quality", "life", "qol", "immunogenicity", "activity", "outcome", "outcomes", "clinical",
    "benefit", "response", "usability", "compliance", "adherence",
}
_CONNECTORS = {"and", "or", "&", "/", "of", "the", "a", "an", "overall", "general", "study", "drug",
               "treatment", "intervention", "evaluation", "assessment", "primary", "secondary",
               "endpoint", "outcome", "to", "in", "on", "for", "with", "its"}
# Removing any of these would leave a metric behind; a title with one of them names a measure.
_NON_SPECIFIC_FORMS = {
    ("safety",), ("efficacy",), ("tolerability",), ("feasibility",), ("pain",), ("performance",),
    ("effectiveness",), ("toxicity",), ("acceptability",), ("satisfaction",), ("immunogenicity",),
    ("usability",), ("ae",), ("aes",), ("adverse", "events"), ("adverse", "event"), ("side", "effects"),
    ("complications",), ("quality", "life"), ("qol",), ("safety", "tolerability"),
    ("safety", "efficacy"), ("efficacy", "safety"), ("tolerability", "safety"),
    ("safety", "adverse", "events"), ("toxicities",), ("toxicity", "adverse", "events"),
    ("safety", "feasibility"), ("feasibility", "safety"), ("efficacy", "tolerability"),
    ("safety", "tolerability", "efficacy"), ("safety", "effectiveness"), ("effectiveness", "safety"),
    ("clinical", "efficacy"), ("clinical", "outcome"), ("clinical", "outcomes"), ("efficacy", "outcome"),
    ("safety", "outcome"), ("safety", "outcomes"), ("efficacy", "outcomes"), ("adverse", "effects"),
    ("side", "effect"), ("saes",), ("sae",), ("complication",), ("tolerance",),
}
_WORD = re.compile(r"[A-Za-z]+")
# Short parentheses are abbreviations or qualifiers ("(AEs)", "(HADS)", "(CTCAE v5.0)"); a long
# one can carry the metric itself and is kept.
_PARENTHESES = re.compile(r"\((?:\s*[^()\s]+){0,5}\s*\)|\[[^\[\]]*\]")


def _words(title: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(_PARENTHESES.sub(" ", title))]


def non_specific(title: str) -> bool:
    """A title that names only a domain: "Safety", "Efficacy and safety", "Adverse events (AEs)"."""
    if re.search(r"\d|%", _PARENTHESES.sub(" ", title)):  # "Efficacy > 80%": a threshold is a metric
        return False
    words = tuple(w for w in _words(title) if w not in _CONNECTORS)
    return bool(words) and words in _NON_SPECIFIC_FORMS


# Instruments: the nouns questionnaires and scales are named by, and the common ones known by
# their abbreviation alone.
_INSTRUMENT_NOUN = re.compile(
    r"\b(?:scale|questionnaire|inventory|survey|instrument|checklist|(?:severity|disability|comorbidity|"
    r"symptom|utility|function|activity|quality of life) index)"
    r"(?:\s*[-–]?\s*(?:\d+|[IVX]+|short form|sf|[a-z]))?\s*$", re.IGNORECASE)
_KNOWN_INSTRUMENTS = re.compile(
    r"^(?:HADS(?:-[AD])?|SF-?(?:36|12|8|6D)|EQ-?5D(?:-[35]L)?|PHQ-?(?:9|2|15)|GAD-?7|MMSE|MoCA|"
    r"VAS|NRS|IIEF(?:-?5)?|IPSS|BDI(?:-?II)?|HAM-?[AD]|HAMA|HAMD|HDRS|PSQI|ODI|WOMAC|KOOS|"
    r"FACT-?[A-Z]+|EORTC[ -]QLQ-?C30|QLQ-?C30|PANSS|MADRS|YMRS|CGI(?:-[SI])?|PCL-?5|AUDIT|"
    r"DASS-?21|STAI|PSS|ESS|ISI|SCL-?90|GHQ-?12|SGRQ|CAT|ACT|ACQ|MRC|mMRC|NIHSS|mRS|GCS|KPS|ECOG|"
    r"ADAS-?Cog|CDR|NPI|UPDRS|MDS-UPDRS|EDSS|BPI|FIQ|HAQ|DAS28|BASDAI|PASI|DLQI|EASI|SCORAD|"
    r"IPAQ|FFQ|MNA|NRS-?2002|Barthel|FIM|BBS|TUG|6MWT|6MWD)$", re.IGNORECASE)
# Words that name what is measured with an instrument: a score, a change, a proportion.
_MEASURE_WORDS = re.compile(
    r"\b(?:scores?|change[sd]?|changing|difference|proportion|percentage|percent|number|rate|"
    r"incidence|prevalence|mean|median|total|level|grade|improvement|reduction|increase|decrease|"
    r"time|duration|subscale|domain|item|response|responders?|remission|points?|values?|results?|"
    r"assessed|measured|using|by|according|with|as|evaluat\w*|assess\w*|measure\w*|"
    r"sensitivity|specificity|accuracy|completion|completed|feasibility|validity|reliability|"
    r"cut-?off|threshold|above|below|status|positive|negative|trajectory|outcome|effect size|"
    r"validation|utility|pass|fail)\b|%|≥|>|<|≤",
    re.IGNORECASE)


def instrument_only(title: str) -> bool:
    """A title that names an instrument and nothing measured with it: "HADS", "SF-36",
    "Hospital Anxiety and Depression Scale (HADS)"."""
    bare = _PARENTHESES.sub(" ", title).strip(" .:;-")
    if not bare:
        return False
    if _KNOWN_INSTRUMENTS.match(bare):
        return True
    return bool(_INSTRUMENT_NOUN.search(bare)) and not _MEASURE_WORDS.search(title) and len(bare.split()) >= 2


# "To evaluate ...", "To assess whether ...", "Evaluate the ...": an objective, not a measure;
# "... will be recorded", "We will measure ...": a sentence about the study.
_OBJECTIVE_VERBS = (r"evaluate|assess|determine|compare|investigate|measure|explore|describe|estimate|"
                    r"examine|establish|identify|demonstrate|characteri[sz]e|quantify|analy[sz]e|test|"
                    r"verify|observe|study|confirm|monitor|document|calculate|record|obtain|detect|"
                    r"show|prove|find|see|understand|know|learn|check|ascertain|define|validate|develop")
_OBJECTIVE = re.compile(rf"^\s*(?:\d+[.)]\s*|[a-z][.)]\s*)?to\s+(?:{_OBJECTIVE_VERBS})\b", re.IGNORECASE)
_SENTENCE = re.compile(r"\bwill\s+be\s+(?:\w+ly\s+)?\w+(?:ed|en|wn)\b|\b(?:we|investigators?|patients|participants)\s+will\b"
                       r"|\bwas\s+(?:measured|assessed|evaluated|recorded)\b", re.IGNORECASE)


def objective_wording(title: str) -> str | None:
    """The words that make a title an objective or a sentence, or None."""
    match = _OBJECTIVE.search(title) or _SENTENCE.search(re.sub(r"\([^()]*\)", " ", title))
    return match.group(0).strip() if match else None


# Two measures joined: "Weight and waist circumference", "Response and relapse rates". Only a
# title whose head (before any "of", "in", "with" ...) is two short noun phrases joined by
# "and" counts: "Number of participants with nausea and vomiting" is one measure.
_JOINED_PAIRS = {  # fixed pairs that name one thing
    ("signs", "symptoms"), ("anxiety", "depression"), ("nausea", "vomiting"), ("safety", "tolerability"),
    ("morbidity", "mortality"), ("diagnosis", "treatment"), ("risk", "benefit"), ("length", "width"),
    ("ear", "nose"), ("hand", "foot"), ("head", "neck"), ("research", "development"),
    ("pharmacokinetics", "pharmacodynamics"), ("sensitivity", "specificity"),
}
_HEAD_END = re.compile(r"\b(?:of|in|with|to|for|from|by|at|on|after|before|during|between|among|"
                       r"using|measured|assessed|as|per|over|within|following|versus|vs)\b|[,:;(]",
                       re.IGNORECASE)
_MEASURE_NOUN = re.compile(
    r"\b(?:rates?|weight|circumference|pressure|levels?|concentrations?|counts?|scores?|survival|"
    r"mortality|incidence|length|volume|duration|time|size|frequency|index|mass|density|"
    r"height|velocity|strength|function|glucose|cholesterol|temperature|saturation|"
    r"response|relapse|recurrence|progression|remission|toxicity|intensity|area|thickness|"
    r"diameter|fraction|output|flow|clearance|stay|dose|consumption|use|uptake|loss|gain)\b",
    re.IGNORECASE)


# "Western Ontario and McMaster Osteoarthritis Index (WOMAC)": a named instrument, one thing
_NAMED_INSTRUMENT = re.compile(r"^(?:[A-Z][\w'-]*\s+|and\s+|of\s+|the\s+|for\s+)+\(+[A-Z][A-Z0-9-]{2,}(?:\)|\s*\()")
# "Determine a safe and tolerable dose": an aim (OUT004's business), not two measures
_OBJECTIVE_START = re.compile(rf"^\s*(?:to\s+)?(?:{_OBJECTIVE_VERBS}|prevent|improve|reduce)\b", re.IGNORECASE)
_TIME_POINT_ONLY = re.compile(r"\d+[- ]?(?:day|week|month|year|hour)s?", re.IGNORECASE)


def joined_measures(title: str) -> tuple[str, str] | None:
    """The two measures of a title that names two ("Weight", "waist circumference"), or None."""
    title = title.rsplit(":", 1)[-1]  # "Part B: Number of ...": the label is not the measure
    if _NAMED_INSTRUMENT.search(title) or _OBJECTIVE_START.search(title):
        return None
    bare = _PARENTHESES.sub(" ", title)
    end = _HEAD_END.search(bare)
    head = bare[: end.start()] if end else bare
    parts = re.split(r"\s+(?:and|&)\s+", head.strip(), maxsplit=1)
    if len(parts) != 2:
        return None
    first, second = (p.strip(" .-") for p in parts)
    if not first or not second or len(first.split()) > 4 or len(second.split()) > 4:
        return None
    pair = (first.lower().split()[-1], second.lower().split()[0])
    if _TIME_POINT_ONLY.fullmatch(first):  # "30-day and 90-day mortality": one measure, two times
        return None
    if pair in _JOINED_PAIRS or _INSTRUMENT_NOUN.search(second) or non_specific(head):
        return None
    if not (_MEASURE_NOUN.search(first) or _MEASURE_NOUN.search(second)):
        return None
    # "Response and relapse rates": the shared noun is the second part's last word
    return first, second


def normalized(title: str) -> str:
    """A title compared for duplicates: case, spacing and punctuation do not count."""
    return " ".join(re.findall(r"\w+", title.lower()))


# Time frames that are a window ("Up to 12 weeks", "Baseline to week 12", "Within 12 weeks",
# "Over 12 weeks", "Through week 12"), and ones that never end ("From visit 2 onward").
_WINDOW = re.compile(r"\bup\s+to\b|\bwithin\b|\bthrough(?:out)?\b|\bover\s+(?:the\s+)?(?:first\s+)?\d|"
                     r"\bduring\b|\buntil\b|\bfrom\b.+\b(?:to|until|through)\b|\bbetween\b|\d\s*[-–~]\s*\d",
                     re.IGNORECASE)
# Measures that are taken over an interval by nature: a change from baseline, a time to an
# event, anything "within" or "over" a period. Their time frame is rightly a window.
_INTERVAL_MEASURE = re.compile(r"\bchange|\bdifference|\btime to\b|\bfrom baseline\b|\bwithin\b|\bover\b|"
                               r"\bduring\b|\bup to\b|\bthrough|\bcumulative\b|\bimprovement\b|\breduction\b|"
                               r"\bat least\b|\bdelta\b|\bbetween\b|\bincidence\b|\bby\s+(?:week|month|day|year|\d)|"
                               r"\blocf\b|last observation", re.IGNORECASE)
_OPEN_ENDED = re.compile(r"\bonwards?\b|\bthereafter\b|\band beyond\b|\bindefinite(?:ly)?\b|\bongoing\b|"
                         r"\bno (?:time )?limit\b|\bopen[- ]ended\b|\bafterwards\b", re.IGNORECASE)
_UPPER_BOUND = re.compile(r"\bup\s+to\b|\bmaximum\b|\bmax\.?\b|\bat most\b|\bno (?:more|longer) than\b|"
                          r"\bnot exceeding\b|\buntil\b.*\d|\bthrough\b.*\d|\bwithin\b|\bfor\s+\d", re.IGNORECASE)


def over_interval(measure: str) -> bool:
    """A measure whose own definition spans an interval (its time frame may be a window)."""
    return bool(_INTERVAL_MEASURE.search(measure))


def window(timeframe: str) -> str | None:
    """The words that make a time frame a window rather than one time point, or None."""
    match = _WINDOW.search(timeframe)
    return match.group(0).strip() if match else None


def open_ended(timeframe: str) -> str | None:
    """The words that leave a time frame without an end ("onward", "thereafter"), or None when
    it has none or also gives an upper bound ("... thereafter, up to 2 years")."""
    match = _OPEN_ENDED.search(timeframe)
    if not match or _UPPER_BOUND.search(timeframe):
        return None
    return match.group(0)
