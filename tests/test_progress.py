"""Large runs: several processes, results in order, a progress bar only at a terminal."""

from __future__ import annotations

import io

from conftest import MINIMAL

from toolkit.commands import validate
from toolkit.commands.progress import PROGRESS_FROM, progress
from toolkit.settings import Selection, ValidateSettings


def make(write, count):
    return [str(write(MINIMAL.replace("minimal-trial", f"t{i}") + ("summary: TODO\n" if i % 7 == 0 else ""),
                      f"many/p{i:04d}.yaml")) for i in range(count)]


def test_parallel_run_matches_serial_run_in_order(write):
    files = make(write, 120)
    outputs = []
    for jobs in (1, 2):
        out = io.StringIO()
        status = validate.run(files, ValidateSettings(tuple(files), "text", Selection(), False, jobs), out)
        outputs.append((status, out.getvalue()))
    assert outputs[0] == outputs[1]
    assert outputs[0][0] == 1 and outputs[0][1].count("TXT001") == 18


def test_no_progress_bar_without_a_terminal(write, monkeypatch, capsys):
    files = make(write, PROGRESS_FROM)
    validate.run(files, ValidateSettings(tuple(files), "text", Selection(), False, 2), io.StringIO())
    assert capsys.readouterr().err == ""


def test_progress_bar_at_a_terminal_only_outside_ci(monkeypatch):
    monkeypatch.setattr("sys.stderr.isatty", lambda: True, raising=False)
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert progress(PROGRESS_FROM, "checking") .__class__.__name__ == "ProgressBar"
    assert progress(10, "checking").__class__.__name__ == "nullcontext"
    monkeypatch.setenv("CI", "true")
    assert progress(PROGRESS_FROM, "checking").__class__.__name__ == "nullcontext"
