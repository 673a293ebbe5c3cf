"""Validate a loaded protocol against the JSON Schema and say what is wrong in an author's words.

jsonschema-rs does the validation (it is ~100x faster than pure-Python jsonschema); each
error becomes a Diagnostic at the YAML node it concerns. The `patternErrorMessage` keyword
(also understood by VS Code's YAML and JSON language servers) supplies the wording for
values of the wrong form, so the editor and the command line say the same thing.
"""

from __future__ import annotations

import difflib
import functools
import json

import jsonschema_rs

from toolkit import resources
from toolkit.diagnostics import Diagnostic, dotted
from toolkit.document import schema_paths
from toolkit.document.load import shorten
from toolkit.document.model import Document
from toolkit.document.walk import get
from toolkit.parse.dates import impossible

MISSING_KEY = "SCH001"
UNKNOWN_KEY = "SCH002"
WRONG_TYPE = "SCH003"
NOT_ALLOWED = "SCH004"
WRONG_FORM = "SCH005"
OUT_OF_RANGE = "SCH006"
OTHER = "SCH007"
TOO_LONG = "SCH008"
# Codes that do not make the structure unsound: the rules still run after them.
NON_BLOCKING = frozenset({TOO_LONG})

_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of keys",
    "null": "nothing (empty)",
}


@functools.lru_cache(maxsize=1)
def validator():
    formats = {"partial-date": lambda text: impossible(text) is None}
    return jsonschema_rs.validator_for(resources.schema(), formats=formats, validate_formats=True)


def check(doc: Document) -> list[Diagnostic]:
    """Every schema problem in the document, each at the node that is wrong."""
    out: list[Diagnostic] = []
    for error in validator().iter_errors(doc.data):
        out.extend(_explain(doc, error))
    return sorted(set(out), key=Diagnostic.sort_key)


def _explain(doc: Document, error) -> list[Diagnostic]:
    path = tuple(error.instance_path)
    kind = error.kind
    where = dotted(path)
    subschema = _schema_at(error.schema_path[:-1])
    name = kind.name
    if name == "additionalProperties":
        allowed = sorted(subschema.get("properties", {}))
        return [
            doc.diagnostic(path + (key,), UNKNOWN_KEY, _unknown_key(where, key, allowed), at_key=True)
            for key in kind.unexpected
        ]
    value = get(doc.data, *path)
    if name == "required":
        about = _first_sentence(subschema.get("properties", {}).get(kind.property, {}))
        message = f'{where}: required key "{kind.property}" is missing' + (f" ({about})" if about else "")
        return [doc.diagnostic(path, MISSING_KEY, message, at_key=bool(path))]  # at `title:`
    if name == "type":
        raw = getattr(doc.node_at(path)[0], "value", value)  # "1.10" as written, not 1.1
        return [doc.diagnostic(path, WRONG_TYPE, _wrong_type(where, value, list(kind.types), raw))]
    if name == "enum":
        return [doc.diagnostic(path, NOT_ALLOWED, _not_allowed(where, value, list(kind.options)))]
    if name == "const":
        return [doc.diagnostic(path, NOT_ALLOWED, f"{where}: must be {_show(kind.expected_value)}, not {_show(value)}")]
    if name == "pattern":
        hint = subschema.get("patternErrorMessage", "does not have the expected form")
        return [doc.diagnostic(path, WRONG_FORM, f"{where}: {_show(value)} {hint}")]
    if name == "format" and isinstance(value, str) and impossible(value):
        return [doc.diagnostic(path, WRONG_FORM, f"{where}: {_show(value)} is not a date that exists ({impossible(value)})")]
    if name in ("minLength",) and value == "":
        return [doc.diagnostic(path, OUT_OF_RANGE, f"{where}: is empty; write the text or remove the key")]
    if name == "maxLength":
        return _too_long(doc, path, where, value, kind.limit)
    if name in ("minimum", "maximum", "minItems", "maxItems", "minLength", "uniqueItems"):
        return [doc.diagnostic(path, OUT_OF_RANGE, f"{where}: {error.message}")]
    return [doc.diagnostic(path, OTHER, f"{where}: {error.message}")]


def _too_long(doc: Document, path: tuple, where: str, value: str, limit: int) -> list[Diagnostic]:
    """A text over the registry's character limit, counted as the registry counts the author's
    text: runs of white space (line breaks and indentation of a folded block, of a legacy XML
    export) count as one character, and Markdown's backslash escapes ("\\&") as none."""
    length = registry_length(value)
    if length <= limit:
        return []
    return [doc.diagnostic(path, TOO_LONG, f"{where}: {length:,} characters; the registry accepts at most "
                                           f"{limit:,} here, so shorten it by {length - limit:,}")]


def registry_length(text: str) -> int:
    """Characters of `text` as ClinicalTrials.gov counts what the author wrote."""
    import re

    return len(re.sub(r"\\([\\`*_{}\[\]()#+\-.!<>&|])", r"\1", re.sub(r"\s+", " ", text.strip())))


def _unknown_key(where: str, key: str, allowed: list[str]) -> str:
    place = "at the top level" if where == "(document)" else f"in {where}"
    message = f'unknown key "{shorten(key)}" {place}'
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if close:
        return f'{message}; did you mean "{close[0]}"?'
    if allowed and len(allowed) <= 12:
        return f"{message}; allowed keys: {', '.join(allowed)}"
    return message


def _wrong_type(where: str, value, expected: list[str], raw) -> str:
    wanted = " or ".join(_TYPE_WORDS.get(t, t) for t in expected)
    message = f"{where}: expected {wanted}, found {_describe(value)}"
    if "string" in expected and isinstance(value, (int, float)) and not isinstance(value, bool):
        message += f'; put it in quotes ("{shorten(str(raw))}") so YAML keeps it as text'
    elif "array" in expected and not isinstance(value, (list, dict)):
        message += "; write one item per line, each starting with '- '"
    elif "boolean" in expected and isinstance(value, str):
        message += "; write true or false"
    return message


def _not_allowed(where: str, value, options: list) -> str:
    shown = ", ".join(str(o) for o in options)
    message = f"{where}: {_show(value)} is not one of: {shown}"
    if isinstance(value, str):
        normal = value.strip().lower().replace(" ", "_").replace("-", "_")
        exact = [o for o in options if str(o) == normal]
        close = exact or difflib.get_close_matches(normal, [str(o) for o in options], n=1, cutoff=0.6)
        if close:
            message += f'; did you mean "{close[0]}"?'
    return message


def _describe(value) -> str:
    if value is None:
        return "nothing (the key has no value)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, dict):
        return "a mapping of keys"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return f"the text {_show(value)}"


def _show(value) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + '..."'


def _first_sentence(subschema: dict) -> str:
    text = subschema.get("description", "")
    return text.split(". ")[0].split(" (")[0].rstrip(".")


def _schema_at(schema_path) -> dict:
    return schema_paths.at_schema_path(schema_path)
