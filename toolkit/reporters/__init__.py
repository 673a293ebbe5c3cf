"""Output formats for `protocol validate`. Reporters only format; they decide nothing."""

from __future__ import annotations

from toolkit.reporters.base import Reporter, relative_path
from toolkit.reporters.github import GithubReporter
from toolkit.reporters.json import JsonReporter
from toolkit.reporters.junit import JunitReporter
from toolkit.reporters.sarif import SarifReporter
from toolkit.reporters.text import TextReporter

__all__ = ["REPORTERS", "Reporter", "relative_path", "TextReporter", "JsonReporter", "GithubReporter", "SarifReporter", "JunitReporter"]

REPORTERS: dict[str, type[Reporter]] = {
    "text": TextReporter,
    "json": JsonReporter,
    "github": GithubReporter,
    "sarif": SarifReporter,
    "junit": JunitReporter,
}
