"""REQ: what registries require, reported when the protocol does not give it."""

from __future__ import annotations

from helpers import findings, lines


def test_req001_study_type_missing():
    assert findings("design:\n  phases: [phase2]\n", "REQ001") == [
        (2, "design.study_type is not given; registries require it")]  # at the design block
    assert lines("design:\n  study_type: observational\n", "REQ001") == []


def test_req001_without_a_design_block_points_at_the_document():
    from toolkit.document.load import load_bytes
    from toolkit.engine import check_document
    from toolkit.settings import Selection

    loaded = load_bytes(b"schema_version: 1\nid: t\ntitle: {brief: A}\n", "t.yaml")
    (found,) = check_document(loaded.document, Selection(select=("REQ001",)))
    assert (found.line, found.path) == (1, "")


def test_req002_status_missing():
    assert findings("status:\n  start: {date: 2026-03, type: estimated}\n", "REQ002") == [
        (2, "status.overall is not given")]
    assert lines("status:\n  overall: recruiting\n", "REQ002") == []


def test_req002_expanded_access_needs_no_overall_status():
    assert lines("status:\n  expanded_access: available\n", "REQ002") == []


def test_req002_unknown_registry_status_names_the_last_known_one():
    ((line, message),) = findings("status:\n  last_known: recruiting\n", "REQ002")
    assert line == 2 and "last known: recruiting" in message and "verify it" in message


def test_req003_primary_endpoint_missing():
    secondary = "endpoints:\n  secondary:\n    - {measure: Overall survival, timeframe: Up to 2 years}\n"
    assert findings(secondary, "REQ003") == [(2, "no primary endpoint is given")]
    primary = secondary.replace("secondary", "primary")
    assert lines(primary, "REQ003") == []


def test_req003_not_for_expanded_access():
    assert lines("design:\n  study_type: expanded_access\n", "REQ003") == []
    assert [message for _, message in findings("design:\n  study_type: interventional\n", "REQ003")] == [
        "no primary endpoint is given"]
