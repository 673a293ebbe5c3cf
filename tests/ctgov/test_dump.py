"""The import's writer, checked on the shipped real records always, and on every corpus record
with PROTOCOL_FULL_CORPUS=1 (always in CI):

- libyaml's writer is used only because it writes the very bytes PyYAML's pure-Python writer
  writes;
- `as_loaded` (what `protocol audit` checks, without writing YAML) is exactly what reading the
  written YAML back gives.
"""

from __future__ import annotations

import yaml
from conftest import FIXTURES, corpus_records, full_corpus, shipped_records

from toolkit.ctgov.importer import read_record
from toolkit.document import dump
from toolkit.document.load import load_bytes

SHIPPED = (sorted((FIXTURES / "registry").glob("*.json")) + sorted((FIXTURES / "registry").glob("*.xml"))
           + shipped_records())


def _problems(records) -> list[str]:
    problems = []
    for record in records:
        protocol, _ = read_record(str(record))
        written = dump.dump(protocol, ["h"])
        if written != dump.dump(protocol, ["h"], dumper=dump._PyDumper):
            problems.append(f"{record.name}: libyaml wrote other bytes")
        if dump.as_loaded(protocol) != load_bytes(written.encode("utf-8"), record.name).document.data:
            problems.append(f"{record.name}: as_loaded differs from the YAML read back")
    return problems


def test_libyaml_writer_is_in_use():
    assert yaml.__with_libyaml__ and dump._Dumper is dump._CDumper


def test_shipped_records():
    assert SHIPPED and _problems(SHIPPED) == []


@full_corpus
def test_every_corpus_record():
    records = [p for p in corpus_records() if "classic" not in p.parts]
    assert len(records) >= 1939
    assert _problems(records) == []
