from __future__ import annotations

import pytest
from helpers import findings, lines


@pytest.mark.parametrize("text,fires", [
    ("Call {{SITE_NAME}}", True), ("At {SITE_NAME}", True), ("<SITE NAME>", True),
    ("[insert dose]", True), ("TODO: write", True), ("TBD", True),
    ("Dose < 60 kg", False), ("Todos los pacientes", False), ("{a: b}", False),
    ("Orsz.Koranyi Tbc es Pulm.Int.", False), ("[Insert site name]", True),
    # abbreviations defined where they stand (NCT04393051, NCT04376684)
    ("Patients with active Tuberculosis (TBC)", False),
    ("heart failure [New York Heart Association {NYHA} class III or higher]", False),
    ("Results are TBC (to be confirmed)", True), ("Contact {NYHA} today", True),
    ("Call [PHONE NUMBER]", True), ("Call <phone>", True), ("Name: ____", True), ("Lorem ipsum dolor", True),
    ("Call %PHONE%", True), ("as graded by [NCI CTCAE]", False), ("see [NIH]", False), ("a <br> b", False),
    ("_" * 70, False), ("snake_case_name", False),
])
def test_txt001_placeholders(text, fires):
    assert bool(lines(f"summary: '{text}'\n", "TXT001")) is fires


@pytest.mark.parametrize("text,fires", [
    ("Treatmentï¼šan Open-label", True), ("Ã©tude", True), ("donâ€™t", True),
    ("café", False), ("α/β = 10", False), ("1600 mg/m²", False), ("肝细胞癌", False), ("≥ 18 years", False),
])
def test_txt002_mojibake(text, fires):
    assert bool(lines(f"summary: '{text}'\n", "TXT002")) is fires


def test_txt002_suggests_the_repair():
    ((_, message),) = findings("summary: 'Treatmentï¼šan Open-label'\n", "TXT002")
    assert message == 'summary: encoding damage "ï¼š" (mojibake); it should read "："'


@pytest.mark.parametrize("text,fires", [
    (r"body weight \<60kg", True), (r"1\. Signed consent", True), (r"PT\> 14s", True),
    ("body weight < 60 kg", False), (r"C:\path", False),
])
def test_txt003_markup_debris(text, fires):
    assert bool(lines(f"summary: '{text}'\n", "TXT003")) is fires


def test_txt004_empty():
    assert lines("summary: ''\ndescription: '   '\n", "TXT004") == [1, 2]
    assert lines("summary: x\n", "TXT004") == []


def test_txt005_spelling():
    body = ("summary: 'Toripalimab plus Lenvatnib in ICC (Icc)'\n"
            "interventions:\n  - {id: lenvatinib, name: Lenvatinib, type: drug}\n")
    messages = [m for _, m in findings(body, "TXT005")]
    assert any('"Lenvatnib" is spelled "Lenvatinib"' in m for m in messages)
    assert any('"(Icc)" is spelled "ICC"' in m for m in messages)
    clean = body.replace("Lenvatnib", "Lenvatinib").replace(" (Icc)", "")
    assert findings(clean, "TXT005") == []


def test_txt006_criteria_run_together():
    jammed = "eligibility:\n  inclusion:\n    - '1. Consent; 2. Age 18-75 years; 3. ECOG 0-1'\n"
    assert lines(jammed, "TXT006") == [3]
    sublist = "eligibility:\n  inclusion:\n    - \"Adequate function:\\n\\n1. Neutrophils ok;\\n2. Platelets ok\"\n"
    assert lines(sublist, "TXT006") == []
    # a right-aligned legacy list merged by an older import (ctgov-xml/NCT02438137)
    merged = ("eligibility:\n  exclusion:\n    - \"1. Regular use of CPAP within the last 2 months\\n"
              "- Physical impairment that prevents informed consent;\\n- Cardiac conditions\"\n")
    ((line, message),) = findings(merged, "TXT006")
    assert line == 3 and "holds 3 items" in message


def test_txt005_leaves_inflections_variants_and_names_alone():
    body = ("summary: 'The questionnaires, anaesthesia and Transplanted grafts'\n"
            "references: [{citation: 'He J, Am J Lim (Lim) 2020'}]\n"
            "interventions:\n  - {id: q, name: Questionnaire, type: drug}\n  - {id: a, name: Anesthesia, type: drug}\n"
            "  - {id: t, name: Transplant, type: drug}\n")
    assert findings(body, "TXT005") == []


def test_txt005_reports_the_misspelling_not_the_word():
    # NCT04382781: "immunoglobulins" in the description, "Immunoglubulins" once elsewhere
    body = """summary: Immunoglubulins in COVID-19. Patients receive immunoglobulins, immunoglobulins again.
interventions:
  - {id: ig, name: Immunoglobulins, type: biological}
"""
    [(_, message)] = findings(body, "TXT005")
    assert message.startswith('summary: "Immunoglubulins" is spelled')


def test_txt005_two_english_words_are_two_words():
    # NCT04348513: "Infection" in the title, the intervention is an "injection"
    body = """summary: Prevention of Infection
interventions:
  - {id: x, name: Interferon injection, type: drug}
"""
    assert findings(body, "TXT005") == []


def test_txt005_declared_other_names_are_not_misspellings():
    # NCT00080808: "Paverine" is a brand name of papaverine, declared in other_names
    body = """summary: Papaverine for erectile dysfunction
interventions:
  - {id: p, name: Papaverine, type: drug, other_names: [Paverine]}
"""
    assert findings(body, "TXT005") == []


# Readers made faster keep their answers (the first-written form inlined here).
def _real_documents():
    from real_texts import documents

    return documents()


def test_txt005_a_word_stands_alone_as_the_words_in_capitals_said():
    import re

    from toolkit.rules import text

    upper_word = re.compile(r"\b[A-Z]{2,5}\b")
    joined = ["\x00".join(texts) for texts in _real_documents()] + ["ICC", "(Icc) ICC_", "xICC ICC2 ICCé", "é ICC"]
    checked = 0
    for doc in joined:
        upper = set(upper_word.findall(doc))
        for word in {w.upper() for w in re.findall(r"\(([A-Z][a-z]{1,4})\)", doc)} | {"ICC", "AE", "NCT"}:
            checked += 1
            assert text._stands_alone(word, doc) == (word in upper), (word, doc[:80])
    assert checked > 100


def test_txt004_the_look_at_the_whole_document_finds_every_empty_text():
    from toolkit.rules import text

    for texts in [*_real_documents(), ("",), ("a", " \t\n"), ("\u3000",), ("\x1c", "b"), ("a", "b")]:
        joined = "\x00" + "\x00".join(texts) + "\x00"
        assert bool(text._EMPTY_TEXT.search(joined)) == any(not t.strip() for t in texts), texts


def test_the_strings_by_top_level_key_and_the_joined_texts_are_the_whole_walk():
    from conftest import FIXTURES, PROTOCOLS

    from toolkit.document.load import load_file
    from toolkit.document.walk import strings
    from toolkit.document.walk import texts as walk_texts

    for path in [*PROTOCOLS.glob("*.yaml"), *(FIXTURES / "as_published").glob("*.yaml")]:
        doc = load_file(str(path)).document
        assert doc.strings == list(strings(doc.data))
        roots = [root for root in doc.data for _ in doc.strings_under(root)]
        assert roots == [p[0] for p, _ in doc.strings]
        fresh = load_file(str(path)).document  # joined before any path is walked: from the texts alone
        assert fresh.joined == "\x00".join(text for _, text in doc.strings) and walk_texts(doc.data) == [t for _, t in strings(doc.data)]
