"""Protocol accessors and the schema walker: each piece of the protocol read in one place."""

from __future__ import annotations

import pytest

from toolkit.ctgov import prs
from toolkit.document import schema_paths
from toolkit.document.accessors import (
    amount_and_unit,
    in_language,
    language,
    patient,
    patient_languages,
    ratio_parts,
)
from toolkit.document.dump import ordered
from toolkit.render import labels
from toolkit.rules import arms, randomization, status

DATA = {
    "language": "en",
    "patient": {"purpose": "We test a pill."},
    "translations": {"zh": {"patient": {"purpose": "我们研究一种药。"}}, "fr": {"title": {"brief": "Essai"}}},
    "design": {"randomization": {"ratio": "2:1"}},
}


def test_language_and_text_in_a_language():
    assert language(DATA) == "en" and language({}) == "en" and language({"language": "zh"}) == "zh"
    assert in_language(DATA, "en") == ((), DATA)
    assert in_language(DATA, "fr") == (("translations", "fr"), {"title": {"brief": "Essai"}})
    assert in_language(DATA, "de") == (("translations", "de"), {})


def test_patient_block_in_each_language():
    assert patient(DATA, "en") == (("patient",), {"purpose": "We test a pill."})
    assert patient(DATA, "zh") == (("translations", "zh", "patient"), {"purpose": "我们研究一种药。"})
    assert patient(DATA, "fr") == (("translations", "fr", "patient"), {})
    assert patient_languages(DATA) == ["en", "zh"]
    assert patient_languages({"language": "zh", "patient": {"purpose": "x"}}) == ["zh"]


@pytest.mark.parametrize("text,parts", [
    ("18 years", ("18", "years")), ("6 Months", ("6", "Months")), ("1.5 years", ("1.5", "years")),
    ("P52W", None), ("", None), (None, None), ("eighteen years", None),
])
def test_amount_and_unit(text, parts):
    assert amount_and_unit(text) == parts


def test_ratio_parts():
    assert ratio_parts(DATA) == [2, 1]
    assert ratio_parts({"design": {}}) is None and ratio_parts({}) is None


def test_schema_walker_follows_refs_properties_and_items():
    assert schema_paths.at(("eligibility", "minimum_age"))["pattern"]  # an age: a $ref to the age form
    assert "recruiting" in schema_paths.allowed(("status", "overall"))  # through $defs/recruitment_status
    assert "phase2" in schema_paths.allowed(("design", "phases"))  # a list: its items' values
    assert "experimental" in schema_paths.allowed(("arms", 0, "type"))
    assert schema_paths.at(("no_such_key",)) == {} and schema_paths.allowed(("title",)) == ()
    assert "id" in schema_paths.at_schema_path(("properties",)) and schema_paths.at_schema_path(("nope", 3)) == {}


def test_dump_orders_keys_as_the_schema_declares_them():
    data = {"title": {"official": "O", "brief": "B"}, "id": "x", "schema_version": 1}
    assert list(ordered(data)) == ["schema_version", "id", "title"]
    assert list(ordered(data)["title"]) == ["brief", "official"]


# Vocabularies: every table of values kept outside the schema names exactly the schema's values.

LABEL_TABLES = {
    "study_type": ("design", "study_type"), "phase": ("design", "phases"), "allocation": ("design", "allocation"),
    "model": ("design", "model"), "purpose": ("design", "purpose"), "masking": ("design", "masking", "level"),
    "who": ("design", "masking", "who"), "arm_type": ("arms", 0, "type"),
    "intervention_type": ("interventions", 0, "type"), "sex": ("eligibility", "sex"),
}


@pytest.mark.parametrize("table", sorted(LABEL_TABLES))
@pytest.mark.parametrize("words", [labels.EN, labels.ZH], ids=["en", "zh"])
def test_labels_cover_exactly_the_schema_values(table, words):
    assert set(words[table]) == set(schema_paths.allowed(LABEL_TABLES[table]))


def test_status_vocabularies_are_the_schemas():
    statuses = set(schema_paths.allowed(("status", "overall")))
    expanded = set(schema_paths.allowed(("status", "expanded_access")))
    for words in (labels.EN, labels.ZH):
        # and the two the registry assigns itself: "unknown" (last_known) and "withheld"
        assert set(words["status"]) == statuses | expanded | {"unknown", "withheld"}
    assert set(prs.STATUS) == statuses and set(prs.EXPANDED_ACCESS_STATUS) == expanded
    assert status.ONGOING | status.STOPPED < statuses and set(status.MUST_BE) < statuses


def test_rule_vocabularies_are_the_schemas():
    assert set(arms.MASKED_ROLES) == set(schema_paths.allowed(("design", "masking", "level")))
    assert randomization.COMPARATORS < set(schema_paths.allowed(("arms", 0, "type")))
