"""`# protocol: ignore[CODE]` on the line of a finding."""

from __future__ import annotations

import json

from conftest import MINIMAL

BODY = MINIMAL + "eligibility:\n  minimum_age: 18 years\n  inclusion:\n    - Age > 18 years{comment}\n"


def rules_of(cli, path, *args):
    report = json.loads(cli("validate", path, "--format", "json", *args).output)
    return [(d["rule"], d["line"]) for d in report["diagnostics"]]


def test_suppression_silences_that_code_on_that_line(cli, write):
    assert rules_of(cli, write(BODY.format(comment=""))) == [("AGE002", 10)]
    assert rules_of(cli, write(BODY.format(comment="   # protocol: ignore[AGE002]"))) == []
    assert rules_of(cli, write(BODY.format(comment="   # protocol: ignore[AGE]"))) == []


def test_unused_suppression_is_reported(cli, write):
    path = write(BODY.format(comment="   # protocol: ignore[AGE002, TIM003]"))
    assert rules_of(cli, path) == [("NOQ001", 10)]


def test_suppression_of_a_deselected_rule_is_not_unused(cli, write):
    path = write(BODY.format(comment="   # protocol: ignore[AGE002]"))
    assert rules_of(cli, path, "--ignore", "AGE") == []


def test_unknown_code_in_suppression(cli, write):
    path = write(BODY.format(comment="   # protocol: ignore[AGE02]"))
    assert ("NOQ002", 10) in rules_of(cli, path)


def test_suppression_on_another_line_does_not_apply(cli, write):
    text = BODY.format(comment="").replace("minimum_age: 18 years", "minimum_age: 18 years  # protocol: ignore[AGE002]")
    assert sorted(rules_of(cli, write(text))) == [("AGE002", 10), ("NOQ001", 8)]
