"""What a legacy record states is imported as written, never rewritten into a newer form."""

from __future__ import annotations

from conftest import SHIPPED_CORPUS

from toolkit.ctgov.importer import read_record

RECORD = """<?xml version="1.0" encoding="UTF-8"?>
<clinical_study>
  <id_info><nct_id>NCT00000001</nct_id></id_info>
  <brief_title>A legacy trial</brief_title>
  <overall_status>Completed</overall_status>
  <start_date>March 2004</start_date>
  <completion_date type="Actual">June 2006</completion_date>
  <study_type>Interventional</study_type>
  <study_design_info>
    <allocation>Randomized</allocation>
    <masking>{masking}</masking>
  </study_design_info>
</clinical_study>
"""


def imported(tmp_path, masking: str) -> dict:
    path = tmp_path / "NCT00000001.xml"
    path.write_text(RECORD.format(masking=masking), encoding="utf-8")
    protocol, _notes = read_record(str(path))
    return protocol


def test_old_masking_label_keeps_its_level_and_roles(tmp_path):
    # the pre-2017 form: "Double Blind" naming four roles was correct then; it stays double
    masking = imported(tmp_path, "Double Blind (Subject, Caregiver, Investigator, Outcomes Assessor)")["design"]["masking"]
    assert masking["level"] == "double"
    assert masking["who"] == ["participant", "care_provider", "investigator", "outcomes_assessor"]


def test_old_labels_without_roles(tmp_path):
    assert imported(tmp_path, "Open Label")["design"]["masking"]["level"] == "none"
    masking = imported(tmp_path, "Single Blind")["design"]["masking"]
    assert masking["level"] == "single" and not masking.get("who")


def test_a_missing_date_type_stays_missing(tmp_path):
    status = imported(tmp_path, "Open Label")["status"]
    assert status["start"] == {"date": "2004-03"}  # not guessed "actual" or "estimated"
    assert status["completion"] == {"date": "2006-06", "type": "actual"}


def test_list_lines_an_author_broke_stay_lines():
    # NCT04397575's outcome description lists one item a line ("metastatic or localized status",
    # "status treated or under surveillance"); joined, they read "status status" (TXT011)
    from toolkit.parse.misplaced import doubled_word

    protocol, _notes = read_record(str(SHIPPED_CORPUS / "registry" / "xml" / "NCT04397575.xml"))
    description = protocol["endpoints"]["secondary"][0]["description"]
    assert "metastatic or localized status\nstatus treated or under surveillance" in description
    assert doubled_word(description) is None


def test_lines_the_registry_wrapped_are_joined():
    from toolkit.ctgov.common import clean

    wrapped = ("      The purpose of this study is to evaluate the effects of lamotrigine on naloxone-precipitated\r\n"
               "      opiate withdrawal.\r\n")
    assert clean(wrapped) == ("The purpose of this study is to evaluate the effects of lamotrigine on "
                              "naloxone-precipitated opiate withdrawal.")
    assert clean("Describe it according to:\nTumor location\nstage") == "Describe it according to:\nTumor location\nstage"
