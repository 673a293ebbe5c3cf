"""What an audit found, counted: per rule and severity, per registration year, per status."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

SEVERITIES = ("error", "warning", "info")


@dataclass
class Summary:
    records: int = 0
    failed: int = 0
    failures: list[dict] = field(default_factory=list)
    findings: Counter = field(default_factory=Counter)  # (rule, severity) -> findings
    records_with: Counter = field(default_factory=Counter)  # (rule, severity) -> records
    records_by_year: Counter = field(default_factory=Counter)
    records_by_status: Counter = field(default_factory=Counter)
    # year -> rule -> records with at least one error of that rule
    errors_by_year: dict = field(default_factory=lambda: defaultdict(Counter))
    severity_by_status: dict = field(default_factory=lambda: defaultdict(Counter))
    clean: int = 0

    def add(self, row: dict) -> None:
        self.records += 1
        if "error" in row:
            self.failed += 1
            if len(self.failures) < 200:  # the report lists the first ones; the count is exact
                self.failures.append({"record": row["record"], "error": row["error"]})
            return
        year = str(row.get("registered") or "unknown")
        status = row.get("status") or "not given"
        self.records_by_year[year] += 1
        self.records_by_status[status] += 1
        found = row.get("findings", [])
        if not any(f["severity"] in ("error", "warning") for f in found):
            self.clean += 1
        seen = set()
        for finding in found:
            key = (finding["rule"], finding["severity"])
            self.findings[key] += 1
            seen.add(key)
        for severity in {severity for _, severity in seen}:
            self.severity_by_status[status][severity] += 1
        for rule, severity in seen:
            self.records_with[(rule, severity)] += 1
            if severity == "error":
                self.errors_by_year[year][rule] += 1

    def as_dict(self) -> dict:
        rules = sorted(self.findings, key=lambda key: (SEVERITIES.index(key[1]), -self.findings[key], key[0]))
        checked = self.records - self.failed
        return {
            "version": 1,
            "records": self.records,
            "checked": checked,
            "failed": self.failed,
            "records_without_errors_or_warnings": self.clean,
            "rules": [
                {"rule": rule, "severity": severity, "findings": self.findings[(rule, severity)],
                 "records": self.records_with[(rule, severity)],
                 "share": round(self.records_with[(rule, severity)] / checked, 4) if checked else 0.0}
                for rule, severity in rules
            ],
            "by_year": {
                year: {"records": self.records_by_year[year], "records_with_error": dict(sorted(self.errors_by_year[year].items()))}
                for year in sorted(self.records_by_year)
            },
            "by_status": {
                status: {"records": self.records_by_status[status],
                         "records_with": {s: self.severity_by_status[status][s] for s in SEVERITIES}}
                for status in sorted(self.records_by_status)
            },
            "failures": self.failures,
        }


def summarise(rows: Iterable[dict]) -> dict:
    summary = Summary()
    for row in rows:
        summary.add(row)
    return summary.as_dict()
