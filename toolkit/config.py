"""`[tool.protocol]` in the pyproject.toml of the repository being checked.

Found by walking up from each checked file; the nearest pyproject.toml that has a
`[tool.protocol]` table applies. Keys: `select` and `ignore` (lists of codes or families),
and `rules`: one table per rule code with its `severity` and its declared options:

    [tool.protocol.rules.DAT007]
    severity = "error"
    max_days = 30

On the command line, --select replaces the configured selection and --ignore adds to it.
Every mistake (a file that is not TOML, an unknown key, code or option, a value of the wrong
type) is one configuration error naming the file, the line and the column (exit status 2).
"""

from __future__ import annotations

import functools
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.diagnostics import Severity
from toolkit.rules import ALIASES, FAMILIES, REGISTRY, canonical
from toolkit.rules._registry import option_type_ok
from toolkit.settings import RuleConfig, Selection, SettingsError
from toolkit.toml_positions import locate

KEYS = {"select", "ignore", "rules"}
SEVERITIES = [s.value for s in Severity]
TABLE = ("tool", "protocol")


@dataclass(frozen=True)
class Source:
    """The pyproject.toml a [tool.protocol] table came from, and its text (to point at mistakes)."""

    path: Path | None = None
    text: str = field(default="", repr=False)

    def error(self, where: tuple[str, ...], message: str, *, at_key: bool = False, item: str | None = None) -> SettingsError:
        """A configuration error at the key or value `where` (a path below [tool.protocol])."""
        line, column = locate(self.text, TABLE + where, at_key=at_key, item=item)
        return SettingsError(f"{self.path}:{line}:{column}: {message}")


@functools.cache
def table_for(folder: Path) -> tuple[Source, dict]:
    """The nearest [tool.protocol] table at or above `folder`, and the file it came from."""
    for parent in (folder, *folder.parents):
        candidate = parent / "pyproject.toml"
        if candidate.is_file():
            source, document = _read(candidate)
            tool = document.get("tool")
            table = tool.get("protocol") if isinstance(tool, dict) else None
            if table is not None:
                if not isinstance(table, dict):
                    raise source.error((), "[tool.protocol] must be a table, e.g. [tool.protocol] with "
                                           'select = ["TXT"] on the next line')
                return source, table
    return Source(), {}


def _read(path: Path) -> tuple[Source, dict]:
    """The file's text and its TOML, or a configuration error at the line and column that is wrong."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise SettingsError(f"{path}: cannot read it: {err.strerror or err}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        column = len(raw[raw.rfind(b"\n", 0, err.start) + 1:err.start].decode("utf-8", "replace")) + 1
        raise SettingsError(f"{path}:{line}:{column}: not UTF-8 text (byte 0x{raw[err.start]:02x}); "
                            "TOML files are UTF-8") from None
    try:
        return Source(path, text), tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        line, column, problem = _toml_error(err, text)
        raise SettingsError(f"{path}:{line}:{column}: not valid TOML: {problem}") from None


def _toml_error(err: tomllib.TOMLDecodeError, text: str) -> tuple[int, int, str]:
    """Line, column and words of a TOML syntax error. Python 3.14 gives them as attributes;
    before, tomllib writes them at the end of its message: "... (at line 3, column 9)"."""
    message = str(getattr(err, "msg", None) or err)
    if getattr(err, "lineno", None):
        return err.lineno, err.colno, message  # type: ignore[attr-defined]
    found = re.search(r" \(at line (\d+), column (\d+)\)$", message)
    if found:
        return int(found[1]), int(found[2]), message[:found.start()]
    lines = text.rstrip("\n").split("\n")  # "(at end of document)": just after the last character
    return len(lines), len(lines[-1]) + 1, message.replace(" (at end of document)", " at the end of the file")


def config_for(path: str, cli: Selection = Selection()) -> RuleConfig:
    """The rule configuration for the file at `path`, with the command line's selection applied."""
    return _config_for_folder(os.path.dirname(path) or ".", cli.select, cli.ignore)


@functools.cache
def _config_for_folder(folder: str, cli_select: tuple[str, ...], cli_ignore: tuple[str, ...]) -> RuleConfig:
    """Files in one folder share their configuration: resolved once, not once per file."""
    source, table = table_for(Path(folder).resolve())
    selection = _selection(source, table, cli_select, cli_ignore)
    severity, options = _rules(source, table.get("rules", {}))
    return RuleConfig(selection, severity, options)


def _selection(source: Source, table: dict, cli_select: tuple[str, ...], cli_ignore: tuple[str, ...]) -> Selection:
    for key in sorted(set(table) - KEYS):
        raise source.error((key,), f"unknown key {key!r} in [tool.protocol] (allowed: {', '.join(sorted(KEYS))})",
                           at_key=True)
    select = cli_select or _codes(source, table, "select")
    ignore = _codes(source, table, "ignore") + cli_ignore
    try:
        return Selection(select, ignore)
    except SettingsError as err:  # the configured codes are checked by _codes: this is the command line's
        raise SettingsError(f"command line: {err}") from None


def _codes(source: Source, table: dict, key: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list):
        raise source.error((key,), f"[tool.protocol] {key} must be a list of codes, e.g. {key} = [\"TXT\"], "
                                   f"not {_shown(value)}")
    codes = []
    for item in value:
        if not isinstance(item, str):
            raise source.error((key,), f"[tool.protocol] {key} must be a list of codes (texts in quotes), "
                                       f"e.g. {key} = [\"TXT\"]; {_shown(item)} is not one")
        code = item.strip().upper()
        if code not in REGISTRY and code not in FAMILIES and code not in ALIASES:
            raise source.error((key,), f"[tool.protocol] {key}: unknown rule code or family {item!r} "
                                       "(see `protocol rules`)", item=item)
        codes.append(code)
    return tuple(codes)


def _rules(source: Source, rules: Any) -> tuple[dict[str, Severity], dict[str, dict[str, Any]]]:
    """Severity overrides and option values from [tool.protocol.rules.CODE] tables."""
    if not isinstance(rules, dict):
        raise source.error(("rules",), "[tool.protocol.rules] holds one table per rule code, "
                                       'e.g. [tool.protocol.rules.DAT007] with severity = "error"')
    severity: dict[str, Severity] = {}
    options: dict[str, dict[str, Any]] = {}
    for key, values in rules.items():
        if not isinstance(values, dict):
            raise source.error(("rules", key), f"[tool.protocol.rules] holds one table per rule code, "
                                               f'e.g. [tool.protocol.rules.{key}] with severity = "error"')
        for code in _configurable(source, key):
            where = f"[tool.protocol.rules.{key}]"
            for name, value in values.items():
                if name == "severity":
                    if value not in SEVERITIES:
                        raise source.error(("rules", key, name), f"{where} severity must be one of "
                                                                 f"{', '.join(SEVERITIES)}, not {_shown(value)}")
                    severity[code] = Severity(value)
                else:
                    options.setdefault(code, {})[name] = _option(source, (key, where), code, name, value)
    return severity, options


def _configurable(source: Source, key: str) -> tuple[str, ...]:
    codes = canonical(key.strip().upper())
    for code in codes:
        if code not in REGISTRY:
            raise source.error(("rules", key), f"[tool.protocol.rules.{key}]: unknown rule code {key!r} "
                                               "(rules are configured one code at a time; see `protocol rules`)",
                               at_key=True)
        if code.startswith("YML"):
            raise source.error(("rules", key), f"[tool.protocol.rules.{key}]: YML codes cannot be configured "
                                               "(a file that cannot be read cannot be checked)", at_key=True)
    return codes


def _option(source: Source, table: tuple[str, str], code: str, name: str, value: Any) -> Any:
    key, where = table
    declared = REGISTRY[code].options
    if name not in declared:
        known = ", ".join(["severity", *declared])
        raise source.error(("rules", key, name), f'{where} unknown option "{name}" for rule {code} '
                                                 f"(allowed: {known})", at_key=True)
    if not option_type_ok(declared[name], value):
        raise source.error(("rules", key, name), f"{where} {name} must be {_kind(declared[name])} like the "
                                                 f"default ({declared[name]!r}), not {_shown(value)}")
    return float(value) if isinstance(declared[name], float) else value


def _kind(default: Any) -> str:
    return {bool: "true or false", int: "a whole number", float: "a number", str: "a text",
            list: "a list"}[type(default)]


def _shown(value: Any) -> str:
    """A TOML value as it is written in TOML (true, not True; a table, not a dict)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, str):
        return f'"{value}"'
    return repr(value)
