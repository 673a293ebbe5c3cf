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


def test_req004_eligibility_criteria_missing_or_not_split():
    assert lines("eligibility: {sex: all}\n", "REQ004") == [1]
    assert lines("eligibility:\n  inclusion: [Age 18 or over]\n", "REQ004") == [2]  # the eligibility block
    folded = "eligibility:\n  inclusion:\n    - Age 18 or over\n    - 'Exclusion criteria: prior chemotherapy'\n"
    ((line, message),) = findings(folded, "REQ004")
    assert line == 4 and "move them to eligibility.exclusion" in message
    split = "eligibility:\n  inclusion: [Age 18 or over]\n  exclusion: [Prior chemotherapy]\n"
    assert lines(split, "REQ004") == []
    assert lines("design: {study_type: expanded_access}\n", "REQ004") == []


def test_req005_enrollment_missing():
    assert lines("design: {study_type: interventional}\n", "REQ005") == [1]
    assert lines("design: {study_type: interventional, enrollment: {count: 60}}\n", "REQ005") == []


def test_req006_healthy_volunteers_missing():
    assert lines("eligibility: {sex: all}\n", "REQ006") == [1]
    assert lines("eligibility: {sex: all, healthy_volunteers: false}\n", "REQ006") == []


def test_req007_design_incomplete():
    ((_, message),) = findings("design: {study_type: interventional, phases: [phase2]}\n", "REQ007")
    assert message.startswith("an interventional study's design needs design.allocation, design.model, design.purpose, design.masking")
    single = "design: {study_type: interventional, phases: [phase2], model: single_group, purpose: treatment, masking: {level: none}}\n"
    assert lines(single, "REQ007") == []  # a single group's allocation is the registry's N/A
    observational = "design: {study_type: observational}\n"
    ((_, message),) = findings(observational, "REQ007")
    assert "design.observational_model, design.time_perspective" in message


def test_req008_arms_or_interventions_missing():
    body = "interventions:\n  - {id: x, name: X, type: drug}\n"
    assert lines(body, "REQ008") == [-2]  # no arms: reported at the document's first line
    with_arms = "arms:\n  - {id: a, label: A, type: experimental, interventions: [x]}\n" + body
    assert lines(with_arms, "REQ008") == []


def test_req009_start_date_missing():
    assert lines("status: {overall: recruiting}\n", "REQ009") == [1]
    assert lines("status: {overall: recruiting, start: {date: 2025-01, type: actual}}\n", "REQ009") == []


def test_req010_brief_summary_missing():
    assert lines("status: {overall: recruiting}\n", "REQ010") == [-2]  # at the document
    assert lines("summary: This study follows adults with ICC.\n", "REQ010") == []
