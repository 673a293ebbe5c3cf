"""DAT: dates and status, following the registry's rules (ClinicalTrials.gov PRS)."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from toolkit.diagnostics import Severity
from toolkit.document.model import Document
from toolkit.document.walk import get
from toolkit.parse import dates
from toolkit.rules._eras import ICMJE_REGISTRATION, before_final_rule, started_before
from toolkit.rules._registry import Finding, rule

MILESTONES = ("start", "primary_completion", "completion")
ONGOING = {"recruiting", "enrolling_by_invitation", "active_not_recruiting", "not_yet_recruiting"}
STOPPED = {"suspended", "terminated", "withdrawn"}
# Which milestone must be actual (or estimated) under each status (PRS / CTRP date rules).
# Recruiting and enrolling by invitation say nothing about the start: the registry defines
# Recruiting as "currently recruiting participants, whether or not any participants have yet
# been enrolled", so a recruiting trial may still have an estimated start date; a trial may
# also be suspended before its first participant.
MUST_BE = {
    "not_yet_recruiting": {"start": "estimated", "primary_completion": "estimated", "completion": "estimated"},
    "recruiting": {"completion": "estimated"},
    "enrolling_by_invitation": {"completion": "estimated"},
    "active_not_recruiting": {"start": "actual", "completion": "estimated"},
    "terminated": {"start": "actual", "primary_completion": "actual", "completion": "actual"},
    "completed": {"start": "actual", "primary_completion": "actual", "completion": "actual"},
}


def _status(doc) -> dict:
    return doc.data.get("status", {})


def _stated(doc) -> tuple[str | None, str]:
    """The status the record's author stated, and how to name it in a message.

    "Unknown" is not a status an author gives: the registry shows it when the record has not
    been verified for two years, and keeps the author's last statement as the last known status."""
    status = _status(doc)
    if status.get("overall"):
        return status["overall"], "the overall status"
    if status.get("last_known"):
        return status["last_known"], "the last known status"
    return None, ""


@rule("DAT001", "milestones-out-of-order")
def milestones_out_of_order(doc: Document) -> Iterator[Finding]:
    """The study dates are out of order.

    ## What it checks
    `status.start` ≤ `status.primary_completion` ≤ `status.completion`. Dates of different
    precision (2024-03 against 2024-03-15) are compared as the ranges of days they stand for,
    so only a certain contradiction is reported.

    ## Why it matters
    The registry rejects the record; every document showing the timeline is wrong.
    An error: dates out of order are a contradiction whenever the record was written.

    ## Example
    ```yaml
    status:
      start: {date: 2024-06-01, type: actual}
      primary_completion: {date: 2024-01-31, type: estimated}
    ```

    ## Use instead
    ```yaml
    status:
      start: {date: 2024-01-31, type: actual}
      primary_completion: {date: 2024-06-01, type: estimated}
    ```

    ## Fix
    Correct the date that is wrong.
    """
    status = _status(doc)
    present = [(key, get(status, key, "date")) for key in MILESTONES if get(status, key, "date") is not None]
    for (early_key, early), (late_key, late) in pairwise(present):
        if dates.surely_before(late, early):
            yield Finding(("status", late_key, "date"), f"{late_key} ({late}) is before {early_key} ({early})",
                          related=(("status", early_key, "date"),))


@rule("DAT002", "date-type-missing", Severity.WARNING)
def date_type_missing(doc: Document) -> Iterator[Finding]:
    """A study date does not say whether it is actual or estimated.

    ## What it checks
    `status.start`, `status.primary_completion` and `status.completion` each have a `type`.

    ## Why it matters
    Readers cannot tell whether the trial has started or finished; the registry requires the type.
    The type is a data element of the FDAAA 801 Final Rule (effective 2017-01-18): records
    first submitted and started before then were written without it and are left alone. A
    warning: the information is missing, nothing is contradicted.

    ## Example
    ```yaml
    status:
      start: {date: 2020-03-06}
    ```

    ## Use instead
    ```yaml
    status:
      start: {date: 2020-03-06, type: actual}
    ```

    ## Fix
    Add `type: actual` (it happened) or `type: estimated` (it is planned).
    """
    if before_final_rule(_status(doc)):
        return
    for key in MILESTONES:
        if isinstance(_status(doc).get(key), dict) and "type" not in _status(doc)[key]:
            yield Finding(("status", key), f"{key} date has no type; add type: actual or type: estimated")


@rule("DAT003", "date-type-vs-status")
def date_type_vs_status(doc: Document) -> Iterator[Finding]:
    """A date's type contradicts the overall status.

    ## What it checks
    The registry's matrix: a trial not yet recruiting has estimated dates; an active (not
    recruiting), completed or terminated trial has an actual start date; a completed or
    terminated trial has actual primary completion and completion dates; an ongoing trial has
    an estimated completion date. A recruiting trial may still have an estimated start (the
    registry defines Recruiting "whether or not any participants have yet been enrolled"), and
    a suspended one may have stopped before it started. A record whose status the registry
    shows as unknown is checked against its last known status, the author's last statement.

    ## Why it matters
    The status and the dates are read together ("completed, completion date estimated" says
    two things at once); the registry rejects the combination whenever the record was
    written, so it is an error.

    ## Example
    ```yaml
    status:
      overall: completed
      completion: {date: 2025-06-01, type: estimated}
    ```

    ## Use instead
    ```yaml
    status:
      overall: completed
      completion: {date: 2025-06-01, type: actual}
    ```

    ## Fix
    Update the date's type (and the date) or the status.
    """
    status = _status(doc)
    overall, named = _stated(doc)
    for key, wanted in MUST_BE.get(overall or "", {}).items():
        given = get(status, key, "type")
        if given and given != wanted:
            yield Finding(("status", key, "type"),
                          f"{key} is {given} but {named} is {overall}: it should be {wanted}",
                          related=(("status", "overall" if status.get("overall") else "last_known"),))


@rule("DAT004", "actual-date-in-future")
def actual_date_in_future(doc: Document) -> Iterator[Finding]:
    """A date marked actual lies in the future.

    ## What it checks
    Milestone dates of type `actual` against today's date.

    ## Why it matters
    An event that has not happened cannot be actual; the registry rejects it.
    An error: an event in the future cannot have happened.

    ## Example
    ```yaml
    status:
      start: {date: 2099-01-01, type: actual}
    ```

    ## Use instead
    ```yaml
    status:
      start: {date: 2099-01-01, type: estimated}
    ```

    ## Fix
    Change the type to estimated, or correct the date.
    """
    today = dates.today()
    for key in MILESTONES:
        if get(_status(doc), key, "type") == "actual":
            span = dates.date_range(get(_status(doc), key, "date"))
            if span and span[0] > today:
                yield Finding(("status", key, "date"), f"{key} is actual but {span[0]} is after today ({today})")


@rule("DAT005", "why-stopped", Severity.WARNING)
def why_stopped(doc: Document) -> Iterator[Finding]:
    """A stopped trial does not say why (or a running one says why it stopped).

    ## What it checks
    `status.why_stopped` is given when the status is suspended, terminated or withdrawn, and
    only then.

    ## Why it matters
    The registry requires the reason, and patients and reviewers want it; a reason on a
    running trial means the status or the reason is stale. A warning: a missing reason is
    missing information (records from before the registry asked for it have none), and a
    reason left from an earlier suspension is stale rather than contradictory.

    ## Example
    ```yaml
    status:
      overall: terminated
    ```

    ## Use instead
    ```yaml
    status:
      overall: terminated
      why_stopped: Slow accrual
    ```

    ## Fix
    Add `why_stopped:` in a sentence, or remove it when the trial runs again.
    """
    status = _status(doc)
    overall = status.get("overall")
    if overall in STOPPED and not status.get("why_stopped"):
        yield Finding(("status", "overall"), f"the status is {overall} but status.why_stopped is not given")
    elif overall and overall not in STOPPED and status.get("why_stopped"):
        yield Finding(("status", "why_stopped"), f"why_stopped is given but the status is {overall}")


@rule("DAT006", "enrollment-type-vs-status")
def enrollment_type_vs_status(doc: Document) -> Iterator[Finding]:
    """The enrollment type contradicts the overall status.

    ## What it checks
    Trials not yet recruiting or recruiting report a target (estimated), and a withdrawn trial
    enrolled nobody (a count other than 0 cannot be actual). Under the FDAAA 801 Final Rule
    (records started or first submitted from 2017-01-18) a completed or terminated trial, and
    an active one whose primary completion is actual, report the actual enrollment, and a
    withdrawn one reports 0 (actual). Older records were not asked to update the type when
    the trial closed (the registry labelled their counts "Anticipated" itself) and are left
    alone there.

    ## Why it matters
    "Completed, 120 participants (estimated)" leaves readers guessing how many took part; the
    registry sends the record back.
    An error: the status and the enrollment type contradict each other (for the rules of the
    record's own time).

    ## Example
    ```yaml
    status: {overall: completed}
    design:
      enrollment: {count: 120, type: estimated}
    ```

    ## Use instead
    ```yaml
    status: {overall: completed}
    design:
      enrollment: {count: 120, type: actual}
    ```

    ## Fix
    Update the enrollment to the actual number when recruitment closes.
    """
    status = _status(doc)
    overall, named = _stated(doc)
    enrollment = get(doc.data, "design", "enrollment", default={})
    kind, count = enrollment.get("type"), enrollment.get("count")
    if not (overall and enrollment):
        return
    where = ("design", "enrollment")
    final_rule = not before_final_rule(status)
    closed = overall in ("completed", "terminated") or (
        overall == "active_not_recruiting" and get(status, "primary_completion", "type") == "actual")
    if closed and kind == "estimated" and final_rule:
        yield Finding(where + ("type",), f"enrollment is estimated but {named} is {overall.replace('_', ' ')}"
                                         f"{' with an actual primary completion' if overall == 'active_not_recruiting' else ''}"
                                         ": give the actual number")
    elif overall in ("not_yet_recruiting", "recruiting") and kind == "actual":
        yield Finding(where + ("type",), f"enrollment is actual but {named} is {overall}: give the target (estimated)")
    elif overall == "withdrawn" and ((count != 0 and kind == "actual") or (final_rule and (count != 0 or kind == "estimated"))):
        yield Finding(where + ("count",), f"the trial is withdrawn, so its actual enrollment is 0 (found {count} {kind or ''})".rstrip())


@rule("DAT007", "registered-after-start", Severity.WARNING, options={"max_days": 21})
def registered_after_start(doc: Document, *, max_days) -> Iterator[Finding]:
    """The trial was registered after it started.

    ## What it checks
    `status.first_submitted` against an actual `status.start`.

    ## Why it matters
    ICMJE journals require registration before the first participant is enrolled, and US law
    allows at most 21 days; a retrospectively registered trial may not be publishable. The
    requirement is for clinical trials that started from 2005-07-01 (the ICMJE policy): trials
    that started earlier, before prospective registration was asked for, and observational
    studies and expanded access, which it does not cover, are left alone. A warning: nothing
    in the record is wrong, the fact is worth knowing.

    ## Example
    ```yaml
    status:
      start: {date: 2023-08-01, type: actual}
      first_submitted: 2025-12-10
    ```

    ## Use instead
    ```yaml
    status:
      start: {date: 2023-08-01, type: actual}
      first_submitted: 2023-07-15
    ```

    ## Options
    - `max_days` (default 21): days between the start and the first submission that are
      still not retrospective. 21 days is the US legal limit (FDAAA 801); ICMJE journals
      allow none (set 0).

    ## Fix
    Nothing to fix in the file if the dates are right; say so in the publication.
    """
    status = _status(doc)
    if get(doc.data, "design", "study_type") in ("observational", "expanded_access"):
        return
    if started_before(status, ICMJE_REGISTRATION):
        return
    start, submitted = get(status, "start", "date"), status.get("first_submitted")
    if start and submitted and dates.surely_before(start, submitted) and get(status, "start", "type") != "estimated":
        submitted_days, start_days = dates.date_range(submitted), dates.date_range(start)
        days = (submitted_days[0] - start_days[1]).days if submitted_days and start_days else 0
        if days > max_days:
            yield Finding(("status", "first_submitted"),
                          f"first submitted {submitted}, {days} days after the start ({start}): registered retrospectively")


@rule("DAT008", "status-vs-sites")
def status_vs_sites(doc: Document) -> Iterator[Finding]:
    """The overall status contradicts the sites' statuses.

    ## What it checks
    A site marked recruiting while the trial is not recruiting; a recruiting trial whose sites
    all have a status and none is recruiting.

    ## Why it matters
    Patients contact sites that cannot enrol them, or miss sites that can.
    An error: the trial and its sites say opposite things to patients.

    ## Example
    ```yaml
    status: {overall: completed}
    locations:
      - {facility: Zhongshan Hospital, status: recruiting}
    ```

    ## Use instead
    ```yaml
    status: {overall: completed}
    locations:
      - {facility: Zhongshan Hospital, status: completed}
    ```

    ## Fix
    Update the site statuses with the overall status.
    """
    overall = _status(doc).get("overall")
    sites = doc.data.get("locations", [])
    statuses = [site.get("status") for site in sites]
    if overall and overall not in ("recruiting",):
        for index, site in enumerate(sites):
            if site.get("status") == "recruiting":
                yield Finding(("locations", index, "status"), f"{site['facility']} is recruiting but the trial is {overall}")
    if overall == "recruiting" and statuses and all(statuses) and "recruiting" not in statuses:
        yield Finding(("status", "overall"), "the trial is recruiting but no site is")
