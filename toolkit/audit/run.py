"""`protocol audit`: check every record of a registry download, in parallel, resumably.

Each record is imported in memory (nothing written unless asked), checked with every rule,
and its findings appended as one JSON line to `findings.jsonl` as soon as the records before
it are done, so the file is always a prefix of the final, stably ordered result. Stopping the
run (Ctrl-C, a killed job) loses at most the line being written: the next run with the same
sources reads what is there, drops a torn last line, and checks only the records not yet done.
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from toolkit import __version__
from toolkit.ctgov.sources import PROTOCOL_SUFFIXES, RECORD_SUFFIXES, Source, enumerate_sources

FINDINGS = "findings.jsonl"
MANIFEST = "audit.json"
SUMMARY = "summary.json"
REPORT = "report.html"
OUTPUTS = (FINDINGS, MANIFEST, SUMMARY, REPORT)


class AuditError(ValueError):
    """The audit cannot start (exit status 2)."""


@dataclass(frozen=True)
class Plan:
    """What a run has to do: every source, and the ones already done by an earlier run."""

    sources: list[Source]
    done: int
    out_dir: Path

    @property
    def todo(self) -> list[Source]:
        return self.sources[self.done:]


def plan(paths: list[str], out_dir: Path, fresh: bool) -> Plan:
    """Enumerate the sources and decide where to start: at 0, or after the records done before."""
    sources = list(enumerate_sources(paths, RECORD_SUFFIXES + PROTOCOL_SUFFIXES))
    if not sources:
        raise AuditError("no records found (looked for *.json, *.xml, *.yaml, *.yml, in folders and .zip archives)")
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest = {"version": 1, "toolkit": __version__, "sources": sorted(os.path.abspath(p) for p in paths),
                "records": len(sources)}
    manifest_path, findings_path = out_dir / MANIFEST, out_dir / FINDINGS
    ours = _read_json(manifest_path) == manifest
    if not fresh and not ours and any((out_dir / name).exists() for name in OUTPUTS):
        raise AuditError(f"{out_dir} holds files of another audit (other sources or toolkit version) or "
                         f"not written by one; use --fresh to replace {', '.join(OUTPUTS)} there")
    if findings_path.exists() and not fresh:
        done = _complete_lines(findings_path)
        if done > len(sources):
            raise AuditError(f"{findings_path} has more records than the sources; use --fresh to start over")
        return Plan(sources, done, out_dir)
    _write_json(manifest_path, manifest)
    findings_path.write_text("", encoding="utf-8")
    return Plan(sources, 0, out_dir)


def _read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_json(path: Path, data) -> None:
    from toolkit.files import write_atomic

    write_atomic(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n", force=True)


def _complete_lines(path: Path) -> int:
    """How many whole lines `path` holds; a torn last line (an interrupted write) is cut off."""
    data = path.read_bytes()
    end = data.rfind(b"\n") + 1
    if end != len(data):
        with path.open("r+b") as handle:
            handle.truncate(end)
    return data[:end].count(b"\n")


def execute(run: Plan, jobs: int, yaml_dir: Path | None = None,
            on_record: Callable[[dict], None] = lambda row: None) -> int:
    """Check the records not yet done, appending one line each; returns how many were checked."""
    checked = 0
    check = functools.partial(audit_record, yaml_dir=yaml_dir)
    with (run.out_dir / FINDINGS).open("a", encoding="utf-8") as out:
        for row in _results(run.todo, jobs, check):
            out.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")
            out.flush()
            checked += 1
            on_record(row)
    return checked


def _results(sources: list[Source], jobs: int, check: Callable[[Source], dict]) -> Iterator[dict]:
    if jobs <= 1 or len(sources) < 4 * jobs:
        yield from map(check, sources)
        return
    import multiprocessing

    from toolkit import schema

    schema.validator()  # compiled once, inherited by the forked workers
    chunk = max(1, min(64, len(sources) // (jobs * 32)))
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        yield from pool.imap(check, sources, chunksize=chunk)


_YEAR = re.compile(r"^(\d{4})")


_SAFE_NAME = re.compile(r"[^A-Za-z0-9_-]+")


def audit_record(source: Source, yaml_dir: Path | None = None) -> dict:
    """One JSON line: the record's identity, status, registration year and findings, or its failure.

    With `yaml_dir`, an imported record's YAML is also written there, named by its NCT id (or
    its file name, made safe), never replacing a file.
    """
    from toolkit.document.load import load_bytes
    from toolkit.engine import check_document

    row: dict = {"record": source.label}
    try:
        raw = source.read()
        if source.suffix in PROTOCOL_SUFFIXES:
            loaded = load_bytes(raw, source.label)
            positions = True
        else:
            from toolkit.ctgov.importer import parse_record
            from toolkit.document.dump import as_loaded, dump
            from toolkit.document.load import LoadResult
            from toolkit.document.model import Document

            protocol, _notes = parse_record(raw)
            # Checked as the imported YAML would be, without writing and re-reading it (most of
            # an import's time): nobody opens that file, so its lines would only mislead.
            loaded = LoadResult(Document.from_data(source.label, as_loaded(protocol)), [])
            if yaml_dir is not None:
                row["yaml"] = _write_yaml(yaml_dir, protocol.get("id"), source, dump(protocol))
            positions = False
        if loaded.document is None:
            row["findings"] = [_finding(d, True) for d in loaded.diagnostics]
            return row
        data = loaded.document.data
        status: dict = data["status"] if isinstance(data.get("status"), dict) else {}
        registered = _YEAR.match(str(status.get("first_submitted") or ""))
        row.update({
            "id": data.get("id"),
            "status": status.get("overall") or ("unknown" if status.get("last_known") else None)
            or ("withheld" if status.get("withheld") else None),
            "registered": int(registered.group(1)) if registered else None,
            "findings": [_finding(d, positions) for d in check_document(loaded.document)],
        })
    except Exception as err:  # one bad record is reported, never fatal to the audit
        row["error"] = f"{type(err).__name__}: {err}"[:500]
    return row


def _write_yaml(yaml_dir: Path, record_id, source: Source, text: str) -> str:
    from toolkit.files import write_atomic

    stem = record_id if isinstance(record_id, str) and re.fullmatch(r"NCT\d{8}", record_id) else source.stem
    name = (_SAFE_NAME.sub("_", stem).strip("_") or "record")[:100]
    target = yaml_dir / f"{name}.yaml"
    try:
        write_atomic(target, text, force=False)
    except (FileExistsError, OSError) as err:  # the findings still count; the file is not replaced
        return f"not written: {err}"
    return str(target)


def _finding(diagnostic, positions: bool) -> dict:
    found = {"rule": diagnostic.rule, "severity": diagnostic.severity.value, "path": diagnostic.path,
             "message": diagnostic.message}
    if positions:
        found.update(line=diagnostic.line, column=diagnostic.column)
    return found


def rows(out_dir: Path) -> Iterator[dict]:
    """The findings file, one record at a time (it may hold hundreds of thousands)."""
    with (out_dir / FINDINGS).open(encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)
