"""The rule catalogue itself: codes, names and documentation."""

from __future__ import annotations

import re

import pytest

from toolkit.rules import FAMILIES, REGISTRY

HEADINGS = ("## What it checks", "## Why it matters", "## Example", "## Use instead", "## Fix")


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_rule_is_documented(code):
    rule = REGISTRY[code]
    assert re.fullmatch(r"[A-Z]{3}\d{3}", code)
    assert rule.family in FAMILIES
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name)
    for heading in HEADINGS:
        assert heading in rule.doc, f"{code} lacks {heading}"
    assert rule.summary and not rule.summary.startswith("#")


def test_names_are_unique():
    names = [r.name for r in REGISTRY.values()]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_options_section_names_exactly_the_declared_options(code):
    rule = REGISTRY[code]
    section = rule.doc.split("## Options", 1)[1].split("\n## ", 1)[0] if "## Options" in rule.doc else ""
    documented = set(re.findall(r"^- `([a-z_]+)` \(default ([^)]*)\)", section, re.MULTILINE))
    assert {name for name, _ in documented} == set(rule.options), f"{code}: ## Options and options= disagree"
    for name, default in documented:
        assert default == f"{rule.options[name]!r}".lower(), f"{code}: {name} documented with default {default}"
