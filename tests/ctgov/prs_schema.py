"""The PRS upload schema, compiled once (libxml2 through lxml) and reused by every test."""

from __future__ import annotations

from functools import cache

from conftest import FIXTURES

SCHEMA = FIXTURES / "prs" / "ProtocolRecordSchema.xsd"


@cache
def _schema():
    from lxml import etree

    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def schema_errors(xml: str) -> list[str]:
    """Why the schema refuses `xml`; empty when it is a valid PRS upload of protocol data only."""
    from lxml import etree

    document = etree.fromstring(xml.encode("utf-8"))
    schema = _schema()
    errors = [] if schema.validate(document) else [f"line {e.line}: {e.message}" for e in schema.error_log]
    if document.find(".//{http://clinicaltrials.gov/rrs}result") is not None:
        errors.append("a results section was written; the exporter writes protocol data only")
    return errors
