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


@pytest.mark.parametrize("overall,milestones,bad", [
    ("completed", {"completion": "{date: 2025-06-01, type: estimated}"}, 1),
    ("completed", {"completion": "{date: 2025-06-01, type: actual}"}, 0),
    ("recruiting", {"start": "{date: 2025-01, type: estimated}"}, 1),
    ("not_yet_recruiting", {"start": "{date: 2027-01, type: actual}"}, 1),
    ("recruiting", {"start": "{date: 2025-01, type: actual}", "completion": "{date: 2028, type: estimated}"}, 0),
])
def test_dat003_type_against_status(overall, milestones, bad):
    assert len(findings(status(overall, **milestones), "DAT003")) == bad


def test_dat004_actual_in_future():
    assert lines(status(start="{date: 2099-01, type: actual}"), "DAT004") == [2]
    assert lines(status(start="{date: 2026-11, type: actual}"), "DAT004") == []


def test_dat005_why_stopped():
    assert lines(status("terminated"), "DAT005") == [2]
    assert lines(status("terminated", why_stopped="Slow accrual"), "DAT005") == []
    assert lines(status("recruiting", why_stopped="Slow accrual"), "DAT005") == [3]


def test_dat006_enrollment_type():
    completed_estimated = status("completed") + "design: {study_type: interventional, enrollment: {count: 120, type: estimated}}\n"
    assert lines(completed_estimated, "DAT006") == [3]
    withdrawn = status("withdrawn", why_stopped="No funding") + "design: {study_type: interventional, enrollment: {count: 0, type: actual}}\n"
    assert lines(withdrawn, "DAT006") == []


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


def test_dat008_site_status():
    body = status("completed") + "locations:\n  - {facility: Zhongshan Hospital, status: recruiting}\n"
    assert lines(body, "DAT008") == [4]
