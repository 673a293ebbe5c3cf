"""Read a protocol file: bytes -> text -> YAML 1.2 nodes -> plain data, keeping positions.

PyYAML's C composer gives every node its line and column; we resolve plain scalars with
the YAML 1.2 core schema ourselves (PyYAML alone is YAML 1.1: `NO` would be False and
`1:1` would be 61), keep dates as the text the author wrote, and build the data in one
walk that also refuses duplicate keys and alias bombs.
"""

from __future__ import annotations

import codecs
import gc
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
_STR, _SEQ, _MAP = _T + "str", _T + "seq", _T + "map"
_INT, _FLOAT, _BOOL, _NULL = _T + "int", _T + "float", _T + "bool", _T + "null"
# A key is read as text whatever it looks like (`1:` is the key "1"); these are the tags a plain key resolves to.
_KEY_TAGS = frozenset(_T + kind for kind in ("str", "int", "float", "bool", "null"))


class _Core12Resolver(BaseResolver):
    """YAML 1.2 core schema: only true/false are booleans, no sexagesimal, no timestamps.

    `resolve` is called for every scalar, so it is written out here instead of going
    through PyYAML's generic table of implicit resolvers.
    """

    def resolve(self, kind, value, implicit):
        if kind is ScalarNode:
            # Most scalars are text: one set lookup of the first character tells (a number,
            # true/false or null starts with one of _MAY_NOT_BE_TEXT, the empty value is null).
            if implicit[0] and value[:1] in _MAY_NOT_BE_TEXT:
                return _plain_tag(value)
            return _STR
        return _SEQ if kind is SequenceNode else _MAP

    # PyYAML's path resolvers (a tag chosen by where a node is) are not used; the composer
    # calls these two for every node.
    def descend_resolver(self, current_node, current_index):
        pass

    def ascend_resolver(self):
        pass


def _plain_tag(value: str) -> str:
    first = value[:1]
    if first in _NUMBER_START:
        if YAML12_INT.match(value):
            return _INT
        if YAML12_FLOAT.match(value):
            return _FLOAT
    elif first in "tTfF" and YAML12_BOOL.match(value):
        return _BOOL
    elif (first in "~nN" or not value) and YAML12_NULL.match(value):
        return _NULL
    return _STR


_NUMBER_START = set("-+0123456789.")
_MAY_NOT_BE_TEXT = frozenset(_NUMBER_START | set("tTfF~nN") | {""})
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
    # Loading makes a node, two marks and often a dict or list per value, and no cycle: the
    # cyclic garbage collector, run every 700 new objects, finds nothing to free, and its
    # full collections walk every object of the process (150,000 after the rules' tables
    # are built). Paused while a file loads, it runs ~6x less often over a run: -1.5 ms per
    # file on the corpus (rule_costs, whole pipeline). Nothing is freed later than it would
    # have been: without cycles, reference counting frees everything.
    collecting = gc.isenabled()
    gc.disable()
    try:
        if len(raw) > MAX_FILE_BYTES:
            raise LoadError("YML006", f"file is larger than {MAX_FILE_BYTES // 1048576} MiB")
        text = decode(raw)
        root = compose(text)
        data = Builder(shared=may_have_anchors(text)).build(root)
        return LoadResult(Document(name, data, root, text), [])
    except LoadError as err:
        return LoadResult(None, [_as_diagnostic(name, err)])
    finally:
        if collecting:
            gc.enable()


def may_have_anchors(text: str) -> bool:
    """Whether `text` can hold a YAML anchor (`&name`), the only way a node is reached twice.

    An anchor starts a token: the `&` is at the start of the text or after a blank, a line
    break, a byte-order mark (libyaml skips one at the start of a line), an indicator or
    a closing quote, and a name follows it. "R&D", "Q & A" cannot be anchors.
    """
    at = text.find("&")
    while at != -1:
        before = text[at - 1] if at else " "
        if (before.isspace() or before in _BEFORE_A_TOKEN) and text[at + 1: at + 2].strip():
            return True
        at = text.find("&", at + 1)
    return False


_BEFORE_A_TOKEN = "\ufeff[]{},:?-\"'"


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
    # a line starting with `room` of " ?:-": the first line, or one after "\n" (which is what
    # re.MULTILINE's ^ means; a search for the literal "\n" first is ~3x faster than ^)
    deep_start = f"[ ?:-]{{{room}}}"
    if room > 0 and not (re.match(deep_start, text) or re.search("\n" + deep_start, text)):
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


class _NodeError(Exception):
    """A LoadError raised inside the build walk, at `node`, before its path is known.

    Paths are only needed for the rare file that fails, so the walk does not build one per
    node: each level adds its key or index to `path` as the error passes through it, and
    `Builder.build` turns the error into a LoadError. `message` may need the whole path (a
    function of it), as the message of a too-large number does.
    """

    def __init__(self, node: Node, rule: str, message, path: tuple = ()):
        super().__init__(rule)
        self.node, self.rule, self.message, self.path = node, rule, message, path


class Builder:
    """Turn the node tree into dicts, lists and scalars, checking what a safe loader must.

    `shared=False` says no node can be reached twice (the text has no anchor, `&`): the
    bookkeeping for aliases (recursive aliases, alias bombs) is then skipped.
    """

    def __init__(self, shared: bool = True) -> None:
        self.shared = shared
        self.seen: set[int] = set()
        self.expanded = 0
        self.active: set[int] = set()

    def build(self, node: Node, path: tuple = (), depth: int = 0):
        try:
            return self._node(node, depth)
        except _NodeError as err:
            where = tuple(path) + err.path
            message = err.message(where) if callable(err.message) else err.message
            mark = err.node.start_mark
            raise LoadError(err.rule, message, mark.line + 1, mark.column + 1, where) from None

    def _node(self, node: Node, depth: int):
        if depth > MAX_DEPTH:
            raise _NodeError(node, "YML001", f"nesting is deeper than {MAX_DEPTH} levels")
        if self.shared:
            self._count_visit(node)
        if isinstance(node, ScalarNode):
            tag = node.tag
            if tag == _STR or tag == "!":
                return node.value
            return scalar(node)
        is_list = isinstance(node, SequenceNode)
        if node.tag != (_SEQ if is_list else _MAP):  # !!set, !!omap, !mytag, ...
            raise _NodeError(node, "YML008", f"unsupported YAML tag {_shown(node.tag)} on a "
                                             f"{'list' if is_list else 'mapping'}; "
                                             "protocol files use plain YAML lists and mappings")
        if not self.shared:
            return self._sequence(node, depth) if is_list else self._mapping(node, depth)
        ident = id(node)
        self.active.add(ident)
        try:
            return self._sequence(node, depth) if is_list else self._mapping(node, depth)
        finally:
            self.active.discard(ident)

    def _count_visit(self, node: Node) -> None:
        ident = id(node)
        if ident in self.active:
            raise _NodeError(node, "YML008", "an alias refers to the mapping or list that contains it (recursive alias)")
        if ident in self.seen:
            self.expanded += 1
            if self.expanded > MAX_ALIAS_EXPANSION:
                raise _NodeError(
                    node,
                    "YML007",
                    f"aliases expand to more than {MAX_ALIAS_EXPANSION} nodes "
                    "(an alias bomb?); write the repeated content out or reduce the aliases",
                )
        self.seen.add(ident)

    def _sequence(self, node: Node, depth: int) -> list:  # a SequenceNode
        out: list = []
        build, depth = self._node, depth + 1
        try:
            for item in node.value:
                out.append(build(item, depth))
        except _NodeError as err:
            err.path = (len(out),) + err.path  # the item that failed is the next one
            raise
        return out

    def _mapping(self, node: Node, depth: int) -> dict:  # a MappingNode
        out: dict = {}
        merges = []
        build = self._node
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise _NodeError(key_node, "YML008", "a key must be plain text, not a list or mapping")
            if key_node.tag not in _KEY_TAGS:  # `!mytag id: x`: a key is text
                raise _NodeError(key_node, "YML008", f"unsupported YAML tag {_shown(key_node.tag)} on a key; "
                                                     "protocol files use plain keys")
            key = key_node.value
            if key == "<<" and key_node.tag == _STR and not key_node.style:  # plain, unquoted
                merges.append(value_node)
                continue
            if key in out:  # merged keys are added after this loop: `out` holds the keys written so far
                raise _NodeError(
                    key_node,
                    "YML002",
                    f'duplicate key "{shorten(key)}": first defined at line {_first_line(node, key)}, again at line '
                    f"{key_node.start_mark.line + 1}; keep one",
                    (key,),
                )
            try:
                out[key] = build(value_node, depth + 1)
            except _NodeError as err:
                err.path = (key,) + err.path
                raise
        for merge in merges:  # YAML merge keys, as ruamel.yaml reads them: explicit keys win
            for source in merge.value if isinstance(merge, SequenceNode) else [merge]:
                merged = build(source, depth + 1)  # its keys are this mapping's: no step in the path
                if not isinstance(merged, dict):
                    raise _NodeError(source, "YML008", "`<<` merges only mappings")
                for key, value in merged.items():
                    out.setdefault(key, value)
        return out


def _first_line(node: Node, key: str) -> int:
    """The line of the first entry of `key` in a mapping (not a merge, `<<`, which adds no key)."""
    for key_node, _ in node.value:
        if key_node.value == key and not (key == "<<" and key_node.tag == _STR and not key_node.style):
            return key_node.start_mark.line + 1
    raise AssertionError("a duplicate key has a first entry")


# Whole numbers a protocol holds are counts, years and versions. Beyond 2**53 - 1 a number no
# longer survives JSON (the registry's format) and cannot be a count of anything; bounding it
# here also keeps Python's limit on converting long integers to text out of every later stage.
MAX_INTEGER = 2**53 - 1


def _integer(node: ScalarNode) -> int:
    value = node.value
    digits = value.lstrip("+-")
    body = digits[2:] if digits[:2] in ("0o", "0x") else digits
    number = None
    if len(body.lstrip("0")) <= 20:  # a short text: converting it costs nothing
        try:
            number = int(value, 0) if digits[:2] in ("0o", "0x") else int(value)
        except ValueError:
            raise _NodeError(node, "YML001", f'"{shorten(value)}" is tagged as an integer but is not one') from None
    if number is None or abs(number) > MAX_INTEGER:
        raise _NodeError(node, "SCH006", lambda path: f"{dotted(path)}: the number {shorten(value)} is too large; "
                                                      f"whole numbers in a protocol are at most {MAX_INTEGER:,} "
                                                      "(a count, a year, a version)")
    return number


def shorten(text: str, keep: int = 24) -> str:
    """A value as it can be quoted in a message: long ones cut in the middle, their length said."""
    if len(text) <= 2 * keep:
        return text
    return f"{text[:keep]}…{text[-8:]} ({len(text):,} characters)"


_FLOAT_SPECIAL = {".inf": float("inf"), "+.inf": float("inf"), "-.inf": float("-inf")}


def scalar(node: ScalarNode):
    tag, value = node.tag, node.value
    if tag == _STR or tag == "!":
        return value
    if tag == _NULL:
        return None if YAML12_NULL.match(value) else _mistagged(node, "null (nothing)")
    if tag == _BOOL:
        return value.lower() == "true" if YAML12_BOOL.match(value) else _mistagged(node, "true or false")
    if tag == _INT:
        return _integer(node) if YAML12_INT.match(value) else _mistagged(node, "an integer")
    if tag == _FLOAT:
        if not (YAML12_FLOAT.match(value) or YAML12_INT.match(value)):
            _mistagged(node, "a number")
        low = value.lower()
        if low in _FLOAT_SPECIAL or low.endswith(".nan"):
            return _FLOAT_SPECIAL.get(low, float("nan"))
        try:
            return float(value)
        except ValueError:
            raise _NodeError(node, "YML001", f'"{shorten(value)}" is tagged as a number but is not one') from None
    if tag == _T + "timestamp":
        return value  # dates stay as written; the schema checks their shape
    raise _NodeError(node, "YML008", f"unsupported YAML tag {_shown(tag)}; protocol files use plain YAML values")


def _shown(tag: str) -> str:
    """A tag as the author wrote it: `!!set`, not tag:yaml.org,2002:set."""
    return shorten("!!" + tag[len(_T):] if tag.startswith(_T) else tag)


def _mistagged(node: ScalarNode, kind: str):
    """`!!bool maybe`, `!!int abc`: an explicit tag the value does not fit is an error, never a guess."""
    raise _NodeError(node, "YML001", f'"{shorten(node.value)}" is tagged as {kind} but is not one (YAML 1.2 core '
                                     "schema); remove the tag or correct the value")
