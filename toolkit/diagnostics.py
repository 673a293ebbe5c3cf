"""The one diagnostic type shared by YAML, schema and rule problems."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True)
class Diagnostic:
    """A problem found in a protocol file.

    `line` and `column` are 1-based and point at the YAML node that is wrong.
    `path` is a JSON Pointer into the document ("" for the whole file).
    `related` holds other places the message refers to, as (line, column, JSON Pointer).
    """

    file: str
    line: int
    column: int
    rule: str
    severity: Severity
    message: str
    path: str = ""
    related: tuple[tuple[int, int, str], ...] = field(default=(), compare=False)

    def with_severity(self, severity: Severity) -> Diagnostic:
        return replace(self, severity=severity)

    def sort_key(self) -> tuple:
        return (self.file, self.line, self.column, self.rule, self.message)

    def as_dict(self) -> dict:
        found = {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "path": self.path,
        }
        if self.related:
            found["related"] = [{"line": line, "column": column, "path": path} for line, column, path in self.related]
        return found


def pointer(parts) -> str:
    """JSON Pointer (RFC 6901) for a sequence of keys and indexes."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def dotted(parts) -> str:
    """The path as an author reads it: `arms[1].type`."""
    out = ""
    for p in parts:
        if isinstance(p, int):
            out += f"[{p}]"
        else:
            out += ("." if out else "") + str(p)
    return out or "(document)"
