"""The pipeline: load -> schema -> rules -> selection, suppression and severity -> results.

Checks only report findings; this module decides what is reported, at which severity,
and what the exit status is. Reporters only format what it returns.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from toolkit import schema, suppressions
from toolkit.diagnostics import Diagnostic, Severity, pointer
from toolkit.document.load import load_file
from toolkit.document.model import Document
from toolkit.rules import Finding, Rule, checks
from toolkit.settings import RuleConfig, Selection

CRASHED = "YML009"

# Below this many files a process pool costs more than it saves, even when the user asks for one.
PARALLEL_THRESHOLD = 40
# Without --jobs, the first files are checked in this process for at least this long: the time
# a file takes is then measured, not guessed, and whatever those files needed (drug names,
# pronunciations, cn2an, the spelling dictionary) is loaded once, before the workers fork.
PROBE_SECONDS = 0.15
# One worker per core is started when the work left would take at least this long in one
# process. Measured on the 2-core development machine (benchmarks/validate_bench.py --busy;
# figures in the README): two forked workers beat one process from 50 files up, on an idle
# machine and with the other core held by a CPU-bound process (the scheduler shares the two
# cores among three processes, and two of them are ours); starting them costs about 0.03 s.
POOL_MIN_SECONDS = 0.25


@dataclass
class Summary:
    files: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    crashed: int = 0  # files whose checking process died (YML009)

    def add(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.files += 1
        for diagnostic in diagnostics:
            if diagnostic.rule == CRASHED:
                self.crashed += 1
            if diagnostic.severity is Severity.ERROR:
                self.errors += 1
            elif diagnostic.severity is Severity.WARNING:
                self.warnings += 1
            else:
                self.infos += 1

    def exit_code(self, strict: bool) -> int:
        if self.crashed:  # a file that could not be checked is not a verdict on it
            return 2
        return 1 if self.errors or (strict and self.warnings) else 0

    def as_dict(self) -> dict:
        return {"files": self.files, "errors": self.errors, "warnings": self.warnings, "infos": self.infos}


def check_document(doc: Document, config: RuleConfig | Selection = RuleConfig()) -> list[Diagnostic]:
    """Schema problems, then (when the structure is sound) every selected rule."""
    config = config if isinstance(config, RuleConfig) else RuleConfig(config)
    found = schema.check(doc)
    if not any(d.severity is Severity.ERROR and d.rule not in schema.NON_BLOCKING for d in found):
        for rule in checks():
            if config.enabled(rule.code) and (config.before is not None or not rule.compares):
                found.extend(_run(rule, doc, config))
    found = suppressions.apply(doc.file, doc.text, found, config.enabled)
    found = [config.stamp(d) for d in found if config.enabled(d.rule)]
    return sorted(found, key=Diagnostic.sort_key)


def _run(rule: Rule, doc: Document, config: RuleConfig) -> list[Diagnostic]:
    assert rule.check is not None
    try:
        earlier = (config.before,) if rule.compares else ()  # the file at --since REV
        return [_diagnostic(doc, rule, f) for f in rule.check(doc, *earlier, **config.options_for(rule))]
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


def load_checked(path: str, rules: bool = True) -> tuple[Document | None, list[Diagnostic]]:
    """The protocol at `path` and its errors (warnings and infos do not count), for commands
    that need a sound protocol. With rules=False only the YAML and the schema must be sound."""
    loaded = load_file(path)
    if loaded.document is None:
        return None, loaded.diagnostics
    problems = check_document(loaded.document) if rules else schema.check(loaded.document)
    return loaded.document, [d for d in problems if d.severity is Severity.ERROR]


def _check_one(args: tuple[str, RuleConfig]) -> tuple[str, list[Diagnostic]]:
    path, config = args
    return path, check_file(path, config)


def _check_batch(batch) -> list[tuple[str, list[Diagnostic]]]:
    return [_check_one(item) for item in batch]


def check_files(work: list[tuple[str, RuleConfig]], jobs: int | None = 1) -> Iterator[tuple[str, list[Diagnostic]]]:
    """(file, diagnostics) for each (file, configuration), in order, using up to `jobs` processes
    (None: one per core when that pays, measured on the first files; see `_as_pays`)."""
    if jobs is None and len(work) >= PARALLEL_THRESHOLD:
        yield from _as_pays(work)
        return
    jobs = worker_count(len(work), jobs or 1)
    if jobs <= 1:
        yield from map(_check_one, work)
        return
    yield from _in_processes(work, jobs)


def worker_count(files: int, jobs: int) -> int:
    """How many processes check `files` files when the user chose `jobs`: never more than files,
    and one below PARALLEL_THRESHOLD files, where starting workers costs more than they give."""
    if files < PARALLEL_THRESHOLD:
        return 1
    return max(1, min(jobs, files))  # more processes than files only costs start-up time


def _as_pays(work) -> Iterator[tuple[str, list[Diagnostic]]]:
    """Check the first files here while timing them, then the rest in one worker per core, or
    here when the work left would not earn the workers' start."""
    timer = FileTimer()
    done = 0
    while done < len(work) and (done < 3 or timer.seconds() < PROBE_SECONDS):
        yield _check_one(work[done])
        timer.file_done()
        done += 1
    rest = work[done:]
    workers = pool_size(_cores(), timer.seconds_per_file(), len(rest))
    if workers <= 1:
        yield from map(_check_one, rest)
    else:
        yield from _in_processes(rest, workers)


def pool_size(cores: int, seconds_per_file: float, files: int) -> int:
    """Workers for `files` files taking `seconds_per_file` each in one process: one per core,
    and none when the work is under POOL_MIN_SECONDS."""
    if cores <= 1 or seconds_per_file * files < POOL_MIN_SECONDS:
        return 1
    return min(cores, files)


class FileTimer:
    """How long the files checked so far took, each."""

    def __init__(self) -> None:
        self.started = self.last = time.monotonic()
        self.durations: list[float] = []

    def seconds(self) -> float:
        return time.monotonic() - self.started

    def file_done(self) -> None:
        now = time.monotonic()
        self.durations.append(now - self.last)
        self.last = now

    def seconds_per_file(self) -> float:
        """The median time of a file, leaving out the first: what is loaded once (the drug names
        with the first file, cn2an with the first Chinese numeral) says nothing of the rest."""
        timed = sorted(self.durations[1:] or self.durations or [0.0])
        middle = len(timed) // 2  # the median, without importing statistics (7 ms of start-up) for it
        return timed[middle] if len(timed) % 2 else (timed[middle - 1] + timed[middle]) / 2


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may use (a container's share)
    except AttributeError:
        return os.cpu_count() or 1


def _warm(work) -> None:
    """Build once, before the workers fork, what each would otherwise build for itself: the
    schema validator, and the lazy tables of the selected rules (the pronunciation tables of
    PLS001, the drug names of ARM009: a few tenths of a second each, for nothing when the rule
    is not selected). Then everything built so far is moved out of the garbage collector's
    reach (gc.freeze, as Python's documentation advises before a fork): the tables live as long
    as the process, and a collection in a worker would otherwise write to every one of their
    objects, copying the parent's pages it shares, and walk them all again at each full pass."""
    import gc

    schema.validator()
    configs = {id(config): config for _, config in work}.values()
    for rule in checks():
        if rule.tables and any(config.enabled(rule.code) for config in configs):
            for table in rule.tables:
                table()
    gc.freeze()


def _in_processes(work, jobs: int) -> Iterator[tuple[str, list[Diagnostic]]]:
    """Check in worker processes, in order, surviving a worker that dies.

    A worker killed by the operating system (a crash in a C library, the out-of-memory
    killer) breaks the whole pool: its batches are then checked one file per process, so the
    file that kills its process is named in a YML009 diagnostic and every other file is
    still checked; the rest of the run goes on in a fresh pool.
    """
    import multiprocessing
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    _warm(work)
    size = max(1, min(32, len(work) // (jobs * 16)))
    remaining = deque(work[i:i + size] for i in range(0, len(work), size))
    window = jobs * 4  # batches in flight: results are handed back in order, memory stays flat
    context = multiprocessing.get_context("fork")
    while remaining:
        in_flight: deque = deque()
        with ProcessPoolExecutor(jobs, mp_context=context) as pool:
            try:
                while remaining or in_flight:
                    while remaining and len(in_flight) < window:
                        # submit raises BrokenProcessPool when a worker died since the last
                        # result: the batch is taken off `remaining` only once it is in flight
                        future = pool.submit(_check_batch, remaining[0])
                        in_flight.append((remaining.popleft(), future))
                    results = in_flight[0][1].result()
                    in_flight.popleft()
                    yield from results
            except BrokenProcessPool:
                pass
        for batch, _future in in_flight:
            for item in batch:
                yield _check_alone(item, context)


def _check_alone(item, context) -> tuple[str, list[Diagnostic]]:
    """One file in a process of its own; a YML009 diagnostic if that process dies."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    with ProcessPoolExecutor(1, mp_context=context) as pool:
        try:
            return pool.submit(_check_one, item).result()
        except BrokenProcessPool:
            path = item[0]
            return path, [Diagnostic(path, 1, 1, CRASHED, Severity.ERROR,
                                     "the checker's process died while checking this file (a crash in a library "
                                     "it uses); the file was not checked; please report it with the file")]
