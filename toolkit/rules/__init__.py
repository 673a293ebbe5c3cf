"""The rule catalogue. Importing this package registers every rule."""

from toolkit.rules import (  # noqa: F401  (registration by import)
    age,
    amendments,
    arms,
    builtin,
    misplaced,
    narrative,
    outcomes,
    plain_language,
    randomization,
    required,
    status,
    text,
    timeframes,
    translation,
)
from toolkit.rules._registry import ALIASES, FAMILIES, REGISTRY, Finding, Rule, canonical, rule

__all__ = ["ALIASES", "FAMILIES", "REGISTRY", "Finding", "Rule", "canonical", "rule", "checks"]


def checks() -> list[Rule]:
    """Rules that have a check function, in code order."""
    return [r for code, r in sorted(REGISTRY.items()) if r.check is not None]
