"""The document table, the typed context and the per-section template blocks."""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass

import pytest
from conftest import MINIMAL, PROTOCOLS, ROOT

from toolkit.document.load import load_bytes, load_file
from toolkit.document.since import Before
from toolkit.parse.markdown_text import document_text, to_plain, unmark
from toolkit.render import RenderRequest, render
from toolkit.render.documents import DOCUMENTS, FORMATS
from toolkit.reporters import REPORTERS

TEMPLATES = ROOT / "templates"


def data(extra: str = "") -> dict:
    return load_bytes((MINIMAL + extra).encode(), "m.yaml").document.data


def test_doc_and_format_choices_come_from_the_tables(cli):
    help_text = cli("render", "--help").output
    for name in DOCUMENTS:
        assert name in help_text
    doc_choice = re.search(r"--doc \[([^\]]+)\]", help_text).group(1)
    assert doc_choice.split("|") == list(DOCUMENTS)
    format_choice = re.search(r"--format \[([^\]]+)\]", help_text).group(1)
    assert format_choice.split("|") == list(FORMATS)
    validate_formats = re.search(r"--format \[([^\]]+)\]", cli("validate", "--help").output).group(1)
    assert validate_formats.split("|") == list(REPORTERS)


def test_every_document_kind_has_its_template():
    for kind in DOCUMENTS.values():
        assert (TEMPLATES / kind.template).is_file(), kind.template


@pytest.mark.parametrize("kind", list(DOCUMENTS))
def test_context_is_typed_and_holds_no_raw_protocol(kind):
    protocol = load_file(str(PROTOCOLS / "NCT04361331.yaml")).document.data
    earlier = load_file(str(PROTOCOLS / "NCT07063888.yaml")).document.data  # another trial: every field changed
    if DOCUMENTS[kind].compares:
        context = DOCUMENTS[kind].build(protocol, "en", Before("REV", earlier))
        assert len(context.rows) > 50
    else:
        context = DOCUMENTS[kind].build(protocol, "en")
    assert is_dataclass(context)
    names = {f.name for f in fields(context)}
    assert not names & {"p", "L", "H"}, "short names are gone"
    for f in fields(context):
        value = getattr(context, f.name)
        assert value is not protocol
        if isinstance(value, list) and value and isinstance(value[0], dict):
            pytest.fail(f"{kind}.{f.name} is raw protocol data")


def test_templates_do_not_reach_into_the_raw_protocol():
    for template in TEMPLATES.glob("*.j2"):
        text = template.read_text()
        assert not re.search(r"\b(p|L|H)\.[a-z_]", text), template.name
        assert not re.search(r"\[\s*[01]\s*\]", text), f"{template.name} indexes a tuple"


def _blocks(template: str) -> list[str]:
    return re.findall(r"{%-?\s*block\s+(\w+)", (TEMPLATES / template).read_text())


def test_readme_lists_the_blocks_of_each_document():
    readme = (ROOT / "README.md").read_text()
    for kind in ("registry", "summary"):
        row = next(line for line in readme.splitlines() if line.startswith(f"| `{kind}` |"))
        listed = [name.strip() for name in row.split("|")[2].split(",")]
        assert listed == [b for b in _blocks(f"{kind}.html.j2") if b not in ("body", "page_title")]


def test_one_section_can_be_replaced_alone(tmp_path):
    (tmp_path / "registry.html.j2").write_text(
        '{% extends "!builtin/registry.html.j2" %}{% block eligibility %}<h2>Who may join</h2>'
        "<p>{{ eligibility.ages }}</p>{% endblock %}")
    protocol = load_file(str(PROTOCOLS / "NCT04361331.yaml")).document.data
    text = render(protocol, RenderRequest("registry", "text", templates=str(tmp_path))).decode()
    builtin = render(protocol, RenderRequest("registry", "text")).decode()
    assert "Who may join" in text and "18 years – 75 years" in text
    assert "\nInclusion criteria\n" in builtin and "\nInclusion criteria\n" not in text
    before, after = builtin.split("\nEligibility\n")[0], builtin.split("\nContacts and locations\n")[1]
    assert text.startswith(before) and text.endswith(after), "every other section is the built-in one"


def test_protocol_sections_can_be_replaced_alone(tmp_path):
    (tmp_path / "protocol.html.j2").write_text(
        '{% extends "!builtin/protocol.html.j2" %}{% block inclusion %}<p>Our own inclusion text</p>{% endblock %}')
    text = render(data(), RenderRequest("protocol", "text", templates=str(tmp_path))).decode()
    builtin = render(data(), RenderRequest("protocol", "text")).decode()
    assert "Our own inclusion text" in text and text.count("5.3 Exclusion Criteria") == 2  # contents and section
    assert builtin.count("5.2 Inclusion Criteria") == 2 and text.count("5.2 Inclusion Criteria") == 1


def test_one_markdown_to_text_module():
    markdown = "**Bold**, *italic*, `code`, [site](https://example.org), [x](javascript:void), ![alt](a.png) a\\_b"
    assert unmark(markdown) == "Bold, italic, code, site (https://example.org), x, alt a_b"
    assert to_plain("- one\n- two") == "- one\n- two\n"
    assert document_text("## Head\n\nLabel\n:   **value**\n") == "Head\n----\n\nLabel: value\n"
    import toolkit.render.text as render_text

    assert render_text.markdown_to_text is document_text
