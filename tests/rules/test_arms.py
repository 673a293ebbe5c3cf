from __future__ import annotations

import pytest
from helpers import findings, lines

INTERVENTIONS = """interventions:
  - {id: drug-a, name: Drug A, type: drug}
  - {id: drug-b, name: Drug B, type: drug}
"""


def test_arm001_unused_intervention():
    arms = "arms:\n  - {id: a, label: A, type: experimental, interventions: [drug-a]}\n"
    assert lines(arms + INTERVENTIONS, "ARM001") == [5]
    both = "arms:\n  - {id: a, label: A, type: experimental, interventions: [drug-a, drug-b]}\n"
    assert lines(both + INTERVENTIONS, "ARM001") == []


def test_arm002_arm_without_intervention():
    arms = "arms:\n  - {id: a, label: A, type: experimental}\n  - {id: b, label: B, type: no_intervention}\n"
    assert lines(arms + INTERVENTIONS, "ARM002") == [2]


def test_arm003_unknown_reference():
    arms = "arms:\n  - {id: a, label: A, type: experimental, interventions: [drug-a, drug-c]}\n"
    assert lines(arms + INTERVENTIONS, "ARM003") == [2]


def test_arm004_duplicates():
    arms = "arms:\n  - {id: a, label: A, type: experimental}\n  - {id: a, label: A, type: experimental}\n"
    assert len(findings(arms, "ARM004")) == 2  # the id and the label


def test_arm005_masking():
    assert lines("design: {study_type: interventional, masking: {level: double, who: [participant]}}\n", "ARM005") == [1]
    assert lines("design: {study_type: interventional, masking: {level: double, who: [participant, investigator]}}\n", "ARM005") == []
    assert lines("design: {study_type: interventional, masking: {level: none}}\n", "ARM005") == []


def test_arm005_not_applied_before_the_final_rule():
    # NCT00090376 (first submitted 2004-08-25, start 2003-12): "Double" with no roles, as PRS took it then
    legacy = "status: {first_submitted: 2004-08-25, start: {date: 2003-12}}\n"
    assert lines(legacy + "design: {study_type: interventional, masking: {level: double}}\n", "ARM005") == []
    # the old label "Double Blind (Subject, Caregiver, Investigator, Outcomes Assessor)": four roles
    four = "design: {study_type: interventional, masking: {level: double, who: [participant, care_provider, investigator, outcomes_assessor]}}\n"
    assert lines(legacy + four, "ARM005") == []
    current = "status: {first_submitted: 2020-05-04, start: {date: 2020-05-28, type: actual}}\n"
    assert lines(current + four, "ARM005") == [2]


def test_arm006_phases():
    assert lines("design: {study_type: observational, phases: [phase2]}\n", "ARM006") == [1]
    assert lines("design: {study_type: interventional, phases: [phase1, phase3]}\n", "ARM006") == [1]
    assert lines("design: {study_type: interventional, phases: [phase1, phase2]}\n", "ARM006") == []


def test_arm007_alternative_doses():
    body = """interventions:
  - id: lenvatinib
    name: Lenvatinib
    type: drug
    dosing:
      - {dose: 12 mg, frequency: once daily}
      - {dose: 8 mg, frequency: once daily}
"""
    assert lines(body, "ARM007") == [7]
    chosen = body.replace("once daily}\n      - {dose: 8 mg, frequency: once daily}",
                          "once daily, condition: body weight ≥ 60 kg}\n      - {dose: 8 mg, frequency: once daily, condition: body weight < 60 kg}")
    assert lines(chosen, "ARM007") == []
    phases = body.replace("{dose: 12 mg, frequency: once daily}", "{dose: 12 mg, frequency: once daily, phase: induction}")
    assert lines(phases, "ARM007") == []  # sequential regimens, not alternatives


def test_arm007_alternative_doses_in_text():
    text = "arms:\n  - {id: a, label: A, type: experimental, description: 'Lenvatinib 12 mg (or 8 mg) once daily'}\n"
    assert lines(text, "ARM007") == [2]
    conditional = text.replace("(or 8 mg)", "(or 8 mg if body weight < 60 kg)")
    assert lines(conditional, "ARM007") == []


def test_arm008_alternative_interventions():
    body = "interventions:\n  - {id: x, name: FOLFIRI or FOLFOX or Regorafenib, type: drug}\n"
    assert lines(body, "ARM008") == [2]
    chosen = body.replace("type: drug}", "type: drug, description: Investigator's choice based on prior therapy}")
    assert lines(chosen, "ARM008") == []
    technique = "interventions:\n  - {id: rt, name: IMRT or VMAT, type: radiation}\n"
    assert lines(technique, "ARM008") == []


def test_arm002_observational_groups_need_no_intervention():
    arms = "arms:\n  - {id: a, label: Never users, type: other}\n"
    body = "design: {study_type: observational}\n" + arms + INTERVENTIONS
    assert findings(body, "ARM002") == []


@pytest.mark.parametrize("description,fires", [
    ("Sildenafil 50 mg or 100mg orally approximately 1 hour before sexual activity", True),  # NCT00343200
    ("Sildenafil Oral Film containing 25 mg, 50 mg, 75 mg or 100 mg sildenafil as citrate, flexible-dose", False),  # NCT05490680
    ("Pioglitazone 15 mg or 30 mg titrated to 45 mg, tablets, orally, once daily", False),  # NCT00494312
    ("Each vial containing lyophilized Docetaxel lipid powder, equivalent to 20 mg or 80 mg of anhydrous Docetaxel.", False),  # NCT03671044
])
def test_arm007_titration_and_vial_strengths_are_not_alternatives(description, fires):
    body = f"interventions:\n  - {{id: x, name: X, type: drug, description: '{description}'}}\n"
    assert bool(lines(body, "ARM007")) is fires


@pytest.mark.parametrize("name,arms,fires", [
    ("Gemcitabine + Carboplatin or Eribulin", "", True),  # NCT03424005
    ("Steroid Mouthwash (dexamethasone or equivalent)", "", False),  # NCT06305754
    ("Sildenafil Oral Film 25 mg, 50 mg, 75 mg or 100 mg", "", False),  # NCT05490680: doses
    # NCT00492128: each alternative is an arm of its own
    ("Losartan/amlodipine or losartan/hydrochlorothiazide",
     "arms:\n  - {id: a, label: Losartan/hydrochlorothiazide, type: experimental, interventions: [x]}\n"
     "  - {id: b, label: Losartan/amlodipine, type: experimental, interventions: [x]}\n", False),
])
def test_arm008_substitutions_doses_and_arms(name, arms, fires):
    body = arms + f"interventions:\n  - {{id: x, name: '{name}', type: drug}}\n"
    assert bool(lines(body, "ARM008")) is fires


def test_arm009_treatment_named_but_not_declared():
    body = """arms:
  - id: a
    label: A
    type: experimental
    description: "Gemcitabine 1 g/m2 on days 1 and 8, plus oral calcium 500 mg daily. Drug: Lenvatinib 12 mg"
    interventions: [gemcitabine]
interventions:
  - {id: gemcitabine, name: Gemcitabine, type: drug}
  - {id: lenvatinib, name: Lenvatinib, type: drug}
"""
    found = findings(body, "ARM009")
    assert [line for line, _ in found] == [5, 5]
    messages = " | ".join(message for _, message in found)
    assert '"calcium", which is not a declared intervention' in messages
    assert '"Drug: Lenvatinib", but intervention "Lenvatinib" is not listed in this arm' in messages
    declared = body.replace("interventions: [gemcitabine]", "interventions: [gemcitabine, lenvatinib, calcium]") + \
        "  - {id: calcium, name: Calcium carbonate, type: dietary_supplement}\n"
    assert lines(declared, "ARM009") == []


def test_arm009_brand_names_components_and_misspellings_are_the_declared_drug():
    brand = """arms:
  - {id: a, label: A, type: experimental, interventions: [s], description: "Viagra 50 mg on demand"}
interventions:
  - {id: s, name: Sildenafil tablet, type: drug}
"""
    assert lines(brand, "ARM009") == []
    component = brand.replace("Viagra 50 mg on demand", "one tablet containing 5 mg tadalafil and 5 mg LY2452473")
    assert lines(component, "ARM009") == []
    misspelt = brand.replace("Viagra 50 mg", "Sildenafill 50 mg")
    assert lines(misspelt, "ARM009") == []


def test_arm010_placebo_arm_without_placebo():
    body = """arms:
  - {id: control, label: Control, type: placebo_comparator, interventions: [standard]}
interventions:
  - {id: standard, name: Standard chemotherapy, type: drug}
"""
    assert lines(body, "ARM010") == [2]
    placebo = body.replace("Standard chemotherapy", "Placebo tablets")
    assert lines(placebo, "ARM010") == []
    sham = body.replace("placebo_comparator", "sham_comparator")
    assert lines(sham, "ARM010") == []


def test_arm007_doses_given_by_the_arms():
    # NCT00381732: the intervention says "2.5 mg or 5 mg tadalafil", arm 2 gets 2.5 mg and arm 3 5 mg
    body = """arms:
  - {id: a, label: '2', type: experimental, description: 2.5 mg tadalafil tablet, interventions: [t]}
  - {id: b, label: '3', type: experimental, description: 5 mg tadalafil tablet, interventions: [t]}
interventions:
  - {id: t, name: Tadalafil, type: drug, description: 2.5 mg or 5 mg tadalafil tablet taken by mouth once a day}
"""
    assert lines(body, "ARM007") == []
    assert lines(body.replace("description: 5 mg tadalafil", "description: tadalafil"), "ARM007") == [5]
