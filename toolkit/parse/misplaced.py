"""Text that does not belong in a protocol record: what PRS reviewers send back as misplaced.

Results and conclusions of the study itself, payments to participants, a person's name where
a facility belongs, text cut off, a word written twice. Each reader returns what it found (the
words to quote) or None.
"""

from __future__ import annotations

import itertools
import re

# An abstract pasted into the protocol: a "Results:" or "Conclusion(s):" heading, the way
# papers and conference abstracts report what a study found. Sentences about results are not
# read: in a summary they are nearly always about earlier studies (the background), which
# belongs there.
_RESULTS_HEADING = re.compile(r"(?:^|\n|[.:]\s+)\s*(?:\*\*)?(Results?|Conclusions?|Findings)(?:\*\*)?\s*[:.]\s*(?:\*\*)?\s*"
                              r"(?=[A-Z0-9])")


def may_report_results(text: str) -> bool:
    """False when `text` (one text, or a document's texts joined) holds no results heading: each holds one of these words."""
    return "Result" in text or "Conclusion" in text or "Finding" in text


def results_claim(text: str) -> str | None:
    """The heading ("Results:", "Conclusions:") under which a text reports what a study found, or None."""
    for match in _RESULTS_HEADING.finditer(text):
        sentence = re.split(r"(?<=[.!?])\s", text[match.end():], maxsplit=1)[0]
        if not re.search(r"\bwill\b|\bwould\b|\bexpect", sentence, re.IGNORECASE):  # a plan, not a finding
            return match.group(0).strip(" .\n")
    return None


# Money: "$50", "USD 100", "100 dollars", "€20", "200 RMB", "100元"; and what it is paid as.
# Each form of an amount with the texts every match of it holds: a document is searched form by
# form, and only for the forms whose texts it holds, before any text is read on its own.
_MONEY_FORMS = (
    (("$", "€", "£", "¥"), r"[$€£¥]\s?\d[\d,.]*"),
    (("USD", "EUR", "GBP", "RMB", "CNY", "CAD", "AUD", "INR"), r"\b(?:USD|EUR|GBP|RMB|CNY|CAD|AUD|INR)\s?\d[\d,.]*"),
    (("ollars", "uro", "uan", "RMB", "USD", "EUR", "元"), r"\d[\d,.]*\s?(?:[Dd]ollars|[Ee]uros?|[Yy]uan|RMB|USD|EUR|元)"),
)
_MONEY = re.compile("(?:" + "|".join(form for _needles, form in _MONEY_FORMS) + ")")
_MONEY_SEARCHES = tuple((needles, re.compile(form).search) for needles, form in _MONEY_FORMS)
# The second form found from its codes (uncased letters Python's re skips ahead to; `\b` before
# a code is a lookbehind over it): the same matches, and faster than looking for each code first.
_MONEY_CODES = re.compile(r"(?:USD|EUR|GBP|RMB|CNY|CAD|AUD|INR)(?<!\w...)\s?\d[\d,.]*").search
_PAYMENT_WORDS = re.compile(r"\b(?:compensat\w*|reimburs\w*|paid|payment|pay|stipend|gift cards?|vouchers?|"
                            r"honorari\w*|remunerat\w*|incentive|reward\w*|receive|earn)\b|补偿|报酬|补助", re.IGNORECASE)


def may_name_money(text: str) -> bool:
    """Whether `text` (one text, or a document's texts joined by NUL) holds an amount of money at all."""
    first, _, third = _MONEY_SEARCHES
    return bool(_found(first, text) or _MONEY_CODES(text) or _found(third, text))


def _found(form, text: str):
    needles, search = form
    return any(needle in text for needle in needles) and search(text)


def payment(text: str) -> str | None:
    """An amount of money offered to participants ("$50 gift card", "compensated USD 100"), or None."""
    for match in _MONEY.finditer(text):
        around = text[max(0, match.start() - 80): match.end() + 80]
        if _PAYMENT_WORDS.search(around):
            return match.group(0).strip()
    return None


# A site named like a person: a doctor's title with no institution ("Dr. Jane Smith"), or a
# Chinese name in pinyin, surname first ("Huang xiaoyong"), as left when a registry form's
# facility field was given the investigator. Place names ("Nice, France") are not names.
_TITLE = re.compile(r"^(?:dr|prof|professor)\.?\s|,\s*(?:md|phd|mbbs)\.?$", re.IGNORECASE)
_INSTITUTION = re.compile(
    r"hospital|universit|clinic|cent(?:er|re)|\bctr\b|institut|college|medical|\bmed\b|health|foundation|"
    r"school|laborator|research|pharma|practice|praxis|office|site|department|unit|service|trust|group|"
    r"associat|society|network|care|centro|h[oô]pital|klinik|krankenhaus|ospedale|ziekenhuis|nemocnice|"
    r"spital|study|private|general|memorial|children|cancer|oncology|consultants|urology|rooms|surgery|"
    r"onkoloji|e[gğ]itim|ara[sş]t[iı]rma|hastane|医院|中心|大学",
    re.IGNORECASE)
_SURNAMES = set("""wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin gao luo zheng liang
xie song tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su lu ding ren
shen yao qian shi jin fan fang dai xia zou zhong tan hou lei kong bai mao qin gu lai meng yin qiu hao xiong
jia wen bao liao tao fu yan""".split())
_PINYIN = re.compile(r"^[a-z]{2,12}$")


def person_name(facility: str) -> str | None:
    """The facility when it reads as a person's name ("Huang xiaoyong", "Dr. Jane Smith"), or None."""
    text = facility.strip()
    words = text.split()
    titled = len(words) <= 5 and _TITLE.search(text)  # "Dr. X Y Ankara Onkoloji ..." is a named hospital
    pinyin = (not titled and len(words) == 2 and words[0].lower() in _SURNAMES and _PINYIN.match(words[1].lower())
              and re.search(r"[aeiou]", words[1]) and words[1].lower() not in _SURNAMES)
    # the word for an institution is looked for last: it rules out either reading, and costs
    # more than both (most facilities read as neither)
    if (titled or pinyin) and not _INSTITUTION.search(text):
        return text
    return None


# Text cut off: it stops on a comma, a joining word or an open bracket.
_CUT = re.compile(r"(?:\b(?:and|or|the|of|with|to|in|for|a|an|by|from|including|such as)|[(\[])\s*$")
# The last characters of those words and brackets: a text stripped of its trailing white space
# ends with one of them when _CUT matches it (it matches at the very end).
_CUT_LAST = frozenset("drefhonaymgs([")


def cut_off(text: str) -> str | None:
    """The last words of a text that stops mid-sentence or mid-list, or None."""
    stripped = text.rstrip()
    if len(stripped) < 20 or stripped[-1] not in _CUT_LAST:  # most texts end with a full stop
        return None
    # only the end can be cut off: search there (\b still sees the letter before the start)
    match = _CUT.search(stripped, max(0, len(stripped) - 40))
    if not match:
        return None
    return stripped[-40:].lstrip()


# "the the" on one line; a second word in another case ("day Day 13", "dose Dose Level") starts
# something new, a word in capitals twice is a list of abbreviations ("PCV VCR VCR"), and "in
# in vitro" is Latin.
_DOUBLED = re.compile(r"\b([A-Za-z]{2,})[ \t]+(\1)\b(?!-|[ \t]+(?:vitro|vivo|situ|silico)\b)")
_FINE_TWICE = {"had", "that", "is", "bye", "so", "very", "no", "ha", "do", "mm"}


# The same words, found faster in a long text (a document's texts joined by NUL): \b opens no
# fast scan, so the non-word character before the first word is matched instead (a NUL put
# in front stands for the start), and the first word is never given back (it is followed by
# a space or tab, so a shorter word could not be followed by one either).
_DOUBLED_IN_JOINED = re.compile(r"\W([A-Za-z]{2,}+)[ \t]+(\1)\b(?!-|[ \t]+(?:vitro|vivo|situ|silico)\b)")


def may_double_a_word(joined: str) -> bool:
    """False when `doubled_word` is None for every text joined (by NUL) in `joined`: the same
    matches, as each needs a non-word character or the start before it."""
    return any(match.group(1).lower() not in _FINE_TWICE and not match.group(1).isupper()
               for match in _DOUBLED_IN_JOINED.finditer("\x00" + joined))


def doubled_word(text: str) -> str | None:
    """A word written twice in a row ("the the"), or None."""
    for match in _DOUBLED.finditer(text):
        word = match.group(1)
        if word.lower() not in _FINE_TWICE and not word.isupper():
            return match.group(0)
    return None


def acronym_condition(acronym: str, conditions: list[str]) -> str | None:
    """The condition an acronym merely abbreviates or repeats ("ICC" for "Intrahepatic
    Cholangiocarcinoma (ICC)"), or None."""
    key = re.sub(r"[^a-z0-9]", "", acronym.lower())
    if not key:
        return None
    for condition in conditions:
        bare = re.sub(r"\([^()]*\)", " ", condition)
        abbreviations = re.findall(r"\(([^()]{1,20})\)", condition)
        initials = "".join(w[0] for w in re.findall(r"[A-Za-z][\w'-]*", bare) if w.lower() not in ("of", "and", "the", "in"))
        forms = [bare, *abbreviations, initials] if len(key) >= 2 else [bare]
        if any(re.sub(r"[^a-z0-9]", "", form.lower()) == key for form in forms):
            return condition
    return None


def repeats(summary: str, title: str) -> bool:
    """A summary that says nothing but its title: the same words, give or take a few."""
    titled = set(re.findall(r"\w+", title.lower()))
    most = len(titled) + 3
    # a word more than that already says no: the rest of a long summary is not read
    said = [match.group() for match in itertools.islice(_WORD.finditer(summary.lower()), most + 1)]
    return bool(said) and len(said) <= most and sum(w not in titled for w in said) <= 2


_WORD = re.compile(r"\w+")
