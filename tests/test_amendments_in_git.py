"""Amendments end to end: a git repository with three versions of an example protocol (an
inserted criterion and a changed endpoint time frame; then a dose change and a reordered
list), checked with `validate --since`, `diff` and `render --doc amendment --since`."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from test_diff import INSERTED, V1, V2, V3

NUMBERED = "language: en\nversion:\n  number: \"{number}\"\n  date: {date}\n"
AMENDMENT = """  amendments:
    - number: "1"
      version: "1.1"
      date: 2025-09-01
      scope: global
      substantial: true
      rationale: Consent is now taken before screening; survival is followed for longer.
      changes:
        - field: eligibility.inclusion
          rationale: Consent before any study procedure, as the ethics committee asked.
"""


def numbered(text: str, number: str, date: str, amendment: str = "") -> str:
    return text.replace("language: en\n", NUMBERED.format(number=number, date=date) + amendment, 1)


# v1 is version 1.0; v2 (criterion inserted, time frame changed) is 1.1 with its amendment
# recorded; v3 changes a dose and swaps two exclusion criteria and is still numbered 1.1. The
# time frame is one the measure ("2-year ...") agrees with, so that the versions render.
TIMEFRAME = "timeframe: 2 years after surgery"
VERSIONS = {"v1": numbered(V1, "1.0", "2025-06-01"),
            "v2": numbered(V2.replace("timeframe: 3 years", TIMEFRAME, 1), "1.1", "2025-09-01", AMENDMENT),
            "v3": numbered(V3.replace("timeframe: 3 years", TIMEFRAME, 1), "1.1", "2025-09-01", AMENDMENT)}
assert all(TIMEFRAME in VERSIONS[v] for v in ("v2", "v3"))


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.email=t@example.org", "-c", "user.name=t", *args], cwd=repo, check=True,
                   capture_output=True)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """protocols/trial.yaml in three commits tagged v1, v2, v3; the working tree is v3."""
    (tmp_path / "protocols").mkdir()
    target = tmp_path / "protocols" / "trial.yaml"
    _git(tmp_path, "init", "-q")
    for tag, text in VERSIONS.items():
        target.write_text(text, encoding="utf-8")
        _git(tmp_path, "add", ".")
        _git(tmp_path, "commit", "-qm", f"version {tag}")
        _git(tmp_path, "tag", tag)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _amd(cli, *args) -> tuple[int, list[dict]]:
    result = cli("validate", *args, "--select", "AMD", "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.output)["diagnostics"]


def test_validate_since_reports_the_unnumbered_dose_change(cli, repo):
    status, found = _amd(cli, "protocols/trial.yaml", "--since", "v2")
    assert status == 0  # warnings
    assert [(d["rule"], d["path"]) for d in found] == [("AMD001", "/version/number")]
    message = found[0]["message"]
    assert "1 change since v2" in message and "interventions[1].dosing[0].dose" in message
    assert "exclusion" not in message  # the swapped criteria are only reordered


def test_validate_since_an_amended_version_is_clean(cli, repo):
    assert _amd(cli, "protocols/trial.yaml", "--since", "v1") == (0, [])


def test_validate_since_the_amendment_must_be_recorded(cli, repo):
    target = repo / "protocols" / "trial.yaml"
    target.write_text(VERSIONS["v2"].replace(AMENDMENT, "", 1), encoding="utf-8")
    _, found = _amd(cli, "protocols/trial.yaml", "--since", "v1")
    assert [d["rule"] for d in found] == ["AMD002"]
    assert "eligibility.inclusion[2]" in found[0]["message"] and "endpoints.primary[0].timeframe" in found[0]["message"]


def test_validate_since_a_number_going_backwards_is_an_error(cli, repo):
    target = repo / "protocols" / "trial.yaml"
    target.write_text(VERSIONS["v3"].replace('number: "1.1"\n  date', 'number: "1.0"\n  date', 1), encoding="utf-8")
    status, found = _amd(cli, "protocols/trial.yaml", "--since", "v2")
    assert status == 1 and "AMD003" in [d["rule"] for d in found]


def test_without_since_the_amendment_rules_do_not_run(cli, repo):
    assert _amd(cli, "protocols/trial.yaml") == (0, [])


def test_a_folder_each_file_against_its_own_path_and_a_new_file_has_nothing_to_compare(cli, repo):
    (repo / "protocols" / "new.yaml").write_text(VERSIONS["v3"], encoding="utf-8")
    sub = repo / "protocols" / "sub"
    sub.mkdir()
    (sub / "trial.yaml").write_text(VERSIONS["v3"], encoding="utf-8")  # not in git at v2 either
    _, found = _amd(cli, "protocols", "--since", "v2")
    assert [(Path(d["file"]).as_posix(), d["rule"]) for d in found] == [("protocols/trial.yaml", "AMD001")]


def test_since_from_another_directory(cli, repo, monkeypatch):
    monkeypatch.chdir(repo / "protocols")
    _, found = _amd(cli, "trial.yaml", "--since", "v2")
    assert [d["rule"] for d in found] == ["AMD001"]


def test_a_bad_revision_exits_2(cli, repo):
    result = cli("validate", "protocols/trial.yaml", "--since", "nosuchrev")
    assert result.exit_code == 2 and "nosuchrev: no such revision" in result.output
    result = cli("validate", "protocols/trial.yaml", "--since", "--help")
    assert result.exit_code == 2


def test_outside_a_repository_exits_2(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "trial.yaml").write_text(VERSIONS["v1"], encoding="utf-8")
    result = cli("validate", "trial.yaml", "--since", "HEAD")
    assert result.exit_code == 2 and "not in a git repository" in result.output and "Traceback" not in result.output


def test_diff_of_the_three_versions(cli, repo):
    result = cli("diff", "v1:protocols/trial.yaml", "protocols/trial.yaml", "--format", "json")
    changes = json.loads(result.output)["changes"]
    fields = sorted(c["field"] for c in changes if c["kind"] != "moved")
    assert fields == ["eligibility.inclusion[2]", "endpoints.primary[0].timeframe", "interventions[1].dosing[0].dose",
                      "version.amendments", "version.date", "version.number"]
    assert any(c["kind"] == "added" and c["new"] == INSERTED.strip()[2:] for c in changes)


# --- the summary of changes: protocol render --doc amendment --since REV ------------------------

def _render(cli, *args):
    result = cli("render", "protocols/trial.yaml", "--doc", "amendment", *args)
    assert result.exit_code == 0, result.output
    return result.output


def _table(markdown: str) -> list[list[str]]:
    rows = [line for line in markdown.splitlines() if line.startswith("| ") and "---" not in line]
    return [[cell.strip() for cell in row.strip("|").split(" | ")] for row in rows[1:]]


def test_amendment_table_from_the_first_version(cli, repo):
    rows = _table(_render(cli, "--since", "v1", "--format", "markdown"))
    assert rows == [
        ["3 Trial Objectives and Associated Estimands",
         "Primary endpoint 1 › time frame: “2 years” → “2 years after surgery”", ""],
        ["5.2 Inclusion Criteria", "Inclusion criterion 3 added: “Signed informed consent before any study procedure”",
         "Consent before any study procedure, as the ethics committee asked."],
        ["5.3 Exclusion Criteria", "Exclusion criterion 2 is now exclusion criterion 1, unchanged", ""],
        ["6.3 Administration of Trial Intervention",
         "Intervention “Capecitabine” › dosing 1 › dose: “1600 mg/m²” → “1250 mg/m²”", ""],
    ]


def test_amendment_document_header_and_details(cli, repo):
    text = _render(cli, "--since", "v1", "--format", "text")
    assert text.startswith("Summary of changes\n")
    for line in ("This version: 1.1 (2025-09-01)", "Compared with: version 1.0, as of git revision v1",
                 "This is the first amendment of the protocol.", "Amendment number: 1", "Amendment scope: Global",
                 "Substantial amendment: Yes", "Consent is now taken before screening"):
        assert line in text, line


def test_amendment_in_chinese(cli, repo):
    text = _render(cli, "--since", "v2", "--format", "markdown", "--lang", "zh")
    assert text.startswith("# 方案修订摘要") and "版本1.1（版本库中的v2）" in text
    rows = _table(text)
    assert [row[0] for row in rows] == ["5.3 排除标准", "6.3 试验干预的给药"]
    assert rows[1][1] == "干预措施“Capecitabine” › 给药方案第1条 › 剂量：“1600 mg/m²” → “1250 mg/m²”"
    assert "修订范围\n:   全局（所有国家、地区和中心）" in text and "（以上为英文原文，未翻译）" in text


def test_nothing_changed(cli, repo):
    assert "Nothing changed since v3." in _render(cli, "--since", "v3", "--format", "text")
    assert "自v3以来没有修改。" in _render(cli, "--since", "v3", "--format", "text", "--lang", "zh")


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "pdf"])
def test_every_format_and_language(cli, repo, fmt, lang):
    out = repo / f"summary.{lang}.{fmt}"
    result = cli("render", "protocols/trial.yaml", "--doc", "amendment", "--since", "v1", "--format", fmt,
                 "--lang", lang, "-o", out)
    assert result.exit_code == 0, result.output
    content = out.read_bytes()
    if fmt == "pdf":
        assert content.startswith(b"%PDF")
        from pypdf import PdfReader

        text = "".join(page.extract_text() for page in PdfReader(str(out)).pages)
        assert ("Inclusion criterion 3 added" if lang == "en" else "新增纳入标准第3条") in text
    else:
        words = content.decode("utf-8")
        assert ("1600 mg/m²" in words) and (("Brief rationale" if lang == "en" else "简要理由") in words)
    check = cli("render", "protocols/trial.yaml", "--doc", "amendment", "--since", "v1", "--format", fmt,
                "--lang", lang, "-o", out, "--check")
    assert check.exit_code == 0, check.output


@pytest.mark.parametrize("lang, words", [("en", ["Amendment details", "This is the first amendment of the protocol.",
                                                 "Amendment number: 1", "Amendment date: 2025-09-01"]),
                                         ("zh", ["修订详情", "这是本方案的第一次修订。", "修订编号: 1", "实质性修订: 是"])])
def test_title_page_amendment_block(cli, repo, lang, words):
    result = cli("render", "protocols/trial.yaml", "--doc", "protocol", "--format", "text", "--lang", lang)
    assert result.exit_code == 0, result.output
    title_page = result.output.split("1 ", 1)[0]
    for word in words:
        assert word in title_page, word


def test_title_page_without_amendments_has_no_block(cli, repo):
    _git(repo, "checkout", "-q", "v1")
    result = cli("render", "protocols/trial.yaml", "--doc", "protocol", "--format", "text")
    assert result.exit_code == 0 and "Amendment details" not in result.output


def test_amendment_document_bad_requests_exit_2(cli, repo):
    cases = [(["--doc", "amendment"], "needs --since REV"),
             (["--doc", "registry", "--since", "v1"], "--since is for --doc amendment"),
             (["--doc", "amendment", "--since", "nosuchrev"], "nosuchrev: no such revision")]
    for args, message in cases:
        result = cli("render", "protocols/trial.yaml", *args)
        assert result.exit_code == 2 and message in result.output, (args, result.output)
    (repo / "protocols" / "new.yaml").write_text(VERSIONS["v3"], encoding="utf-8")
    result = cli("render", "protocols/new.yaml", "--doc", "amendment", "--since", "v3")
    assert result.exit_code == 2 and "is not in git at v3" in result.output
