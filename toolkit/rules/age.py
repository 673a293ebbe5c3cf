"""AGE: the structured age bounds against each other and against the criteria text."""

from __future__ import annotations

from collections.abc import Iterator

from toolkit.diagnostics import Severity
from toolkit.document.model import Document
from toolkit.document.walk import get
from toolkit.parse.ages import stated_ages
from toolkit.parse.durations import DAYS, age_days, same_age
from toolkit.rules._registry import Finding, rule


def _bounds(doc):
    eligibility = doc.data.get("eligibility", {})
    return eligibility.get("minimum_age"), eligibility.get("maximum_age")


@rule("AGE001", "age-range-inverted")
def age_range_inverted(doc: Document) -> Iterator[Finding]:
    """The minimum age is above the maximum age.

    ## What it checks
    `eligibility.minimum_age` against `eligibility.maximum_age`, after converting both to the
    same unit (so "18 months" and "1 year" compare correctly).

    ## Why it matters
    No one can be eligible: the registry rejects the record and the trial cannot recruit.

    ## Example
    ```yaml
    eligibility:
      minimum_age: 18 years
      maximum_age: 17 years
    ```

    ## Use instead
    ```yaml
    eligibility:
      minimum_age: 18 years
      maximum_age: 75 years
    ```

    ## Fix
    Correct whichever bound is wrong; the criteria text usually says which.
    """
    low, high = _bounds(doc)
    low_days, high_days = (age_days(low) if low else None), (age_days(high) if high else None)
    if low_days is not None and high_days is not None:
        if low_days > high_days and not same_age(low_days, high_days):
            yield Finding(("eligibility", "maximum_age"), f"maximum age ({high}) is below minimum age ({low})",
                          related=(("eligibility", "minimum_age"),))


@rule("AGE002", "criteria-age-mismatch")
def criteria_age_mismatch(doc: Document) -> Iterator[Finding]:
    """An age stated in an inclusion criterion disagrees with the structured age bounds.

    ## What it checks
    Ages written in the inclusion criteria ("Age > 18 years", "≥ 18", "18-75 years",
    "aged 18 to 75 years", "older than 18", "under 80", "≥18岁", "18至75岁") against
    `minimum_age` and `maximum_age`. Inclusive and exclusive wording matter: the structured
    bounds are inclusive, so "minimum_age: 18 years" agrees with "≥ 18" and "18 or older" but
    not with "> 18", which leaves out 18-year-olds. Units are converted (months vs years).
    When several criteria state ages (cohorts, "men ≥ 45 with risk factors or ≥ 55"), the
    loosest bound on each side is the one the structured field must equal.

    ## Why it matters
    The registry shows the structured bounds; the ethics committee and the investigators
    read the criteria. When they disagree, patients at the boundary are screened differently
    at different sites, and registry reviewers send the record back.

    ## Example
    ```yaml
    eligibility:
      minimum_age: 18 years
      maximum_age: 80 years
      inclusion:
        - Age > 18 years, < 80 years
    ```

    ## Use instead
    ```yaml
    eligibility:
      minimum_age: 18 years
      maximum_age: 80 years
      inclusion:
        - Age ≥ 18 years and ≤ 80 years
    ```

    ## Fix
    Make both say the same: `Age ≥ 18 years and ≤ 80 years`, or change the structured bounds
    to 19 and 79 years if the exclusive wording is what was meant.
    """
    structured = dict(zip(("min", "max"), _bounds(doc), strict=True))
    for kind, (index, bound) in _loosest(doc).items():
        declared = structured[kind]
        key = "minimum_age" if kind == "min" else "maximum_age"
        declared_days = age_days(declared) if declared is not None else None
        if declared_days is None:
            continue  # AGE003 reports a bound stated only in the text
        if not same_age(bound.effective_days(), declared_days):
            yield Finding(
                ("eligibility", "inclusion", index),
                f'{key} is {declared} but inclusion criterion {index + 1} says "{bound.text}"{_meaning(bound)}',
                related=(("eligibility", key),),
            )


def _loosest(doc) -> dict:
    """Per side, the (criterion index, bound) that admits the most people."""
    return doc.cached("loosest-ages", _compute_loosest)


def _compute_loosest(doc) -> dict:
    found: dict = {}
    for index, criterion in enumerate(get(doc.data, "eligibility", "inclusion", default=[])):
        for bound in stated_ages(criterion):
            best = found.get(bound.kind)
            looser = best is None or (bound.effective_days() < best[1].effective_days() if bound.kind == "min"
                                      else bound.effective_days() > best[1].effective_days())
            if looser:
                found[bound.kind] = (index, bound)
    return found


def _meaning(bound) -> str:
    if bound.inclusive:
        return ""
    return f", which leaves out people aged exactly {bound.value:g} {bound.unit}s"  # > 18: not 18


@rule("AGE003", "criteria-age-not-structured", Severity.WARNING)
def criteria_age_not_structured(doc: Document) -> Iterator[Finding]:
    """An inclusion criterion states an age bound that the structured fields do not have.

    ## What it checks
    Inclusion criteria that state a minimum or maximum age while `eligibility.minimum_age`
    or `eligibility.maximum_age` is absent (which means "no limit").

    ## Why it matters
    The registry and every search built on it will show "no limit", so patients outside the
    stated range find the trial, and patients inside it may filter it out.

    ## Example
    ```yaml
    eligibility:
      minimum_age: 18 years
      inclusion:
        - Aged 18 to 75 years
    ```

    ## Use instead
    ```yaml
    eligibility:
      minimum_age: 18 years
      maximum_age: 75 years
      inclusion:
        - Aged 18 to 75 years
    ```

    ## Fix
    Add the bound (`maximum_age: 75 years`), or remove it from the criterion.
    """
    structured = dict(zip(("min", "max"), _bounds(doc), strict=True))
    for kind, (index, bound) in _loosest(doc).items():
        if structured[kind] is None:
            key = "minimum_age" if kind == "min" else "maximum_age"
            value = f"{bound.effective_days() / DAYS[bound.unit]:g} {bound.unit}s"
            yield Finding(
                ("eligibility", "inclusion", index),
                f'inclusion criterion {index + 1} says "{bound.text}" but eligibility.{key} is not set; '
                f"add {key}: {value}",
            )
