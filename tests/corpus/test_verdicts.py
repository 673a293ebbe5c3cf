"""The verdicts kept on real registry records hold: a finding judged true is still reported,
a finding judged false does not come back.

`tests/corpus/verdicts.tsv` has one judged finding per row: the record (relative to
../shared/corpus), the rule, the finding's JSON Pointer, the verdict (`true` or `false`) and
the reason, written after reading the record. Rows are added by reading the sample
`benchmarks/corpus_report.py` prints.
"""

from __future__ import annotations

import csv
import functools
import os
from pathlib import Path

import pytest
from conftest import ROOT

from toolkit.ctgov.importer import read_record
from toolkit.document.dump import dump
from toolkit.document.load import load_bytes
from toolkit.engine import check_document

CORPUS = ROOT.parent / "shared" / "corpus"
VERDICTS = Path(__file__).with_name("verdicts.tsv")
COLUMNS = ["record", "rule", "path", "verdict", "reason"]

pytestmark = pytest.mark.skipif(not CORPUS.is_dir() and not os.environ.get("CI"),
                                reason="../shared/corpus is not beside this checkout")


def verdicts() -> list[dict]:
    with VERDICTS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return rows


@functools.cache
def findings(record: str) -> frozenset[tuple[str, str]]:
    """(rule, path) of every finding on the imported record, as `protocol validate` reports them."""
    protocol, _ = read_record(str(CORPUS / record))
    loaded = load_bytes(dump(protocol, ["verdicts"]).encode("utf-8"), record)
    assert loaded.document is not None, loaded.diagnostics
    return frozenset((d.rule, d.path) for d in check_document(loaded.document))


def test_the_file_is_well_formed():
    with VERDICTS.open(encoding="utf-8", newline="") as handle:
        header = handle.readline().rstrip("\n").split("\t")
    assert header == COLUMNS
    rows = verdicts()
    assert rows, "no verdicts"
    keys = set()
    for row in rows:
        assert row["verdict"] in ("true", "false"), row
        assert row["reason"].strip(), row
        assert (CORPUS / row["record"]).is_file(), row["record"]
        key = (row["record"], row["rule"], row["path"])
        assert key not in keys, f"judged twice: {key}"
        keys.add(key)


def _ids(row: dict) -> str:
    return f"{row['rule']}-{Path(row['record']).stem}{row['path']}"


@pytest.mark.parametrize("row", verdicts(), ids=_ids)
def test_verdict_holds(row):
    reported = (row["rule"], row["path"]) in findings(row["record"])
    if row["verdict"] == "true":
        assert reported, f"a true finding disappeared: {row['reason']}"
    else:
        assert not reported, f"a false finding came back: {row['reason']}"
