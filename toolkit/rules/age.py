"""AGE: the structured age bounds against each other and against the criteria text."""

from __future__ import annotations

import re
from dataclasses import replace

from toolkit.diagnostics import Severity
from toolkit.document.walk import get
from toolkit.parse.ages import Age, bounds
from toolkit.parse.durations import DAYS, age_days, same_age
from toolkit.rules._registry import Finding, rule

_NO_AGE_LIMIT = re.compile(r"\bno\s+(?:upper\s+|lower\s+)?age\s+(?:limit|restriction)", re.IGNORECASE)


def _bounds(doc):
    eligibility = doc.data.get("eligibility", {})
    return eligibility.get("minimum_age"), eligibility.get("maximum_age")


@rule("AGE001", "age-range-inverted")
def age_range_inverted(doc):
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
    if low and high and age_days(low) is not None and age_days(high) is not None:
        if age_days(low) > age_days(high) and not same_age(age_days(low), age_days(high)):
            yield Finding(("eligibility", "maximum_age"), f"maximum age ({high}) is below minimum age ({low})",
                          related=(("eligibility", "minimum_age"),))


@rule("AGE002", "criteria-age-mismatch")
def criteria_age_mismatch(doc):
    """An age limit stated in the criteria disagrees with the structured age bounds.

    ## What it checks
    Ages that limit who may take part, in the inclusion criteria ("Age ≥ 18 years",
    "18-75 years", "aged 18 to 75 years", "18 years or older", "≥18岁", "年满18周岁，不超过70周岁")
    and in the exclusion criteria (excluding "age < 18" sets a minimum of 18), against
    `minimum_age` and `maximum_age`, units converted (months vs years). When several criteria
    state ages (cohorts, "men ≥ 45 with risk factors or ≥ 55"), the loosest limit on each side
    is the one the structured field must equal. Ages that qualify something else (a
    performance scale or a lab threshold chosen by age, an age at diagnosis, a partner's or a
    donor's age) are not limits; `protocol criteria FILE` shows how each age was read.
    A wording read both ways in practice ("over 18", "> 18", "between 18 and 80") that matches
    the structured bound on one reading is AGE004's, not this rule's.

    ## Why it matters
    The registry shows the structured bounds; the ethics committee and the investigators
    read the criteria. When they disagree, patients are screened differently at different
    sites, and registry reviewers send the record back.

    ## Example
    ```yaml
    eligibility:
      minimum_age: 40 years
      maximum_age: 70 years
      inclusion:
        - Men and women aged 45 to 70 years
    ```

    ## Use instead
    ```yaml
    eligibility:
      minimum_age: 45 years
      maximum_age: 70 years
      inclusion:
        - Men and women aged 45 to 70 years
    ```

    ## Fix
    Make both say the same: correct the structured bound, or the criterion.
    """
    for kind, finding in _age_findings(doc).items():
        if finding and not finding[2]:
            yield _mismatch(doc, kind, finding[0], finding[1])


@rule("AGE004", "criteria-age-boundary-wording", Severity.WARNING)
def criteria_age_boundary_wording(doc):
    """A criterion's age wording leaves the structured bound in or out depending on how it is read.

    ## What it checks
    Strict comparisons ("over 18", "older than 18", "> 18 years", "under 80", "< 80") and
    "between 18 and 80" whose number equals `minimum_age` or `maximum_age`. Read literally,
    "> 18 years" leaves out people aged exactly 18 while `minimum_age: 18 years` admits them;
    in practice most records that say "over 18" mean 18 and over (of 123 registry records in
    our corpus with such a wording next to a minimum age, 121 registered the number itself
    as the minimum), so this is a warning, not an error: the text is ambiguous, not
    contradictory.

    ## Why it matters
    A site that reads the criterion literally turns away the 18-year-old the registry says is
    eligible. Writing the boundary the way the structured field says removes the doubt.

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
    Write the boundary inclusively (`≥ 18 years`, `18 years or older`), or change the
    structured bound to 19 years if the strict wording is what was meant.
    """
    for kind, finding in _age_findings(doc).items():
        if finding and finding[2]:
            yield _mismatch(doc, kind, finding[0], finding[1])


def _stated_limits(doc) -> list[tuple[str, int, Age]]:
    """(section, index, limit) for every age limit on participants in the criteria."""
    return doc.cached("age-limits", _compute_limits)


def _compute_limits(doc) -> list:
    found: list[tuple[str, int, Age]] = []
    for section in ("inclusion", "exclusion"):
        for index, criterion in enumerate(get(doc.data, "eligibility", section, default=[]) or []):
            if isinstance(criterion, str):
                found.extend((section, index, limit) for limit in _clarified(bounds(criterion, section == "exclusion")))
    return found


def _clarified(limits: list[Age]) -> list[Age]:
    """A criterion that states one boundary twice, "between 18 and 80 years of age (≥ 18 years
    and < 80 years)", means the second, more precise wording: it is there to settle the first."""
    kept = []
    for age in limits:
        twin = [other for other in limits if other is not age and other.side == age.side and
                (other.value, other.unit) == (age.value, age.unit) and other.ranged != age.ranged]
        if twin and age.ranged:
            continue  # the range's end, restated exactly by its twin
        kept.append(replace(age, wording="exact") if twin else age)
    return kept


def _effective(limits: list, kind: str, days) -> tuple | None:
    """The (section, index, limit) that decides one side of the age range the criteria admit.

    Inclusion criteria that state different ages are alternatives (cohorts): the loosest one
    admits. Exclusion criteria all apply: the tightest one excludes. Someone is eligible when
    an inclusion limit admits them and no exclusion limit excludes them.
    """
    looser, tighter = (min, max) if kind == "min" else (max, min)
    chosen = []
    for section, pick in (("inclusion", looser), ("exclusion", tighter)):
        side = [item for item in limits if item[0] == section and item[2].side == kind]
        if side:
            chosen.append(pick(side, key=lambda item: days(item[2])))
    return tighter(chosen, key=lambda item: days(item[2])) if chosen else None


def _says_no_age_limit(doc) -> bool:
    return any(isinstance(text, str) and _NO_AGE_LIMIT.search(text)
               for section in ("inclusion", "exclusion")
               for text in get(doc.data, "eligibility", section, default=[]) or [])


def _open_sides(limits: list) -> set[str]:
    """Sides an inclusion criterion leaves open: "aged 18-50 and 50 and above" is two cohorts,
    the second with no upper limit, so the criteria set no maximum."""
    open_sides = set()
    for index in {item[1] for item in limits if item[0] == "inclusion"}:
        ages = [item[2] for item in limits if item[0] == "inclusion" and item[1] == index]
        if any(age.ranged for age in ages):
            for side in ("min", "max"):
                other = "max" if side == "min" else "min"
                if any(not age.ranged and age.side == other for age in ages) and \
                        not any(not age.ranged and age.side == side for age in ages):
                    open_sides.add(side)
    return open_sides


def _age_findings(doc) -> dict:
    """Per side: None (agrees, or nothing to compare) or (item, declared, ambiguous)."""
    return doc.cached("age-findings", _compute_findings)


def _compute_findings(doc) -> dict:
    limits = _stated_limits(doc)
    result: dict = {}
    for kind, declared in zip(("min", "max"), _bounds(doc)):
        result[kind] = None
        target = age_days(str(declared)) if declared is not None else None
        if target is None:
            continue  # AGE003 reports a limit stated only in the text
        if kind in _open_sides(limits):
            continue
        literal = _effective(limits, kind, Age.inclusive_days)
        if literal is None or same_age(literal[2].inclusive_days(), target):
            continue
        # A wording read both ways ("over 18") moves its limit by one unit; every combination of
        # readings gives an effective limit between these two (the choice is monotone).
        low = _effective(limits, kind, lambda age: min(age.inclusive_days(), _other_reading(age))) or literal
        high = _effective(limits, kind, lambda age: max(age.inclusive_days(), _other_reading(age))) or literal
        low_days = min(low[2].inclusive_days(), _other_reading(low[2]))
        high_days = max(high[2].inclusive_days(), _other_reading(high[2]))
        ambiguous = low_days - 2 <= target <= high_days + 2
        result[kind] = (literal, declared, ambiguous)
    return result


def _other_reading(age: Age) -> float:
    """The limit on the other reading a wording gets in practice: "over 18" as "18 and over",
    "between 18 and 80" as "19 to 79"."""
    if age.wording != "colloquial":
        return age.inclusive_days()
    flipped = {">": ">=", ">=": ">", "<": "<=", "<=": "<"}[age.operator]
    return Age(flipped, age.value, age.unit, age.role, age.text).inclusive_days()


def _mismatch(doc, kind: str, item: tuple, declared) -> Finding:
    section, index, age = item
    key = "minimum_age" if kind == "min" else "maximum_age"
    return Finding(
        ("eligibility", section, index),
        f'{key} is {declared} but {section} criterion {index + 1} says "{age.text}"{_meaning(section, age)}',
        related=(("eligibility", key),),
    )


def _meaning(section: str, age: Age) -> str:
    value = f"{age.value:g} {age.unit}"
    if section == "exclusion":  # the limit is the inverse of what is excluded
        word = "minimum" if age.side == "min" else "maximum"
        return f", i.e. a {word} age of {value}" + ("" if age.inclusive else " not included")
    if not age.inclusive:
        return f", which leaves out people aged exactly {value}"  # > 18: not 18
    return ""


@rule("AGE003", "criteria-age-not-structured", Severity.WARNING)
def criteria_age_not_structured(doc):
    """A criterion states an age limit that the structured fields do not have.

    ## What it checks
    Inclusion or exclusion criteria that limit the participants' age while
    `eligibility.minimum_age` or `eligibility.maximum_age` is absent (which means "no limit").

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
    structured = dict(zip(("min", "max"), _bounds(doc)))
    limits = _stated_limits(doc)
    unstructured = []
    for kind in ("min", "max"):
        item = _effective(limits, kind, Age.inclusive_days)
        if item is None or structured[kind] is not None or kind in _open_sides(limits):
            continue
        if kind == "min" and item[2].inclusive_days() <= 0:
            continue  # "aged 0-18 years": a lower limit of 0 is no limit
        unstructured.append((kind, item))
    if unstructured and _says_no_age_limit(doc):  # read only when there is something to report
        return  # "There is no age limit for the low risk stratum": the absent bounds are right
    for kind, item in unstructured:
        section, index, age = item
        key = "minimum_age" if kind == "min" else "maximum_age"
        value = f"{age.inclusive_days() / DAYS[age.unit[:-1]]:g} {age.unit}"
        if age.wording == "colloquial" and section == "inclusion" and not age.ranged:
            value += f' (or {age.value:g} {age.unit} if "{age.text}" is meant to include {age.value:g})'
        yield Finding(
            ("eligibility", section, index),
            f'{section} criterion {index + 1} says "{age.text}" but eligibility.{key} is not set; '
            f"add {key}: {value}",
        )
