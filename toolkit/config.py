"""`[tool.protocol]` in the pyproject.toml of the repository being checked.

Found by walking up from each checked file; the nearest pyproject.toml that has a
`[tool.protocol]` table applies. Keys: `select` and `ignore` (lists of codes or families),
and `rules`: one table per rule code with its `severity` and its declared options:

    [tool.protocol.rules.DAT007]
    severity = "error"
    max_days = 30

On the command line, --select replaces the configured selection and --ignore adds to it.
Every mistake (an unknown key, code or option, a value of the wrong type) is one
configuration error naming the file (exit status 2).
"""

from __future__ import annotations

import functools
import os
import tomllib
from pathlib import Path
from typing import Any

from toolkit.diagnostics import Severity
from toolkit.rules import REGISTRY, canonical
from toolkit.rules._registry import option_type_ok
from toolkit.settings import RuleConfig, Selection, SettingsError

KEYS = {"select", "ignore", "rules"}
SEVERITIES = [s.value for s in Severity]


@functools.cache
def table_for(folder: Path) -> tuple[Path | None, dict]:
    """The nearest [tool.protocol] table at or above `folder`, and the file it came from."""
    for parent in (folder, *folder.parents):
        candidate = parent / "pyproject.toml"
        if candidate.is_file():
            try:
                with open(candidate, "rb") as handle:
                    table = tomllib.load(handle).get("tool", {}).get("protocol")
            except (tomllib.TOMLDecodeError, OSError) as err:
                raise SettingsError(f"{candidate}: cannot read it: {err}") from None
            if table is not None:
                return candidate, table
    return None, {}


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


def _selection(source: Path | None, table: dict, cli_select: tuple[str, ...], cli_ignore: tuple[str, ...]) -> Selection:
    unknown = set(table) - KEYS
    if unknown:
        raise SettingsError(f"{source}: unknown key(s) in [tool.protocol]: {', '.join(sorted(unknown))} "
                            f"(allowed: {', '.join(sorted(KEYS))})")
    select = cli_select or _codes(table.get("select", []), source, "select")
    ignore = _codes(table.get("ignore", []), source, "ignore") + cli_ignore
    try:
        return Selection(select, ignore)
    except SettingsError as err:
        raise SettingsError(f"{source or 'command line'}: {err}") from None


def _rules(source: Path | None, rules: Any) -> tuple[dict[str, Severity], dict[str, dict[str, Any]]]:
    """Severity overrides and option values from [tool.protocol.rules.CODE] tables."""
    if not isinstance(rules, dict) or not all(isinstance(v, dict) for v in rules.values()):
        raise SettingsError(f"{source}: [tool.protocol.rules] holds one table per rule code, "
                            'e.g. [tool.protocol.rules.DAT007] with severity = "error"')
    severity: dict[str, Severity] = {}
    options: dict[str, dict[str, Any]] = {}
    for key, values in rules.items():
        for code in _configurable(source, key):
            for name, value in values.items():
                where = f"{source}: [tool.protocol.rules.{key}]"
                if name == "severity":
                    if value not in SEVERITIES:
                        raise SettingsError(f"{where}: severity must be one of {', '.join(SEVERITIES)}, not {value!r}")
                    severity[code] = Severity(value)
                else:
                    options.setdefault(code, {})[name] = _option(where, code, name, value)
    return severity, options


def _configurable(source: Path | None, key: str) -> tuple[str, ...]:
    codes = canonical(key.strip().upper())
    for code in codes:
        if code not in REGISTRY:
            raise SettingsError(f"{source}: [tool.protocol.rules.{key}]: unknown rule code {key!r} "
                                "(rules are configured one code at a time; see `protocol rules`)")
        if code.startswith("YML"):
            raise SettingsError(f"{source}: [tool.protocol.rules.{key}]: YML codes cannot be configured "
                                "(a file that cannot be read cannot be checked)")
    return codes


def _option(where: str, code: str, name: str, value: Any) -> Any:
    declared = REGISTRY[code].options
    if name not in declared:
        known = ", ".join(["severity", *declared])
        raise SettingsError(f'{where}: unknown option "{name}" for rule {code} (allowed: {known})')
    if not option_type_ok(declared[name], value):
        raise SettingsError(f"{where}: {name} must be {_kind(declared[name])} like the default "
                            f"({declared[name]!r}), not {value!r}")
    return float(value) if isinstance(declared[name], float) else value


def _kind(default: Any) -> str:
    return {bool: "true or false", int: "a whole number", float: "a number", str: "a text",
            list: "a list"}[type(default)]


def _codes(value, source, key) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SettingsError(f"{source}: [tool.protocol] {key} must be a list of codes, e.g. {key} = [\"TXT\"]")
    return tuple(v.strip().upper() for v in value)
