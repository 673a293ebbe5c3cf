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


def test_req001_without_a_design_block_points_at_the_document():
    from toolkit.document.load import load_bytes
    from toolkit.engine import check_document
    from toolkit.settings import Selection

    loaded = load_bytes(b"schema_version: 1\nid: t\ntitle: {brief: A}\n", "t.yaml")
    (found,) = check_document(loaded.document, Selection(select=("REQ001",)))
    assert (found.line, found.path, found.message) == (1, "", "design.study_type is not given; registries require it")


def test_req002_expanded_access_needs_no_overall_status():
    assert lines("status:\n  expanded_access: available\n", "REQ002") == []


def test_req003_not_for_expanded_access():
    assert lines("design:\n  study_type: expanded_access\n", "REQ003") == []
    assert [message for _, message in findings("design:\n  study_type: interventional\n", "REQ003")] == [
        "no primary endpoint is given"]
