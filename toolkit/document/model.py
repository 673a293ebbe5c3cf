"""A loaded protocol: its plain data, and the YAML nodes that say where each value is."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import chain

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from toolkit.diagnostics import Diagnostic, Severity, pointer
from toolkit.document import walk


@dataclass
class Document:
    """A loaded protocol: its data and the YAML nodes that say where each value is.

    A document made from data alone (`root` None: a registry record checked in memory by
    `protocol audit`, with no file anyone will open) has no positions: every place is line 1,
    column 1, and findings are located by their JSON Pointer only.
    """

    file: str
    data: dict
    root: MappingNode | None
    text: str = field(repr=False)
    _strings: list | None = field(default=None, repr=False)
    _by_root: dict = field(default_factory=dict, repr=False)
    _joined: str | None = field(default=None, repr=False)
    _memo: dict = field(default_factory=dict, repr=False)
    # id(mapping node) -> {key text: (key node, value node)}: each mapping is scanned once, so
    # finding N keys of one mapping costs N lookups, not N scans of it (40,000 unknown keys).
    _entries: dict = field(default_factory=dict, repr=False)

    def cached(self, key: str, compute):
        """Derived data several rules need (parsed ages, say), computed once per document."""
        if key not in self._memo:
            self._memo[key] = compute(self)
        return self._memo[key]

    @property
    def strings(self) -> list[tuple[tuple, str]]:
        """Every text value with its path, walked once and shared by the text rules."""
        if self._strings is None:
            if isinstance(self.data, dict):
                self._strings = list(chain.from_iterable(self.strings_under(key) for key in self.data))
            else:
                self._strings = list(walk.strings(self.data))
        return self._strings

    def strings_under(self, key) -> list[tuple[tuple, str]]:
        """`strings` under one top-level key, walked once: a rule that reads some parts of the
        document never walks the others (the sites and references are most of a long record)."""
        found = self._by_root.get(key)
        if found is None:
            found = self._by_root[key] = list(walk.strings(self.data[key], (key,)))
        return found

    @property
    def joined(self) -> str:
        """All text values joined by NUL (which no YAML text contains), for one-pass searches."""
        if self._joined is None:
            texts = walk.texts(self.data) if self._strings is None else [text for _, text in self._strings]
            self._joined = "\x00".join(texts)
        return self._joined

    @classmethod
    def from_data(cls, file: str, data: dict) -> Document:
        """A document with data and no YAML behind it (see the class documentation)."""
        return cls(file, data, None, "")

    def node_at(self, parts) -> tuple[Node | None, int]:
        """The node at `parts`, or its deepest existing ancestor; and how many parts matched."""
        if self.root is None:
            return None, 0
        node: Node = self.root
        for depth, part in enumerate(parts):
            child = self._child(node, part)
            if child is None:
                return node, depth
            node = child
        return node, len(parts)

    def position(self, parts) -> tuple[int, int]:
        """1-based (line, column) of the value at `parts` (of its parent if it is absent)."""
        node, _ = self.node_at(parts)
        if node is None:
            return 1, 1
        return node.start_mark.line + 1, node.start_mark.column + 1

    def key_position(self, parts) -> tuple[int, int]:
        """1-based position of the key `parts[-1]` itself (for unknown keys)."""
        parent, matched = self.node_at(parts[:-1])
        if matched == len(parts) - 1 and isinstance(parent, MappingNode):
            entry = self._mapping(parent).get(str(parts[-1]))
            if entry:
                return entry[0].start_mark.line + 1, entry[0].start_mark.column + 1
        return self.position(parts)

    def _child(self, node: Node, part) -> Node | None:
        if isinstance(node, MappingNode):
            entry = self._mapping(node).get(str(part))
            return entry[1] if entry else None
        if isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            return node.value[part]
        return None

    def _mapping(self, node: MappingNode) -> dict:
        entries = self._entries.get(id(node))
        if entries is None:
            entries = {}
            for key, value in node.value:
                if isinstance(key, ScalarNode):
                    entries.setdefault(key.value, (key, value))  # the first, as a scan would find
            self._entries[id(node)] = entries
        return entries

    def diagnostic(self, parts, rule, message, severity=Severity.ERROR, *, at_key=False):
        line, col = self.key_position(parts) if at_key else self.position(parts)
        return Diagnostic(self.file, line, col, rule, severity, message, pointer(parts))

