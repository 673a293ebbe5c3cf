"""The rule registry: one small documented function per rule, registered with a stable code.

A check receives the loaded, schema-valid Document (and its declared options, as keyword
arguments) and yields Findings:

    @rule("DAT007", "registered-after-start", Severity.WARNING, options={"max_days": 21})
    def registered_after_start(doc: Document, *, max_days: int) -> Iterator[Finding]: ...

A rule that compares the file with an earlier version of it (`compares=True`, the AMD
family) also receives that version (a `toolkit.document.since.Before`) after the document;
it runs only when `protocol validate --since REV` names the revision.

It never decides severity, selection, suppression, line numbers or output: the engine does.
"""

from __future__ import annotations

import inspect
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from toolkit.diagnostics import Severity

if TYPE_CHECKING:
    pass

CODE_PATTERN = re.compile(r"^[A-Z]{3}[0-9]{3}$")

FAMILIES = {
    "YML": "YAML syntax and loading",
    "SCH": "schema",
    "AGE": "age bounds",
    "RND": "allocation, randomization and arms count",
    "TIM": "endpoints and timeframes",
    "OUT": "outcome measures as registry reviewers read them",
    "NAR": "what the titles say against the design fields",
    "DAT": "dates and status",
    "ARM": "arms, interventions and dosing",
    "TXT": "text hygiene",
    "REQ": "information registries require",
    "PLS": "plain-language patient summary",
    "TRN": "translations state the original's facts",
    "NOQ": "inline suppressions",
    "DIF": "differences between versions (`protocol diff`)",
    "AMD": "amendments: what changed since a git revision (`validate --since REV`)",
}

# Option values a rule may declare: what a pyproject.toml table can hold and a reader can check.
OPTION_TYPES = (bool, int, float, str, list)

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Finding:
    """What a check reports: where (a path into the document) and what is wrong.

    `related` names other places the message refers to (paths into the document); the engine
    turns them into line numbers ("see line 12" in text, relatedLocations in SARIF).
    """

    path: Path_
    message: str
    at_key: bool = False
    related: tuple[Path_, ...] = ()


Check = Callable[..., Iterator[Finding]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    check: Check | None
    doc: str
    options: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    aliases: tuple[str, ...] = ()
    source: tuple[str, int] = ("", 0)  # (file relative to the repository, line) of the definition
    tested_in: str = ""  # the test module that holds this code's pass and fail tests
    compares: bool = False  # the check takes the file's earlier version too (validate --since)
    # Lazy tables the check reads (functions that build and keep them): built once before
    # worker processes fork, and only when the rule is selected (engine._warm).
    tables: tuple[Callable[[], Any], ...] = ()

    @property
    def family(self) -> str:
        return self.code[:3]

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0] if self.doc.strip() else self.name


REGISTRY: dict[str, Rule] = {}
ALIASES: dict[str, tuple[str, ...]] = {}  # old code -> the code(s) that replaced it

_ROOT = Path(__file__).resolve().parents[2]


def rule(code: str, name: str, severity: Severity = Severity.ERROR, *,
         options: Mapping[str, Any] | None = None, aliases: tuple[str, ...] = (),
         compares: bool = False, tables: tuple[Callable[[], Any], ...] = ()) -> Callable[[Check], Check]:
    """Register a check function under `code`; its docstring is the rule's documentation.

    `options` declares the rule's settings and their defaults; the check receives them as
    keyword-only arguments of the same names. `aliases` are former codes of this rule: they
    keep working in --select/--ignore, configuration and inline suppressions. `compares`: the
    check is `check(doc, before, **options)` and runs only under `validate --since REV`.
    `tables` are the lazy tables it reads (see Rule.tables).
    """

    def register(check: Check) -> Check:
        declared = dict(options or {})
        _check_options(code, check, declared)
        module = check.__module__.rsplit(".", 1)[-1]
        _add(Rule(code, name, severity, check, inspect.getdoc(check) or "", MappingProxyType(declared),
                  tuple(aliases), _where(inspect.getsourcefile(check), check.__code__.co_firstlineno),
                  f"tests/rules/test_{module}.py", compares, tuple(tables)))
        return check

    return register


def builtin(code: str, name: str, doc: str, severity: Severity = Severity.ERROR, *, tested_in: str) -> None:
    """Register a code reported by the loader or the schema stage (no check function)."""
    caller = sys._getframe(1)
    _add(Rule(code, name, severity, None, inspect.cleandoc(doc),
              source=_where(caller.f_code.co_filename, caller.f_lineno), tested_in=tested_in))


def _where(file: str | None, line: int) -> tuple[str, int]:
    path = Path(file or "").resolve()
    try:
        return str(path.relative_to(_ROOT)), line
    except ValueError:
        return str(path), line


def _check_options(code: str, check: Check, declared: dict[str, Any]) -> None:
    """The declared options are exactly the check's keyword-only parameters."""
    parameters = inspect.signature(check).parameters.values()
    keywords = {p.name for p in parameters if p.kind is inspect.Parameter.KEYWORD_ONLY}
    if keywords != set(declared):
        raise ValueError(f"rule {code}: options {sorted(declared)} do not match the check's "
                         f"keyword-only parameters {sorted(keywords)}")
    for option, default in declared.items():
        if not isinstance(default, OPTION_TYPES):
            raise ValueError(f"rule {code}: option {option} has a default of unsupported type {type(default).__name__}")


def _add(entry: Rule) -> None:
    if not CODE_PATTERN.match(entry.code) or entry.family not in FAMILIES:
        raise ValueError(f"bad rule code {entry.code}")
    if entry.code in REGISTRY or entry.code in ALIASES:
        raise ValueError(f"rule code {entry.code} registered twice")
    for alias in entry.aliases:
        if not CODE_PATTERN.match(alias) or alias in REGISTRY:
            raise ValueError(f"rule {entry.code}: alias {alias} is not a free code")
        ALIASES[alias] = ALIASES.get(alias, ()) + (entry.code,)
    REGISTRY[entry.code] = entry


def canonical(code: str) -> tuple[str, ...]:
    """The registered code(s) a selector names: itself, or what an alias stands for."""
    return ALIASES.get(code, (code,))


def option_type_ok(default: Any, value: Any) -> bool:
    """Whether a configured `value` may replace the declared `default`."""
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float))
    if isinstance(default, list):
        return isinstance(value, list) and all(isinstance(v, type(d)) for d in default[:1] for v in value)
    return isinstance(value, type(default))
