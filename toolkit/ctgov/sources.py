"""Where records come from: files, folders and zip archives (the registry's bulk download).

A registry download holds hundreds of thousands of records, more than a command line can
name, so `import` and `audit` take folders and archives and enumerate them here, in one
stable order (sorted by path, then by member name) whatever the file system returns.
"""

from __future__ import annotations

import os
import stat
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from toolkit.files import NotRegularFile, read_regular

RECORD_SUFFIXES = (".json", ".xml")
PROTOCOL_SUFFIXES = (".yaml", ".yml")
# One registry record is tens of kilobytes; a member larger than this is not one (or is a bomb).
MAX_MEMBER_BYTES = 64 * 1024 * 1024


class SourceError(ValueError):
    """A SOURCE that cannot be read at all (missing, not a folder, file or zip archive)."""


@dataclass(frozen=True)
class Source:
    """One record: a file, or a member of a zip archive (`archive.zip:NCT0000/NCT00000102.json`)."""

    path: str
    member: str | None = None

    @property
    def label(self) -> str:
        return f"{self.path}:{self.member}" if self.member else self.path

    @property
    def suffix(self) -> str:
        return Path(self.member or self.path).suffix.lower()

    @property
    def stem(self) -> str:
        return Path(self.member or self.path).stem

    def read(self) -> bytes:
        if self.member is None:
            try:
                data = read_regular(self.path, MAX_MEMBER_BYTES)  # a FIFO would block forever
            except NotRegularFile as err:
                raise SourceError(str(err)) from None
            if len(data) > MAX_MEMBER_BYTES:
                raise SourceError(f"larger than {MAX_MEMBER_BYTES // 1048576} MiB; not a single record")
            return data
        archive = _open_archive(self.path)
        info = archive.getinfo(self.member)
        if info.file_size > MAX_MEMBER_BYTES:
            raise SourceError(f"larger than {MAX_MEMBER_BYTES // 1048576} MiB; not a single record")
        with archive.open(info) as handle:
            data = handle.read(MAX_MEMBER_BYTES + 1)
        if len(data) > MAX_MEMBER_BYTES:  # the header lied about the size
            raise SourceError(f"larger than {MAX_MEMBER_BYTES // 1048576} MiB; not a single record")
        return data


_ARCHIVES: dict[str, zipfile.ZipFile] = {}


def _open_archive(path: str) -> zipfile.ZipFile:
    """One open handle per archive and process (workers open their own after the fork)."""
    key = f"{os.getpid()}:{path}"
    if key not in _ARCHIVES:
        _ARCHIVES[key] = zipfile.ZipFile(path)
    return _ARCHIVES[key]


def enumerate_sources(paths: Iterable[str], suffixes: tuple[str, ...] = RECORD_SUFFIXES) -> Iterator[Source]:
    """Every record under `paths` with one of `suffixes`, in a stable order.

    A folder is walked recursively (hidden entries skipped, links not followed into loops);
    a `.zip` is read member by member without unpacking; anything that is not a regular file
    (a FIFO, a device) is never opened.
    """
    for path in paths:
        if not os.path.exists(path):
            raise SourceError(f"{path}: no such file or folder")
        if os.path.isdir(path):
            yield from _folder(path, suffixes)
        elif path.lower().endswith(".zip"):
            yield from _archive(path, suffixes)
        elif not stat.S_ISREG(os.stat(path).st_mode):
            raise SourceError(f"{path}: not a regular file")
        else:
            yield Source(path)


def _folder(root: str, suffixes: tuple[str, ...]) -> Iterator[Source]:
    found: list[Source] = []
    for folder, subfolders, files in os.walk(root, onerror=_raise):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in files:
            full = os.path.join(folder, name)
            if name.startswith("."):
                continue
            if name.lower().endswith(".zip") and zipfile.is_zipfile(full):
                found.extend(_archive(full, suffixes))
            elif name.lower().endswith(suffixes) and stat.S_ISREG(os.stat(full).st_mode):
                found.append(Source(full))
    yield from sorted(found, key=lambda s: (s.path, s.member or ""))


def _raise(error: OSError) -> None:
    raise SourceError(f"{error.filename}: cannot read folder ({error.strerror})")


def _archive(path: str, suffixes: tuple[str, ...]) -> Iterator[Source]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as err:
        raise SourceError(f"{path}: not a readable zip archive ({err})") from None
    with archive:
        names = sorted(info.filename for info in archive.infolist()
                       if not info.is_dir() and info.filename.lower().endswith(suffixes)
                       and not Path(info.filename).name.startswith("."))
    for name in names:
        yield Source(path, name)
