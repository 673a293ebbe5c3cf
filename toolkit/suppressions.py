"""Inline suppressions: `# protocol: ignore[AGE002]` on the line of the finding.

A suppression silences the listed codes on its own line only. One that silences nothing is
reported (NOQ001), so stale suppressions do not pile up. A former code (a rule's alias)
silences the code or codes that replaced it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

import yaml

from toolkit.diagnostics import Diagnostic, Severity
from toolkit.document.load import editor_position
from toolkit.rules import ALIASES, REGISTRY, canonical

_COMMENT = re.compile(r"#\s*protocol:\s*ignore\[([^\]]*)\]", re.IGNORECASE)
UNUSED = "NOQ001"
UNKNOWN = "NOQ002"


@dataclass
class Suppression:
    line: int
    column: int
    codes: tuple[str, ...]


def find(text: str) -> list[Suppression]:
    """The suppressions written as YAML comments; the same words inside a quoted text or a
    block scalar are part of that value, not a suppression."""
    found = []
    candidates = list(_COMMENT.finditer(text))
    spans = _scalar_spans(text) if candidates else []
    starts = [start for start, _ in spans]
    for match in candidates:
        before = bisect_right(starts, match.start()) - 1
        if before >= 0 and match.start() < spans[before][1]:
            continue  # inside a scalar's text
        codes = tuple(c.strip().upper() for c in match.group(1).split(",") if c.strip())
        line, column = editor_position(text, match.start())
        found.append(Suppression(line, column, codes))
    return found


def _scalar_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of every scalar (keys and values) in the token stream."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return [(token.start_mark.index, token.end_mark.index)
                for token in yaml.scan(text, Loader=loader) if isinstance(token, yaml.ScalarToken)]
    except yaml.YAMLError:  # the loader reports the syntax error; nothing is silenced
        return [(0, len(text))]


def apply(file: str, text: str, diagnostics: list[Diagnostic], enabled) -> list[Diagnostic]:
    """Drop suppressed diagnostics; add one for each suppression code that silenced nothing."""
    suppressions = find(text) if "protocol:" in text else []
    if not suppressions:
        return diagnostics
    by_line = {s.line: s for s in suppressions}
    used: set[tuple[int, str]] = set()
    kept = []
    for d in diagnostics:
        hit = by_line.get(d.line)
        code = next((c for c in hit.codes if _silences(c, d.rule)), None) if hit else None
        if code and not d.rule.startswith("YML"):
            used.add((d.line, code))
        else:
            kept.append(d)
    for s in suppressions:
        for code in s.codes:
            if code not in REGISTRY and code not in ALIASES and not any(r.startswith(code) for r in REGISTRY):
                kept.append(Diagnostic(file, s.line, s.column, UNKNOWN, Severity.WARNING,
                                       f"suppression names unknown rule code {code}"))
            elif (s.line, code) not in used and any(enabled(c) for c in canonical(code)):
                kept.append(Diagnostic(file, s.line, s.column, UNUSED, Severity.WARNING,
                                       f"suppression of {code} silences nothing on this line; remove it"))
    return kept


def _silences(code: str, rule: str) -> bool:
    """Whether `code` (a code, a family or a former code) names `rule`."""
    return any(rule.startswith(target) for target in canonical(code))
