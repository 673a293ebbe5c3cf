"""Item 6 of issue 9: deep nesting is a diagnostic, and a run survives a worker that dies."""

from __future__ import annotations

import io
import os
import signal

import pytest
from conftest import MINIMAL
from run_protocol import no_traceback, protocol

from toolkit import engine
from toolkit.commands import validate
from toolkit.settings import RuleConfig, Selection, ValidateSettings

LEVELS = 25_000
DEEP = {
    "flow lists": "a: " + "[" * LEVELS + "]" * LEVELS + "\n",
    "flow mappings": "a: " + "{a: " * LEVELS + "1" + "}" * LEVELS + "\n",
    "compact lists": "a:\n" + "- " * LEVELS + "x\n",
    "unclosed lists": "a: " + "[" * LEVELS + "\n",
    "block mappings": "".join(" " * i + "k:\n" for i in range(400)) + " " * 400 + "k: 1\n",
}


@pytest.mark.parametrize("name", DEEP)
def test_deep_nesting_is_a_diagnostic_from_the_command(name, tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text(DEEP[name], encoding="utf-8")
    done = protocol("validate", path, timeout=60)
    no_traceback(done)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "YML001 nesting is deeper than 200 levels" in done.stdout


def test_deep_file_in_a_large_folder_does_not_hang_the_pool(tmp_path):
    for i in range(engine.PARALLEL_THRESHOLD + 5):
        (tmp_path / f"p{i:03d}.yaml").write_text(MINIMAL.replace("minimal-trial", f"t{i}"), encoding="utf-8")
    (tmp_path / "p020-deep.yaml").write_text(DEEP["flow lists"], encoding="utf-8")
    done = protocol("validate", tmp_path, "--jobs", "2", timeout=120)
    no_traceback(done)
    assert done.returncode == 1
    assert f"{engine.PARALLEL_THRESHOLD + 6} files checked: 1 error" in done.stdout


def _die_on_crash_files(path, config=RuleConfig()):
    if "crash" in os.path.basename(path):
        os.kill(os.getpid(), signal.SIGKILL)  # as a segfault or the OOM killer would
    return REAL_CHECK_FILE(path, config)


REAL_CHECK_FILE = engine.check_file


def test_a_worker_that_dies_is_reported_and_the_others_are_checked(write, monkeypatch):
    """A worker killed by a crash in C code: the run ends, names the file, exits 2."""
    files = [str(write(MINIMAL.replace("minimal-trial", f"t{i}") + ("summary: TODO\n" if i % 7 == 0 else ""),
                       f"many/p{i:03d}.yaml")) for i in range(100)]
    files[37] = str(write(MINIMAL, "many/p037-crash.yaml"))
    monkeypatch.setattr(engine, "check_file", _die_on_crash_files)  # inherited by the forked workers
    out = io.StringIO()
    status = validate.run(files, ValidateSettings(tuple(files), "text", Selection(), False, 2), out)
    lines = out.getvalue().splitlines()
    assert status == 2
    assert [line for line in lines if "YML009" in line] == [
        f"{files[37]}:1:1: error YML009 the checker's process died while checking this file (a crash in a "
        "library it uses); the file was not checked; please report it with the file"]
    assert lines[-1].startswith("100 files checked")
    assert sum("TXT001" in line for line in lines) == len([i for i in range(100) if i % 7 == 0 and i != 37])


def test_jobs_are_capped_at_the_number_of_files(write, monkeypatch):
    files = [str(write(MINIMAL, f"few/p{i}.yaml")) for i in range(engine.PARALLEL_THRESHOLD)]
    started = []
    real = engine._in_processes
    monkeypatch.setattr(engine, "_in_processes", lambda work, jobs: started.append(jobs) or real(work, jobs))
    list(engine.check_files([(f, RuleConfig()) for f in files], jobs=500))
    assert started == [len(files)]


def test_a_pool_found_broken_while_submitting_loses_no_file(write, monkeypatch):
    """A worker that dies between two results breaks the pool under `submit` itself (seen under
    load: "97 files checked"); the batch being submitted must still be checked."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    files = [str(write(MINIMAL.replace("minimal-trial", f"s{i}"), f"sub/p{i:03d}.yaml")) for i in range(100)]
    real_submit = ProcessPoolExecutor.submit
    calls = []

    def submit_that_breaks_once(pool, *args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise BrokenProcessPool("a worker died")
        return real_submit(pool, *args, **kwargs)

    monkeypatch.setattr(ProcessPoolExecutor, "submit", submit_that_breaks_once)
    checked = [path for path, _ in engine._in_processes([(f, RuleConfig()) for f in files], 2)]
    assert checked == files
