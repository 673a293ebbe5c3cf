"""Each rule's fire rate on the corpus and its precision as judged in tests/corpus/verdicts.tsv.

    python benchmarks/precision_table.py [--findings f.jsonl] [--corpus ../shared/corpus]
                                         [--codes OUT NAR ARM009 ...] [--format markdown|tsv]

Without --findings it runs benchmarks/corpus_report.py first (import and validate every record,
~2 min) and reads the findings it writes. Nothing in the table is typed by hand:

- records: records with at least one finding of the code, out of every record in the corpus;
  findings: how many findings;
- judged / true: the verdict rows of the code, and how many were judged true; "as judged" is
  true / judged. A row judged false stays in the file after the mechanism behind it is fixed
  (the test keeps it from coming back), so this is the precision of the findings as they were
  when judged, fixed ones included;
- judged now / precision now: the judged findings the fresh run still reports, and the share
  of them judged true: the precision of today's findings on the judged sample (every true
  one must still be reported and no false one may be: tests/corpus/test_verdicts.py, so a
  fixed false finding leaves this figure; a low "as judged" beside it says there was one);
- below bar: precision now under 95 % for an error, under 80 % for a warning (the severity
  policy); "unjudged" when none of today's findings has a verdict.

The default codes are those of issue 12: OUT, NAR and REQ, the arm texts naming undeclared
treatments (ARM009), the registry's length limit (SCH008), and the TXT codes for leftover
placeholders, results, payments, a person as a facility, cut-off text and doubled words.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import csv
import io
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import corpus_report  # noqa: E402

from toolkit.rules import REGISTRY  # noqa: E402

ISSUE_12 = ["OUT", "NAR", "REQ", "ARM009", "SCH008", "TXT001", "TXT007", "TXT008", "TXT009", "TXT010", "TXT011"]
BAR = {"error": 0.95, "warning": 0.80}


def selected(codes: list[str]) -> list[str]:
    """Rule codes named, or in the families named, in catalogue order."""
    return [code for code in sorted(REGISTRY) if any(code == c or code[:3] == c for c in codes)]


def fresh_findings(corpus: Path) -> Path:
    """Run the corpus report and return the JSON lines file of its findings."""
    out = Path(tempfile.mkdtemp(prefix="precision-")) / "findings.jsonl"
    with contextlib.redirect_stdout(io.StringIO()):
        corpus_report.main(["--corpus", str(corpus), "--sample", "0", "--findings", str(out)])
    return out


def table(codes: list[str], findings: Path, verdicts: Path, corpus: Path) -> list[dict]:
    total = len(corpus_report.records(corpus))
    found: dict[str, list[dict]] = collections.defaultdict(list)
    with findings.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            found[row["rule"]].append(row)
    reported = {(str(Path(r["record"]).resolve().relative_to(corpus.resolve())), r["rule"], r["path"])
                for rows in found.values() for r in rows}
    with verdicts.open(encoding="utf-8", newline="") as handle:
        judged_rows = list(csv.DictReader(handle, delimiter="\t"))
    rows = []
    for code in codes:
        judged = [v for v in judged_rows if v["rule"] == code]
        now = [v for v in judged if (v["record"], code, v["path"]) in reported]
        true = sum(v["verdict"] == "true" for v in judged)
        true_now = sum(v["verdict"] == "true" for v in now)
        severity = REGISTRY[code].severity.value
        precision_now = true_now / len(now) if now else None
        rows.append({
            "code": code, "severity": severity,
            "records": len({r["record"] for r in found[code]}), "total": total, "findings": len(found[code]),
            "judged": len(judged), "true": true, "as_judged": true / len(judged) if judged else None,
            "judged_now": len(now), "precision_now": precision_now,
            "below_bar": "unjudged" if found[code] and precision_now is None
            else "yes" if precision_now is not None and precision_now < BAR.get(severity, 0.0) else "",
        })
    return rows


def markdown(rows: list[dict]) -> str:
    def percent(value: float | None) -> str:
        return f"{value:.0%}" if value is not None else "–"

    lines = ["| code | severity | records with a finding | findings | judged | true | as judged | judged now | "
             "precision now | below bar |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for r in rows:
        share = f"{r['records']} / {r['total']} ({r['records'] / r['total']:.1%})"
        lines.append(f"| {r['code']} | {r['severity']} | {share} | {r['findings']} | {r['judged']} | {r['true']} | "
                     f"{percent(r['as_judged'])} | {r['judged_now']} | {percent(r['precision_now'])} | {r['below_bar']} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--findings", type=Path, help="findings of a corpus_report.py --findings run (else one is run)")
    parser.add_argument("--verdicts", type=Path, default=ROOT / "tests" / "corpus" / "verdicts.tsv")
    parser.add_argument("--codes", nargs="+", default=ISSUE_12, help="codes or families")
    parser.add_argument("--format", choices=["markdown", "tsv"], default="markdown")
    args = parser.parse_args(argv)
    findings = args.findings or fresh_findings(args.corpus)
    rows = table(selected(args.codes), findings, args.verdicts, args.corpus)
    if args.format == "tsv":
        keys = list(rows[0]) if rows else []
        print("\t".join(keys))
        for r in rows:
            print("\t".join("" if r[k] is None else str(r[k]) for k in keys))
    else:
        print(markdown(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
