"""Item 12 of issue 9 (last part): a crash exits with status 2, which CI tells from "errors found"."""

from __future__ import annotations

from click.testing import CliRunner
from conftest import PROTOCOLS

from toolkit.cli import main


def test_a_bug_in_a_command_exits_2_without_a_traceback(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("toolkit.commands.validate.run", broken)
    result = CliRunner().invoke(main, ["validate", str(PROTOCOLS)])
    assert result.exit_code == 2
    assert "protocol: error: internal error (RuntimeError: a bug); please report it" in result.output
    assert "Traceback" not in result.output


def test_the_traceback_is_there_when_asked_for(monkeypatch):
    monkeypatch.setattr("toolkit.commands.validate.run", lambda *a, **k: 1 / 0)
    monkeypatch.setenv("PROTOCOL_DEBUG", "1")
    result = CliRunner().invoke(main, ["validate", str(PROTOCOLS)])
    assert result.exit_code == 2 and "ZeroDivisionError" in result.output
