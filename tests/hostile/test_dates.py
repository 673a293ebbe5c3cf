"""Item 8 of issue 9: a date that does not exist is a schema error, not a silent pass."""

from __future__ import annotations

import pytest
from conftest import MINIMAL
from run_protocol import no_traceback, protocol

from toolkit.parse.dates import impossible

STATUS = "status: {overall: recruiting}\n"


def with_dates(start, completion="2030-01-01"):
    return MINIMAL.replace(STATUS, f"status:\n  overall: recruiting\n  start: {{date: {start}, type: actual}}\n"
                                   f"  primary_completion: {{date: {completion}, type: estimated}}\n")


@pytest.mark.parametrize("written, why", [
    ("2020-02-30", "February 2020 has 29 days"),
    ('"2020-02-30"', "February 2020 has 29 days"),
    ("2021-02-29", "February 2021 has 28 days"),
    ("2020-04-31", "April 2020 has 30 days"),
    ("0000-01-01", "there is no year 0"),
    ('"0000"', "there is no year 0"),
    ("0000-06", "there is no year 0"),
])
def test_an_impossible_date_is_a_schema_error_at_its_line(written, why, write):
    path = write(with_dates(written))
    done = protocol("validate", path)
    no_traceback(done)
    assert done.returncode == 1
    value = written.strip('"')
    line = with_dates(written).splitlines().index(f"  start: {{date: {written}, type: actual}}") + 1
    assert f'{path}:{line}:17: error SCH005 status.start.date: "{value}" is not a date that exists ({why})' \
        in done.stdout.splitlines()


def test_the_impossible_date_does_not_reach_the_pdf_render(write, tmp_path):
    path = write(with_dates("2020-02-30"))
    done = protocol("render", path, "--doc", "registry", "--format", "pdf", "-o", tmp_path / "out.pdf")
    no_traceback(done)
    assert done.returncode == 1 and "is not a date that exists" in done.stderr
    assert not (tmp_path / "out.pdf").exists()


@pytest.mark.parametrize("real", ["2020-02-29", "2000-02-29", "2021-12-31", "2020-02", "2020", 2020, "1999-04-30"])
def test_real_dates_pass(real, write):
    done = protocol("validate", write(with_dates(real, "2031-01-01")), "--select", "SCH")
    assert done.returncode == 0, done.stdout


def test_date_order_is_checked_once_dates_exist(write):
    done = protocol("validate", write(with_dates("2020-03-01", "2020-02-29")), "--select", "DAT")
    assert done.returncode == 1 and "DAT" in done.stdout


def test_impossible_reads_only_the_calendar():
    assert impossible("1900-02-29") == "February 1900 has 28 days"  # a century is not a leap year
    assert impossible("2024-02-29") is None
    assert impossible("2020-13-01") is None  # the wrong form is the pattern's to report
    assert impossible("soon") is None
