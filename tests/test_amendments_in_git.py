"""Amendments end to end: a git repository with three versions of an example protocol (an
inserted criterion and a changed endpoint time frame; then a dose change and a reordered
list), checked with `validate --since`, `diff` and `render --doc amendment --since`."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from test_diff import INSERTED, V1, V2, V3

NUMBERED = "language: en\nversion:\n  number: \"{number}\"\n  date: {date}\n"
AMENDMENT = """  amendments:
    - number: "1"
      version: "1.1"
      date: 2025-09-01
      scope: global
      substantial: true
      rationale: Consent is now taken before screening; survival is followed for longer.
      changes:
        - field: eligibility.inclusion
          rationale: Consent before any study procedure, as the ethics committee asked.
"""


def numbered(text: str, number: str, date: str, amendment: str = "") -> str:
    return text.replace("language: en\n", NUMBERED.format(number=number, date=date) + amendment, 1)


# v1 is version 1.0; v2 (criterion inserted, time frame changed) is 1.1 with its amendment
# recorded; v3 changes a dose and swaps two exclusion criteria and is still numbered 1.1.
VERSIONS = {"v1": numbered(V1, "1.0", "2025-06-01"), "v2": numbered(V2, "1.1", "2025-09-01", AMENDMENT),
            "v3": numbered(V3, "1.1", "2025-09-01", AMENDMENT)}


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.email=t@example.org", "-c", "user.name=t", *args], cwd=repo, check=True,
                   capture_output=True)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """protocols/trial.yaml in three commits tagged v1, v2, v3; the working tree is v3."""
    (tmp_path / "protocols").mkdir()
    target = tmp_path / "protocols" / "trial.yaml"
    _git(tmp_path, "init", "-q")
    for tag, text in VERSIONS.items():
        target.write_text(text, encoding="utf-8")
        _git(tmp_path, "add", ".")
        _git(tmp_path, "commit", "-qm", f"version {tag}")
        _git(tmp_path, "tag", tag)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _amd(cli, *args) -> tuple[int, list[dict]]:
    result = cli("validate", *args, "--select", "AMD", "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.output)["diagnostics"]


def test_validate_since_reports_the_unnumbered_dose_change(cli, repo):
    status, found = _amd(cli, "protocols/trial.yaml", "--since", "v2")
    assert status == 0  # warnings
    assert [(d["rule"], d["path"]) for d in found] == [("AMD001", "/version/number")]
    message = found[0]["message"]
    assert "1 change since v2" in message and "interventions[1].dosing[0].dose" in message
    assert "exclusion" not in message  # the swapped criteria are only reordered


def test_validate_since_an_amended_version_is_clean(cli, repo):
    assert _amd(cli, "protocols/trial.yaml", "--since", "v1") == (0, [])


def test_validate_since_the_amendment_must_be_recorded(cli, repo):
    target = repo / "protocols" / "trial.yaml"
    target.write_text(numbered(V2, "1.1", "2025-09-01"), encoding="utf-8")
    _, found = _amd(cli, "protocols/trial.yaml", "--since", "v1")
    assert [d["rule"] for d in found] == ["AMD002"]
    assert "eligibility.inclusion[2]" in found[0]["message"] and "endpoints.primary[0].timeframe" in found[0]["message"]


def test_validate_since_a_number_going_backwards_is_an_error(cli, repo):
    target = repo / "protocols" / "trial.yaml"
    target.write_text(VERSIONS["v3"].replace('number: "1.1"\n  date', 'number: "1.0"\n  date', 1), encoding="utf-8")
    status, found = _amd(cli, "protocols/trial.yaml", "--since", "v2")
    assert status == 1 and "AMD003" in [d["rule"] for d in found]


def test_without_since_the_amendment_rules_do_not_run(cli, repo):
    assert _amd(cli, "protocols/trial.yaml") == (0, [])


def test_a_folder_each_file_against_its_own_path_and_a_new_file_has_nothing_to_compare(cli, repo):
    (repo / "protocols" / "new.yaml").write_text(VERSIONS["v3"], encoding="utf-8")
    sub = repo / "protocols" / "sub"
    sub.mkdir()
    (sub / "trial.yaml").write_text(VERSIONS["v3"], encoding="utf-8")  # not in git at v2 either
    _, found = _amd(cli, "protocols", "--since", "v2")
    assert [(Path(d["file"]).as_posix(), d["rule"]) for d in found] == [("protocols/trial.yaml", "AMD001")]


def test_since_from_another_directory(cli, repo, monkeypatch):
    monkeypatch.chdir(repo / "protocols")
    _, found = _amd(cli, "trial.yaml", "--since", "v2")
    assert [d["rule"] for d in found] == ["AMD001"]


def test_a_bad_revision_exits_2(cli, repo):
    result = cli("validate", "protocols/trial.yaml", "--since", "nosuchrev")
    assert result.exit_code == 2 and "nosuchrev: no such revision" in result.output
    result = cli("validate", "protocols/trial.yaml", "--since", "--help")
    assert result.exit_code == 2


def test_outside_a_repository_exits_2(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "trial.yaml").write_text(VERSIONS["v1"], encoding="utf-8")
    result = cli("validate", "trial.yaml", "--since", "HEAD")
    assert result.exit_code == 2 and "not in a git repository" in result.output and "Traceback" not in result.output


def test_diff_of_the_three_versions(cli, repo):
    result = cli("diff", "v1:protocols/trial.yaml", "protocols/trial.yaml", "--format", "json")
    changes = json.loads(result.output)["changes"]
    fields = sorted(c["field"] for c in changes if c["kind"] != "moved")
    assert fields == ["eligibility.inclusion[2]", "endpoints.primary[0].timeframe", "interventions[1].dosing[0].dose",
                      "version.amendments", "version.date", "version.number"]
    assert any(c["kind"] == "added" and c["new"] == INSERTED.strip()[2:] for c in changes)
