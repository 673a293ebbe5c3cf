"""Treatments named in free text: what an arm's description says participants receive.

Two forms are read. The registry's own "Type: Name" form, which people paste from a
ClinicalTrials.gov page into arm descriptions ("Drug: Gemcitabine 1g/m2 ...", "Device:
Omnispec ED1000"); and a drug written next to its dose ("oral calcium 500 mg daily",
"Lenvatinib 12 mg", "200mg of Hydroxychloroquine"). A word next to a dose is only taken for a
drug when the drug dictionary (`parse/drug_names`: DrugBank, MeSH and brand names, from the
drug-named-entity-recognition library) knows it, or it is one of the common supplements below;
the dictionary is read only when such a word is not already named by a declared intervention.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass

from toolkit.parse.drug_names import names_of

_TYPES = (r"Drug|Biological|Procedure|Radiation|Device|Dietary Supplement|Behavioral|Genetic|"
          r"Combination Product|Diagnostic Test")
# "Drug: Gemcitabine" (the type capitalised, as the registry prints it); the name is the words
# up to the dose, the next "Type:", or punctuation.
_TYPED = re.compile(rf"(?<![\w-])({_TYPES})\s*:\s*([A-Za-z][\w-]*(?:[ \t]+(?!(?:{_TYPES})\b)[A-Za-z][\w-]*){{0,3}})")
_DOSE = r"\d+(?:[.,]\d+)?[ \t]*(?:mg|g|µg|μg|mcg|ug|iu|IU|units?|mmol|mEq)(?:[ \t]*/[ \t]*(?:m2|m²|kg|day|d))?(?![A-Za-z])"
_WORD = r"[A-Za-z][A-Za-z0-9-]{3,}"
# "calcium 500 mg", "Lenvatinib 12 mg (or 8 mg)", "Sildenafil Citrate 20 mg", "oxaliplatin 85mg/m2"
_BEFORE_DOSE = re.compile(rf"\b((?:{_WORD}[ \t]+)?{_WORD})[ \t]*{_DOSE}")
# "200mg of Hydroxychloroquine", "20 mg vardenafil"
_AFTER_DOSE = re.compile(rf"{_DOSE}[ \t]+(?:of[ \t]+)?({_WORD})")
# A component of a declared product, not a treatment of its own: "a tablet containing 5 mg
# tadalafil", "admixed with 250 mcg GM-CSF", "Cospherunate (50 mg artesunate/125 mg amodiaquine)".
_COMPONENT = re.compile(r"contain|admix|consist|compos|made of|each vial|per vial|formulat", re.IGNORECASE)
# Supplements the drug dictionary does not list under their plain names.
_SUPPLEMENTS = {"calcium", "magnesium", "potassium", "zinc", "iron", "selenium", "iodine", "folate",
                "vitamin", "melatonin", "probiotic", "probiotics", "creatine", "caffeine", "curcumin"}


@dataclass(frozen=True)
class NamedTreatment:
    name: str
    start: int
    typed: str | None  # "Drug", "Device" ... when written in the registry's "Type: Name" form


def typed_treatments(text: str) -> list[NamedTreatment]:
    """Treatments written in the registry's "Type: Name" form."""
    return [NamedTreatment(m.group(2).strip(), m.start(2), m.group(1)) for m in _TYPED.finditer(text)]


def dosed_drugs(text: str) -> list[NamedTreatment]:
    """Drugs written next to a dose, each with the name as written ("calcium", "Viagra")."""
    found: dict[str, NamedTreatment] = {}
    for pattern in (_BEFORE_DOSE, _AFTER_DOSE):
        for match in pattern.finditer(text):
            if _inside_parentheses(text, match.start(1)) or _COMPONENT.search(_sentence_before(text, match.start(1))):
                continue
            words = match.group(1).split()
            whole = " ".join(words)
            # "Sildenafil Citrate 20 mg" is one name; "receive Tadalafil 5mg" is the last word
            for name in ([whole] if len(words) > 1 and whole.lower() in synonyms(whole) else []) + [words[-1], words[0]]:
                if is_drug(name):
                    found.setdefault(name.lower(), NamedTreatment(name, match.start(1) + match.group(1).find(name), None))
                    break
    return sorted(found.values(), key=lambda t: t.start)


def _inside_parentheses(text: str, at: int) -> bool:
    before = text[:at]
    return before.count("(") > before.count(")")


def _sentence_before(text: str, at: int) -> str:
    return re.split(r"[.;\n]", text[max(0, at - 80):at])[-1]


def is_drug(name: str) -> bool:
    """Whether `name` is a drug (generic or brand name) or a common supplement."""
    return name.lower() in _SUPPLEMENTS or bool(synonyms(name))


@functools.lru_cache(maxsize=4096)
def synonyms(name: str) -> frozenset[str]:
    """Every name the drug dictionary knows for the drug `name` (brand and generic), or none."""
    words = name.split()
    found = set(names_of(words))
    if len(words) > 1:  # "Sildenafil Citrate": the salt has its own entry; the base drug's names count too
        for word in words:
            found |= names_of([word])
    return frozenset(found)


def _compact(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


_GENERIC = {"drug", "oral", "tablet", "tablets", "injection", "injectable", "solution", "dietary", "supplement",
            "therapy", "treatment", "standard", "care", "group", "arm", "dose", "daily", "procedure", "device",
            "radiation", "capsule", "capsules", "infusion", "intravenous", "administered", "orally", "once",
            "participants", "patients", "will", "receive", "given", "every", "each", "with", "plus", "and",
            "the", "for", "via", "combined", "combination"}


def distinctive_words(name: str) -> list[str]:
    """The words of a treatment's name that identify it (not "oral", "tablet", "injection")."""
    return [w for w in re.findall(r"[A-Za-z][A-Za-z0-9-]{2,}", name) if w.lower() not in _GENERIC]


def mentioned_in(name: str, texts: list[str], *, other_names: frozenset[str] = frozenset()) -> bool:
    """Whether any of `texts` names the treatment `name` (or one of its `other_names`, such as
    a drug's brand names): one of its distinctive words appears in one of them, letter case,
    spaces and hyphens aside ("shockwave" is in "shock waves"), or a word of them is a near
    miss of it ("Hydroxycloroquine" for "Hydroxychloroquine")."""
    words = distinctive_words(name) + [w for other in other_names for w in distinctive_words(other) if len(w) >= 5]
    if not words:
        return True  # nothing to tell it by: not reported
    haystack = "\x00".join(_compact(t) for t in texts)
    if any(_compact(w) in haystack for w in words):
        return True
    written = {w.lower() for t in texts for w in re.findall(r"[A-Za-z]{6,}", t)}
    return any(difflib.SequenceMatcher(None, w.lower(), other).ratio() >= 0.85
               for w in distinctive_words(name) if len(w) >= 6 for other in written)
