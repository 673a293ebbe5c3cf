"""A tiny harness: run one rule on a YAML snippet merged into a valid minimal protocol."""

from __future__ import annotations

from toolkit.document.load import load_bytes
from toolkit.engine import check_document
from toolkit.settings import RuleConfig, Selection

BASE = """\
schema_version: 1
id: t
title: {brief: A trial}
"""


def findings(body: str, code: str, base: str = BASE, **options) -> list[tuple[int, str]]:
    """(line, message) of every `code` finding in BASE + body (lines count from the snippet's first line as 1).

    Keyword arguments set the rule's options, as [tool.protocol.rules.CODE] would.
    """
    text = base + body
    if "design:" not in body:
        text += "design: {study_type: interventional}\n"
    loaded = load_bytes(text.encode("utf-8"), "t.yaml")
    assert loaded.document is not None, loaded.diagnostics
    found = check_document(loaded.document, RuleConfig(Selection(select=("SCH", code)), options={code: options}))
    schema_errors = [d for d in found if d.rule.startswith("SCH")]
    assert not schema_errors, schema_errors
    offset = base.count("\n")
    return [(d.line - offset, d.message) for d in found if d.rule == code]


def lines(body: str, code: str, **options) -> list[int]:
    return [line for line, _ in findings(body, code, **options)]
