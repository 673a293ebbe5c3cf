"""TRN: a translation states the same facts as the original text.

Every translated text (`translations.LANG....`) is compared with the text it translates:
numbers and their units, comparison operators and negations (read by
`toolkit.parse.facts`), and the number of items of translated lists (criteria, conditions).
The reading is lexical, so the findings are warnings, except a list whose items do not
match one to one, which the format itself rules out.
"""

from __future__ import annotations

from collections.abc import Iterator

from toolkit.diagnostics import Severity
from toolkit.document.model import Document
from toolkit.document.walk import get
from toolkit.parse.facts import Difference, compare
from toolkit.parse.placeholders import has_placeholder
from toolkit.rules._registry import Finding, rule

# The translatable texts: paths below the protocol root and below `translations.LANG`.
TEXTS = (("title", "brief"), ("title", "official"), ("summary",), ("description",))
LISTS = (("conditions",), ("eligibility", "inclusion"), ("eligibility", "exclusion"))
PATIENT = ("title", "purpose", "who_can_join", "involvement", "duration", "group_assignment", "risks", "benefits",
           "contact")


def pairs(doc) -> Iterator[tuple[tuple, str, str]]:
    """(path of the translation, original text, translated text) for every translated text."""
    for lang, translation in (get(doc.data, "translations", default={}) or {}).items():
        base = ("translations", lang)
        for path in TEXTS + tuple(("patient", key) for key in PATIENT):
            original, translated = get(doc.data, *path), get(translation, *path)
            if isinstance(original, str) and isinstance(translated, str):
                yield base + path, original, translated
        for path in LISTS:
            originals, translated = get(doc.data, *path, default=[]), get(translation, *path, default=[])
            if len(originals) == len(translated):
                for index, (a, b) in enumerate(zip(originals, translated)):
                    yield base + path + (index,), a, b


def _differences(doc, kind: str) -> Iterator[tuple[tuple, Difference]]:
    for path, difference in doc.cached("translation-differences", _all_differences):
        if difference.kind == kind:
            yield path, difference


def _all_differences(doc) -> list[tuple[tuple, Difference]]:
    """Every pair compared once per document; TRN001-003 each report one kind of difference."""
    return [(path, difference) for path, original, translated in pairs(doc)
            if not (has_placeholder(original) or has_placeholder(translated))  # not written yet: TXT001 says so
            for difference in compare(original, translated)]


@rule("TRN001", "translation-numbers-differ", Severity.WARNING)
def translation_numbers_differ(doc: Document) -> Iterator[Finding]:
    """A translation states other numbers, or other units, than the text it translates.

    ## What it checks
    The numbers of every translated text (titles, summary, description, conditions, criteria,
    patient text) against the original's, with their units where both name one: "36 patients"
    / "36例", "3 months" / "3个月", "60 Gy". Numbers written in words count when a unit follows
    ("three months", "三个月").

    ## Why it matters
    A Chinese summary that says 35 participants where the protocol says 36, or 3 weeks where it
    says 3 months, misinforms exactly the readers who cannot check the original.

    ## Example
    ```yaml
    summary: The trial will enrol 36 patients.
    translations:
      zh:
        summary: 本试验将纳入35例患者。
    ```

    ## Use instead
    ```yaml
    summary: The trial will enrol 36 patients.
    translations:
      zh:
        summary: 本试验将纳入36例患者。
    ```

    ## Fix
    Correct the translation (or the original) so that both state the same numbers and units.
    """
    for path, difference in _differences(doc, "number"):
        yield Finding(path, f"the translation states other numbers than the original: the original has "
                            f"{difference.original} where the translation has {difference.translation}")
    for path, difference in _differences(doc, "unit"):
        yield Finding(path, f"the translation states other units than the original: {difference.original} "
                            f"in the original, {difference.translation} in the translation")


@rule("TRN002", "translation-comparison-differs", Severity.WARNING)
def translation_comparison_differs(doc: Document) -> Iterator[Finding]:
    """A translation compares differently: "at least" became "more than", "≥" became "≤".

    ## What it checks
    The comparison operators of every translated text against the original's: ≥ (at least,
    no less than, 至少, 不少于, 以上), > (more than, over, 超过, 大于), ≤ (at most, up to, no more
    than, 不超过, 以下, 以内), < (less than, under, 小于, 低于, 未满).

    ## Why it matters
    "≥ 18 years" and "超过18岁" (over 18) admit different people; a flipped operator in a
    criterion changes who may take part.

    ## Example
    ```yaml
    eligibility:
      inclusion: [Age at least 18 years]
    translations:
      zh:
        eligibility:
          inclusion: [年龄不超过18岁]
    ```

    ## Use instead
    ```yaml
    eligibility:
      inclusion: [Age at least 18 years]
    translations:
      zh:
        eligibility:
          inclusion: [年龄至少18岁]
    ```

    ## Fix
    Make the translation compare the same way as the original.
    """
    for path, difference in _differences(doc, "operator"):
        yield Finding(path, f"the translation compares differently: {difference.original} in the original, "
                            f"{difference.translation} in the translation")


@rule("TRN003", "translation-negation-differs", Severity.WARNING)
def translation_negation_differs(doc: Document) -> Iterator[Finding]:
    """A translation has more or fewer negations than the text it translates.

    ## What it checks
    The negations ("not", "no", "without", 不, 无, 非, 未, 没有) of every translated text against
    the original's. Negations that are part of a term are not counted: "progression-free" /
    "无进展", "adverse" / "不良", "non-small cell" / "非小细胞", "unresectable" / "不可切除".

    ## Why it matters
    A dropped "not" turns an exclusion into its opposite: "patients who have not received
    radiotherapy" and "patients who have received radiotherapy" are different trials.

    ## Example
    ```yaml
    eligibility:
      exclusion: [Patients who have not received chemotherapy]
    translations:
      zh:
        eligibility:
          exclusion: [接受过化疗的患者]
    ```

    ## Use instead
    ```yaml
    eligibility:
      exclusion: [Patients who have not received chemotherapy]
    translations:
      zh:
        eligibility:
          exclusion: [未接受过化疗的患者]
    ```

    ## Fix
    Restore the negation in the translation (or remove the extra one).
    """
    for path, difference in _differences(doc, "negation"):
        yield Finding(path, f"the translation has {difference.translation} negation(s) where the original has "
                            f"{difference.original}")


@rule("TRN004", "translation-items-missing", Severity.ERROR)
def translation_items_missing(doc: Document) -> Iterator[Finding]:
    """A translated list has more or fewer items than the original.

    ## What it checks
    `translations.LANG.conditions`, `eligibility.inclusion` and `eligibility.exclusion` have
    as many items as the original lists (the format translates them one to one, in order).

    ## Why it matters
    A criterion present in one language and missing in the other is a different trial for the
    readers of each. The documents cannot pair the items either, and show the original list.

    ## Example
    ```yaml
    eligibility:
      inclusion: [Age 18 years or older, ECOG 0-1]
    translations:
      zh:
        eligibility:
          inclusion: [年龄18岁及以上]
    ```

    ## Use instead
    ```yaml
    eligibility:
      inclusion: [Age 18 years or older, ECOG 0-1]
    translations:
      zh:
        eligibility:
          inclusion: [年龄18岁及以上, ECOG评分0-1分]
    ```

    ## Fix
    Translate every item, one translated item per original item, in the same order.
    """
    for lang, translation in (get(doc.data, "translations", default={}) or {}).items():
        for path in LISTS:
            originals, translated = get(doc.data, *path, default=[]), get(translation, *path)
            if translated is not None and len(translated) != len(originals):
                yield Finding(("translations", lang) + path,
                              f"{len(translated)} translated item(s) for {len(originals)} in the original "
                              f"{'.'.join(path)}: a criterion or item is present in one language only")
