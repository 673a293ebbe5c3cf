"""The rule catalogue checks itself: every rule's documented examples run and say what they claim."""

from __future__ import annotations

from pathlib import Path

import pytest
from catalogue import BASE, merged, run_example, sections, yaml_block

from toolkit.rules import REGISTRY, checks

ROOT = Path(__file__).resolve().parents[2]
CHECKS = [rule.code for rule in checks()]


@pytest.mark.parametrize("code", CHECKS)
def test_rule_has_runnable_examples(code):
    doc = REGISTRY[code].doc
    assert yaml_block(doc, "Example"), f"{code}: ## Example needs a ```yaml block"
    assert yaml_block(doc, "Use instead"), f"{code}: ## Use instead needs a ```yaml block"


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_example_produces_the_code(code):
    found = run_example(REGISTRY[code], "Example")
    if found is None:
        pytest.skip(f"{code}: the example is prose (a file that cannot be written as YAML)")
    codes = {d.rule for d in found}
    assert code in codes, f"{code}: its ## Example gives {sorted(codes)}"
    if REGISTRY[code].family not in ("YML", "SCH"):
        assert not any(d.rule.startswith(("YML", "SCH")) for d in found), f"{code}: the example is not schema-valid"


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_use_instead_does_not_produce_the_code(code):
    assert "Use instead" in sections(REGISTRY[code].doc), f"{code} lacks ## Use instead"
    found = run_example(REGISTRY[code], "Use instead")
    if found is None:
        pytest.skip(f"{code}: the alternative is prose")
    assert code not in {d.rule for d in found}, f"{code}: its ## Use instead still gives it"
    stages = ("YML",) if REGISTRY[code].family == "YML" else ("YML", "SCH")  # a YML example is a whole file
    assert not any(d.rule.startswith(stages) for d in found), f"{code}: ## Use instead is not valid: {found}"


def test_base_is_schema_valid_and_merging_keeps_comments():
    assert not [d for d in run_base() if d.rule.startswith(("YML", "SCH"))]
    text = merged("summary: TODO   # protocol: ignore[TXT001]\n")
    assert text.startswith(BASE) and "# protocol: ignore[TXT001]" in text
    assert "official: X" in merged("title: {official: X}\n") and "brief: An example trial" in merged("title: {official: X}\n")


def run_base():
    from toolkit.document.load import load_bytes
    from toolkit.engine import check_document

    return check_document(load_bytes(BASE.encode(), "base.yaml").document)


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_rule_says_where_it_is_defined_and_tested(code):
    rule = REGISTRY[code]
    source, line = rule.source
    assert (ROOT / source).is_file() and line > 0
    assert code in (ROOT / source).read_text(encoding="utf-8").splitlines()[line - 1], f"{code} not at {source}:{line}"
    tests = ROOT / rule.tested_in
    assert tests.is_file(), f"{code}: {rule.tested_in} does not exist"
    assert code in tests.read_text(encoding="utf-8"), f"{code} is asserted nowhere in {rule.tested_in}"


def test_every_rule_module_has_its_test_module():
    for module in sorted((ROOT / "toolkit" / "rules").glob("[!_]*.py")):
        if module.stem not in ("builtin",):
            assert (ROOT / "tests" / "rules" / f"test_{module.stem}.py").is_file(), f"{module.name} has no test module"
