"""Finding protocol files, and writing files without ever losing one."""

from __future__ import annotations

import os
import stat
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
    with os.fdopen(fd, "rb") as handle:
        _require_regular(os.fstat(fd).st_mode, path)
        os.set_blocking(fd, True)
        return handle.read(limit + 1)


def _require_regular(mode: int, path) -> None:
    if stat.S_ISREG(mode):
        return
    kind = ("a folder" if stat.S_ISDIR(mode) else "a named pipe (FIFO)" if stat.S_ISFIFO(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "not a regular file")
    raise NotRegularFile(f"this is {kind}, not a regular file; it was not read")


def write_atomic(path: str | os.PathLike, content: str | bytes, *, force: bool = False) -> None:
    """Write via a temporary file in the same folder and rename it into place.

    Refuses to replace an existing file unless `force`; a reader never sees half a file.
    """
    target = Path(path)
    if target.exists() and not force:
        raise _exists(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, 0o666 & ~_umask())  # mkstemp makes it private; match a normal file
        if force:
            os.replace(temp, target)
        else:
            _link_no_clobber(temp, target)
    finally:
        Path(temp).unlink(missing_ok=True)


def _link_no_clobber(temp: str, target: Path) -> None:
    """Publish `temp` as `target` only if nothing has appeared there meanwhile."""
    try:
        os.link(temp, target)  # fails if target exists: no window for a race
    except FileExistsError:
        raise _exists(target) from None
    except OSError:  # file systems without hard links
        if target.exists():
            raise _exists(target) from None
        os.replace(temp, target)


def _exists(target: Path) -> FileExistsError:
    return FileExistsError(f"{target} exists; use --force to overwrite it")


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
