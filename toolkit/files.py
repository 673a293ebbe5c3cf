"""Finding protocol files, and writing files without ever losing one."""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from pathlib import Path

PROTOCOL_SUFFIXES = (".yaml", ".yml")


class PathError(ValueError):
    """A path given on the command line that cannot be used (exit status 2)."""


def discover(paths) -> list[str]:
    """Files as given, and every *.yaml / *.yml below folders (hidden folders skipped), sorted.

    A folder below that cannot be read is listed itself, so that checking it reports why
    (its files would otherwise be skipped without a word).
    """
    found: list[str] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            inside = sorted(_walk(path))
            if not inside:
                raise PathError(f"no *.yaml or *.yml files in {given}")
            found.extend(str(p) for p in inside)
        elif path.exists():
            found.append(str(path))
        else:
            raise PathError(f"path does not exist: {given}")
    return list(dict.fromkeys(found))


def _walk(folder: Path):
    unreadable: list[OSError] = []
    for root, dirs, names in os.walk(folder, onerror=unreadable.append):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            if name.endswith(PROTOCOL_SUFFIXES) and not name.startswith("."):
                yield Path(root) / name
    for err in unreadable:
        yield Path(err.filename)


class NotRegularFile(OSError):
    """A named pipe, device, socket or folder where a file is expected."""


def read_regular(path: str | os.PathLike, limit: int) -> bytes:
    """At most `limit` + 1 bytes of a regular file; NotRegularFile for anything else.

    A named pipe would block the reader forever and a device may never end, so they are
    refused by their type, before they are read (opened without blocking, then checked
    again, in case the path was swapped in between).
    """
    _require_regular(os.stat(path).st_mode, path)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        status = os.fstat(fd)
        _require_regular(status.st_mode, path)
        os.set_blocking(fd, True)
        # os.read sized by the file, not a buffered read of `limit` + 1 bytes, which
        # allocates all 8 MiB for every file (4x the time of reading a protocol)
        chunks, wanted = [], limit + 1
        while wanted > 0:
            chunk = os.read(fd, min(wanted, max(status.st_size + 1, 65536)))
            if not chunk:
                break
            chunks.append(chunk)
            wanted -= len(chunk)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
    finally:
        os.close(fd)


def _require_regular(mode: int, path) -> None:
    if stat.S_ISREG(mode):
        return
    kind = ("a folder" if stat.S_ISDIR(mode) else "a named pipe (FIFO)" if stat.S_ISFIFO(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "not a regular file")
    raise NotRegularFile(f"this is {kind}, not a regular file; it was not read")


class WriteRefused(OSError):
    """A path that must not be written to as asked (its message says why)."""


def write_output(path: str | os.PathLike, content: str | bytes, *, force: bool = False) -> None:
    """Write where the user said: `-` is standard output, anything else goes through write_atomic."""
    if str(path) == "-":
        data = content.encode("utf-8") if isinstance(content, str) else content
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    write_atomic(path, content, force=force)


def write_atomic(path: str | os.PathLike, content: str | bytes, *, force: bool = False,
                 follow_symlinks: bool = True) -> None:
    """The one way the toolkit writes a file; whatever sits at `path` decides how.

    - nothing: a temporary file in the same folder is published under the name, so a reader
      never sees half a file and nothing that appeared meanwhile is replaced;
    - a regular file: replaced the same way, and only with `force` (its mode is kept);
    - a symbolic link: with `follow_symlinks` the file it points to is written as above (the
      link stays; a link to nothing is refused); without, the link itself counts as the
      existing file, so nothing outside the named folder is ever touched;
    - a character device or FIFO (/dev/null, /dev/stdout, a pipe): written in place, never
      created or replaced, since streaming into it is what naming it means;
    - a folder, block device or socket: refused.
    """
    target = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        info = os.stat(target) if follow_symlinks else os.lstat(target)
    except FileNotFoundError:
        if target.is_symlink():
            raise WriteRefused(f"{target} is a symbolic link to {os.readlink(target)}, which does not exist") from None
        info = None
    if info is None:
        target.parent.mkdir(parents=True, exist_ok=True)
        _publish(target, data, mode=0o666 & ~_umask(), replace=False)
    elif stat.S_ISREG(info.st_mode) or stat.S_ISLNK(info.st_mode):
        if not force:
            raise _exists(target)
        real = Path(os.path.realpath(target)) if follow_symlinks else target
        _publish(real, data, mode=stat.S_IMODE(info.st_mode) if stat.S_ISREG(info.st_mode) else 0o666 & ~_umask(),
                 replace=True)
    elif stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode):
        _write_in_place(target, data)
    else:
        raise WriteRefused(f"{target} is {_kind(info.st_mode)}; refusing to write to it")


def _publish(target: Path, data: bytes, *, mode: int, replace: bool) -> None:
    """Write `data` to a temporary file beside `target`, then rename or link it into place."""
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, mode)  # mkstemp makes it private; match a normal (or the replaced) file
        if replace:
            os.replace(temp, target)
        else:
            _link_no_clobber(temp, target)
    finally:
        Path(temp).unlink(missing_ok=True)


def _write_in_place(target: Path, data: bytes) -> None:
    """Stream into a device or FIFO without creating, truncating or replacing anything."""
    try:
        # O_NONBLOCK: a FIFO nobody reads fails at once (ENXIO) instead of waiting forever
        fd = os.open(target, os.O_WRONLY | os.O_NOCTTY | os.O_NONBLOCK)
    except OSError as err:
        if err.errno == errno.ENXIO:
            raise WriteRefused(f"{target}: nothing is reading from it") from None
        raise
    try:
        os.set_blocking(fd, True)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _link_no_clobber(temp: str, target: Path) -> None:
    """Publish `temp` as `target` only if nothing has appeared there meanwhile."""
    try:
        os.link(temp, target)  # fails if target exists: no window for a race
    except FileExistsError:
        raise _exists(target) from None
    except OSError:  # file systems without hard links
        if os.path.lexists(target):
            raise _exists(target) from None
        os.replace(temp, target)


def _exists(target: Path) -> FileExistsError:
    return FileExistsError(f"{target} exists; use --force to overwrite it")


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
