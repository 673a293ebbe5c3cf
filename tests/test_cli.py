"""The command line: exit statuses, formats, paths, `new`, `schema`, `rules`."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys

from conftest import COMPLETE, MINIMAL, PROTOCOLS, ROOT

from toolkit import __version__
from toolkit.rules import ALIASES, REGISTRY


def test_version(cli):
    result = cli("--version")
    assert result.exit_code == 0 and __version__ in result.output


def test_every_command_has_help_with_an_example(cli):
    for command in ("validate", "schema", "new", "rules"):
        result = cli(command, "--help")
        assert result.exit_code == 0
        assert "Example" in result.output, command


def test_valid_file_exits_0(cli, write):
    result = cli("validate", write(COMPLETE))
    assert result.exit_code == 0
    assert result.output.strip().endswith("1 file checked: no problems found")


def test_error_exits_1_with_file_line_column_code(cli, write):
    path = write(MINIMAL + "eligibility:\n  maximum_age: '75'\n")
    result = cli("validate", path)
    assert result.exit_code == 1
    first = result.output.splitlines()[0]
    line = MINIMAL.count("\n") + 2
    assert first == f'{path}:{line}:16: error SCH005 eligibility.maximum_age: "75" is not an age; write it like "75 years"'


def test_missing_path_exits_2_with_one_line(cli, tmp_path):
    result = cli("validate", tmp_path / "nope.yaml")
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0
    assert "path does not exist" in result.output


def test_folder_without_protocols_exits_2(cli, tmp_path):
    result = cli("validate", tmp_path)
    assert result.exit_code == 2 and "no *.yaml or *.yml files" in result.output


def test_unknown_selector_exits_2(cli, write):
    result = cli("validate", write(MINIMAL), "--select", "NOPE1")
    assert result.exit_code == 2 and "unknown rule code or family" in result.output


def test_bad_option_exits_2(cli, write):
    assert cli("validate", write(MINIMAL), "--format", "xml").exit_code == 2


def test_folder_is_searched_recursively_skipping_hidden(cli, write, tmp_path):
    write(MINIMAL, "a/one.yaml")
    write(MINIMAL.replace("minimal-trial", "two"), "a/b/two.yml")
    write("not: [valid", "a/.hidden/broken.yaml")
    write("ignored", "a/notes.txt")
    result = cli("validate", tmp_path / "a")
    assert result.exit_code == 0
    assert "2 files checked" in result.output


def test_json_format(cli, write):
    bad = write(MINIMAL + "eligibility:\n  sex: both\n", "bad.yaml")
    good = write(COMPLETE, "good.yaml")
    result = cli("validate", good, bad, "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["version"] == 1
    assert report["summary"] == {"files": 2, "errors": 1, "warnings": 0, "infos": 0}
    (d,) = report["diagnostics"]
    assert d == {
        "file": str(bad), "line": MINIMAL.count("\n") + 2, "column": 8, "rule": "SCH004", "severity": "error",
        "message": 'eligibility.sex: "both" is not one of: all, female, male', "path": "/eligibility/sex",
    }


def test_ignore_and_select(cli, write):
    path = write(MINIMAL + "summary: TODO\n")
    assert cli("validate", path).exit_code == 1
    assert cli("validate", path, "--ignore", "TXT001").exit_code == 0
    assert cli("validate", path, "--ignore", "txt").exit_code == 0
    assert cli("validate", path, "--select", "SCH").exit_code == 0
    assert cli("validate", path, "--select", "TXT", "--ignore", "SCH").exit_code == 1


def test_yaml_problems_cannot_be_ignored(cli, write):
    assert cli("validate", write("a: [1\n"), "--ignore", "YML").exit_code == 1


def test_bad_inputs_never_traceback(cli, write):
    inputs = {
        "syntax.yaml": "id: [x\n",
        "list.yaml": "- a\n",
        "empty.yaml": "",
        "binary.yaml": b"\x00\x01\x02",
        "latin1.yaml": "title: caf\u00e9\n".encode("latin-1"),
        "tabs.yaml": "a:\n\tb: 1\n",
        "bomb.yaml": b"a: &a [x, x, x, x, x, x, x, x, x]\n" + b"".join(
            f"a{i}: &a{i} [{', '.join(['*a' + (str(i - 1) if i > 1 else '')] * 9)}]\n".encode() for i in range(1, 9)),
        "types.yaml": MINIMAL + "arms: {id: x}\n",
    }
    paths = [write(content, name) for name, content in inputs.items()]
    result = cli("validate", *paths)
    assert result.exit_code == 1
    codes = {line.split()[2] for line in result.output.splitlines()[:-1]}
    assert codes == {"YML001", "YML004", "YML003", "YML005", "YML007", "SCH003"}
    assert "Traceback" not in result.output


def test_default_path_is_protocols(cli):
    result = cli("validate")
    assert result.exit_code == 0
    assert "5 files checked: 0 errors" in result.output


def test_schema_command_prints_the_schema(cli):
    result = cli("schema")
    assert result.exit_code == 0
    assert json.loads(result.output)["title"] == "Clinical-trial protocol"


def test_new_writes_a_skeleton_that_passes_the_schema_and_lists_todos(cli, tmp_path):
    target = tmp_path / "trial.yaml"
    assert cli("new", target).exit_code == 0
    result = cli("validate", target, "--format", "json")
    report = json.loads(result.output)
    rules = {d["rule"] for d in report["diagnostics"]}
    assert rules == {"TXT001"}, "the skeleton must pass the schema; only its TODOs are reported"
    assert result.exit_code == 1
    modeline = target.read_text().splitlines()[0]
    schema_file = modeline.split("$schema=")[1]
    assert (target.parent / schema_file).is_file()


def test_new_inside_a_repository_links_the_schema_relatively(cli, write, tmp_path):
    write("{}", "schemas/protocol.schema.json")
    target = tmp_path / "protocols" / "trial.yaml"
    target.parent.mkdir()
    assert cli("new", target).exit_code == 0
    assert target.read_text().splitlines()[0] == "# yaml-language-server: $schema=../schemas/protocol.schema.json"


def test_new_never_overwrites_without_force(cli, write):
    path = write("precious: content\n", "mine.yaml")
    result = cli("new", path)
    assert result.exit_code == 2 and "--force" in result.output
    assert path.read_text() == "precious: content\n"
    assert cli("new", path, "--force").exit_code == 0
    assert path.read_text().startswith("# yaml-language-server")


def test_rules_lists_and_explains(cli):
    listing = cli("rules")
    assert listing.exit_code == 0 and "SCH002" in listing.output and "YML007" in listing.output
    one = cli("rules", "sch002")
    assert one.exit_code == 0
    for heading in ("## What it checks", "## Why it matters", "## Example", "## Fix"):
        assert heading in one.output
    assert cli("rules", "ZZZ999").exit_code == 2


def test_rules_says_where_a_rule_lives_and_what_it_takes(cli):
    out = cli("rules", "DAT007").output.splitlines()
    assert out[1] == f"defined in toolkit/rules/status.py:{REGISTRY['DAT007'].source[1]}; tested in tests/rules/test_status.py"
    assert out[2] == "options: max_days = 21 (set them under [tool.protocol.rules.DAT007])"
    assert "tested in tests/test_schema.py" in cli("rules", "SCH002").output


def test_rules_explains_a_former_code(cli, monkeypatch):
    monkeypatch.setitem(REGISTRY, "DAT007", dataclasses.replace(REGISTRY["DAT007"], aliases=("DAT090",)))
    monkeypatch.setitem(ALIASES, "DAT090", ("DAT007",))
    out = cli("rules", "DAT090").output
    assert out.startswith("DAT007 registered-after-start") and "formerly: DAT090 (still accepted)" in out


def test_console_script_end_to_end():
    """The installed `protocol` script, as CI runs it (also proves the cold import path works)."""
    script = os.path.join(os.path.dirname(sys.executable), "protocol")
    done = subprocess.run([script, "validate", str(PROTOCOLS)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "5 files checked: 0 errors" in done.stdout


def test_validate_does_not_import_heavy_modules():
    code = (
        "import sys; from toolkit.cli import main\n"
        "try:\n    main(['validate', 'protocols'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('jinja2', 'weasyprint', 'jsonschema') if m in sys.modules]\n"
        "print('HEAVY=' + ','.join(heavy))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip().splitlines()[-1] == "HEAVY="
