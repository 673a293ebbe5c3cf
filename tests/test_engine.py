"""The engine's entry points the commands use."""

from __future__ import annotations

from conftest import MINIMAL

from toolkit.engine import _see, load_checked


def test_load_checked_returns_the_document_and_only_its_errors(write):
    path = write(MINIMAL + "summary: TODO\n")  # TXT001 is an error
    document, errors = load_checked(str(path))
    assert document is not None and document.data["id"] == "minimal-trial"
    assert [d.rule for d in errors] == ["TXT001"]
    assert load_checked(str(path), rules=False)[1] == []  # YAML and schema are sound


def test_load_checked_unreadable_or_schema_invalid(write):
    document, errors = load_checked(str(write("a: [1\n")))
    assert document is None and [d.rule for d in errors] == ["YML001"]
    document, errors = load_checked(str(write(MINIMAL.replace("id: minimal-trial", "id: not a slug"))), rules=False)
    assert document is not None and [d.rule for d in errors] == ["SCH005"]


def test_see_names_the_lines():
    assert _see([]) == "" and _see([4]) == "see line 4"
    assert _see([4, 9]) == "see lines 4 and 9" and _see([4, 7, 9]) == "see lines 4, 7 and 9"
