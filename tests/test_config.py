"""[tool.protocol] in the checked repository's pyproject.toml."""

from __future__ import annotations

from conftest import MINIMAL

from toolkit import config

TODO = MINIMAL + "summary: TODO\n"


def setup_function():
    config.table_for.cache_clear()
    config._selection_for_folder.cache_clear()


def test_nearest_pyproject_applies(cli, write, tmp_path):
    write('[tool.protocol]\nignore = ["TXT001"]\n', "repo/pyproject.toml")
    path = write(TODO, "repo/protocols/deep/trial.yaml")
    assert cli("validate", path).exit_code == 0
    outside = write(TODO, "elsewhere/trial.yaml")
    assert cli("validate", outside).exit_code == 1


def test_pyproject_without_table_is_skipped(cli, write):
    write('[tool.protocol]\nignore = ["TXT"]\n', "repo/pyproject.toml")
    write('[project]\nname = "x"\n', "repo/sub/pyproject.toml")
    assert cli("validate", write(TODO, "repo/sub/trial.yaml")).exit_code == 0


def test_cli_select_replaces_and_ignore_adds(cli, write):
    write('[tool.protocol]\nselect = ["SCH"]\n', "repo/pyproject.toml")
    path = write(TODO, "repo/trial.yaml")
    assert cli("validate", path).exit_code == 0  # TXT not selected by the config
    assert cli("validate", path, "--select", "TXT").exit_code == 1
    assert cli("validate", path, "--select", "TXT", "--ignore", "TXT001").exit_code == 0


def test_bad_config_exits_2_naming_the_file(cli, write):
    write('[tool.protocol]\nignore = ["NOPE9"]\n', "repo/pyproject.toml")
    result = cli("validate", write(TODO, "repo/trial.yaml"))
    assert result.exit_code == 2 and "pyproject.toml" in result.output and "NOPE9" in result.output
    write('[tool.protocol]\nignored = ["TXT"]\n', "repo/pyproject.toml")
    setup_function()
    result = cli("validate", write(TODO, "repo/trial.yaml"))
    assert result.exit_code == 2 and "unknown key" in result.output
