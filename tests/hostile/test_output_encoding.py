"""Standard output whose encoding cannot hold Chinese (a Latin-1 or ASCII locale, a pipe)."""

from __future__ import annotations

import json
import os

import pytest
from conftest import PROTOCOLS
from run_protocol import no_traceback, protocol

ENVIRONMENTS = {
    "latin-1": {"PYTHONIOENCODING": "latin-1"},
    "C locale": {"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""},
    "ascii": {"PYTHONIOENCODING": "ascii"},
}


def _env(name: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8")}
    env.update(ENVIRONMENTS[name])
    return {k: v for k, v in env.items() if v}


@pytest.mark.parametrize("name", list(ENVIRONMENTS))
def test_a_chinese_diagnostic_is_escaped_not_a_crash(name, tmp_path):
    path = tmp_path / "trial.yaml"
    path.write_text("schema_version: 1\nid: 中文\ntitle: {brief: 试验}\n", encoding="utf-8")
    done = protocol("validate", path, env=_env(name))
    no_traceback(done)
    assert done.returncode == 1, done.stderr
    assert "internal error" not in done.stderr
    assert '"\\u4e2d\\u6587" is not a valid id' in done.stdout
    report = json.loads(protocol("validate", path, "--format", "json", env=_env(name)).stdout)
    assert any("\u4e2d\u6587" in d["message"] for d in report["diagnostics"])  # JSON reads the escapes back


@pytest.mark.parametrize("name", list(ENVIRONMENTS))
def test_chinese_rules_and_render_text_do_not_crash(name):
    chinese = PROTOCOLS / "NCT06261047.yaml"  # Chinese translations; criteria with "≥"
    done = protocol("render", chinese, "--doc", "summary", "--lang", "zh", "--format", "text", env=_env(name))
    no_traceback(done)
    assert done.returncode == 0 and "internal error" not in done.stderr
    done = protocol("criteria", chinese, env=_env(name))
    no_traceback(done)
    assert "internal error" not in done.stderr


@pytest.mark.parametrize("name", list(ENVIRONMENTS))
def test_json_output_stays_json_for_accents_and_emoji(name, tmp_path):
    """é is U+00E9, inside Latin-1 but not ASCII; 😀 lies beyond U+FFFF: every escape must be JSON's."""
    path = tmp_path / "trial.yaml"
    path.write_text("schema_version: 1\nid: café-😀\ntitle: {brief: Étude}\n", encoding="utf-8")
    encoding = {"latin-1": "latin-1"}.get(name, "ascii")  # what the terminal decodes the bytes with
    done = protocol("validate", path, "--format", "json", env=_env(name), encoding=encoding)
    no_traceback(done)
    report = json.loads(done.stdout)
    assert any("café-😀" in d["message"] for d in report["diagnostics"])
