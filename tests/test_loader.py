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
