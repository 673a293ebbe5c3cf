"""A protocol file as git holds it at an earlier revision: what `validate --since REV` and
`render --doc amendment --since REV` compare the file with.

Git runs in the file's own folder, so a file is read from the repository it belongs to, with
the path it has there (`REV:./name`), whatever the current directory is.
"""

from __future__ import annotations

import functools
import os
import subprocess
from dataclasses import dataclass

GIT_TIMEOUT = 60  # seconds; a repository on a network share can be slow, never this slow


class RevisionError(Exception):
    """The revision cannot be read at all (not a repository, no such revision, no git): the
    command cannot run (exit status 2)."""


@dataclass(frozen=True)
class Before:
    """The file at `revision`: its data; None when the file is not in git at that revision (new
    since then). `problem` says why the version at `revision` could not be read (broken YAML),
    and then there is no data either."""

    revision: str
    data: dict | None
    problem: str | None = None

    @property
    def exists(self) -> bool:
        return self.data is not None


def before(path: str, revision: str) -> Before:
    """`path` (a file on disk) as git holds it at `revision`. Raises RevisionError."""
    folder, name = os.path.split(os.path.abspath(path))
    verify(revision, folder)
    raw = _show(folder, revision, name)
    if raw is None:
        return Before(revision, None)
    return from_bytes(raw, f"{revision}:{path}", revision)


def from_bytes(raw: bytes, name: str, revision: str) -> Before:
    """The earlier version read from its bytes, as the loader reads any protocol."""
    from toolkit.document.load import load_bytes

    loaded = load_bytes(raw, name)
    if loaded.document is None:
        first = loaded.diagnostics[0]
        return Before(revision, None, f"{first.line}:{first.column}: {first.rule} {first.message}")
    return Before(revision, loaded.document.data)


@functools.cache
def verify(revision: str, folder: str) -> None:
    """Raise RevisionError unless `revision` names a commit of the repository `folder` is in."""
    if not revision or revision.startswith("-"):
        raise RevisionError(f"{revision!r}: not a git revision")
    done = _git(folder, ["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"])
    if done.returncode != 0:
        inside = _git(folder, ["rev-parse", "--git-dir"])
        if inside.returncode != 0:
            raise RevisionError(f"{folder}: not in a git repository, so --since {revision} has nothing to compare with")
        raise RevisionError(f"{revision}: no such revision in the git repository of {folder}")


def _show(folder: str, revision: str, name: str) -> bytes | None:
    """The file's bytes at `revision`, or None when it is not there."""
    where = f"{revision}:./{name}"
    if _git(folder, ["cat-file", "-e", where]).returncode != 0:
        return None
    done = _git(folder, ["show", where])
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RevisionError(f"{where}: git cannot read it: {reason[0] if reason else 'unknown error'}")
    return done.stdout


def _git(folder: str, arguments: list[str]) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", "-C", folder, *arguments], capture_output=True, timeout=GIT_TIMEOUT,
                              check=False)
    except FileNotFoundError:
        raise RevisionError("git is not installed; --since needs git") from None
    except subprocess.TimeoutExpired:
        raise RevisionError(f"git did not answer within {GIT_TIMEOUT} s in {folder}") from None
