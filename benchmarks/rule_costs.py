"""Where validation time goes, per stage and per rule, over many distinct files.

    python benchmarks/rule_costs.py [--set corpus|examples|both] [--top 25] [--profile N]

Runs in one process what `protocol validate --jobs 1` runs, with a timer around each stage:
reading the bytes, YAML load, schema, then every rule (in catalogue order, as the engine runs
them; a reading shared by several rules through `Document.cached` is paid by the first rule
that asks, and is named in the profile). File sets:

  * corpus    the 1,940 registry records imported to YAML (.cache/corpus, made by
              benchmarks/corpus_report.py): distinct real documents, no text seen twice;
  * examples  the example protocols (protocols/), as benchmarks/validate_bench.py copies them.

Prints ms per file for each stage and rule, and per family. `--profile N` adds the N costliest
functions (cProfile, cumulative) of the rule stage.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit import engine, schema  # noqa: E402
from toolkit.document.load import MAX_FILE_BYTES, load_bytes  # noqa: E402
from toolkit.files import read_regular  # noqa: E402
from toolkit.rules import checks  # noqa: E402
from toolkit.settings import RuleConfig  # noqa: E402


def files_of(name: str) -> list[Path]:
    if name == "corpus":
        found = sorted((ROOT / ".cache" / "corpus").glob("*.yaml"))
        if not found:
            raise SystemExit("no .cache/corpus: run benchmarks/corpus_report.py --sample 0 first")
        return found
    examples = sorted((ROOT / "protocols").glob("*.yaml"))
    return [examples[i % len(examples)] for i in range(1000)]


def measure(paths: list[Path], profile: cProfile.Profile | None) -> dict[str, float]:
    costs: dict[str, float] = defaultdict(float)
    config = RuleConfig()
    rules = [r for r in checks() if config.enabled(r.code) and not r.compares]  # as validate without --since
    schema.validator()
    clock = time.process_time  # CPU time: the machine is shared, wall time would count the neighbours
    for path in paths:
        t0 = clock()
        raw = read_regular(str(path), MAX_FILE_BYTES)
        t1 = clock()
        loaded = load_bytes(raw, str(path))
        t2 = clock()
        costs["read"] += t1 - t0
        costs["yaml load"] += t2 - t1
        if loaded.document is None:
            continue
        doc = loaded.document
        schema.check(doc)
        t3 = clock()
        costs["schema"] += t3 - t2
        if profile:
            profile.enable()
        for rule in rules:
            started = clock()
            engine._run(rule, doc, config)
            costs[rule.code] += clock() - started
        if profile:
            profile.disable()
    return costs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="both", choices=("corpus", "examples", "both"))
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--profile", type=int, default=0)
    args = parser.parse_args()
    for name in (("corpus", "examples") if args.set == "both" else (args.set,)):
        paths = files_of(name)
        profile = cProfile.Profile() if args.profile else None
        measure(paths[:20], None)  # lazy tables and imports, as the engine's warm-up does
        costs = measure(paths, profile)
        n = len(paths)
        stages = {k: v for k, v in costs.items() if k in ("read", "yaml load", "schema")}
        rules = {k: v for k, v in costs.items() if k not in stages}
        families: dict[str, float] = defaultdict(float)
        for code, spent in rules.items():
            families[code[:3]] += spent
        print(f"\n== {name}: {n} files; ms per file")
        for label, spent in [*stages.items(), ("rules", sum(rules.values()))]:
            print(f"  {label:10} {1000 * spent / n:7.3f}")
        print("  families: " + ", ".join(f"{f} {1000 * s / n:.3f}" for f, s in
                                       sorted(families.items(), key=lambda kv: -kv[1])))
        print("  rules:    " + ", ".join(f"{c} {1000 * s / n:.3f}" for c, s in
                                       sorted(rules.items(), key=lambda kv: -kv[1])[:args.top]))
        if profile:
            pstats.Stats(profile).sort_stats("cumulative").print_stats(args.profile)


if __name__ == "__main__":
    main()
