"""The verdicts kept on real registry records hold: a finding judged true is still reported,
a finding judged false does not come back.

`tests/corpus/verdicts.tsv` has one judged finding per row: the record (relative to
../shared/corpus), the rule, the finding's JSON Pointer, the verdict (`true` or `false`) and
the reason, written after reading the record. Rows are added by reading the sample
`benchmarks/corpus_report.py` prints.

Rows on the records shipped in tests/fixtures/ctgov (the corpus's ctgov-json and ctgov-xml,
same paths) are checked in every clone; the rest with PROTOCOL_FULL_CORPUS=1, always in CI.
"""

from __future__ import annotations

import csv
import functools
from pathlib import Path

import pytest
from conftest import FULL_CORPUS, SHARED_CORPUS, SHIPPED_CORPUS

from toolkit.ctgov.importer import read_record
from toolkit.document.dump import dump
from toolkit.document.load import load_bytes
from toolkit.engine import check_document

VERDICTS = Path(__file__).with_name("verdicts.tsv")
COLUMNS = ["record", "rule", "path", "verdict", "reason"]



def source(record: str) -> Path:
    """The record's file: the shipped copy when there is one, else the one in ../shared/corpus."""
    shipped = SHIPPED_CORPUS / record
    return shipped if shipped.is_file() else SHARED_CORPUS / record


def needs_full_corpus(record: str) -> bool:
    return not (SHIPPED_CORPUS / record).is_file()


def verdicts() -> list[dict]:
    with VERDICTS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return rows


@functools.cache
def findings(record: str) -> frozenset[tuple[str, str]]:
    """(rule, path) of every finding on the imported record, as `protocol validate` reports them."""
    protocol, _ = read_record(str(source(record)))
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
        if FULL_CORPUS or not needs_full_corpus(row["record"]):
            assert source(row["record"]).is_file(), row["record"]
        key = (row["record"], row["rule"], row["path"])
        assert key not in keys, f"judged twice: {key}"
        keys.add(key)


def _ids(row: dict) -> str:
    return f"{row['rule']}-{Path(row['record']).stem}{row['path']}"


@pytest.mark.parametrize("row", verdicts(), ids=_ids)
def test_verdict_holds(row):
    if needs_full_corpus(row["record"]) and not FULL_CORPUS:
        pytest.skip("a record of the full corpus: PROTOCOL_FULL_CORPUS=1 (always on in CI)")
    reported = (row["rule"], row["path"]) in findings(row["record"])
    if row["verdict"] == "true":
        assert reported, f"a true finding disappeared: {row['reason']}"
    else:
        assert not reported, f"a false finding came back: {row['reason']}"
