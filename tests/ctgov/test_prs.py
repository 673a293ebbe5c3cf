"""`protocol export --to prs-xml`: PRS uploads the PRS schema accepts, or a clear refusal."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from conftest import PROTOCOLS, ROOT
from prs_schema import SCHEMA, schema_errors

from toolkit.ctgov.prs import SCHEMA_VERSION, MissingForPrs, to_prs
from toolkit.document.load import load_file

EXAMPLES = sorted(PROTOCOLS.glob("*.yaml"))
# Examples whose sources are registry pages hold everything PRS requires but the PRS account name.
COMPLETE = ["NCT04361331", "NCT07304388"]


def load(path):
    return load_file(path).document.data


def study(xml: str):
    return ET.fromstring(xml).find("clinical_study")


def test_the_schema_copy_is_the_reference_one():
    reference = ROOT.parent / "shared" / "reference" / "prs" / "ProtocolRecordSchema.xsd"
    if not reference.exists():
        pytest.skip("../shared/reference is not beside this checkout")
    assert SCHEMA.read_bytes() == reference.read_bytes()
    assert f"Schema Version: {SCHEMA_VERSION}" in SCHEMA.read_text()


def test_the_readme_names_the_schema_version():
    assert f"ProtocolRecordSchema.xsd` {SCHEMA_VERSION}" in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_exports_to_valid_xml_or_names_what_is_missing(path):
    try:
        upload = to_prs(load(path), org_name="ExampleOrg")
    except MissingForPrs as err:
        assert path.stem not in COMPLETE, err.missing
        assert err.missing and all(re.fullmatch(r"[a-z_]+(\.[a-z_]+|\[[^]]+\])*", key) for key, _ in err.missing)
        return
    assert schema_errors(upload.xml) == []


@pytest.mark.parametrize("name", COMPLETE)
def test_examples_from_registry_pages_export(name):
    upload = to_prs(load(PROTOCOLS / f"{name}.yaml"), org_name="ExampleOrg")
    assert schema_errors(upload.xml) == []


def test_the_export_carries_the_protocol():
    protocol = load(PROTOCOLS / "NCT04361331.yaml")
    node = study(to_prs(protocol, org_name="ZSH").xml)
    assert node.findtext("id_info/org_name") == "ZSH"
    assert node.findtext("id_info/org_study_id") == protocol["identifiers"]["org_study_id"]
    assert node.findtext("brief_title") == protocol["title"]["brief"]
    assert node.findtext("overall_status") == "Completed"
    design = node.find("study_design/interventional_design")
    assert design.findtext("phase") == "Phase 2"
    assert design.findtext("number_of_arms") == str(len(protocol["arms"]))
    assert [a.findtext("arm_group_label") for a in node.findall("arm_group")] == [a["label"] for a in protocol["arms"]]
    assert [i.findtext("intervention_name") for i in node.findall("intervention")] == \
        [i["name"] for i in protocol["interventions"]]
    criteria = node.findtext("eligibility/criteria/textblock")
    for item in protocol["eligibility"]["inclusion"] + protocol["eligibility"]["exclusion"]:
        assert item.replace("\n", "\n  ") in criteria


def test_doses_go_into_the_intervention_description():
    node = study(to_prs(load(PROTOCOLS / "NCT04361331.yaml"), org_name="ZSH").xml)
    lenvatinib = next(i for i in node.findall("intervention") if i.findtext("intervention_name") == "Lenvatinib")
    text = lenvatinib.findtext("intervention_description/textblock")
    assert "8 mg, qd (body weight < 60 kg)" in text and "12 mg, qd (body weight ≥ 60 kg)" in text


def test_the_prs_account_name_comes_from_the_protocol_too():
    protocol = load(PROTOCOLS / "NCT07304388.yaml")
    protocol["identifiers"]["prs_organization"] = "SunYatSenU"
    assert study(to_prs(protocol).xml).findtext("id_info/org_name") == "SunYatSenU"


def test_missing_requirements_are_named_by_their_yaml_key():
    protocol = load(PROTOCOLS / "NCT07304388.yaml")
    del protocol["identifiers"]["org_study_id"], protocol["eligibility"]["sex"], protocol["design"]["purpose"]
    with pytest.raises(MissingForPrs) as raised:
        to_prs(protocol)
    assert [key for key, _ in raised.value.missing] == [
        "identifiers.prs_organization", "identifiers.org_study_id", "design.purpose", "eligibility.sex"]


def test_a_phase_prs_cannot_take_is_an_error():
    protocol = load(PROTOCOLS / "NCT07304388.yaml")
    protocol["design"]["phases"] = ["phase1", "phase3"]
    with pytest.raises(MissingForPrs) as raised:
        to_prs(protocol, org_name="X")
    assert raised.value.missing[0][0] == "design.phases"


def test_observational_designs_need_what_prs_requires():
    protocol = load(PROTOCOLS / "NCT07304388.yaml")
    protocol["design"] = {"study_type": "observational", "observational_model": "cohort",
                          "time_perspective": "prospective", "patient_registry": True, "target_duration": "2 Years"}
    with pytest.raises(MissingForPrs) as raised:
        to_prs(protocol, org_name="X")
    assert [key for key, _ in raised.value.missing] == ["design.biospecimen.retention"]
    protocol["design"]["biospecimen"] = {"retention": "samples_with_dna", "description": "Blood"}
    node = study(to_prs(protocol, org_name="X").xml)
    design = node.find("study_design/observational_design")
    assert design.findtext("number_of_groups") == "2" and design.findtext("target_duration_units") == "Years"
    assert node.find("arm_group/arm_type") is None  # the schema: arm types only for interventional studies
    assert schema_errors(to_prs(protocol, org_name="X").xml) == []


def test_what_prs_has_no_place_for_is_listed():
    upload = to_prs(load(PROTOCOLS / "NCT04361331.yaml"), org_name="X")
    assert any("randomisation scheme" in n for n in upload.notes)
    assert any("NCT number" in n for n in upload.notes)


def test_text_xml_cannot_carry_is_dropped_with_a_note():
    protocol = load(PROTOCOLS / "NCT07304388.yaml")
    protocol["summary"] = "Bell\x07 and form feed\x0c"
    upload = to_prs(protocol, org_name="X")
    assert schema_errors(upload.xml) == []
    assert study(upload.xml).findtext("brief_summary/textblock") == "Bell and form feed"
    assert any("control characters" in n for n in upload.notes)


def test_cli_writes_valid_xml_atomically_and_never_overwrites(cli, tmp_path):
    out = tmp_path / "upload.xml"
    result = cli("export", PROTOCOLS / "NCT07304388.yaml", "--to", "prs-xml", "--prs-org", "SYSU", "-o", out)
    assert result.exit_code == 0, result.output
    assert schema_errors(out.read_text(encoding="utf-8")) == []
    again = cli("export", PROTOCOLS / "NCT07304388.yaml", "--to", "prs-xml", "--prs-org", "SYSU", "-o", out)
    assert again.exit_code == 2 and "exists" in again.output
    forced = cli("export", PROTOCOLS / "NCT07304388.yaml", "--to", "prs-xml", "--prs-org", "SYSU", "-o", out, "--force")
    assert forced.exit_code == 0


def test_cli_refuses_and_writes_nothing_when_prs_requirements_are_missing(cli, tmp_path):
    out = tmp_path / "upload.xml"
    result = cli("export", PROTOCOLS / "icc-2l-radiotherapy.yaml", "--to", "prs-xml", "-o", out)
    assert result.exit_code == 1
    assert "identifiers.org_study_id is missing" in result.output
    assert "identifiers.prs_organization is missing" in result.output
    assert not out.exists()


def test_ctgov_json_export_still_works(cli):
    result = cli("export", PROTOCOLS / "NCT04361331.yaml", "--to", "ctgov-json")
    assert result.exit_code == 0 and '"nctId": "NCT04361331"' in result.output
