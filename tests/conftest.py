from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli import main

ROOT = Path(__file__).resolve().parent.parent
PROTOCOLS = ROOT / "protocols"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
AS_PUBLISHED = FIXTURES / "as_published"


@pytest.fixture
def cli():
    """Run `protocol ARGS...` in-process; returns the click Result."""
    runner = CliRunner()

    def run(*args, **kwargs):
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=False, **kwargs)

    return run


@pytest.fixture
def write(tmp_path):
    """Write text (or bytes) to a file under tmp_path and return its path."""

    def _write(content, name="protocol.yaml"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


MINIMAL = """\
schema_version: 1
id: minimal-trial
title:
  brief: A minimal trial
status: {overall: recruiting}
endpoints:
  primary: [{measure: Overall survival, timeframe: Up to 2 years}]
design:
  study_type: interventional
"""

# MINIMAL with the facts every registry requires, so that it validates without any finding.
# MINIMAL with what a patient summary needs (a plain purpose, a contact), so that only the
# findings a test is about are reported.
QUIET = MINIMAL + """\
contacts:
  central: [{name: Study office, phone: +86 10 8778 8888}]
patient:
  purpose: This study tests a new medicine for liver cancer.
"""
COMPLETE = QUIET + "eligibility: {sex: all, minimum_age: 18 years}\n"
