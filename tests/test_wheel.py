"""Issue 9, item 13: what `pip install .` (and the GitHub Action, which installs that way)
gets must render. The wheel is built from the checkout and installed into a fresh virtual
environment, which sees the test environment's dependencies but not the checkout; the
`protocol` command it installs then runs from a folder outside the checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile

import pytest
from conftest import PROTOCOLS, ROOT

TIMEOUT = 180


def _run(*args, cwd=None, env=None):
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT)


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(wheel, bin folder) of the built wheel installed in a new venv."""
    tmp = tmp_path_factory.mktemp("wheel")
    built = _run(sys.executable, "-m", "pip", "wheel", ROOT, "--no-deps", "--no-build-isolation", "--quiet",
                 "--disable-pip-version-check", "-w", tmp / "dist")
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp / "dist").glob("protocol_toolkit-*.whl")
    venv = tmp / "venv"
    assert _run(sys.executable, "-m", "venv", "--without-pip", venv).returncode == 0
    site = _run(venv / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip()
    # the dependencies, from the environment running the tests; a path listed in a .pth file is
    # not itself a site folder, so the editable install of the checkout found there stays inert
    (tmp / site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    install = _run(sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install", "--no-deps",
                   "--no-index", "--quiet", "--disable-pip-version-check", wheel)
    assert install.returncode == 0, install.stderr
    return wheel, venv / "bin"


@pytest.fixture
def elsewhere(tmp_path):
    """A folder outside the checkout holding one example protocol, and a clean environment."""
    shutil.copy(PROTOCOLS / "NCT04361331.yaml", tmp_path / "trial.yaml")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return tmp_path, env


def test_wheel_carries_templates_and_schema(installed):
    names = zipfile.ZipFile(installed[0]).namelist()
    templates = {os.path.basename(n) for n in names if n.startswith("toolkit/_data/templates/")}
    assert {"registry.html.j2", "summary.html.j2", "protocol.html.j2", "base.html.j2"} <= templates
    assert {path.name for path in (ROOT / "templates").iterdir() if path.is_file()} <= templates
    assert "toolkit/_data/schemas/protocol.schema.json" in names


def test_installed_package_is_the_wheel_not_the_checkout(installed, elsewhere):
    folder, env = elsewhere
    where = _run(installed[1] / "python", "-c", "import toolkit, toolkit.resources as r; "
                 "print(toolkit.__file__); print(r.data_dir('templates'))", cwd=folder, env=env)
    assert where.returncode == 0, where.stderr
    module, templates = where.stdout.split()
    assert not module.startswith(str(ROOT)) and not templates.startswith(str(ROOT))
    assert str(installed[1].parent) in module


@pytest.mark.parametrize("fmt", ["text", "html", "pdf"])
def test_installed_command_renders_outside_the_checkout(installed, elsewhere, fmt):
    folder, env = elsewhere
    result = _run(installed[1] / "protocol", "render", "trial.yaml", "--doc", "registry", "--format", fmt,
                  "-o", f"out.{fmt}", cwd=folder, env=env)
    assert result.returncode == 0, result.stderr
    content = (folder / f"out.{fmt}").read_bytes()
    assert content.startswith(b"%PDF-") if fmt == "pdf" else b"Toripalimab" in content


def test_installed_command_validates_outside_the_checkout(installed, elsewhere):
    folder, env = elsewhere
    result = _run(installed[1] / "protocol", "validate", "trial.yaml", cwd=folder, env=env)
    assert result.returncode == 0 and "1 file checked" in result.stdout, result.stdout + result.stderr
    from_checkout = _run(sys.executable, "-m", "toolkit", "validate", "trial.yaml", cwd=folder,
                         env={**env, "PYTHONPATH": str(ROOT)})
    assert result.stdout == from_checkout.stdout
