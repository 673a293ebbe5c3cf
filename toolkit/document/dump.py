"""Write protocol data as readable YAML: key order as in the schema, block scalars for long
text, and quotes wherever a YAML 1.1 or 1.2 reader could mistake text for something else."""

from __future__ import annotations

from collections.abc import Sequence

import yaml

from toolkit.document import schema_paths
from toolkit.document.load import YAML12_BOOL, YAML12_FLOAT, YAML12_INT
from toolkit.resources import schema

WIDTH = 100


class _PyDumper(yaml.SafeDumper):
    """Quotes what either YAML version would not read back as the same text."""


# libyaml's emitter writes the same bytes as PyYAML's pure-Python one, 3-9x faster (checked on
# every corpus record by tests/ctgov/test_dump.py); the pure one serves where PyYAML was
# built without libyaml.
_CDumper: type[yaml.CSafeDumper] | None = type("_CDumper", (yaml.CSafeDumper,), {}) if yaml.__with_libyaml__ else None
_Dumper: type[yaml.SafeDumper] | type[yaml.CSafeDumper] = _CDumper or _PyDumper


def _text(dumper, value: str):
    if "\n" in value:
        value = "\n".join(line.rstrip() for line in value.split("\n"))
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    if len(value) > WIDTH - 20:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=">")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


# PyYAML's dumper already quotes what YAML 1.1 would misread; add what YAML 1.2 would.
_DUMPERS: list[type[yaml.SafeDumper] | type[yaml.CSafeDumper]] = [d for d in (_PyDumper, _CDumper) if d is not None]
for _class in _DUMPERS:
    for _tag, _pattern, _first in [("bool", YAML12_BOOL, "tTfF"), ("int", YAML12_INT, "-+0123456789"),
                                   ("float", YAML12_FLOAT, "-+0123456789.")]:
        _class.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", _pattern, list(_first))
    _class.add_representer(str, _text)


def ordered(data, node=None):
    """`data` with mapping keys in the order the schema declares them."""
    node = schema_paths.resolve(schema() if node is None else node)
    if isinstance(data, dict):
        props = node.get("properties", {})
        keys = [k for k in props if k in data] + [k for k in data if k not in props]
        return {k: ordered(data[k], schema_paths.child(node, k)) for k in keys}
    if isinstance(data, list):
        return [ordered(item, schema_paths.child(node, 0)) for item in data]
    return data



def as_loaded(data: dict) -> dict:
    """What loading `dump(data)` back gives, without writing and reading the YAML: keys in
    schema order, multi-line text without trailing spaces on its lines (as `_text` writes it).
    Checked equal to the round trip on every corpus record (tests/ctgov/test_dump.py)."""
    return _trimmed(ordered(data))


def _trimmed(value):
    if isinstance(value, dict):
        return {key: _trimmed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_trimmed(item) for item in value]
    if isinstance(value, str) and "\n" in value:
        return "\n".join(line.rstrip() for line in value.split("\n"))
    return value


def dump(data: dict, header: Sequence[str] = (), dumper: type[yaml.SafeDumper] | type[yaml.CSafeDumper] = _Dumper) -> str:
    body = yaml.dump(ordered(data), Dumper=dumper, sort_keys=False, allow_unicode=True, width=WIDTH, indent=2)
    return "".join(f"# {line}\n" if line else "#\n" for line in header) + body
