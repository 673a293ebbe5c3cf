"""`[tool.protocol]` in the pyproject.toml of the repository being checked.

Found by walking up from each checked file; the nearest pyproject.toml that has a
`[tool.protocol]` table applies. Keys: `select` and `ignore` (lists of codes or families).
On the command line, --select replaces the configured selection and --ignore adds to it.
"""

from __future__ import annotations

import functools
import os
import tomllib
from pathlib import Path

from toolkit.settings import Selection, SettingsError

KEYS = {"select", "ignore"}


@functools.lru_cache(maxsize=None)
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


def selection_for(path: str, cli_select: tuple[str, ...], cli_ignore: tuple[str, ...]) -> Selection:
    return _selection_for_folder(os.path.dirname(path) or ".", cli_select, cli_ignore)


@functools.lru_cache(maxsize=None)
def _selection_for_folder(folder: str, cli_select: tuple[str, ...], cli_ignore: tuple[str, ...]) -> Selection:
    """Files in one folder share their configuration: resolved once, not once per file."""
    source, table = table_for(Path(folder).resolve())
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


def _codes(value, source, key) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SettingsError(f"{source}: [tool.protocol] {key} must be a list of codes, e.g. {key} = [\"TXT\"]")
    return tuple(v.strip().upper() for v in value)
