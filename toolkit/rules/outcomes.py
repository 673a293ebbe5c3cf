"""OUT: outcome measures as a registry reviewer reads them — one specific metric per measure,
written as a measure, listed once, at a time frame that fits it.

Outcome measures draw ClinicalTrials.gov's most common "Major" review comment. Titles are
read by toolkit.parse.outcomes; these rules only report. All are warnings: the wording of a
title is a judgement, and the reviewers' own automatic check for non-specific titles is a
warning too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from toolkit.diagnostics import Severity
from toolkit.document.model import Document
from toolkit.document.walk import get
from toolkit.parse import outcomes
from toolkit.parse.durations import named_time_point, same, time_points
from toolkit.parse.placeholders import has_placeholder
from toolkit.rules._measures import measure_time_points
from toolkit.rules._registry import Finding, rule

KINDS = ("primary", "secondary", "other")


def _endpoints(doc):
    for kind in KINDS:
        for index, endpoint in enumerate(get(doc.data, "endpoints", kind, default=[]) or []):
            yield ("endpoints", kind, index), endpoint


def _titles(doc) -> list[tuple[tuple, str]]:
    """(path of the measure, its title) for every written (not placeholder) title (read once for OUT001-004)."""
    return doc.cached("outcome-titles", _written_titles)


def _written_titles(doc) -> list[tuple[tuple, str]]:
    return [((*where, "measure"), endpoint["measure"]) for where, endpoint in _endpoints(doc)
            if endpoint["measure"].strip() and not has_placeholder(endpoint["measure"])]


@rule("OUT001", "non-specific-outcome", Severity.WARNING)
def non_specific_outcome(doc: Document) -> Iterator[Finding]:
    """An outcome measure names a domain, not a metric.

    ## What it checks
    Outcome titles made only of a domain: "Safety", "Efficacy", "Tolerability",
    "Feasibility", "Pain", "Performance", "Quality of life", "Adverse events (AEs)", "Safety
    and tolerability". A title with anything measurable in it ("Number of participants with
    adverse events", "Pain score on a 0-10 scale") is left alone.

    ## Why it matters
    ClinicalTrials.gov sends such records back ("the outcome measure is non-specific"): a
    domain is not something one can report a number for, so the reader cannot tell what the
    trial will count or measure.

    ## Example
    ```yaml
    endpoints:
      primary:
        - measure: Safety and tolerability
          timeframe: Up to 12 weeks
    ```

    ## Use instead
    ```yaml
    endpoints:
      primary:
        - measure: Number of participants with grade 3 or higher treatment-related adverse events
          timeframe: Up to 12 weeks
    ```

    ## Fix
    Name the metric: "Number of participants with ...", "Change from baseline in ... score",
    "Proportion of participants who complete ...".
    """
    for path, title in _titles(doc):
        if outcomes.non_specific(title):
            yield Finding(path, f'outcome "{title}" names a domain, not a metric; say what is counted or measured '
                                f'(e.g. "Number of participants with ...")')


@rule("OUT002", "instrument-only-outcome", Severity.WARNING)
def instrument_only_outcome(doc: Document) -> Iterator[Finding]:
    """An outcome measure names an instrument and nothing measured with it.

    ## What it checks
    Titles that are only a questionnaire or scale: "HADS", "SF-36", "Hospital Anxiety and
    Depression Scale (HADS)", "Insomnia Severity Index". A title that says what is measured
    with it ("HADS anxiety score", "Change from baseline in SF-36 physical component score",
    "Proportion of participants with a PHQ-9 score of 10 or more") is left alone.

    ## Why it matters
    An instrument gives several scores; the registry asks which one is the outcome, and how it
    is summarised (the score, its change from baseline, a proportion above a cut-off).

    ## Example
    ```yaml
    endpoints:
      secondary:
        - measure: Hospital Anxiety and Depression Scale (HADS)
          timeframe: Week 12
    ```

    ## Use instead
    ```yaml
    endpoints:
      secondary:
        - measure: Change from baseline in HADS anxiety subscale score
          timeframe: Baseline and week 12
    ```

    ## Fix
    Say what is measured with the instrument, and name its range in the description.
    """
    for path, title in _titles(doc):
        if outcomes.instrument_only(title):
            yield Finding(path, f'outcome "{title}" names an instrument only; say what is measured with it '
                                f'(a score, its change from baseline, a proportion above a cut-off)')


@rule("OUT003", "several-measures-in-one", Severity.WARNING)
def several_measures_in_one(doc: Document) -> Iterator[Finding]:
    """One outcome holds two measures.

    ## What it checks
    Titles whose head is two measures joined by "and": "Weight and waist circumference",
    "Response and relapse rates", "Incidence and severity of adverse events". Fixed pairs that
    name one thing ("Signs and symptoms", "Nausea and vomiting"), named instruments ("Western
    Ontario and McMaster Osteoarthritis Index (WOMAC)"), one measure at two times ("30-day and
    90-day mortality") and "and" inside a qualifier ("... with nausea and vomiting") are left alone.

    ## Why it matters
    The registry asks for one measure per outcome: each has its own unit, analysis and
    result table, and two measures in one cannot be reported.

    ## Example
    ```yaml
    endpoints:
      secondary:
        - measure: Weight and waist circumference
          timeframe: Week 24
    ```

    ## Use instead
    ```yaml
    endpoints:
      secondary:
        - measure: Body weight
          timeframe: Week 24
        - measure: Waist circumference
          timeframe: Week 24
    ```

    ## Fix
    Make each measure its own outcome.
    """
    for path, title in _titles(doc):
        pair = outcomes.joined_measures(title)
        if pair:
            yield Finding(path, f'outcome "{title}" holds two measures ("{pair[0]}" and "{pair[1]}"); '
                                f"list each as its own outcome")


@rule("OUT004", "outcome-written-as-objective", Severity.WARNING)
def outcome_written_as_objective(doc: Document) -> Iterator[Finding]:
    """An outcome measure is written as an objective or a sentence.

    ## What it checks
    Titles that start like an objective ("To evaluate ...", "To determine whether ...") or
    read as a sentence about the study ("... will be recorded", "We will measure ...").

    ## Why it matters
    The registry's outcome title names what is measured; an objective says why, and leaves the
    measure itself unsaid. Reviewers send such titles back.

    ## Example
    ```yaml
    endpoints:
      primary:
        - measure: To evaluate the efficacy of drug X in reducing pain
          timeframe: Week 4
    ```

    ## Use instead
    ```yaml
    endpoints:
      primary:
        - measure: Change from baseline in pain intensity on a 0-10 numeric rating scale
          timeframe: Baseline and week 4
    ```

    ## Fix
    Write the measure as a noun phrase; move the objective to `objectives`.
    """
    for path, title in _titles(doc):
        words = outcomes.objective_wording(title)
        if words:
            yield Finding(path, f'outcome "{_short(title)}" is written as an objective or a sentence ("{words}"); '
                                f"name the measure instead")


@rule("OUT005", "duplicate-outcome", Severity.WARNING)
def duplicate_outcome(doc: Document) -> Iterator[Finding]:
    """The same outcome measure is listed twice.

    ## What it checks
    Two outcomes (primary, secondary or other) with the same title, time frame and
    description, letter case, spacing and punctuation aside.

    ## Why it matters
    The registry would show, and ask results for, the same measure twice; usually one of the
    two was meant to be another measure or another time point.

    ## Example
    ```yaml
    endpoints:
      primary:
        - {measure: Overall survival, timeframe: Up to 2 years}
      secondary:
        - {measure: Overall Survival, timeframe: up to 2 years}
    ```

    ## Use instead
    ```yaml
    endpoints:
      primary:
        - {measure: Overall survival, timeframe: Up to 2 years}
      secondary:
        - {measure: Progression-free survival, timeframe: Up to 2 years}
    ```

    ## Fix
    Remove the copy, or make it the measure or time point it was meant to be.
    """
    measures = [(where, endpoint, outcomes.normalized(endpoint["measure"])) for where, endpoint in _endpoints(doc)
                if not has_placeholder(endpoint["measure"])]
    repeated = Counter(measure for _, _, measure in measures)
    first: dict = {}
    for where, endpoint, measure in measures:
        if not measure or repeated[measure] < 2:
            continue  # a measure named once is no one's duplicate: its time frame and description need not be read
        key = (measure, *(outcomes.normalized(endpoint.get(field) or "") for field in ("timeframe", "description")))
        if key in first:
            line = doc.position((*first[key], "measure"))[0]
            yield Finding((*where, "measure"), f'outcome "{endpoint["measure"]}" is listed twice (first at line {line})')
        else:
            first[key] = where


@rule("OUT006", "time-point-with-window", Severity.WARNING)
def time_point_with_window(doc: Document) -> Iterator[Finding]:
    """A measure taken at one time point has a time frame that is a window, or no end.

    ## What it checks
    Measures that name their time point ("... at week 12", "12-month survival rate") whose
    time frame is a window around it ("Up to 12 weeks", "Within 12 weeks", "Weeks 0-12"); and
    time frames with no end ("From the second visit onward", "every 3 months thereafter")
    that give no upper limit.

    ## Why it matters
    The time frame says when each participant is assessed. "At week 12" and "up to 12 weeks"
    are different measures (one value at week 12, or anything until then), and a time frame
    without an end cannot anchor the primary completion date. Reviewers send both back.

    ## Example
    ```yaml
    endpoints:
      primary:
        - measure: Proportion of participants in remission at week 12
          timeframe: Up to 12 weeks
    ```

    ## Use instead
    ```yaml
    endpoints:
      primary:
        - measure: Proportion of participants in remission at week 12
          timeframe: Week 12
    ```

    ## Fix
    Give the time point itself (`Week 12`), or an upper limit (`every 3 months thereafter,
    up to 2 years`).
    """
    for where, endpoint in _endpoints(doc):
        text = endpoint.get("timeframe") or ""
        if not text or has_placeholder(text):
            continue
        path = (*where, "timeframe")
        named = named_time_point(endpoint["measure"], measure_time_points(doc, endpoint["measure"]))
        window = outcomes.window(text) if named and not outcomes.over_interval(endpoint["measure"]) else None
        if window and named is not None and any(same(named.days, point.days) for point in time_points(text)):
            when = named.text if named.text.lower().startswith("at ") else f"at {named.text}"
            yield Finding(path, f'"{endpoint["measure"]}" is measured {when}, but its timeframe '
                                f'"{text}" is a window ("{window}"); give the time point itself')
            continue
        endless = outcomes.open_ended(text)
        if endless:
            yield Finding(path, f'timeframe "{_short(text)}" has no end ("{endless}"); give an upper limit')


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
