from __future__ import annotations

from helpers import findings, lines


def test_req001_study_type():
    assert lines("design: {phases: [phase2]}\n", "REQ001") == [1]
    assert lines("design: {study_type: interventional}\n", "REQ001") == []


def test_req002_status_missing():
    assert lines("status: {start: {date: 2026-03, type: estimated}}\n", "REQ002") == [1]
    assert lines("status: {overall: recruiting}\n", "REQ002") == []


def test_req002_unknown_status_is_the_registrys_not_the_authors():
    # the registry shows "Unknown status" when verification lapsed; the author said recruiting
    assert findings("status: {last_known: recruiting}\n", "REQ002") == []


def test_req003_primary_endpoint():
    assert lines("endpoints: {secondary: [{measure: OS, timeframe: 2 years}]}\n", "REQ003") == [1]
    assert lines("endpoints: {primary: [{measure: OS, timeframe: 2 years}]}\n", "REQ003") == []
