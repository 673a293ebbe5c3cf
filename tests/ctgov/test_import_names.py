"""Issue 9, item 1: a record's id names the file it is imported into, so it is untrusted.

Only an NCT number, or a safe slug derived from anything else, becomes a file name, and
nothing is ever written outside the folder given with -o (not even with --force, not through
a link planted in that folder)."""

from __future__ import annotations

import json
import os
import re

import pytest
from conftest import FIXTURES

from toolkit import schema
from toolkit.document.load import load_file

GOOD_JSON = FIXTURES / "ctgov" / "NCT03630471.json"
SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}\.yaml$")


def _tree(root):
    return sorted(os.path.relpath(os.path.join(folder, name), root)
                  for folder, dirs, names in os.walk(root) for name in names + dirs)


def _json_record(tmp_path, nct_id, name="record.json"):
    record = json.loads(GOOD_JSON.read_text(encoding="utf-8"))
    record["protocolSection"]["identificationModule"]["nctId"] = nct_id
    path = tmp_path / "in" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(record), encoding="utf-8")
    return path


def _xml_record(tmp_path, nct_id, name="record.xml"):
    from xml.sax.saxutils import escape

    path = tmp_path / "in" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(f"<clinical_study><id_info><nct_id>{escape(nct_id)}</nct_id></id_info>"
                    "<brief_title>A trial</brief_title></clinical_study>", encoding="utf-8")
    return path


HOSTILE_IDS = {
    "parent": "../.github/workflows/ci",
    "inner-parent": "a/../../escape",  # out/a/../../escape.yaml is inside tmp_path, never beyond
    "newline": "NCT0000\n0001",
    "control": "x\x1b[2Jy\x00z",
    "xml-control": "x\x85y\x7fz\u2028w",  # what XML 1.0 lets through
    "hidden": ".hidden",
    "dots": "..",
    "slash-only": "///",
    "backslash": "..\\..\\evil",
    "long": "a" * 500,
}


CASES = [pytest.param(make, key, id=f"{key}-{kind}") for key in sorted(HOSTILE_IDS)
         for kind, make in (("json", _json_record), ("xml", _xml_record))
         if not (kind == "xml" and key == "control")]  # XML 1.0 cannot carry ESC or NUL


@pytest.mark.parametrize(("make", "key"), CASES)
def test_hostile_id_stays_inside_the_output_folder(cli, tmp_path, make, key):
    source = make(tmp_path, HOSTILE_IDS[key])
    out = tmp_path / "out"
    out.mkdir()
    before = _tree(tmp_path)
    result = cli("import", source, "-o", out, "--force")
    assert result.exit_code == 0, result.output
    written = os.listdir(out)
    assert len(written) == 1 and SAFE_NAME.match(written[0]), written
    assert _tree(tmp_path) == sorted(before + [os.path.join("out", written[0])]), "nothing outside -o"
    assert "\x1b" not in result.output and "\x00" not in result.output
    document = load_file(str(out / written[0])).document
    assert document is not None
    assert not [d for d in schema.check(document) if d.rule in ("SCH001", "SCH006") or "/id" == d.path], \
        "the derived id passes the schema"


def test_absolute_id_cannot_replace_a_file_elsewhere(cli, tmp_path):
    victim = tmp_path / "elsewhere" / "victim"
    victim.parent.mkdir()
    (tmp_path / "elsewhere" / "victim.yaml").write_text("keep me\n")
    out = tmp_path / "out"
    result = cli("import", _json_record(tmp_path, str(victim)), "-o", out, "--force")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "elsewhere" / "victim.yaml").read_text() == "keep me\n"
    assert len(os.listdir(out)) == 1


def test_relative_id_cannot_replace_a_workflow(cli, tmp_path):
    workflow = tmp_path / ".github" / "workflows" / "ci.yaml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text("on: push\n")
    out = tmp_path / "out"
    out.mkdir()
    assert cli("import", _xml_record(tmp_path, "../.github/workflows/ci"), "-o", out, "--force").exit_code == 0
    assert workflow.read_text() == "on: push\n"
    assert os.listdir(out) == ["github-workflows-ci.yaml"]


def test_nct_number_names_the_file_and_is_normalised(cli, tmp_path):
    out = tmp_path / "out"
    assert cli("import", _json_record(tmp_path, " nct03630471\n"), "-o", out).exit_code == 0
    assert os.listdir(out) == ["NCT03630471.yaml"]
    data = load_file(str(out / "NCT03630471.yaml")).document.data
    assert data["id"] == data["identifiers"]["nct"] == "NCT03630471"


def test_id_with_nothing_usable_is_named_after_the_source(cli, tmp_path):
    out = tmp_path / "out"
    result = cli("import", _xml_record(tmp_path, "../..", name="trial-42.xml"), "-o", out)
    assert result.exit_code == 0, result.output
    assert os.listdir(out) == ["trial-42.yaml"]
    assert "is not an NCT number" in result.output


def test_link_planted_in_the_output_folder_is_not_followed(cli, tmp_path):
    victim = tmp_path / "victim.yaml"
    victim.write_text("keep me\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / "NCT03630471.yaml").symlink_to(victim)
    refused = cli("import", GOOD_JSON, "-o", out)
    assert refused.exit_code == 1 and "--force" in refused.output
    assert cli("import", GOOD_JSON, "-o", out, "--force").exit_code == 0
    assert victim.read_text() == "keep me\n"
    assert not (out / "NCT03630471.yaml").is_symlink()


def test_zip_member_names_reach_neither_the_terminal_nor_a_path(cli, tmp_path):
    import zipfile

    archive = tmp_path / "in" / "bulk.zip"
    archive.parent.mkdir()
    record = json.loads(GOOD_JSON.read_text(encoding="utf-8"))
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("../../evil\x1b[2J.json", json.dumps(record))
        record["protocolSection"]["identificationModule"]["nctId"] = "../../escape"
        bundle.writestr("x/../../../\x1b]0;title\x07.json", json.dumps(record))
    out = tmp_path / "out"
    before = _tree(tmp_path)
    result = cli("import", archive, "-o", out)
    assert "\x1b" not in result.output and "\x07" not in result.output, result.output
    written = sorted(os.listdir(out))
    assert written == ["NCT03630471.yaml", "escape.yaml"], result.output
    assert _tree(tmp_path) == sorted(before + ["out"] + [os.path.join("out", name) for name in written])
