"""`protocol render` on the command line: errors block rendering; --check finds drift."""

from __future__ import annotations

from conftest import AS_PUBLISHED, MINIMAL, PROTOCOLS


def test_protocol_with_errors_is_not_rendered(cli, tmp_path):
    out = tmp_path / "r.html"
    result = cli("render", AS_PUBLISHED / "NCT07063888.yaml", "--doc", "registry", "-o", out)
    assert result.exit_code == 1 and "TXT001" in result.output  # the {{SITE_NAME}} placeholder
    assert not out.exists()


def test_render_to_stdout_and_file(cli, tmp_path):
    result = cli("render", PROTOCOLS / "NCT04361331.yaml", "--doc", "registry", "--format", "markdown")
    assert result.exit_code == 0 and result.output.startswith("# Two-cohort Study")
    out = tmp_path / "registry.md"
    assert cli("render", PROTOCOLS / "NCT04361331.yaml", "--doc", "registry", "--format", "markdown", "-o", out).exit_code == 0
    assert out.read_text().startswith("# Two-cohort Study")


def test_render_never_writes_over_the_protocol(cli, write):
    path = write(MINIMAL)
    result = cli("render", path, "--doc", "registry", "-o", path)
    assert result.exit_code == 2 and path.read_text() == MINIMAL


def test_summary_reports_readability(cli, tmp_path):
    result = cli("render", PROTOCOLS / "NCT07063888.yaml", "--doc", "summary", "-o", tmp_path / "s.html")
    assert "readability of the text shown as plain language" in result.output
    assert "US grade" in result.output and "above target" in result.output


def test_check_detects_drift(cli, tmp_path, write):
    protocol = write(MINIMAL)
    out = tmp_path / "registry.txt"
    args = ("render", protocol, "--doc", "registry", "--format", "text", "-o", out)
    missing = cli(*args, "--check")
    assert missing.exit_code == 1 and "missing" in missing.output
    assert cli(*args).exit_code == 0
    assert cli(*args, "--check").exit_code == 0
    protocol.write_text(MINIMAL.replace("A minimal trial", "A renamed trial"))
    drift = cli(*args, "--check")
    assert drift.exit_code == 1
    assert "-A minimal trial" in drift.output and "+A renamed trial" in drift.output
    assert "A minimal trial" in out.read_text(), "--check never writes"


def test_check_needs_an_output(cli, write):
    assert cli("render", write(MINIMAL), "--doc", "registry", "--check").exit_code == 2
