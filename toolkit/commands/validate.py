"""`protocol validate`: check files and hand each result to the reporter as it arrives."""

from __future__ import annotations

from dataclasses import replace
from typing import TextIO

from toolkit.commands.progress import progress
from toolkit.config import config_for
from toolkit.engine import Summary, check_files
from toolkit.reporters import REPORTERS
from toolkit.settings import ValidateSettings


def run(files: list[str], settings: ValidateSettings, stream: TextIO) -> int:
    """Validate `files`, report to `stream`, return the exit status.

    Raises SettingsError (before anything is checked) for a bad [tool.protocol] table, and
    RevisionError for a --since revision git cannot read.
    """
    work = [(path, config_for(path, settings.selection)) for path in files]
    if settings.since is not None:
        work = _with_earlier_versions(work, settings.since)
    reporter = REPORTERS[settings.output_format](stream)
    summary = Summary()
    results = check_files(work, settings.jobs)
    with progress(len(work), "checking") as bar:
        for name, diagnostics in results:
            summary.add(diagnostics)
            reporter.file_done(name, diagnostics)
            if bar:
                bar.update(1)
    reporter.finish(summary)
    return summary.exit_code(settings.strict)



def _with_earlier_versions(work: list, revision: str) -> list:
    """Each file's configuration with the file as git holds it at `revision` (read here, before
    anything is reported, so that a revision git cannot read stops the run with status 2)."""
    from toolkit.document.since import before

    return [(path, replace(config, before=before(path, revision))) for path, config in work]
