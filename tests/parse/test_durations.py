"""How time frames and measures are read: one table per form, every case quoting a real
ClinicalTrials.gov record (the id is the first column)."""

from __future__ import annotations

import pytest

from toolkit.parse.durations import (
    DAYS,
    TimePoint,
    age_days,
    named_time_point,
    named_time_points,
    same_time,
    time_points,
    timeframe,
)

MONTH, YEAR, WEEK = DAYS["month"], DAYS["year"], DAYS["week"]


def latest(text: str) -> float | None:
    point = timeframe(text).latest
    return round(point.days, 1) if point else None


@pytest.mark.parametrize("record,text,days", [
    ("NCT01037218", "Twelve weeks", 84),
    ("NCT04511962", "through study completion an average of a year", round(YEAR, 1)),
    ("NCT03241758", "one year after surgery", round(YEAR, 1)),
    ("NCT00004407", "Patients are assessed at 6, 12, 36, 52, and 104 weeks.", 728),
    ("NCT04681339", "At discharge, assessing the entire duration of the hospital stay, an average of 7 days", 7),
])
def test_spelled_out_numbers_and_amounts(record, text, days):
    assert latest(text) == days


@pytest.mark.parametrize("record,text,days", [
    ("NCT04644302", "1st, 2nd and 3rd day", 3),
    ("NCT06433596", "From enrollment to the sixth month of follow-up at 33 weeks", 231),
    ("NCT03406169", "starting on the first postoperative day after surgery", 1),
])
def test_ordinals(record, text, days):
    assert latest(text) == days


def test_the_sixth_month_is_a_time_point():
    # NCT06433596: the measure says "6 months", the time frame "the sixth month"
    points = time_points("From enrollment to the sixth month of follow-up at 33 weeks")
    assert any(p.unit == "month" and p.days == 6 * MONTH for p in points)


@pytest.mark.parametrize("record,text,days", [
    ("NCT02713789", "up to Week 24 ± 3 days", 168),  # the tolerance is not a time point
])
def test_tolerances(record, text, days):
    assert latest(text) == days
    assert [p.text for p in time_points(text)] == ["Week 24"]


@pytest.mark.parametrize("record,text,expected", [
    ("NCT00661700", "At weeks 4, 8, 12, 18 and 26", [4, 8, 12, 18, 26]),
    ("NCT04497324", "At 3, 14 and 30 days after randomization", [3 / 7, 2, 30 / 7]),
    ("NCT04437875", "at days 0, 14, 21, 28, 42", [0, 2, 3, 4, 6]),
    ("NCT04455815", "Days 1-28 from randomisation.", [1 / 7, 4]),
])
def test_lists_and_ranges_of_visits(record, text, expected):
    assert [round(p.days / WEEK, 3) for p in time_points(text)] == [round(e, 3) for e in expected]


@pytest.mark.parametrize("record,text,days", [
    ("NCT04576156", "From start of treatment till end of cycle 3 in dose escalation and end of cycle 6 in MTD expansion "
                    "(each cycle is 21 days).", 126),
])
def test_cycles_with_their_length(record, text, days):
    assert latest(text) == days


def test_a_cycle_length_is_not_a_time_point():
    # NCT00000626: "Study drugs are administered in 28-day cycles"
    assert time_points("Study drugs are administered in 28-day cycles") == []


@pytest.mark.parametrize("record,a,b", [
    ("NCT00655590", "6 months", "24 weeks"),    # measure "at 6 months", time frame "24 weeks"
    ("NCT00381732", "6 months", "24 weeks"),
    ("NCT00004407", "104 weeks", "two years"),
    ("NCT05042505", "12 Months", "52 weeks"),
])
def test_equivalent_units(record, a, b):
    [first], [second] = time_points(a), time_points(b)
    assert same_time(first, second)


def test_different_times_are_not_equivalent():
    # NCT00497601: "final cure at six months" against a time frame of "one year"
    [first], [second] = time_points("six months"), time_points("one year")
    assert not same_time(first, second)


@pytest.mark.parametrize("record,text,kind", [
    ("NCT02219646", "Type 2 diabetes mellitus diagnosed within 5 years before enrolment in the study", "lookback"),
    ("NCT02593396", "December 2015 to December 2017 in University Malaya Medical Center", "calendar"),
    ("NCT00242138", "every 3 months", "interval"),
])
def test_windows_that_are_not_times_of_the_participant(record, text, kind):
    assert [p.kind for p in time_points(text)] == [kind]
    assert timeframe(text).latest is None and not timeframe(text).vague


@pytest.mark.parametrize("record,text", [
    ("NCT04540029", "At birth"),
    ("NCT04681339", "At discharge, assessing the entire duration of the hospital stay"),
    ("NCT06550752", "before treatment and after 4 months"),
    ("NCT04488068", "before surgery, immediately after surgery, and after TPMS interventions"),
    ("NCT00005333", "a single visit"),
    ("NCT04377464", "July 1, 2020-January 31, 2021"),
    ("NCT04646291", "Up to 6 full menstrual cycles (generally 28 days in length) prior to survey."),
    ("NCT01180283", "16 mounths"),  # a unit with a typo still names an amount
    ("NCT00005922", "Once - at the initial start of the study"),
    ("NCT04674644", "during the survey administration"),
    ("NCT00636506", "For duration of surgery"),
    ("NCT00574184", "During Procedural Cath"),
    ("NCT04631666", "1. Week"),  # the European ordinal: the first week
    ("NCT04419064", "within intubation attempt"),
])
def test_measurable_time_frames(record, text):
    assert not timeframe(text).vague


@pytest.mark.parametrize("record,text", [
    ("NCT00874679", "End of study"),
    ("NCT00652262", "Throughout the study"),
    ("NCT00460317", "Time from randomization to objective disease progression or death due to any cause"),
    ("NCT00494312", "At All Visits"),
    ("NCT04453488", "Final visit"),  # a visit's name, like "Visit 1", says no time
])
def test_vague_time_frames(record, text):
    assert timeframe(text).vague


@pytest.mark.parametrize("record,measure,days", [
    ("NCT06442748", "2-year seizure free survival", 2 * YEAR),
    ("NCT00497601", "final cure (no relapse) at six months", 6 * MONTH),
    ("NCT01026818", "Residual Erectile Function (REF) at Month 10.5", 10.5 * MONTH),
    ("NCT04377464", "Three-month EQ-5D-5L Scores", 3 * MONTH),
])
def test_a_measure_names_its_time_point(record, measure, days):
    point = named_time_point(measure)
    assert point is not None and round(point.days, 3) == round(days, 3)


def test_a_measure_names_a_list_of_visits():
    # NCT00377793
    points = named_time_points("SEP3 at weeks 4, 12, 18, and 24 of treatment compared to placebo")
    assert [p.days / WEEK for p in points] == [4, 12, 18, 24]


@pytest.mark.parametrize("record,measure", [
    ("NCT03361631", "intracavernous injection of autologous MSC in patients 18 to 50 years of age with complicated type 1 diabetes"),
    ("NCT02868983", "CAHPS 12-Month PCMH Adult Questionnaire 2.0"),
    ("NCT02746094", "The difference in the rate of change for the EHS Score before and after treatment sessions (change per two-month period)"),
    ("NCT05827016", "in 2 bone marrow aspirate assessments that are a minimum of 1 year apart"),
    ("NCT06372145", "Time to onset of 6-month confirmed disability worsening (CDW for RMS)"),
    ("NCT00492635", "early dosing of either NIGHTLY or PRN vardenafil over 9 months, followed by 2 months of withdrawal"),
    ("NCT05895539", "for patients with an initial auto-refill plan of 3 months"),
])
def test_ages_periods_and_durations_are_not_named_time_points(record, measure):
    assert named_time_points(measure) == []


def test_a_time_point_counted_from_a_later_event():
    # NCT05929976: "... end of treatment, and 1-year after treatment"; NCT00023673: "at 3 Months After Completion of Therapy"
    [point] = named_time_points("obtained at diagnosis, end of induction, end of treatment, and 1-year after treatment")
    assert point.kind == "after_event"
    assert named_time_point("Complete Response at 3 Months After Completion of Therapy").kind == "after_event"


@pytest.mark.parametrize("text,days", [("18 years", 18 * YEAR), ("6 Months", 6 * MONTH), ("P52W", 364.0), ("P2Y", 2 * YEAR)])
def test_age_days(text, days):
    assert round(age_days(text), 3) == round(days, 3)


@pytest.mark.parametrize("text,days", [("12个月", 12 * MONTH), ("治疗后两年", 2 * YEAR), ("第28天", 28), ("十二周", 84)])
def test_chinese(text, days):
    # the forms of the Chinese example protocols (protocols/, ../shared/seeds/); the corpus has no Chinese record
    assert round(timeframe(text).latest.days, 3) == round(days, 3)


def test_time_point_keeps_its_unit():
    assert time_points("Week 24") == [TimePoint(168.0, "Week 24", "week")]


@pytest.mark.parametrize("record,title,earlier", [
    ("NCT04302987", "Vitamin D Intervention in Infants - 6 Years Follow-up (VIDI2)", True),
    ("NCT01357915", "A Follow-up Study to Evaluate the Long-term Persistence of GSK Biologicals' Candidate CMV Vaccine", True),
    ("NCT05774951", "Invasive breast cancer-free survival", False),
])
def test_follow_up_of_an_earlier_study(record, title, earlier):
    from toolkit.parse.durations import follow_up_of_earlier_study

    assert follow_up_of_earlier_study(title) is earlier


@pytest.mark.parametrize("record,text,vague", [
    ("NCT04377464", "July 1, 2020-January 31, 2021", False),  # a calendar window: when the data were collected
    ("NCT04395833", "From the 24th of April 2020 until the 11th of May 2020", False),
    ("NCT00001756", "12/31/2029", True),  # one calendar date is the study's, not a time of each participant
    ("NCT00498407", "October 2008", True),
])
def test_calendar_windows_and_single_dates(record, text, vague):
    assert timeframe(text).vague is vague
