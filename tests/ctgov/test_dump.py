"""libyaml's writer is used only because it writes the very bytes PyYAML's pure-Python writer
writes: checked on the shipped real records always, and on every corpus record where the
corpus is beside the checkout (always in CI)."""

from __future__ import annotations

import os

import pytest
import yaml
from conftest import FIXTURES, ROOT

from toolkit.ctgov.importer import read_record
from toolkit.document import dump

CORPUS = ROOT.parent / "shared" / "corpus"
SHIPPED = sorted((FIXTURES / "registry").glob("*.json")) + sorted((FIXTURES / "registry").glob("*.xml"))
CORPUS_RECORDS = sorted(p for p in CORPUS.rglob("*") if p.suffix in (".json", ".xml") and "classic" not in p.parts)


def _both(records) -> list[str]:
    differ = []
    for record in records:
        protocol, _ = read_record(str(record))
        if dump.dump(protocol, ["h"]) != dump.dump(protocol, ["h"], dumper=dump._PyDumper):
            differ.append(record.name)
    return differ


def test_libyaml_writer_is_in_use():
    assert yaml.__with_libyaml__ and dump._Dumper is dump._CDumper


def test_libyaml_writes_the_same_bytes_on_shipped_records():
    assert SHIPPED and _both(SHIPPED) == []


@pytest.mark.skipif(not CORPUS_RECORDS and not os.environ.get("CI"), reason="../shared/corpus is not beside this checkout")
def test_libyaml_writes_the_same_bytes_on_every_corpus_record():
    assert len(CORPUS_RECORDS) >= 1939
    assert _both(CORPUS_RECORDS) == []
