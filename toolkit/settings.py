"""What a `protocol validate` run was asked to do, independent of the command line."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from toolkit.rules import FAMILIES, REGISTRY


class SettingsError(ValueError):
    """A bad option or configuration value (exit status 2)."""


@dataclass(frozen=True)
class Selection:
    """Which codes are reported. Selectors are codes (AGE001) or families (AGE).

    The most specific selector wins; on a tie, ignore wins. YML codes are always on:
    a file that cannot be read cannot be checked.
    """

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for selector in self.select + self.ignore:
            if selector not in REGISTRY and selector not in FAMILIES:
                raise SettingsError(f"unknown rule code or family: {selector!r} (see `protocol rules`)")

    def enabled(self, code: str) -> bool:
        if code.startswith("YML"):
            return True
        chosen = _best(code, self.select) if self.select else 0
        ignored = _best(code, self.ignore)
        if self.select and chosen < 0:
            return False
        return ignored < 0 or chosen > ignored


def _best(code: str, selectors: tuple[str, ...]) -> int:
    """Length of the most specific selector matching `code`, -1 if none does."""
    return max((len(s) for s in selectors if code.startswith(s)), default=-1)


def parse_codes(text: str | None) -> tuple[str, ...]:
    if not text:
        return ()
    return tuple(part.strip().upper() for part in text.split(",") if part.strip())


@dataclass(frozen=True)
class ValidateSettings:
    paths: tuple[str, ...]
    output_format: str = "text"
    selection: Selection = field(default_factory=Selection)
    strict: bool = False
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
