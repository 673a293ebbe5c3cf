"""The example protocols in protocols/ and their as-published fixtures."""

from __future__ import annotations

import pytest
from conftest import AS_PUBLISHED, PROTOCOLS

from toolkit.engine import check_file

EXAMPLES = sorted(PROTOCOLS.glob("*.yaml"))
MODELINE = "# yaml-language-server: $schema=../schemas/protocol.schema.json"


def test_there_are_five_examples():
    assert [p.name for p in EXAMPLES] == [
        "NCT04361331.yaml", "NCT06261047.yaml", "NCT07063888.yaml", "NCT07304388.yaml", "icc-2l-radiotherapy.yaml",
    ]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_has_no_errors(path):
    errors = [d for d in check_file(str(path)) if d.severity.value == "error"]
    assert errors == []


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_starts_with_a_working_schema_modeline(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == MODELINE
    assert (path.parent / first.split("$schema=")[1]).resolve().is_file()


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_id_matches_file_name(path):
    from toolkit.document.load import load_file

    assert load_file(str(path)).document.data["id"] == path.stem


@pytest.mark.parametrize("path", sorted(AS_PUBLISHED.glob("*.yaml")), ids=lambda p: p.stem)
def test_as_published_fixture_loads_and_mirrors_an_example(path):
    """Each as-published fixture is a full protocol (its defects are for the rules to find)."""
    assert (PROTOCOLS / path.name).exists()
    assert all(d.rule[:3] not in ("YML",) for d in check_file(str(path)))
