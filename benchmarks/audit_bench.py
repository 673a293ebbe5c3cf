"""Registry-scale speed: `protocol import` and `protocol audit` on the real corpus.

    python benchmarks/audit_bench.py [--corpus ../shared/corpus] [--rounds 3]

In one interleaved run (round by round, so that a busy minute on this shared machine hits
every variant alike), as separate processes like a user would run them:

  * import, before: PyYAML's pure-Python writer, one process (what `protocol import` did)
  * import, after:  libyaml's writer, --jobs 1 and --jobs 2 (folders as input)
  * audit:          --jobs 1 and --jobs 2, records per second and per second per core

Prints medians and what the figure means for the whole registry (~560,000 records).
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
REGISTRY_RECORDS = 560_000

# The import as it was before libyaml's writer: the same command with the pure-Python writer.
BEFORE = """
import sys
from toolkit.document import dump
dump._Dumper = dump._PyDumper
dump.dump.__defaults__ = ((), dump._PyDumper)
from toolkit.cli import main
sys.argv = ["protocol", "import", *sys.argv[1:]]
main()
"""


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):  # 1: some records could not be imported, as expected
        raise SystemExit(f"{' '.join(command[:4])}... exited {done.returncode}:\n{done.stderr[-2000:]}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    records = sum(1 for p in args.corpus.rglob("*") if p.suffix in (".json", ".xml"))
    protocol = str(BIN / "protocol")
    work = Path(tempfile.mkdtemp(prefix="audit-bench-"))
    variants = {
        "import before (pure-Python writer, 1 process)": lambda out: [sys.executable, "-c", BEFORE, str(args.corpus), "-o", out, "--jobs", "1"],
        "import after --jobs 1": lambda out: [protocol, "import", str(args.corpus), "-o", out, "--jobs", "1"],
        "import after --jobs 2": lambda out: [protocol, "import", str(args.corpus), "-o", out, "--jobs", "2"],
        "audit --jobs 1": lambda out: [protocol, "audit", str(args.corpus), "-o", out, "--jobs", "1"],
        "audit --jobs 2": lambda out: [protocol, "audit", str(args.corpus), "-o", out, "--jobs", "2"],
    }
    times: dict[str, list[float]] = {name: [] for name in variants}
    try:
        for round_ in range(args.rounds):
            for name, command in variants.items():
                out = work / f"{round_}-{len(times[name])}-{name.split()[0]}"
                times[name].append(timed(command(str(out))))
                shutil.rmtree(out, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{records:,} corpus records, {args.rounds} interleaved rounds, {os.cpu_count()} cores; medians:")
    print(f"{'variant':48} {'seconds':>8} {'records/s':>10} {'per core':>9} {'registry':>9}")
    for name, values in times.items():
        seconds = statistics.median(values)
        cores = 2 if "--jobs 2" in name else 1
        rate = records / seconds
        registry_hours = REGISTRY_RECORDS / rate / 3600
        print(f"{name:48} {seconds:8.2f} {rate:10.0f} {rate / cores:9.0f} {registry_hours:8.2f}h")
    return 0


if __name__ == "__main__":
    sys.exit(main())
