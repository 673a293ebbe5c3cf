"""SARIF 2.1.0 as GitHub code scanning reads it."""

from __future__ import annotations

import hashlib
import json

from toolkit import __version__
from toolkit.diagnostics import Diagnostic
from toolkit.reporters.base import Reporter, relative_path
from toolkit.rules import REGISTRY

LEVELS = {"error": "error", "warning": "warning", "info": "note"}
INFORMATION_URI = "https://github.com/protocol-toolkit/protocol"


def document(diagnostics: list[Diagnostic]) -> dict:
    codes = sorted({d.rule for d in diagnostics} | set(REGISTRY))
    index = {code: i for i, code in enumerate(codes)}
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "protocol",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [_rule(code) for code in codes],
            }},
            "results": [_result(d, index) for d in diagnostics],
            "columnKind": "unicodeCodePoints",
        }],
    }


def _rule(code: str) -> dict:
    rule = REGISTRY.get(code)
    if rule is None:  # a code reported without a registry entry (should not happen)
        return {"id": code, "shortDescription": {"text": code}, "fullDescription": {"text": code},
                "help": {"text": code}}
    return {
        "id": code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.doc},
        "help": {"text": rule.doc, "markdown": rule.doc},
        "defaultConfiguration": {"level": LEVELS[rule.severity.value]},
        "properties": {"tags": [rule.family]},
    }


def _result(d: Diagnostic, index: dict) -> dict:
    uri = relative_path(d.file)
    fingerprint = hashlib.sha256(f"{uri}|{d.rule}|{d.path}|{d.message}".encode()).hexdigest()
    result = {
        "ruleId": d.rule,
        "ruleIndex": index[d.rule],
        "level": LEVELS[d.severity.value],
        "message": {"text": d.message},
        "locations": [_location(uri, d.line, d.column, d.path)],
        "partialFingerprints": {"protocolFinding/v1": fingerprint},
    }
    if d.related:
        result["relatedLocations"] = [
            {"id": number, **_location(uri, line, column, path)}
            for number, (line, column, path) in enumerate(d.related, start=1)
        ]
    return result


def _location(uri: str, line: int, column: int, path: str) -> dict:
    return {"physicalLocation": {
        "artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": line, "startColumn": column},
    }, "logicalLocations": [{"fullyQualifiedName": path or "/", "kind": "member"}]}


class SarifReporter(Reporter):
    """SARIF 2.1.0 for GitHub code scanning: the rules with their documentation, and results
    with repository-relative locations and stable fingerprints."""

    def __init__(self, stream):
        super().__init__(stream)
        self.results: list[Diagnostic] = []

    def file_done(self, name, diagnostics):
        self.results.extend(diagnostics)

    def finish(self, summary):
        json.dump(document(self.results), self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")
