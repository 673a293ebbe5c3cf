"""`protocol diff`: versions in git, registry records, every output format, bad inputs.

Codes: DIF001 added, DIF002 removed, DIF003 changed, DIF004 moved.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from conftest import FIXTURES, FULL_CORPUS, PROTOCOLS, corpus_records, shipped_records

from toolkit.commands.diff import as_registered, compare, read_side, registry_value
from toolkit.document.diff import ATOMIC_LISTS, diff
from toolkit.render.labels import EN

SOURCE = PROTOCOLS / "NCT07063888.yaml"
INSERTED = "    - Signed informed consent before any study procedure\n"
V1 = SOURCE.read_text(encoding="utf-8")
# v2: a criterion inserted as the third inclusion criterion; the primary endpoint's time frame changed
V2 = (V1.replace("    - Postoperative pathology confirmed intrahepatic cholangiocarcinoma\n",
                 INSERTED + "    - Postoperative pathology confirmed intrahepatic cholangiocarcinoma\n", 1)
        .replace("      timeframe: 2 years   # the page gives no time frame; this is the measure's own \"2-year\"\n"
                 "  secondary:", "      timeframe: 3 years\n  secondary:", 1))
# v3: capecitabine's concurrent dose changed; the first two exclusion criteria swapped
FIRST = "    - History of malignancies, except for basal cell skin carcinoma and in situ carcinoma of the cervix\n"
SECOND = "    - Had prior abdominal irradiation\n"
V3 = V2.replace("        dose: 1600 mg/m²", "        dose: 1250 mg/m²", 1).replace(FIRST + SECOND, SECOND + FIRST, 1)


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.email=t@example.org", "-c", "user.name=t", *args], cwd=repo, check=True,
                   capture_output=True)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A git repository holding three versions of protocols/trial.yaml, tagged v1, v2, v3."""
    assert V1 != V2 != V3 and INSERTED in V2 and "1250 mg/m²" in V3
    (tmp_path / "protocols").mkdir()
    target = tmp_path / "protocols" / "trial.yaml"
    _git(tmp_path, "init", "-q")
    for number, text in enumerate((V1, V2, V3), start=1):
        target.write_text(text, encoding="utf-8")
        _git(tmp_path, "add", ".")
        _git(tmp_path, "commit", "-qm", f"version {number}")
        _git(tmp_path, "tag", f"v{number}")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _changes(cli, *args):
    result = cli("diff", *args, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.output)["changes"]


def _kinds(changes):
    return sorted((c["kind"], c["path"]) for c in changes)


def test_inserted_criterion_and_changed_time_frame_are_exactly_two_changes(cli, repo):
    status, changes = _changes(cli, "v1:protocols/trial.yaml", "v2:protocols/trial.yaml")
    assert status == 1
    assert _kinds(changes) == [("added", "/eligibility/inclusion/2"), ("changed", "/endpoints/primary/0/timeframe")]
    added = next(c for c in changes if c["kind"] == "added")
    assert added["new"] == INSERTED.strip()[2:] and added["old"] is None and added["old_line"] is None
    assert added["section"] == "5.2 Inclusion Criteria" and added["field"] == "eligibility.inclusion[2]"
    assert V2.splitlines()[added["new_line"] - 1].strip() == INSERTED.strip()
    changed = next(c for c in changes if c["kind"] == "changed")
    assert (changed["old"], changed["new"]) == ("2 years", "3 years")
    assert changed["section"].startswith("3 ")
    assert "timeframe: 2 years" in V1.splitlines()[changed["old_line"] - 1]
    assert V2.splitlines()[changed["new_line"] - 1][changed["new_column"] - 1:] == "3 years"


def test_dose_change_and_reordered_list(cli, repo):
    status, changes = _changes(cli, "v2:protocols/trial.yaml", "v3:protocols/trial.yaml")
    assert status == 1
    # a swap of two neighbours is one item moved past the other (either may be the one)
    assert [k for k in _kinds(changes) if k[0] != "moved"] == [("changed", "/interventions/1/dosing/0/dose")]
    moved = [c for c in changes if c["kind"] == "moved"]
    assert len(moved) == 1 and moved[0]["old"] == moved[0]["new"]
    assert {moved[0]["old_path"], moved[0]["path"]} == {"/eligibility/exclusion/0", "/eligibility/exclusion/1"}
    dose = next(c for c in changes if c["kind"] == "changed")
    assert (dose["old"], dose["new"]) == ("1600 mg/m²", "1250 mg/m²")
    assert dose["section"] == "6.3 Administration of Trial Intervention"


def test_first_to_last_version_is_the_four_changes(cli, repo):
    _, changes = _changes(cli, "v1:protocols/trial.yaml", "protocols/trial.yaml")
    assert [k for k in _kinds(changes) if k[0] != "moved"] == [
        ("added", "/eligibility/inclusion/2"), ("changed", "/endpoints/primary/0/timeframe"),
        ("changed", "/interventions/1/dosing/0/dose")]
    assert [c["path"] for c in changes if c["kind"] == "moved"] in (["/eligibility/exclusion/0"], ["/eligibility/exclusion/1"])


def test_since_compares_the_working_file_with_a_revision(cli, repo):
    assert cli("diff", "--since", "v3", "protocols/trial.yaml").exit_code == 0
    (repo / "protocols" / "trial.yaml").write_text(V3.replace("minimum_age: 18 years", "minimum_age: 20 years"))
    status, changes = _changes(cli, "--since", "v3", "protocols/trial.yaml")
    assert status == 1 and _kinds(changes) == [("changed", "/eligibility/minimum_age")]
    text = cli("diff", "--since", "v3", "protocols/trial.yaml")
    assert "protocols/trial.yaml:" in text.output and "DIF003" in text.output and "18 years" in text.output
    assert "5 Trial Population" in text.output


def test_identical_versions_exit_0(cli, repo):
    result = cli("diff", "v1:protocols/trial.yaml", str(SOURCE))
    assert result.exit_code == 0 and "no differences" in result.output


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "github", "sarif", "junit"])
def test_every_format(cli, repo, fmt):
    result = cli("diff", "v1:protocols/trial.yaml", "protocols/trial.yaml", "--format", fmt)
    assert result.exit_code == 1
    out = result.output
    if fmt == "json":
        assert len(json.loads(out)["changes"]) == 4
    elif fmt == "sarif":
        results = json.loads(out)["runs"][0]["results"]
        assert sorted(r["ruleId"] for r in results) == ["DIF001", "DIF003", "DIF003", "DIF004"]
        assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results} == {"protocols/trial.yaml"}
    elif fmt == "junit":
        root = ElementTree.fromstring(out)
        assert root.get("failures") == "4"
    elif fmt == "github":
        lines = [line for line in out.splitlines() if line.startswith("::")]
        assert len(lines) == 4 and all("file=protocols/trial.yaml,line=" in line for line in lines)
    elif fmt == "markdown":
        rows = [line for line in out.splitlines() if line.startswith("| ") and "---" not in line]
        assert len(rows) == 5 and "5.2 Inclusion Criteria" in out
    else:
        assert out.count("DIF00") == 4


def test_dif_codes_are_registered():
    from toolkit.rules import FAMILIES, REGISTRY

    assert "DIF" in FAMILIES
    assert {c: REGISTRY[c].name for c in ("DIF001", "DIF002", "DIF003", "DIF004")} == {
        "DIF001": "added", "DIF002": "removed", "DIF003": "changed", "DIF004": "moved"}


# --- bad inputs: exit 2, one clear line, never a traceback ----------------------------------

def test_bad_inputs_exit_2(cli, repo):
    (repo / "broken.yaml").write_text("title: {brief: A trial\n")
    (repo / "binary.yaml").write_bytes(b"\x00\x01\x02\xff" * 10)
    (repo / "binary.json").write_bytes(b"{\x00\xff")
    cases = {
        ("missing.yaml", "protocols/trial.yaml"): "missing.yaml: no such file",
        ("nosuchrev:protocols/trial.yaml", "protocols/trial.yaml"): "nosuchrev:protocols/trial.yaml: git cannot read it",
        ("v1:protocols/absent.yaml", "protocols/trial.yaml"): "v1:protocols/absent.yaml: git cannot read it",
        ("broken.yaml", "protocols/trial.yaml"): "broken.yaml:",
        ("binary.yaml", "protocols/trial.yaml"): "binary.yaml:",
        ("binary.json", "protocols/trial.yaml"): "binary.json: not a registry record",
        ("protocols", "protocols/trial.yaml"): "is a folder",
    }
    for args, message in cases.items():
        result = cli("diff", *args)
        assert result.exit_code == 2, (args, result.output)
        assert message in result.output and "Traceback" not in result.output, result.output
    assert cli("diff", "protocols/trial.yaml").exit_code == 2
    assert cli("diff", "--since", "v1", "a.yaml", "b.yaml").exit_code == 2


def test_bad_revision_outside_a_repository(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(SOURCE, tmp_path / "trial.yaml")
    result = cli("diff", "--since", "HEAD", "trial.yaml")
    assert result.exit_code == 2 and "git cannot read it" in result.output


# --- the structural diff's matching rule -----------------------------------------------------

def test_lists_with_ids_are_matched_by_id():
    old = {"arms": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}]}
    new = {"arms": [{"id": "b", "label": "B"}, {"id": "a", "label": "A2"}]}
    found = sorted((c.kind, c.path) for c in diff(old, new))
    assert found == [("changed", ("arms", 1, "label")), ("moved", ("arms", 1))]


def test_an_unlike_item_is_removed_and_added_not_changed():
    found = sorted((c.kind, c.path) for c in diff({"k": ["Age ≥ 18 years", "ECOG 0-1"]},
                                                  {"k": ["Age ≥ 18 years", "Signed informed consent"]}))
    assert found == [("added", ("k", 1)), ("removed", ("k", 1))]


def test_numbers_and_booleans_are_not_confused():
    assert [c.kind for c in diff({"a": 1}, {"a": True})] == ["changed"]
    assert diff({"a": [1, {"b": "x"}]}, {"a": [1, {"b": "x"}]}) == []


# --- registry records --------------------------------------------------------------------------

def _records():
    shipped = sorted(p for p in (FIXTURES / "registry").iterdir() if p.suffix in (".json", ".xml"))
    found = corpus_records() if FULL_CORPUS else shipped_records()
    assert found, "PROTOCOL_FULL_CORPUS (or CI) is set but ../shared/corpus is not beside this checkout"
    return shipped + found  # every record: the issue asks for the whole corpus (about 80 s with it)


def _imported(record: Path, out: Path) -> Path:
    from toolkit.ctgov.importer import import_file

    result = import_file(str(record), str(out), force=True)
    assert result.error is None, result.error
    return Path(result.target)


def _converted(record: Path, out: Path) -> Path:
    """The record as YAML the way `protocol audit` reads it: converted even when the protocol it
    makes fails its own checks (NCT04334928 has two addresses in one e-mail field, which the
    import refuses to write and SCH005 reports), so every record can be diffed."""
    from toolkit.ctgov.importer import read_record
    from toolkit.document.dump import dump

    protocol, _notes = read_record(str(record))
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{record.stem}.yaml"
    target.write_text(dump(protocol, []), encoding="utf-8")
    return target


def test_a_record_against_its_own_import_has_no_change(cli, tmp_path):
    for record in sorted((FIXTURES / "registry").glob("NCT*")):
        target = _imported(record, tmp_path)
        result = cli("diff", str(record), str(target))
        assert result.exit_code == 0, (record.name, result.output)


def _leaves(value, path=()):
    """Paths of the values a test may change: scalars (not ids), and lists of codes as one value."""
    if path in ATOMIC_LISTS:
        yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, path + (index,))
    elif path and path[-1] != "id" and value is not None:
        yield path


def _mutate(path, value, rng):
    """A small edit that keeps the value's type: one field changed, never a different item."""
    from toolkit.commands.diff import ENUMERATED

    keys = tuple(p for p in path if not isinstance(p, int))
    table = EN.get(ENUMERATED.get(keys, ""), {})
    if keys == ("design", "phases"):
        return value + ["phase4"] if "phase4" not in value else value[:-1] or ["na"]
    if keys == ("design", "masking", "who"):
        return value[:-1] if len(value) > 1 else sorted(set(table) - set(value))[:1]
    if isinstance(value, bool):
        return not value
    if isinstance(value, (int, float)):
        return value + 1
    if table and value in table:
        return rng.choice(sorted(set(table) - {value}))
    if re.fullmatch(r"[0-9]{4}(-[0-9]{2}){0,2}", value):  # a date stays a date (the export writes only dates)
        return str(int(value[:4]) + 1) + value[4:]
    return value + " (amended)" if len(value) > 20 else value + "X"


def _carried(side, data, path) -> bool:
    """Whether the registry round trip keeps the value at `path` as it is."""
    from toolkit.commands.diff import Side

    carried = as_registered(Side(side.name, data, None, False), side).data
    return _has(carried, path) and json.dumps(_get(carried, path), default=str) == json.dumps(_get(data, path), default=str)


def _has(data, path) -> bool:
    try:
        _get(data, path)
    except (KeyError, IndexError, TypeError):
        return False
    return True


def _get(data, path):
    for part in path:
        data = data[part]
    return data


def _set(data, path, value):
    _get(data, path[:-1])[path[-1]] = value


def _list_item(path):
    """The innermost list item a path is in (two changes in one small item may unpair it)."""
    cut = max((i for i, p in enumerate(path) if isinstance(p, int)), default=-1)
    return path[:cut + 1] if cut >= 0 else path


def test_k_changed_fields_are_exactly_k_changes_in_registry_words(tmp_path):
    from toolkit.document.dump import dump

    rng = random.Random(2026)
    checked = 0
    for record in _records():
        target = _converted(record, tmp_path / record.parent.name / record.stem)
        side = read_side(str(target))
        data = json.loads(json.dumps(side.data, default=str))
        # a protocol and a record are compared as the registry round trip carries them
        # (commands/diff.as_registered): the fields changed are fields it carries
        carried = json.loads(json.dumps(as_registered(side, side).data, default=str))
        leaves = [path for path in _leaves(data) if _has(carried, path)]
        chosen, items, originals = [], set(), {}
        for path in rng.sample(leaves, len(leaves)):
            if _list_item(path) in items:
                continue
            original = _get(data, path)
            _set(data, path, _mutate(path, original, rng))
            if not _carried(side, data, path):  # a value the registry says another way ("background" is no type)
                _set(data, path, original)
                continue
            chosen.append(path)
            items.add(_list_item(path))
            originals[path] = original
            if len(chosen) == 3:
                break
        target.write_text(dump(data, []), encoding="utf-8")
        entries = compare(read_side(str(record)), read_side(str(target)))
        found = {e.change.path: e for e in entries}
        # an arm lists its interventions by name, as the registry does: a renamed one changes there too
        renamed = {data["interventions"][p[1]]["id"] for p in chosen if p[0] == "interventions" and p[2:] == ("name",)}
        listed = {("arms", a, "interventions", k): arm["interventions"][k] for a, arm in enumerate(data.get("arms", []))
                  for k in range(len(arm.get("interventions", []))) if arm["interventions"][k] in renamed}
        assert set(found) == set(chosen) | set(listed), (record, sorted(found), sorted(chosen))
        for path in listed:
            del found[path]
        for path, entry in found.items():
            assert entry.change.kind == "changed", (record, path, originals[path], [(e.change.kind, e.change.old, e.change.new) for e in entries])
            assert entry.old_value == registry_value(path, originals[path])
            assert entry.message.count("registry: ") == 1 and "; protocol: " in entry.message
        checked += 1
    assert checked >= 8


def test_registry_vocabulary_for_phases(tmp_path):
    record = FIXTURES / "registry" / "NCT00090376.json"
    target = _imported(record, tmp_path)
    side = read_side(str(target))
    phases = side.data["design"]["phases"]
    text = target.read_text(encoding="utf-8")
    assert f"phases: [{', '.join(phases)}]" in text or "phases:" in text
    data = json.loads(json.dumps(side.data, default=str))
    data["design"]["phases"] = phases + ["phase3"] if "phase3" not in phases else ["phase2"]
    from toolkit.document.dump import dump

    target.write_text(dump(data, []), encoding="utf-8")
    entries = compare(read_side(str(record)), read_side(str(target)))
    assert len(entries) == 1
    old_words = "/".join(EN["phase"][p] for p in phases)
    new_words = "/".join(EN["phase"][p] for p in data["design"]["phases"])
    assert f"registry: {old_words}; protocol: {new_words}" in entries[0].message
