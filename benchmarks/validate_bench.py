"""Validation speed: `protocol validate` side by side with check-jsonschema, interleaved.

    python benchmarks/validate_bench.py [--sizes 50,200,2000] [--rounds 5] [--scale] [--busy]
                                        [--sets examples,corpus] [--pool]

Two file sets, each in temporary folders:

  * examples  copies of the example protocols (protocols/), only the id changed: the same five
              texts over and over, so anything cached by text across files flatters it;
  * corpus    distinct real documents: the registry corpus imported to YAML (.cache/corpus,
              made by benchmarks/corpus_report.py), a fixed random sample of it below 1,940
              files; above (10,000) the corpus repeated with distinct ids, so each text
              comes back about five times.

Round by round (so that a busy minute on this shared machine hits every variant alike), times
as separate processes, like a user would run them:

  * check-jsonschema --schemafile schemas/protocol.schema.json FILES  (schema only; with
    ruamel.yaml.clib, its fast setup; it reports no line or column)
  * protocol validate FOLDER            (YAML + schema + every rule, the default worker choice)
  * protocol validate FOLDER --jobs 1   (the same in one process)
  * protocol validate FOLDER --jobs 2   (with --pool: two workers whatever the load)
  * protocol validate FOLDER --select YML,SCH  (with --floor: reading and the schema, no rule;
    what validation costs before any rule, so the least a ratio can be)
  * cold start on one file for both tools

and prints, per set and size, the median of the per-round ratios: protocol ÷ check-jsonschema
and default ÷ --jobs 1. `--scale` adds 10,000 files; `--busy` repeats every round with a
CPU-bound process holding one core, as when a CI runner or an editor is busy beside it
(except at 10,000 files, measured once, idle).
`make bench` runs it with --scale --busy.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


CORPUS = ROOT / ".cache" / "corpus"


def sources(file_set: str, count: int) -> list[Path]:
    """The documents to copy, `count` of them (repeating when the set is smaller)."""
    if file_set == "examples":
        found = sorted((ROOT / "protocols").glob("*.yaml"))
    else:
        if not any(CORPUS.glob("*.yaml")):
            subprocess.run([sys.executable, str(ROOT / "benchmarks" / "corpus_report.py"), "--sample", "0"],
                           cwd=ROOT, check=True, capture_output=True)
        found = sorted(CORPUS.glob("*.yaml"))
        if count < len(found):
            found = sorted(random.Random(15).sample(found, count))  # the same sample every run
    return [found[index % len(found)] for index in range(count)]


def make_copies(target: Path, file_set: str, copies: int) -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    files = []
    for index, source in enumerate(sources(file_set, copies)):
        text = source.read_text(encoding="utf-8")
        stated = next(line for line in text.splitlines() if line.startswith("id: "))
        text = text.replace(stated, f"{stated}-copy{index:05d}", 1)  # distinct ids, as in a real folder
        path = target / f"p{index:05d}.yaml"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    return files


CPU: dict[tuple, float] = {}  # command -> CPU seconds (user + system) of its last run, workers included


def timed(command: list[str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU[tuple(command)] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    shown = [Path(part).name if "/" in part else part for part in command[:2] + command[-3:]]
    print(f"{elapsed:8.3f} s  cpu {CPU[tuple(command)]:8.3f} s  {' '.join(shown)}", file=sys.stderr, flush=True)
    if done.returncode not in (0, 1):  # 1: findings (some real records have errors), not a failure to run
        raise SystemExit(f"{' '.join(command[:3])}... exited {done.returncode}:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return elapsed


def _burn(stop) -> None:
    while not stop.is_set():
        sum(range(10_000))


@contextmanager
def one_core_busy(busy: bool):
    """A CPU-bound process beside the measured command (or nothing)."""
    if not busy:
        yield
        return
    stop = multiprocessing.Event()
    burner = multiprocessing.Process(target=_burn, args=(stop,), daemon=True)
    burner.start()
    try:
        time.sleep(0.2)
        yield
    finally:
        stop.set()
        burner.join()


def check_clib() -> None:
    probe = subprocess.run([str(BIN / "python"), "-c", "import _ruamel_yaml"], capture_output=True)
    if probe.returncode != 0:
        raise SystemExit("ruamel.yaml.clib is not installed: check-jsonschema would run its slow setup")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50,200,2000")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--scale", action="store_true", help="also 10,000 files")
    parser.add_argument("--busy", action="store_true", help="also with one core busy")
    parser.add_argument("--sets", default="examples,corpus", help="file sets: examples, corpus")
    parser.add_argument("--pool", action="store_true", help="also --jobs 2 (two workers whatever the load)")
    parser.add_argument("--floor", action="store_true",
                        help="also --select YML,SCH: reading and the schema alone, no rule (the floor any rule set adds to)")
    args = parser.parse_args()
    check_clib()
    sizes = [int(s) for s in args.sizes.split(",")] + ([10_000] if args.scale else [])
    file_sets = args.sets.split(",")
    protocol, cjs = str(BIN / "protocol"), str(BIN / "check-jsonschema")
    schema = str(ROOT / "schemas" / "protocol.schema.json")
    conditions = ["idle"] + (["one core busy"] if args.busy else [])
    variants = {"default": [], "jobs 1": ["--jobs", "1"], **({"jobs 2": ["--jobs", "2"]} if args.pool else {}),
                **({"no rules": ["--select", "YML,SCH"]} if args.floor else {})}
    extra = [v for v in variants if v not in ("default", "jobs 1")]
    work = Path(tempfile.mkdtemp(prefix="protocol-bench-"))
    results: dict[tuple, list[float]] = {}
    cpu: dict[tuple, list[float]] = {}  # CPU seconds: steadier than wall time on a shared machine
    try:
        folders = {(file_set, n): (work / f"{file_set}-{n}", [str(p) for p in make_copies(work / f"{file_set}-{n}", file_set, n)])
                   for file_set in file_sets for n in sizes}
        one = folders[(file_sets[0], sizes[0])][1][:1]
        for round_ in range(args.rounds):
            for condition in conditions:
                with one_core_busy(condition != "idle"):
                    for (file_set, n), (folder, files) in folders.items():
                        if n >= 10_000 and (round_ >= 1 or condition != "idle"):
                            continue  # 10,000 files: one round, idle only (each takes minutes)
                        if n >= 200:
                            command = [cjs, "--schemafile", schema, *files]
                            results.setdefault((condition, file_set, n, "check-jsonschema"), []).append(timed(command))
                            cpu.setdefault((condition, file_set, n, "check-jsonschema"), []).append(CPU[tuple(command)])
                        for variant, options in variants.items():
                            command = [protocol, "validate", str(folder), *options]
                            results.setdefault((condition, file_set, n, variant), []).append(timed(command))
                            cpu.setdefault((condition, file_set, n, variant), []).append(CPU[tuple(command)])
                    results.setdefault((condition, "-", 1, "check-jsonschema"), []).append(timed([cjs, "--schemafile", schema, *one]))
                    results.setdefault((condition, "-", 1, "default"), []).append(timed([protocol, "validate", *one]))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; {args.rounds} interleaved rounds "
          f"(at 10,000 files one, idle only); medians, and medians of per-round ratios\n")
    print(f"{'condition':14} {'set':9} {'files':>6} {'check-jsonschema':>17} {'default':>9} {'--jobs 1':>9} "
          + "".join(f"{v:>9} " for v in extra) + f"{'default/cjs':>12} {'default/jobs1':>14}"
          + "".join(f"{v + '/cjs':>14}" for v in extra))
    for condition in conditions:
        for file_set, n in [("-", 1), *((f, n) for f in file_sets for n in sizes)]:
            key = (condition, file_set, n)
            if (*key, "default") not in results:
                continue  # 10,000 files are measured idle only
            cjs_t = results.get((*key, "check-jsonschema"))
            default = results[(*key, "default")]
            jobs1 = results.get((*key, "jobs 1"))
            ratio_cjs, ratio_jobs = _ratio(default, cjs_t), _ratio(default, jobs1)
            others = "".join(f"{_s(results.get((*key, v))):>9} " for v in extra)
            others_cjs = "".join(f"{_r(_ratio(results.get((*key, v)), cjs_t)):>14}" for v in extra)
            print(f"{condition:14} {file_set:9} {n:6} {_s(cjs_t):>17} {_s(default):>9} {_s(jobs1):>9} {others}"
                  f"{_r(ratio_cjs):>12} {_r(ratio_jobs):>14}{others_cjs}")
    print("\nCPU seconds (user + system, workers included), medians, and the ratio of medians:")
    for condition in conditions:
        for file_set, n in ((f, n) for f in file_sets for n in sizes):
            key = (condition, file_set, n)
            cjs_c, default_c, jobs1_c = (cpu.get((*key, v)) for v in ("check-jsonschema", "default", "jobs 1"))
            ratio = statistics.median(default_c) / statistics.median(cjs_c) if cjs_c and default_c else None
            print(f"{condition:14} {file_set:9} {n:6} {_s(cjs_c):>17} {_s(default_c):>9} {_s(jobs1_c):>9} {_r(ratio):>12}")


def _ratio(values, baseline):
    """The median of per-round ratios, None without both."""
    return statistics.median(v / b for v, b in zip(values, baseline)) if values and baseline else None


def _s(values) -> str:
    return f"{statistics.median(values):.3f} s" if values else "-"


def _r(value) -> str:
    return f"{value:.2f}" if value is not None else "-"


if __name__ == "__main__":
    main()
