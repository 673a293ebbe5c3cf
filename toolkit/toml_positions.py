"""Where a key or value is written in a TOML file, so that a configuration error can point at it.

tomllib (which reads the values) gives no positions, and tomlkit keeps the text but not where
each item is. This reads the file line by line the way TOML lays keys out: a `[table]` header
sets the prefix, a `dotted.key = value` line adds to it, and the continuation lines of
multi-line strings and arrays are skipped. A place inside an inline table or array falls back
to the line of its key; a key not found at all, to line 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_KEY_PART = re.compile(r"""[ \t]*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+))[ \t]*""")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'')


@dataclass(frozen=True)
class Entry:
    path: tuple[str, ...]
    line: int
    key_column: int
    value_column: int  # the key's column for a [table] header


def locate(text: str, path: tuple[str, ...], *, at_key: bool = False, item: str | None = None) -> tuple[int, int]:
    """1-based (line, column) of the value at `path` (of its key with at_key; of the string
    `item` inside it, e.g. one code of a list, when that is found on the value's line)."""
    entries = _entries(text)
    exact = [e for e in entries if e.path == path]
    enclosing = [e for e in entries if path[: len(e.path)] == e.path]
    enclosed = [e for e in entries if e.path[: len(path)] == path]
    if exact:
        entry = exact[0]
    elif enclosing:
        entry, at_key = max(enclosing, key=lambda e: len(e.path)), False  # inside an inline table or array
    elif enclosed:
        entry, at_key = enclosed[0], True  # a table written as its keys
    else:
        return 1, 1
    line, column = entry.line, entry.key_column if at_key else entry.value_column
    if item is not None:  # on the value's line, or on the next lines of a multi-line array
        following = [e.line for e in entries if e.line > line]
        lines = text.split("\n")[line - 1:following[0] - 1 if following else None]
        for offset, text_line in enumerate(lines):
            found = _find_string(text_line, item, column - 1 if offset == 0 else 0)
            if found is not None:
                return line + offset, found + 1
    return line, column


def _find_string(line: str, item: str, start: int) -> int | None:
    for match in _STRING.finditer(line, start):
        if match.group()[1:-1] == item:
            return match.start()
    return None


def _entries(text: str) -> list[Entry]:
    entries: list[Entry] = []
    table: tuple[str, ...] = ()
    open_string: str | None = None
    depth = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        if open_string:  # inside a multi-line string
            if line.count(open_string) % 2:
                open_string = None
            continue
        if depth > 0:  # inside a multi-line array or inline table
            depth += _balance(line)
            continue
        indent = len(line) - len(line.lstrip())
        if line[indent:indent + 1] == "[":
            opening = 2 if line[indent:indent + 2] == "[[" else 1
            parsed = _dotted_key(line, indent + opening)
            if parsed:
                table = parsed[0]
                entries.append(Entry(table, number, indent + 1, indent + 1))
            continue
        parsed = _dotted_key(line, indent)
        if not parsed or line[parsed[1]:parsed[1] + 1] != "=":
            continue
        keys, end = parsed
        value = len(line) - len(line[end + 1:].lstrip())
        entries.append(Entry(table + keys, number, indent + 1, value + 1))
        rest = line[value:]
        for quote in ('"""', "'''"):
            if rest.startswith(quote) and rest.count(quote) % 2:
                open_string = quote
        depth = _balance(rest)
    return entries


def _dotted_key(line: str, position: int) -> tuple[tuple[str, ...], int] | None:
    """The dotted key starting at `position` and where it ends, or None if there is none."""
    parts: list[str] = []
    while True:
        match = _KEY_PART.match(line, position)
        if not match or match.end() == position:
            return None
        parts.append(next(group for group in match.groups() if group is not None))
        position = match.end()
        if line[position:position + 1] != ".":
            return tuple(parts), position
        position += 1


def _balance(text: str) -> int:
    """Brackets opened minus brackets closed, outside strings and comments."""
    code = _STRING.sub("", text).split("#", 1)[0]
    return code.count("[") + code.count("{") - code.count("]") - code.count("}")
