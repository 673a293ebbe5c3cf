"""Issue 9, item 17: `make check` / `make test` set up with scripts/setup, which installs the
system packages PDF rendering needs. Validation needs none of them, so when they cannot be
installed (not root and no sudo, sudo refused, apt-get failing, no apt-get) the script warns
and goes on. Run here against stand-ins for id, dpkg-query, apt-get and sudo, in a copy of
the script whose virtual environment is already set up, so nothing is installed for real."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from conftest import ROOT

TOOLS = ("bash", "dirname", "grep", "env", "touch", "cat")


def _stub(folder, name, body):
    path = folder / name
    path.write_text("#!/bin/bash\n" + body + "\n")
    path.chmod(0o755)


@pytest.fixture
def machine(tmp_path):
    """A copy of the script, an up-to-date .venv stand-in, and a PATH of only what is given."""
    repo = tmp_path / "repo"
    (repo / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "setup", repo / "scripts" / "setup")
    (repo / "pyproject.toml").write_text("")
    (repo / ".venv" / "bin").mkdir(parents=True)
    _stub(repo / ".venv" / "bin", "python", "exit 0")
    stamp = repo / ".venv" / ".installed"
    stamp.touch()
    os.utime(repo / "pyproject.toml", (0, 0))  # older than the stamp: no pip run
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    for tool in TOOLS:
        os.symlink(shutil.which(tool), bin_ / tool)
    log = tmp_path / "calls.log"
    _stub(bin_, "dpkg-query", "exit 1")  # every package missing

    def run(uid: int, apt_get: str | None = "exit 0", sudo: str | None = None):
        _stub(bin_, "id", f'[ "$1" = -u ] && echo {uid} || echo "uid={uid}"')
        for name, body in (("apt-get", apt_get), ("sudo", sudo)):
            (bin_ / name).unlink(missing_ok=True)
            if body is not None:
                _stub(bin_, name, f'echo "{name} $*" >> {log}\n{body}')
        log.unlink(missing_ok=True)
        result = subprocess.run(["bash", repo / "scripts" / "setup"], env={"PATH": str(bin_)},
                                capture_output=True, text=True, timeout=60)
        calls = log.read_text().splitlines() if log.exists() else []
        return result, calls

    return run


def test_not_root_and_no_sudo_warns_and_goes_on(machine):
    result, calls = machine(uid=1000)
    assert result.returncode == 0, result.stderr
    assert "warning: not installing" in result.stderr and "not root, and no sudo" in result.stderr
    assert "Validation works without them" in result.stderr
    assert calls == []


def test_sudo_refused_warns_and_goes_on(machine):
    result, calls = machine(uid=1000, sudo='echo "sudo: a password is required" >&2; exit 1')
    assert result.returncode == 0, result.stderr
    assert "apt-get failed" in result.stderr
    assert calls == ["sudo apt-get update -qq"]


def test_apt_get_failing_as_root_warns_and_goes_on(machine):
    result, calls = machine(uid=0, apt_get="exit 100")
    assert result.returncode == 0, result.stderr
    assert "apt-get failed" in result.stderr


def test_no_apt_get_warns_and_goes_on(machine):
    result, calls = machine(uid=0, apt_get=None)
    assert result.returncode == 0 and "no apt-get" in result.stderr


def test_root_installs_what_is_missing(machine):
    result, calls = machine(uid=0)
    assert result.returncode == 0 and "warning" not in result.stderr
    assert calls[0] == "apt-get update -qq"
    assert calls[1].startswith("apt-get install -y -qq --no-install-recommends libpango-1.0-0")


def test_sudo_is_used_when_not_root(machine):
    result, calls = machine(uid=1000, sudo='"$@"')
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    assert calls[0] == "sudo apt-get update -qq" and calls[1] == "apt-get update -qq"
    assert calls[2].startswith("sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y")
