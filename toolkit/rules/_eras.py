"""When a registry requirement came into force, and whether a record was written under it.

Registry requirements have start dates. A record is judged by the rules of its own time,
read from its own dates (never today's): ClinicalTrials.gov applies the FDAAA 801 Final Rule
(42 CFR 11) to studies that start on or after its effective date, and its new data elements
(actual/anticipated type on every date, who is masked) did not exist before. A record first
submitted and started before that date used the older forms ("Double Blind (Subject,
Caregiver, Investigator, Outcomes Assessor)", dates without a type), which were correct then.
"""

from __future__ import annotations

import datetime

from toolkit.document.walk import get
from toolkit.parse.dates import date_range

# 42 CFR 11 (the FDAAA 801 Final Rule), effective 2017-01-18.
FINAL_RULE = datetime.date(2017, 1, 18)
# ICMJE: trials starting on or after 2005-07-01 must be registered before the first enrolment.
ICMJE_REGISTRATION = datetime.date(2005, 7, 1)


def _surely_before(value, cutoff: datetime.date) -> bool:
    span = date_range(value) if value is not None else None
    return span is not None and span[1] < cutoff


def written_before(status: dict, cutoff: datetime.date) -> bool:
    """The record was first submitted and started before `cutoff` (as far as its dates say).

    A record with neither date is being written now, so the requirement applies to it."""
    known = [value for value in (status.get("first_submitted"), get(status, "start", "date")) if value is not None]
    return bool(known) and all(_surely_before(value, cutoff) for value in known)


def before_final_rule(status: dict) -> bool:
    """The FDAAA 801 Final Rule's data elements do not apply to this record."""
    return written_before(status, FINAL_RULE)


def started_before(status: dict, cutoff: datetime.date) -> bool:
    return _surely_before(get(status, "start", "date"), cutoff)
