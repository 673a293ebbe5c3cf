"""Every document's texts the reader tests compare old and new readers on: the example
protocols, the as-published seeds and the 73 shipped registry records, imported."""

from __future__ import annotations

from functools import cache

from conftest import FIXTURES, PROTOCOLS, shipped_records

from toolkit.ctgov.importer import read_record
from toolkit.document.load import load_file
from toolkit.document.walk import strings


@cache
def documents() -> tuple[tuple[str, ...], ...]:
    """Each document's text values, in document order."""
    datas = [load_file(str(path)).document.data
             for path in [*PROTOCOLS.glob("*.yaml"), *(FIXTURES / "as_published").glob("*.yaml")]]
    datas += [read_record(str(path))[0] for path in shipped_records()]
    return tuple(tuple(text for _, text in strings(data)) for data in datas)
