"""Item 7 of issue 9: named pipes are refused unread, and unreadable folders are reported."""

from __future__ import annotations

import os

import pytest
from conftest import MINIMAL, PROTOCOLS
from run_protocol import no_traceback, protocol

FIFO_MESSAGE = "this is a named pipe (FIFO), not a regular file; it was not read"


@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    return path


def test_validate_refuses_a_fifo_given_as_a_file(fifo):
    done = protocol("validate", fifo, timeout=30)
    no_traceback(done)
    assert done.returncode == 1
    assert f"{fifo}:1:1: error YML010 {FIFO_MESSAGE}" in done.stdout


def test_validate_reports_a_fifo_inside_a_folder_and_checks_the_rest(fifo, tmp_path):
    (tmp_path / "good.yaml").write_text(MINIMAL, encoding="utf-8")
    done = protocol("validate", tmp_path, timeout=30)
    no_traceback(done)
    assert done.returncode == 1
    assert f"YML010 {FIFO_MESSAGE}" in done.stdout
    assert done.stdout.splitlines()[-1].startswith("2 files checked: 1 error")


def test_render_refuses_a_fifo(fifo):
    done = protocol("render", fifo, "--doc", "registry", "--format", "text", timeout=30)
    no_traceback(done)
    assert done.returncode == 1
    assert FIFO_MESSAGE in done.stderr and done.stdout == ""


def test_import_refuses_a_fifo(fifo, tmp_path):
    done = protocol("import", fifo, "-o", tmp_path / "out", timeout=30)
    no_traceback(done)
    assert done.returncode == 2  # a SOURCE that cannot be read at all
    assert f"{fifo}: not a regular file" in done.stderr
    assert not (tmp_path / "out").exists()


def test_an_unreadable_subfolder_is_an_error_not_a_silent_skip(cli, tmp_path, monkeypatch):
    """Permissions do not stop root (the tests may run as root), so the refusal is simulated
    where the operating system gives it: listing the folder."""
    (tmp_path / "ok.yaml").write_text(MINIMAL, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "trial.yaml").write_text(MINIMAL + "summary: TODO\n", encoding="utf-8")
    real_scandir, real_listdir = os.scandir, os.listdir

    def refuse(real):
        def call(path="."):
            if os.fspath(path) == str(locked):
                raise PermissionError(13, "Permission denied", os.fspath(path))
            return real(path)
        return call

    monkeypatch.setattr(os, "scandir", refuse(real_scandir))
    monkeypatch.setattr(os, "listdir", refuse(real_listdir))
    result = cli("validate", tmp_path)
    assert result.exit_code == 1
    assert (f"{locked}:1:1: error YML010 cannot read this folder: Permission denied; "
            "the protocol files in it were not checked") in result.output
    assert result.output.splitlines()[-1].startswith("2 files checked: 1 error")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder whatever its permissions")
def test_an_unreadable_subfolder_from_the_command(tmp_path):
    (tmp_path / "ok.yaml").write_text(MINIMAL, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "trial.yaml").write_text(MINIMAL, encoding="utf-8")
    locked.chmod(0)
    try:
        done = protocol("validate", tmp_path, timeout=30)
    finally:
        locked.chmod(0o755)
    no_traceback(done)
    assert done.returncode == 1 and "cannot read this folder" in done.stdout


def test_regular_files_still_read(cli):
    assert cli("validate", PROTOCOLS).exit_code == 0
