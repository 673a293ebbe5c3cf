"""The PRS round trip over the real corpus, as figures: per corpus part, how many records export
to a PRS upload the schema accepts and how many are refused (by the protocol key to fill), and
which fields of the original records the uploads do not say, with counts.

    python benchmarks/prs_roundtrip.py [--corpus ../shared/corpus]

The test suite holds the same run to its limits (tests/ctgov/test_prs_corpus.py); this prints
the numbers behind it.
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "ctgov")]

from prs_roundtrip import run  # noqa: E402
from prs_schema import schema_errors  # noqa: E402

PARTS = ["ctgov-json/*.json", "ctgov-xml/*.xml", "registry/json/*.json", "registry/xml/*.xml"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    args = parser.parse_args()
    started = time.perf_counter()
    compared, losses, missing = collections.Counter(), collections.Counter(), collections.Counter()
    print("| part | records | valid PRS XML | refused (keys named) | invalid XML |\n| --- | --- | --- | --- | --- |")
    for part in PARTS:
        result = run(sorted(args.corpus.glob(part)), schema_errors)
        print(f"| {part.split('/*')[0]} | {result.records} | {result.valid} | {result.refused} | {len(result.invalid)} |")
        compared.update(result.compared)
        losses.update(result.losses)
        missing.update(result.missing)
    print("\nRefusals, by the key named (records):")
    for key, count in missing.most_common():
        print(f"  {key}: {count}")
    print(f"\nRound trip of the valid uploads: {len(compared)} fields compared; differences (records / records holding the field):")
    for (key, how), count in losses.most_common():
        print(f"  {key} {how}: {count} / {compared[key]}")
    print(f"\n{time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
