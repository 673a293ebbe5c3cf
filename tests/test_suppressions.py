"""`# protocol: ignore[CODE]` on the line of a finding."""

from __future__ import annotations

import json

from conftest import QUIET

BODY = QUIET + ("eligibility:\n  minimum_age: 18 years\n  inclusion:\n    - Age ≥ 20 years<comment>\n  sex: all\n"
                "  healthy_volunteers: false\n  exclusion: [Pregnancy]\n")
CRITERION = QUIET.count("\n") + 4  # the line of "- Age ≥ 20 years"
MINIMUM = CRITERION - 2


def body(comment: str) -> str:
    return BODY.replace("<comment>", comment)


def rules_of(cli, path, *args):
    report = json.loads(cli("validate", path, "--format", "json", *args).output)
    return [(d["rule"], d["line"]) for d in report["diagnostics"]]


def test_suppression_silences_that_code_on_that_line(cli, write):
    assert rules_of(cli, write(body(""))) == [("AGE002", CRITERION)]
    assert rules_of(cli, write(body("   # protocol: ignore[AGE002]"))) == []
    assert rules_of(cli, write(body("   # protocol: ignore[AGE]"))) == []


def test_unused_suppression_is_reported(cli, write):
    path = write(body("   # protocol: ignore[AGE002, TIM003]"))
    assert rules_of(cli, path) == [("NOQ001", CRITERION)]


def test_suppression_of_a_deselected_rule_is_not_unused(cli, write):
    path = write(body("   # protocol: ignore[AGE002]"))
    assert rules_of(cli, path, "--ignore", "AGE") == []


def test_unknown_code_in_suppression(cli, write):
    path = write(body("   # protocol: ignore[AGE02]"))
    assert ("NOQ002", CRITERION) in rules_of(cli, path)


def test_suppression_on_another_line_does_not_apply(cli, write):
    text = body("").replace("minimum_age: 18 years", "minimum_age: 18 years  # protocol: ignore[AGE002]")
    assert sorted(rules_of(cli, write(text))) == [("AGE002", CRITERION), ("NOQ001", MINIMUM)]
