"""Writing files: atomic, never overwriting without being asked."""

from __future__ import annotations

import os

import pytest

from toolkit.files import write_atomic


def test_writes_new_file(tmp_path):
    target = tmp_path / "sub" / "out.yaml"
    write_atomic(target, "a: 1\n")
    assert target.read_text() == "a: 1\n"
    assert oct(target.stat().st_mode & 0o777) != oct(0o600), "not left private like a temp file"


def test_refuses_to_overwrite(tmp_path):
    target = tmp_path / "out.yaml"
    target.write_text("keep me")
    with pytest.raises(FileExistsError):
        write_atomic(target, "new")
    assert target.read_text() == "keep me"
    assert os.listdir(tmp_path) == ["out.yaml"], "no temporary file left behind"


def test_force_replaces(tmp_path):
    target = tmp_path / "out.yaml"
    target.write_text("old")
    write_atomic(target, "new", force=True)
    assert target.read_text() == "new"
    assert os.listdir(tmp_path) == ["out.yaml"]


@pytest.mark.parametrize("size", [0, 1, 100, 101, 102, 65_536, 200_001])
def test_read_regular_reads_the_file_up_to_one_byte_past_the_limit(tmp_path, size):
    from toolkit.files import read_regular

    path = tmp_path / "p.yaml"
    content = bytes(range(256)) * (size // 256) + bytes(range(size % 256))
    path.write_bytes(content)
    assert read_regular(path, 100) == content[:101]
    assert read_regular(path, 150_000) == content[:150_001]
    assert read_regular(path, 10**6) == content
