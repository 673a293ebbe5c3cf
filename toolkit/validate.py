"""`protocol validate`: check files and hand each result to the reporter as it arrives."""

from __future__ import annotations

from typing import TextIO

from toolkit.engine import Summary, check_files
from toolkit.reporters import REPORTERS
from toolkit.settings import ValidateSettings


def run(files: list[str], settings: ValidateSettings, stream: TextIO) -> int:
    """Validate `files`, report to `stream`, return the exit status."""
    reporter = REPORTERS[settings.output_format](stream)
    summary = Summary()
    for name, diagnostics in check_files(files, settings):
        summary.add(diagnostics)
        reporter.file_done(name, diagnostics)
    reporter.finish(summary)
    return summary.exit_code(settings.strict)
