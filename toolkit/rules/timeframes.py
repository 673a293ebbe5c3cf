"""TIM: endpoints and their time frames against follow-up, study dates and their own names."""

from __future__ import annotations

from collections.abc import Iterator

from toolkit.diagnostics import Severity
from toolkit.document.model import Document
from toolkit.document.walk import get
from toolkit.parse.dates import span_days
from toolkit.parse.durations import (
    age_days,
    approximate,
    follow_up_of_earlier_study,
    required_durations,
    same,
    same_time,
    timeframe,
    vague_phrase,
)
from toolkit.parse.placeholders import has_placeholder
from toolkit.rules._measures import measure_time_points
from toolkit.rules._registry import Finding, rule

KINDS = ("primary", "secondary", "other")


def _endpoints(doc, kinds=KINDS):
    for kind in kinds:
        for index, endpoint in enumerate(get(doc.data, "endpoints", kind, default=[])):
            yield (kind, index), endpoint


def _written(endpoint) -> str:
    """The endpoint's time frame, or "" while it is still a placeholder (TXT001 reports those)."""
    text = endpoint.get("timeframe") or ""
    return "" if has_placeholder(text) else text


def _beyond(parsed, limit: float, margin: float = 1.0) -> bool:
    """The time frame's latest point is later than `limit` days (beyond `margin` and rounding)."""
    return bool(parsed.latest) and parsed.latest.days > limit * margin and not same(parsed.latest.days, limit)


def _days(days: float) -> str:
    if days >= 365.25 * 0.97:
        return f"{days / 365.25:.3g} years"
    if days >= 28:
        return f"{days / 30.4375:.3g} months"
    return f"{days:.3g} days"


@rule("TIM001", "primary-timeframe-missing", Severity.WARNING)
def primary_timeframe_missing(doc: Document) -> Iterator[Finding]:
    """A primary endpoint has no time frame.

    ## What it checks
    Every item of `endpoints.primary` has a `timeframe`.

    ## Why it matters
    ClinicalTrials.gov requires a time frame for every outcome measure; without one, nobody
    can tell when the primary endpoint is assessed, and the primary completion date has no
    anchor. (A warning: the information is missing rather than contradictory.)

    ## Example
    ```yaml
    endpoints:
      primary:
        - measure: Progression-free survival
    ```

    ## Use instead
    ```yaml
    endpoints:
      primary:
        - measure: Progression-free survival
          timeframe: Up to 2 years
    ```

    ## Fix
    Add the time frame as the registry would show it: `timeframe: Up to 2 years`.
    """
    for (kind, index), endpoint in _endpoints(doc, ("primary",)):
        if not endpoint.get("timeframe"):
            yield Finding(("endpoints", kind, index), f'primary endpoint "{endpoint["measure"]}" has no timeframe')


@rule("TIM002", "secondary-timeframe-missing", Severity.INFO)
def secondary_timeframe_missing(doc: Document) -> Iterator[Finding]:
    """A secondary or other endpoint has no time frame.

    ## What it checks
    Every item of `endpoints.secondary` and `endpoints.other` has a `timeframe`.

    ## Why it matters
    The registry requires a time frame for every outcome measure, not only the primary ones.
    An info: secondary time frames are asked for, but their absence changes no primary date.

    ## Example
    ```yaml
    endpoints:
      secondary:
        - measure: Overall survival
    ```

    ## Use instead
    ```yaml
    endpoints:
      secondary:
        - measure: Overall survival
          timeframe: Up to 3 years
    ```

    ## Fix
    Add `timeframe:` to the endpoint.
    """
    for (kind, index), endpoint in _endpoints(doc, ("secondary", "other")):
        if not endpoint.get("timeframe"):
            yield Finding(("endpoints", kind, index), f'{kind} endpoint "{endpoint["measure"]}" has no timeframe')


@rule("TIM003", "timeframe-beyond-follow-up")
def timeframe_beyond_follow_up(doc: Document) -> Iterator[Finding]:
    """An endpoint is assessed later than participants are followed.

    ## What it checks
    The latest time point of each endpoint's time frame ("Up to 2 years", "52 weeks after
    randomization", "Day 1 to Day 28", "2年") against `design.follow_up`.

    ## Why it matters
    An endpoint cannot be assessed after follow-up has ended: either the follow-up or the time
    frame is wrong, and the sample size and the primary completion date depend on both.
    An error: an assessment after follow-up has ended is a contradiction between two
    statements of the protocol.

    ## Example
    ```yaml
    design:
      follow_up: 52 weeks
    endpoints:
      primary:
        - measure: PFS
          timeframe: Up to 2 years
    ```

    ## Use instead
    ```yaml
    design:
      follow_up: 2 years
    endpoints:
      primary:
        - measure: PFS
          timeframe: Up to 2 years
    ```

    ## Fix
    Make them agree: extend the follow-up or shorten the time frame.
    """
    follow_up = get(doc.data, "design", "follow_up")
    limit = age_days(follow_up) if follow_up else None
    if limit is None:
        return
    for where, endpoint in _endpoints(doc):
        parsed = timeframe(_written(endpoint))
        if _beyond(parsed, limit):
            yield Finding(
                ("endpoints", *where, "timeframe"),
                f'timeframe "{parsed.text}" of "{endpoint["measure"]}" goes beyond design.follow_up ({follow_up})',
                related=(("design", "follow_up"),),
            )


@rule("TIM004", "timeframe-beyond-study-dates", Severity.WARNING, options={"approximate_margin": 0.25})
def timeframe_beyond_study_dates(doc: Document, *, approximate_margin) -> Iterator[Finding]:
    """An endpoint's time frame is longer than the study itself.

    ## What it checks
    A primary endpoint's latest time point against the time from `status.start` to
    `status.primary_completion`, and every endpoint's against the time from start to
    `status.completion`. Even the first participant, enrolled on the start date, could not be
    assessed in time.

    ## Why it matters
    The primary completion date is defined by the last primary-endpoint assessment; a time
    frame that does not fit shows that a date or the time frame is wrong. Real records often
    carry it when a trial ended early and its time frames were never updated, so it is a
    warning, and time frames marked "approximately" get a 25 % margin. A retrospective study
    (`design.time_perspective: retrospective`) looks back at what happened before it started,
    so its time frames are not bound by its dates and it is left alone; so are look-back
    windows ("in the 3 years before enrolment"), calendar periods in any study, and follow-up
    or extension studies of an earlier trial ("A Follow-up Study to Evaluate the Long-term
    Persistence of ..."), whose time frames count from the earlier trial.
    A warning (see above): a time frame longer than the study is probably wrong, not
    certainly.

    ## Example
    ```yaml
    status:
      start: {date: 2024-01, type: actual}
      primary_completion: {date: 2024-12, type: estimated}
    endpoints:
      primary:
        - {measure: Overall survival, timeframe: Up to 3 years}
    ```

    ## Use instead
    ```yaml
    status:
      start: {date: 2024-01, type: actual}
      primary_completion: {date: 2024-12, type: estimated}
    endpoints:
      primary:
        - {measure: Overall survival, timeframe: Up to 10 months}
    ```

    ## Options
    - `approximate_margin` (default 0.25): how much longer than the study a time frame marked
      "approximately" may be, as a fraction (0.25 = 25 %).

    ## Fix
    Correct the dates or the time frame.
    """
    if get(doc.data, "design", "time_perspective") == "retrospective":
        return
    if any(follow_up_of_earlier_study(get(doc.data, "title", key, default="")) for key in ("brief", "official")):
        return
    status = doc.data.get("status", {})
    start = get(status, "start", "date")
    reported = set()
    for key, kinds in (("primary_completion", ("primary",)), ("completion", KINDS)):
        end = get(status, key, "date")
        available = span_days(start, end) if start and end else None
        if available is None or available < 0:
            continue
        for where, endpoint in _endpoints(doc, kinds):
            parsed = timeframe(_written(endpoint))
            if any(point.kind == "calendar" for point in parsed.points):
                continue  # "Up to 3 years (January 1999 to December 2001)": a calendar period, not follow-up
            margin = 1.0 + approximate_margin if approximate(parsed.text) else 1.0
            if where not in reported and _beyond(parsed, available, margin):
                reported.add(where)
                yield Finding(
                    ("endpoints", *where, "timeframe"),
                    f'timeframe "{parsed.text}" of "{endpoint["measure"]}" is longer than the {_days(available)} '
                    f"from start ({start}) to {key} ({end})",
                )


@rule("TIM005", "vague-timeframe", Severity.WARNING)
def vague_timeframe(doc: Document) -> Iterator[Finding]:
    """A time frame says nothing measurable.

    ## What it checks
    Time frames with no amount of time and no baseline: "End of study", "Through study
    completion", "At each visit", "From randomization until death".

    ## Why it matters
    ClinicalTrials.gov's reviewers reject vague time frames: the time frame must say when each
    participant is assessed, e.g. "Up to 2 years" or "Week 24".
    A warning: the time frame is too vague for the registry, not contradictory.

    ## Example
    ```yaml
    endpoints:
      primary:
        - {measure: Overall survival, timeframe: Through study completion}
    ```

    ## Use instead
    ```yaml
    endpoints:
      primary:
        - {measure: Overall survival, timeframe: Through study completion (up to 3 years)}
    ```

    ## Fix
    Say when, per participant: `Through study completion, an average of 1 year`, or `Up to 5 years`.
    """
    for where, endpoint in _endpoints(doc):
        text = _written(endpoint)
        if text and timeframe(text).vague:
            phrase = vague_phrase(text)
            reason = f'"{phrase}" is not a time' if phrase else "it names no amount of time"
            yield Finding(("endpoints", *where, "timeframe"), f'timeframe "{text}" says nothing measurable: {reason}')


@rule("TIM006", "measure-timeframe-mismatch")
def measure_timeframe_mismatch(doc: Document) -> Iterator[Finding]:
    """A measure names its own time point, and the time frame says something else.

    ## What it checks
    Measures such as "2-year overall survival" or "PFS rate at 12 months" against the time
    points of their `timeframe`: the named one must be among them. Durations that describe
    the measure itself ("transfusion independence for ≥ 56 days", "missed pills in the last
    4 weeks", a clinical benefit rate "at 24 weeks" that its description defines as stable
    disease "for at least 23 weeks"), ages, rates' periods, points counted from a later event
    ("1 year after treatment") and calendar time frames are left alone. Lists of visits
    ("at weeks 4, 12 and 24") agree when one of them is in the time frame, and weeks agree
    with months at four weeks a month ("24 weeks" and "6 months").

    ## Why it matters
    Registry reviewers reject outcome measures whose title and time frame disagree ("at 12
    weeks" vs "6 months"): one of them misstates when the endpoint is assessed.
    An error: the measure and its time frame state two different times; lists of visits,
    equivalent units, required durations and ages are read first, so what remains is a real
    disagreement.

    ## Example
    ```yaml
    endpoints:
      primary:
        - measure: 2-year recurrence-free survival
          timeframe: Up to 3 years
    ```

    ## Use instead
    ```yaml
    endpoints:
      primary:
        - measure: 2-year recurrence-free survival
          timeframe: 2 years after surgery
    ```

    ## Fix
    Make the time frame match the measure: `timeframe: 2 years`.
    """
    for where, endpoint in _endpoints(doc):
        named = [p for p in measure_time_points(doc, endpoint["measure"]) if p.kind == "point"]  # not "1 year after treatment"
        if not named:
            continue  # most measures name no time: their descriptions need not be read
        points = [p for p in timeframe(_written(endpoint)).points if p.kind != "calendar"]  # a calendar window is not a time of the participant
        if not points:
            continue
        required = required_durations(f'{endpoint["measure"]}\n{endpoint.get("description") or ""}')
        named = [p for p in named
                 if not any(abs(p.days - r.days) <= 0.1 * p.days for r in required)]  # "CBR at 24 weeks": SD ≥ 23 weeks
        if not named:
            continue
        if not any(same_time(point, given) for point in named for given in points):
            yield Finding(
                ("endpoints", *where, "timeframe"),
                f'"{endpoint["measure"]}" names {named[0].text} but its timeframe is "{endpoint["timeframe"]}"',
            )
