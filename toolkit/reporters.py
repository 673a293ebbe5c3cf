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


REPORTERS: dict[str, type[Reporter]] = {
    "text": TextReporter,
    "json": JsonReporter,
}
