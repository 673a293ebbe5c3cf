"""Every shipped real record (tests/fixtures/ctgov: the 73 API v2 and legacy records of
../shared/corpus) imports, passes the schema, and is checked without a crash."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import SHARED_CORPUS, SHIPPED_CORPUS, full_corpus, shipped_records

from toolkit import schema
from toolkit.ctgov.importer import import_file
from toolkit.document.load import load_file
from toolkit.engine import check_file

CORPUS = SHIPPED_CORPUS
RECORDS = shipped_records()


def test_the_shipped_records_are_there():
    assert len(RECORDS) == 73


def test_tests_reach_the_full_corpus_only_through_conftest():
    """A test that opens ../shared/corpus itself fails in a clone without it: records a test
    needs are shipped (tests/fixtures/ctgov), the full corpus is reached through conftest's
    SHARED_CORPUS and corpus_records(), under the full_corpus marker."""
    tests = Path(__file__).resolve().parent.parent
    direct = re.compile(r"""["']shared["']\s*/\s*["']corpus["']""")
    offenders = [str(p.relative_to(tests)) for p in sorted(tests.rglob("*.py"))
                 if p.name != "conftest.py" and direct.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


@full_corpus
def test_the_shipped_records_are_the_corpus_records():
    """The shipped copies are byte for byte the records of ../shared/corpus."""
    for record in RECORDS + sorted(SHIPPED_CORPUS.glob("registry/*/*")):
        original = SHARED_CORPUS / record.relative_to(SHIPPED_CORPUS)
        assert original.is_file(), original
        assert record.read_bytes() == original.read_bytes(), record.name


@pytest.mark.parametrize("record", RECORDS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_record_imports_passes_schema_and_checks(record, tmp_path):
    result = import_file(str(record), str(tmp_path), force=False)
    assert result.error is None, result.error
    loaded = load_file(result.target)
    assert loaded.diagnostics == []
    assert schema.check(loaded.document) == []
    text = Path(result.target).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    for note in result.notes:  # what was not carried is said in the file too
        assert note in text
    findings = check_file(result.target)
    assert not [d for d in findings if "internal error" in d.message]
    source_id = json.loads(record.read_text())["protocolSection"]["identificationModule"]["nctId"] \
        if record.suffix == ".json" else None
    if source_id:
        assert loaded.document.data["id"] == source_id


def test_interventions_sharing_a_name_keep_their_own_arms(tmp_path):
    """NCT02260193 gives three interventions the same name, one per starting dose."""
    result = import_file(str(CORPUS / "ctgov-xml" / "NCT02260193.xml"), str(tmp_path), force=False)
    data = load_file(result.target).document.data
    linked = [arm["interventions"] for arm in data["arms"]]
    assert linked == [["akb-6548"], ["akb-6548-2"], ["akb-6548-3"]]
    assert not [d for d in check_file(result.target) if d.rule == "ARM001"]
