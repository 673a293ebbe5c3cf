"""JUnit XML that Jenkins, GitLab and GitHub test reporters accept."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

from toolkit.diagnostics import Diagnostic
from toolkit.reporters.base import Reporter


def document(files: list[tuple[str, list[Diagnostic]]]) -> str:
    root = ElementTree.Element("testsuites", name="protocol validate")
    total = failed = 0
    for name, diagnostics in files:
        suite = ElementTree.SubElement(root, "testsuite", name=name)
        failures = [d for d in diagnostics if d.severity.value in ("error", "warning")]
        cases = 0
        if not failures:
            ElementTree.SubElement(suite, "testcase", classname=name, name="protocol is consistent", file=name)
            cases = 1
        seen: dict[str, int] = {}
        for d in failures:
            base = f"{d.rule} line {d.line} column {d.column}"
            seen[base] = seen.get(base, 0) + 1
            case_name = base if seen[base] == 1 else f"{base} ({seen[base]})"
            case = ElementTree.SubElement(suite, "testcase", classname=name, name=case_name, file=name, line=str(d.line))
            failure = ElementTree.SubElement(case, "failure", message=d.message, type=d.severity.value)
            failure.text = f"{d.file}:{d.line}:{d.column}: {d.severity.value} {d.rule} {d.message}"
            cases += 1
        suite.set("tests", str(cases))
        suite.set("failures", str(len(failures)))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        total += cases
        failed += len(failures)
    root.set("tests", str(total))
    root.set("failures", str(failed))
    root.set("errors", "0")
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n"


class JunitReporter(Reporter):
    """JUnit XML: one test suite per file, one passing test case for a clean file, one failed
    test case per finding (names unique, as GitLab collapses duplicates)."""

    def __init__(self, stream):
        super().__init__(stream)
        self.files: list[tuple[str, list[Diagnostic]]] = []

    def file_done(self, name, diagnostics):
        self.files.append((name, diagnostics))

    def finish(self, summary):
        self.stream.write(document(self.files))
