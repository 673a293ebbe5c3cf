"""RND: allocation, randomization ratio, intervention model and the arms."""

from __future__ import annotations

from collections.abc import Iterator

from toolkit.diagnostics import Severity
from toolkit.document.accessors import ratio_parts
from toolkit.document.model import Document
from toolkit.document.walk import get
from toolkit.parse.allocation import cluster_design, stated_ratio, within_participant_design
from toolkit.rules._registry import Finding, rule

COMPARATORS = {"active_comparator", "placebo_comparator", "sham_comparator", "no_intervention"}


def _ratio_parts(doc) -> list[int] | None:
    return ratio_parts(doc.data)


def _arms(doc) -> list:
    return doc.data.get("arms", [])


def _design_texts(doc):
    """The text that describes the design: titles, summaries, model, masking, arms (not criteria)."""
    data = doc.data
    yield from (get(data, "title", key, default="") for key in ("brief", "official"))
    yield from (data.get(key) or "" for key in ("summary", "description"))
    yield get(data, "design", "model_description", default="")
    yield get(data, "design", "masking", "description", default="")
    for arm in _arms(doc):
        yield arm.get("label", "")
        yield arm.get("description", "")


@rule("RND001", "ratio-arms-mismatch")
def ratio_arms_mismatch(doc: Document) -> Iterator[Finding]:
    """The randomization ratio has a different number of parts than there are arms.

    ## What it checks
    `design.randomization.ratio` ("1:1", "2:1:1") has one part per randomized arm, in the
    order of `arms`.

    ## Why it matters
    A 1:1 ratio with three arms does not say how the third arm is filled: the randomization
    list, the sample size and the registry record cannot all be right.
    An error: a ratio and a list of arms that disagree cannot both be right.

    ## Example
    ```yaml
    design:
      allocation: randomized
      randomization: {ratio: "1:1"}
    arms:
      - {id: a, label: Lenvatinib, type: experimental}
      - {id: b, label: Lenvatinib plus toripalimab, type: experimental}
      - {id: c, label: Sorafenib, type: active_comparator}
    ```

    ## Use instead
    ```yaml
    design:
      allocation: randomized
      randomization: {ratio: "1:1:1"}
    arms:
      - {id: a, label: Lenvatinib, type: experimental}
      - {id: b, label: Lenvatinib plus toripalimab, type: experimental}
      - {id: c, label: Sorafenib, type: active_comparator}
    ```

    ## Fix
    Give one part per arm (`"1:1:1"`), or remove the arm that is not randomized.
    """
    parts = _ratio_parts(doc)
    arms = _arms(doc)
    if parts and get(doc.data, "design", "allocation") == "randomized" and arms and len(parts) != len(arms):
        yield Finding(("design", "randomization", "ratio"),
                      f"ratio {':'.join(map(str, parts))} has {len(parts)} parts but there are {len(arms)} arms",
                      related=(("arms",),))


@rule("RND002", "randomized-single-arm")
def randomized_single_arm(doc: Document) -> Iterator[Finding]:
    """A randomized trial with fewer than two arms.

    ## What it checks
    `design.allocation: randomized` needs at least two arms to randomize between.

    ## Why it matters
    Randomization with one arm is a contradiction: either the allocation or the arms are wrong.
    An error: randomizing into one arm is a contradiction whenever the record was written.

    ## Example
    ```yaml
    design: {allocation: randomized, model: single_group}
    arms:
      - {id: treatment, label: Lenvatinib, type: experimental}
    ```

    ## Use instead
    ```yaml
    design: {allocation: na, model: single_group}
    arms:
      - {id: treatment, label: Lenvatinib, type: experimental}
    ```

    ## Fix
    Use `allocation: na` for a single-arm trial, or list every arm.
    """
    arms = _arms(doc)
    if get(doc.data, "design", "allocation") == "randomized" and "arms" in doc.data and len(arms) < 2:
        yield Finding(("design", "allocation"), f"allocation is randomized but there {'is' if len(arms) == 1 else 'are'} "
                                                f"{len(arms)} arm{'s' if len(arms) != 1 else ''}; randomization needs at least two")


@rule("RND003", "ratio-missing", Severity.WARNING)
def ratio_missing(doc: Document) -> Iterator[Finding]:
    """A randomized trial does not state its allocation ratio.

    ## What it checks
    `design.allocation: randomized` with two or more arms and no `design.randomization.ratio`,
    where the design text (titles, summary, description, model and arm descriptions) does not
    state the split either: in numbers ("randomized 1:1", "(2:1)", "one-to-one"), in words
    ("equal numbers", "equally allocated") or as equal numbers per group ("50 patients per
    group", "每组30例"). Designs where no ratio applies are left alone: crossover and other
    within-participant designs (`model: crossover`, "split-mouth"), where every participant
    receives every arm, and cluster-randomized ones, where sites or wards are randomized.

    ## Why it matters
    The ratio drives the randomization list and the sample size; readers of the registry
    record and the patient summary cannot tell their chance of each arm. A warning: the
    information is missing (registry records have no field for it), nothing is contradicted.

    ## Example
    ```yaml
    design:
      allocation: randomized
    arms:
      - {id: a, label: Lenvatinib, type: experimental}
      - {id: b, label: Sorafenib, type: active_comparator}
    ```

    ## Use instead
    ```yaml
    design:
      allocation: randomized
      randomization: {ratio: "1:1"}
    arms:
      - {id: a, label: Lenvatinib, type: experimental}
      - {id: b, label: Sorafenib, type: active_comparator}
    ```

    ## Fix
    Add it: `randomization: {ratio: "1:1"}`.
    """
    if get(doc.data, "design", "allocation") != "randomized" or len(_arms(doc)) < 2 or _ratio_parts(doc):
        return
    if get(doc.data, "design", "model") == "crossover":
        return
    text = "\n".join(t for t in _design_texts(doc) if t)
    if stated_ratio(text) or cluster_design(text) or within_participant_design(text):
        return
    yield Finding(("design", "allocation"), "allocation is randomized but the allocation ratio is given "
                                            "neither in design.randomization.ratio nor in the design's text")


@rule("RND004", "ratio-without-randomization")
def ratio_without_randomization(doc: Document) -> Iterator[Finding]:
    """A randomization ratio is given for a trial that is not randomized.

    ## What it checks
    `design.randomization.ratio` with `design.allocation` other than `randomized`.

    ## Why it matters
    One of the two is wrong, and the registry record will say one thing while the protocol
    text says the other.
    An error: the allocation and the ratio contradict each other.

    ## Example
    ```yaml
    design:
      allocation: non_randomized
      randomization: {ratio: "1:1"}
    ```

    ## Use instead
    ```yaml
    design:
      allocation: randomized
      randomization: {ratio: "1:1"}
    ```

    ## Fix
    Set `allocation: randomized`, or remove the ratio.
    """
    allocation = get(doc.data, "design", "allocation")
    if _ratio_parts(doc) and allocation and allocation != "randomized":
        yield Finding(("design", "randomization", "ratio"), f"a ratio is given but allocation is {allocation}",
                      related=(("design", "allocation"),))


@rule("RND005", "model-arm-count", Severity.WARNING)
def model_arm_count(doc: Document) -> Iterator[Finding]:
    """The intervention model or allocation does not fit the number of arms.

    ## What it checks
    `single_group` means one arm; `parallel`, `crossover` and `factorial` need at least two;
    `allocation: na` is for single-arm trials.

    ## Why it matters
    Registries show the model next to the arms; a "single group" with two arms makes readers
    wonder which one is true. (Real registry records do contain such combinations, so this is
    a warning.)

    ## Example
    ```yaml
    design: {model: single_group}
    arms:
      - {id: a, label: Lenvatinib, type: experimental}
      - {id: b, label: Sorafenib, type: active_comparator}
    ```

    ## Use instead
    ```yaml
    design: {model: parallel}
    arms:
      - {id: a, label: Lenvatinib, type: experimental}
      - {id: b, label: Sorafenib, type: active_comparator}
    ```

    ## Fix
    Correct the model (`parallel`), or the arms.
    """
    if "arms" not in doc.data:
        return
    count = len(_arms(doc))
    model = get(doc.data, "design", "model")
    if model == "single_group" and count != 1:
        yield Finding(("design", "model"), f"model is single_group but there are {count} arms")
    elif model in ("parallel", "crossover", "factorial") and count < 2:
        yield Finding(("design", "model"), f"model is {model} but there {'is' if count == 1 else 'are'} {count} arm{'s' if count != 1 else ''}")
    if get(doc.data, "design", "allocation") == "na" and count > 1:
        yield Finding(("design", "allocation"), f"allocation is na (single arm) but there are {count} arms; "
                                                "use randomized or non_randomized")


@rule("RND006", "enrollment-ratio-split", Severity.WARNING)
def enrollment_ratio_split(doc: Document) -> Iterator[Finding]:
    """The planned enrollment cannot be split by the randomization ratio.

    ## What it checks
    A planned (estimated) `design.enrollment.count` that is not a multiple of the sum of the
    ratio's parts (120 participants at 2:1 is fine; 100 is not).

    ## Why it matters
    With block randomization the arms cannot both get their share; usually the count or the
    ratio was changed in one place and not the other.
    A warning: the count may be rounded on purpose (stratified blocks, drop-outs), so it is
    worth a look, not a refusal.

    ## Example
    ```yaml
    design:
      randomization: {ratio: "2:1"}
      enrollment: {count: 100, type: estimated}
    ```

    ## Use instead
    ```yaml
    design:
      randomization: {ratio: "2:1"}
      enrollment: {count: 99, type: estimated}
    ```

    ## Fix
    Adjust the count (99 or 102) or the ratio, or explain the rounding in the sample-size section.
    """
    parts = _ratio_parts(doc)
    enrollment = get(doc.data, "design", "enrollment", default={})
    count = enrollment.get("count")
    if parts and count and enrollment.get("type", "estimated") == "estimated" and count % sum(parts):
        yield Finding(("design", "enrollment", "count"),
                      f"{count} participants cannot be split {':'.join(map(str, parts))} (not a multiple of {sum(parts)})")


@rule("RND007", "arm-roles-vs-allocation", Severity.WARNING)
def arm_roles_vs_allocation(doc: Document) -> Iterator[Finding]:
    """The arms' roles do not fit the allocation.

    ## What it checks
    A randomized trial whose arms are all of type `other` (except a crossover, whose arms are
    sequences such as "prone then supine"), and a single-arm trial whose only arm is a
    comparator.

    ## Why it matters
    The arm type tells the registry and the reader what is being compared; "other" for every
    arm of a randomized trial says nothing, and a comparator with nothing to compare to is a
    contradiction.
    A warning: the types say little rather than something false.

    ## Example
    ```yaml
    design: {allocation: randomized}
    arms:
      - {id: a, label: Toripalimab + lenvatinib, type: other}
      - {id: b, label: Lenvatinib + GEMOX, type: other}
    ```

    ## Use instead
    ```yaml
    design: {allocation: randomized}
    arms:
      - {id: a, label: Toripalimab + lenvatinib, type: experimental}
      - {id: b, label: Lenvatinib + GEMOX, type: active_comparator}
    ```

    ## Fix
    Use `experimental` for arms receiving the intervention under study and a comparator type
    for control arms.
    """
    arms = _arms(doc)
    allocation = get(doc.data, "design", "allocation")
    crossover = get(doc.data, "design", "model") == "crossover"  # its arms are sequences, neither experimental nor comparator
    if allocation == "randomized" and len(arms) >= 2 and not crossover and all(a.get("type") == "other" for a in arms):
        for index, _arm in enumerate(arms):
            yield Finding(("arms", index, "type"), "every arm of this randomized trial has type other; "
                                                   "say which arms are experimental and which are comparators")
    if len(arms) == 1 and arms[0].get("type") in COMPARATORS:
        yield Finding(("arms", 0, "type"), f"the only arm has type {arms[0]['type']}: a comparator needs another arm")
