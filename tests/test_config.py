"""[tool.protocol] in the checked repository's pyproject.toml."""

from __future__ import annotations

import dataclasses
import json

import pytest
from conftest import COMPLETE

from toolkit import config
from toolkit.rules import ALIASES, REGISTRY

TODO = COMPLETE.replace("summary: A trial of a new medicine for liver cancer.", "summary: TODO")


def setup_function():
    config.table_for.cache_clear()
    config._config_for_folder.cache_clear()


def test_nearest_pyproject_applies(cli, write, tmp_path):
    write('[tool.protocol]\nignore = ["TXT001"]\n', "repo/pyproject.toml")
    path = write(TODO, "repo/protocols/deep/trial.yaml")
    assert cli("validate", path).exit_code == 0
    outside = write(TODO, "elsewhere/trial.yaml")
    assert cli("validate", outside).exit_code == 1


def test_pyproject_without_table_is_skipped(cli, write):
    write('[tool.protocol]\nignore = ["TXT"]\n', "repo/pyproject.toml")
    write('[project]\nname = "x"\n', "repo/sub/pyproject.toml")
    assert cli("validate", write(TODO, "repo/sub/trial.yaml")).exit_code == 0


def test_cli_select_replaces_and_ignore_adds(cli, write):
    write('[tool.protocol]\nselect = ["SCH"]\n', "repo/pyproject.toml")
    path = write(TODO, "repo/trial.yaml")
    assert cli("validate", path).exit_code == 0  # TXT not selected by the config
    assert cli("validate", path, "--select", "TXT").exit_code == 1
    assert cli("validate", path, "--select", "TXT", "--ignore", "TXT001").exit_code == 0


def test_bad_config_exits_2_naming_the_file(cli, write):
    write('[tool.protocol]\nignore = ["NOPE9"]\n', "repo/pyproject.toml")
    result = cli("validate", write(TODO, "repo/trial.yaml"))
    assert result.exit_code == 2 and "pyproject.toml" in result.output and "NOPE9" in result.output
    write('[tool.protocol]\nignored = ["TXT"]\n', "repo/pyproject.toml")
    setup_function()
    result = cli("validate", write(TODO, "repo/trial.yaml"))
    assert result.exit_code == 2 and "unknown key" in result.output


# [tool.protocol.rules.CODE]: severity and declared options.

LATE = COMPLETE.replace("status: {overall: recruiting, start: {date: 2026-03, type: estimated}}",
                       "status:\n  overall: recruiting\n  start: {date: 2024-01-01, type: actual}\n"
                       "  first_submitted: 2024-02-05\n")  # 35 days after the start


def rules_of(cli, path):
    """(code, severity) reported, leaving out the registry-requirement and summary rules this
    file's small protocols do not satisfy."""
    report = json.loads(cli("validate", path, "--format", "json", "--ignore", "REQ,PLS").output)
    return [(d["rule"], d["severity"]) for d in report["diagnostics"]]


def test_rule_option_changes_the_threshold(cli, write):
    path = write(LATE, "repo/trial.yaml")
    assert rules_of(cli, path) == [("DAT007", "warning")]  # the default: 21 days
    write("[tool.protocol.rules.DAT007]\nmax_days = 40\n", "repo/pyproject.toml")
    setup_function()
    assert rules_of(cli, path) == []


def test_rule_severity_override(cli, write):
    write('[tool.protocol.rules.DAT007]\nseverity = "error"\n', "repo/pyproject.toml")
    path = write(LATE, "repo/trial.yaml")
    assert rules_of(cli, path) == [("DAT007", "error")]
    assert cli("validate", path).exit_code == 1


@pytest.mark.parametrize("table,words", [
    ("[tool.protocol.rules.DAT999]\nseverity = 'error'\n", ["unknown rule code", "DAT999"]),
    ("[tool.protocol.rules.DAT007]\nmax_dayz = 3\n", ['unknown option "max_dayz" for rule DAT007', "max_days"]),
    ("[tool.protocol.rules.DAT007]\nmax_days = '3'\n", ["max_days must be a whole number"]),
    ("[tool.protocol.rules.DAT007]\nseverity = 'fatal'\n", ["severity must be one of error, warning, info"]),
    ("[tool.protocol.rules.YML001]\nseverity = 'info'\n", ["YML codes cannot be configured"]),
    ("[tool.protocol]\nrules = 3\n", ["one table per rule code"]),
])
def test_bad_rule_table_is_one_configuration_error(cli, write, table, words):
    write(table, "repo/pyproject.toml")
    result = cli("validate", write(LATE, "repo/trial.yaml"))
    assert result.exit_code == 2, result.output
    assert result.output.startswith("protocol: error: ") and "pyproject.toml" in result.output
    assert "Traceback" not in result.output
    for word in words:
        assert word in result.output


# Aliases: a renumbered code keeps working wherever codes are written.

@pytest.fixture
def renumbered(monkeypatch):
    """DAT007 as if it had been renumbered from DAT090 (and TXT001 split out of DAT091)."""
    monkeypatch.setitem(REGISTRY, "DAT007", dataclasses.replace(REGISTRY["DAT007"], aliases=("DAT090",)))
    monkeypatch.setitem(ALIASES, "DAT090", ("DAT007",))
    monkeypatch.setitem(ALIASES, "DAT091", ("DAT007", "TXT001"))


def test_alias_in_command_line_selection(cli, write, renumbered):
    path = write(LATE.replace("summary: A trial of a new medicine for liver cancer.", "summary: TODO"), "repo/trial.yaml")
    assert {r for r, _ in rules_of(cli, path)} == {"DAT007", "TXT001"}
    assert cli("validate", path, "--ignore", "DAT090", "--format", "json").output.count('"DAT007"') == 0
    report = json.loads(cli("validate", path, "--select", "DAT091", "--format", "json").output)
    assert {d["rule"] for d in report["diagnostics"]} == {"DAT007", "TXT001"}


def test_alias_in_configuration(cli, write, renumbered):
    write('[tool.protocol]\nignore = ["DAT091"]\n[tool.protocol.rules.DAT090]\nseverity = "info"\n',
          "repo/pyproject.toml")
    assert rules_of(cli, write(LATE.replace("summary: A trial of a new medicine for liver cancer.", "summary: TODO"), "repo/trial.yaml")) == []
    write('[tool.protocol.rules.DAT090]\nseverity = "info"\nmax_days = 30\n', "repo/pyproject.toml")
    setup_function()
    assert rules_of(cli, write(LATE, "repo/trial.yaml")) == [("DAT007", "info")]


def test_alias_in_inline_suppression(cli, write, renumbered):
    text = LATE.replace("first_submitted: 2024-02-05", "first_submitted: 2024-02-05  # protocol: ignore[DAT090]")
    assert rules_of(cli, write(text, "repo/trial.yaml")) == []


# A malformed configuration: one error at the file, line and column that is wrong (exit 2).

HEAD = '[project]\nname = "x"\ndescription = """\n[tool.protocol]\nselect = 1\n"""\n\n'  # a decoy in a string


@pytest.mark.parametrize("table,where,words", [
    ('[tool.protocol]\nselect = 3\n', (9, 10), ["select must be a list of codes", "not 3"]),
    ('[tool.protocol]\nexclude = {a=1}\n', (9, 1), ["unknown key 'exclude'"]),
    ('[tool.protocol]\nselect = ["AGE", "XYZ"]\n', (9, 18), ["unknown rule code or family 'XYZ'"]),
    ('[tool.protocol]\nignore = [\n  "AGE",  # ages\n  "NOPE",\n]\n', (11, 3), ["'NOPE'"]),
    ('[tool.protocol]\nignore = [1, 2]\n', (9, 10), ["ignore must be a list of codes", "1 is not one"]),
    ('[tool.protocol]\nrules = 3\n', (9, 9), ["one table per rule code"]),
    ('[tool.protocol.rules]\nDAT007 = 3\n', (9, 10), ["one table per rule code"]),
    ('[tool]\nprotocol = 3\n', (9, 12), ["[tool.protocol] must be a table"]),
    ('[tool.protocol.rules.DAT007]\nseverity = 5\n', (9, 12), ["severity must be one of", "not 5"]),
    ('[tool.protocol.rules.DAT007]\nmax_days = true\n', (9, 12), ["max_days must be a whole number", "not true"]),
    ('[tool.protocol.rules.DAT007]\nmax_dayz = 3\n', (9, 1), ['unknown option "max_dayz"']),
    ('[tool.protocol.rules.FOO]\nseverity = "error"\n', (8, 1), ["unknown rule code 'FOO'"]),
    ('[tool.protocol]\nrules.DAT007.severity = "fatal"\n', (9, 25), ['not "fatal"']),
    ('[tool.protocol]\nselect = [\n', (9, 11), ["not valid TOML", "at the end of the file"]),
    ('[tool.protocol]\nselect = ["AGE"]\nselect = ["TXT"]\n', (10, 17), ["not valid TOML"]),
    ('[tool.protocol]\nselect = ["AGE"\n', (9, 16), ["not valid TOML"]),
])
def test_malformed_configuration_points_at_the_mistake(cli, write, table, where, words):
    write(HEAD + table, "repo/pyproject.toml")
    result = cli("validate", write(LATE, "repo/trial.yaml"))
    assert result.exit_code == 2, result.output
    line, column = where
    assert result.output.startswith("protocol: error: ")
    assert f"pyproject.toml:{line}:{column}: " in result.output, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    for word in words:
        assert word in result.output


def test_configuration_that_is_not_utf8_points_at_the_byte(cli, write):
    write(b'[tool.protocol]\nselect = ["\xff"]\n', "repo/pyproject.toml")
    result = cli("validate", write(LATE, "repo/trial.yaml"))
    assert result.exit_code == 2 and "pyproject.toml:2:12: not UTF-8 text (byte 0xff)" in result.output
    assert "internal error" not in result.output
