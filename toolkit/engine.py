"""The pipeline: load -> schema -> rules -> selection, suppression and severity -> results.

Checks only report findings; this module decides what is reported, at which severity,
and what the exit status is. Reporters only format what it returns.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from toolkit import schema, suppressions
from toolkit.diagnostics import Diagnostic, Severity, pointer
from toolkit.document.load import load_file
from toolkit.document.model import Document
from toolkit.rules import Finding, Rule, checks
from toolkit.settings import RuleConfig, Selection

# Below this many files a process pool costs more than it saves.
PARALLEL_THRESHOLD = 40


@dataclass
class Summary:
    files: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0

    def add(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.files += 1
        for diagnostic in diagnostics:
            if diagnostic.severity is Severity.ERROR:
                self.errors += 1
            elif diagnostic.severity is Severity.WARNING:
                self.warnings += 1
            else:
                self.infos += 1

    def exit_code(self, strict: bool) -> int:
        return 1 if self.errors or (strict and self.warnings) else 0

    def as_dict(self) -> dict:
        return {"files": self.files, "errors": self.errors, "warnings": self.warnings, "infos": self.infos}


def check_document(doc: Document, config: RuleConfig | Selection = RuleConfig()) -> list[Diagnostic]:
    """Schema problems, then (when the structure is sound) every selected rule."""
    config = config if isinstance(config, RuleConfig) else RuleConfig(config)
    found = schema.check(doc)
    if not any(d.severity is Severity.ERROR and d.rule not in schema.NON_BLOCKING for d in found):
        for rule in checks():
            if config.enabled(rule.code):
                found.extend(_run(rule, doc, config))
    found = suppressions.apply(doc.file, doc.text, found, config.enabled)
    found = [config.stamp(d) for d in found if config.enabled(d.rule)]
    return sorted(found, key=Diagnostic.sort_key)


def _run(rule: Rule, doc: Document, config: RuleConfig) -> list[Diagnostic]:
    assert rule.check is not None
    try:
        return [_diagnostic(doc, rule, f) for f in rule.check(doc, **config.options_for(rule))]
    except Exception as exc:  # a bug in a check must not hide the other findings
        return [
            Diagnostic(doc.file, 1, 1, rule.code, Severity.ERROR,
                       f"internal error in check {rule.code} ({type(exc).__name__}: {exc}); please report it",
                       pointer(()))
        ]


def _diagnostic(doc: Document, rule: Rule, finding: Finding) -> Diagnostic:
    """The finding located in the file; the places it refers to become related locations."""
    found = doc.diagnostic(finding.path, rule.code, finding.message, rule.severity, at_key=finding.at_key)
    if not finding.related:
        return found
    related = tuple((*doc.position(path), pointer(path)) for path in finding.related)
    see = _see(sorted({line for line, _, _ in related} - {found.line}))
    return replace(found, message=f"{finding.message}; {see}" if see else finding.message, related=related)


def _see(lines: list[int]) -> str:
    """'see line 4', 'see lines 4 and 9', 'see lines 4, 7 and 9'."""
    if not lines:
        return ""
    if len(lines) == 1:
        return f"see line {lines[0]}"
    return f"see lines {', '.join(map(str, lines[:-1]))} and {lines[-1]}"


def check_file(path: str, config: RuleConfig | Selection = RuleConfig()) -> list[Diagnostic]:
    loaded = load_file(path)
    if loaded.document is None:
        return loaded.diagnostics
    return check_document(loaded.document, config)


def _check_one(args: tuple[str, RuleConfig]) -> tuple[str, list[Diagnostic]]:
    path, config = args
    return path, check_file(path, config)


def check_files(work: list[tuple[str, RuleConfig]], jobs: int = 1) -> Iterator[tuple[str, list[Diagnostic]]]:
    """(file, diagnostics) for each (file, configuration), in order, using `jobs` processes."""
    if jobs <= 1 or len(work) < PARALLEL_THRESHOLD:
        yield from map(_check_one, work)
        return
    import multiprocessing  # only big runs pay for the import

    schema.validator()  # built once here, inherited by the forked workers
    # imap hands results back in order as they are consumed, so memory stays flat however
    # many files there are (Executor.map would hold every pending result).
    chunk = max(1, min(32, len(work) // (jobs * 16)))
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        yield from pool.imap(_check_one, work, chunksize=chunk)
