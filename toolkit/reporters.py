"""Output formats for `protocol validate`. Reporters only format; they decide nothing."""

from __future__ import annotations

import json
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


class TextReporter(Reporter):
    """`file:line:col: severity CODE message`, one per line, then a summary line."""

    def file_done(self, name, diagnostics):
        for d in diagnostics:
            self.stream.write(f"{d.file}:{d.line}:{d.column}: {d.severity.value} {d.rule} {d.message}\n")

    def finish(self, summary):
        files = f"{summary.files} file{'s' if summary.files != 1 else ''}"
        if not (summary.errors or summary.warnings or summary.infos):
            self.stream.write(f"{files} checked: no problems found\n")
            return
        counts = ", ".join(
            f"{n} {word}{'s' if n != 1 else ''}"
            for n, word in ((summary.errors, "error"), (summary.warnings, "warning"), (summary.infos, "info"))
        )
        self.stream.write(f"{files} checked: {counts}\n")


class JsonReporter(Reporter):
    """One JSON document: {"version": 1, "diagnostics": [...], "summary": {...}}."""

    def __init__(self, stream):
        super().__init__(stream)
        self.diagnostics: list[dict] = []

    def file_done(self, name, diagnostics):
        self.diagnostics.extend(d.as_dict() for d in diagnostics)

    def finish(self, summary):
        document = {"version": 1, "diagnostics": self.diagnostics, "summary": summary.as_dict()}
        json.dump(document, self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")


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


def relative_path(path: str) -> str:
    """Repository-relative POSIX path, so that annotations land on the pull request's diff."""
    import os

    absolute = os.path.abspath(path)
    root = os.environ.get("GITHUB_WORKSPACE") or os.getcwd()
    try:
        relative = os.path.relpath(absolute, root)
    except ValueError:
        return path.replace(os.sep, "/")
    return (path if relative.startswith("..") else relative).replace(os.sep, "/")


class SarifReporter(JsonReporter):
    """SARIF 2.1.0 for GitHub code scanning: the rules with their documentation, and results
    with repository-relative locations and stable fingerprints."""

    def __init__(self, stream):
        super().__init__(stream)
        self.results: list[Diagnostic] = []

    def file_done(self, name, diagnostics):
        self.results.extend(diagnostics)

    def finish(self, summary):
        from toolkit.sarif import document

        json.dump(document(self.results), self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")


class JunitReporter(Reporter):
    """JUnit XML: one test suite per file, one passing test case for a clean file, one failed
    test case per finding (names unique, as GitLab collapses duplicates)."""

    def __init__(self, stream):
        super().__init__(stream)
        self.files: list[tuple[str, list[Diagnostic]]] = []

    def file_done(self, name, diagnostics):
        self.files.append((name, diagnostics))

    def finish(self, summary):
        from toolkit.junit import document

        self.stream.write(document(self.files))


REPORTERS: dict[str, type[Reporter]] = {
    "text": TextReporter,
    "json": JsonReporter,
    "github": GithubReporter,
    "sarif": SarifReporter,
    "junit": JunitReporter,
}
