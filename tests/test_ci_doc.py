"""docs/ci.md: the pull-request workflow's script (ci/amendments.sh) is run as the page shows it,
on a repository with a base branch and three kinds of pull request."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import PROTOCOLS, ROOT

PAGE = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
SCRIPT = re.search(r"<!-- ci/amendments.sh: run by tests/test_ci_doc.py -->\n```sh\n(.*?)```", PAGE, re.S).group(1)
WORKFLOW = re.search(r"```yaml\n(# \.github/workflows/amendments\.yml\n.*?)```", PAGE, re.S).group(1)

NCT = "NCT07063888"
ORIGINAL = (PROTOCOLS / f"{NCT}.yaml").read_text(encoding="utf-8").replace(
    "language: en\n", 'language: en\nversion:\n  number: "1.0"\n  date: 2025-06-01\n', 1)
AMENDED_VERSION = '''version:
  number: "1.1"
  date: 2025-09-01
  amendments:
    - number: "1"
      version: "1.1"
      date: 2025-09-01
      scope: global
      substantial: true
      rationale: Hand-foot syndrome at 1600 mg/m² in the first patients.
      changes:
        - field: interventions
          rationale: Lower capecitabine dose after hand-foot syndrome.
'''
LOWER_DOSE = ORIGINAL.replace("        dose: 1600 mg/m²", "        dose: 1250 mg/m²", 1)
AMENDED = LOWER_DOSE.replace('version:\n  number: "1.0"\n  date: 2025-06-01\n', AMENDED_VERSION, 1)
CRITERION = "    - Signed informed consent before any study procedure\n"
# a criterion is in the registry record (a dose is not: the record has no place for dosing)
WITH_CRITERION = AMENDED.replace("    - Postoperative pathology confirmed intrahepatic cholangiocarcinoma\n",
                                 CRITERION + "    - Postoperative pathology confirmed intrahepatic cholangiocarcinoma\n", 1)
assert LOWER_DOSE != ORIGINAL and AMENDED != LOWER_DOSE and CRITERION in WITH_CRITERION


def test_the_workflow_runs_the_script_and_posts_its_summary():
    workflow = yaml.safe_load(WORKFLOW)
    steps = workflow["jobs"]["amendments"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert any(run.startswith("sh ci/amendments.sh ") for run in runs)
    assert any("gh pr comment" in run and "--body-file amendment-summary.md" in run for run in runs)
    assert steps[0]["with"]["fetch-depth"] == 0 and workflow["permissions"]["pull-requests"] == "write"


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-c", "user.email=t@example.org", "-c", "user.name=t", *args], cwd=repo,
                          check=True, capture_output=True, text=True)
    return done.stdout


def _export(repo: Path) -> None:
    done = subprocess.run([_protocol(), "export", f"protocols/{NCT}.yaml", "--to", "ctgov-json",
                           "-o", f"registry/{NCT}.json", "--force"], cwd=repo, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def _protocol() -> str:
    found = shutil.which("protocol", path=str(Path(sys.executable).parent))
    assert found, "the protocol command is installed next to the test interpreter"
    return found


@pytest.fixture
def repo(tmp_path):
    """A protocol repository: main holds the protocol (version 1.0) and its registry record;
    origin/main points at it, as in a pull request's checkout; the work happens on a branch."""
    (tmp_path / "protocols").mkdir()
    (tmp_path / "registry").mkdir()
    (tmp_path / "ci").mkdir()
    (tmp_path / "ci" / "amendments.sh").write_text(SCRIPT, encoding="utf-8")
    (tmp_path / "protocols" / f"{NCT}.yaml").write_text(ORIGINAL, encoding="utf-8")
    _git(tmp_path, "init", "-q", "-b", "main")
    _export(tmp_path)
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "the registered protocol")
    _git(tmp_path, "update-ref", "refs/remotes/origin/main", "main")
    _git(tmp_path, "checkout", "-q", "-b", "pull-request")
    return tmp_path


def _pull_request(repo: Path, text: str, export: bool) -> tuple[int, str]:
    (repo / "protocols" / f"{NCT}.yaml").write_text(text, encoding="utf-8")
    if export:
        _export(repo)
    _git(repo, "commit", "-qam", "the pull request")
    environment = {**os.environ, "PATH": f"{Path(_protocol()).parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(["sh", "ci/amendments.sh", "origin/main"], cwd=repo, capture_output=True, text=True,
                          env=environment, timeout=300)
    summary = (repo / "amendment-summary.md").read_text(encoding="utf-8")
    return done.returncode, summary + done.stdout + done.stderr


def test_an_amended_protocol_with_its_record_updated_passes(repo):
    status, output = _pull_request(repo, AMENDED, export=True)
    assert status == 0, output
    assert "## Summary of changes" in output or "# Summary of changes" in output
    assert ("| 6.3 Administration of Trial Intervention | Intervention “Capecitabine” › dosing 1 › dose: "
            "“1600 mg/m²” → “1250 mg/m²” | Lower capecitabine dose after hand-foot syndrome. |") in output
    assert "AMD" not in output and "DIF00" not in output


def test_a_registry_record_left_behind_fails(repo):
    status, output = _pull_request(repo, WITH_CRITERION, export=False)
    assert status == 1, output
    drift = output[output.index(f"## Changes from `protocols/{NCT}.yaml` to `registry/{NCT}.json`"):]
    table = [line for line in drift.splitlines() if line.startswith("| 5")]
    assert table == [f"| 5.2 Inclusion Criteria | removed | `eligibility.inclusion[2]` | {CRITERION.strip()[2:]} |  |"], drift
    assert "AMD0" not in output


def test_a_change_without_a_new_version_fails(repo):
    status, output = _pull_request(repo, LOWER_DOSE, export=True)
    assert status == 1
    assert "AMD001" in output and 'version.number is still "1.0"' in output
