"""The rule registry: one small documented function per rule, registered with a stable code.

A check receives the loaded, schema-valid Document and yields Findings. It never decides
severity, selection, suppression or output: the engine does that.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass
from typing import Callable, Iterator

from toolkit.diagnostics import Severity

CODE_PATTERN = re.compile(r"^[A-Z]{3}[0-9]{3}$")

FAMILIES = {
    "YML": "YAML syntax and loading",
    "SCH": "schema",
    "AGE": "age bounds",
    "RND": "allocation, randomization and arms count",
    "TIM": "endpoints and timeframes",
    "OUT": "outcome measures as registry reviewers read them",
    "DAT": "dates and status",
    "ARM": "arms, interventions and dosing",
    "TXT": "text hygiene",
    "REQ": "information registries require",
    "PLS": "plain-language patient summary",
    "NOQ": "inline suppressions",
}


@dataclass(frozen=True)
class Finding:
    """What a check reports: where (a path into the document) and what is wrong."""

    path: tuple
    message: str
    at_key: bool = False


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    check: Callable[..., Iterator[Finding]] | None
    doc: str

    @property
    def family(self) -> str:
        return self.code[:3]

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0] if self.doc.strip() else self.name


REGISTRY: dict[str, Rule] = {}


def rule(code: str, name: str, severity: Severity = Severity.ERROR):
    """Register a check function under `code`; its docstring is the rule's documentation."""

    def register(check):
        _add(Rule(code, name, severity, check, inspect.getdoc(check) or ""))
        return check

    return register


def builtin(code: str, name: str, doc: str, severity: Severity = Severity.ERROR) -> None:
    """Register a code reported by the loader or the schema stage (no check function)."""
    _add(Rule(code, name, severity, None, inspect.cleandoc(doc)))


def _add(entry: Rule) -> None:
    if not CODE_PATTERN.match(entry.code) or entry.family not in FAMILIES:
        raise ValueError(f"bad rule code {entry.code}")
    if entry.code in REGISTRY:
        raise ValueError(f"rule code {entry.code} registered twice")
    REGISTRY[entry.code] = entry
