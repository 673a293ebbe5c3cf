"""One JSON document: {"version": 1, "diagnostics": [...], "summary": {...}}."""

from __future__ import annotations

import json

from toolkit.reporters.base import Reporter


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
