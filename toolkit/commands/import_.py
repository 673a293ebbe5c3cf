"""`protocol import`: every record under the SOURCES, in order, in parallel when it pays."""

from __future__ import annotations

import functools
from collections.abc import Iterator

import click

from toolkit.commands.progress import progress
from toolkit.ctgov.importer import Imported, import_source
from toolkit.ctgov.sources import Source, enumerate_sources

# Importing a record costs ~3-5 ms; below this many a pool's start-up costs more than it saves.
PARALLEL_FROM = 64


def run(paths: list[str], out_dir: str, force: bool, jobs: int) -> int:
    """Import every record; print one line per record (and what was not carried); exit status."""
    sources = list(enumerate_sources(paths))
    if not sources:
        click.echo("protocol: no records found (looked for *.json and *.xml, in folders and .zip archives)", err=True)
        return 1
    failed = 0
    with progress(len(sources), "importing") as bar:
        for result in (r for results in _imported(sources, out_dir, force, jobs) for r in _counted(results, bar)):
            if result.error:
                failed += 1
                click.echo(f"{result.source}: error: {result.error}", err=True)
                continue
            click.echo(f"{result.source} -> {result.target}" + (f" ({len(result.notes)} not carried)" if result.notes else ""))
            for note in result.notes:
                click.echo(f"  not carried: {note}" if not note.startswith("not carried") else f"  {note}")
    return 1 if failed else 0


def _counted(results: list[Imported], bar) -> list[Imported]:
    """The studies of one source (a classic response may hold several); the bar counts sources."""
    if bar:
        bar.update(1)
    return results


def _imported(sources: list[Source], out_dir: str, force: bool, jobs: int) -> Iterator[list[Imported]]:
    work = functools.partial(import_source, out_dir=out_dir, force=force)
    if jobs <= 1 or len(sources) < PARALLEL_FROM:
        yield from map(work, sources)
        return
    import multiprocessing

    chunk = max(1, min(64, len(sources) // (jobs * 32)))
    with multiprocessing.get_context("fork").Pool(min(jobs, len(sources))) as pool:
        yield from pool.imap(work, sources, chunksize=chunk)

