"""The pipeline: load -> schema -> rules -> selection, suppression and severity -> results.

Checks only report findings; this module decides what is reported, at which severity,
and what the exit status is. Reporters only format what it returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

from toolkit import schema, suppressions
from toolkit.diagnostics import Diagnostic, Severity, pointer
from toolkit.document.load import load_file
from toolkit.document.model import Document
from toolkit.rules import Rule, checks
from toolkit.settings import Selection, ValidateSettings

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


def check_document(doc: Document, selection: Selection = Selection()) -> list[Diagnostic]:
    """Schema problems, then (when the structure is sound) every selected rule."""
    found = schema.check(doc)
    if not any(d.severity is Severity.ERROR for d in found):
        for rule in checks():
            if selection.enabled(rule.code):
                found.extend(_run(rule, doc))
    found = suppressions.apply(doc.file, doc.text, found, selection.enabled)
    found = [d for d in found if selection.enabled(d.rule)]
    return sorted(found, key=Diagnostic.sort_key)


def _run(rule: Rule, doc: Document) -> list[Diagnostic]:
    try:
        return [doc.diagnostic(f.path, rule.code, f.message, rule.severity, at_key=f.at_key) for f in rule.check(doc)]
    except Exception as exc:  # a bug in a check must not hide the other findings
        return [
            Diagnostic(doc.file, 1, 1, rule.code, Severity.ERROR,
                       f"internal error in check {rule.code} ({type(exc).__name__}: {exc}); please report it",
                       pointer(()))
        ]


def check_file(path: str, selection: Selection = Selection()) -> list[Diagnostic]:
    loaded = load_file(path)
    if loaded.document is None:
        return loaded.diagnostics
    return check_document(loaded.document, selection)


def _check_one(args) -> tuple[str, list[Diagnostic]]:
    path, selection = args
    return path, check_file(path, selection)


def check_files(work: list[tuple[str, Selection]], settings: ValidateSettings) -> Iterator[tuple[str, list[Diagnostic]]]:
    """(file, diagnostics) for each (file, selection), in order, using `settings.jobs` processes."""
    files = work
    if settings.jobs <= 1 or len(files) < PARALLEL_THRESHOLD:
        yield from map(_check_one, work)
        return
    import multiprocessing  # only big runs pay for the import

    schema.validator()  # built once here, inherited by the forked workers
    # imap hands results back in order as they are consumed, so memory stays flat however
    # many files there are (Executor.map would hold every pending result).
    chunk = max(1, min(32, len(files) // (settings.jobs * 16)))
    with multiprocessing.get_context("fork").Pool(settings.jobs) as pool:
        yield from pool.imap(_check_one, work, chunksize=chunk)
