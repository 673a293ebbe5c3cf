"""`protocol import`: registry records -> protocol YAML files, one per record, written atomically."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.commands.new import schema_reference
from toolkit.ctgov import from_classic, from_json, from_xml
from toolkit.ctgov.common import ImportError_, Notes
from toolkit.ctgov.sources import Source, SourceError
from toolkit.diagnostics import printable
from toolkit.document.dump import dump
from toolkit.document.load import MAX_FILE_BYTES
from toolkit.files import NotRegularFile, read_regular, write_atomic

MAX_BYTES = 64 * 1024 * 1024
NCT_NUMBER = re.compile(r"NCT[0-9]{8}", re.IGNORECASE)


@dataclass
class Imported:
    source: str
    target: str | None = None
    notes: list[str] = field(default_factory=list)
    error: str | None = None


def read_record(path: str) -> tuple[dict, Notes]:
    """The record in `path` (API v2 JSON, legacy XML, a one-study classic response) as protocol
    data, and what was not carried."""
    return _one(read_records(path))


def read_records(path: str) -> list[tuple[dict, Notes]]:
    """Every study in `path`: one for an API v2 or legacy XML record, each of a classic response."""
    try:
        raw = read_regular(path, MAX_BYTES)  # a FIFO would block forever
    except NotRegularFile as err:
        raise ImportError_(str(err)) from None
    if len(raw) > MAX_BYTES:
        raise ImportError_(f"file is larger than {MAX_BYTES // 1048576} MiB; not a single registry record")
    return parse_records(raw)


def parse_record(raw: bytes) -> tuple[dict, Notes]:
    """A record's bytes as protocol data, and what was not carried."""
    return _one(parse_records(raw))


def _one(records: list[tuple[dict, Notes]]) -> tuple[dict, Notes]:
    if len(records) > 1:
        raise ImportError_(f"the file holds {len(records)} studies; `protocol import` writes one file per study")
    return records[0]


def parse_records(raw: bytes) -> list[tuple[dict, Notes]]:
    """A file's bytes (API v2 JSON, legacy XML, a classic API response) as protocol data, one
    per study, each with what was not carried."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ImportError_(f"not UTF-8 text (byte {err.start}); registry downloads are UTF-8") from None
    stripped = text.lstrip()
    if not stripped:
        raise ImportError_("the file is empty")
    notes = Notes()
    if stripped.startswith("<"):
        return [(from_json.convert(from_xml.to_v2(_parse_xml(raw), notes), notes), notes)]
    record = _parse_json(text)
    if "FullStudiesResponse" in record:
        return _classic(record)
    return [(from_json.convert(record, notes), notes)]


def _classic(response: dict) -> list[tuple[dict, Notes]]:
    out = []
    for study in from_classic.studies(response):
        notes = Notes()
        notes.add("not carried: the classic response's search metadata (API version, query, ranks)")
        out.append((from_json.convert(from_classic.to_v2(study, notes), notes), notes))
    return out


_JSON_KINDS = {list: "a list", str: "a single text", int: "a single number", float: "a single number",
               bool: "true or false", type(None): "null"}


def _parse_json(text: str) -> dict:
    try:
        record = json.loads(text)
    except json.JSONDecodeError as err:
        if not text.lstrip().startswith(("{", "[")):
            raise ImportError_("neither JSON nor XML: expected a ClinicalTrials.gov API v2 JSON record "
                               "or a legacy XML record") from None
        raise ImportError_(f"invalid JSON at line {err.lineno}, column {err.colno}: {err.msg}") from None
    except RecursionError:
        raise ImportError_("the JSON is nested too deeply to be a registry record") from None
    except ValueError as err:  # Python's limit on long integers ("Exceeds the limit ... digits")
        raise ImportError_(f"the JSON holds a number too long to read ({str(err).split(';')[0]})") from None
    if not isinstance(record, dict):
        kind = _JSON_KINDS.get(type(record), "not an object")
        raise ImportError_(f"the JSON is {kind}, not an object; expected one study record "
                           "(as the registry's API returns for /studies/NCT...)")
    if "studies" in record and "protocolSection" not in record:
        raise ImportError_("this is a list of studies (a search result); save each study as its own file")
    return record


def _parse_xml(raw: bytes):
    import defusedxml.ElementTree as ElementTree  # refuses entity expansion and external entities

    try:
        return ElementTree.fromstring(raw)
    except ElementTree.ParseError as err:
        line, column = err.position
        raise ImportError_(f"invalid XML at line {line}, column {column + 1}") from None
    except Exception as err:  # defusedxml's refusals (DTDs, entities)
        raise ImportError_(f"XML refused: {type(err).__name__}: {err}") from None


def _refused(text: str, target: Path) -> str | None:
    """Why the loader or the schema would refuse the file about to be written, if they would.

    Every value has been type-checked on the way in; this is what holds for the whole:
    nothing is written that `protocol validate` could not even read.
    """
    from toolkit import schema
    from toolkit.document.load import load_bytes

    loaded = load_bytes(text.encode("utf-8"), str(target))
    problems = loaded.diagnostics if loaded.document is None else [
        d for d in schema.check(loaded.document) if d.severity.value == "error"]
    if not problems:
        return None
    first = problems[0]
    return f"{first.rule} at line {first.line}: {first.message}" + (f"; {len(problems) - 1} more" if len(problems) > 1 else "")


def import_file(path: str, out_dir: str, force: bool) -> Imported:
    """The one study in `path` written to OUT_DIR/<NCT number>.yaml."""
    results = import_source(Source(path), out_dir, force)
    if len(results) > 1:
        return Imported(path, error=f"the file holds {len(results)} studies; use import_source")
    return results[0]


def import_source(source: Source, out_dir: str, force: bool) -> list[Imported]:
    """Import every study of one source (a file, or a member of a zip archive) into `out_dir`."""
    label = printable(source.label)  # a zip member's name is the archive author's text
    try:
        records = parse_records(source.read())
    except (ImportError_, SourceError) as err:
        return [Imported(label, error=printable(str(err)))]
    except OSError as err:
        return [Imported(label, error=printable(f"cannot read: {err.strerror or err}"))]
    return [_write(source, protocol, notes, out_dir, force) for protocol, notes in records]


def _write(source: Source, protocol: dict, notes: Notes, out_dir: str, force: bool) -> Imported:
    result = Imported(printable(source.label))
    path = source.member or source.path
    _name_safely(protocol, path, notes)
    target = Path(out_dir) / f"{protocol['id']}.yaml"
    header = [f"yaml-language-server: $schema={schema_reference(target)}",
              f"Imported from the ClinicalTrials.gov record {protocol['id']} ({printable(Path(path).name)})."]
    if notes.items:
        header += ["", "What the import could not carry over:"] + [f"- {n}" for n in notes.items]
    size = len(json.dumps(protocol, ensure_ascii=False).encode("utf-8"))  # about the YAML's size, in milliseconds
    if size > MAX_FILE_BYTES:
        result.error = (f"the record's protocol data is {size / 1048576:.1f} MiB, over the {MAX_FILE_BYTES // 1048576} MiB "
                        "a protocol file may have (YML006); nothing written")
        return result
    text = dump(protocol, header)
    problem = _refused(text, target)
    if problem:
        result.error = f"the record converts to a protocol that does not pass its own checks ({problem}); nothing written"
        return result
    try:
        # not following links: a link planted in the folder must not carry the write outside it
        write_atomic(target, text, force=force, follow_symlinks=False)
    except (FileExistsError, OSError) as err:
        result.error = printable(str(err))
        return result
    result.target, result.notes = str(target), notes.items
    return result


def _name_safely(protocol: dict, source: str, notes: Notes) -> None:
    """Make the protocol's id, which names the file, an NCT number or a safe slug.

    The record's id is untrusted text: `../x`, an absolute path, a newline or `.hidden` must
    never become a path. Anything that is not an NCT number becomes a slug of letters, digits,
    '.', '-' and '_' starting with a letter or digit (derived from the id, else from the
    source file's name), so the file lands in the output folder and passes the schema.
    """
    record_id = str(protocol.get("id") or "").strip()
    if NCT_NUMBER.fullmatch(record_id):
        protocol["id"] = record_id.upper()
        protocol.setdefault("identifiers", {})["nct"] = protocol["id"]
        return
    protocol["id"] = _slug(record_id) or _slug(Path(source).stem) or "imported-record"
    identifiers = protocol.get("identifiers") or {}
    identifiers.pop("nct", None)
    notes.add(f"not carried: the record's id {record_id!r} is not an NCT number (the file is named "
              f"{protocol['id']}.yaml)")


def _slug(text: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", text)
    slug = re.sub(r"^[^A-Za-z0-9]+", "", slug)[:64]
    return slug.rstrip(".-_")
