from __future__ import annotations

import datetime

import pytest
from helpers import findings, lines

from toolkit.parse import dates


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: datetime.date(2026, 11, 21))


def status(overall=None, **milestones):
    body = "status:\n"
    if overall:
        body += f"  overall: {overall}\n"
    for key, value in milestones.items():
        body += f"  {key}: {value}\n"
    return body


def test_dat001_order():
    body = status(start="{date: 2024-06-01, type: actual}", primary_completion="{date: 2024-01-31, type: estimated}")
    assert lines(body, "DAT001") == [3]
    same_month = status(start="{date: 2024-06, type: actual}", primary_completion="{date: 2024-06-01, type: estimated}")
    assert lines(same_month, "DAT001") == []  # different precision: not certainly out of order


def test_dat002_type_missing():
    assert lines(status(start="{date: 2020-03-06}"), "DAT002") == [2]
    assert lines(status(start="{date: 2020-03-06, type: actual}"), "DAT002") == []


def test_dat002_not_applied_before_the_final_rule():
    # NCT00090376: first submitted 2004-08-25, start "2003-12" with no type, as records were then
    legacy = status(start="{date: 2003-12}", first_submitted="2004-08-25")
    assert lines(legacy, "DAT002") == []
    # submitted before, but starting after 2017-01-18: written under the rule
    later_start = status(start="{date: 2017-03}", first_submitted="2016-11-02")
    assert lines(later_start, "DAT002") == [2]


@pytest.mark.parametrize("overall,milestones,bad", [
    ("completed", {"completion": "{date: 2025-06-01, type: estimated}"}, 1),
    ("completed", {"completion": "{date: 2025-06-01, type: actual}"}, 0),
    # the registry's Recruiting: "whether or not any participants have yet been enrolled"
    ("recruiting", {"start": "{date: 2025-01, type: estimated}"}, 0),
    ("enrolling_by_invitation", {"start": "{date: 2025-01, type: estimated}"}, 0),
    ("suspended", {"start": "{date: 2020-04-23, type: estimated}"}, 0),  # NCT04329572
    ("active_not_recruiting", {"start": "{date: 2025-01, type: estimated}"}, 1),
    ("terminated", {"completion": "{date: 2016-12, type: estimated}"}, 1),  # NCT02654730
    ("not_yet_recruiting", {"start": "{date: 2027-01, type: actual}"}, 1),
    ("recruiting", {"start": "{date: 2025-01, type: actual}", "completion": "{date: 2028, type: estimated}"}, 0),
])
def test_dat003_type_against_status(overall, milestones, bad):
    assert len(findings(status(overall, **milestones), "DAT003")) == bad


def test_dat003_unknown_status_is_checked_against_the_last_known():
    body = status(last_known="completed", completion="{date: 2019-06, type: estimated}")
    [(line, message)] = findings(body, "DAT003")
    assert line == 3 and "the last known status is completed" in message


def test_dat004_actual_in_future():
    assert lines(status(start="{date: 2099-01, type: actual}"), "DAT004") == [2]
    assert lines(status(start="{date: 2026-11, type: actual}"), "DAT004") == []


def test_dat005_why_stopped():
    assert lines(status("terminated"), "DAT005") == [2]
    assert lines(status("terminated", why_stopped="Slow accrual"), "DAT005") == []
    assert lines(status("recruiting", why_stopped="Slow accrual"), "DAT005") == [3]


def enrolled(count, kind):
    return f"design: {{study_type: interventional, enrollment: {{count: {count}, type: {kind}}}}}\n"


def test_dat006_enrollment_type():
    completed_estimated = status("completed") + enrolled(120, "estimated")
    assert lines(completed_estimated, "DAT006") == [3]
    withdrawn = status("withdrawn", why_stopped="No funding") + enrolled(0, "actual")
    assert lines(withdrawn, "DAT006") == []
    recruiting_actual = status("recruiting") + enrolled(40, "actual")
    assert lines(recruiting_actual, "DAT006") == [3]


def test_dat006_active_trial_reports_actual_once_primary_completion_is_actual():
    open_ended = status("active_not_recruiting", primary_completion="{date: 2027-01, type: estimated}")
    assert lines(open_ended + enrolled(400, "estimated"), "DAT006") == []
    closed = status("active_not_recruiting", primary_completion="{date: 2024-01, type: actual}")
    assert lines(closed + enrolled(400, "estimated"), "DAT006") == [4]


def test_dat006_legacy_counts_the_registry_labelled_anticipated():
    # NCT00000419 style: submitted 1999, completed, "82 (Anticipated)" — the registry's label, not the author's
    legacy = status("completed", first_submitted="1999-10-18", start="{date: 1998-10}") + enrolled(82, "estimated")
    assert lines(legacy, "DAT006") == []
    # NCT00382161: withdrawn 2006 with its target of 20 (estimated) kept
    withdrawn = status("withdrawn", why_stopped="x", first_submitted="2006-09-27") + enrolled(20, "estimated")
    assert lines(withdrawn, "DAT006") == []
    assert lines(status("withdrawn", why_stopped="x", first_submitted="2006-09-27") + enrolled(20, "actual"), "DAT006") == [5]


def test_dat007_registered_after_start():
    late = status(start="{date: 2023-08-01, type: actual}", first_submitted="2025-12-10")
    assert lines(late, "DAT007") == [3]
    prompt = status(start="{date: 2023-08-01, type: actual}", first_submitted="2023-08-10")
    assert lines(prompt, "DAT007") == []


def test_dat007_max_days_option():
    thirty_days = status(start="{date: 2023-08-01, type: actual}", first_submitted="2023-08-31")
    assert lines(thirty_days, "DAT007") == [3]  # default: 21 days
    assert lines(thirty_days, "DAT007", max_days=30) == []
    nine_days = status(start="{date: 2023-08-01, type: actual}", first_submitted="2023-08-10")
    assert lines(nine_days, "DAT007", max_days=0) == [3]  # the ICMJE policy: none at all


def test_dat007_only_where_prospective_registration_was_asked_for():
    # NCT00004415: started May 1991, registered 1999 — before ClinicalTrials.gov or the ICMJE policy
    old = status(start="{date: 1991-05}", first_submitted="1999-10-18")
    assert lines(old, "DAT007") == []
    observational = status(start="{date: 2020-03-01, type: actual}", first_submitted="2020-08-25")
    assert lines(observational + "design: {study_type: observational}\n", "DAT007") == []
    assert lines(observational + "design: {study_type: interventional}\n", "DAT007") == [3]


def test_dat008_site_status():
    body = status("completed") + "locations:\n  - {facility: Zhongshan Hospital, status: recruiting}\n"
    assert lines(body, "DAT008") == [4]
