"""Where the schema and templates live: inside the wheel, or at the top of a checkout."""

from __future__ import annotations

import functools
import json
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """`schemas` or `templates`: packaged copy first, then the repository root (editable installs)."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the toolkit's {name}/ folder is missing; reinstall the package")


def schema_path() -> Path:
    return data_dir("schemas") / "protocol.schema.json"


@functools.lru_cache(maxsize=1)
def schema() -> dict:
    with open(schema_path(), encoding="utf-8") as handle:
        return json.load(handle)
