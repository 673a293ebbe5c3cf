"""The retired classic API response (FullStudiesResponse): one protocol file per study, as
faithful as an import of the same study from API v2."""

from __future__ import annotations

import copy
import json

from conftest import FIXTURES, SHARED_CORPUS, SHIPPED_CORPUS, full_corpus

from toolkit.ctgov import from_classic
from toolkit.ctgov.common import Notes
from toolkit.ctgov.importer import read_record, read_records
from toolkit.document.dump import dump
from toolkit.document.load import load_bytes
from toolkit.engine import check_document

CLASSIC = FIXTURES / "ctgov" / "classic" / "NCT01874691.json"  # as kept by a public project (uc-cdis/metadata-service)


def findings(protocol: dict) -> set:
    loaded = load_bytes(dump(protocol).encode("utf-8"), "x.yaml")
    assert loaded.diagnostics == []
    return {(d.rule, d.path, d.severity.value) for d in check_document(loaded.document)}


def test_the_real_classic_response_imports_with_its_display_values_read():
    protocol, notes = read_record(str(CLASSIC))
    assert protocol["id"] == "NCT01874691"
    assert protocol["status"]["start"] == {"date": "2013-01", "type": "actual"}  # "January 2013", "Actual"
    assert protocol["status"]["first_submitted"] == "2013-06-04"  # "June 4, 2013"
    assert protocol["status"]["verified"] == "2018-01"
    assert protocol["design"] == {
        "study_type": "observational", "observational_model": "case_only", "time_perspective": "prospective",
        "patient_registry": True, "target_duration": "2 Years", "enrollment": {"count": 20000, "type": "actual"}}
    assert protocol["identifiers"]["secondary"] == [
        {"id": "2011BAI11B02", "type": "other_grant", "domain": "Chinese Ministry of Science and Technology"}]
    assert protocol["sponsor"]["responsible_party"]["type"] == "principal_investigator"
    assert protocol["eligibility"]["healthy_volunteers"] is False and protocol["eligibility"]["sex"] == "all"
    assert protocol["eligibility"]["sampling_method"] == "probability_sample"
    assert protocol["contacts"]["officials"][0]["role"] == "study_chair"
    assert len(protocol["references"]) == 8 and protocol["references"][0]["pmid"] == "20031882"
    assert protocol["oversight"]["data_monitoring_committee"] is True
    # every classic field is translated or named; none is dropped silently
    assert not [n for n in notes.items if "classic field" in n]


def test_display_strings_become_the_registry_enums():
    response = json.loads(CLASSIC.read_text(encoding="utf-8"))
    study = response["FullStudiesResponse"]["FullStudies"][0]["Study"]["ProtocolSection"]
    study["DesignModule"].update({
        "StudyType": "Interventional", "PhaseList": {"Phase": ["Phase 1", "Phase 2"]},
        "DesignInfo": {"DesignAllocation": "N/A", "DesignInterventionModel": "Single Group Assignment",
                       "DesignPrimaryPurpose": "Educational/Counseling/Training",
                       "DesignMaskingInfo": {"DesignMasking": "Double",
                                             "DesignWhoMaskedList": {"DesignWhoMasked": ["Participant", "Outcomes Assessor"]}}},
        "EnrollmentInfo": {"EnrollmentCount": "40", "EnrollmentType": "Anticipated"}})
    study["StatusModule"]["OverallStatus"] = "Unknown status"
    study["StatusModule"]["LastKnownStatus"] = "Active, not recruiting"
    study["EligibilityModule"]["HealthyVolunteers"] = "Accepts Healthy Volunteers"
    record = from_classic.to_v2(response["FullStudiesResponse"]["FullStudies"][0]["Study"], Notes())
    design, status = record["protocolSection"]["designModule"], record["protocolSection"]["statusModule"]
    assert design["phases"] == ["PHASE1", "PHASE2"]
    assert design["designInfo"]["allocation"] == "NA" and design["designInfo"]["interventionModel"] == "SINGLE_GROUP"
    assert design["designInfo"]["primaryPurpose"] == "ECT"
    assert design["designInfo"]["maskingInfo"] == {"masking": "DOUBLE", "whoMasked": ["PARTICIPANT", "OUTCOMES_ASSESSOR"]}
    assert design["enrollmentInfo"] == {"count": 40, "type": "ESTIMATED"}
    assert (status["overallStatus"], status["lastKnownStatus"]) == ("UNKNOWN", "ACTIVE_NOT_RECRUITING")
    assert record["protocolSection"]["eligibilityModule"]["healthyVolunteers"] is True


def test_a_response_with_several_studies_gives_one_file_per_study(cli, tmp_path):
    response = json.loads(CLASSIC.read_text(encoding="utf-8"))
    second = copy.deepcopy(response["FullStudiesResponse"]["FullStudies"][0])
    second["Study"]["ProtocolSection"]["IdentificationModule"]["NCTId"] = "NCT01874692"
    response["FullStudiesResponse"]["FullStudies"].append(second)
    source = tmp_path / "search.json"
    source.write_text(json.dumps(response), encoding="utf-8")
    assert len(read_records(str(source))) == 2
    result = cli("import", source, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["NCT01874691.yaml", "NCT01874692.yaml"]
    assert cli("validate", tmp_path / "out").exit_code == 0


def test_an_empty_classic_response_is_refused(cli, tmp_path):
    source = tmp_path / "empty.json"
    source.write_text('{"FullStudiesResponse": {"NStudiesReturned": 0, "FullStudies": []}}', encoding="utf-8")
    result = cli("import", source, "-o", tmp_path)
    assert result.exit_code == 1 and "holds no study" in result.output


# --- every API v2 record of the corpus, said in the classic shape, imports and validates the same ---

def _classic_key(table: dict, v2_key: str):
    return next((classic, rule) for classic, rule in table.items()
                if (rule if isinstance(rule, str) else rule[0]) == v2_key)


def to_classic(node: dict, table: dict) -> dict:
    """An API v2 object in the classic shape: the translator's table read backwards, values as
    they are (the classic reader takes enum values as well as display strings)."""
    out: dict = {}
    for key, value in node.items():
        try:
            classic, rule = _classic_key(table, key)
        except StopIteration:
            continue  # a v2 field the classic API never had (the tests compare with a v2 import of the same)
        how = None if isinstance(rule, str) else rule[1]
        if isinstance(classic, tuple):
            wrapper, item = classic
            items = [to_classic(v, how) if isinstance(how, dict) else v for v in value]
            if how == "first":
                items = [value]
            out[wrapper] = {item: items}
        elif isinstance(how, dict):
            out[classic] = to_classic(value, how)
        elif isinstance(how, str):
            out[classic] = {how: value}
        else:
            out[classic] = value
    return out


def classic_response(record: dict) -> dict:
    section = {classic: to_classic(record["protocolSection"][v2], table)
               for classic, (v2, table) in from_classic.TABLE.items() if v2 in record["protocolSection"]}
    return {"FullStudiesResponse": {"FullStudies": [{"Rank": 1, "Study": {"ProtocolSection": section}}]}}


def _said_the_classic_way(records: list, tmp_path, sample: int) -> None:
    """Each record imports the same through the classic shape; every `sample`-th also validates the same."""
    for index, path in enumerate(records):
        direct, _ = read_record(str(path))
        record = json.loads(path.read_text(encoding="utf-8"))
        source = tmp_path / "classic.json"
        source.write_text(json.dumps(classic_response(record)), encoding="utf-8")
        via_classic, _ = read_record(str(source))
        assert via_classic == direct, path.name
        if index % sample == 0:  # the same data validates the same; shown on a sample through the whole pipeline
            assert findings(via_classic) == findings(direct), path.name


def test_every_shipped_v2_record_said_the_classic_way_imports_and_validates_the_same(tmp_path):
    records = sorted(SHIPPED_CORPUS.glob("ctgov-json/*.json"))
    assert len(records) == 13
    _said_the_classic_way(records, tmp_path, sample=4)


@full_corpus
def test_every_v2_record_said_the_classic_way_imports_and_validates_the_same(tmp_path):
    records = sorted(SHARED_CORPUS.glob("ctgov-json/*.json")) + sorted(SHARED_CORPUS.glob("registry/json/*.json"))
    assert len(records) > 800
    _said_the_classic_way(records, tmp_path, sample=50)
