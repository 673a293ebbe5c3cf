"""How the allocation is stated in free text; every case quotes a real registry record."""

from __future__ import annotations

import pytest

from toolkit.parse.allocation import cluster_design, stated_ratio, within_participant_design


@pytest.mark.parametrize("record,text,found", [
    ("NCT04352946", "374 health care workers will be randomized at a 1:1 allocation between the intervention and placebo arms", "1:1"),
    ("NCT03165734", "Approximately 399 patients in total will be enrolled, randomized 2:1 to either pacritinib", "2:1"),
    ("NCT00497172", "A total of 250 patients will be entered in the study and will be randomized on a 1:1 basis.", "1:1"),
    ("NCT04660084", "Randomization of CAP patients to the two treatment arms (1:1) will be performed in blocks of size 4", "1:1"),
    ("NCT00492219", "Patients will have an equal opportunity of receiving either implant system.", "equal opportunity"),
    ("NCT02753764", "will be randomized for treatment with p38 inhibitor AZD7624 or placebo (5 patients per group)", "5 patients per group"),
    ("NCT06209411", "Slum communities will be randomized in equal number to one of two study arms.", "in equal number to"),
    ("NCT03905057", "randomizer.org), in a design that obtains equal sample size per group.", "equal sample size per"),
    ("NCT05814965", "They will be equally divided into two broad groups either without", "equally divided into two broad groups"),
    ("NCT04969666", "In each group, subjects will be randomised evenly to each of the three study treatments", "randomised evenly"),
    ("NCT04721834", "recruited with 20% of drop out expected (i.e. 42 subjects in each group).", "42 subjects in each group"),
    ("NCT04629105", "Cohort 1: Subjects with ARDS. Arm 1: 25 subjects treated with up to 3 doses of 100 million LMSCs.", "Arm 1: 25 subjects"),
])
def test_a_stated_ratio_is_read(record, text, found):
    assert stated_ratio(text) == found


@pytest.mark.parametrize("record,text", [
    # titres, ratios of lab values and clock times are not allocation ratios
    ("NCT04355767", "convalescent plasma with neutralizing SARS-CoV2 antibodies titers of ≥1:160 administered via IV"),
    ("NCT04366232", "ARDS defined by a patient under mechanical ventilation with a ratio PaO2/FiO2 < 300 for more than 24h"),
    ("NCT04379336", "estimation of hazard ratio between the two arms using a Cox proportional hazard model"),
    ("NCT00644956", "the minimum time required to achieve penile rigidity greater than or equal to 60% at the base"),
    ("NCT05466695", "Effect of Tadalafil 5 mg/Day to Sildenafil 25 mg/Day on Neutrophil-Lymphocyte Ratios"),
    ("NCT03775239", "The investigators aim for an equal number of men and women in each group."),
    ("NCT04861558", "The drug is divided equally into 2 injections of 200 ml each"),
    ("NCT05347329", "Plus is equally distributed and inserted into 3 capsules size 1"),
    # ranges of ages and of counts per centre, beside the word "randomized", are not ratios
    ("NCT00763412", "a pilot, double-blinded, randomized controlled trial in 20 CF patients ages of 12 to 24 years old"),
    ("NCT03150225", "randomized clinical trial, comprising men in middle age (40 to 59 years) with ADAM"),
    ("NCT00462631", "randomized to either of the treatment groups on the order of 20 to 50 patients per center."),
])
def test_other_numbers_are_not_a_ratio(record, text):
    assert stated_ratio(text) is None


@pytest.mark.parametrize("record,text", [
    ("NCT02712411", "A Randomized, Open-Label, Crossover, Single-Dose Study to Compare Pharmacokinetic Properties"),
    ("NCT04008732", "Open-label, Randomised, Single Dose, Six Period, Reference Replicate, Crossover Study"),
    ("NCT00862888", "Randomised, Double Blind, Placebo Controlled 4-Way Crossover Study To Assess The Efficacy"),
])
def test_within_participant_designs(record, text):
    assert within_participant_design(text)


def test_no_crossover_is_not_a_crossover():
    # NCT04366232's model description
    assert within_participant_design("Assignment to one of two or more groups in parallel during the study No crossover") is None


@pytest.mark.parametrize("record,text", [
    ("NCT06209411", "The investigators propose a cluster randomized clinical trial to determine whether"),
    ("NCT06579950", "the investigators will conduct a cluster-randomized controlled trial to establish"),
    ("NCT04043364", "Stepped Wedge and Randomized Controlled Trial"),
])
def test_cluster_designs(record, text):
    assert cluster_design(text)
