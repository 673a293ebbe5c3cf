"""`protocol audit`: plan, check (resumably, in parallel), then summarise and report."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import TextIO

from toolkit.audit.run import FINDINGS, REPORT, SUMMARY, execute, plan, rows
from toolkit.commands.progress import progress


def run(paths: list[str], out_dir: Path, jobs: int, fresh: bool, yaml_dir: Path | None, stream: TextIO) -> int:
    """Audit `paths` into `out_dir`; returns the exit status (0: the audit ran, whatever it found).

    Raises AuditError or SourceError before anything is checked when it cannot start.
    """
    from toolkit.audit.report import report
    from toolkit.audit.summary import summarise
    from toolkit.files import write_atomic

    work = plan(paths, out_dir, fresh)
    if work.done:
        stream.write(f"resuming: {work.done:,} of {len(work.sources):,} records already checked\n")
    started = time.perf_counter()
    with progress(len(work.todo), "auditing") as bar:
        checked = execute(work, jobs, yaml_dir, on_record=(lambda row: bar.update(1)) if bar else (lambda row: None))
    elapsed = time.perf_counter() - started
    summary = summarise(rows(out_dir))
    write_atomic(out_dir / SUMMARY, json.dumps(summary, ensure_ascii=False, indent=2) + "\n", force=True)
    write_atomic(out_dir / REPORT, report(summary, [str(p) for p in paths]), force=True)
    rate = f" ({checked / elapsed:,.0f} records/s)" if checked and elapsed > 0 else ""
    errors = sum(r["findings"] for r in summary["rules"] if r["severity"] == "error")
    stream.write(
        f"{summary['records']:,} records ({checked:,} checked now{rate}, {summary['failed']:,} unreadable): "
        f"{errors:,} errors; wrote {out_dir / FINDINGS}, {out_dir / SUMMARY}, {out_dir / REPORT}\n"
    )
    return 0

