"""What a `protocol validate` run was asked to do, independent of the command line."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from toolkit.diagnostics import Diagnostic, Severity
from toolkit.rules import ALIASES, FAMILIES, REGISTRY, Rule


class SettingsError(ValueError):
    """A bad option or configuration value (exit status 2)."""


@dataclass(frozen=True)
class Selection:
    """Which codes are reported. Selectors are codes (AGE001) or families (AGE).

    The most specific selector wins; on a tie, ignore wins. YML codes are always on:
    a file that cannot be read cannot be checked. A former code (an alias) stands for the
    code or codes that replaced it.
    """

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for selector in self.select + self.ignore:
            if selector not in REGISTRY and selector not in FAMILIES and selector not in ALIASES:
                raise SettingsError(f"unknown rule code or family: {selector!r} (see `protocol rules`)")
        object.__setattr__(self, "select", _expand(self.select))
        object.__setattr__(self, "ignore", _expand(self.ignore))

    def enabled(self, code: str) -> bool:
        if code.startswith("YML"):
            return True
        chosen = _best(code, self.select) if self.select else 0
        ignored = _best(code, self.ignore)
        if self.select and chosen < 0:
            return False
        return ignored < 0 or chosen > ignored


def _expand(selectors: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(code for selector in selectors for code in ALIASES.get(selector, (selector,)))


def _best(code: str, selectors: tuple[str, ...]) -> int:
    """Length of the most specific selector matching `code`, -1 if none does."""
    return max((len(s) for s in selectors if code.startswith(s)), default=-1)


def parse_codes(text: str | None) -> tuple[str, ...]:
    if not text:
        return ()
    return tuple(part.strip().upper() for part in text.split(",") if part.strip())


@dataclass(frozen=True)
class RuleConfig:
    """How the rules run for one file: which are reported, at which severity, with which options.

    `severity` and `options` hold only what the configuration changes; the rest comes from
    each rule's declaration.
    """

    selection: Selection = field(default_factory=Selection)
    severity: dict[str, Severity] = field(default_factory=dict)
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    # The file at the revision `validate --since REV` names (toolkit.document.since.Before), for
    # the rules that compare with it; None without --since, and those rules do not run.
    before: Any = None

    @property
    def enabled(self) -> Callable[[str], bool]:
        return self.selection.enabled

    def options_for(self, rule: Rule) -> dict[str, Any]:
        return {**rule.options, **self.options.get(rule.code, {})}

    def stamp(self, diagnostic: Diagnostic) -> Diagnostic:
        """The diagnostic at its configured severity."""
        severity = self.severity.get(diagnostic.rule)
        return diagnostic if severity is None else replace(diagnostic, severity=severity)


@dataclass(frozen=True)
class ValidateSettings:
    paths: tuple[str, ...]
    output_format: str = "text"
    selection: Selection = field(default_factory=Selection)
    strict: bool = False
    jobs: int | None = None  # None: as many processes as pay (engine.check_files measures it)
    since: str | None = None  # a git revision: each file is also compared with itself as it was there
