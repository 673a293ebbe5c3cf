"""Read a protocol file: bytes -> text -> YAML 1.2 nodes -> plain data, keeping positions.

PyYAML's C composer gives every node its line and column; we resolve plain scalars with
the YAML 1.2 core schema ourselves (PyYAML alone is YAML 1.1: `NO` would be False and
`1:1` would be 61), keep dates as the text the author wrote, and build the data in one
walk that also refuses duplicate keys and alias bombs.
"""

from __future__ import annotations

import codecs
import os
import re
from bisect import bisect_right
from dataclasses import dataclass

import yaml
from yaml.composer import Composer
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from toolkit.diagnostics import Diagnostic, Severity, dotted, pointer
from toolkit.document.model import Document
from toolkit.files import NotRegularFile, read_regular

MAX_FILE_BYTES = 8 * 1024 * 1024
# Nodes reached a second time through an alias; a real protocol needs a handful.
MAX_ALIAS_EXPANSION = 50_000
MAX_DEPTH = 200

_T = "tag:yaml.org,2002:"
_SEQ, _MAP = _T + "seq", _T + "map"
# A key is read as text whatever it looks like (`1:` is the key "1"); these are the tags a plain key resolves to.
_KEY_TAGS = frozenset(_T + kind for kind in ("str", "int", "float", "bool", "null"))


class _Core12Resolver(BaseResolver):
    """YAML 1.2 core schema: only true/false are booleans, no sexagesimal, no timestamps.

    `resolve` is called for every scalar, so it is written out here instead of going
    through PyYAML's generic table of implicit resolvers.
    """

    def resolve(self, kind, value, implicit):
        if kind is ScalarNode:
            if not implicit[0]:
                return _T + "str"
            first = value[:1]
            if first in _NUMBER_START:
                if YAML12_INT.match(value):
                    return _T + "int"
                if YAML12_FLOAT.match(value):
                    return _T + "float"
            elif first in "tTfF" and YAML12_BOOL.match(value):
                return _T + "bool"
            elif (first in "~nN" or not value) and YAML12_NULL.match(value):
                return _T + "null"
            return _T + "str"
        return _T + ("seq" if kind is SequenceNode else "map")


_NUMBER_START = set("-+0123456789.")
# The YAML 1.2 core schema's plain scalars; the YAML writer (toolkit.document.dump) quotes text matching them.
YAML12_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
YAML12_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
YAML12_FLOAT = re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")
YAML12_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")


class _PyComposer(Reader, Scanner, Parser, Composer, _Core12Resolver):
    """Pure-Python composer: the same behaviour as the C one, about ten times slower."""

    def __init__(self, text: str) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        _Core12Resolver.__init__(self)


try:
    from yaml._yaml import CParser  # what yaml.cyaml uses; absent when PyYAML is built without libyaml

    class _CComposer(CParser, _Core12Resolver):
        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            _Core12Resolver.__init__(self)

    _Composer: type = _CComposer
    _EventParser: type = CParser
except ImportError:  # PyYAML built without libyaml
    _Composer = _PyComposer

    class _EventParser(Reader, Scanner, Parser):  # type: ignore[no-redef]
        def __init__(self, text: str) -> None:
            Reader.__init__(self, text)
            Scanner.__init__(self)
            Parser.__init__(self)


class LoadError(Exception):
    """Raised inside the loader; carries the diagnostic to report."""

    def __init__(self, rule: str, message: str, line: int = 1, column: int = 1, path=()):
        super().__init__(message)
        self.rule, self.message, self.line, self.column = rule, message, line, column
        self.path = tuple(path)


@dataclass
class LoadResult:
    document: Document | None
    diagnostics: list[Diagnostic]


def load_file(path: str, display_name: str | None = None) -> LoadResult:
    name = display_name or path
    try:
        size = os.path.getsize(path)
        if size > MAX_FILE_BYTES and os.path.isfile(path):
            raise LoadError(
                "YML006",
                f"file is {size / 1048576:.1f} MiB; protocol files are limited to "
                f"{MAX_FILE_BYTES // 1048576} MiB (split narrative text into separate documents)",
            )
        raw = read_regular(path, MAX_FILE_BYTES)
    except LoadError as err:
        return LoadResult(None, [_as_diagnostic(name, err)])
    except OSError as err:
        return LoadResult(None, [Diagnostic(name, 1, 1, "YML010", Severity.ERROR, _unreadable(path, err))])
    return load_bytes(raw, name)


def _unreadable(path: str, err: OSError) -> str:
    if isinstance(err, NotRegularFile):
        if os.path.isdir(path):  # listed by discover() because it could not be searched
            try:
                os.listdir(path)
            except OSError as inner:
                return f"cannot read this folder: {inner.strerror or inner}; the protocol files in it were not checked"
        return str(err)
    return f"cannot read file: {err.strerror or err}"


def load_bytes(raw: bytes, name: str) -> LoadResult:
    try:
        if len(raw) > MAX_FILE_BYTES:
            raise LoadError("YML006", f"file is larger than {MAX_FILE_BYTES // 1048576} MiB")
        text = decode(raw)
        root = compose(text)
        data = Builder().build(root)
    except LoadError as err:
        return LoadResult(None, [_as_diagnostic(name, err)])
    return LoadResult(Document(name, data, root, text), [])


def _as_diagnostic(name: str, err: LoadError) -> Diagnostic:
    return Diagnostic(name, err.line, err.column, err.rule, Severity.ERROR, err.message, pointer(err.path))


def decode(raw: bytes) -> str:
    """UTF-8 (a byte-order mark is accepted), or UTF-16 when it starts with its BOM."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as err:
            raise LoadError("YML005", f"invalid UTF-16 text: {err.reason}") from None
    nul = raw.find(b"\x00")
    if nul != -1:
        line, col = _byte_position(raw, nul)
        raise LoadError(
            "YML005",
            "this is a binary file, not YAML text (it contains NUL bytes); "
            "a protocol must be a UTF-8 text file",
            line,
            col,
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line, col = _byte_position(raw, err.start)
        bad = raw[err.start : err.start + 1].hex()
        raise LoadError(
            "YML005",
            f"invalid UTF-8 (byte 0x{bad}); save the file as UTF-8 "
            "(it may be in GBK, GB18030 or Latin-1)",
            line,
            col,
        ) from None


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    prefix = raw[line_start:offset].decode("utf-8", errors="replace")
    return raw.count(b"\n", 0, offset) + 1, len(prefix) + 1


def compose(text: str, composer_class: type | None = None) -> MappingNode:
    check_depth(text)
    composer = (composer_class or _Composer)(text)
    try:
        root = composer.get_single_node()
    except yaml.MarkedYAMLError as err:
        raise _syntax_error(err, text) from None
    except yaml.YAMLError as err:  # reader errors without a mark
        raise LoadError("YML001", f"YAML syntax error: {err}") from None
    except RecursionError:
        raise LoadError("YML001", f"nesting is deeper than {MAX_DEPTH} levels") from None
    finally:
        composer.dispose()
    if root is None:
        raise LoadError("YML003", "file is empty; a protocol is a YAML mapping (start from `protocol new`)")
    if not isinstance(root, MappingNode):
        kind = "a list" if isinstance(root, SequenceNode) else "a single value"
        line, col = editor_position(text, root.start_mark.index)
        raise LoadError("YML004", f"the top level is {kind}; a protocol must be a mapping of keys", line, col)
    if "\u2028" in text or "\u2029" in text or "\x85" in text:  # three substring searches: ~2 us, where a regex costs ~40
        _editor_marks(root, text)
    return root


# libyaml also ends a line at U+0085, U+2028 and U+2029 (a YAML 1.1 rule); editors (VS Code,
# vim, Sublime) end one only at \n, \r\n and \r. Positions are reported as editors show them.
_EDITOR_BREAK = re.compile(r"\r\n|\r|\n")


def editor_lines(text: str) -> list[str]:
    """The lines of `text` as an editor numbers them."""
    return _EDITOR_BREAK.split(text)


def editor_position(text: str, index: int) -> tuple[int, int]:
    """1-based (line, column) of the character at `index` as an editor shows it.

    libyaml reports an error at the end of the file after a line break it adds itself: an
    index at the end is placed just after the last character, on the last line.
    """
    if index >= len(text):
        index = len(text) - (2 if text.endswith("\r\n") else 1 if text.endswith(("\r", "\n")) else 0)
    line_start = max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1
    line = text.count("\n", 0, index) + text.count("\r", 0, index) - text.count("\r\n", 0, index)
    return line + 1, index - line_start + 1


def _renumbered(mark, starts: list[int]) -> yaml.Mark:
    line = bisect_right(starts, mark.index) - 1
    return yaml.Mark(mark.name, mark.index, line, mark.index - starts[line], None, 0)


def _editor_marks(root: Node, text: str) -> None:
    """Renumber every node's marks by editor lines (one pass, only for text that needs it)."""
    starts = [0] + [match.end() for match in _EDITOR_BREAK.finditer(text)]
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        node.start_mark, node.end_mark = (_renumbered(mark, starts) for mark in (node.start_mark, node.end_mark))
        if isinstance(node, MappingNode):
            stack.extend(part for pair in node.value for part in pair)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)


def check_depth(text: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH before the composer recurses into it.

    libyaml's composer recurses once per level and overflows the C stack (a segfault, not
    an exception) at a few tens of thousands of levels. Most files are shown shallow by a
    cheap bound; only the rest are measured exactly, from libyaml's event stream, which is
    parsed without recursion. The bound: flow levels need a bracket each; a block level
    starts at least one column right of its parent (a list under a key may share the key's
    column), and a line's indentation and indicators ("  - - ? ") are where it starts.
    """
    brackets = text.count("[") + text.count("{")
    room = (MAX_DEPTH - brackets) // 2 - 2
    if room > 0 and not re.search(f"^[ ?:-]{{{room}}}", text, re.MULTILINE):
        return
    _measure_depth(text)


def _measure_depth(text: str) -> None:
    parser = _EventParser(text)
    depth = 0
    try:
        while True:
            event = parser.get_event()
            if event is None:
                return
            kind = type(event)
            if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                depth += 1
                if depth > MAX_DEPTH:
                    line, col = editor_position(text, event.start_mark.index)
                    raise LoadError("YML001", f"nesting is deeper than {MAX_DEPTH} levels (lists or mappings inside "
                                              "one another); a protocol needs a handful", line, col)
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                depth -= 1
    except yaml.YAMLError:
        return  # a syntax error is reported, with its position, by the composer
    finally:
        parser.dispose()


def _syntax_error(err: yaml.MarkedYAMLError, text: str) -> LoadError:
    mark = err.problem_mark or err.context_mark
    line, col = editor_position(text, mark.index) if mark else (1, 1)
    problem = err.problem or "syntax error"
    if "another document" in problem or "expected a single document" in str(err.context):
        return LoadError("YML008", "the file holds several YAML documents (`---`); a protocol is one document", line, col)
    if "'\\t'" in problem or _tab_at(text, line, col):
        return LoadError("YML001", "a tab is used for indentation; YAML allows only spaces", line, col)
    message = f"YAML syntax error: {problem}"
    if err.context and err.context_mark and mark is not err.context_mark:
        message += f" ({err.context} at line {editor_position(text, err.context_mark.index)[0]})"
    return LoadError("YML001", message, line, col)


def _tab_at(text: str, line: int, col: int) -> bool:
    lines = editor_lines(text)
    if 0 < line <= len(lines):
        indent = lines[line - 1][: max(col, 1)]
        return "\t" in indent and not indent.strip(" \t")
    return False


class Builder:
    """Turn the node tree into dicts, lists and scalars, checking what a safe loader must."""

    def __init__(self) -> None:
        self.seen: set[int] = set()
        self.expanded = 0
        self.active: set[int] = set()

    def build(self, node: Node, path: tuple = (), depth: int = 0):
        if depth > MAX_DEPTH:
            raise _at(node, "YML001", f"nesting is deeper than {MAX_DEPTH} levels", path)
        ident = id(node)
        if ident in self.active:
            raise _at(node, "YML008", "an alias refers to the mapping or list that contains it (recursive alias)", path)
        if ident in self.seen:
            self.expanded += 1
            if self.expanded > MAX_ALIAS_EXPANSION:
                raise _at(
                    node,
                    "YML007",
                    f"aliases expand to more than {MAX_ALIAS_EXPANSION} nodes "
                    "(an alias bomb?); write the repeated content out or reduce the aliases",
                    path,
                )
        self.seen.add(ident)
        if isinstance(node, ScalarNode):
            return scalar(node, path)
        if node.tag != (_SEQ if isinstance(node, SequenceNode) else _MAP):  # !!set, !!omap, !mytag, ...
            raise _at(node, "YML008", f"unsupported YAML tag {_shown(node.tag)} on a "
                                      f"{'list' if isinstance(node, SequenceNode) else 'mapping'}; "
                                      "protocol files use plain YAML lists and mappings", path)
        self.active.add(ident)
        try:
            if isinstance(node, SequenceNode):
                return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
            assert isinstance(node, MappingNode)  # a node is a scalar, a sequence or a mapping
            return self.mapping(node, path, depth)
        finally:
            self.active.discard(ident)

    def mapping(self, node: MappingNode, path: tuple, depth: int) -> dict:
        out: dict = {}
        first_line: dict[str, int] = {}
        merges = []
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise _at(key_node, "YML008", "a key must be plain text, not a list or mapping", path)
            if key_node.tag not in _KEY_TAGS:  # `!mytag id: x`: a key is text
                raise _at(key_node, "YML008", f"unsupported YAML tag {_shown(key_node.tag)} on a key; "
                                              "protocol files use plain keys", path)
            key = key_node.value
            if key == "<<" and key_node.tag == _T + "str" and not key_node.style:  # plain, unquoted
                merges.append(value_node)
                continue
            if key in first_line:
                raise _at(
                    key_node,
                    "YML002",
                    f'duplicate key "{shorten(key)}": first defined at line {first_line[key]}, again at line '
                    f"{key_node.start_mark.line + 1}; keep one",
                    path + (key,),
                )
            first_line[key] = key_node.start_mark.line + 1
            out[key] = self.build(value_node, path + (key,), depth + 1)
        for merge in merges:  # YAML merge keys, as ruamel.yaml reads them: explicit keys win
            for source in merge.value if isinstance(merge, SequenceNode) else [merge]:
                merged = self.build(source, path, depth + 1)
                if not isinstance(merged, dict):
                    raise _at(source, "YML008", "`<<` merges only mappings", path)
                for key, value in merged.items():
                    out.setdefault(key, value)
        return out


def _at(node: Node, rule: str, message: str, path) -> LoadError:
    return LoadError(rule, message, node.start_mark.line + 1, node.start_mark.column + 1, path)


# Whole numbers a protocol holds are counts, years and versions. Beyond 2**53 - 1 a number no
# longer survives JSON (the registry's format) and cannot be a count of anything; bounding it
# here also keeps Python's limit on converting long integers to text out of every later stage.
MAX_INTEGER = 2**53 - 1


def _integer(node: ScalarNode, path) -> int:
    value = node.value
    digits = value.lstrip("+-")
    body = digits[2:] if digits[:2] in ("0o", "0x") else digits
    number = None
    if len(body.lstrip("0")) <= 20:  # a short text: converting it costs nothing
        try:
            number = int(value, 0) if digits[:2] in ("0o", "0x") else int(value)
        except ValueError:
            raise _at(node, "YML001", f'"{shorten(value)}" is tagged as an integer but is not one', path) from None
    if number is None or abs(number) > MAX_INTEGER:
        where = dotted(path)
        raise _at(node, "SCH006", f"{where}: the number {shorten(value)} is too large; whole numbers in a protocol are "
                                  f"at most {MAX_INTEGER:,} (a count, a year, a version)", path)
    return number


def shorten(text: str, keep: int = 24) -> str:
    """A value as it can be quoted in a message: long ones cut in the middle, their length said."""
    if len(text) <= 2 * keep:
        return text
    return f"{text[:keep]}…{text[-8:]} ({len(text):,} characters)"


_FLOAT_SPECIAL = {".inf": float("inf"), "+.inf": float("inf"), "-.inf": float("-inf")}


def scalar(node: ScalarNode, path):
    tag, value = node.tag, node.value
    if tag == _T + "str" or tag == "!":
        return value
    if tag == _T + "null":
        return None if YAML12_NULL.match(value) else _mistagged(node, "null (nothing)", path)
    if tag == _T + "bool":
        return value.lower() == "true" if YAML12_BOOL.match(value) else _mistagged(node, "true or false", path)
    if tag == _T + "int":
        return _integer(node, path) if YAML12_INT.match(value) else _mistagged(node, "an integer", path)
    if tag == _T + "float":
        if not (YAML12_FLOAT.match(value) or YAML12_INT.match(value)):
            _mistagged(node, "a number", path)
        low = value.lower()
        if low in _FLOAT_SPECIAL or low.endswith(".nan"):
            return _FLOAT_SPECIAL.get(low, float("nan"))
        try:
            return float(value)
        except ValueError:
            raise _at(node, "YML001", f'"{shorten(value)}" is tagged as a number but is not one', path) from None
    if tag == _T + "timestamp":
        return value  # dates stay as written; the schema checks their shape
    raise _at(node, "YML008", f"unsupported YAML tag {_shown(tag)}; protocol files use plain YAML values", path)


def _shown(tag: str) -> str:
    """A tag as the author wrote it: `!!set`, not tag:yaml.org,2002:set."""
    return shorten("!!" + tag[len(_T):] if tag.startswith(_T) else tag)


def _mistagged(node: ScalarNode, kind: str, path):
    """`!!bool maybe`, `!!int abc`: an explicit tag the value does not fit is an error, never a guess."""
    raise _at(node, "YML001", f'"{shorten(node.value)}" is tagged as {kind} but is not one (YAML 1.2 core schema); '
                              "remove the tag or correct the value", path)
