"""Running a rule's documented examples: `## Example` must produce its code, `## Use instead` must not.

A YAML example is merged onto BASE, the smallest protocol the schema accepts: mappings are
merged key by key, anything else replaces what BASE has (JSON Merge Patch, RFC 7386). When
the example shares no top-level key with BASE, the merge is the two texts one after the other,
so comments (inline suppressions) survive. YML examples are whole files: a file that cannot
be read cannot be merged.

A rule that compares with an earlier version (the AMD family, `validate --since`) has two
blocks in a section: the file at REV, then the file now; both are merged onto BASE (a block
that is not readable YAML is the earlier version as it is, for AMD004).
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


def yaml_blocks(doc: str, heading: str) -> list[str]:
    return _YAML_BLOCK.findall(sections(doc).get(heading, ""))


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
    if rule.compares:
        return _run_comparison(rule, heading)
    text = example if rule.family == "YML" else merged(example)
    loaded = load_bytes(text.encode("utf-8"), f"{rule.code}-{heading}.yaml")
    if loaded.document is None:
        return loaded.diagnostics
    return check_document(loaded.document)


def _run_comparison(rule: Rule, heading: str) -> list[Diagnostic]:
    from toolkit.document.since import from_bytes
    from toolkit.settings import RuleConfig

    blocks = yaml_blocks(rule.doc, heading)
    assert len(blocks) == 2, f"{rule.code}: ## {heading} needs two ```yaml blocks, the file at REV and now"
    try:
        earlier = merged(blocks[0])
    except ValueError:
        earlier = blocks[0]
    before = from_bytes(earlier.encode("utf-8"), "REV:example.yaml", "REV")
    loaded = load_bytes(merged(blocks[1]).encode("utf-8"), f"{rule.code}-{heading}.yaml")
    assert loaded.document is not None, loaded.diagnostics
    return check_document(loaded.document, RuleConfig(before=before))
