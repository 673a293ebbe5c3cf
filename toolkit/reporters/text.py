"""`file:line:col: severity CODE message`, one line per finding, then a summary line."""

from __future__ import annotations

from toolkit.reporters.base import Reporter


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
