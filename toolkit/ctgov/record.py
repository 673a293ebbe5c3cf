"""Typed, checked reading of a registry record's JSON.

A record off the internet can hold anything where the API promises a type: a module that is
text, a number where text belongs, nulls, lists of mixed things, a 5,000-digit count. The
importer reads a record only through `Record`, whose accessors return the type they name or
nothing, and say once (as a note) what they dropped, so no shape of record can reach the
converter's code with a type it does not expect.
"""

from __future__ import annotations

from toolkit.ctgov.common import Notes

# As the protocol loader: a whole number beyond this is no count of anything.
MAX_INTEGER = 2**53 - 1
_KINDS = {str: "text", bool: "true or false", int: "a whole number", dict: "an object", list: "a list"}


class Record:
    """A JSON object of a record, read through type-checked accessors."""

    def __init__(self, data, notes: Notes, where: str = "") -> None:
        self.notes, self.where = notes, where
        if data is not None and not isinstance(data, dict):
            self._dropped(where, data, dict)
            data = None
        self._data: dict = data or {}

    def __contains__(self, key: str) -> bool:
        return key in self._data

    def keys(self):
        return self._data.keys()

    def module(self, key: str) -> Record:
        """The object at `key` (an empty one if it is absent or not an object)."""
        return Record(self._data.get(key), self.notes, self._path(key))

    def text(self, key: str) -> str | None:
        return self._scalar(key, str)

    def integer(self, key: str) -> int | None:
        value = self._scalar(key, int)
        if value is not None and abs(value) > MAX_INTEGER:
            self.notes.add(f"{self._path(key)} is a number too large to be one (over {MAX_INTEGER:,}); not carried")
            return None
        return value

    def boolean(self, key: str) -> bool | None:
        return self._scalar(key, bool)

    def records(self, key: str) -> list[Record]:
        """The objects listed at `key`; items that are not objects are dropped with a note."""
        return [Record(item, self.notes, f"{self._path(key)}[{i}]") for i, item in enumerate(self._list(key))
                if isinstance(item, dict) or self._dropped(f"{self._path(key)}[{i}]", item, dict)]

    def texts(self, key: str) -> list[str]:
        """The texts listed at `key`; items that are not text are dropped with a note."""
        out = []
        for i, item in enumerate(self._list(key)):
            value = self._checked(f"{self._path(key)}[{i}]", item, str)
            if value is not None:
                out.append(value)
        return out

    def _list(self, key: str) -> list:
        value = self._data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self._dropped(self._path(key), value, list)
            return []
        return value

    def _scalar(self, key: str, kind: type):
        return self._checked(self._path(key), self._data.get(key), kind)

    def _checked(self, where: str, value, kind: type):
        if value is None:
            return None
        if type(value) is not kind:  # bool is an int subclass: neither passes for the other
            self._dropped(where, value, kind)
            return None
        if kind is str:
            return _valid_text(str(value), where, self.notes)
        return value

    def _dropped(self, where: str, value, expected: type) -> bool:
        found = "nothing (null)" if value is None else _KINDS.get(type(value), type(value).__name__)
        self.notes.add(f"{where or 'the record'} is {found} where the registry's format has "
                       f"{_KINDS[expected]}; not carried")
        return False

    def _path(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key


def _valid_text(value: str, where: str, notes: Notes) -> str:
    """Text that can be written as UTF-8: a lone surrogate (invalid in any encoding) is replaced."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        notes.add(f"{where} holds invalid characters (lone UTF-16 surrogates); each is replaced by U+FFFD")
        value = "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in value)
    return value
