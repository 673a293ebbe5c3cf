"""Statements a study's text makes about itself; quoted cases come from real registry records
(record id given), the others are the forms the rules document."""

from __future__ import annotations

import pytest

from toolkit.parse.allocation import stated_ratios
from toolkit.parse.statements import (
    about_partners,
    about_this_study,
    admits_people_without_disease,
    arm_counts,
    both_sexes,
    follow_ups,
    participant_counts,
    requires_disease,
    sentences,
    sex_required,
)


def totals(text: str) -> list[tuple[int, int, str, str]]:
    return [(c.low, c.high, c.bound, c.tense) for c in participant_counts(text) if c.scope == "total"]


@pytest.mark.parametrize("text,expected", [
    ("A total of 120 patients will be enrolled.", [(120, 120, "", "planned")]),
    ("We plan to enroll approximately 60 participants.", [(60, 60, "~", "planned")]),
    ("The sample size is 90.", [(90, 90, "", "planned")]),
    ("Up to 100-120 patients will be recruited.", [(100, 120, "≤", "planned")]),
    ("At least 50 subjects will be randomized.", [(50, 50, "≥", "planned")]),
    ("40 patients were enrolled in this study.", [(40, 40, "", "past")]),
    ("本研究计划纳入120例患者。", [(120, 120, "", "planned")]),
    ("已入组40例。", [(40, 40, "", "past")]),
    # NCT04391309: numbers in words
    ("Three hundred patients will be randomized.", [(300, 300, "", "planned")]),
    # NCT00004085
    ("PROJECTED ACCRUAL: A total of 24-30 patients will be accrued for this study within 2.5 years.",
     [(24, 30, "", "planned")]),
    # NCT02964858: the sample size before and after attrition
    ("the sample size is 754 patients (both arms). Considering an attrition rate of 10%, the total sample size is estimated "
     "to be 840 patients (420 in each arm).", [(754, 754, "", "planned"), (840, 840, "", "planned")]),
])
def test_a_total_is_read(text, expected):
    assert totals(text) == expected


@pytest.mark.parametrize("text", [
    # per arm, cohort, stage, rate: parts of the whole
    "30 patients per arm will be randomized.",
    "40-50 patients in each treatment arm is planned.",  # NCT04435587
    "Approximately 500-600 patients are expected to be eligible per year with imaging data.",  # NCT06381531
    "2200 volunteers will be recruited to the intervention (vitamin D) arm, and 2200 to the placebo arm.",  # NCT04476680
    "In Stage 2 of the study, approximately 664 additional subjects will be randomized 1:1 between 2 treatment arms.",  # NCT04975997
    "Initially, up to 3 cohorts of 18 subjects will be enrolled and dosed.",  # NCT04731324
    "Following the interim analysis, another 800 people are planned to involve.",  # NCT04426253
    "20 patients and 20 healthy volunteers will be enrolled.",
    "We aim to recruit up to 20 patients. Additional participants will be recruited from community testing sites.",  # NCT04714333
    # other studies, negations, things that are not people
    "In a previous trial, 300 patients were randomized.",
    "Compared with other studies, 500 patients were enrolled vs. 200 here.",
    "Not 100 patients will be enrolled, as first planned.",
    "3 months participants in the rt-CGMS group will undergo monitoring.",  # NCT05928260
    "Patients with COVID-19 patients will be included in the study.",  # NCT04378829: "19" is part of a name
    "The sample size of 30 samples per group.",
])
def test_no_total_is_read(text):
    assert totals(text) == []


@pytest.mark.parametrize("text,number", [
    ("Patients will be randomized into two groups.", 2),
    ("This is a single-arm, open-label phase II study.", 1),
    ("A Three-arm Randomized Trial", 3),
    ("患者随机分为两组", 2),
    ("单臂研究", 1),
    ("patients are randomized to 1 of 2 treatment arms.", 2),  # NCT00006890
    ("The study comprises two arms: Arm 1 ...", 2),
])
def test_a_number_of_arms_is_read(text, number):
    assert [c.number for c in arm_counts(text)] == [number]


@pytest.mark.parametrize("text", [
    "This is not a two-arm study.",
    "Unlike previous single-arm trials, this study is randomized.",
    "the patient will be assigned to one arm of the study (random)",  # NCT01442077
    "One arm will be the study drug anti-IL6R.",  # NCT04377750
    "2 Phase 2 arm study",  # NCT02344823
    "Based on the IIEF5 score, patients will be divided into 4 groups (each of 10 patients)",  # NCT03862547
    "Patients were divided into two groups according to MetS presence or absence.",  # NCT04383093
])
def test_no_number_of_arms_is_read(text):
    assert arm_counts(text) == ()


@pytest.mark.parametrize("text,days,bound", [
    ("Patients will be followed up for 2 years.", 730.5, ""),
    ("All participants have a 5-year follow-up.", 1826.25, ""),
    ("The follow-up period of up to 3 years.", 1095.75, "≤"),
    ("患者随访3年。", 1095.75, ""),
    ("Patients will be followed for at least 12 months.", 365.25, "≥"),
])
def test_a_follow_up_is_read(text, days, bound):
    [found] = follow_ups(text)
    assert (found.days, found.bound) == (days, bound)


def test_a_second_follow_up_in_the_sentence_is_read():
    # NCT04422470
    text = ("Patients will be followed for 30 days after COVID-19 diagnosis and up to 6 months for hematologic "
            "disease outcomes and overall survival assessment.")
    assert [(f.days, f.bound) for f in follow_ups(text)] == [(30.0, ""), (182.625, "≤")]


@pytest.mark.parametrize("text", [
    "Patients will be followed every 3 months.",
    "The median follow-up of 24 months was reported.",
    "In a previous trial patients were followed for 5 years.",
])
def test_no_follow_up_is_read(text):
    assert follow_ups(text) == ()


@pytest.mark.parametrize("criterion,sex", [
    ("Postmenopausal women with hormone receptor-positive breast cancer", "female"),
    ("Male patients, age from 21 years to 60 years ;", "male"),  # NCT03566914
    ("Male participants...", "male"),  # NCT03418623
    ("女性，18-70岁", "female"),
    ("Women of childbearing potential must use contraception", None),
    ("Male or non-pregnant female adult ≥18 years of age", None),  # NCT04359290
    ("Male≥50kg，femal≥45kg, Body mass index should be between 18 and 30 kg/m2", None),  # NCT05185011
    ("No males.", None),  # NCT00001599
    ("No pregnant women.", None),  # NCT00001930
    ("9 Male subjects must not freeze or donate sperm throughout the study period", None),  # NCT06429761
    ("Female donors who participate in the in vivo portion of the study:", None),  # NCT04418934
])
def test_a_criterion_restricting_to_one_sex(criterion, sex):
    assert sex_required(criterion) == sex


@pytest.mark.parametrize("criterion,both", [
    ("Female or male", "Female or male"),  # NCT04472845
    ("Men and women aged 18-75", "Men and women"),
    ("A man or woman, 30 years of age or above", "man or woman"),  # NCT06060392
    ("男女不限", "男女不限"),
    ("No males or females under 18", None),
    ("Women of childbearing potential must use contraception", None),
])
def test_a_criterion_admitting_both_sexes(criterion, both):
    assert both_sexes(criterion) == both


def test_partners():
    assert about_partners("Motivated to support treatment for male partner's ED")  # NCT00377793
    assert not about_partners("Male patients with ED")


@pytest.mark.parametrize("criterion,required", [
    ("Histologically confirmed hepatocellular carcinoma", True),
    ("Subjects diagnosed with organic ED for at least 3 months", True),  # NCT06167733
    ("病理确诊的肝细胞癌", True),
    ("Healthcare workers must be exposed through ongoing contact to a confirmed or clinically diagnosed COVID-19 patient",
     False),  # NCT04626076: the patient's diagnosis, not the participant's
    ("Age 18 to 75 years", False),
])
def test_a_criterion_requiring_a_disease(criterion, required):
    assert bool(requires_disease(criterion)) is required


@pytest.mark.parametrize("text,admits", [
    ("Healthy volunteers aged 18-45", True),
    ("Subjects without chilblains", True),  # NCT04455308
    ("Participants without Heart Disease", True),  # NCT04468256
    ("健康对照", True),
    ("Patients with hepatocellular carcinoma", False),
])
def test_a_text_admitting_people_without_the_disease(text, admits):
    assert bool(admits_people_without_disease(text)) is admits


def test_sentences_about_other_studies_are_skipped():
    text = "In a previous trial, 300 patients were randomized. This study will enrol 60 patients."
    assert [s for s in sentences(text) if about_this_study(s)] == ["This study will enrol 60 patients."]
    assert totals(text) == [(60, 60, "", "planned")]


@pytest.mark.parametrize("text,parts", [
    ("Patients will be randomized 2:1 to lenvatinib or sorafenib.", [[2, 1]]),
    ("randomized one-to-one", [[1, 1]]),
    ("按1:1比例随机分组", [[1, 1]]),
    ("comprising men in middle age (40 to 59 years), randomized", []),  # NCT03150225: an age range
    ("randomized, placebo-controlled study. Arm 1: 25 subjects treated", []),  # NCT04629105: a label and a count
])
def test_stated_ratios(text, parts):
    assert [p for p, _ in stated_ratios(text)] == parts
