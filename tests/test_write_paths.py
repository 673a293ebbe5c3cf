"""Issue 9, item 2: every command that writes (render, export, new; import in
tests/ctgov/test_import_names.py) goes through one safe write path.

An existing file is never replaced without --force; a link is written through (the file it
names is replaced, the link stays), a link to nothing is refused; a character device or FIFO
(/dev/null, a pipe) is written in place and never replaced; a folder or socket is refused;
`-o -` is standard output. No test here touches a system file: devices are stand-ins made
under tmp_path.
"""

from __future__ import annotations

import os
import socket
import stat

import pytest
from conftest import MINIMAL

COMMANDS = ("render", "export", "new")


@pytest.fixture
def protocol(write):
    return write(MINIMAL, "in/protocol.yaml")


def _args(command, protocol, output, *extra):
    if command == "render":
        return ("render", protocol, "--doc", "registry", "--format", "text", "-o", output, *extra)
    if command == "export":
        return ("export", protocol, "--to", "ctgov-json", "-o", output, *extra)
    return ("new", output, *extra)


def _expected_start(command):
    return {"render": "A minimal trial", "export": "{", "new": "# yaml-language-server"}[command]


@pytest.mark.parametrize("command", COMMANDS)
def test_existing_file_is_not_replaced_without_force(cli, tmp_path, protocol, command):
    out = tmp_path / "out.txt"
    out.write_text("my edits\n")
    refused = cli(*_args(command, protocol, out))
    assert refused.exit_code == 2 and "--force" in refused.output
    assert out.read_text() == "my edits\n"
    assert os.listdir(tmp_path / "in") == ["protocol.yaml"] and sorted(os.listdir(tmp_path)) == ["in", "out.txt"]
    assert cli(*_args(command, protocol, out, "--force")).exit_code == 0
    assert out.read_text().startswith(_expected_start(command))


@pytest.mark.parametrize("command", COMMANDS)
def test_link_is_written_through_and_stays_a_link(cli, tmp_path, protocol, command):
    real = tmp_path / "real.txt"
    real.write_text("old\n")
    os.chmod(real, 0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(real.name)
    assert cli(*_args(command, protocol, link)).exit_code == 2, "the file behind the link exists"
    assert real.read_text() == "old\n"
    assert cli(*_args(command, protocol, link, "--force")).exit_code == 0
    assert link.is_symlink() and os.readlink(link) == real.name
    assert real.read_text().startswith(_expected_start(command))
    assert stat.S_IMODE(real.stat().st_mode) == 0o640, "the replaced file keeps its mode"


@pytest.mark.parametrize("command", COMMANDS)
def test_link_to_nothing_is_refused(cli, tmp_path, protocol, command):
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "nowhere" / "x.txt")
    result = cli(*_args(command, protocol, link, "--force"))
    assert result.exit_code == 2 and "does not exist" in result.output
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.parametrize("command", COMMANDS)
def test_fifo_is_written_in_place(cli, tmp_path, protocol, command):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader is there; the output fits the pipe buffer
    try:
        result = cli(*_args(command, protocol, fifo))
        assert result.exit_code == 0, result.output
        received = os.read(reader, 1 << 16)
    finally:
        os.close(reader)
    assert received.decode().startswith(_expected_start(command))
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "still a FIFO, not replaced by a file"


def test_fifo_nobody_reads_is_refused_at_once(cli, tmp_path, protocol):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = cli(*_args("render", protocol, fifo))
    assert result.exit_code == 2 and "nothing is reading" in result.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize("command", COMMANDS)
def test_character_device_is_written_in_place_never_replaced(cli, tmp_path, protocol, command):
    """What `-o /dev/null` did as root: the device became a regular file. A stand-in node
    with /dev/null's numbers is made under tmp_path (needs root; the FIFO test covers the
    same path otherwise)."""
    null = tmp_path / "null"
    try:
        os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs root")
    result = cli(*_args(command, protocol, null))
    assert result.exit_code == 0, result.output
    info = os.lstat(null)
    assert stat.S_ISCHR(info.st_mode) and info.st_rdev == os.makedev(1, 3)
    assert sorted(os.listdir(tmp_path)) == ["in", "null"], "no temporary file left behind"


@pytest.mark.parametrize("command", COMMANDS)
def test_folder_and_socket_are_refused(cli, tmp_path, protocol, command):
    sock_path = tmp_path / "s"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock_path))
    try:
        for target in (tmp_path / "in", sock_path):
            result = cli(*_args(command, protocol, target, "--force"))
            assert result.exit_code == 2, (target, result.output)
            assert "Traceback" not in result.output
        assert stat.S_ISSOCK(os.lstat(sock_path).st_mode)
        assert os.listdir(tmp_path / "in") == ["protocol.yaml"]
    finally:
        server.close()


@pytest.mark.parametrize("command", COMMANDS)
def test_dash_is_standard_output(cli, tmp_path, protocol, command, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a file named "-" would land here, not in the checkout
    result = cli(*_args(command, protocol, "-"))
    assert result.exit_code == 0, result.output
    assert result.stdout.lstrip().startswith(_expected_start(command))
    assert not (tmp_path / "-").exists()


def test_render_pdf_to_dash_is_bytes_on_stdout(cli, protocol):
    result = cli("render", protocol, "--doc", "registry", "--format", "pdf", "-o", "-")
    assert result.exit_code == 0 and result.stdout_bytes.startswith(b"%PDF-")


def test_write_atomic_refuses_a_socket_without_touching_it(tmp_path):
    from toolkit.files import WriteRefused, write_atomic

    sock_path = tmp_path / "s"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock_path))
    try:
        with pytest.raises(WriteRefused, match="a socket"):
            write_atomic(sock_path, "x", force=True)
    finally:
        server.close()
