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


def test_suppression_words_inside_a_text_value_are_not_a_suppression(cli, write):
    """Only a real YAML comment counts: inside quotes or a block scalar the words are the value."""
    double = body("").replace("- Age ≥ 20 years", '- "Age ≥ 20 years # protocol: ignore[AGE002]"')
    single = body("").replace("- Age ≥ 20 years", "- 'Age ≥ 20 years # protocol: ignore[AGE002]'")
    block = body("").replace("- Age ≥ 20 years", "- |-\n      Age ≥ 20 years # protocol: ignore[AGE002]")
    folded = body("").replace("- Age ≥ 20 years", "- >-\n      Age ≥ 20 years\n      # protocol: ignore[AGE002]")
    assert rules_of(cli, write(double)) == [("AGE002", CRITERION)]
    assert rules_of(cli, write(single)) == [("AGE002", CRITERION)]
    assert rules_of(cli, write(block)) == [("AGE002", CRITERION)]
    assert rules_of(cli, write(folded)) == [("AGE002", CRITERION)]
    # a comment after a quoted value on the same line still counts
    commented = body("").replace("- Age ≥ 20 years", '- "Age ≥ 20 years #"  # protocol: ignore[AGE002]')
    assert rules_of(cli, write(commented)) == []


def test_suppression_lines_are_counted_as_editors_count_them(cli, write):
    """U+2028, U+2029 and U+0085 inside a value are not line breaks for editors: the finding
    and its suppression are on the line an editor shows."""
    for separator in "\u2028\u2029\x85":
        title = f'title:\n  brief: "A minimal{separator}trial"'
        assert rules_of(cli, write(body("").replace("title:\n  brief: A minimal trial", title))) == [("AGE002", CRITERION)]
        suppressed = body("   # protocol: ignore[AGE002]").replace("title:\n  brief: A minimal trial", title)
        assert rules_of(cli, write(suppressed)) == []
