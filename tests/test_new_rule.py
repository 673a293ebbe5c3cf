"""scripts/new-rule, run in a copy of the repository: it writes a rule the catalogue knows and tests that fail
until the TODOs are filled in."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT

BIN = os.path.dirname(sys.executable)


@pytest.fixture
def repo(tmp_path):
    copy = tmp_path / "repo"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "fixtures", "corpus")
    for part in ("toolkit", "tests", "scripts", "schemas", "templates"):
        shutil.copytree(ROOT / part, copy / part, ignore=ignore)
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    return copy


def run(repo, *args, tool=None):
    command = [sys.executable, str(repo / "scripts" / "new-rule"), *args] if tool is None else [tool, *args]
    env = {**os.environ, "PYTHONPATH": str(repo)}
    return subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=300)


def registered(repo, code):
    probe = (f"import toolkit.rules as r; x = r.REGISTRY['{code}']; "
             "print(x.name, x.severity.value, x.source[0], x.tested_in, r.FAMILIES[x.family], sep='|'); print(x.doc)")
    result = run(repo, "-c", probe, tool=sys.executable)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_scaffold_in_an_existing_module(repo):
    result = run(repo, "DAT099", "example-problem", "status", "--severity", "warning")
    assert result.returncode == 0, result.stderr
    out = registered(repo, "DAT099")
    assert out.splitlines()[0] == "example-problem|warning|toolkit/rules/status.py|tests/rules/test_status.py|dates and status"
    for heading in ("## What it checks", "## Why it matters", "## Example", "## Use instead", "## Fix"):
        assert heading in out
    tests = (repo / "tests" / "rules" / "test_status.py").read_text()
    assert "def test_dat099_reported" in tests and "def test_dat099_not_reported_when_right" in tests
    lint = run(repo, "check", "--no-cache", "toolkit/rules/status.py", "tests/rules/test_status.py",
               tool=os.path.join(BIN, "ruff"))
    assert lint.returncode == 0, lint.stdout
    # The TODOs make the rule's tests and the catalogue's meta-test fail until they are filled in.
    tests_run = run(repo, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/rules/test_status.py",
                    "tests/rules/test_catalogue.py", "-k", "dat099 or DAT099", tool=sys.executable)
    assert tests_run.returncode == 1
    assert "test_dat099_reported" in tests_run.stdout and "test_example_produces_the_code[DAT099]" in tests_run.stdout


def test_scaffold_a_new_family_and_module(repo):
    result = run(repo, "ZZZ001", "zed-problem", "zed", "--family", "zed things")
    assert result.returncode == 0, result.stderr
    assert registered(repo, "ZZZ001").splitlines()[0] == \
        "zed-problem|error|toolkit/rules/zed.py|tests/rules/test_zed.py|zed things"
    assert "    zed,\n" in (repo / "toolkit" / "rules" / "__init__.py").read_text()
    lint = run(repo, "check", "--no-cache", "toolkit/rules", "tests/rules/test_zed.py", tool=os.path.join(BIN, "ruff"))
    assert lint.returncode == 0, lint.stdout


@pytest.mark.parametrize("args,words", [
    (["DAT001", "anything-new", "status"], "exists already"),
    (["DAT098", "milestones-out-of-order", "status"], "named milestones-out-of-order already"),
    (["QQQ001", "new-thing", "qqq"], "new family"),
    (["DAT098", "Not_Kebab", "status"], "kebab-case"),
    (["DAT98", "x-y", "status"], "not a code"),
])
def test_scaffold_refuses_bad_requests(repo, args, words):
    result = run(repo, *args)
    assert result.returncode == 2 and words in result.stderr
    assert "DAT098" not in (repo / "toolkit" / "rules" / "status.py").read_text()
