"""Run the installed `protocol` command as a user (or CI) would: a real process, a time limit."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = os.path.join(os.path.dirname(sys.executable), "protocol")


def protocol(*args, timeout: float = 60, **kwargs) -> subprocess.CompletedProcess:
    """`protocol ARGS`; a hang fails the test (TimeoutExpired) instead of hanging the suite."""
    kwargs.setdefault("capture_output", True)
    kwargs.setdefault("text", True)
    kwargs.setdefault("stdin", subprocess.DEVNULL)
    return subprocess.run([SCRIPT, *map(str, args)], timeout=timeout, **kwargs)


def no_traceback(done: subprocess.CompletedProcess) -> None:
    output = (done.stdout or "") + (done.stderr or "")
    assert "Traceback" not in output, output[-3000:]
    assert done.returncode >= 0, f"killed by signal {-done.returncode}"
