"""The loader: YAML 1.2 values, positions, and every kind of bad input as a YML diagnostic."""

from __future__ import annotations

import codecs
import resource
import time

import pytest
import yaml

from toolkit.document import load as loader
from toolkit.document.load import MAX_FILE_BYTES, Builder, compose, load_bytes, load_file


def diag(raw: bytes | str):
    raw = raw.encode("utf-8") if isinstance(raw, str) else raw
    result = load_bytes(raw, "p.yaml")
    assert result.document is None, "expected a diagnostic, got a document"
    (only,) = result.diagnostics
    return only


def data(text: str):
    result = load_bytes(text.encode("utf-8"), "p.yaml")
    assert result.diagnostics == []
    return result.document.data


def test_yaml_1_1_traps_do_not_bite():
    loaded = data("ratio: 1:1\ncountry: NO\nflag: yes\nstart: 2020-03-06\nversion: 1.10\noctal: 0755\n")
    assert loaded == {
        "ratio": "1:1",
        "country": "NO",
        "flag": "yes",
        "start": "2020-03-06",  # a date, kept as written
        "version": 1.1,  # YAML 1.2 reads this as a float too: the schema says to quote it
        "octal": 755,
    }


def test_core_schema_scalars():
    loaded = data("a: true\nb: False\nc: ~\nd:\ne: 0x1F\nf: 0o17\ng: -3\nh: 2.5e3\ni: .inf\nj: '1'\n")
    assert loaded == {"a": True, "b": False, "c": None, "d": None, "e": 31, "f": 15, "g": -3, "h": 2500.0,
                      "i": float("inf"), "j": "1"}


def test_chinese_text_round_trips():
    assert data("title: 肝细胞癌 ≥18岁\n") == {"title": "肝细胞癌 ≥18岁"}


def test_positions_are_one_based_and_point_at_values():
    result = load_bytes(b"a:\n  b:\n    - x\n    - y\n", "p.yaml")
    assert result.document.position(("a", "b", 1)) == (4, 7)
    assert result.document.key_position(("a", "b")) == (2, 3)
    assert result.document.position(("a", "missing")) == (2, 3)  # falls back to the parent


def test_duplicate_key_names_both_lines():
    d = diag("id: a\ntitle: x\nid: b\n")
    assert (d.rule, d.line, d.column) == ("YML002", 3, 1)
    assert "line 1" in d.message and "line 3" in d.message


def test_nested_duplicate_key():
    d = diag("eligibility:\n  minimum_age: 18 years\n  minimum_age: 20 years\n")
    assert (d.rule, d.line, d.column, d.path) == ("YML002", 3, 3, "/eligibility/minimum_age")


def test_syntax_error_position():
    d = diag("id: x\ntitle: [unclosed\nother: 1\n")
    assert d.rule == "YML001"
    assert d.line == 3


def test_tab_indentation_is_named():
    d = diag("eligibility:\n\tminimum_age: 18 years\n")
    assert (d.rule, d.line) == ("YML001", 2)
    assert "tab" in d.message


@pytest.mark.parametrize("text", ["", "   \n", "# only a comment\n"])
def test_empty_file(text):
    d = diag(text)
    assert (d.rule, d.line, d.column) == ("YML003", 1, 1)


@pytest.mark.parametrize("text,kind", [("- a\n- b\n", "a list"), ("just text\n", "a single value"), ("42\n", "a single value")])
def test_top_level_must_be_a_mapping(text, kind):
    d = diag(text)
    assert d.rule == "YML004" and kind in d.message


def test_binary_file():
    d = diag(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert (d.rule, d.line, d.column) == ("YML005", 3, 1)  # the first NUL, after two newlines
    assert "binary" in d.message


def test_invalid_utf8_points_at_the_byte():
    gbk = "title: 临床试验\n".encode("gbk")
    d = diag(b"id: x\n" + gbk)
    assert (d.rule, d.line, d.column) == ("YML005", 2, 8)
    assert "UTF-8" in d.message


def test_byte_order_mark_is_accepted():
    assert data_bom(codecs.BOM_UTF8 + "id: 试验\n".encode()) == {"id": "试验"}


def test_utf16_with_bom_is_accepted():
    assert data_bom("id: 试验\n".encode("utf-16")) == {"id": "试验"}


def data_bom(raw: bytes):
    result = load_bytes(raw, "p.yaml")
    assert result.diagnostics == []
    return result.document.data


def test_several_documents_are_refused():
    d = diag("id: a\n---\nid: b\n")
    assert (d.rule, d.line) == ("YML008", 2)


def test_unsafe_tags_are_refused():
    d = diag("id: !!python/object:os.system echo\n")
    assert (d.rule, d.line, d.column) == ("YML008", 1, 5)


def test_recursive_alias_is_refused():
    d = diag("a: &x\n  b: *x\n")
    assert d.rule == "YML008" and "recursive" in d.message


def test_anchors_and_merge_keys_work():
    loaded = data("base: &b {route: oral, frequency: qd}\nother:\n  <<: *b\n  frequency: bid\n")
    assert loaded["other"] == {"route": "oral", "frequency": "bid"}


def billion_laughs(levels: int = 9) -> bytes:
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels + 1):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]")
    return ("\n".join(lines) + "\n").encode()


def test_alias_bomb_is_refused_fast_with_bounded_memory():
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    d = diag(billion_laughs())
    elapsed = time.perf_counter() - started
    grown_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert d.rule == "YML007"
    assert elapsed < 1.0, f"alias bomb took {elapsed:.2f}s"
    assert grown_mib < 100, f"alias bomb grew memory by {grown_mib:.0f} MiB"


def test_deep_nesting_is_a_diagnostic_not_a_crash():
    d = diag("a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert d.rule == "YML001" and "nesting" in d.message


def test_huge_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as out:  # tens of megabytes of valid YAML
        line = b"- " + b"x" * 1000 + b"\n"
        for _ in range((30 * 1024 * 1024) // len(line)):
            out.write(line)
    assert path.stat().st_size > MAX_FILE_BYTES
    started = time.perf_counter()
    result = load_file(str(path))
    assert time.perf_counter() - started < 1.0
    (d,) = result.diagnostics
    assert (d.rule, d.line, d.column) == ("YML006", 1, 1)
    assert "MiB" in d.message


def test_unreadable_file(tmp_path):
    (d,) = load_file(str(tmp_path)).diagnostics  # a folder where a file is expected
    assert d.rule == "YML010"


def test_the_fast_c_parser_is_used_when_available():
    if yaml.__with_libyaml__:
        assert loader._Composer is loader._CComposer


TRAPS = "a: 1:1\nb: NO\nc: 2020-03-06\nd: 0755\ne: 1e3\nf: on\ng: ~\nh: 0x1F\nbase: &b {x: 1}\nm:\n  <<: *b\n  y: 2\n"


def test_pure_python_fallback_reads_the_same():
    fast = Builder().build(compose(TRAPS))
    slow = Builder().build(compose(TRAPS, loader._PyComposer))
    assert fast == slow == {"a": "1:1", "b": "NO", "c": "2020-03-06", "d": 755, "e": 1000.0, "f": "on",
                            "g": None, "h": 31, "base": {"x": 1}, "m": {"x": 1, "y": 2}}


@pytest.mark.parametrize("text,column", [
    ("arms: !!set {a, b}\n", 7),
    ("arms: !!omap [a: 1]\n", 7),
    ("arms: !!pairs [a: 1, b: 2]\n", 7),
    ("arms: !mytag {a: 1}\n", 7),
    ("arms: !mytag [a]\n", 7),
    ("arms:\n  - !!python/object/apply:os.system [echo hi]\n", 5),
])
def test_tags_on_lists_and_mappings_are_refused(text, column):
    d = diag("id: t\n" + text)
    assert (d.rule, d.line, d.column) == ("YML008", 2 if column == 7 else 3, column)
    assert "tag" in d.message


@pytest.mark.parametrize("value", ["!!bool maybe", "!!bool yes", "!!int abc", "!!int 1_000", "!!float 1,5",
                                   "!!null nothing"])
def test_a_scalar_that_does_not_fit_its_tag_is_an_error(value):
    d = diag(f"id: t\nflag: {value}\n")
    assert (d.rule, d.line, d.column) == ("YML001", 2, 7)
    assert "is tagged as" in d.message


def test_plain_core_schema_tags_are_accepted():
    loaded = data("a: !!bool TRUE\nb: !!int 0x1F\nc: !!float 1\nd: !!null ~\ne: !!str 12\n"
                  "f: !!seq [1]\ng: !!map {h: 1}\ni: ! {j: 1}\n")
    assert loaded == {"a": True, "b": 31, "c": 1.0, "d": None, "e": "12", "f": [1], "g": {"h": 1}, "i": {"j": 1}}


@pytest.mark.parametrize("text,where", [
    ("id: t\nlist: [1, 2", (2, 12)),  # just after the last character
    ("id: t\nmap: {a: 1", (2, 11)),
    ("id: t\nlist: [1, 2\n", (2, 12)),
    ("id: t\r\nlist: [1, 2\r\n", (2, 12)),
])
def test_an_error_at_the_end_of_the_file_points_at_the_last_line(text, where):
    d = diag(text)
    assert d.rule == "YML001" and (d.line, d.column) == where


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_only_editor_line_breaks_count_in_yaml_errors(separator):
    """VS Code, vim and Sublime end a line at \\n, \\r\\n and \\r only; libyaml also at these."""
    d = diag(f'title: "a{separator}b"\nid: t\nlist: [1, 2\n')
    assert (d.rule, d.line, d.column) == ("YML001", 3, 12)
    d = diag(f"title: 'a{separator}b'\nid: t\nid: u\n")
    assert (d.rule, d.line, d.column) == ("YML002", 3, 1) and "first defined at line 2" in d.message


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_only_editor_line_breaks_count_in_schema_and_rule_findings(separator):
    from conftest import MINIMAL

    from toolkit.engine import check_document

    text = MINIMAL.replace("  brief: A minimal trial", f'  brief: "A minimal{separator}trial"')
    text += "eligibility:\n  minimum_age: 18 years\n  maximum_age: 17 years\n  sex: al\n"
    loaded = load_bytes(text.encode("utf-8"), "p.yaml")
    found = {(d.rule, d.line, d.column) for d in check_document(loaded.document)}
    sex = text.split("\n").index("  sex: al") + 1
    assert ("SCH004", sex, 8) in found
    fixed = load_bytes(text.replace("sex: al", "sex: all").encode("utf-8"), "p.yaml")
    found = {(d.rule, d.line) for d in check_document(fixed.document)}
    assert ("AGE001", sex - 1) in found  # at maximum_age


def test_a_tag_on_a_key_is_refused():
    d = diag("id: t\n!mytag arms: 1\n")
    assert (d.rule, d.line, d.column) == ("YML008", 2, 1) and "!mytag on a key" in d.message
    assert data("1: a\n!!str b: c\n") == {"1": "a", "b": "c"}


# --- what the build walk skips for speed, and what it still reports

def _shared_nodes(root) -> int:
    """Nodes of a composed tree reached more than once (through an alias)."""
    seen: set[int] = set()
    shared, stack = 0, [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            shared += 1
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend(part for pair in node.value for part in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return shared


@pytest.mark.parametrize("text", [
    TRAPS, "a: &x 1\nb: *x\n", "l:\n- &x [1]\n- *x\n", "a: [&x 1, *x]\n", "a: {b: 1,&c 2, d: *c}\n",
    "\ufeff&x a: *x\n", "? &k a\n: *k\n", "a: !!str &x b\nc: *x\n", "a:\n- &x\n  b: 1\n- *x\n",
])
def test_text_with_an_anchor_is_walked_with_alias_bookkeeping(text):
    assert _shared_nodes(compose(text)) > 0
    assert loader.may_have_anchors(text)


@pytest.mark.parametrize("text", ["a: R&D\n", "a: Q & A\n", "a: 'x&y'\n", "a: AT&T and R&D\n", "a: b &\n"])
def test_an_ampersand_in_prose_is_no_anchor(text):
    assert not loader.may_have_anchors(text)
    assert _shared_nodes(compose(text)) == 0


def test_the_walk_without_alias_bookkeeping_builds_the_same_data():
    from conftest import ROOT

    for example in sorted((ROOT / "protocols").glob("*.yaml")):
        root = compose(example.read_text(encoding="utf-8"))
        assert Builder(shared=False).build(root) == Builder(shared=True).build(root)


@pytest.mark.parametrize("text,path,line,column", [
    ("arms:\n- name: a\n- name: b\n  size: !!int many\n", "/arms/1/size", 4, 9),
    ("a:\n  b:\n  - [1, !!bool maybe]\n", "/a/b/0/1", 3, 9),
    ("s: &s 1\nm:\n  x: 1\n  <<: *s\n", "/m", 1, 4),  # at the merged node, in the mapping merging it
    ("base: &b {x: 1}\nm:\n  <<: *b\n  y: 2\n  y: 3\n", "/m/y", 5, 3),
    ("a:\n- {k: 1, k: 2}\n", "/a/0/k", 2, 10),
    ("a:\n  n: 123456789012345678901234567890\n", "/a/n", 2, 6),
])
def test_an_error_deep_in_the_tree_reports_its_path(text, path, line, column):
    d = diag(text)
    assert (d.path, d.line, d.column) == (path, line, column)


def test_a_too_large_number_names_where_it_is():
    d = diag("arms:\n- size: 123456789012345678901234567890\n")
    assert d.rule == "SCH006" and d.message.startswith("arms[0].size: the number") and d.path == "/arms/0/size"


@pytest.mark.parametrize("text", ["title: x\n", "a: [1\n", "a: !!int x\n"])
def test_loading_leaves_the_garbage_collector_as_it_was(text):
    import gc

    assert gc.isenabled()
    load_bytes(text.encode(), "p.yaml")
    assert gc.isenabled()
    gc.disable()
    try:
        load_bytes(text.encode(), "p.yaml")
        assert not gc.isenabled()
    finally:
        gc.enable()
