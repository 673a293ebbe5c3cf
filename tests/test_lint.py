"""The linters CI runs: ruff over the repository, mypy over the package (configured in pyproject.toml)."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT

BIN = os.path.dirname(sys.executable)


def run(tool: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([os.path.join(BIN, tool), *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_is_clean():
    result = run("ruff", "check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean():
    result = run("mypy", "--cache-dir=/dev/null")  # [tool.mypy] names the package
    assert result.returncode == 0, result.stdout + result.stderr
