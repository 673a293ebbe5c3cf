from __future__ import annotations

from helpers import findings, lines

ARMS2 = """arms:
  - {id: a, label: A, type: experimental}
  - {id: b, label: B, type: active_comparator}
"""
ARMS3 = ARMS2 + "  - {id: c, label: C, type: experimental}\n"


def design(**fields):
    inner = ", ".join(f"{k}: {v}" for k, v in {"study_type": "interventional", **fields}.items())
    return f"design: {{{inner}}}\n"


def test_rnd001_ratio_parts_against_arms():
    assert lines(design(allocation="randomized", randomization='{ratio: "1:1"}') + ARMS3, "RND001") == [1]
    assert lines(design(allocation="randomized", randomization='{ratio: "1:1:1"}') + ARMS3, "RND001") == []


def test_rnd002_randomized_needs_two_arms():
    one = "arms:\n  - {id: a, label: A, type: experimental}\n"
    assert lines(design(allocation="randomized") + one, "RND002") == [1]
    assert lines(design(allocation="randomized") + ARMS2, "RND002") == []


def test_rnd003_ratio_missing():
    assert lines(design(allocation="randomized") + ARMS2, "RND003") == [1]
    assert lines(design(allocation="randomized", randomization='{ratio: "2:1"}') + ARMS2, "RND003") == []


def test_rnd003_ratio_stated_in_the_text():
    # NCT03165734's summary
    summary = "summary: Patients will be randomized 2:1 to receive pacritinib 200 mg BID or the P/C therapy\n"
    assert lines(summary + design(allocation="randomized") + ARMS2, "RND003") == []
    # NCT02753764: equal numbers per group
    summary = "summary: randomized for treatment with AZD7624 or placebo (5 patients per group)\n"
    assert lines(summary + design(allocation="randomized") + ARMS2, "RND003") == []


def test_rnd003_no_ratio_applies():
    assert lines(design(allocation="randomized", model="crossover") + ARMS2, "RND003") == []
    cluster = "summary: The investigators propose a cluster randomized clinical trial\n"  # NCT06209411
    assert lines(cluster + design(allocation="randomized") + ARMS2, "RND003") == []


def test_rnd004_ratio_without_randomization():
    assert lines(design(allocation="non_randomized", randomization='{ratio: "1:1"}') + ARMS2, "RND004") == [1]
    assert lines(design(allocation="randomized", randomization='{ratio: "1:1"}') + ARMS2, "RND004") == []


def test_rnd005_model_against_arm_count():
    assert len(findings(design(model="single_group") + ARMS2, "RND005")) == 1
    assert len(findings(design(model="parallel") + "arms:\n  - {id: a, label: A, type: experimental}\n", "RND005")) == 1
    assert len(findings(design(allocation="na", model="parallel") + ARMS2, "RND005")) == 1
    assert findings(design(allocation="randomized", model="parallel") + ARMS2, "RND005") == []


def test_rnd006_enrollment_ratio_split():
    ok = design(allocation="randomized", randomization='{ratio: "2:1"}', enrollment="{count: 120, type: estimated}")
    bad = design(allocation="randomized", randomization='{ratio: "2:1"}', enrollment="{count: 100, type: estimated}")
    actual = design(allocation="randomized", randomization='{ratio: "2:1"}', enrollment="{count: 100, type: actual}")
    assert findings(ok + ARMS2, "RND006") == []
    assert "not a multiple of 3" in findings(bad + ARMS2, "RND006")[0][1]
    assert findings(actual + ARMS2, "RND006") == []  # the actual number is what it is


def test_rnd007_arm_roles():
    others = "arms:\n  - {id: a, label: A, type: other}\n  - {id: b, label: B, type: other}\n"
    assert lines(design(allocation="randomized") + others, "RND007") == [3, 4]
    comparator_alone = "arms:\n  - {id: a, label: A, type: active_comparator}\n"
    assert lines(design(allocation="na") + comparator_alone, "RND007") == [3]
    assert lines(design(allocation="randomized") + ARMS2, "RND007") == []


def test_rnd007_crossover_arms_are_sequences():
    # NCT04632602: "patients in prone position followed by dorsal decubitus" and the reverse, both Other
    arms = ("arms:\n  - {id: a, label: prone then dorsal, type: other}\n"
            "  - {id: b, label: dorsal then prone, type: other}\n")
    assert lines(design(allocation="randomized", model="crossover") + arms, "RND007") == []
    assert len(findings(design(allocation="randomized", model="parallel") + arms, "RND007")) == 2
