"""`protocol validate`: check files and hand each result to the reporter as it arrives."""

from __future__ import annotations

from typing import TextIO

from toolkit.config import selection_for
from toolkit.engine import Summary, check_files
from toolkit.reporters import REPORTERS
from toolkit.settings import ValidateSettings


def run(files: list[str], settings: ValidateSettings, stream: TextIO) -> int:
    """Validate `files`, report to `stream`, return the exit status.

    Raises SettingsError (before anything is checked) for a bad [tool.protocol] table.
    """
    cli = settings.selection
    work = [(path, selection_for(path, cli.select, cli.ignore)) for path in files]
    reporter = REPORTERS[settings.output_format](stream)
    summary = Summary()
    for name, diagnostics in check_files(work, settings):
        summary.add(diagnostics)
        reporter.file_done(name, diagnostics)
    reporter.finish(summary)
    return summary.exit_code(settings.strict)
