"""The toolkit used from another repository: the pre-commit hook on a real git repository."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import MINIMAL, ROOT

BIN = Path(sys.executable).parent  # git is required by the project; pre-commit comes with the test extras


def git(repo, *args):
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t"}
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=env)


@pytest.fixture
def repo(tmp_path):
    path = tmp_path / "trials"
    path.mkdir()
    git(path, "init", "-q")
    (path / "protocols").mkdir()
    (path / "protocols" / "trial.yaml").write_text(MINIMAL)
    (path / ".github").mkdir()
    (path / ".github" / "ci.yaml").write_text("not: [a protocol\n")  # outside protocols/: not checked
    hook = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())[0]
    # Our hook as published, run with the toolkit already installed here (`language: system`)
    # instead of pre-commit building its own environment from the network.
    local = {**hook, "language": "system", "entry": f"{BIN / 'protocol'} validate"}
    config = {"repos": [{"repo": "local", "hooks": [local]}]}
    (path / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    return path


def run_hooks(repo):
    env = {**os.environ, "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home")}
    return subprocess.run([str(BIN / "pre-commit"), "run", "--all-files"], cwd=repo, capture_output=True,
                          text=True, env=env, timeout=300)


def test_hook_passes_a_clean_repository(repo):
    git(repo, "add", "-A")
    done = run_hooks(repo)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "protocol validate" in done.stdout and "Passed" in done.stdout


def test_hook_fails_on_a_contradiction_and_points_at_it(repo):
    bad = MINIMAL + "eligibility:\n  minimum_age: 18 years\n  maximum_age: 17 years\n"
    (repo / "protocols" / "trial.yaml").write_text(bad)
    git(repo, "add", "-A")
    done = run_hooks(repo)
    assert done.returncode == 1
    assert "protocols/trial.yaml:" in done.stdout and "AGE001" in done.stdout


def test_hook_definition():
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "protocol-validate" and hook["language"] == "python"
    assert hook["entry"] == "protocol validate"


def test_drift_check_in_a_repository_that_commits_rendered_records(repo):
    """A protocol repository commits its rendered record; CI runs `render --check` on every change."""
    protocol, record = repo / "protocols" / "trial.yaml", repo / "docs" / "trial.registry.md"
    render = [str(BIN / "protocol"), "render", str(protocol), "--doc", "registry", "--format", "markdown", "-o", str(record)]
    assert subprocess.run(render, cwd=repo, capture_output=True).returncode == 0
    git(repo, "add", "-A")
    assert git(repo, "commit", "-qm", "protocol and its record").returncode == 0
    assert subprocess.run([*render, "--check"], cwd=repo, capture_output=True).returncode == 0

    protocol.write_text(protocol.read_text().replace("A minimal trial", "A minimal trial, amended"))
    git(repo, "commit", "-qam", "amend the title, forget the record")
    drift = subprocess.run([*render, "--check"], cwd=repo, capture_output=True, text=True)
    assert drift.returncode == 1
    assert "+# A minimal trial, amended" in drift.stdout
    assert git(repo, "status", "--porcelain").stdout == "", "--check leaves the working tree alone"
