"""The real defects of the five seed trials, kept as published in tests/fixtures/as_published/.

Each expected finding is located by a piece of text on its line, so the test follows the
fixture rather than hard-coded numbers. The corrected protocols must have none of them.
"""

from __future__ import annotations

import pytest
from conftest import AS_PUBLISHED, PROTOCOLS

from toolkit.engine import check_file

# (fixture, code, text on the line the finding must point at)
DEFECTS = [
    ("icc-2l-radiotherapy", "TXT002", "brief: >-"),  # "Treatmentï¼šan": mojibake
    ("icc-2l-radiotherapy", "TXT005", "Intrahepatic Cholangiocarcinoma (Icc)"),
    ("icc-2l-radiotherapy", "TIM003", "timeframe: Up to 2 years"),  # follow-up 52 weeks, endpoints up to 2 years
    ("icc-2l-radiotherapy", "ARM008", "name: FOLFIRI or FOLFOX or Regorafenib"),
    # registry says 18-80, criterion says > 18 and < 80: read literally it leaves out 18 and 80;
    # most records mean "18 and over" by it, so a warning (AGE004), not an error
    ("NCT07063888", "AGE004", "Age > 18 years, < 80 years"),
    ("NCT07063888", "TXT001", "contact: >-"),  # {{SITE_NAME}} shown to patients
    ("NCT07063888", "TIM001", "measure: 2-year recurrence-free survival"),
    ("NCT06261047", "TIM001", "measure: Progression-free survival (PFS)"),
    ("NCT04361331", "TXT005", "brief: >-"),  # "Toripalimab(PD1)+Lenvatnib" in the folded title
    ("NCT04361331", "RND007", "type: other"),  # randomized, every arm "other"
    ("NCT04361331", "TXT003", "description: |-"),  # "8mg (body weight \\<60kg)": escape debris
    ("NCT04361331", "TXT006", "- |-"),  # nine criteria in one item
    ("NCT04361331", "TXT004", 'state: ""'),  # the "Huang xiaoyong, Shanghai, , China" site
    ("NCT04361331", "DAT002", "start: {date: 2020-03-06}"),
    ("NCT04361331", "RND003", "allocation: randomized"),
    ("NCT07304388", "TXT004", 'description: ""'),  # empty detailed description
    ("NCT07304388", "TXT005", "Intrahepatic Cholangiocarcinoma (Icc)"),
    ("NCT07304388", "ARM007", "description: |-"),  # "Drug: Lenvatinib 12 mg (or 8 mg)" in the arm
    ("NCT07304388", "ARM001", "- id: lenvatinib"),  # described in the arms, linked to none
    ("NCT07304388", "DAT002", "start: {date: 2023-08-01}"),
    ("NCT07304388", "ARM009", "description: |-"),  # "Drug: Gemcitabine ... Drug: Lenvatinib ... Drug: Toripalimab"
    ("NCT06261047", "OUT001", "measure: Safety"),
    ("NCT04361331", "TXT009", "facility: Huang xiaoyong"),  # an investigator in place of a site
    ("icc-2l-radiotherapy", "OUT001", "measure: AEs"),
]


def report(name: str):
    return check_file(str(AS_PUBLISHED / f"{name}.yaml"))


def line_of(name: str, text: str) -> set[int]:
    lines = (AS_PUBLISHED / f"{name}.yaml").read_text(encoding="utf-8").splitlines()
    found = {number for number, line in enumerate(lines, start=1) if text in line}
    assert found, f"{text!r} not in {name}"
    return found


@pytest.mark.parametrize("name,code,text", DEFECTS, ids=[f"{n}-{c}" for n, c, _ in DEFECTS])
def test_as_published_defect_is_caught_at_its_line(name, code, text):
    reported = {d.line for d in report(name) if d.rule == code}
    expected = line_of(name, text)
    assert reported & expected, f"{code} expected at line {sorted(expected)}, reported at {sorted(reported)}"


def test_age_mismatch_names_both_sides_and_lines():
    messages = sorted(d.message for d in report("NCT07063888") if d.rule == "AGE004")
    assert messages == [
        'maximum_age is 80 years but inclusion criterion 1 says "< 80 years", '
        "which leaves out people aged exactly 80 years; see line 101",
        'minimum_age is 18 years but inclusion criterion 1 says "> 18 years", '
        "which leaves out people aged exactly 18 years; see line 100",
    ]
    assert line_of("NCT07063888", "minimum_age: 18 years") == {100}


@pytest.mark.parametrize("name", sorted({n for n, _, _ in DEFECTS}))
def test_corrected_protocol_has_no_errors_and_none_of_the_fixed_defects(name):
    found = check_file(str(PROTOCOLS / f"{name}.yaml"))
    assert [d for d in found if d.severity.value == "error"] == []
    fixed = {code for n, code, _ in DEFECTS if n == name} - {"TIM001", "RND003", "ARM007", "ARM008"}
    assert fixed.isdisjoint({d.rule for d in found}), "a corrected protocol still has a defect it was corrected for"


def test_arm_texts_naming_three_undeclared_drugs():
    """Seed 004 (NCT07304388): both arms give drugs their links leave out."""
    given = sorted(d.message.split('gives "')[1].split('"')[0] for d in report("NCT07304388") if d.rule == "ARM009")
    assert given == ["Drug: Gemcitabine", "Drug: Lenvatinib", "Drug: Lenvatinib", "Drug: Toripalimab", "Drug: Toripalimab"]
