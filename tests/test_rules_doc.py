"""docs/rules.md is generated from the rule catalogue and kept in step with it."""

from __future__ import annotations

from conftest import ROOT

from toolkit.commands.rules import markdown
from toolkit.rules import REGISTRY

PAGE = ROOT / "docs" / "rules.md"


def test_docs_rules_md_is_up_to_date():
    assert PAGE.read_text(encoding="utf-8") == markdown(), (
        "docs/rules.md is out of date: run `protocol rules --format markdown > docs/rules.md`")


def test_page_documents_every_rule_with_its_sections(cli):
    page = cli("rules", "--format", "markdown").output
    for code, rule in REGISTRY.items():
        assert f"\n### {code}\n" in page and f"| [{code}](#{code.lower()}) |" in page
        assert f"defined in `{rule.source[0]}`" in page
    assert "\n#### Use instead\n" in page and "\n## DAT: dates and status\n" in page
    assert ":" + str(REGISTRY["DAT007"].source[1]) not in page.split("### DAT007")[1].split("###")[0]


def test_markdown_for_one_family(cli):
    page = cli("rules", "AGE", "--format", "markdown").output
    assert "### AGE001" in page and "### DAT001" not in page
