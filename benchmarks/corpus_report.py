"""Import and validate the whole real corpus; print each rule's fire rate and a sample to read.

    python benchmarks/corpus_report.py [--corpus ../shared/corpus] [--work .cache/corpus]
                                       [--sample 10] [--seed 11] [--rule AGE002] [--findings out.jsonl]
                                       [--record NCT00090376] [--no-import]

Every record (API v2 JSON, legacy XML) is imported into WORK (one YAML per record, named by
its file name so that two records claiming one NCT id both stay), validated with every rule,
and the findings are counted per rule: findings, records with a finding, and the share of
records. A reproducible random sample of each rule's findings (same seed, same sample) is
printed with the record and the text behind the finding, to be read against the source.
Verdicts go to tests/corpus/verdicts.tsv.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from toolkit.ctgov.importer import read_record  # noqa: E402
from toolkit.document.dump import dump  # noqa: E402
from toolkit.engine import check_file  # noqa: E402


def records(corpus: Path) -> list[Path]:
    """Every record file in the corpus, in a stable order."""
    found = [p for p in corpus.rglob("*") if p.suffix in (".json", ".xml") and p.is_file()]
    return sorted(found, key=lambda p: str(p.relative_to(corpus)))


def import_all(corpus: Path, work: Path) -> tuple[dict[str, Path], dict[str, str]]:
    """Import every record into `work`; (yaml path -> source record), (source -> import error)."""
    work.mkdir(parents=True, exist_ok=True)
    sources: dict[str, Path] = {}
    failures: dict[str, str] = {}
    for record in records(corpus):
        target = work / f"{record.parent.name}-{record.stem}.yaml"
        try:
            protocol, _notes = read_record(str(record))
        except Exception as err:  # reported, never fatal: the report is about every record
            failures[str(record)] = f"{type(err).__name__}: {err}"
            continue
        target.write_text(dump(protocol, ["corpus report"]), encoding="utf-8")
        sources[str(target)] = record
    return sources, failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--work", type=Path, default=ROOT / ".cache" / "corpus")
    parser.add_argument("--sample", type=int, default=10, help="findings to show per rule")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--rule", action="append", default=[], help="only these codes (repeatable)")
    parser.add_argument("--findings", type=Path, help="write every finding here as JSON lines")
    parser.add_argument("--record", action="append", default=[],
                        help="only records whose file name contains this (an NCT id; repeatable)")
    parser.add_argument("--no-import", action="store_true", help="reuse the YAML already in --work")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    if args.no_import:
        sources = {str(p): p for p in sorted(args.work.glob("*.yaml"))}
        failures: dict[str, str] = {}
    else:
        sources, failures = import_all(args.corpus, args.work)
    if args.record:
        sources = {target: source for target, source in sources.items() if any(r in Path(source).name for r in args.record)}
    imported = time.perf_counter()
    by_rule: dict[str, list[dict]] = collections.defaultdict(list)
    out = args.findings.open("w", encoding="utf-8") if args.findings else None
    for target, source in sources.items():
        for d in check_file(target):
            if args.rule and d.rule not in args.rule:
                continue
            row = d.as_dict() | {"record": str(source)}
            by_rule[d.rule].append(row)
            if out:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    if out:
        out.close()
    checked = time.perf_counter()

    total = len(sources)
    print(f"{total} records imported in {imported - started:.1f} s, checked in {checked - imported:.1f} s; "
          f"{len(failures)} failed to import")
    for source, error in failures.items():
        print(f"  import failed: {source}: {error}")
    print(f"\n{'rule':8} {'severity':8} {'findings':>8} {'records':>8} {'share':>7}")
    for code in sorted(by_rule):
        rows = by_rule[code]
        files = len({r["file"] for r in rows})
        print(f"{code:8} {rows[0]['severity']:8} {len(rows):8} {files:8} {files / max(total, 1):7.1%}")
    severities: dict[str, list[dict]] = collections.defaultdict(list)
    for rows in by_rule.values():
        severities[rows[0]["severity"]].extend(rows)
    print(f"\n{'severity':8} {'findings':>8} {'records':>8} {'share':>7}")
    for severity in ("error", "warning", "info"):
        rows = severities.get(severity, [])
        files = len({r["file"] for r in rows})
        print(f"{severity:8} {len(rows):8} {files:8} {files / max(total, 1):7.1%}")
    rng = random.Random(args.seed)
    for code in sorted(by_rule):
        rows = by_rule[code]
        shown = rows if len(rows) <= args.sample else rng.sample(rows, args.sample)
        print(f"\n## {code}: {len(shown)} of {len(rows)}")
        for row in shown:
            print(f"- {Path(row['record']).relative_to(args.corpus) if args.corpus in Path(row['record']).parents else row['record']}"
                  f" {row['path']} (line {row['line']}): {row['message']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
