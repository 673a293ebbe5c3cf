"""REQ: facts a registry requires that the protocol does not give."""

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


def test_req020_age_limits_not_stated():
    assert lines("eligibility:\n  sex: all\n", "REQ020") == [2]
    assert lines("", "REQ020") != []  # no eligibility at all: reported at the top
    for given in ("minimum_age: 18 years", "maximum_age: 75 years", "no_age_limit: true"):
        assert lines(f"eligibility:\n  sex: all\n  {given}\n", "REQ020") == [], given


def test_req020_message_says_how_to_state_no_limit():
    ((_, message),) = findings("eligibility:\n  sex: all\n", "REQ020")
    assert "no_age_limit: true" in message


def test_req021_sex_not_stated():
    assert lines("eligibility:\n  minimum_age: 18 years\n", "REQ021") == [2]
    assert lines("eligibility:\n  minimum_age: 18 years\n  sex: female\n", "REQ021") == []


def test_expanded_access_without_eligibility_is_not_asked_for_ages():
    body = "design: {study_type: expanded_access}\n"
    assert lines(body, "REQ020") == [] and lines(body, "REQ021") == []
