"""Validation speed: `protocol validate` side by side with check-jsonschema, in one run.

    python benchmarks/validate_bench.py [--copies 500] [--repeat 5] [--scale]

`--scale` adds the registry-scale run: 2,000 files for both tools, and the peak memory of
`protocol validate` at 200 and 2,000 files (largest process, workers included).

Makes N copies of the example protocols (distinct ids) in a temporary folder, then times,
as separate processes like a user would run them:

  * check-jsonschema --schemafile schemas/protocol.schema.json FILES  (schema only; with
    ruamel.yaml.clib, its fast setup; it reports no line or column)
  * protocol validate FOLDER --select SCH   (YAML + schema, with line and column)
  * protocol validate FOLDER                (YAML + schema + every rule)
  * the same with --jobs 1, to show what the second core buys
  * cold start on one file for both tools

Prints medians of --repeat runs and the ratios. Run it with `make bench`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def make_copies(target: Path, copies: int) -> list[Path]:
    examples = sorted((ROOT / "protocols").glob("*.yaml"))
    files = []
    for index in range(copies):
        source = examples[index % len(examples)]
        text = source.read_text(encoding="utf-8").replace(
            f"id: {source.stem}", f"id: {source.stem}-copy{index:05d}", 1
        )
        path = target / f"p{index:05d}.yaml"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    return files


def timed(command: list[str], repeat: int) -> float:
    """Median wall time of `repeat` runs; every run must succeed (exit 0)."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        times.append(time.perf_counter() - started)
        if done.returncode not in (0,):
            raise SystemExit(f"{' '.join(command[:3])}... exited {done.returncode}:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return statistics.median(times)


def peak_rss_mib(command: list[str]) -> float:
    """Peak resident memory of the largest process `command` starts, measured in a fresh
    intermediary so that earlier runs do not count."""
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], capture_output=True); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    done = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True, check=True)
    return int(done.stdout.strip()) / 1024


def check_clib() -> None:
    probe = subprocess.run([str(BIN / "python"), "-c", "import _ruamel_yaml"], capture_output=True)
    if probe.returncode != 0:
        raise SystemExit("ruamel.yaml.clib is not installed: check-jsonschema would run its slow setup")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--scale", action="store_true", help="also 2,000 files and peak memory")
    args = parser.parse_args()
    check_clib()
    protocol = str(BIN / "protocol")
    cjs = str(BIN / "check-jsonschema")
    schema = str(ROOT / "schemas" / "protocol.schema.json")
    work = Path(tempfile.mkdtemp(prefix="protocol-bench-"))
    try:
        files = [str(p) for p in make_copies(work, args.copies)]
        one = files[:1]
        n = args.copies
        scale_rows, memory = [], []
        if args.scale:
            big = Path(tempfile.mkdtemp(prefix="protocol-bench-2000-"))
            try:
                big_files = [str(p) for p in make_copies(big, 2000)]
                small = Path(tempfile.mkdtemp(prefix="protocol-bench-200-"))
                make_copies(small, 200)
                repeat = max(1, args.repeat // 2)
                scale_rows = [
                    ("check-jsonschema, 2000 files (schema only)", timed([cjs, "--schemafile", schema, *big_files], repeat)),
                    ("protocol validate, 2000 files, schema + rules", timed([protocol, "validate", str(big)], repeat)),
                ]
                memory = [(n, peak_rss_mib([protocol, "validate", str(folder)])) for n, folder in ((200, small), (2000, big))]
                memory.append(("2000, check-jsonschema", peak_rss_mib([cjs, "--schemafile", schema, *big_files])))
            finally:
                shutil.rmtree(big, ignore_errors=True)
                shutil.rmtree(small, ignore_errors=True)
        rows = [
            (f"check-jsonschema, {n} files (schema only)", timed([cjs, "--schemafile", schema, *files], args.repeat)),
            (f"protocol validate, {n} files, schema only (--select SCH)", timed([protocol, "validate", str(work), "--select", "SCH"], args.repeat)),
            (f"protocol validate, {n} files, schema + rules", timed([protocol, "validate", str(work)], args.repeat)),
            (f"protocol validate, {n} files, schema + rules, --jobs 1", timed([protocol, "validate", str(work), "--jobs", "1"], args.repeat)),
            ("check-jsonschema, 1 file (cold start)", timed([cjs, "--schemafile", schema, *one], args.repeat * 2)),
            ("protocol validate, 1 file (cold start)", timed([protocol, "validate", *one], args.repeat * 2)),
        ]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; medians of {args.repeat} runs "
          f"({args.repeat * 2} for cold starts)\n")
    width = max(len(name) for name, _ in rows)
    for name, seconds in rows:
        print(f"  {name:<{width}}  {seconds:7.3f} s")
    base = rows[0][1]
    print()
    for name, seconds in rows[1:4]:
        print(f"  check-jsonschema / {name.split(', ', 1)[1]}: {base / seconds:.1f}x")
    print(f"  cold start, check-jsonschema / protocol: {rows[4][1] / rows[5][1]:.1f}x")
    if scale_rows:
        print()
        for name, seconds in scale_rows:
            print(f"  {name:<{width}}  {seconds:7.3f} s")
        print(f"  check-jsonschema / protocol validate (schema + rules), 2000 files: {scale_rows[0][1] / scale_rows[1][1]:.1f}x")
        print()
        for n, mib in memory:
            print(f"  peak memory, {n} files: {mib:.0f} MiB")


if __name__ == "__main__":
    main()
