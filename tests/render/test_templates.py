"""User templates, strict undefined, and byte-identical output."""

from __future__ import annotations

import hashlib
import subprocess
import sys

from conftest import MINIMAL, PROTOCOLS, ROOT

from toolkit.document.load import load_bytes
from toolkit.render import RenderRequest, render


def data(extra: str = "") -> dict:
    return load_bytes((MINIMAL + extra).encode(), "m.yaml").document.data


def test_user_template_replaces_one_block(tmp_path):
    (tmp_path / "summary.html.j2").write_text(
        '{% extends "!builtin/summary.html.j2" %}{% block page_title %}Our hospital: {{ meta.id }}{% endblock %}')
    html = render(data(), RenderRequest("summary", "html", templates=str(tmp_path))).decode()
    assert "<title>Our hospital: minimal-trial</title>" in html
    assert "What is this study about?" in html  # the rest is the built-in template


def test_user_template_replaces_a_whole_template(tmp_path):
    (tmp_path / "registry.html.j2").write_text("<html><body><p>{{ meta.id }} only</p></body></html>")
    out = render(data(), RenderRequest("registry", "text", templates=str(tmp_path))).decode()
    assert out.strip() == "minimal-trial only"


def test_strict_undefined_fails_instead_of_leaving_blanks(cli, tmp_path, write):
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "registry.html.j2").write_text("<p>{{ meta.sponsor_phone }}</p>")
    result = cli("render", write(MINIMAL), "--doc", "registry", "--templates", tmp_path / "t")
    assert result.exit_code == 2
    assert "template error" in result.output and "registry.html.j2" in result.output and "sponsor_phone" in result.output


def _pdf_digest_in_a_new_process(name: str) -> str:
    code = ("import hashlib, sys; from toolkit.document.load import load_file; from toolkit.render import RenderRequest, render;"
            f"d = load_file({str(PROTOCOLS / name)!r}).document.data;"
            "print(hashlib.sha256(render(d, RenderRequest('summary', 'pdf', 'zh'))).hexdigest())")
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()


def test_pdf_is_byte_identical_across_runs():
    first = _pdf_digest_in_a_new_process("NCT06261047.yaml")
    assert first == _pdf_digest_in_a_new_process("NCT06261047.yaml")
    assert len(first) == 64


def test_html_and_text_are_identical_across_runs():
    one = render(data(), RenderRequest("protocol", "text"))
    assert hashlib.sha256(one).hexdigest() == hashlib.sha256(render(data(), RenderRequest("protocol", "text"))).hexdigest()
