"""AMD: amendments, checked against the file as git holds it at `protocol validate --since REV`.

These rules compare two versions of one file, so they run only with --since; without it
they are silent. A file new since REV has no earlier version and gets no AMD finding.

What "matters" (`MATTERS`): a change a participant or a registry reviewer would see
in what the trial does: eligibility, objectives, endpoints, design (enrollment included),
arms and interventions (dosing included). A list reordered and otherwise unchanged is not
a change of content and is left out; any other edit of those parts counts, a reworded
criterion too (an ethics committee approves the words). The one exception is the enrollment
once it is `actual`: the number of participants who took part, recorded when recruitment
closes, is a fact reported to the registry, not a change to the plan.
"""

from __future__ import annotations

from collections.abc import Iterator

from toolkit.diagnostics import Severity, dotted
from toolkit.document.diff import MOVED, Change, diff
from toolkit.document.model import Document
from toolkit.document.since import Before
from toolkit.document.walk import get
from toolkit.parse import versions
from toolkit.rules._registry import Finding, rule

MATTERS = ("eligibility", "objectives", "endpoints", "design", "arms", "interventions")
NAMED = 4  # fields named in a message; the rest are counted
RELATED = 10  # places a finding points at ("see lines ...")


def _changes(doc: Document, before: Before) -> list[Change]:
    """The changes since REV to what matters, in the order `protocol diff` lists them."""
    def compute(_doc: Document) -> list[Change]:
        if before.data is None:
            return []
        reported = get(doc.data, "design", "enrollment", "type") == "actual"
        return [c for c in diff(before.data, doc.data) if c.kind != MOVED and c.path and c.path[0] in MATTERS
                and not (reported and c.path[:2] == ("design", "enrollment"))]

    return doc.cached(f"amd-changes:{before.revision}", compute)


def _listed(changes: list[Change]) -> str:
    """The changed fields, each named once (an item removed and another added at one index is
    one field), the first NAMED of them."""
    names = list(dict.fromkeys(dotted(c.path) for c in changes))
    more = f" and {len(names) - NAMED} more" if len(names) > NAMED else ""
    return ", ".join(names[:NAMED]) + more


def _where_changed(changes: list[Change]) -> tuple:
    """Places in the current file: the changed value, or for a removed one the part it was in."""
    places = []
    for change in changes[:RELATED]:
        place = change.new_path if change.new_path is not None else (change.old_path or ())[:-1]
        if place not in places:
            places.append(place)
    return tuple(places)


def _number(data: dict | None) -> str | None:
    value = get(data or {}, "version", "number")
    return None if value is None else str(value)


def _version_place(doc: Document) -> tuple:
    if _number(doc.data) is not None:
        return ("version", "number")
    return ("version",) if "version" in doc.data else ()


def _counted(changes: list[Change]) -> str:
    return f"{len(changes)} change{'s' if len(changes) != 1 else ''}"


@rule("AMD001", "changed-without-new-version", Severity.WARNING, compares=True)
def changed_without_new_version(doc: Document, before: Before) -> Iterator[Finding]:
    """What participants or the registry see changed since REV, and the version number did not.

    ## What it checks
    Runs only with `protocol validate --since REV`. The file is compared with itself at git
    revision REV; a change to eligibility, objectives, endpoints, design (enrollment
    included), arms or interventions (dosing included) while `version.number` stays what it
    was at REV (or the protocol has no version number) is reported once, at
    `version.number`, naming the changed fields. A list only reordered is not a change, nor
    is the enrollment once it is `actual` (what happened, reported to the registry).
    Version numbers are the same when they compare equal ("2.0" and "2.0.0"). A protocol
    that had no number at REV and has one now has been numbered: no finding.

    ## Why it matters
    Two different protocols carrying one version number: sites, the ethics committee and the
    registry cannot tell which one a participant was enrolled under. A warning, not an error:
    between two versions a draft is edited over several commits, and the number is often
    raised in the last one; CI on the pull request that merges it is where it must be right
    (`--strict` makes it fail there).

    ## Example
    ```yaml
    # at REV
    version: {number: "1.0"}
    eligibility: {minimum_age: 18 years}
    ```
    ```yaml
    # now
    version: {number: "1.0"}
    eligibility: {minimum_age: 20 years}
    ```

    ## Use instead
    ```yaml
    # at REV
    version: {number: "1.0"}
    eligibility: {minimum_age: 18 years}
    ```
    ```yaml
    # now
    version:
      number: "1.1"
      amendments:
        - {number: "1", version: "1.1", date: 2025-03-01, scope: global, substantial: true,
           rationale: Younger patients had more toxicity in the pilot.}
    eligibility: {minimum_age: 20 years}
    ```

    ## Fix
    Give this version a new `version.number` (and `version.date`), and record the amendment
    under `version.amendments`.
    """
    changes = _changes(doc, before)
    if not changes:
        return
    old, new = _number(before.data), _number(doc.data)
    if new is not None and (old is None or not versions.same(old, new)):
        return  # a new number, or the first one: this version is numbered
    listed = f"{_counted(changes)} since {before.revision} to what participants or the registry see ({_listed(changes)})"
    if new is None and old is None:
        message = f"{listed}, and the protocol has no version number: number this version (version.number)"
    elif new is None:
        message = f"{listed}, and version.number \"{old}\" was removed: give this version a new number"
    else:
        message = f"{listed}, and version.number is still \"{new}\": give this version a new number"
    yield Finding(_version_place(doc), f"{message} and record the amendment in version.amendments",
                  related=_where_changed(changes))


def _amendment_numbers(data: dict | None) -> list[str]:
    amendments = get(data or {}, "version", "amendments")
    if not isinstance(amendments, list):
        return []
    return [str(a["number"]) for a in amendments if isinstance(a, dict) and a.get("number") is not None]


@rule("AMD002", "amendment-not-recorded", Severity.WARNING, compares=True)
def amendment_not_recorded(doc: Document, before: Before) -> Iterator[Finding]:
    """The version number went up since REV over changes that matter, with no new amendment record.

    ## What it checks
    Runs only with `protocol validate --since REV`. When `version.number` differs from the
    one at REV (and does not go backwards: that is AMD003) and eligibility, objectives,
    endpoints, design, arms or interventions changed, `version.amendments` must hold an
    amendment whose `number` was not there at REV.

    ## Why it matters
    ICH M11 puts the amendment on the title page (number, date, scope, whether it is
    substantial, why) and the summary of changes (`protocol render --doc amendment`) takes
    its rationale from it. A warning: before the first approval a protocol's versions are
    drafts, not amendments, and the toolkit cannot tell a draft from an approved version.

    ## Example
    ```yaml
    # at REV
    version: {number: "1.0"}
    endpoints:
      primary: [{measure: Overall survival, timeframe: 2 years}]
    ```
    ```yaml
    # now
    version: {number: "2.0"}
    endpoints:
      primary: [{measure: Overall survival, timeframe: 3 years}]
    ```

    ## Use instead
    ```yaml
    # at REV
    version: {number: "1.0"}
    endpoints:
      primary: [{measure: Overall survival, timeframe: 2 years}]
    ```
    ```yaml
    # now
    version:
      number: "2.0"
      amendments:
        - number: "1"
          version: "2.0"
          date: 2025-06-01
          scope: global
          substantial: true
          rationale: Events accrue more slowly than planned.
    endpoints:
      primary: [{measure: Overall survival, timeframe: 3 years}]
    ```

    ## Fix
    Add the amendment to `version.amendments`: `number`, `version` (the new version number),
    `date`, `scope`, `substantial` and `rationale`.
    """
    changes = _changes(doc, before)
    old, new = _number(before.data), _number(doc.data)
    if not changes or old is None or new is None or versions.compare(old, new) in (0, -1):
        return
    known = set(_amendment_numbers(before.data))
    if any(number not in known for number in _amendment_numbers(doc.data)):
        return
    place = ("version", "amendments") if get(doc.data, "version", "amendments") is not None else ("version", "number")
    yield Finding(place, f"version.number went from \"{old}\" at {before.revision} to \"{new}\" over "
                         f"{_counted(changes)} ({_listed(changes)}), and version.amendments records no new amendment: "
                         "add one (number, version, date, scope, substantial, rationale)",
                  related=_where_changed(changes))


@rule("AMD003", "version-went-backwards", Severity.ERROR, compares=True)
def version_went_backwards(doc: Document, before: Before) -> Iterator[Finding]:
    """The version number is lower than it was at REV.

    ## What it checks
    Runs only with `protocol validate --since REV`. `version.number` is compared with the
    number the file had at REV: as PEP 440 versions when both read as one ("1.0" < "1.1" <
    "2.0", "1.10" > "1.9", "V2" = "2.0"), otherwise number by number with the words around
    them equal ("第2版" < "第10版"). Numbers that cannot be ordered ("Draft A", or a label
    against a number) are not reported.

    ## Why it matters
    A later version with a lower number is a contradiction on every document that carries
    it: sites file the new protocol as the old one. An error.

    ## Example
    ```yaml
    # at REV
    version: {number: "1.10"}
    ```
    ```yaml
    # now
    version: {number: "1.9"}
    ```

    ## Use instead
    ```yaml
    # at REV
    version: {number: "1.9"}
    ```
    ```yaml
    # now
    version: {number: "1.10"}
    ```

    ## Fix
    Give the version a number higher than the one at REV (or, when REV is itself wrong,
    compare with the right revision).
    """
    old, new = _number(before.data), _number(doc.data)
    if old is None or new is None or versions.compare(old, new) != -1:
        return
    yield Finding(("version", "number"), f"version.number \"{new}\" comes before \"{old}\", the number at "
                                         f"{before.revision}: a later version needs a higher number")


@rule("AMD004", "earlier-version-unreadable", Severity.WARNING, compares=True)
def earlier_version_unreadable(doc: Document, before: Before) -> Iterator[Finding]:
    """The file at REV cannot be read as YAML, so the other AMD rules could not compare with it.

    ## What it checks
    Runs only with `protocol validate --since REV`: the file as git holds it at REV is read
    as any protocol is; when that fails (broken YAML, a binary file), this finding says so
    and why, at the top of the file.

    ## Why it matters
    Without it an unreadable earlier version would look like "nothing changed". A warning:
    the file itself may be fine.

    ## Example
    ```yaml
    # at REV
    title: {brief: [unclosed
    ```
    ```yaml
    # now
    title: {brief: A trial}
    ```

    ## Use instead
    ```yaml
    # at REV
    title: {brief: A trial}
    ```
    ```yaml
    # now
    title: {brief: A trial, official: An official title}
    ```

    ## Fix
    Compare with a revision where the file was readable (`--since` another commit), or
    ignore this code for this run (`--ignore AMD004`).
    """
    if before.problem is not None:
        yield Finding((), f"the file at {before.revision} cannot be read ({before.problem}), so what changed "
                          "since then was not checked")
