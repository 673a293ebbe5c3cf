"""REQ: information a registry requires that the protocol does not give."""

from __future__ import annotations

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
