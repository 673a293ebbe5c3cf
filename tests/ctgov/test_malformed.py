"""Bad input to `protocol import`: a clear error and nothing written."""

from __future__ import annotations

import os

import pytest
from conftest import FIXTURES

# A real record (from ../shared/corpus), kept here so these tests run without the corpus.
GOOD_JSON = FIXTURES / "ctgov" / "NCT03630471.json"

BAD = {
    "truncated.json": GOOD_JSON.read_text()[:500],
    "notastudy.xml": "<?xml version='1.0'?><html><body>hello</body></html>",
    "empty.json": "",
    "both.json": '{"protocolSection": {}}<clinical_study><id_info><nct_id>NCT1</nct_id></id_info></clinical_study>',
    "list.json": "[1, 2, 3]",
    "search.json": '{"studies": [{"protocolSection": {}}]}',
    "noident.json": '{"protocolSection": {"statusModule": {}}}',
    "binary.xml": b"\x00\x01\x02\xff",
    "plain.txt": "NCT01234567 is a trial",
    "bomb.xml": ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                 '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
                 "<clinical_study>&lol2;</clinical_study>"),
    "broken.xml": "<clinical_study><id_info><nct_id>NCT1</nct_id></id_info>",
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_record_is_an_error_and_writes_nothing(cli, write, tmp_path, name):
    path = write(BAD[name], f"in/{name}")
    out = tmp_path / "out"
    result = cli("import", path, "-o", out)
    assert result.exit_code == 1
    assert f"{path}: error:" in result.output
    assert "Traceback" not in result.output
    assert not out.exists() or os.listdir(out) == []


def test_messages_say_what_is_wrong(cli, write, tmp_path):
    messages = {}
    for name in ("truncated.json", "notastudy.xml", "empty.json", "bomb.xml"):
        messages[name] = cli("import", write(BAD[name], name), "-o", tmp_path / "o").output
    assert "invalid JSON at line" in messages["truncated.json"]
    assert "root element is <html>" in messages["notastudy.xml"]
    assert "empty" in messages["empty.json"]
    assert "refused" in messages["bomb.xml"]


def test_existing_file_is_not_overwritten_without_force(cli, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    target = out / "NCT03630471.yaml"
    target.write_text("my edits\n")
    result = cli("import", GOOD_JSON, "-o", out)
    assert result.exit_code == 1 and "--force" in result.output
    assert target.read_text() == "my edits\n"
    assert cli("import", GOOD_JSON, "-o", out, "--force").exit_code == 0
    assert target.read_text().startswith("# yaml-language-server")


def test_one_bad_file_does_not_stop_the_others(cli, write, tmp_path):
    result = cli("import", write("", "empty.json"), GOOD_JSON, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert (tmp_path / "out" / "NCT03630471.yaml").exists()
