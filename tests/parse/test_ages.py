"""How ages in eligibility criteria are read. Every case is real text; the record it comes from
(relative to ../shared/corpus, or the seed protocol) is named beside it."""

from __future__ import annotations

import pytest

from toolkit.parse.ages import ages, bounds

# (source, criterion, [(operator, value, unit, role), ...])
CASES = [
    # --- one-sided limits, symbols and words
    ("registry/xml/NCT02679963", "Age > 18 years", [(">", 18, "years", "bound")]),
    ("registry/json/NCT05631795", "Postmenopausal females and males ≥ 18 years old with confirmed HR-positive, "
     "HER2-negative advanced or metastatic breast cancer.", [(">=", 18, "years", "bound")]),
    ("registry/json/NCT04164355", "age older than 45 years", [(">", 45, "years", "bound")]),
    ("registry/xml/NCT04477473", "Aged above 18 years of age", [(">", 18, "years", "bound")]),
    ("registry/xml/NCT00006436", "at the time of the pre-treatment diagnostic lumbar puncture Age greater than or equal "
     "to 18 years Laboratory tests", [(">=", 18, "years", "bound")]),
    ("registry/json/NCT06717698", "Age 18 years or above at the time of signing the informed consent.",
     [(">=", 18, "years", "bound")]),
    ("registry/xml/NCT04455815", "Adults, 18 years of age and above who score moderate to very high risk",
     [(">=", 18, "years", "bound")]),
    ("registry/xml/NCT00002845", "Age: 18 and over", [(">=", 18, "years", "bound")]),
    ("registry/json/NCT01423370", "Male volunteers of aged 20 years and older with history of organic erectile "
     "dysfunction of at least 6 months duration", [(">=", 20, "years", "bound")]),
    ("registry/json/NCT06716424", "Participants must be ≥18 years of age, at the time of signing the informed consent",
     [(">=", 18, "years", "bound")]),
    ("registry/json/NCT00973089", "Patient's age is 5-8 years old at the time of the treatment",
     [(">=", 5, "years", "bound"), ("<=", 8, "years", "bound")]),
    # "equal to or older than" is inclusive (issue 11)
    ("issue 11", "Equal to or older than 18 years", [(">=", 18, "years", "bound")]),
    # --- two limits in one criterion
    ("registry/json/NCT00555087", "Patients older than 18 years old and younger than 70 years.",
     [(">", 18, "years", "bound"), ("<", 70, "years", "bound")]),
    ("registry/json/NCT04474964", "Age more than 3 years and less than 16 years.",
     [(">", 3, "years", "bound"), ("<", 16, "years", "bound")]),
    ("registry/json/NCT02746094", "The patient is a man at least 18 years old and less than 80 years old",
     [(">=", 18, "years", "bound"), ("<", 80, "years", "bound")]),
    ("registry/json/NCT04861558", "≥ 18 years old and ≤78 years old",
     [(">=", 18, "years", "bound"), ("<=", 78, "years", "bound")]),
    ("seed NCT07063888", "Age > 18 years, < 80 years", [(">", 18, "years", "bound"), ("<", 80, "years", "bound")]),
    ("registry/json/NCT03633708", "Age of 28 days or older and less than 18 years",
     [(">=", 28, "days", "bound"), ("<", 18, "years", "bound")]),
    # --- ranges
    ("ctgov-xml/NCT02438137", "Age of 18-65 years at screening;", [(">=", 18, "years", "bound"), ("<=", 65, "years", "bound")]),
    ("ctgov-xml/NCT03459976", "Age (45 - 70 yr old).", [(">=", 45, "years", "bound"), ("<=", 70, "years", "bound")]),
    ("registry/json/NCT02712411", "Healthy male volunteer, age 20~55 years",
     [(">=", 20, "years", "bound"), ("<=", 55, "years", "bound")]),
    ("registry/json/NCT03359265", "The subject is aged between 40 and 70 years.",
     [(">=", 40, "years", "bound"), ("<=", 70, "years", "bound")]),
    ("registry/json/NCT00906269", "age 40-69", [(">=", 40, "years", "bound"), ("<=", 69, "years", "bound")]),
    ("registry/xml/NCT00000347", "M/F ages 21-50 . Meet DSM-IV criteria for cocaine dependence.",
     [(">=", 21, "years", "bound"), ("<=", 50, "years", "bound")]),
    ("registry/xml/NCT00000902", "Is between the ages of 6 months and 21 years (consent of parent or guardian "
     "required if under 18).", [(">=", 6, "months", "bound"), ("<=", 21, "years", "bound")]),  # a bare 18: no age
    ("registry/json/NCT05814965", "Patients 30-55 year age group with minimum 20 natural teeth",
     [(">=", 30, "years", "bound"), ("<=", 55, "years", "bound")]),
    # two ranges in one item (cohorts) keep both
    ("registry/xml/NCT00000864", "Infants may be eligible for this study if they: Are between birth and 48 hours of age, "
     "between 3 and 7 days of age, or between 21 and 28 days of age.",
     [(">=", 0, "days", "bound"), ("<=", 48, "hours", "bound"), (">=", 3, "days", "bound"), ("<=", 7, "days", "bound"),
      (">=", 21, "days", "bound"), ("<=", 28, "days", "bound")]),
    ("registry/xml/NCT04530357", "Healthy male and female volunteers aged 18-50 and 50 and above.",
     [(">=", 18, "years", "bound"), ("<=", 50, "years", "bound"), (">=", 50, "years", "bound")]),
    # --- number words (text2num)
    ("ctgov-xml/NCT02028676", "children under three years of age receiving anti-tuberculosis therapy should not be "
     "enrolled", [("<", 3, "years", "bound")]),
    # --- exclusion criteria are read as written (bounds() inverts them, see below)
    ("registry/json/NCT05994521", "Age < 18 or ≥ 85", [("<", 18, "years", "bound"), (">=", 85, "years", "bound")]),
    ("registry/xml/NCT04406909", "Age below 18 years or above 64 years",
     [("<", 18, "years", "bound"), (">", 64, "years", "bound")]),
    ("registry/xml/NCT04368338", "patients < 18 years of age or under guardianship or curators,",
     [("<", 18, "years", "bound")]),
    ("registry/xml/NCT04479137", "patients whose age under 18 or more than 50 years",
     [("<", 18, "years", "bound"), (">", 50, "years", "bound")]),
    # --- conditions: a performance scale chosen by age
    ("registry/json/NCT03067181", "Patients must have a performance status corresponding to Eastern Cooperative Oncology "
     "Group (ECOG) scores of 0, 1, 2 or 3; use Karnofsky for patients > 16 years of age and Lansky for patients "
     "=< 16 years of age", [(">", 16, "years", "condition"), ("<=", 16, "years", "condition")]),
    ("registry/json/NCT04250064", "Performance Score: KPS > 12 y/o >/= 50 or LPS for < 12y >/= 50 assessed at enrollment.",
     [(">", 12, "years", "condition")]),
    # a lab threshold or a vital sign by age
    ("registry/json/NCT03633708", "Serum cCa value ≥ 9.0 mg/dL (2.25 mmol/L) for subjects ≥ 2 years of age and older",
     [(">=", 2, "years", "condition")]),
    ("registry/json/NCT02753764", "Systolic blood pressure (SBP) above 140 mmHg if <60 years of age and above 150 mmHg "
     "if ≥60 years of age", [("<", 60, "years", "condition"), (">=", 60, "years", "condition")]),
    ("registry/json/NCT00555087", "Patients with APE ≥ 2.5 ng/ml in younger than 60 years, or > de 3 ng/ml in older "
     "than 60 years.", [("<", 60, "years", "condition"), (">", 60, "years", "condition")]),
    ("registry/json/NCT05813288", "Pre-BD FEV₁ ≥40% and <80% (<90% for participants 12 to 17 years of age) of predicted "
     "at Screening Visit 2.", [(">=", 12, "years", "condition"), ("<=", 17, "years", "condition")]),
    # a definition of menopause
    ("registry/xml/NCT00001890", "Must be a postmenopausal woman 65 years of age or younger.",
     [("<=", 65, "years", "bound")]),
    # an age at diagnosis or at onset, written after the number
    ("registry/json/NCT04250064", "Age: Patient must be 3 to 18 years of age at the time of diagnosis.",
     [(">=", 3, "years", "condition"), ("<=", 18, "years", "condition")]),
    ("registry/json/NCT06458855", "Patients aged < 18 years at diagnosis", [("<", 18, "years", "condition")]),
    ("registry/xml/NCT03599518", "family history of long QT syndrome or unexplained sudden death under 40 years of age "
     "in first degree relatives", [("<", 40, "years", "condition")]),
    # a partner's, a donor's, a child's age; consent by age
    ("registry/json/NCT01037218", "Stable monogamous relationship for at least 6 months with a consenting female partner "
     "who is at least 19 years of age", [(">=", 19, "years", "condition")]),
    ("registry/json/NCT00790751", "Partners who are < 18 years of age, who are nursing", [("<", 18, "years", "condition")]),
    ("registry/xml/NCT04694664", "Pregnant women or women who have at least one child younger than 18 years of age.",
     [("<", 18, "years", "condition")]),
    ("registry/xml/NCT00000765", "Patients must have: Consent of parent or guardian if less than 18 years of age.",
     [("<", 18, "years", "condition")]),
    ("registry/json/NCT05711992", "Signed informed consent form for prospective patients ≥ 18 years of age",
     [(">=", 18, "years", "condition")]),
    # one of several alternatives
    ("registry/json/NCT04892173", "Ineligible to receive platinum-based chemotherapy with radiation (at least one of the "
     "following):\n- Age 70-74 years old with Geriatric 8 (G8) score less than or equal to (<=) 14\n- Age >= 75 years old",
     [(">=", 70, "years", "condition"), ("<=", 74, "years", "condition"), (">=", 75, "years", "condition")]),
    ("registry/xml/NCT04634799", "Adults ≥65 years old or < 65 years old AND at least one major cardiometabolic "
     "comorbidity", [(">=", 65, "years", "condition"), ("<", 65, "years", "condition")]),
    # a quota, a part of the study
    ("registry/xml/NCT00002350", "NOTE: No more than one patient over 50 years of age is permitted at each dose level.",
     [(">", 50, "years", "condition")]),
    ("registry/json/NCT03118986", "Optional: Child participants in the optional assessment of nausea severity must be "
     "4 to 18 years of age.", [(">=", 4, "years", "condition"), ("<=", 18, "years", "condition")]),
    ("registry/xml/NCT00001852", "Adult subjects already enrolled in this protocol and healthy volunteers will be eligible "
     "for this research procedure if they fulfill the criteria below. INCLUSION CRITERIA: Age 18 years or older.",
     [(">=", 18, "years", "condition")]),
    ("registry/xml/NCT00002021", "Patients must be able to give informed consent. Patients < 18 years of age may "
     "participate", [("<", 18, "years", "condition")]),
    ("registry/xml/NCT00004029", "No close contact for 2 weeks after each vaccination with the following people:\n"
     "- Children less than 3 years old\n- Pregnant women", [("<", 3, "years", "condition")]),
    ("registry/xml/NCT00001569", "Patients at increased risk for coronary artery disease (e.g., age greater than 65, "
     "history of hypertension)", [(">", 65, "years", "condition")]),
    ("registry/json/NCT04073706", "Myometrial Invasion on MRI of not more than 50%. (Only if participant is <45yo, has "
     "ONLY Grade 1 EAC and wishes to retain their ovaries).", [("<", 45, "years", "condition")]),
    ("registry/xml/NCT00491660", "Term and premature infants >28 weeks of gestation", [(">", 28, "weeks", "condition")]),
    ("registry/xml/NCT00001300", "Age: 2-25 (at time of initial diagnosis of alveolar rhabdomyosarcoma).",
     [(">=", 2, "years", "condition"), ("<=", 25, "years", "condition")]),
    ("registry/xml/NCT03738774", "More than mild dementia (IQ-CODE > 3.6; screening performed on patient > 50 years "
     "old or with family reports of possible memory decline)", [(">", 50, "years", "condition")]),
    ("registry/xml/NCT04387656", "Patients 18 years of age and older with prior positive viral SARS CoV-2 test(s) more "
     "than 14 days prior to enrollment to Step 1 are not eligible", [(">=", 18, "years", "condition")]),
    ("registry/xml/NCT00006144", "Are between 13 and 30 years old (need consent of parent or guardian if under 18), or "
     "are more than 44 years of age.", [(">=", 13, "years", "bound"), ("<=", 30, "years", "bound"),
                                         (">", 44, "years", "bound")]),
    ("registry/json/NCT00711529", "Women under the age of 60 with a Gail model score of 1.6% or more are eligible.",
     [("<", 60, "years", "condition")]),
    ("registry/xml/NCT00004576", "Males and females between the ages of 30 and 75 are eligible for the study.",
     [(">=", 30, "years", "bound"), ("<=", 75, "years", "bound")]),
    ("registry/json/NCT05196191", "The patient is a male between >/= 30 and =/< 70 years of age",
     [("<=", 70, "years", "bound")]),  # a bare 30 with no age word before it is not read
    # "inclusively" written after the age
    ("registry/xml/NCT04362189", "Men, and women, over 18 years of age inclusively", [(">=", 18, "years", "bound")]),
    # --- durations and other numbers near the word "age" are not ages
    ("ctgov-xml/NCT02438137", "Refusal to use at least one reliable method of birth control (for women of childbearing "
     "age)", []),
    ("registry/json/NCT00725790", "18-65 years old, had ED more than 6 months",
     [(">=", 18, "years", "bound"), ("<=", 65, "years", "bound")]),
    ("registry/json/NCT04502875", "Men between 40 and 75 years old, with a relationship of more than 6 months of duration.",
     [(">=", 40, "years", "bound"), ("<=", 75, "years", "bound")]),
    ("registry/json/NCT06467357", "Provision of FFPE tumor sample that is no older than 3 years;", []),
    ("registry/xml/NCT00490230", "CL scars documented to be > 360 days old (clock starts at time of diagnosis)", []),
    ("registry/xml/NCT03101111", "History of previous measles vaccination, either in childhood or as an adult if more "
     "than three months before participation in this study.", []),
    ("tests/rules (ECOG)", "ECOG 0-1; life expectancy > 3 months; Child-Pugh A5-B7", []),
    ("ctgov-xml/NCT02591810", "Have an acute (less than 4 week old) injury with instability of the DRUJ.", []),
    ("registry/xml/NCT04359953", "Subject infected with COVID 19 (confirmed by RT-PCR SARS-CoV-2 detectable less than "
     "5 days old and clinical picture)", []),
    ("registry/xml/NCT04492449", "in the third trimester of pregnancy (from the 27th gestational week), aged 18-40 years",
     [(">=", 18, "years", "bound"), ("<=", 40, "years", "bound")]),
    # --- Chinese forms (quoted in issue 11 from registry records)
    ("issue 11", "年满18周岁，不超过70周岁", [(">=", 18, "years", "bound"), ("<=", 70, "years", "bound")]),
    ("issue 11", "18-75岁", [(">=", 18, "years", "bound"), ("<=", 75, "years", "bound")]),
    ("issue 11", "≥18岁", [(">=", 18, "years", "bound")]),
    ("issue 11", "18周岁以上", [(">=", 18, "years", "bound")]),
    ("tests/rules/test_age", "年龄≥18岁且≤75岁", [(">=", 18, "years", "bound"), ("<=", 75, "years", "bound")]),
    ("tests/rules/test_age", "18至75岁", [(">=", 18, "years", "bound"), ("<=", 75, "years", "bound")]),
]


@pytest.mark.parametrize("source,text,expected", CASES, ids=[f"{s}:{t[:30]}" for s, t, _ in CASES])
def test_ages_read_from_real_criteria(source, text, expected):
    read = [(age.operator, age.value, age.unit, age.role) for age in ages(text)]
    assert read == [(op, float(value), unit, role) for op, value, unit, role in expected], source


@pytest.mark.parametrize("source,text,expected", [
    # an exclusion "age < 18" is a minimum of 18, inclusive; "> 75" a maximum of 75, inclusive
    ("registry/json/NCT05994521", "Age < 18 or ≥ 85", [(">=", 18), ("<", 85)]),
    ("registry/xml/NCT04382950", "Age <18 years; Age >80 years", [(">=", 18), ("<=", 80)]),
    ("registry/json/NCT06491082", "Age ≤ 18 years", [(">", 18)]),
    # an age combined with another requirement narrows the exclusion; it limits no one
    ("ctgov-xml/NCT02028676", "children under three years of age receiving anti-tuberculosis therapy should not be "
     "enrolled", []),
    ("registry/xml/NCT04579549", "Under 18 years of age with no parent or legal guardian present or under the age of 5 yrs",
     [(">=", 5)]),
    # a negated item among the inclusion criteria (bounds(..., exclusion=False) below)
        # a range of excluded ages is no single limit
    ("registry/xml/NCT04411511", "parents and or children aged between 12 and 16 years", []),
])
def test_exclusion_ages_become_limits_on_participants(source, text, expected):
    assert [(age.operator, age.value) for age in bounds(text, exclusion=True)] == \
        [(op, float(value)) for op, value in expected], source


def test_a_negated_inclusion_item_excludes():
    # registry/xml/NCT00001615: "No patients with age less than 50." is a minimum of 50
    assert [(a.operator, a.value) for a in bounds("No patients with age less than 50.")] == [(">=", 50.0)]
    # registry/xml/NCT00002350-like lists of "No ..." without an age keep their ages as limits elsewhere
    assert [(a.operator, a.value) for a in bounds("Not pregnant, aged 18-45 years")] == [(">=", 18.0), ("<=", 45.0)]


def test_inclusive_and_days():
    (older,) = ages("Equal to or older than 18 years")
    assert older.inclusive and older.side == "min"
    (over,) = ages("Age > 18 years")  # registry/xml/NCT02679963
    assert not over.inclusive and over.inclusive_days() == ages("Age ≥ 19 years")[0].days()
    assert over.wording == "colloquial" and older.wording == "exact"


def test_odd_text_is_read_without_error():
    for text in ("", "Age", "≥", "18", "Age: N/A", "年龄", "between and", "x" * 5000):
        assert isinstance(ages(text), list)


def _real_texts() -> list[str]:
    """Every text of the example protocols, the as-published seeds and the shipped registry
    records (imported), and each line of it: criteria are read item by item."""
    from real_texts import documents

    return sorted({part for texts in documents() for text in texts for part in [text, *text.splitlines()]})


def test_the_age_word_prefilter_changes_no_reading():
    """`ages` skips a text in which no age word can be (most criteria) before normalizing it;
    reading every real text without that shortcut gives the same ages."""
    from toolkit.parse.ages import _read_ages, normalize

    texts = _real_texts()
    assert len(texts) > 5000
    with_ages = 0
    for text in texts:
        found = ages(text)
        assert found == _read_ages(normalize(text)), text
        with_ages += bool(found)
    assert with_ages > 50
    # re.IGNORECASE matches the Turkish dotted and dotless I to "i", as lower() does not
    for text in ("CHİLDREN aged 2 to 11 years", "chıldren 2 to 11 years", "ADOLESCENTS 12-17 YEARS",
                 "ＡＧＥ ≥ １８ years", "eighteen years old or older"):
        assert ages(text) == _read_ages(normalize(text)) != [], text


def test_each_pattern_runs_only_where_its_words_are_and_finds_the_same():
    """`_candidates` skips a pattern when the text has none of its words; running every
    pattern on every real text that has a digit finds the same phrases."""
    from toolkit.parse.ages import _DIGIT, _NOT_AN_AGE, _candidates, normalize

    def found(text, every_pattern):
        return [(match.span(), operator, units) for match, operator, units in _candidates(text, every_pattern)]

    texts = [normalize(text) for text in _real_texts()]
    texts = [_NOT_AN_AGE.sub(lambda m: "·" * len(m.group(0)), text) for text in texts if _DIGIT.search(text)]
    assert len(texts) > 2000
    assert sum(bool(found(text, True)) for text in texts) > 300
    for text in texts + ["≥18岁", "年满18周岁", "18岁以上", "18周岁及以下", "18+ years", "MINIMUM AGE 18",
                         "not exceeding 70 years", "up to 70 years", "18 years or older", "Aged 18 thru 65"]:
        assert found(text, False) == found(text, True), text
