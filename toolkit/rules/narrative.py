"""NAR: what the titles say about the design against the structured design fields.

Titles describe the study itself, so only they are read (summaries also describe earlier
trials). Only explicit statements count; negations ("non-randomized") say the opposite. The
words are read by toolkit.parse.design_words.
"""

from __future__ import annotations

from toolkit.diagnostics import Severity
from toolkit.document.walk import get
from toolkit.parse.design_words import design_words, phases
from toolkit.parse.placeholders import has_placeholder
from toolkit.rules._registry import Finding, rule

_REGISTRABLE = [{"na"}, {"early_phase1"}, {"phase1"}, {"phase1", "phase2"}, {"phase2"}, {"phase2", "phase3"}, {"phase3"}, {"phase4"}]
_SHOWN = {"early_phase1": "early phase 1", "phase1": "phase 1", "phase2": "phase 2", "phase3": "phase 3",
          "phase4": "phase 4", "na": "not applicable"}


def _titles(doc):
    for kind in ("brief", "official"):
        text = get(doc.data, "title", kind)
        if text and not has_placeholder(text):
            yield ("title", kind), text


def _show(values) -> str:
    return "/".join(_SHOWN.get(v, v) for v in sorted(values))


@rule("NAR001", "title-phase-vs-phases", Severity.WARNING)
def title_phase_vs_phases(doc):
    """A title states a phase that `design.phases` does not give.

    ## What it checks
    "Phase II", "Phase 2/3", "Phase Ib/II", "Phase 0" in the brief or official title against
    `design.phases` of an interventional study. Titles naming two parts' phases ("Phase I ...,
    followed by a phase III") and combinations the registry cannot record ("Phase I-III") are
    left alone.

    ## Why it matters
    The phase is one of the registry's search filters and tells readers how far the drug's
    development has come; a title and a phase field that disagree send reviewers back to the
    record and readers to the wrong conclusion.

    ## Example
    ```yaml
    title:
      brief: A Phase III Randomized Trial of D2 Versus D3 Lymphadenectomy
    design:
      study_type: interventional
      phases: [na]
    ```

    ## Use instead
    ```yaml
    title:
      brief: A Phase III Randomized Trial of D2 Versus D3 Lymphadenectomy
    design:
      study_type: interventional
      phases: [phase3]
    ```

    ## Fix
    Make the title and `design.phases` say the same phase.
    """
    given = get(doc.data, "design", "phases")
    if not given or get(doc.data, "design", "study_type", default="interventional") != "interventional":
        return
    for path, text in _titles(doc):
        stated = phases(text)
        if stated and stated in _REGISTRABLE and stated != set(given):
            yield Finding(path, f"the {path[1]} title says {_show(stated)}, but design.phases is {_show(given)}",
                          related=(("design", "phases"),))


def _contradictions(doc, words: dict[str, str], text: str):
    """(word as written, the design field it contradicts, what that field says)."""
    design = doc.data.get("design") or {}
    allocation, model = design.get("allocation"), design.get("model")
    masking = (design.get("masking") or {}).get("level")
    perspective = design.get("time_perspective")
    if "randomized" in words and allocation in ("non_randomized", "na"):
        yield words["randomized"], ("design", "allocation"), allocation
    if "non_randomized" in words and allocation == "randomized":
        yield words["non_randomized"], ("design", "allocation"), allocation
    if "open_label" in words and masking in ("double", "triple", "quadruple") and "double_blind" not in words \
            and "blind" not in text.lower() and "mask" not in text.lower():
        yield words["open_label"], ("design", "masking", "level"), masking
    if "double_blind" in words and masking in ("none", "single"):
        yield words["double_blind"], ("design", "masking", "level"), masking
    if "crossover" in words and model and model != "crossover" and design.get("study_type") == "interventional":
        yield words["crossover"], ("design", "model"), model
    if "prospective" in words and perspective == "retrospective":
        yield words["prospective"], ("design", "time_perspective"), perspective
    if "retrospective" in words and perspective == "prospective":
        yield words["retrospective"], ("design", "time_perspective"), perspective


@rule("NAR002", "title-design-vs-design", Severity.WARNING)
def title_design_vs_design(doc):
    """A title describes a design that the design fields contradict.

    ## What it checks
    Words in the brief or official title against the structured design: "randomized" with an
    allocation that is non-randomized or N/A (and "non-randomized" with a randomized one),
    "double-blind" with no or single masking, "open-label" with double or higher masking
    (unless the title also says what is blinded), "crossover" with another intervention model,
    "prospective" or "retrospective" with the other time perspective. Negations
    ("non-randomized", "not blinded") say the opposite and are read so.

    ## Why it matters
    Readers and the registry's search filters go by the design fields, and the title is what
    everyone reads first; when they disagree one of them misstates the trial, and reviewers
    send the record back.

    ## Example
    ```yaml
    title:
      brief: A Randomized Phase II Study of Thalidomide and Prednisone
    design:
      study_type: interventional
      allocation: na
    ```

    ## Use instead
    ```yaml
    title:
      brief: A Randomized Phase II Study of Thalidomide and Prednisone
    design:
      study_type: interventional
      allocation: randomized
    ```

    ## Fix
    Correct the design field, or the title.
    """
    for path, text in _titles(doc):
        for written, field, value in _contradictions(doc, design_words(text), text):
            yield Finding(path, f'the {path[1]} title says "{written}", but {".".join(field)} is {value}',
                          related=(field,))
