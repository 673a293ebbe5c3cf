from __future__ import annotations

import pytest
from helpers import findings, lines


def eligibility(minimum=None, maximum=None, criterion=None):
    body = "eligibility:\n"
    if minimum:
        body += f"  minimum_age: {minimum}\n"
    if maximum:
        body += f"  maximum_age: {maximum}\n"
    if criterion:
        body += f"  inclusion:\n    - '{criterion}'\n"
    return body


def test_age001_minimum_above_maximum():
    assert lines(eligibility("18 years", "17 years"), "AGE001") == [3]
    assert lines(eligibility("18 months", "1 year"), "AGE001") == [3]  # units converted
    assert lines(eligibility("12 months", "1 year"), "AGE001") == []
    assert lines(eligibility("18 years", "75 years"), "AGE001") == []


@pytest.mark.parametrize("criterion", [
    "Age ≥ 18 years and ≤ 75 years", "Aged 18 to 75 years", "18-75 years old", "Age 18–75",
    "年龄≥18岁且≤75岁", "18至75岁", "age between 18 years and 75 years", "Age > 17 years, < 76 years",
    "Patients aged 18 years or older, 75 years or younger",
])
def test_age002_agreeing_wordings(criterion):
    assert findings(eligibility("18 years", "75 years", criterion), "AGE002") == []


@pytest.mark.parametrize("criterion,bad", [
    ("≥20岁", 1),
    ("Aged 18 to 70 years", 1),  # 75 registered, 70 written: a crisp mismatch
    ("Age ≥ 216 months", 0),  # 216 months = 18 years
    ("Age ≥ 200 months", 1),
    ("Age > 18 years, < 80 years", 0),  # read both ways in practice: AGE004's
    ("Age ≥ 19 years", 1),
])
def test_age002_disagreeing_wordings(criterion, bad):
    found = findings(eligibility("18 years", "75 years" if "80" not in criterion else "80 years", criterion), "AGE002")
    assert len(found) == bad, found
    assert all(line == 5 for line, _ in found)


def test_age002_message_names_both_values_and_lines():
    ((line, message),) = findings(eligibility("40 years", "70 years", "Age (45 - 70 yr old)."), "AGE002")
    assert message == 'minimum_age is 40 years but inclusion criterion 1 says "45 - 70 yr old"; see line 5'


@pytest.mark.parametrize("criterion,bad", [
    ("Age > 18 years, < 80 years", 2),  # seed NCT07063888: 18-80 registered
    ("older than 18, under 80", 2),
    ("Aged above 18 years of age", 1),
    ("Age ≥ 18 years and ≤ 80 years", 0),
    ("Age > 17 years, < 81 years", 0),  # exact on the literal reading: nothing to say
])
def test_age004_boundary_wording(criterion, bad):
    found = findings(eligibility("18 years", "80 years", criterion), "AGE004")
    assert len(found) == bad, found
    assert findings(eligibility("18 years", "80 years", criterion), "AGE002") == []


def test_age004_between_read_inclusive_or_not():
    # registry/json/NCT02304679 style: "between 18 and 80 years" registered as 19 to 79
    body = eligibility("19 years", "79 years", "The subject is aged between 18 and 80 years")
    assert len(findings(body, "AGE004")) == 2 and findings(body, "AGE002") == []


def test_age004_message_says_who_is_left_out():
    ((line, message),) = findings(eligibility("18 years", None, "Age > 18 years"), "AGE004")
    assert message == ('minimum_age is 18 years but inclusion criterion 1 says "> 18 years", '
                       "which leaves out people aged exactly 18 years; see line 5")


def exclusion(minimum, maximum, criterion, inclusion=None):
    body = eligibility(minimum, maximum, inclusion)
    return body + f"  exclusion:\n    - '{criterion}'\n"


@pytest.mark.parametrize("minimum,maximum,criterion,code,bad", [
    ("18 years", "85 years", "Age < 18 or > 85", "AGE002", 0),  # registry/json/NCT05994521 style
    ("18 years", "60 years", "Age <18 years; Age >80 years", "AGE002", 1),  # registry/xml/NCT04382950
    ("18 years", "80 years", "Be less than 18 years of age or greater than or equal to 80 years of age;",
     "AGE002", 1),  # registry/json/NCT02682511: 80-year-olds excluded, registered up to 80
    ("18 years", None, "Age less than 15 years.", "AGE002", 1),  # registry/xml/NCT00007150
    ("18 years", "59 years", "Patients under 18 years of age and over 60 years of age.", "AGE004", 1),
    ("3 months", "17 years", "children under three years of age receiving anti-tuberculosis therapy", "AGE002", 0),
    ("18 years", None, "Age > 75 years", "AGE003", 1),
])
def test_exclusion_ages_are_limits_too(minimum, maximum, criterion, code, bad):
    assert len(findings(exclusion(minimum, maximum, criterion), code)) == bad


def test_exclusions_all_apply_while_inclusion_cohorts_are_alternatives():
    # ctgov-xml/NCT03459976: inclusion 45-70, exclusion "< 40": the inclusion still requires 45
    body = exclusion("40 years", "70 years", "Age more than 70 yr and less than 40 yr.", "Age (45 - 70 yr old).")
    assert len(findings(body, "AGE002")) == 1
    # registry/xml/NCT04463264: inclusion "< 60", exclusion "> 60": the inclusion decides
    body = exclusion("18 years", "59 years", "Patients under 18 years of age and over 60 years of age.",
                     "Age ≥ 18 years and <60 years")
    assert findings(body, "AGE002") == [] and findings(body, "AGE004") == []


def test_an_open_cohort_sets_no_maximum():
    # registry/xml/NCT04530357: registered 18 to 100 years
    body = eligibility("18 years", "100 years", "Healthy male and female volunteers aged 18-50 and 50 and above.")
    assert findings(body, "AGE002") == [] and findings(body, "AGE004") == []
    assert len(findings(eligibility("18 years", "100 years", "Volunteers aged 18-50"), "AGE002")) == 1


def test_a_boundary_stated_twice_means_the_precise_wording():
    # registry/json/NCT02304679: registered 18 to 79
    body = eligibility("18 years", "79 years", "The patient is a man between 18 and 80 years of age. (≥18 years and < 80 years)")
    assert findings(body, "AGE002") == [] and findings(body, "AGE004") == []
    # registry/xml/NCT04579549: two cohorts, not a restatement; registered from 5 years
    body = eligibility("5 years", None, "Individuals at least 18 years old or between 5-17 years old and have a parent "
                                        "or legal guardian present to consent.")
    assert findings(body, "AGE002") == []


def test_no_age_limit_said_in_words():
    # registry/json/NCT03067181: strata with ages, one without
    body = ("eligibility:\n  inclusion:\n    - There is no age limit for the low risk stratum\n"
            "    - '>= 11 and < 25 years old at enrollment'\n")
    assert findings(body, "AGE003") == []
    assert len(findings(body.replace("There is no age limit for the low risk stratum", "Low risk"), "AGE003")) == 1


def test_conditions_are_not_limits():
    body = eligibility("18 years", None, "use Karnofsky for patients > 16 years of age and Lansky for patients "
                                         "=< 16 years of age")  # registry/json/NCT03067181
    assert findings(body, "AGE002") == [] and findings(body, "AGE003") == []


def test_age002_ignores_numbers_that_are_not_ages():
    body = eligibility("18 years", "75 years", "ECOG 0-1; life expectancy > 3 months; Child-Pugh A5-B7")
    assert findings(body, "AGE002") == []


def test_age003_bound_only_in_text():
    ((line, message),) = findings(eligibility("18 years", None, "Aged 18 to 75 years"), "AGE003")
    assert line == 4 and "maximum_age: 75 years" in message
    assert findings(eligibility("18 years", "75 years", "Aged 18 to 75 years"), "AGE003") == []


def test_age002_cohort_criteria_compare_the_loosest_bound():
    body = ("eligibility:\n  minimum_age: 45 years\n  inclusion:\n    - men age ≥55 years\n"
            "    - men age ≥45 years with risk factors\n    - women age ≥65 years\n")
    assert findings(body, "AGE002") == []
    body = body.replace("minimum_age: 45 years", "minimum_age: 40 years")
    assert lines(body, "AGE002") == [5]  # the loosest bound (45) is still above 40


def test_age_of_someone_else_is_not_an_eligibility_age():
    body = eligibility("18 years", None, "No family history of sudden death under 40 years of age")
    assert findings(body, "AGE003") == [] and findings(body, "AGE002") == []
    body = eligibility("18 years", "75 years", "Chronic disease present for at least 3 years")
    assert findings(body, "AGE002") == []


def test_hours_and_days_for_newborns():
    body = eligibility("2 days", "5 days", "> 48 hours of age and < 120 hours old")
    assert findings(body, "AGE002") == []  # 120 hours is 5 days; an hour's boundary is within tolerance
    assert findings(eligibility(None, "5 days", "> 48 hours of age and < 120 hours old"), "AGE003")
