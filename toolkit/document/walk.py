"""Small helpers to walk protocol data."""

from __future__ import annotations

from collections.abc import Iterator


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


def get(data, *parts, default=None):
    """data[p0][p1]... or `default` when any step is missing."""
    for part in parts:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return default
    return data
