"""Write protocol data as readable YAML: key order as in the schema, block scalars for long
text, and quotes wherever a YAML 1.1 or 1.2 reader could mistake text for something else."""

from __future__ import annotations

import re

import yaml

from toolkit.resources import schema

WIDTH = 100


class _Dumper(yaml.SafeDumper):
    """Quotes what either YAML version would not read back as the same text."""


for _tag, _regexp, _first in [
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    ("float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", "-+0123456789."),
]:
    _Dumper.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_regexp), list(_first))


def _text(dumper, value: str):
    if "\n" in value:
        value = "\n".join(line.rstrip() for line in value.split("\n"))
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    if len(value) > WIDTH - 20:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=">")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _text)


def ordered(data, node=None):
    """`data` with mapping keys in the order the schema declares them."""
    root = schema()
    node = root if node is None else node
    if "$ref" in node:
        node = _resolve(root, node["$ref"])
    if isinstance(data, dict):
        props = node.get("properties", {})
        extra = node.get("additionalProperties") if isinstance(node.get("additionalProperties"), dict) else {}
        keys = [k for k in props if k in data] + [k for k in data if k not in props]
        return {k: ordered(data[k], props.get(k, extra)) for k in keys}
    if isinstance(data, list):
        return [ordered(item, node.get("items", {})) for item in data]
    return data


def _resolve(root, ref: str) -> dict:
    node = root
    for part in ref.lstrip("#/").split("/"):
        node = node[part]
    return node


def dump(data: dict, header: list[str] = ()) -> str:
    body = yaml.dump(ordered(data), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=WIDTH, indent=2)
    return "".join(f"# {line}\n" if line else "#\n" for line in header) + body
