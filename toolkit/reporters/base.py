"""What every reporter is: it receives each file's diagnostics as they arrive, then the summary."""

from __future__ import annotations

import os
from typing import TextIO

from toolkit.diagnostics import Diagnostic


class Reporter:
    """Receives each file's diagnostics as they arrive, then the summary."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def file_done(self, name: str, diagnostics: list[Diagnostic]) -> None:
        raise NotImplementedError

    def finish(self, summary) -> None:
        raise NotImplementedError


def relative_path(path: str) -> str:
    """Repository-relative POSIX path, so that annotations land on the pull request's diff."""
    absolute = os.path.abspath(path)
    root = os.environ.get("GITHUB_WORKSPACE") or os.getcwd()
    try:
        relative = os.path.relpath(absolute, root)
    except ValueError:
        return path.replace(os.sep, "/")
    return (path if relative.startswith("..") else relative).replace(os.sep, "/")
