"""How outcome titles and time frames are read: real titles from registry records."""

from __future__ import annotations

import pytest

from toolkit.parse import outcomes


@pytest.mark.parametrize("title, expected", [
    ("Safety", True),
    ("Safety and tolerability", True),
    ("Adverse events (AEs)", True),
    ("Adverse events (assessed by NCI CTCAE v5.0)", True),
    ("Quality of Life", True),
    ("Feasibility of the study intervention", True),
    ("AE", True),
    ("Pain", True),
    ("Number of participants with treatment-related adverse events", False),
    ("Pain intensity on a 0-10 numeric rating scale", False),
    ("Efficacy > 80%", False),
    ("The evaluation of safety of study drug (Number of Participants with Abnormal Laboratory Values)", False),
    ("Acceptability of Intervention Measure", False),
    ("Overall survival", False),
])
def test_non_specific(title, expected):
    assert outcomes.non_specific(title) is expected


@pytest.mark.parametrize("title, expected", [
    ("HADS", True),
    ("SF-36", True),
    ("Hospital Anxiety and Depression Scale (HADS)", True),
    ("Insomnia Severity Index (ISI)", True),
    ("Short Form McGill Pain Questionnaire (SF-MPQ)", True),
    ("HADS anxiety subscale score", False),
    ("Change from baseline in SF-36 physical component score", False),
    ("Proportion of participants with a PHQ-9 score of 10 or more", False),
    ("Body mass index", False),
    ("Omega 3 index", False),
    ("Pain measured using the visual analogue scale", False),
])
def test_instrument_only(title, expected):
    assert outcomes.instrument_only(title) is expected


@pytest.mark.parametrize("title, expected", [
    ("Weight and waist circumference", ("Weight", "waist circumference")),
    ("Response and relapse rates", ("Response", "relapse rates")),
    ("Incidence and severity of adverse events", ("Incidence", "severity")),
    ("Systolic and Diastolic Blood Pressure (SBP and DBP)", ("Systolic", "Diastolic Blood Pressure")),
    ("Number of participants with nausea and vomiting", None),
    ("Signs and symptoms of infection", None),
    ("Western Ontario and McMaster Osteoarthritis Index (WOMAC)", None),
    ("30-day and 90-day mortality", None),
    ("Determine a safe and tolerable dose of vincristine", None),
    ("Dose Optimization and Safety Lead-In Part B: Number of Participants with a TEAE", None),
    ("Safety and tolerability", None),
    ("Progression-free survival", None),
])
def test_joined_measures(title, expected):
    assert outcomes.joined_measures(title) == expected


@pytest.mark.parametrize("title, expected", [
    ("To evaluate the overall efficacy of CT-P59 for Part 1 and 2", "To evaluate"),
    ("to compare presence of fever in patients with and without pancreatic injury", "to compare"),
    ("Relapse-free survival will be analysed using the Kaplan-Meier method", "will be analysed"),
    ("Adverse events will be recorded", "will be recorded"),
    ("Pain Relief (Numerical pain rating scale will be used)", None),
    ("Time to progression", None),
])
def test_objective_wording(title, expected):
    assert outcomes.objective_wording(title) == expected


@pytest.mark.parametrize("timeframe, expected", [
    ("Up to 12 weeks", "Up to"),
    ("0-5 years", "0-5"),
    ("within the 3 months after the admission date", "within"),
    ("Week 12", None),
    ("Baseline and week 12", None),
])
def test_window(timeframe, expected):
    assert outcomes.window(timeframe) == expected


@pytest.mark.parametrize("timeframe, expected", [
    ("From the second visit onward", "onward"),
    ("Ongoing", "Ongoing"),
    ("every 3 months thereafter", "thereafter"),
    ("every 3 months thereafter, up to 2 years", None),
    ("Up to 2 years", None),
])
def test_open_ended(timeframe, expected):
    assert outcomes.open_ended(timeframe) == expected


@pytest.mark.parametrize("measure, expected", [
    ("Change from baseline in ASQoL at Week 52", True),
    ("Satisfaction With Medication at Week 12 or LOCF", True),
    ("Time to improvement at Day 29", True),
    ("Overall survival at 24 months", False),
])
def test_over_interval(measure, expected):
    assert outcomes.over_interval(measure) is expected
