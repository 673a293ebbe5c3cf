"""Schema problems: every one reported, each at the line of the node that is wrong."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest

from toolkit import resources, schema
from toolkit.document.load import load_bytes

# Each line marked `# <- CODE` must carry exactly that diagnostic; no other line may.
BROKEN = """\
schema_version: 2                                # <- SCH004
id: not a slug                                   # <- SCH005
eligibilty:                                      # <- SCH002
  minimum_age: 18 years
title:                                           # <- SCH001
  official: 1.10                                 # <- SCH003
design:
  study_type: Interventional                     # <- SCH004
  allocation: randomised                         # <- SCH004
  masking: {level: none, who: participant}       # <- SCH003
  enrollment: {count: -1}                        # <- SCH006
  randomization: {ratio: "1:1:x"}                # <- SCH005
  follow_up: 52 wks                              # <- SCH005
status:
  start: {date: 2020-13-01}                      # <- SCH005
  first_submitted: 2020
eligibility:
  maximum_age: "75"                              # <- SCH005
  healthy_volunteers: No                         # <- SCH003
arms:
  - id: a
    label: Arm A
    type: experimentl                            # <- SCH004
    intervention: [drug]                         # <- SCH002
"""


def expected_marks(text):
    marks = set()
    for number, line in enumerate(text.splitlines(), start=1):
        match = re.search(r"# <- (\w+)", line)
        if match:
            marks.add((number, match.group(1)))
    return marks


def check(text):
    result = load_bytes(text.encode("utf-8"), "p.yaml")
    assert result.diagnostics == []
    return schema.check(result.document)


def test_every_schema_error_points_at_its_line():
    found = check(BROKEN)
    assert {(d.line, d.rule) for d in found} == expected_marks(BROKEN)


def test_columns_point_at_the_value():
    found = {d.line: d for d in check(BROKEN)}
    assert found[18].column == 16  # maximum_age: "75"
    assert found[3].column == 1  # the unknown key itself
    assert found[5].column == 1  # a missing key: at the key of its parent mapping


def test_messages_speak_to_authors():
    by_line = {d.line: d.message for d in check(BROKEN)}
    assert by_line[18] == 'eligibility.maximum_age: "75" is not an age; write it like "75 years"'
    assert by_line[3] == 'unknown key "eligibilty" at the top level; did you mean "eligibility"?'
    assert 'did you mean "randomized"' in by_line[9]
    assert 'did you mean "interventional"' in by_line[8]
    assert 'put it in quotes ("1.10")' in by_line[6]
    assert 'required key "brief" is missing' in by_line[5]
    assert "write true or false" in by_line[19]
    assert 'did you mean "interventions"' in by_line[24]


def test_paths_are_json_pointers():
    by_line = {d.line: d.path for d in check(BROKEN)}
    assert by_line[18] == "/eligibility/maximum_age"
    assert by_line[23] == "/arms/0/type"


def test_unknown_key_without_close_match_lists_allowed_keys():
    (d,) = check("schema_version: 1\nid: x\ntitle: {brief: b, zzz: 1}\ndesign: {study_type: interventional}\n")
    assert d.rule == "SCH002" and "allowed keys: acronym, brief, official" in d.message


@pytest.mark.parametrize("value", ["2020", "2020-03", "2020-03-06", 2020])
def test_dates_at_three_precisions(value):
    text = f"schema_version: 1\nid: x\ntitle: {{brief: b}}\ndesign: {{study_type: interventional}}\nversion: {{date: {value}}}\n"
    assert check(text) == []


@pytest.mark.parametrize("value", ["52 weeks", "2 years", "P2Y", "P52W", "1.5 years", "6 Months"])
def test_durations(value):
    text = f"schema_version: 1\nid: x\ntitle: {{brief: b}}\ndesign: {{study_type: interventional, follow_up: {value}}}\n"
    assert check(text) == []


def test_schema_is_valid_draft_2020_12():
    document = resources.schema()
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert document["$id"] and document["title"]
    jsonschema.Draft202012Validator.check_schema(document)


def test_every_property_has_a_description():
    missing = []

    def walk(node, where):
        if isinstance(node, dict):
            for name, sub in node.get("properties", {}).items():
                if "description" not in sub:
                    missing.append(f"{where}/properties/{name}")
            for key, sub in node.items():
                walk(sub, f"{where}/{key}")
        elif isinstance(node, list):
            for index, sub in enumerate(node):
                walk(sub, f"{where}/{index}")

    walk(resources.schema(), "#")
    assert missing == []


def test_contract_enums():
    props = resources.schema()["properties"]
    design = props["design"]["properties"]
    assert design["allocation"]["enum"] == ["randomized", "non_randomized", "na"]
    assert design["model"]["enum"] == ["single_group", "parallel", "crossover", "factorial", "sequential"]
    assert resources.schema()["$defs"]["recruitment_status"]["enum"] == [
        "not_yet_recruiting", "recruiting", "enrolling_by_invitation", "active_not_recruiting",
        "suspended", "terminated", "completed", "withdrawn",
    ]


def test_schema_file_is_json():
    json.loads(resources.schema_path().read_text(encoding="utf-8"))


def test_other_schema_problems_are_sch007_at_the_value():
    text = "schema_version: 1\nid: x\ntitle: {brief: A}\ntranslations:\n  Chinese: {title: {brief: B}}\n"
    found = schema.check(load_bytes(text.encode(), "t.yaml").document)
    assert [(d.rule, d.line) for d in found] == [("SCH007", 5)]
    assert '"Chinese"' in found[0].message
    fixed = text.replace("Chinese", "zh")
    assert schema.check(load_bytes(fixed.encode(), "t.yaml").document) == []


def _check(text: str):
    from toolkit.engine import check_document

    loaded = load_bytes(text.encode("utf-8"), "t.yaml")
    return check_document(loaded.document)


def test_sch008_registry_character_limits_in_the_authors_words():
    long_title = "A" * 301
    found = _check(f"schema_version: 1\nid: t\ntitle: {{brief: {long_title}, acronym: HAIC-LEN-TORI-ICC}}\n")
    messages = sorted(d.message for d in found if d.rule == "SCH008")
    assert messages == [
        "title.acronym: 17 characters; the registry accepts at most 14 here, so shorten it by 3",
        "title.brief: 301 characters; the registry accepts at most 300 here, so shorten it by 1",
    ]
    assert all(d.severity.value == "error" for d in found if d.rule == "SCH008")


def test_sch008_counts_as_the_registry_does_and_lets_the_rules_run():
    folded = "Word " * 59 + "\n      " + "end"  # 298 characters once the folded line break is one space
    found = _check(f"schema_version: 1\nid: t\ntitle:\n  brief: >-\n    {folded}\n"
                   "design: {study_type: interventional, phases: [phase1, phase3]}\n")
    assert [d.rule for d in found if d.rule == "SCH008"] == []
    assert schema.registry_length("a  \n   b \\& c") == len("a b & c")
    too_long = _check("schema_version: 1\nid: t\ntitle: {brief: A trial, acronym: ABCDEFGHIJKLMNO}\n"
                      "design: {study_type: interventional, phases: [phase1, phase3]}\n")
    assert {"SCH008", "ARM006"} <= {d.rule for d in too_long}  # a long text does not stop the rules
