"""REQ: information a registry requires that the protocol does not give."""

from __future__ import annotations

import re
from collections.abc import Iterator

from toolkit.diagnostics import Severity
from toolkit.document.model import Document
from toolkit.document.walk import get
from toolkit.rules._registry import Finding, rule


@rule("REQ001", "study-type-missing", Severity.WARNING)
def study_type_missing(doc: Document) -> Iterator[Finding]:
    """The study type is not given.

    ## What it checks
    `design.study_type` is set (interventional, observational or expanded_access).

    ## Why it matters
    Everything else a registry asks for depends on it; a record cannot be registered without it.
    Imported records that lack it (some legacy records say "N/A") are reported here rather
    than given an invented type. A warning: the information is missing, nothing is
    contradicted (and a record the registry withholds, such as an unapproved device's, shows
    no study type although its author gave one).

    ## Example
    ```yaml
    design:
      phases: [phase2]
    ```

    ## Use instead
    ```yaml
    design:
      study_type: interventional
      phases: [phase2]
    ```

    ## Fix
    Add `study_type: interventional` (or observational, expanded_access).
    """
    if not get(doc.data, "design", "study_type"):
        yield Finding(("design",) if "design" in doc.data else (), "design.study_type is not given; registries require it")


@rule("REQ002", "status-missing", Severity.WARNING)
def status_missing(doc: Document) -> Iterator[Finding]:
    """The overall recruitment status is not given.

    ## What it checks
    `status.overall` is set, unless the record is an expanded-access programme
    (`status.expanded_access`) or an imported record whose registry status is "unknown" (it
    has `status.last_known`): "unknown" is what the registry shows when a record has not been
    verified for two years, not a status the author failed to give, and the author's last
    statement is kept as `last_known`.

    ## Why it matters
    Patients and registries need to know whether the trial is recruiting.
    A warning: the information is missing, nothing is contradicted.

    ## Example
    ```yaml
    status:
      start: {date: 2026-03, type: estimated}
    ```

    ## Use instead
    ```yaml
    status:
      overall: not_yet_recruiting
      start: {date: 2026-03, type: estimated}
    ```

    ## Fix
    Add `overall: not_yet_recruiting` (or the current status).
    """
    status = doc.data.get("status", {})
    if status.get("overall") or status.get("expanded_access") or status.get("last_known"):
        return
    yield Finding(("status",) if "status" in doc.data else (), "status.overall is not given")


@rule("REQ003", "primary-endpoint-missing", Severity.WARNING)
def primary_endpoint_missing(doc: Document) -> Iterator[Finding]:
    """An interventional or observational study has no primary endpoint.

    ## What it checks
    `endpoints.primary` has at least one item, unless the study is an expanded-access programme.

    ## Why it matters
    The primary endpoint defines the trial's question, its sample size and its primary
    completion date; registries require at least one.
    A warning: the information is missing (records from before outcome measures were asked
    for have none).

    ## Example
    ```yaml
    design: {study_type: interventional}
    endpoints:
      secondary:
        - {measure: Overall survival, timeframe: Up to 2 years}
    ```

    ## Use instead
    ```yaml
    design: {study_type: interventional}
    endpoints:
      primary:
        - {measure: Progression-free survival, timeframe: Up to 2 years}
    ```

    ## Fix
    Add `endpoints.primary` with the measure and its time frame.
    """
    if get(doc.data, "design", "study_type") == "expanded_access":
        return
    if not get(doc.data, "endpoints", "primary"):
        yield Finding(("endpoints",) if "endpoints" in doc.data else (), "no primary endpoint is given")


# REQ020 and REQ021: the facts the registry record and the patient summary state about who
# can take part. Numbered apart from the registry-field rules so that those can grow.

@rule("REQ020", "age-limits-not-stated", Severity.WARNING)
def age_limits_not_stated(doc: Document) -> Iterator[Finding]:
    """Neither a minimum nor a maximum age is given, and the protocol does not say there is no limit.

    ## What it checks
    `eligibility` gives `minimum_age`, `maximum_age`, or `no_age_limit: true`.

    ## Why it matters
    Registries require the age limits (ClinicalTrials.gov: a minimum and a maximum age, or
    "N/A" for no limit). A protocol that gives none does not say the trial is open to every
    age; the documents say the ages are not stated, and a patient cannot tell whether they may
    take part.

    ## Example
    ```yaml
    eligibility:
      sex: all
    ```

    ## Use instead
    ```yaml
    eligibility:
      sex: all
      minimum_age: 18 years
    ```

    ## Fix
    Add `minimum_age` and/or `maximum_age`, or `no_age_limit: true` when the trial has none.
    """
    eligibility = doc.data.get("eligibility") or {}
    if get(doc.data, "design", "study_type") == "expanded_access" and not eligibility:
        return
    if not (eligibility.get("minimum_age") or eligibility.get("maximum_age") or eligibility.get("no_age_limit")):
        yield Finding(("eligibility",) if "eligibility" in doc.data else (),
                      "the age limits are not stated (eligibility.minimum_age, maximum_age, or no_age_limit: true); "
                      "registries require them")


@rule("REQ021", "sex-not-stated", Severity.WARNING)
def sex_not_stated(doc: Document) -> Iterator[Finding]:
    """The sexes eligible are not given.

    ## What it checks
    `eligibility.sex` is set (all, female or male).

    ## Why it matters
    Registries require it, and without it the documents cannot tell a patient whether they
    may take part; they say it is not stated rather than guess "women and men".

    ## Example
    ```yaml
    eligibility:
      minimum_age: 18 years
    ```

    ## Use instead
    ```yaml
    eligibility:
      minimum_age: 18 years
      sex: all
    ```

    ## Fix
    Add `sex: all` (or female, male).
    """
    eligibility = doc.data.get("eligibility") or {}
    if get(doc.data, "design", "study_type") == "expanded_access" and not eligibility:
        return
    if not eligibility.get("sex"):
        yield Finding(("eligibility",) if "eligibility" in doc.data else (),
                      "the sexes eligible are not stated (eligibility.sex); registries require it")


# REQ004-REQ010: what the registry's required-field matrix (ClinicalTrials.gov data element
# definitions) asks of an interventional or observational registration. Each is reported once,
# as a warning at the parent key: the information is missing, not contradictory.

def _registered_study(doc: Document) -> str | None:
    """"interventional" or "observational" when the study is one of those, else None."""
    kind = get(doc.data, "design", "study_type")
    return kind if kind in ("interventional", "observational") else None


def _at(doc: Document, key: str) -> tuple[str, ...]:
    return (key,) if key in doc.data else ()


@rule("REQ004", "eligibility-criteria-missing", Severity.WARNING)
def eligibility_criteria_missing(doc: Document) -> Iterator[Finding]:
    """An interventional or observational study gives no eligibility criteria, or only one kind.

    ## What it checks
    `eligibility.inclusion` and `eligibility.exclusion`: both are given. A study with neither
    is reported, and so is one with inclusion criteria but no exclusion criteria (or the other
    way round).

    ## Why it matters
    The registry requires eligibility criteria under "Inclusion Criteria" and "Exclusion
    Criteria" headings; "Eligibility criteria appear to be missing" is one of its Major
    comments. A record whose exclusions are folded into its inclusions hides them from patients
    and screening staff.

    ## Example
    ```yaml
    design:
      study_type: interventional
    eligibility:
      sex: all
      minimum_age: 18 years
      inclusion:
        - Histologically confirmed cholangiocarcinoma
    ```

    ## Use instead
    ```yaml
    design:
      study_type: interventional
    eligibility:
      sex: all
      minimum_age: 18 years
      inclusion:
        - Histologically confirmed cholangiocarcinoma
      exclusion:
        - Prior systemic therapy for advanced disease
    ```

    ## Fix
    Give both lists; if the trial truly excludes no one beyond its inclusion criteria, say so
    in one exclusion item ("None beyond the inclusion criteria").
    """
    if not _registered_study(doc):
        return
    eligibility = doc.data.get("eligibility") or {}
    inclusion, exclusion = eligibility.get("inclusion"), eligibility.get("exclusion")
    if not inclusion and not exclusion:
        yield Finding(_at(doc, "eligibility"), "no eligibility criteria are given (eligibility.inclusion, eligibility.exclusion); "
                                               "registries require them")
    elif not exclusion or not inclusion:
        missing, present = ("exclusion", "inclusion") if not exclusion else ("inclusion", "exclusion")
        given: list[str] = eligibility.get(present) or []
        folded = next((i for i, item in enumerate(given) if re.search(rf"\b{missing}", item, re.IGNORECASE)), None)
        if folded is not None:  # "2) Exclusion Criteria" inside the other list: a heading the split missed
            yield Finding(("eligibility", present, folded),
                          f"{missing} criteria are written inside the {present} criteria (item {folded + 1}); "
                          f"move them to eligibility.{missing}")
        else:
            yield Finding(("eligibility",), f"eligibility gives no {missing} criteria; registries list inclusion and "
                                            f"exclusion criteria under their own headings")


@rule("REQ005", "enrollment-missing", Severity.WARNING)
def enrollment_missing(doc: Document) -> Iterator[Finding]:
    """An interventional or observational study does not give its enrollment.

    ## What it checks
    `design.enrollment` is given.

    ## Why it matters
    The registry requires the number of participants (the target while recruiting, the actual
    number after); WHO's Target Sample Size item is the same.

    ## Example
    ```yaml
    design:
      study_type: interventional
    ```

    ## Use instead
    ```yaml
    design:
      study_type: interventional
      enrollment: {count: 60, type: estimated}
    ```

    ## Fix
    Add `design.enrollment` with the count and whether it is estimated or actual.
    """
    if _registered_study(doc) and not get(doc.data, "design", "enrollment"):
        yield Finding(("design",), "design.enrollment is not given; registries require the number of participants")


@rule("REQ006", "healthy-volunteers-missing", Severity.WARNING)
def healthy_volunteers_missing(doc: Document) -> Iterator[Finding]:
    """An interventional or observational study does not say whether it accepts healthy volunteers.

    ## What it checks
    `eligibility.healthy_volunteers` is given (true or false).

    ## Why it matters
    It is a required registry field, and the one search filter healthy people use to find
    studies they may join.

    ## Example
    ```yaml
    design:
      study_type: interventional
    eligibility:
      sex: all
    ```

    ## Use instead
    ```yaml
    design:
      study_type: interventional
    eligibility:
      sex: all
      healthy_volunteers: false
    ```

    ## Fix
    Add `healthy_volunteers: false` (or true).
    """
    if _registered_study(doc) and "healthy_volunteers" not in (doc.data.get("eligibility") or {}):
        yield Finding(_at(doc, "eligibility"), "eligibility.healthy_volunteers is not given; registries require it")


_DESIGN_KEYS = {
    "interventional": ("allocation", "model", "purpose", "masking", "phases"),
    "observational": ("observational_model", "time_perspective"),
}


@rule("REQ007", "design-incomplete", Severity.WARNING)
def design_incomplete(doc: Document) -> Iterator[Finding]:
    """The study design leaves out what the registry requires for its study type.

    ## What it checks
    Interventional studies give `design.allocation`, `model`, `purpose`, `masking` and
    `phases`; observational studies give `design.observational_model` and `time_perspective`.
    One finding lists every missing key. A single-group study may leave out its allocation
    (the registry's "N/A", which its records often omit).

    ## Why it matters
    These are the registry's required design fields for the study type; without them the
    record cannot be released, and readers cannot tell a randomized blinded trial from a
    single-arm open one.

    ## Example
    ```yaml
    design:
      study_type: interventional
      phases: [phase2]
    ```

    ## Use instead
    ```yaml
    design:
      study_type: interventional
      phases: [phase2]
      allocation: na
      model: single_group
      purpose: treatment
      masking: {level: none}
    ```

    ## Fix
    Add the keys the message lists.
    """
    kind = _registered_study(doc)
    if not kind:
        return
    design = doc.data.get("design") or {}
    missing = [key for key in _DESIGN_KEYS[kind] if key not in design]
    if design.get("model") == "single_group" or len(doc.data.get("arms", [])) == 1:
        missing = [key for key in missing if key != "allocation"]  # the registry's "N/A", often left out
    if missing:
        yield Finding(("design",), f"an {kind} study's design needs {', '.join('design.' + k for k in missing)}; "
                                   f"registries require {'them' if len(missing) > 1 else 'it'}")


@rule("REQ008", "arms-or-interventions-missing", Severity.WARNING)
def arms_or_interventions_missing(doc: Document) -> Iterator[Finding]:
    """An interventional study gives no arms, or no interventions.

    ## What it checks
    An interventional study has at least one item in `arms` and one in `interventions`.

    ## Why it matters
    The registry requires at least one arm and one intervention for an interventional study:
    they are what the trial compares, and every document lists them.

    ## Example
    ```yaml
    design:
      study_type: interventional
    interventions:
      - {id: lenvatinib, name: Lenvatinib, type: drug}
    ```

    ## Use instead
    ```yaml
    design:
      study_type: interventional
    arms:
      - {id: a, label: Lenvatinib, type: experimental, interventions: [lenvatinib]}
    interventions:
      - {id: lenvatinib, name: Lenvatinib, type: drug}
    ```

    ## Fix
    Add the arms, each with the interventions it gives.
    """
    if _registered_study(doc) != "interventional":
        return
    for key, what in (("arms", "arms"), ("interventions", "interventions")):
        if not doc.data.get(key):
            yield Finding(_at(doc, key), f"an interventional study gives no {what}; registries require at least one")


@rule("REQ009", "start-date-missing", Severity.WARNING)
def start_date_missing(doc: Document) -> Iterator[Finding]:
    """The study start date is not given.

    ## What it checks
    `status.start` is given for an interventional or observational study.

    ## Why it matters
    The registry requires the start date (actual or estimated); the registration deadline and
    every status rule count from it.

    ## Example
    ```yaml
    design:
      study_type: interventional
    status:
      overall: not_yet_recruiting
    ```

    ## Use instead
    ```yaml
    design:
      study_type: interventional
    status:
      overall: not_yet_recruiting
      start: {date: 2026-09, type: estimated}
    ```

    ## Fix
    Add `status.start` with its date and type.
    """
    if _registered_study(doc) and not get(doc.data, "status", "start"):
        yield Finding(_at(doc, "status"), "status.start is not given; registries require the study start date")


@rule("REQ010", "brief-summary-missing", Severity.WARNING)
def brief_summary_missing(doc: Document) -> Iterator[Finding]:
    """The brief summary is not given.

    ## What it checks
    `summary` is given for an interventional or observational study.

    ## Why it matters
    The registry requires a brief summary: it is what the public reads first about the study.

    ## Example
    ```yaml
    design:
      study_type: observational
    ```

    ## Use instead
    ```yaml
    design:
      study_type: observational
    summary: This study follows adults with intrahepatic cholangiocarcinoma treated at two hospitals.
    ```

    ## Fix
    Add `summary`: in a few sentences, what the study tests, in whom, and how.
    """
    if _registered_study(doc) and not (doc.data.get("summary") or "").strip():
        yield Finding((), "summary (the brief summary) is not given; registries require it")
