"""The rule catalogue itself: codes, names and documentation."""

from __future__ import annotations

import re

import pytest

from toolkit.rules import FAMILIES, REGISTRY

HEADINGS = ("## What it checks", "## Why it matters", "## Example", "## Fix")


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
