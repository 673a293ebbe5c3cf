"""`protocol audit`: three outputs, a stable order, resumable, failures reported, a report a
browser shows; and the sources it shares with `protocol import` (folders, zip archives)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from conftest import FIXTURES

from toolkit.audit import run as audit_run
from toolkit.ctgov.sources import SourceError, enumerate_sources

RECORDS = FIXTURES / "registry"
RECORD_FILES = sorted(p for p in RECORDS.iterdir() if p.suffix in (".json", ".xml"))


@pytest.fixture
def download(tmp_path) -> Path:
    """A registry download: a zip of the real records (three times over, so that one
    registration year has enough records to be plotted), one broken record among them."""
    archive = tmp_path / "ctg-studies.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for copy in ("a", "b", "c"):
            for record in RECORD_FILES:
                out.write(record, f"studies/{copy}/{record.name}")
        out.writestr("studies/NCT99999999.json", '{"protocolSection": {"identificationModule": 7}')
    return archive


def _lines(folder: Path) -> list[dict]:
    return [json.loads(line) for line in (folder / "findings.jsonl").read_text(encoding="utf-8").splitlines()]


def test_audit_writes_findings_summary_and_report(cli, download, tmp_path):
    out = tmp_path / "audit"
    result = cli("audit", download, "-o", out, "--jobs", "1")
    assert result.exit_code == 0, result.output
    rows = _lines(out)
    assert [r["record"] for r in rows] == sorted(r["record"] for r in rows)  # stable order
    assert len(rows) == 3 * len(RECORD_FILES) + 1
    broken = [r for r in rows if "error" in r]
    assert [r["record"].rsplit("/", 1)[1] for r in broken] == ["NCT99999999.json"]  # reported, not fatal
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert (summary["records"], summary["failed"]) == (len(rows), 1)
    # every count in the summary is what the findings file says
    per_rule = Counter((f["rule"], f["severity"]) for r in rows for f in r.get("findings", []))
    assert {(r["rule"], r["severity"]): r["findings"] for r in summary["rules"]} == dict(per_rule)
    years = Counter(str(r.get("registered") or "unknown") for r in rows if "error" not in r)
    assert {y: v["records"] for y, v in summary["by_year"].items()} == dict(years)
    assert sum(v["records"] for v in summary["by_status"].values()) == len(rows) - 1
    assert any(r["severity"] == "error" for r in summary["rules"])  # the sample has errors to plot
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.count("<svg") == 2


def test_a_record_is_the_same_whether_zipped_in_a_folder_or_named(cli, download, tmp_path):
    folder = tmp_path / "folder"
    shutil.copytree(RECORDS, folder)
    assert cli("audit", download, "-o", tmp_path / "a", "--jobs", "1").exit_code == 0
    assert cli("audit", folder, "-o", tmp_path / "b", "--jobs", "2").exit_code == 0
    zipped = {r["record"].rsplit("/", 1)[1]: r["findings"] for r in _lines(tmp_path / "a")
              if "error" not in r and "/a/" in r["record"]}
    loose = {r["record"].rsplit("/", 1)[1]: r["findings"] for r in _lines(tmp_path / "b")}
    assert zipped == loose


def test_an_interrupted_audit_resumes_without_redoing_finished_records(cli, download, tmp_path, monkeypatch):
    out = tmp_path / "audit"
    reference = tmp_path / "reference"
    assert cli("audit", download, "-o", reference, "--jobs", "1").exit_code == 0

    checked: list[str] = []
    real = audit_run.audit_record

    def counting(source, yaml_dir=None):
        checked.append(source.label)
        if len(checked) == 4 and not (out / "stop").exists():
            (out / "stop").write_text("")
            raise KeyboardInterrupt  # the user presses Ctrl-C during the fourth record
        return real(source, yaml_dir)

    monkeypatch.setattr(audit_run, "audit_record", counting)
    interrupted = cli("audit", download, "-o", out, "--jobs", "1")
    assert interrupted.exit_code == 1 and "Aborted" in interrupted.output  # Click's answer to Ctrl-C
    assert len(_lines(out)) == 3
    with (out / "findings.jsonl").open("a", encoding="utf-8") as handle:
        handle.write('{"record": "torn')  # a line cut off by the interruption
    checked.clear()
    result = cli("audit", download, "-o", out, "--jobs", "1")
    assert result.exit_code == 0, result.output
    total = 3 * len(RECORD_FILES) + 1
    assert f"resuming: 3 of {total} records already checked" in result.output
    assert len(checked) == total - 3  # only the records not done before
    assert (out / "findings.jsonl").read_bytes() == (reference / "findings.jsonl").read_bytes()
    assert (out / "summary.json").read_bytes() == (reference / "summary.json").read_bytes()


def test_outputs_that_are_not_this_audits_are_never_replaced(cli, download, tmp_path):
    out = tmp_path / "audit"
    out.mkdir()
    (out / "report.html").write_text("<p>my own report</p>")
    result = cli("audit", download, "-o", out)
    assert result.exit_code == 2
    assert "--fresh" in result.output
    assert (out / "report.html").read_text() == "<p>my own report</p>"
    assert cli("audit", download, "-o", out, "--fresh", "--jobs", "1").exit_code == 0
    assert "my own report" not in (out / "report.html").read_text()
    other = tmp_path / "other.zip"
    shutil.copy(download, other)
    assert cli("audit", other, "-o", out).exit_code == 2  # another audit's folder


def test_yaml_is_written_only_when_asked_and_never_replaces(cli, download, tmp_path):
    out, yaml_dir = tmp_path / "audit", tmp_path / "yaml"
    assert cli("audit", download, "-o", out, "--jobs", "1").exit_code == 0
    assert not yaml_dir.exists() and not list(out.glob("*.yaml"))
    yaml_dir.mkdir()
    (yaml_dir / "NCT00089661.yaml").write_text("mine")
    assert cli("audit", download, "-o", out, "--fresh", "--yaml", yaml_dir, "--jobs", "1").exit_code == 0
    assert (yaml_dir / "NCT00089661.yaml").read_text() == "mine"
    assert len(list(yaml_dir.glob("*.yaml"))) == len(RECORD_FILES)
    assert cli("validate", yaml_dir / "NCT01194648.yaml").exit_code == 0


def test_a_source_that_is_not_there_or_not_an_archive_is_a_clear_error(cli, tmp_path):
    bad = tmp_path / "broken.zip"
    bad.write_bytes(b"PK\x03\x04 not really")
    result = cli("audit", bad, "-o", tmp_path / "audit")
    assert result.exit_code == 2
    assert "not a readable zip archive" in result.output
    empty = tmp_path / "empty"
    empty.mkdir()
    assert cli("audit", empty, "-o", tmp_path / "audit").exit_code == 2


def test_sources_skip_what_is_not_a_regular_file(tmp_path):
    shutil.copytree(RECORDS, tmp_path / "records")
    os.mkfifo(tmp_path / "records" / "pipe.json")  # would hang a reader
    (tmp_path / "records" / ".hidden.json").write_text("{}")
    names = [Path(s.path).name for s in enumerate_sources([str(tmp_path / "records")])]
    assert names == [p.name for p in RECORD_FILES]
    with pytest.raises(SourceError, match="not a regular file"):
        list(enumerate_sources([str(tmp_path / "records" / "pipe.json")]))


def test_import_takes_folders_and_archives_in_parallel(cli, download, tmp_path):
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    result = cli("import", download, "-o", serial, "--jobs", "1")
    assert result.exit_code == 1  # the broken record; the others are imported
    assert "NCT99999999.json: error:" in result.output
    copies = tmp_path / "many"
    copies.mkdir()
    for n in range(80):  # enough records for the worker pool
        for record in RECORD_FILES:
            (copies / f"{n:03d}-{record.name}").write_bytes(record.read_bytes())
    result = cli("import", copies, "-o", parallel, "--jobs", "2")
    assert result.exit_code == 1  # the same ids come back 80 times: never overwritten without --force
    written = sorted(p.name for p in parallel.glob("*.yaml"))
    assert written == sorted(p.name for p in serial.glob("*.yaml"))
    for name in written:
        assert (parallel / name).read_text().split("\n", 2)[2] == (serial / name).read_text().split("\n", 2)[2]


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(_chromium() is None and not os.environ.get("CI"),
                    reason="Chromium is not installed (`make test` installs it)")
def test_the_report_opens_in_a_browser_with_its_plots(cli, download, tmp_path):
    out = tmp_path / "audit"
    assert cli("audit", download, "-o", out, "--jobs", "1").exit_code == 0
    html = (out / "report.html").read_text(encoding="utf-8")
    for fetching in ("<script", "<link", "<img", "@import", "url(http", "url('", 'src="http', 'href="http'):
        assert fetching not in html  # self-contained: nothing to run, nothing to fetch
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run",
             f"--user-data-dir={tmp_path / 'profile'}", "--enable-logging=stderr", "--v=0"]
    page = (out / "report.html").as_uri()
    dom = subprocess.run([_chromium(), *flags, "--dump-dom", page], capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert dom.stdout.count("<svg") == 2 and "Records with each rule" in dom.stdout
    assert "Uncaught" not in dom.stderr and "CONSOLE" not in dom.stderr
    shot = tmp_path / "report.png"
    subprocess.run([_chromium(), *flags, f"--screenshot={shot}", "--window-size=1200,2400", page],
                   capture_output=True, timeout=120, check=True)
    assert shot.stat().st_size > 20_000  # a page with plots, not a blank one


_LINE_REFERENCES = re.compile(r"; see lines? [\d, and]+$| \((?:first )?(?:at )?line \d+\)")


def test_audit_reports_what_validate_reports_on_the_imported_files(cli, tmp_path):
    """Records are checked in memory, without writing and re-reading YAML; the findings are
    the ones `protocol validate` gives on the imported files (less the line references, which
    point into a file the audit does not write)."""
    out, imported = tmp_path / "audit", tmp_path / "imported"
    assert cli("audit", RECORDS, "-o", out, "--jobs", "1").exit_code == 0
    assert cli("import", RECORDS, "-o", imported).exit_code == 0
    for row in _lines(out):
        path = imported / f"{row['id']}.yaml"
        validated = json.loads(cli("validate", path, "--format", "json").output)["diagnostics"]
        expected = sorted((d["rule"], d["severity"], d["path"], _LINE_REFERENCES.sub("", d["message"])) for d in validated)
        audited = sorted((f["rule"], f["severity"], f["path"], _LINE_REFERENCES.sub("", f["message"])) for f in row["findings"])
        assert audited == expected, row["record"]
        assert all("line" not in f for f in row["findings"])  # no positions in a file nobody sees
