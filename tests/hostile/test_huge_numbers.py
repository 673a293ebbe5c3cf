"""Item 10 of issue 9: huge whole numbers are an out-of-range error, quoted short."""

from __future__ import annotations

import pytest
from conftest import MINIMAL
from run_protocol import no_traceback, protocol

from toolkit.document.load import MAX_INTEGER

DESIGN = "design:\n  study_type: interventional\n"


def with_count(written: str) -> str:
    return MINIMAL.replace(DESIGN, DESIGN + f"  enrollment: {{count: {written}, type: estimated}}\n")


@pytest.mark.parametrize("written", ["0x" + "f" * 3600, "9" * 5000, "-" + "9" * 4400, "0o" + "7" * 2000,
                                     str(MAX_INTEGER + 1), "0" * 30 + "1" + "0" * 20])
@pytest.mark.parametrize("command", [("validate",), ("render", "--doc", "registry", "--format", "text"),
                                     ("export", "--to", "ctgov-json")])
def test_a_huge_count_is_an_error_everywhere_and_is_not_quoted_whole(written, command, write):
    path = write(with_count(written))
    done = protocol(command[0], path, *command[1:])
    no_traceback(done)
    assert done.returncode == 1
    line = next(row for row in (done.stdout + done.stderr).splitlines() if "SCH006" in row)
    assert line.startswith(f"{path}:10:23: error SCH006 design.enrollment.count: the number ")
    assert "is too large; whole numbers in a protocol are at most 9,007,199,254,740,991" in line
    assert len(line) < 300
    if len(written) > 48:
        assert f"({len(written):,} characters)" in line


def test_the_largest_allowed_count_passes_and_exports(write):
    path = write(with_count(str(MAX_INTEGER)))
    assert protocol("validate", path, "--select", "SCH").returncode == 0
    done = protocol("export", path, "--to", "ctgov-json")
    assert done.returncode == 0 and f'"count": {MAX_INTEGER}' in done.stdout


def test_leading_zeros_alone_do_not_make_a_number_large(write):
    assert protocol("validate", write(with_count("0" * 100 + "42")), "--select", "SCH").returncode == 0


def test_a_huge_number_where_text_belongs_is_quoted_short(write):
    path = write(MINIMAL + "summary: " + "9" * 5000 + ".5\n")
    done = protocol("validate", path)
    no_traceback(done)
    (line,) = [row for row in done.stdout.splitlines() if "SCH003" in row]
    assert "(5,002 characters)" in line and len(line) < 300
