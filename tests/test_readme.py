"""Issue 9, item 18: the README says what the toolkit does. Its console examples are run and
compared, its generated sections regenerated (scripts/readme --check), and what cannot be
generated is checked against the code."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FULL_CORPUS, ROOT

from toolkit.rules import FAMILIES

README = (ROOT / "README.md").read_text(encoding="utf-8")
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"


def test_readme_is_what_the_toolkit_prints_now():
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "readme"), "--check"], capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr


# The hand-over goes to .venv, which `make setup` / `make test` make: a suite run from another
# environment (tox, a system install) has none to hand over to and skips; CI always runs
# `make test`, and there a missing .venv fails.
@pytest.mark.skipif(not VENV_PYTHON.exists() and not FULL_CORPUS, reason="no .venv beside the code (make setup makes it)")
def test_run_by_another_python_the_project_environment_runs_the_examples():
    """The system's python3 has none of the toolkit's dependencies: each example would show a
    ModuleNotFoundError in place of its output unless the script hands over to .venv."""
    assert VENV_PYTHON.exists(), "CI is set but .venv/bin/python is not there: run make test"
    bare = Path(sys.base_prefix) / "bin" / "python3"  # the interpreter under the venv, without its packages
    done = subprocess.run([str(bare), "-S", str(ROOT / "scripts" / "readme"), "--check"], capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr


def test_every_rule_family_is_in_the_family_table_in_order():
    table = re.findall(r"^\| `([A-Z]{3})` \|", README, re.M)
    assert table == list(FAMILIES)


def test_every_console_example_is_checked():
    """Each ```console block runs `protocol`, so scripts/readme --check covers them all."""
    blocks = re.findall(r"```console\n(.*?)```", README, re.S)
    assert blocks and all(block.startswith("$ protocol ") for block in blocks)


def test_every_render_format_and_document_is_in_the_usage_line():
    from toolkit.render.documents import DOCUMENTS, FORMATS

    usage = re.search(r"protocol render FILE --doc (\S+) --format (\S+)", README)
    assert usage and usage.group(1).split("|") == list(DOCUMENTS) and usage.group(2).split("|") == list(FORMATS)
