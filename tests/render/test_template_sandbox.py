"""Issue 9, item 4: a --templates folder is text from anyone, so templates run in Jinja's
immutable sandbox. What a template may do: lay out the document (replace a template, extend
the built-in one and replace a block; tests/render/test_templates.py). What it may not:
reach Python internals, and through them modules, files, commands or the network; change the
context; load a template from outside the template folders. Each attempt is a template error
naming the template and line, exit status 2, no traceback, nothing done."""

from __future__ import annotations

import pytest
from conftest import MINIMAL

ATTACKS = {
    "mro": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "globals via cycler": "{{ cycler.__init__.__globals__.os.system('touch {marker}') }}",
    "globals via lipsum": "{{ lipsum.__globals__['os'].system('touch {marker}') }}",
    "globals via our global": "{{ fact.__init__.__globals__ }}",
    "import": "{{ lipsum.__globals__.__builtins__.__import__('os').system('touch {marker}') }}",
    "url fetch": ("{{ lipsum.__globals__.__builtins__.__import__('urllib.request')"
                  ".request.urlopen('http://127.0.0.1:9/') }}"),
    "file read": "{{ lipsum.__globals__.__builtins__.open('/etc/hostname').read() }}",
    "template context": "{{ self._TemplateReference__context }}",
    "object dict": "{{ meta.__dict__ }}",
    "format string": "{{ '{0.__class__.__mro__}'.format(meta) }}",
    "mutate context": "{{ meta.__setattr__('id', 'changed') }}",
    "mutate a list": "{% set items = [] %}{{ items.append(1) }}",
    "absolute include": "{% include '/etc/hostname' %}",
    "parent include": "{% include '../../../../../../etc/hostname' %}",
}


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_attack_is_a_template_error(cli, tmp_path, write, name):
    marker = tmp_path / "pwned"
    templates = tmp_path / "t"
    templates.mkdir()
    (templates / "registry.html.j2").write_text(
        "<html><body>\n<p>{{ meta.id }}</p>\n" + ATTACKS[name].replace("{marker}", str(marker)) + "\n</body></html>")
    result = cli("render", write(MINIMAL), "--doc", "registry", "--templates", templates, "--format", "text")
    assert result.exit_code == 2, result.output
    assert result.output.startswith("protocol: error: template error (")
    assert "registry.html.j2" in result.output or "hostname" in result.output
    assert "Traceback" not in result.output
    assert not marker.exists(), "no command ran"
    assert "minimal-trial" not in result.output, "nothing was rendered"


def test_sandbox_error_says_why(cli, tmp_path, write):
    (tmp_path / "registry.html.j2").write_text("<p>{{ meta.__class__ }}</p>")
    result = cli("render", write(MINIMAL), "--doc", "registry", "--templates", tmp_path)
    assert "registry.html.j2, line 1" in result.output and "unsafe" in result.output and "sandboxed" in result.output


def test_legitimate_template_logic_still_works(cli, tmp_path, write):
    """Loops, filters, macros, namespaces, the built-in macros and blocks: all allowed."""
    (tmp_path / "registry.html.j2").write_text(
        '{% extends "!builtin/registry.html.j2" %}{% block page_title %}'
        "{% set ns = namespace(n=0) %}{% for word in meta.id.split('-') %}{% set ns.n = ns.n + 1 %}{% endfor %}"
        "{{ meta.id | upper }} ({{ ns.n }} parts, {{ '%d' % 3 }}){% endblock %}")
    result = cli("render", write(MINIMAL), "--doc", "registry", "--templates", tmp_path, "--format", "html")
    assert result.exit_code == 0, result.output
    assert "<title>MINIMAL-TRIAL (2 parts, 3)</title>" in result.output
