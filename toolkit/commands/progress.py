"""The progress bar of long runs (validate, import, audit): on a terminal only."""

from __future__ import annotations

import os
import sys
from contextlib import nullcontext

PROGRESS_FROM = 200  # items; smaller runs finish before a bar is worth drawing


def progress(total: int, label: str):
    """A progress bar on stderr for long runs at a terminal; never in CI logs or pipes."""
    interactive = sys.stderr.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"
    if total < PROGRESS_FROM or not interactive:
        return nullcontext(None)
    import click

    return click.progressbar(length=total, label=label, file=sys.stderr, show_pos=True)
