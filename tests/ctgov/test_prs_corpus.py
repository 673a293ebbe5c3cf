"""Every shipped API v2 and legacy record (tests/fixtures/ctgov), and with PROTOCOL_FULL_CORPUS=1
(always in CI) every one of ../shared/corpus: imported, exported as a PRS upload, and
either valid against ProtocolRecordSchema.xsd or refused naming the protocol keys to fill —
never invalid XML; what the upload does not say of the original record is only what PRS or
the format has no place for, each for a stated reason."""

from __future__ import annotations

import pytest
from conftest import SHARED_CORPUS, SHIPPED_CORPUS, full_corpus
from prs_roundtrip import run
from prs_schema import schema_errors
from test_corpus import CORPUS

from toolkit.resources import schema

SHIPPED_PARTS = ["ctgov-json/*.json", "ctgov-xml/*.xml"]
CORPUS_PARTS = ["registry/json/*.json", "registry/xml/*.xml"]

# Differences between a record and its upload that remain, and why. Any other field that
# differs fails the test.
ACCEPTED = {
    "resp_party_investigator": "PRS names a responsible investigator by their PRS user name, which no record shows",
    "resp_party_old": "the pre-2011 responsible-party name and organization: the format does not carry them",
    "derived_references": "references the registry derived from PubMed itself; an upload does not send them",
    "study_documents": "the list of uploaded documents: the format does not carry it",
    "locations": "sites without a facility name are imported under their city and country; PRS requires a name",
    "location_contacts": "PRS holds a contact and a backup per site; contacts without a name are not imported",
    "location_status": "the expanded-access site status 'Available' has no equivalent in the format",
}


def _is_schema_key(key: str) -> bool:
    """"design.biospecimen.retention", "arms[]" name a property of the protocol format."""
    node = schema()
    for part in key.replace("[]", "").split("."):
        node = node.get("properties", {}).get(part)
        if node is None:
            return False
        node = node.get("items", node)
    return True


@pytest.mark.parametrize("part", SHIPPED_PARTS)
def test_every_shipped_record_exports_to_valid_xml_or_names_the_missing_keys(part):
    _exports_or_names_the_missing_keys(sorted(SHIPPED_CORPUS.glob(part)))


@full_corpus
@pytest.mark.parametrize("part", CORPUS_PARTS)
def test_every_record_exports_to_valid_xml_or_names_the_missing_keys(part):
    _exports_or_names_the_missing_keys(sorted(SHARED_CORPUS.glob(part)))


def _exports_or_names_the_missing_keys(paths: list) -> None:
    result = run(paths, schema_errors)
    assert result.records == len(paths) > 0
    assert result.invalid == []
    assert result.valid + result.refused == result.records
    assert result.valid > result.records / 2  # most records are complete enough for PRS
    assert all(_is_schema_key(key) for key in result.missing), list(result.missing)
    unexpected = {f"{key} {how}: {result.examples[(key, how)]}" for key, how in result.losses if key not in ACCEPTED}
    assert not unexpected


def test_the_comparison_sees_differences():
    """A record compared with an upload of a changed protocol shows the change."""
    from prs_roundtrip import compare, from_prs, original_fields

    from toolkit.ctgov.importer import read_record
    from toolkit.ctgov.prs import to_prs

    path = CORPUS / "ctgov-json" / "NCT03630471.json"
    protocol, _ = read_record(str(path))
    protocol["title"]["brief"] = "Another title"
    del protocol["conditions"]
    protocol["arms"][0]["type"] = "other"
    differences = compare(original_fields(path), from_prs(to_prs(protocol, org_name="X").xml))
    assert differences == {"brief_title": "changed", "conditions": "lost", "arm_groups": "changed",
                           "derived_references": "lost"}
