"""Small helpers to walk protocol data."""

from __future__ import annotations

from collections.abc import Iterable, Iterator


def strings(data, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every text value in the document with its path, keys included in document order."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from strings(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from strings(value, path + (index,))


def texts(data) -> list[str]:
    """The text values of `strings`, in the same order, without their paths: building a path
    for every value is most of what a walk costs, and a search over the whole document
    (`Document.joined`) needs none."""
    if isinstance(data, str):
        return [data]
    found: list[str] = []
    _texts(data, found.append)
    return found


def _texts(data, add) -> None:
    values: Iterable
    if isinstance(data, dict):
        values = data.values()
    elif isinstance(data, list):
        values = data
    else:
        return
    for value in values:
        if isinstance(value, str):
            add(value)
        else:
            _texts(value, add)


def get(data, *parts, default=None):
    """data[p0][p1]... or `default` when any step is missing."""
    for part in parts:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return default
    return data
