"""Rule documentation for `protocol rules`: the catalogue and each rule's docstring."""

from __future__ import annotations

from toolkit.rules import ALIASES, FAMILIES, REGISTRY, Rule


class UnknownCode(LookupError):
    pass


def describe(code: str | None) -> str:
    if not code:
        return catalogue(REGISTRY.values())
    code = code.upper()
    if code in REGISTRY:
        return document(REGISTRY[code])
    if code in ALIASES:  # a former code: what replaced it
        return "\n".join(document(REGISTRY[new]) for new in ALIASES[code])
    if code in FAMILIES:
        return catalogue(r for r in REGISTRY.values() if r.family == code)
    raise UnknownCode(f"unknown rule code or family: {code!r} (run `protocol rules` for the list)")


def document(rule: Rule) -> str:
    head = f"{rule.code} {rule.name} ({FAMILIES[rule.family]}; default severity: {rule.severity.value})"
    facts = [f"defined in {rule.source[0]}:{rule.source[1]}; tested in {rule.tested_in}"]
    if rule.aliases:
        facts.append(f"formerly: {', '.join(rule.aliases)} (still accepted)")
    if rule.options:
        settings = ", ".join(f"{name} = {_toml(value)}" for name, value in rule.options.items())
        facts.append(f"options: {settings} (set them under [tool.protocol.rules.{rule.code}])")
    return f"{head}\n" + "".join(f"{fact}\n" for fact in facts) + f"\n{rule.doc.strip()}\n"


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return repr(value)


def catalogue(rules) -> str:
    lines = []
    family = None
    order = list(FAMILIES)
    for rule in sorted(rules, key=lambda r: (order.index(r.family), r.code)):
        if rule.family != family:
            family = rule.family
            lines.append(f"{'' if not lines else chr(10)}{family}  {FAMILIES[family]}")
        lines.append(f"  {rule.code}  {rule.severity.value:<7}  {rule.name:<28}  {rule.summary}")
    return "\n".join(lines) + "\n"
