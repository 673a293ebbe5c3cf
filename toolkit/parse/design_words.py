"""What a title says about a study's design: its phase, randomization, blinding, control,
model and time perspective, read as explicit statements.

Only what the title asserts counts: a negation ("non-randomized", "not blinded") says the
opposite, and nothing is read from comparisons with other studies. Titles describe the study
itself; summaries and descriptions also describe earlier trials, so they are not read here.
"""

from __future__ import annotations

import re

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_PHASE = re.compile(r"\bphase[\s-]*(0|i{1,3}|iv|[1-4])[a-c]?\b(?:\s*(?:/|-|–|and|or)\s*(?:phase\s*)?(i{1,3}|iv|[1-4])[a-c]?\b)?",
                    re.IGNORECASE)
_EARLY = re.compile(r"\b(?:early\s+phase\s*(?:1|i)|phase\s*0)\b", re.IGNORECASE)


def _number(token: str) -> int:
    token = token.lower()
    return _ROMAN[token] if token in _ROMAN else int(token)


def phases(text: str) -> set[str] | None:
    """The phases a title states ({"phase2", "phase3"} for "Phase II/III"), or None."""
    if _EARLY.search(text):
        return {"early_phase1"}
    matches = list(_PHASE.finditer(text))
    if len(matches) != 1:  # none, or a title naming the phases of two parts ("Phase I ..., followed by phase III")
        return None
    match = matches[0]
    numbers = {_number(match.group(1))} | ({_number(match.group(2))} if match.group(2) else set())
    if 0 in numbers:
        return {"early_phase1"}
    return {f"phase{n}" for n in numbers}


_NEGATED = r"(?<!non)(?<!non-)(?<!non )(?<!un)(?<!not )(?<!quasi-)(?<!quasi )"
_WORDS = {
    "randomized": re.compile(_NEGATED + r"\brandomi[sz]ed\b", re.IGNORECASE),
    "non_randomized": re.compile(r"\bnon[\s-]?randomi[sz]ed\b|\bnot randomi[sz]ed\b", re.IGNORECASE),
    "single_arm": re.compile(r"\bsingle[\s-](?:arm|group)\b|\bone[\s-]arm\b", re.IGNORECASE),
    "open_label": re.compile(r"\bopen[\s-]label(?:led)?\b", re.IGNORECASE),
    "double_blind": re.compile(r"\b(?:double|triple|quadruple)[\s-](?:blind(?:ed)?|mask(?:ed)?)\b", re.IGNORECASE),
    "placebo_controlled": re.compile(r"\bplacebo[\s-]controlled\b", re.IGNORECASE),
    "crossover": re.compile(r"(?<!case )(?<!case-)\bcross[\s-]?over\b", re.IGNORECASE),
    "prospective": re.compile(r"(?<!non-)\bprospective(?:ly)?\b", re.IGNORECASE),
    "retrospective": re.compile(r"\bretrospective(?:ly)?\b", re.IGNORECASE),
}


def design_words(text: str) -> dict[str, str]:
    """The design words a title states, by kind ("randomized", "open_label" ...), as written."""
    found = {}
    for kind, pattern in _WORDS.items():
        match = pattern.search(text)
        if match:
            found[kind] = match.group(0)
    if "non_randomized" in found:
        found.pop("randomized", None)
    return found
