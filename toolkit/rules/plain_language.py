"""PLS: the patient-facing summary is in plain language."""

from __future__ import annotations

import re

from toolkit.diagnostics import Severity
from toolkit.document.walk import get
from toolkit.parse.placeholders import has_placeholder
from toolkit.parse.readability import FIELDS, Target, measure_patient, patient_text
from toolkit.rules._registry import Finding, rule


def _where(doc, lang: str) -> tuple:
    if lang == doc.data.get("language", "en"):
        source, base = doc.data.get("patient", {}), ("patient",)
    else:
        source, base = get(doc.data, "translations", lang, "patient", default={}), ("translations", lang, "patient")
    first = next((key for key in FIELDS if source.get(key)), None)
    return base + ((first,) if first else ())


@rule("PLS001", "summary-too-hard-english", Severity.WARNING, options={"max_grade": 8.0})
def summary_too_hard_english(doc, *, max_grade):
    """The English patient summary is harder to read than US grade 8.

    ## What it checks
    The author's patient-facing text (`patient.purpose`, `who_can_join`, `involvement`,
    `duration`, `group_assignment`, `risks`, `benefits`) by its Flesch-Kincaid grade level.
    The target is US grade 6-8.

    ## Why it matters
    Patients decide whether to take part from this text. ClinicalTrials.gov guidance and
    lay-summary practice aim at grade 6-8; most trial summaries are far above it.

    ## Example
    ```yaml
    patient:
      purpose: This is a single-arm prospective phase II clinical trial to investigate the
        efficacy and safety of adjuvant concurrent chemoradiotherapy with simultaneous
        integrated boost following hepatectomy.
    ```

    ## Use instead
    ```yaml
    patient:
      purpose: We want to find out if a new treatment helps after liver surgery. You get
        radiation and a pill. We check if the cancer comes back.
    ```

    ## Options
    - `max_grade` (default 8.0): the highest Flesch-Kincaid grade on target.

    ## Fix
    Short sentences, everyday words, "you": "This study tests whether radiotherapy and
    chemotherapy after liver surgery help stop the cancer from coming back." Explain the
    terms you cannot avoid in `patient.glossary`.
    """
    if doc.data.get("language", "en") != "en" or not doc.data.get("patient"):
        return
    if has_placeholder(patient_text(doc.data, "en")):
        return  # not written yet (TXT001 says so)
    result = measure_patient(doc.data, "en", Target(english_grade=max_grade))
    if result and not result.on_target:
        yield Finding(_where(doc, "en"), f"patient summary reads at {result.describe()}")


@rule("PLS002", "summary-too-hard-chinese", Severity.WARNING,
      options={"max_mean_length": 25.0, "long_sentence": 35, "max_long_share": 0.2})
def summary_too_hard_chinese(doc, *, max_mean_length, long_sentence, max_long_share):
    """The Chinese patient summary has sentences too long for easy reading (a heuristic).

    ## What it checks
    The Chinese patient-facing text (`translations.zh.patient`, or `patient` when the protocol
    is written in Chinese): the mean sentence length in Chinese characters (target at most 25)
    and the share of sentences over 35 characters (target at most one in five). No official
    Chinese readability formula exists; these thresholds are documented heuristics.

    ## Why it matters
    Long sentences are the most common reason patients misread consent and summary texts.

    ## Example
    ```yaml
    language: zh
    patient:
      purpose: 本研究是一项单臂前瞻性二期临床试验，旨在评估肝切除术后辅助同步放化疗联合
        同步整合加量调强放疗治疗肝内胆管癌患者的疗效和安全性以及对长期生存的影响。
    ```

    ## Use instead
    ```yaml
    language: zh
    patient:
      purpose: 本研究想了解一种新的治疗方法。手术以后，您会接受放疗和化疗。医生会定期为您检查身体。
    ```

    ## Options
    - `max_mean_length` (default 25.0): the longest mean sentence, in Chinese characters.
    - `long_sentence` (default 35): a sentence longer than this many characters is long.
    - `max_long_share` (default 0.2): the largest share of long sentences on target.

    ## Fix
    One idea per sentence; end sentences with 。
    """
    lang_is_zh = doc.data.get("language") == "zh"
    if not (lang_is_zh and doc.data.get("patient")) and not get(doc.data, "translations", "zh", "patient"):
        return
    if has_placeholder(patient_text(doc.data, "zh")):
        return
    target = Target(chinese_mean=max_mean_length, chinese_long=long_sentence, chinese_long_share=max_long_share)
    result = measure_patient(doc.data, "zh", target)
    if result and not result.on_target:
        yield Finding(_where(doc, "zh"), f"Chinese patient summary: {result.describe()}")


_ABBREVIATION = re.compile(r"\b[A-Z][A-Z0-9-]{1,7}\b")


@rule("PLS003", "unexplained-abbreviation", Severity.WARNING)
def unexplained_abbreviation(doc):
    """The patient summary uses an abbreviation it does not explain.

    ## What it checks
    Abbreviations in capitals (IMRT, PFS, HCC) in the patient-facing text that are neither in
    `patient.glossary` nor spelled out next to them ("progression-free survival (PFS)").

    ## Why it matters
    Patients do not know what IMRT or PFS means; an unexplained abbreviation hides the very
    thing the sentence is telling them.

    ## Example
    ```yaml
    patient:
      involvement: You will receive IMRT five days a week.
    ```

    ## Use instead
    ```yaml
    patient:
      involvement: You will receive intensity-modulated radiotherapy (IMRT) five days a week.
    ```

    ## Fix
    Spell it out, or add it to the glossary:
    `glossary: [{term: IMRT, definition: a precise kind of radiotherapy}]`.
    """
    languages = [doc.data.get("language", "en")] if doc.data.get("patient") else []
    languages += [lang for lang, t in get(doc.data, "translations", default={}).items() if t.get("patient")]
    for lang in sorted(set(languages)):
        text = patient_text(doc.data, lang)
        if not text or has_placeholder(text):
            continue
        source = doc.data if lang == doc.data.get("language", "en") else get(doc.data, "translations", lang, default={})
        explained = {g["term"].upper() for g in get(source, "patient", "glossary", default=[])}
        for abbreviation in sorted(set(_ABBREVIATION.findall(text))):
            spelled_out = re.search(rf"\(\s*{re.escape(abbreviation)}\s*\)", text)
            roman = re.fullmatch(r"[IVX]+", abbreviation)  # "phase II"
            if abbreviation not in explained and not spelled_out and not roman:
                yield Finding(_where(doc, lang), f'patient summary uses "{abbreviation}" without explaining it '
                                                 "(spell it out or add it to patient.glossary)")
