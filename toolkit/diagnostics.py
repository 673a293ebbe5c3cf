"""The one diagnostic type shared by YAML, schema and rule problems."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field, replace

# What must never reach a report raw: C0/C1 controls (newlines forge report lines, ESC drives
# the terminal, most are invalid in XML), line and paragraph separators, bidirectional
# overrides (text that reads differently from what it is), surrogates and U+FFFE/U+FFFF.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
                          "\u2066-\u2069\ud800-\udfff\ufffe\uffff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """`text` with every character that could forge or corrupt a report written as an escape
    (`\\n`, `\\x1b`, `\\u202e`); all other text, Chinese included, is left as it is."""
    return _UNPRINTABLE.sub(lambda m: _NAMED.get(m.group()) or (
        f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}"), text)


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

    def __post_init__(self) -> None:
        # The one place quoted text is made safe, so that every reporter (a line per finding,
        # workflow commands, XML, a terminal) shows it and none can be forged or broken by it.
        object.__setattr__(self, "file", printable(self.file))
        object.__setattr__(self, "message", printable(self.message))

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
