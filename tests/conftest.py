from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli import main

ROOT = Path(__file__).resolve().parent.parent
PROTOCOLS = ROOT / "protocols"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
AS_PUBLISHED = FIXTURES / "as_published"

# Real ClinicalTrials.gov records. The 73 of ../shared/corpus/ctgov-json and ctgov-xml are shipped
# in tests/fixtures/ctgov/ (same layout, see its README), so the record tests run in every clone.
# The whole corpus (1,940 records, beside the checkout) is an explicit run: PROTOCOL_FULL_CORPUS=1,
# and always in CI, where a missing corpus then fails the run instead of skipping it.
SHIPPED_CORPUS = FIXTURES / "ctgov"
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
FULL_CORPUS = any(os.environ.get(name, "") not in ("", "0", "false") for name in ("PROTOCOL_FULL_CORPUS", "CI"))
full_corpus = pytest.mark.skipif(not FULL_CORPUS, reason="the full corpus (../shared/corpus) is an optional run: "
                                                         "PROTOCOL_FULL_CORPUS=1 (always on in CI)")


def shipped_records() -> list[Path]:
    """The 73 shipped records: API v2 JSON, then legacy XML."""
    return sorted(SHIPPED_CORPUS.glob("ctgov-json/*.json")) + sorted(SHIPPED_CORPUS.glob("ctgov-xml/*.xml"))


def corpus_records() -> list[Path]:
    """Every record of the full corpus (the classic-API response included)."""
    if not SHARED_CORPUS.is_dir():
        return []
    return sorted(p for p in SHARED_CORPUS.rglob("*") if p.suffix in (".json", ".xml") and p.is_file())


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

# MINIMAL with what a registry record and a patient summary need (design, arms, a start date, a
# summary, a plain purpose, a contact), so that only the findings a test is about are reported.
QUIET = MINIMAL.replace("status: {overall: recruiting}",
                        "status: {overall: recruiting, start: {date: 2026-03, type: estimated}}").replace(
    "design:\n  study_type: interventional\n", """\
design:
  study_type: interventional
  phases: [phase2]
  allocation: na
  model: single_group
  purpose: treatment
  masking: {level: none}
  enrollment: {count: 40, type: estimated}
""") + """\
summary: A trial of a new medicine for liver cancer.
arms:
  - {id: drug, label: New medicine, type: experimental, interventions: [drug]}
interventions:
  - {id: drug, name: New medicine, type: drug}
contacts:
  central: [{name: Study office, phone: +86 10 8778 8888}]
patient:
  purpose: This study tests a new medicine for liver cancer.
"""
# QUIET with the eligibility a registry requires: validates without any finding.
COMPLETE = QUIET + ("eligibility: {sex: all, minimum_age: 18 years, healthy_volunteers: false, "
                    "inclusion: [Liver cancer], exclusion: [Pregnancy]}\n")
