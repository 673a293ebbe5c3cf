"""AMD: each rule on an earlier and a current version of one protocol (as `validate --since`
gives them), pass and fail; the git plumbing itself is tested in tests/test_amendments_in_git.py."""

from __future__ import annotations

import pytest
from conftest import PROTOCOLS

from toolkit.document.load import load_bytes
from toolkit.document.since import from_bytes
from toolkit.engine import check_document
from toolkit.parse import versions
from toolkit.settings import RuleConfig, Selection

VERSION = '  number: "1.0"'
SOURCE = (PROTOCOLS / "NCT07063888.yaml").read_text(encoding="utf-8").replace(
    "language: en\n", f"language: en\nversion:\n{VERSION}\n  date: 2025-06-01\n", 1)


def _found(old: str, new: str, code: str, *, since: bool = True) -> list:
    before = from_bytes(old.encode("utf-8"), "REV:t.yaml", "REV") if since else None
    loaded = load_bytes(new.encode("utf-8"), "t.yaml")
    assert loaded.document is not None, loaded.diagnostics
    found = check_document(loaded.document, RuleConfig(Selection(select=("SCH", "AMD")), before=before))
    assert not [d for d in found if d.rule.startswith("SCH")]
    return [d for d in found if d.rule == code]


def _numbered(text: str, number: str) -> str:
    return text.replace(VERSION, f'  number: "{number}"', 1)


DOSE = SOURCE.replace("        dose: 1600 mg/m²", "        dose: 1250 mg/m²", 1)
FIRST = "    - History of malignancies, except for basal cell skin carcinoma and in situ carcinoma of the cervix\n"
SECOND = "    - Had prior abdominal irradiation\n"
REORDERED = SOURCE.replace(FIRST + SECOND, SECOND + FIRST, 1)
AMENDMENT = """  amendments:
    - number: "1"
      version: "1.1"
      date: 2025-09-01
      scope: global
      substantial: true
      rationale: Hand-foot syndrome at 1600 mg/m² in the first patients.
"""


def _with_amendment(text: str) -> str:
    return text.replace('  number: "1.1"\n', '  number: "1.1"\n' + AMENDMENT, 1)


# --- AMD001 ------------------------------------------------------------------------------------

def test_amd001_a_dose_change_under_the_same_number():
    assert DOSE != SOURCE and REORDERED != SOURCE
    [finding] = _found(SOURCE, DOSE, "AMD001")
    assert "interventions[1].dosing[0].dose" in finding.message and 'still "1.0"' in finding.message
    assert DOSE.splitlines()[finding.line - 1].strip() == VERSION.strip()
    dose_line = next(i for i, line in enumerate(DOSE.splitlines(), 1) if "1250 mg/m²" in line)
    assert f"see line {dose_line}" in finding.message


def test_amd001_not_for_a_reordered_list_or_a_new_number_or_without_since():
    assert _found(SOURCE, REORDERED, "AMD001") == []
    assert _found(SOURCE, _numbered(DOSE, "1.1"), "AMD001") == []
    assert _found(SOURCE, DOSE, "AMD001", since=False) == []
    assert _found(SOURCE, SOURCE, "AMD001") == []


def test_amd001_not_when_the_first_version_number_is_given():
    unnumbered = SOURCE.replace(f"version:\n{VERSION}\n  date: 2025-06-01\n", "", 1)
    assert "\nversion:" not in unnumbered
    assert _found(unnumbered, DOSE, "AMD001") == []
    [finding] = _found(unnumbered, DOSE.replace(f"version:\n{VERSION}\n  date: 2025-06-01\n", "", 1), "AMD001")
    assert "has no version number" in finding.message


def test_amd001_not_for_the_actual_enrollment_reported_at_the_end():
    planned = SOURCE.replace("design:\n", "design:\n  enrollment: {count: 40, type: estimated}\n", 1)
    assert planned != SOURCE
    reported = planned.replace("{count: 40, type: estimated}", "{count: 37, type: actual}", 1)
    assert _found(planned, reported, "AMD001") == []
    replanned = planned.replace("{count: 40, type: estimated}", "{count: 60, type: estimated}", 1)
    [finding] = _found(planned, replanned, "AMD001")
    assert "design.enrollment.count" in finding.message


def test_amd001_not_for_fields_that_do_not_matter():
    contact = SOURCE.replace("nearest study center.", "nearest study centre.", 1)
    assert contact != SOURCE and _found(SOURCE, contact, "AMD001") == []


def test_amd001_the_same_number_written_differently_and_a_removed_number():
    [same] = _found(SOURCE, _numbered(DOSE, "1.0.0"), "AMD001")
    assert 'still "1.0.0"' in same.message
    removed = DOSE.replace(VERSION + "\n", "", 1)
    [finding] = _found(SOURCE, removed, "AMD001")
    assert '"1.0" was removed' in finding.message


def test_amd001_a_field_replaced_is_named_once():
    replaced = SOURCE.replace(SECOND, "    - Pregnant or breastfeeding women\n", 1)  # unlike the old one: removed and added
    [finding] = _found(SOURCE, replaced, "AMD001")
    assert finding.message.startswith("2 changes since REV") and finding.message.count("eligibility.exclusion[1]") == 1


def test_amd001_every_change_counted_and_a_removed_criterion_pointed_at_its_list():
    removed = SOURCE.replace(SECOND, "", 1)
    [finding] = _found(SOURCE, removed, "AMD001")
    assert finding.message.startswith("1 change since REV") and "eligibility.exclusion[1]" in finding.message
    exclusion = next(i for i, line in enumerate(removed.splitlines(), 1) if line.strip() == "exclusion:")
    assert f"see line {exclusion + 1}" in finding.message  # the list, which starts on the line after its key


# --- AMD002 ------------------------------------------------------------------------------------

def test_amd002_a_new_number_without_an_amendment_record():
    [finding] = _found(SOURCE, _numbered(DOSE, "1.1"), "AMD002")
    assert 'from "1.0" at REV to "1.1"' in finding.message and "interventions[1].dosing[0].dose" in finding.message


def test_amd002_not_when_the_amendment_is_recorded():
    assert _found(SOURCE, _with_amendment(_numbered(DOSE, "1.1")), "AMD002") == []


def test_amd002_an_amendment_already_there_at_rev_is_not_a_new_one():
    earlier = _with_amendment(_numbered(SOURCE, "1.1"))
    later = _with_amendment(_numbered(DOSE, "1.1")).replace('  number: "1.1"\n', '  number: "1.2"\n', 1)
    assert '  number: "1.2"' in later
    [finding] = _found(earlier, later, "AMD002")
    assert finding.path == "/version/amendments"


def test_amd002_not_without_a_change_that_matters():
    assert _found(SOURCE, _numbered(SOURCE, "1.1"), "AMD002") == []
    assert _found(SOURCE, _numbered(REORDERED, "1.1"), "AMD002") == []


# --- AMD003 ------------------------------------------------------------------------------------

@pytest.mark.parametrize("old, new", [("1.10", "1.9"), ("2.0", "1.1"), ("V3", "2.0"), ("第10版", "第2版")])
def test_amd003_a_number_that_went_backwards(old, new):
    [finding] = _found(_numbered(SOURCE, old), _numbered(SOURCE, new), "AMD003")
    assert f'"{new}" comes before "{old}"' in finding.message
    assert finding.severity.value == "error"


@pytest.mark.parametrize("old, new", [("1.9", "1.10"), ("1.0", "1.0"), ("Draft A", "Draft B"), ("2.0", "Final")])
def test_amd003_not_forwards_equal_or_not_comparable(old, new):
    assert _found(_numbered(SOURCE, old), _numbered(SOURCE, new), "AMD003") == []


# --- AMD004 ------------------------------------------------------------------------------------

def test_amd004_an_unreadable_earlier_version():
    [finding] = _found("title: {brief: [unclosed\n", SOURCE, "AMD004")
    assert "cannot be read" in finding.message and "YML001" in finding.message and finding.path == ""
    assert _found("title: {brief: [unclosed\n", DOSE, "AMD001") == []


def test_amd004_not_for_a_readable_or_absent_earlier_version():
    assert _found(SOURCE, DOSE, "AMD004") == []
    assert _found(SOURCE, DOSE, "AMD004", since=False) == []


# --- version numbers -----------------------------------------------------------------------------

@pytest.mark.parametrize("old, new, expected", [
    ("1.0", "1.1", 1), ("1.1", "2.0", 1), ("1.9", "1.10", 1), ("1.10", "1.9", -1), ("2", "2.0", 0),
    ("v2.0", "2.0", 0), ("2.0rc1", "2.0", 1), ("V1.0 final", "V1.1 final", 1), ("第2版", "第10版", 1),
    ("第2版", "第2.1版", 1), ("Draft A", "Draft B", None), ("Version 2", "Amendment 3", None), ("1.0", "1.0", 0),
])
def test_version_order(old, new, expected):
    assert versions.compare(old, new) == expected
