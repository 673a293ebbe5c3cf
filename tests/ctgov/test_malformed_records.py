"""Issue 9, item 9: `protocol import` on records that parse but are malformed.

Every such record is either imported into a file that `protocol validate` reads and whose
schema holds, or refused with a one-line error and nothing written; never a traceback.
"""

from __future__ import annotations

import copy
import json

import pytest
from conftest import FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit import schema
from toolkit.ctgov.importer import import_file
from toolkit.document.load import load_file

GOOD = json.loads((FIXTURES / "ctgov" / "NCT03630471.json").read_text(encoding="utf-8"))
SECTION = GOOD["protocolSection"]


def _set(record: dict, path: tuple, value) -> dict:
    record = copy.deepcopy(record)
    node = record
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return record


def _every_path(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _every_path(child, path + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _every_path(child, path + (index,))


PATHS = [p for p in _every_path(GOOD) if p]


def deep(levels: int):
    value: list = []
    for _ in range(levels):
        value = [value]
    return value


# The shapes the issue found crashing the importer, each placed where it hurts.
TABLE = {
    "module is a string": _set(GOOD, ("protocolSection", "designModule"), "PHASE2"),
    "module is a list": _set(GOOD, ("protocolSection", "statusModule"), [1, 2]),
    "number where text": _set(GOOD, ("protocolSection", "identificationModule", "briefTitle"), 42),
    "title is a number": _set(_set(GOOD, ("protocolSection", "identificationModule", "briefTitle"), 7),
                              ("protocolSection", "identificationModule", "officialTitle"), 8),
    "nct id is a number": _set(GOOD, ("protocolSection", "identificationModule", "nctId"), 3630471),
    "nulls everywhere": {"protocolSection": {name: None for name in SECTION} | {
        "identificationModule": {key: None for key in SECTION["identificationModule"]} | {"nctId": "NCT03630471",
                                                                                         "briefTitle": "T"}}},
    "40-digit count": _set(GOOD, ("protocolSection", "designModule", "enrollmentInfo", "count"), 10**40),
    "count is text": _set(GOOD, ("protocolSection", "designModule", "enrollmentInfo", "count"), "forty"),
    "count is true": _set(GOOD, ("protocolSection", "designModule", "enrollmentInfo", "count"), True),
    "list of numbers": _set(GOOD, ("protocolSection", "conditionsModule", "conditions"), [1, None, {"a": 1}]),
    "arm groups are strings": _set(GOOD, ("protocolSection", "armsInterventionsModule", "armGroups"), ["A", "B"]),
    "very deep JSON value": _set(GOOD, ("protocolSection", "descriptionModule", "briefSummary"), deep(500)),
    "lone surrogate": _set(GOOD, ("protocolSection", "identificationModule", "briefTitle"), "trial \ud800 one"),
    "impossible date": _set(GOOD, ("protocolSection", "statusModule", "startDateStruct", "date"), "2020-02-30"),
    "dates are objects": _set(GOOD, ("protocolSection", "statusModule", "studyFirstSubmitDate"), {"x": 1}),
    "healthy volunteers as text": _set(GOOD, ("protocolSection", "eligibilityModule", "healthyVolunteers"), "Yes"),
    "huge text": _set(GOOD, ("protocolSection", "descriptionModule", "detailedDescription"), "word " * 2_000_000),
}

REFUSED = {  # raw files, with the message each must get
    "array.json": ("[1, 2, 3]", "the JSON is a list, not an object"),
    "null.json": ("null", "the JSON is null, not an object"),
    "number.json": ("42", "the JSON is a single number, not an object"),
    "deep.json": ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    "digits.json": ('{"protocolSection": {"designModule": {"enrollmentInfo": {"count": ' + "9" * 5000 + "}}}}",
                    "a number too long to read"),
    "text.json": ("hello", "neither JSON nor XML"),
}


def check_import(record_text: str, tmp_path) -> tuple[str | None, str | None]:
    """Import the text; if a file is written, it must load and pass the schema. (error, target)"""
    source = tmp_path / "record.json"
    source.write_text(record_text, encoding="utf-8", errors="surrogatepass")
    out = tmp_path / "out"
    result = import_file(str(source), str(out), force=True)
    if result.error:
        assert "\n" not in result.error
        assert not out.exists() or not any(out.iterdir()), "an error and a file written"
        return result.error, None
    loaded = load_file(result.target)
    assert loaded.document is not None, loaded.diagnostics
    assert [d for d in schema.check(loaded.document) if d.severity.value == "error"] == []
    return None, result.target


@pytest.mark.parametrize("name", TABLE)
def test_malformed_record_imports_or_is_refused_cleanly(name, tmp_path):
    error, target = check_import(json.dumps(TABLE[name], ensure_ascii=True), tmp_path)
    assert error or target


def test_what_is_dropped_is_said(tmp_path):
    error, target = check_import(json.dumps(TABLE["count is text"]), tmp_path)
    assert error is None
    text = open(target, encoding="utf-8").read()
    assert "protocolSection.designModule.enrollmentInfo.count is text where the registry's format has a whole number" \
        in text
    assert "enrollment:" not in text


def test_a_lone_surrogate_is_replaced_not_written(tmp_path):
    error, target = check_import(json.dumps(TABLE["lone surrogate"]), tmp_path)
    assert error is None
    assert "trial \ufffd one" in open(target, encoding="utf-8").read()


def test_a_record_too_large_for_a_protocol_file_is_refused(tmp_path):
    error, _ = check_import(json.dumps(TABLE["huge text"]), tmp_path)
    assert error and "over the 8 MiB a protocol file may have (YML006); nothing written" in error


@pytest.mark.parametrize("name", REFUSED)
def test_not_a_record_gets_the_right_message(name, cli, write, tmp_path):
    text, message = REFUSED[name]
    result = cli("import", write(text, name), "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.integers(min_value=10**20, max_value=10**400)
    | st.floats(allow_nan=False) | st.text(max_size=30) | st.sampled_from(["", "2020-02-30", "PHASE2", "NA", "\ud800"]),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=6,
)


@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(changes=st.lists(st.tuples(st.sampled_from(PATHS), JSON_VALUES), min_size=1, max_size=4))
def test_any_value_anywhere_imports_or_is_refused_cleanly(changes, tmp_path_factory):
    record = GOOD
    for path, value in changes:
        try:
            record = _set(record, path, value)
        except (KeyError, IndexError, TypeError):  # an earlier change removed the place
            continue
    try:
        text = json.dumps(record)
    except ValueError:
        return
    error, target = check_import(text, tmp_path_factory.mktemp("fuzz"))
    assert error or target
