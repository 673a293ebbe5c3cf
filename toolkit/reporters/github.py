"""GitHub Actions workflow commands."""

from __future__ import annotations

from toolkit.reporters.base import Reporter, relative_path
from toolkit.reporters.text import TextReporter


def _escape_data(text: str) -> str:
    """GitHub workflow-command message escaping (actions/toolkit command.ts)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    """GitHub Actions workflow commands: one annotation per finding, then a summary line.

    GitHub shows at most 10 errors and 10 warnings per step as annotations; every finding is
    also in the log, and the summary line says how many there are.
    """

    LEVELS = {"error": "error", "warning": "warning", "info": "notice"}

    def file_done(self, name, diagnostics):
        for d in diagnostics:
            title = _escape_property(f"{d.rule} {_rule_name(d.rule)}".strip())
            self.stream.write(
                f"::{self.LEVELS[d.severity.value]} file={_escape_property(relative_path(d.file))},line={d.line},"
                f"col={d.column},title={title}::{_escape_data(d.message)}\n"
            )

    def finish(self, summary):
        TextReporter(self.stream).finish(summary)


def _rule_name(code: str) -> str:
    from toolkit.rules import REGISTRY

    return REGISTRY[code].name if code in REGISTRY else ""
