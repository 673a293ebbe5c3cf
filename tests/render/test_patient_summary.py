"""Issue 13: patient summaries present only plain language as plain, fit the trial's status,
give a contact that works, and claim nothing the protocol does not say."""

from __future__ import annotations

import pytest
from conftest import MINIMAL, PROTOCOLS

from toolkit.document.load import load_bytes, load_file
from toolkit.render import RenderRequest, render, shown_plain_text

NAMES = sorted(p.stem for p in PROTOCOLS.glob("*.yaml"))
TECHNICAL = "A single-arm prospective phase II trial of adjuvant chemoradiotherapy after hepatectomy."


def summary(text: str, lang: str = "en") -> str:
    data = load_bytes(text.encode(), "s.yaml").document.data
    return " ".join(render(data, RenderRequest("summary", "text", lang)).decode().split())


def without_patient(extra: str = "") -> str:
    return MINIMAL + f"summary: {TECHNICAL}\n" + extra


def test_scientific_summary_is_never_presented_as_plain_language():
    text = summary(without_patient())
    what = text[text.index("What is this study about?"):]
    assert what.index("written for doctors and researchers") < what.index(TECHNICAL)
    data = load_bytes(without_patient().encode(), "s.yaml").document.data
    assert TECHNICAL not in shown_plain_text(data, "en"), "readability is measured on the text shown as plain only"


def test_authors_plain_purpose_is_shown_as_it_is():
    text = summary(without_patient("patient:\n  purpose: This study tests a new medicine.\n"))
    assert "This study tests a new medicine." in text and "written for doctors" not in text


@pytest.mark.parametrize("status, says, not_says", [
    ("recruiting", "This study is looking for participants.", "Who could take part?"),
    ("not_yet_recruiting", "This study has not started yet.", "Who could take part?"),
    ("completed", "This study has finished.", "Who can take part?"),
    ("terminated", "This study was stopped early. The reason given: Slow accrual", "Who can take part?"),
    ("active_not_recruiting", "no longer looking for new participants", "before you decide whether to take part"),
])
def test_summary_fits_the_status(status, says, not_says):
    text = MINIMAL.replace("status: {overall: recruiting}", f"status: {{overall: {status}, why_stopped: Slow accrual}}")
    shown = summary(text)
    assert says in shown and not_says not in shown


def test_completed_trial_tells_where_results_are():
    completed = MINIMAL.replace("status: {overall: recruiting}", "status: {overall: completed}")
    assert "does not list any published results yet" in summary(completed + "identifiers: {nct: NCT01234567}\n")
    published = completed + "references:\n  - {citation: Wang H et al. Lancet Oncol 2025., type: result}\n"
    assert "Results have been published: - Wang H et al. Lancet Oncol 2025." in summary(published)


def test_contact_section_shows_what_it_refers_to():
    sites = "locations:\n  - facility: Zhongshan Hospital\n    city: Shanghai\n    contacts: [{name: Dr Li, phone: '+86 21 6404 1990'}]\n"
    text = summary(MINIMAL + sites)
    assert "Contact the study team at one of the study sites listed here." in text
    assert "Study sites - Zhongshan Hospital, Shanghai; Dr Li, +86 21 6404 1990" in text
    bare = summary(MINIMAL + "locations:\n  - facility: Zhongshan Hospital\n")
    assert "gives no phone number or e-mail address. Ask your doctor" in bare and "Zhongshan Hospital" in bare


def test_iso_follow_up_reaches_patients_in_words():
    text = MINIMAL.replace("  study_type: interventional", "  study_type: interventional\n  follow_up: P52W")
    assert "Each person is followed for 52 weeks." in summary(text)
    assert "每位参加者随访52周。" in summary(text, "zh")


def test_glossary_explains_the_medical_words_shown():
    text = summary(without_patient())
    glossary = text[text.index("Words used in this summary"):]
    assert "Hepatectomy: An operation to remove part of the liver." in glossary
    assert "Adjuvant treatment:" in glossary


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", NAMES)
def test_example_summaries_have_a_contact_or_say_it_is_missing(name, lang):
    data = load_file(str(PROTOCOLS / f"{name}.yaml")).document.data
    text = " ".join(render(data, RenderRequest("summary", "text", lang)).decode().split())
    usable = any(c.get("phone") or c.get("email") for c in data.get("contacts", {}).get("central", []))
    said_missing = ("gives no phone number or e-mail address" in text) or ("没有电话号码或电子邮箱" in text)
    assert usable or said_missing
    for claim in ("People of any age", "Women and men.", "不限年龄", "男女均可"):
        if claim in text:
            assert data.get("eligibility", {}).get("sex") == "all" or data.get("eligibility", {}).get("no_age_limit")
