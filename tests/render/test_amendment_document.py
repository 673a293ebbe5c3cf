"""The amendment pieces of the documents (toolkit/render/amendment.py): which amendment is the
current one, the title page statement, a change in words, the rationale a change takes."""

from __future__ import annotations

import pytest

from toolkit.document import m11
from toolkit.document.diff import diff
from toolkit.render import amendment, labels
from toolkit.render.context import Localized


def _data(*amendments, number="2.0"):
    return {"id": "t", "language": "en", "version": {"number": number, "amendments": list(amendments)}}


def test_current_amendment_is_the_one_that_made_this_version():
    first, second = {"number": "1", "version": "1.1"}, {"number": "2", "version": "2.0"}
    assert amendment.current(_data(first, second)) is second
    assert amendment.current(_data(second, first)) is second  # by version, not by place
    assert amendment.current(_data(first, number="3.0")) is None
    assert amendment.current(_data({"number": "1"}, {"number": "2"})) == {"number": "2"}  # no version: the last
    assert amendment.current(_data()) is None


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_title_page_statements(lang):
    H = labels.HEADINGS[lang]
    first = {"number": "1", "version": "1.1", "date": "2025-01-02", "scope": "country", "applies_to": ["China"],
             "substantial": False}
    second = {"number": "2", "version": "2.0"}
    loc = Localized({"language": "en"}, lang)
    only = amendment.details(_data(first, number="1.1"), lang, loc)
    assert only.statement == H["amendment_first"]
    facts = {f.label: f.value for f in only.facts}
    assert facts[H["amendment_scope"]].endswith(": China") and facts[H["amendment_substantial"]] == labels.for_language(lang)["no"]
    later = amendment.details(_data(first, second), lang, loc)
    assert later.statement == H["amendment_earlier"].format(earlier=H["amendment_item"].format(number="1") + " (2025-01-02)")
    missing = amendment.details(_data(first, number="3.0"), lang, loc)
    assert missing.facts == [] and "1" in missing.statement and missing.statement != later.statement
    assert amendment.details(_data(), lang, loc) is None
    assert amendment.details({"id": "t"}, lang, loc) is None


def _described(old, new, lang="en"):
    return [amendment.describe(c, old, new, lang) for c in diff(old, new)]


def test_changes_in_words():
    old = {"eligibility": {"inclusion": ["A", "B"], "minimum_age": "18 years", "sex": "all"},
           "arms": [{"id": "a", "label": "Chemo", "type": "experimental"}],
           "design": {"enrollment": {"count": 40}, "phases": ["phase2"]}}
    new = {"eligibility": {"inclusion": ["A"], "minimum_age": "20 years", "sex": "female"},
           "arms": [{"id": "a", "label": "Chemo", "type": "active_comparator"}],
           "design": {"enrollment": {"count": 60}, "phases": ["phase2", "phase3"]}}
    assert sorted(_described(old, new)) == sorted([
        "Inclusion criterion 2 removed (it was “B”)", "Minimum age: “18 years” → “20 years”",
        "Sexes eligible: “All” → “Female”", "Arm “Chemo” › type: “Experimental” → “Active comparator”",
        "Enrollment › number of participants: “40” → “60”", "Phase: “Phase 2” → “Phase 2; Phase 3”"])
    assert "最小年龄：“18 years” → “20 years”" in _described(old, new, "zh")
    sex = labels.ZH["sex"]
    assert f"性别：“{sex['all']}” → “{sex['female']}”" in _described(old, new, "zh")


def test_an_arm_added_or_removed_is_named_once():
    old = {"arms": [{"id": "a", "label": "Chemo"}]}
    new = {"arms": [{"id": "b", "label": "Radiotherapy"}]}
    assert sorted(_described(old, new)) == ["Arm “Chemo” removed", "Arm “Radiotherapy” added"]
    assert sorted(_described(old, new, "zh")) == ["删除研究组“Chemo”", "新增研究组“Radiotherapy”"]


def test_a_key_the_word_table_lacks_is_shown_as_it_is_written():
    assert amendment.name(("sections", "new_section_key"), {}, "en") == "narrative section › new section key"


def test_rationale_of_the_most_specific_row():
    reasons = [("eligibility", "General"), ("eligibility.inclusion", "Inclusion"), ("eligibility.inclusion[2]", "Third")]
    assert amendment._rationale("eligibility.inclusion[2]", reasons) == "Third"
    assert amendment._rationale("eligibility.inclusion[1]", reasons) == "Inclusion"
    assert amendment._rationale("eligibility.inclusion_extra", reasons) == "General"  # not a prefix of a key
    assert amendment._rationale("endpoints.primary[0]", reasons) == ""


def test_every_m11_section_has_a_chinese_name():
    sections = set(m11.SECTIONS.values()) | set(m11._narrative().values())
    assert {name for _, name in sections} <= set(labels.M11_SECTIONS_ZH)


def test_rows_come_in_m11_order_and_leave_the_version_out():
    old = {"version": {"number": "1"}, "references": [{"citation": "A"}], "eligibility": {"minimum_age": "18 years"},
           "title": {"brief": "X"}}
    new = {"version": {"number": "2"}, "references": [{"citation": "B"}], "eligibility": {"minimum_age": "20 years"},
           "title": {"brief": "Y"}}
    rows = amendment.rows(old, new, "en", Localized({"language": "en"}, "en"))
    assert [r.section for r in rows] == ["Title Page", "5 Trial Population", "14 Appendix: References"]
