from __future__ import annotations

import pytest
from helpers import BASE, findings, lines


def endpoints(*timeframes, kind="primary", measure="PFS", follow_up=None, status=""):
    body = status
    if follow_up:
        body += f"design: {{study_type: interventional, follow_up: {follow_up}}}\n"
    body += f"endpoints:\n  {kind}:\n"
    for tf in timeframes:
        body += f"    - measure: {measure}\n" + (f"      timeframe: '{tf}'\n" if tf else "")
    return body


def test_tim001_primary_without_timeframe():
    assert lines(endpoints(None), "TIM001") == [3]
    assert lines(endpoints("Up to 2 years"), "TIM001") == []
    assert lines(endpoints(None, kind="secondary"), "TIM001") == []


def test_tim002_secondary_without_timeframe():
    assert lines(endpoints(None, kind="secondary"), "TIM002") == [3]


@pytest.mark.parametrize("timeframe,fires", [
    ("Up to 2 years", True), ("52 weeks after randomization", False), ("At 6 months", False),
    ("Baseline and week 12", False), ("Day 1 to Day 28", False), ("2-year", True), ("Week 60", True),
    ("24 months", True), ("12 months", False), ("治疗后2年", True), ("12周", False),
])
def test_tim003_against_follow_up_of_52_weeks(timeframe, fires):
    found = lines(endpoints(timeframe, follow_up="52 weeks"), "TIM003")
    assert bool(found) is fires
    if fires:
        assert found == [5]


def test_tim003_message():
    ((_, message),) = findings(endpoints("Up to 2 years", follow_up="P52W"), "TIM003")
    assert message == 'timeframe "Up to 2 years" of "PFS" goes beyond design.follow_up (P52W); see line 4'  # line in the file


def test_tim004_against_study_dates():
    status = ("status:\n  start: {date: 2024-01, type: actual}\n"
              "  primary_completion: {date: 2024-12, type: estimated}\n")
    assert lines(endpoints("Up to 3 years", status=status), "TIM004") == [7]
    assert lines(endpoints("Up to 6 months", status=status), "TIM004") == []


@pytest.mark.parametrize("timeframe,vague", [
    ("End of study", True), ("Through study completion", True), ("At each visit", True),
    ("From randomization until death from any cause", True), ("Baseline", False),
    ("Through study completion, an average of 1 year", False), ("Up to 5 years", False),
])
def test_tim005_vague(timeframe, vague):
    assert bool(lines(endpoints(timeframe), "TIM005")) is vague


@pytest.mark.parametrize("measure,timeframe,fires", [
    ("2-year overall survival", "2 years", False),
    ("2-year overall survival", "Up to 24 months", False),
    ("2-year overall survival", "Up to 3 years", True),
    ("PFS rate at 12 months", "6 months", True),
    ("Overall survival", "Up to 5 years", False),
])
def test_tim006_measure_names_its_time_point(measure, timeframe, fires):
    assert bool(lines(endpoints(timeframe, measure=f"'{measure}'"), "TIM006")) is fires


@pytest.mark.parametrize("timeframe", ["prior to hospital discharge, up to 15 ½ months", "After 5 doses of medication",
                                       "Cycle 1 Day 1", "Baseline"])
def test_tim005_measurable_forms(timeframe):
    assert lines(endpoints(timeframe), "TIM005") == []


@pytest.mark.parametrize("measure,timeframe", [
    ("Transfusion independence for ≥ 56 days", "Up to 49 months"),
    ("Missed pills in the last 4 weeks", "Median 4 years"),
    ("EQ-5D score", "Week 12"),
    ("Fatigue at Week 12 and 24", "Baseline, Week 12 and Week 24"),
])
def test_tim006_durations_of_the_measure_are_not_time_points(measure, timeframe):
    assert lines(endpoints(timeframe, measure=f"'{measure}'"), "TIM006") == []


def test_tim004_reports_an_endpoint_once_and_allows_approximate_frames():
    status = ("status:\n  start: {date: 2018-03-30, type: actual}\n"
              "  primary_completion: {date: 2020-03, type: actual}\n  completion: {date: 2021-08-17, type: actual}\n")
    assert len(findings(endpoints("Up to 5 years", status=status), "TIM004")) == 1
    assert findings(endpoints("approximately 2.2 years", status=status), "TIM004") == []
    assert len(findings(endpoints("approximately 2.2 years", status=status), "TIM004", approximate_margin=0.0)) == 1


def test_unwritten_timeframes_are_left_to_txt001():
    body = endpoints("TODO", follow_up="52 weeks")
    assert lines(body, "TIM005") == [] and lines(body, "TIM003") == []
    assert lines(body, "TXT001") == [5]


def test_tim004_leaves_retrospective_follow_up_and_calendar_frames_alone():
    status = ("status:\n  start: {date: 2010-05, type: actual}\n"
              "  primary_completion: {date: 2010-08, type: actual}\n")
    # NCT01150903: a calendar period in the time frame
    assert lines(endpoints("Up to 3 years (Early study period - January 1999 to December 2001)", status=status), "TIM004") == []
    retrospective = status + "design: {study_type: observational, time_perspective: retrospective}\n"
    assert lines(endpoints("Up to 3 years", status=retrospective), "TIM004") == []
    # NCT01357915: "A Follow-up Study to Evaluate the Long-term Persistence of ... CMV Vaccine", months from the first trial
    follow_up = BASE.replace("A trial", "A Follow-up Study to Evaluate the Long-term Persistence of a CMV Vaccine")
    assert findings(endpoints("At Month 48 and Month 60", status=status), "TIM004", base=follow_up) == []
    assert lines(endpoints("At Month 48 and Month 60", status=status), "TIM004") != []


def test_tim006_a_duration_the_description_requires_is_not_a_time_point():
    # NCT06103864: "CBR at 24 weeks is defined as ... SD ... for at least 23 weeks after randomisation"
    body = """endpoints:
  secondary:
    - measure: Clinical Benefit Rate (CBR) at 24 weeks
      description: the percentage of participants who have a CR or PR or who have SD for at least 23 weeks after randomisation
      timeframe: Up to approximately 33 months
"""
    assert lines(body, "TIM006") == []
    assert lines(body.replace("for at least 23 weeks", ""), "TIM006") == [5]
