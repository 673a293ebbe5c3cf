from __future__ import annotations

from helpers import findings

BASE = "schema_version: 1\nid: t\n"


def nar(body: str, code: str) -> list[int]:
    return [line for line, _ in findings(body, code, base=BASE)]


def titled(body: str, code: str) -> list[int]:
    """Lines of `code` in a body without a title (the harness's base gives one)."""
    return [line for line, _ in findings(body, code)]


def test_nar001_title_phase_vs_phases():
    body = "title: {brief: A Phase III Randomized Trial of D2 Versus D3 Lymphadenectomy}\n" \
           "design: {study_type: interventional, phases: [na]}\n"
    assert nar(body, "NAR001") == [1]
    assert nar(body.replace("[na]", "[phase3]"), "NAR001") == []
    combined = "title: {brief: A Phase I/II Study of Drug X}\ndesign: {study_type: interventional, phases: [phase1, phase2]}\n"
    assert nar(combined, "NAR001") == []
    two_parts = "title: {brief: 'A Single-arm Phase I Study, Followed by a Randomized Phase III'}\n" \
                "design: {study_type: interventional, phases: [phase3]}\n"
    assert nar(two_parts, "NAR001") == []


def test_nar002_title_design_vs_design():
    body = "title: {brief: A Randomized Phase II Study of Thalidomide}\ndesign: {study_type: interventional, allocation: na}\n"
    assert nar(body, "NAR002") == [1]
    assert nar(body.replace("allocation: na", "allocation: randomized"), "NAR002") == []
    negated = "title: {brief: A Non-randomized Study of Thalidomide}\ndesign: {study_type: interventional, allocation: non_randomized}\n"
    assert nar(negated, "NAR002") == []
    blind = "title: {brief: A Double-blind Trial}\ndesign: {study_type: interventional, masking: {level: none}}\n"
    assert nar(blind, "NAR002") == [1]
    probe = "title: {brief: An Open-label Trial With Blinded End-point Assessment}\n" \
            "design: {study_type: interventional, masking: {level: double, who: [outcomes_assessor, investigator]}}\n"
    assert nar(probe, "NAR002") == []
    crossover = "title: {brief: A Crossover Study}\ndesign: {study_type: interventional, model: parallel}\n"
    assert nar(crossover, "NAR002") == [1]
    case_crossover = "title: {brief: A Case Crossover Study}\ndesign: {study_type: interventional, model: parallel}\n"
    assert nar(case_crossover, "NAR002") == []


def test_nar003_enrollment_vs_text():
    body = "summary: A total of 120 patients will be enrolled.\n" \
           "design: {study_type: interventional, enrollment: {count: 80, type: estimated}}\n"
    assert titled(body, "NAR003") == [1]
    assert titled(body.replace("count: 80", "count: 120"), "NAR003") == []
    # approximately allows 10 %, "up to" is a bound, a range is a range
    assert titled(body.replace("A total of", "Approximately").replace("count: 80", "count: 125"), "NAR003") == []
    assert titled(body.replace("A total of", "Up to").replace("count: 80", "count: 100"), "NAR003") == []
    assert titled(body.replace("A total of", "Up to").replace("count: 80", "count: 130"), "NAR003") == [1]
    assert titled(body.replace("120", "100-120").replace("count: 80", "count: 110"), "NAR003") == []
    # per-arm counts, other studies, negations and several groups are not the study's total
    per_arm = body.replace("A total of 120 patients will be enrolled.", "60 patients per arm will be randomized.")
    assert titled(per_arm, "NAR003") == []
    other = body.replace("A total of", "In a previous trial, a total of").replace("will be", "were")
    assert titled(other, "NAR003") == []
    versus = body.replace("A total of 120 patients will be enrolled.",
                          "Compared with earlier studies, 120 patients will be enrolled vs. 300.")
    assert titled(versus, "NAR003") == []
    groups = body.replace("A total of 120 patients will be enrolled.", "60 patients and 20 healthy volunteers will be enrolled.")
    assert titled(groups, "NAR003") == []
    # an actual count is held only against what the text says was enrolled
    actual = body.replace("estimated", "actual")
    assert titled(actual, "NAR003") == []
    assert titled(actual.replace("will be enrolled", "were enrolled"), "NAR003") == [1]
    chinese = "summary: 本研究计划纳入120例患者。\ndesign: {study_type: interventional, enrollment: {count: 80, type: estimated}}\n"
    assert titled(chinese, "NAR003") == [1]
    assert titled(chinese.replace("count: 80", "count: 120"), "NAR003") == []


RANDOMIZED = "design: {study_type: interventional, allocation: randomized, randomization: {ratio: '1:1'}}\n" \
             "arms:\n  - {id: a, label: Lenvatinib, type: experimental}\n  - {id: b, label: Sorafenib, type: active_comparator}\n"


def test_nar004_ratio_vs_text():
    body = "summary: Patients will be randomized 2:1 to lenvatinib or sorafenib.\n" + RANDOMIZED
    assert titled(body, "NAR004") == [1]
    assert titled(body.replace("'1:1'", "'2:1'"), "NAR004") == []
    assert titled(body.replace("'1:1'", "'1:2'"), "NAR004") == []  # the text may name the arms in another order
    other = body.replace("Patients will be randomized 2:1", "A previous trial randomized patients 2:1")
    assert titled(other, "NAR004") == []
    chinese = "summary: 患者按2:1比例随机分组。\n" + RANDOMIZED
    assert titled(chinese, "NAR004") == [1]
    no_field = body.replace(", randomization: {ratio: '1:1'}", "")
    assert titled(no_field, "NAR004") == []


def test_nar005_arm_count_vs_text():
    body = "summary: Patients will be randomized into three groups.\n" + RANDOMIZED
    assert titled(body, "NAR005") == [1]
    assert titled(body.replace("three", "two"), "NAR005") == []
    negated = body.replace("Patients will be randomized into three groups.", "This is not a three-arm trial.")
    assert titled(negated, "NAR005") == []
    other = body.replace("Patients will be randomized into three groups.", "Unlike previous three-arm trials, this one is smaller.")
    assert titled(other, "NAR005") == []
    analysis = body.replace("randomized into three groups", "divided into three groups according to their age")
    assert titled(analysis, "NAR005") == []
    # fewer groups than arms: cohorts and parts are often registered as arms
    single = "title: {brief: A Single-arm Phase II Study of Drug X}\n" + RANDOMIZED
    assert nar(single, "NAR005") == []
    chinese = "summary: 患者随机分为三组。\n" + RANDOMIZED
    assert titled(chinese, "NAR005") == [1]


def test_nar006_healthy_volunteers_vs_criteria():
    body = "title: {brief: A trial}\neligibility: {healthy_volunteers: true, inclusion: [Histologically confirmed hepatocellular carcinoma]}\n"
    assert nar(body, "NAR006") == [2]
    assert nar(body.replace("true", "false"), "NAR006") == []
    controls = body.replace("carcinoma]", "carcinoma, Healthy controls matched on age]")
    assert nar(controls, "NAR006") == []
    arm = body + "arms:\n  - {id: a, label: Patients}\n  - {id: b, label: Participants without liver disease}\n"
    assert nar(arm, "NAR006") == []
    exposed = body.replace("Histologically confirmed hepatocellular carcinoma",
                           "Nurses exposed to a patient with confirmed diagnosis of COVID-19")
    assert nar(exposed, "NAR006") == []
    chinese = body.replace("Histologically confirmed hepatocellular carcinoma", "病理确诊的肝细胞癌")
    assert nar(chinese, "NAR006") == [2]


def test_nar007_sex_vs_criteria():
    body = "title: {brief: A trial}\neligibility:\n  sex: all\n  inclusion: [Postmenopausal women with breast cancer, Age 50 or older]\n"
    assert nar(body, "NAR007") == [4]
    assert nar(body.replace("sex: all", "sex: female"), "NAR007") == []
    conditional = body.replace("Postmenopausal women with breast cancer", "Women of childbearing potential must use contraception")
    assert nar(conditional, "NAR007") == []
    both_named = body.replace("Age 50 or older", "Men with a BRCA mutation")
    assert nar(both_named, "NAR007") == []
    female = "eligibility:\n  sex: female\n  inclusion: [Men and women aged 18-75]\n"
    assert titled(female, "NAR007") == [3]
    negated = "eligibility:\n  sex: female\n  inclusion: [No males]\n"
    assert titled(negated, "NAR007") == []
    partners = "eligibility:\n  sex: male\n  inclusion: [Males with ED, Females 18 years and older, Stable partner for 6 months]\n"
    assert titled(partners, "NAR007") == []
    chinese = "eligibility:\n  sex: female\n  inclusion: [男女不限，18-75岁]\n"
    assert titled(chinese, "NAR007") == [3]


def test_nar008_follow_up_vs_text():
    body = "summary: Patients will be followed up for 2 years.\ndesign: {study_type: interventional, follow_up: 1 year}\n"
    assert titled(body, "NAR008") == [1]
    assert titled(body.replace("1 year", "24 months"), "NAR008") == []
    assert titled(body.replace("for 2 years", "for up to 2 years"), "NAR008") == []
    every = body.replace("followed up for 2 years", "followed up every 2 years")
    assert titled(every, "NAR008") == []
    median = body.replace("Patients will be followed up for 2 years.", "A median follow-up of 2 years was reported.")
    assert titled(median, "NAR008") == []
    chinese = "summary: 患者随访3年。\ndesign: {study_type: interventional, follow_up: 1 year}\n"
    assert titled(chinese, "NAR008") == [1]
    two = ("summary: Patients will be followed for 30 days after diagnosis and up to 6 months for survival.\n"
           "design: {study_type: interventional, follow_up: 6 months}\n")
    assert titled(two, "NAR008") == []


def test_nar009_withdrawn_reports_enrollment():
    body = "status: {overall: withdrawn, why_stopped: Funding}\nsummary: 40 patients were enrolled before the study stopped.\n" \
           "design: {study_type: interventional, enrollment: {count: 0, type: actual}}\n"
    assert titled(body, "NAR009") == [2]
    assert titled(body.replace("were enrolled", "will be enrolled"), "NAR009") == []
    assert titled(body.replace("withdrawn", "terminated"), "NAR009") == []
    other = body.replace("40 patients were enrolled before the study stopped.", "In a previous trial, 40 patients were enrolled.")
    assert titled(other, "NAR009") == []
    chinese = body.replace("40 patients were enrolled before the study stopped.", "已入组40例患者。")
    assert titled(chinese, "NAR009") == [2]
