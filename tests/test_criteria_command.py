"""`protocol criteria FILE [--format text|json]`: how each eligibility criterion is read."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, PROTOCOLS, SHARED_CORPUS, SHIPPED_CORPUS, corpus_records, full_corpus, shipped_records

from toolkit.cli import main
from toolkit.ctgov.importer import import_file

OPERATORS = {">=", ">", "<=", "<"}
UNITS = {"years", "months", "weeks", "days", "hours"}


def assert_shape(report: dict) -> None:
    """The fixed JSON shape: {"version": 1, "criteria": [{path, line, text, ages, durations}]}."""
    assert report["version"] == 1 and isinstance(report["criteria"], list)
    for entry in report["criteria"]:
        assert entry["path"].startswith(("/eligibility/inclusion/", "/eligibility/exclusion/"))
        assert isinstance(entry["line"], int) and entry["line"] >= 1
        assert isinstance(entry["text"], str)
        for age in entry["ages"]:
            assert age["operator"] in OPERATORS and age["unit"] in UNITS and age["role"] in ("bound", "condition")
            assert isinstance(age["value"], (int, float)) and isinstance(age["inclusive"], bool)
        for duration in entry["durations"]:
            assert isinstance(duration["text"], str) and isinstance(duration["days"], (int, float))


@pytest.mark.parametrize("name", sorted(p.name for p in PROTOCOLS.glob("*.yaml")))
def test_example_protocols(cli, name):
    result = cli("criteria", PROTOCOLS / name, "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert_shape(report)
    text = cli("criteria", PROTOCOLS / name)
    assert text.exit_code == 0
    if report["criteria"]:
        assert "/eligibility/inclusion/0" in text.output
    else:  # icc-2l-radiotherapy has no eligibility section yet
        assert text.output.endswith("no eligibility criteria\n")


def test_what_an_author_sees(cli, write):
    path = write("eligibility:\n  inclusion:\n    - Age ≥ 18 years\n"
                 "    - Karnofsky ≥ 50 for patients > 16 years of age\n"
                 "  exclusion:\n    - Age > 75 years\n    - Surgery within 3 months\n", "t.yaml")
    report = json.loads(cli("criteria", path, "--format", "json").output)
    first, second, third, fourth = report["criteria"]
    assert (first["path"], first["line"]) == ("/eligibility/inclusion/0", 3)
    assert first["ages"] == [{"operator": ">=", "value": 18, "unit": "years", "inclusive": True, "role": "bound",
                              "text": "≥ 18 years"}]
    assert first["durations"] == []  # an age is not a duration
    assert [a["role"] for a in second["ages"]] == ["condition"]
    assert (third["path"], third["ages"][0]["operator"]) == ("/eligibility/exclusion/0", ">")  # as written
    assert fourth["durations"] == [{"text": "3 months", "days": 91.31}]
    text = cli("criteria", path).output
    assert 'age ≥ 18 years (bound): "≥ 18 years"' in text and 'duration "3 months" = 91.31 days' in text


def test_a_file_that_is_not_yaml_is_an_error(cli, write):
    result = CliRunner().invoke(main, ["criteria", str(write("a: [1,\n", "bad.yaml"))])
    assert result.exit_code == 1 and "bad.yaml:" in result.output
    assert cli("criteria", write("id: x\n", "none.yaml")).output.endswith("no eligibility criteria\n")
    assert CliRunner().invoke(main, ["criteria", "missing.yaml"]).exit_code == 2


def test_every_shipped_record(tmp_path):
    """Every shipped real record gives a well-formed reading."""
    registry = sorted(p for p in (FIXTURES / "registry").iterdir() if p.suffix in (".json", ".xml"))
    assert _read_all(shipped_records(), SHIPPED_CORPUS, tmp_path) == len(shipped_records())
    assert _read_all(registry, FIXTURES, tmp_path) == len(registry)


@full_corpus
def test_every_corpus_record(tmp_path):
    """Every record of the corpus that imports gives a well-formed reading (one test: 1,900 records)."""
    records = corpus_records()
    assert len(records) >= 1940
    assert _read_all(records, SHARED_CORPUS, tmp_path) >= len(records) - 1  # the one classic-API record does not import


def _read_all(records: list, root, tmp_path) -> int:
    """How many records imported and gave a well-formed reading; fails on a badly formed one."""
    runner = CliRunner()
    failures, read = [], 0
    for record in records:
        imported = import_file(str(record), str(tmp_path / record.parent.name), force=True)
        if imported.error:
            continue  # import failures are the importer's tests' business
        result = runner.invoke(main, ["criteria", imported.target, "--format", "json"])
        try:
            assert result.exit_code == 0, result.output
            assert_shape(json.loads(result.output))
            read += 1
        except (AssertionError, ValueError) as err:
            failures.append(f"{record.relative_to(root)}: {err}")
    assert not failures, failures[:5]
    return read
