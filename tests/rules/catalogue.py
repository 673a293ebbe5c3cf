"""Running a rule's documented examples: `## Example` must produce its code, `## Use instead` must not.

A YAML example is merged onto BASE, the smallest protocol the schema accepts: mappings are
merged key by key, anything else replaces what BASE has (JSON Merge Patch, RFC 7386). When
the example shares no top-level key with BASE, the merge is the two texts one after the other,
so comments (inline suppressions) survive. YML examples are whole files: a file that cannot
be read cannot be merged.
"""

from __future__ import annotations

import re

from toolkit.diagnostics import Diagnostic
from toolkit.document.dump import dump
from toolkit.document.load import load_bytes
from toolkit.engine import check_document
from toolkit.rules import Rule

BASE = """\
schema_version: 1
id: example-trial
title: {brief: An example trial}
"""

_SECTION = re.compile(r"^## (.+)$", re.MULTILINE)
_YAML_BLOCK = re.compile(r"```yaml\n(.*?)```", re.DOTALL)


def sections(doc: str) -> dict[str, str]:
    """The docstring's `## Heading` sections, by heading."""
    parts = _SECTION.split(doc)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def yaml_block(doc: str, heading: str) -> str | None:
    """The ```yaml block of a section, or None when the section is prose."""
    match = _YAML_BLOCK.search(sections(doc).get(heading, ""))
    return match.group(1) if match else None


def merged(example: str, base: str = BASE) -> str:
    ours, theirs = _data(base), _data(example)
    if not isinstance(theirs, dict):
        raise ValueError("an example is a mapping of protocol keys")
    if not set(ours) & set(theirs):
        return base + example
    return dump(_merge_patch(ours, theirs))


def _data(text: str):
    loaded = load_bytes(text.encode("utf-8"), "example.yaml")
    if loaded.document is None:
        raise ValueError(f"the example is not readable YAML: {loaded.diagnostics}")
    return loaded.document.data


def _merge_patch(target, patch):
    if not isinstance(patch, dict):
        return patch
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = _merge_patch(result.get(key), value)
    return result


def run_example(rule: Rule, heading: str) -> list[Diagnostic] | None:
    """Every diagnostic of the section's example, or None when it has no YAML block."""
    example = yaml_block(rule.doc, heading)
    if example is None:
        return None
    text = example if rule.family == "YML" else merged(example)
    loaded = load_bytes(text.encode("utf-8"), f"{rule.code}-{heading}.yaml")
    if loaded.document is None:
        return loaded.diagnostics
    return check_document(loaded.document)
