"""Walking the protocol JSON Schema: one place that follows `$ref`, `properties` and `items`.

The dumper orders keys by it, the importers read allowed values from it, the schema stage
explains an error by the subschema it failed, and rules and labels read their vocabularies
(statuses, phases, arm types) from it instead of keeping their own copies.
"""

from __future__ import annotations

from collections.abc import Iterable

from toolkit.resources import schema


def resolve(node: dict) -> dict:
    """`node` with its `$ref` (a local "#/$defs/..." reference) followed, repeatedly."""
    while isinstance(node, dict) and "$ref" in node:
        target: object = schema()
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part] if isinstance(target, dict) else {}
        node = target if isinstance(target, dict) else {}
    return node


def child(node: dict, part: str | int) -> dict:
    """The subschema of a mapping key or a list item of what `node` describes ({} if none)."""
    node = resolve(node)
    if isinstance(part, int):
        items = node.get("items")
        return resolve(items) if isinstance(items, dict) else {}
    properties = node.get("properties", {})
    if part in properties:
        return resolve(properties[part])
    extra = node.get("additionalProperties")
    return resolve(extra) if isinstance(extra, dict) else {}


def at(path: Iterable[str | int]) -> dict:
    """The subschema describing the value at a data path such as ("design", "phases", 0)."""
    node = resolve(schema())
    for part in path:
        node = child(node, part)
    return node


def allowed(path: Iterable[str | int]) -> tuple[str, ...]:
    """The values the schema allows at a data path (for a list, the values of its items)."""
    node = at(path)
    if "enum" not in node and isinstance(node.get("items"), dict):
        node = resolve(node["items"])
    return tuple(node.get("enum", ()))


def at_schema_path(schema_path: Iterable[str | int]) -> dict:
    """The subschema at a path of schema keywords, as jsonschema reports it ("properties", "id", ...)."""
    node: object = schema()
    for part in schema_path:
        if isinstance(node, dict):
            node = node.get(part, {})
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            return {}
    return node if isinstance(node, dict) else {}
