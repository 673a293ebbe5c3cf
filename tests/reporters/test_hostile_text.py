"""Issue 9, item 5: text quoted from a protocol (keys, values, file names) cannot forge a
report line, drive the terminal or break the XML of any output format. The Diagnostic itself
escapes what it quotes, so every reporter, present and future, gets safe text."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree

import pytest
from conftest import MINIMAL

HOSTILE = MINIMAL + r'''  allocation: "\e[2J\e]0;pwned\arandomised\x85\u2028\u202e"
"eligibilty\nbad.yaml:1:1: error SCH999 forged": 1
"elig\x01ibility\x1b[31m": 2
'''
RAW_CONTROLS = ["\x1b", "\x07", "\x00", "\x01", "\x85", "\u2028", "\u202e", "\r"]
FORMATS = ("text", "github", "junit", "sarif", "json")


@pytest.fixture
def hostile(write):
    return write(HOSTILE, "bad.yaml")


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_control_character_reaches_any_output(cli, hostile, fmt):
    result = cli("validate", hostile, "--format", fmt)
    assert result.exit_code == 1
    assert [c for c in RAW_CONTROLS if c in result.output] == []
    assert "SCH002" in result.output and "SCH004" in result.output


@pytest.mark.parametrize("fmt", ("text", "github"))
def test_a_key_cannot_forge_a_line(cli, hostile, fmt):
    lines = cli("validate", hostile, "--format", fmt).output.splitlines()
    findings, summary = lines[:-1], lines[-1]
    assert len(findings) == 3, lines  # SCH004 and two SCH002, one line each
    assert summary.startswith("1 file checked: 3 errors")
    assert not any("SCH999" in line.split(" ", 3)[2] for line in findings if line.count(" ") >= 3)
    assert all(line.startswith("::error ") if fmt == "github" else line.startswith(str(hostile)) for line in findings)


def test_junit_stays_valid_xml(cli, hostile):
    root = ElementTree.fromstring(cli("validate", hostile, "--format", "junit").output)
    messages = [f.get("message") for f in root.iter("failure")]
    assert len(messages) == 3
    assert any("elig\\x01ibility\\x1b[31m" in m for m in messages), messages


def test_json_keeps_the_escaped_text_readable(cli, hostile):
    diagnostics = json.loads(cli("validate", hostile, "--format", "json").output)["diagnostics"]
    assert any('unknown key "eligibilty\\nbad.yaml:1:1: error SCH999 forged"' in d["message"] for d in diagnostics)


def test_a_file_name_cannot_forge_a_line(cli, write):
    path = write(MINIMAL.replace("schema_version: 1", "schema_version: 2"), "odd\nx.yaml:1:1: error SCH999 forged.yaml")
    lines = cli("validate", path).output.splitlines()
    assert len(lines) == 2 and "odd\\nx.yaml" in lines[0]


def test_printable_leaves_ordinary_text_alone_and_is_idempotent():
    from toolkit.diagnostics import printable

    ordinary = "Age ≥ 18 years; 年龄≥18岁\u3000(ECOG 0–1) C:\\data \\n"
    assert printable(ordinary) == ordinary
    nasty = "a\nb\x1b[31m\u202e\ud800"
    once = printable(nasty)
    assert once == "a\\nb\\x1b[31m\\u202e\\ud800" and printable(once) == once


def test_every_diagnostic_is_escaped_where_it_is_made():
    from toolkit.diagnostics import Diagnostic, Severity

    d = Diagnostic("f\n.yaml", 1, 1, "TXT001", Severity.ERROR, "x\ny")
    assert (d.file, d.message) == ("f\\n.yaml", "x\\ny")
    assert d.with_severity(Severity.WARNING).message == "x\\ny", "escaping twice changes nothing"
