"""PLS: the patient-facing summary is in plain language."""

from __future__ import annotations

import re
from collections.abc import Iterator

from toolkit.diagnostics import Severity
from toolkit.document.accessors import patient, patient_languages
from toolkit.document.model import Document
from toolkit.document.walk import get
from toolkit.parse import readability
from toolkit.parse.placeholders import has_placeholder
from toolkit.parse.readability import FIELDS, Target, measure_patient, patient_text
from toolkit.rules._registry import Finding, rule


def _where(doc, lang: str) -> tuple:
    base, source = patient(doc.data, lang)
    first = next((key for key in FIELDS if source.get(key)), None)
    return base + ((first,) if first else ())


@rule("PLS001", "summary-too-hard-english", Severity.WARNING, options={"max_grade": 8.0}, tables=readability.TABLES)
def summary_too_hard_english(doc: Document, *, max_grade) -> Iterator[Finding]:
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
def summary_too_hard_chinese(doc: Document, *, max_mean_length, long_sentence, max_long_share) -> Iterator[Finding]:
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
def unexplained_abbreviation(doc: Document) -> Iterator[Finding]:
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
    for lang in patient_languages(doc.data):
        text = patient_text(doc.data, lang)
        if not text or has_placeholder(text):
            continue
        explained = {g["term"].upper() for g in patient(doc.data, lang)[1].get("glossary", [])}
        for abbreviation in sorted(set(_ABBREVIATION.findall(text))):
            spelled_out = re.search(rf"\(\s*{re.escape(abbreviation)}\s*\)", text)
            roman = re.fullmatch(r"[IVX]+", abbreviation)  # "phase II"
            if abbreviation not in explained and not spelled_out and not roman:
                yield Finding(_where(doc, lang), f'patient summary uses "{abbreviation}" without explaining it '
                                                 "(spell it out or add it to patient.glossary)")


def _patient_languages(doc) -> list[str]:
    """The languages the protocol offers a patient summary in: its own, and each it has translations for."""
    source = doc.data.get("language", "en")
    return [source] + sorted(lang for lang in (get(doc.data, "translations", default={}) or {}) if lang != source)


def _patient_source(doc, lang: str) -> tuple[dict, tuple]:
    if lang == doc.data.get("language", "en"):
        return doc.data.get("patient") or {}, ("patient",)
    return get(doc.data, "translations", lang, "patient", default={}) or {}, ("translations", lang, "patient")


@rule("PLS004", "no-plain-purpose", Severity.WARNING)
def no_plain_purpose(doc):
    """The patient summary has no plain-language "What is this study about?".

    ## What it checks
    `patient.purpose` is written. Without it the summary cannot tell a patient in plain words
    what the study is about: it shows the scientific summary instead, under a sentence that
    says it was written for doctors and researchers.

    ## Why it matters
    The scientific summary of a trial typically reads at US grade 17-24; shown as the answer to
    "What is this study about?" it tells a patient nothing, and it looks as if it were meant
    for them.

    ## Example
    ```yaml
    summary: A single-arm phase II trial of adjuvant chemoradiotherapy after hepatectomy.
    ```

    ## Use instead
    ```yaml
    summary: A single-arm phase II trial of adjuvant chemoradiotherapy after hepatectomy.
    patient:
      purpose: This study tests whether radiotherapy with chemotherapy after liver surgery
        stops the cancer from coming back.
    ```

    ## Fix
    Write `patient.purpose` (and its translation under `translations.LANG.patient.purpose`):
    short sentences, everyday words, what is tested and why.
    """
    if get(doc.data, "patient", "purpose"):
        return
    yield Finding(("patient",) if "patient" in doc.data else (),
                  "the patient summary has no plain-language purpose: write patient.purpose (until then the "
                  "summary shows the scientific summary, labelled as written for doctors)")


@rule("PLS005", "unexplained-medical-term", Severity.WARNING)
def unexplained_medical_term(doc):
    """The patient text uses medical terms a lay reader will not know, and does not explain them.

    ## What it checks
    The author's patient-facing text (every language) against the toolkit's list of medical
    terms with lay explanations (`toolkit/parse/lay_terms.py`: "progression-free survival",
    "ECOG performance status", "adjuvant", "hepatectomy", "Child-Pugh", 无进展生存期,
    体能状态评分...). A term explained in `patient.glossary` is not reported; abbreviations
    are PLS003's.

    ## Why it matters
    A patient who does not know what "adjuvant" or "hepatectomy" means cannot tell what the
    study asks of them. The rendered summary explains the terms it finds from the toolkit's
    list, but the author's own words fit the trial better.

    ## Example
    ```yaml
    patient:
      purpose: This study tests adjuvant radiotherapy after hepatectomy.
    ```

    ## Use instead
    ```yaml
    patient:
      purpose: This study tests radiotherapy given after an operation to remove part of the liver.
    ```

    ## Fix
    Say it in everyday words, or explain the term in `patient.glossary`.
    """
    from toolkit.parse import lay_terms

    for lang in _patient_languages(doc):
        source, base = _patient_source(doc, lang)
        glossary = " ".join(f"{g.get('term', '')} {g.get('definition', '')}" for g in source.get("glossary", []))
        explained = {term.key for term in lay_terms.find(glossary)}
        for key in FIELDS:
            text = source.get(key)
            if not text or has_placeholder(text):
                continue
            terms = [lay_terms.name(t, lang) for t in lay_terms.find(_without_abbreviations(text))
                     if t.key not in explained and not t.common]
            if terms:
                yield Finding(base + (key,), f"medical terms a patient may not know: {', '.join(terms)}; say them in "
                                             "everyday words or explain them in patient.glossary")


def _without_abbreviations(text: str) -> str:
    return _ABBREVIATION.sub(" ", text)  # abbreviations are PLS003's


@rule("PLS006", "no-usable-contact", Severity.WARNING)
def no_usable_contact(doc):
    """The patient summary gives no phone number or e-mail address to contact.

    ## What it checks
    At least one of: a central contact (`contacts.central`) with a phone or e-mail, a site
    contact (`locations[].contacts`) with one, or a phone number or e-mail address in
    `patient.contact`.

    ## Why it matters
    "Contact the study team" is no help without a way to reach it; names of hospitals and
    web-form text ("enter your contact details") are not a contact.

    ## Example
    ```yaml
    patient:
      contact: Get in touch with the nearest study center.
    ```

    ## Use instead
    ```yaml
    contacts:
      central:
        - {name: Study office, phone: +86 10 8778 8888, email: trial@example.org}
    ```

    ## Fix
    Add a central contact with a phone number or e-mail address (or a site contact).
    """
    from toolkit.parse.contacts import has_phone_or_email

    people = get(doc.data, "contacts", "central", default=[]) + [
        c for site in doc.data.get("locations", []) for c in site.get("contacts", [])]
    if any(c.get("phone") or c.get("email") for c in people):
        return
    texts = [get(doc.data, "patient", "contact")] + [get(t, "patient", "contact") for t in
                                                     (get(doc.data, "translations", default={}) or {}).values()]
    if any(has_phone_or_email(text) or has_placeholder(text) for text in texts if text):
        return  # a placeholder is not written yet: TXT001 says so
    where = ("contacts",) if "contacts" in doc.data else (("patient", "contact") if get(doc.data, "patient", "contact")
                                                          else ())
    yield Finding(where, "no phone number or e-mail address for patients: add a central contact "
                         "(contacts.central) with a phone or e-mail; the summary can only tell patients to ask "
                         "their doctor")




@rule("PLS007", "untranslated-patient-content", Severity.WARNING)
def untranslated_patient_content(doc):
    """The protocol offers a summary in another language but leaves patient-facing text untranslated.

    ## What it checks
    For each language under `translations`, the texts its patient summary shows and that the
    author did not translate: the title, each `patient` field, the scientific summary (shown
    when there is no `patient.purpose`) and the criteria the summary lists (when there is no
    `patient.who_can_join`). The summary shows them in the original language, marked. The
    finding counts them, and says how many names (arms, treatments, sites) the format has no
    place to translate.

    ## Why it matters
    A Chinese summary that is mostly English is not a Chinese summary; the author should know
    before patients do.

    ## Example
    ```yaml
    patient:
      purpose: This study tests radiotherapy after liver surgery.
    translations:
      zh:
        summary: 本研究评估肝切除术后放疗。
    ```

    ## Use instead
    ```yaml
    patient:
      purpose: This study tests radiotherapy after liver surgery.
    translations:
      zh:
        summary: 本研究评估肝切除术后放疗。
        title: {brief: 肝切除术后放疗研究}
        patient:
          purpose: 本研究评估肝切除手术后的放射治疗。
    ```

    ## Fix
    Translate the listed fields under `translations.LANG` (`patient`, `title`, `eligibility`).
    """
    source = doc.data.get("language", "en")
    for lang, translation in (get(doc.data, "translations", default={}) or {}).items():
        if lang == source:
            continue
        missing = _untranslated_fields(doc.data, translation or {})
        if missing:
            names = _untranslatable_names(doc.data)
            yield Finding(("translations", lang),
                          f"the {lang} patient summary shows {len(missing)} patient-facing text(s) untranslated: "
                          f"{', '.join(missing)}" + (f" (and {names} name(s) of arms, treatments and sites the "
                                                     "format cannot translate)" if names else ""))


def _untranslated_fields(data: dict, translation: dict) -> list[str]:
    patient, translated = data.get("patient") or {}, translation.get("patient") or {}
    missing = []
    if not translated.get("title") and not get(translation, "title", "brief"):
        missing.append("title")
    for key in FIELDS + ("contact",):
        if patient.get(key) and not translated.get(key):
            missing.append(f"patient.{key}")
    if not patient.get("purpose") and not translated.get("purpose") and data.get("summary") \
            and not translation.get("summary"):
        missing.append("summary")
    inclusion = get(data, "eligibility", "inclusion", default=[])
    if not patient.get("who_can_join") and not translated.get("who_can_join") and inclusion and \
            len(get(translation, "eligibility", "inclusion", default=[])) != len(inclusion):
        missing.append(f"eligibility.inclusion ({min(len(inclusion), 5)} shown)")
    return missing


def _untranslatable_names(data: dict) -> int:
    return (len(data.get("arms", [])) + len(data.get("interventions", [])) + len(data.get("locations", [])))
