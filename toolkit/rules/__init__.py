"""The rule catalogue. Importing this package registers every rule."""

from toolkit.rules import age, arms, builtin, outcomes, plain_language, randomization, required, status, text, timeframes  # noqa: F401  (registration by import)
from toolkit.rules._registry import FAMILIES, REGISTRY, Finding, Rule, rule

__all__ = ["FAMILIES", "REGISTRY", "Finding", "Rule", "rule", "checks"]


def checks() -> list[Rule]:
    """Rules that have a check function, in code order."""
    return [r for code, r in sorted(REGISTRY.items()) if r.check is not None]
