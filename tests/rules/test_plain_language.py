"""PLS: the patient-facing summary is in plain language."""

from __future__ import annotations

from helpers import findings, lines

HARD = ("This is a single-arm prospective phase II clinical trial to investigate the efficacy and safety of "
        "adjuvant concurrent chemoradiotherapy with simultaneous integrated boost following hepatectomy.")
EASY = ("This study tests a new medicine for liver cancer. You will take one pill each day. "
        "The doctors will check your blood every three weeks.")
LONG_ZH = "本研究是一项单臂前瞻性二期临床试验，旨在评估肝切除术后辅助同步放化疗联合同步整合加量调强放疗治疗肝内胆管癌患者的疗效和安全性。"
SHORT_ZH = "我们研究一种新药。您每天吃一片药。医生每三周检查一次。"


def patient(purpose: str, **more: str) -> str:
    body = f"patient:\n  purpose: {purpose}\n"
    return body + "".join(f"  {key}: {value}\n" for key, value in more.items())


def test_pls001_hard_english_summary():
    ((line, message),) = findings(patient(HARD), "PLS001")
    assert line == 2 and message.startswith("patient summary reads at US grade ") and "above target" in message
    assert lines(patient(EASY), "PLS001") == []


def test_pls001_skips_text_not_written_yet():
    assert lines(patient(HARD + " TODO"), "PLS001") == []  # TXT001 reports the placeholder


def test_pls001_only_for_english_protocols():
    assert lines("language: zh\n" + patient(HARD), "PLS001") == []


def test_pls002_long_chinese_sentences():
    translated = "translations:\n  zh:\n    patient:\n      purpose: " + LONG_ZH + "\n"
    ((line, message),) = findings(translated, "PLS002")
    assert line == 4 and message.startswith("Chinese patient summary: ") and "above target" in message
    assert lines("translations:\n  zh:\n    patient:\n      purpose: " + SHORT_ZH + "\n", "PLS002") == []


def test_pls002_protocol_written_in_chinese():
    assert lines("language: zh\n" + patient(LONG_ZH), "PLS002") == [3]
    assert lines("language: zh\n" + patient(SHORT_ZH), "PLS002") == []


def test_pls003_unexplained_abbreviation():
    ((line, message),) = findings(patient("You will receive IMRT five days a week."), "PLS003")
    assert line == 2 and '"IMRT"' in message


def test_pls003_explained_by_glossary_spelling_out_or_roman_numerals():
    glossary = "  glossary:\n    - {term: IMRT, definition: a precise kind of radiotherapy}\n"
    assert lines(patient("You will receive IMRT five days a week.") + glossary, "PLS003") == []
    spelled = patient("You will receive intensity-modulated radiotherapy (IMRT). IMRT takes ten minutes.")
    assert lines(spelled, "PLS003") == []
    assert lines(patient("This is a phase II study. You take one pill."), "PLS003") == []


def test_pls_targets_are_options():
    grade = float(findings(patient(HARD), "PLS001")[0][1].split("US grade ")[1].split(" ")[0])
    assert lines(patient(HARD), "PLS001", max_grade=grade + 0.1) == []
    ((_, message),) = findings(patient(EASY), "PLS001", max_grade=2.0)
    assert "target 6-2" in message
    translated = "translations:\n  zh:\n    patient:\n      purpose: " + LONG_ZH + "\n"
    assert lines(translated, "PLS002", max_mean_length=80.0, long_sentence=80) == []
    assert lines(translated, "PLS002", max_mean_length=80.0) == [4]  # still one long sentence in one


def test_pls004_no_plain_purpose():
    ((_, message),) = findings("summary: A single-arm phase II trial.\n", "PLS004")
    assert "patient.purpose" in message
    assert lines(patient(EASY), "PLS004") == []


def test_pls005_medical_terms():
    ((line, message),) = findings(patient("This study tests adjuvant radiotherapy after hepatectomy."), "PLS005")
    assert line == 2 and "Adjuvant treatment" in message and "Hepatectomy" in message
    assert "Radiotherapy" not in message  # a word most patients know: the glossary explains it, no finding
    assert lines(patient("This study tests radiotherapy given after an operation to remove part of the liver."),
                 "PLS005") == []


def test_pls005_glossary_explains_the_term():
    body = patient("This study tests treatment after hepatectomy.") + \
        "  glossary: [{term: hepatectomy, definition: an operation to remove part of the liver}]\n"
    assert lines(body, "PLS005") == []


def test_pls005_chinese():
    body = "translations:\n  zh:\n    patient:\n      purpose: 本研究观察无进展生存期和体能状态评分。\n"
    ((line, message),) = findings(body, "PLS005")
    assert line == 4 and "无进展生存期" in message and "ECOG体能状态评分" in message


def test_pls006_no_usable_contact():
    assert lines(patient(EASY, contact="Get in touch with the nearest study center."), "PLS006") == [3]
    assert lines(patient(EASY, contact="Call the study office on +86 10 8778 8888."), "PLS006") == []
    assert lines(patient(EASY) + "contacts:\n  central: [{name: Office, email: trial@example.org}]\n", "PLS006") == []
    sites = "locations:\n  - facility: A hospital\n    contacts: [{name: Nurse, phone: '+86 21 6404 1990'}]\n"
    assert lines(patient(EASY) + sites, "PLS006") == []
    assert lines(patient(EASY) + "locations:\n  - facility: A hospital\n", "PLS006") != []  # a name is no contact


def test_pls007_untranslated_patient_content_is_counted():
    body = patient(EASY, risks="You may feel tired.") + "translations:\n  zh:\n    summary: 本研究评估一种新药。\n"
    ((line, message),) = findings(body, "PLS007")
    assert line == 6 and "3 patient-facing text(s) untranslated: title, patient.purpose, patient.risks" in message
    translated = (patient(EASY) + "translations:\n  zh:\n    title: {brief: 一项试验}\n"
                  "    patient: {purpose: 本研究评估一种治疗肝癌的新药。}\n")
    assert lines(translated, "PLS007") == []
