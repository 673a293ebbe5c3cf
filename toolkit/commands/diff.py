"""`protocol diff OLD NEW`: what changed between two versions of a protocol, or between a
protocol and its registry record.

OLD and NEW are each a protocol YAML file, `REV:path` (the file as git holds it at REV, in
the repository of the current directory), or a ClinicalTrials.gov record (API v2 JSON or
legacy XML), imported on the fly exactly as `protocol import` would write it. The structural
diff is toolkit.document.diff; this module reads the inputs, places each change in both
files and in its ICH M11 section, and writes the report.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from typing import TextIO

from toolkit.diagnostics import Diagnostic, Severity, dotted, pointer
from toolkit.document import m11
from toolkit.document.diff import ADDED, CHANGED, MOVED, REMOVED, Change, diff
from toolkit.document.model import Document

CODES = {ADDED: "DIF001", REMOVED: "DIF002", CHANGED: "DIF003", MOVED: "DIF004"}
FORMATS = ("text", "json", "markdown", "github", "sarif", "junit")
MAX_INPUT_BYTES = 64 * 1024 * 1024
SHOWN_CHARS = 200  # of a value quoted in a one-line message; JSON output has it whole


class DiffError(Exception):
    """An input that cannot be read: the command exits 2 with this message."""


@dataclass
class Side:
    """One input: its name as the user wrote it, its data, and where its values are."""

    name: str
    data: dict
    document: Document | None  # None for a registry record: it has no lines to point at
    registry: bool

    def place(self, path) -> tuple[int | None, int | None]:
        if path is None or self.document is None:
            return None, None
        return self.document.position(path)


# --- reading the inputs ------------------------------------------------------------------

def read_side(spec: str) -> Side:
    """The input `spec` names: a file, `REV:path` in git, or a registry record."""
    raw, name = _read_bytes(spec)
    if _looks_like_record(name, raw):
        return _record_side(raw, name)
    return _yaml_side(raw, name)


def _read_bytes(spec: str) -> tuple[bytes, str]:
    if os.path.isfile(spec):
        return _read_file(spec), spec
    if os.path.isdir(spec):
        raise DiffError(f"{spec}: is a folder; give a protocol file")
    revision, colon, path = spec.partition(":")
    if colon and revision and path and not os.path.exists(spec):
        return _git_show(revision, path), spec
    raise DiffError(f"{spec}: no such file (for a git revision write REV:path, e.g. v1.0:{spec})")


def _read_file(path: str) -> bytes:
    try:
        if os.path.getsize(path) > MAX_INPUT_BYTES:
            raise DiffError(f"{path}: larger than {MAX_INPUT_BYTES // 1048576} MiB; not a protocol")
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as err:
        raise DiffError(f"{path}: cannot read: {err.strerror or err}") from None


def _git_show(revision: str, path: str) -> bytes:
    """`path` (relative to the current directory) as the revision holds it."""
    if revision.startswith("-"):
        raise DiffError(f"{revision}: not a git revision")
    where = path if path.startswith(("/", "./", "../")) else "./" + path
    if where.startswith("/"):
        where = _repository_relative(where)
    return _git(["show", f"{revision}:{where}"], f"{revision}:{path}")


def _repository_relative(absolute: str) -> str:
    top = _git(["rev-parse", "--show-toplevel"], "the current directory").decode().strip()
    relative = os.path.relpath(absolute, top)
    if relative.startswith(".."):
        raise DiffError(f"{absolute}: outside the git repository at {top}")
    return relative


def _git(arguments: list[str], what: str) -> bytes:
    try:
        done = subprocess.run(["git", *arguments], capture_output=True, timeout=60, check=False)
    except FileNotFoundError:
        raise DiffError("git is not installed; REV:path needs git") from None
    except subprocess.TimeoutExpired:
        raise DiffError(f"{what}: git did not answer within 60 s") from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise DiffError(f"{what}: git cannot read it: {reason[0] if reason else 'unknown error'}")
    return done.stdout


def _looks_like_record(name: str, raw: bytes) -> bool:
    suffix = os.path.splitext(name)[1].lower()
    if suffix in (".yaml", ".yml"):
        return False
    if suffix in (".json", ".xml"):
        return True
    return raw.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"<")


def _yaml_side(raw: bytes, name: str) -> Side:
    from toolkit.document.load import load_bytes

    loaded = load_bytes(raw, name)
    if loaded.document is None:
        first = loaded.diagnostics[0]
        raise DiffError(f"{first.file}:{first.line}:{first.column}: {first.rule} {first.message}")
    return Side(name, loaded.document.data, loaded.document, registry=False)


def _record_side(raw: bytes, name: str) -> Side:
    """The record as `protocol import` would write it (same data after the YAML round trip)."""
    from toolkit.ctgov.common import ImportError_, Notes
    from toolkit.ctgov.importer import _name_safely, parse_record
    from toolkit.document.dump import dump
    from toolkit.document.load import load_bytes

    try:
        protocol, notes = parse_record(raw)
    except ImportError_ as err:
        raise DiffError(f"{name}: not a registry record: {err}") from None
    _name_safely(protocol, name, notes if isinstance(notes, Notes) else Notes())
    loaded = load_bytes(dump(protocol, []).encode("utf-8"), name)
    if loaded.document is None:  # the importer writes what the loader reads; never expected
        raise DiffError(f"{name}: the imported record could not be read back")
    return Side(name, loaded.document.data, None, registry=True)


# --- the report ----------------------------------------------------------------------------

@dataclass
class Entry:
    """One change placed in both files and in the M11 template."""

    change: Change
    old_line: int | None
    old_column: int | None
    new_line: int | None
    new_column: int | None
    section: str
    old_value: object
    new_value: object
    message: str

    def as_dict(self) -> dict:
        c = self.change
        return {"kind": c.kind, "path": pointer(c.path), "field": dotted(c.path),
                "old_path": pointer(c.old_path) if c.old_path is not None else None,
                "old": self.old_value, "new": self.new_value,
                "old_line": self.old_line, "old_column": self.old_column,
                "new_line": self.new_line, "new_column": self.new_column,
                "section": self.section, "message": self.message}


def compare(old: Side, new: Side) -> list[Entry]:
    registry = old.registry or new.registry
    if old.registry != new.registry:
        old, new = as_registered(old, new), as_registered(new, old)
    entries = []
    for change in diff(old.data, new.data):
        old_line, old_column = old.place(change.old_path)
        new_line, new_column = new.place(change.new_path)
        old_value = registry_value(change.old_path, change.old) if registry else change.old
        new_value = registry_value(change.new_path, change.new) if registry else change.new
        entries.append(Entry(change, old_line, old_column, new_line, new_column, m11.label(change.path),
                             old_value, new_value, _message(change, old_value, new_value, old, new)))
    return entries


def as_registered(side: Side, other: Side) -> Side:
    """The side as a registry record holds it: exported (`protocol export --to ctgov-json`), then
    imported back, the same way on both sides of a protocol-against-record comparison.

    A protocol holds what a record has no place for (the patient summary, translations, narrative
    sections, structured dosing, its own arm and intervention ids), and a record what the export
    does not write (registry dates, FDA flags); compared as they are, a protocol and the record
    registered from it differ everywhere. After the same round trip only what both can say is
    compared, so a record in step with its protocol shows no difference; arms and interventions
    are matched by their text, as a record has no ids (`_without_ids`). When the round trip
    cannot be made (a protocol without an NCT number has no record id), the side is compared as
    it is.
    """
    from toolkit.ctgov.common import ImportError_, Notes
    from toolkit.ctgov.export import to_v2
    from toolkit.ctgov.importer import _name_safely, parse_record
    from toolkit.document.dump import dump
    from toolkit.document.load import load_bytes

    record = to_v2(side.data)
    identification = record.get("protocolSection", {}).get("identificationModule", {})
    if not identification.get("nctId") and isinstance(other.data.get("id"), str):
        identification["nctId"] = other.data["id"]  # the record's own number, so the import can name it
    try:
        protocol, notes = parse_record(json.dumps(record, ensure_ascii=False, default=str).encode("utf-8"))
    except ImportError_:
        return side
    _name_safely(protocol, side.name, notes if isinstance(notes, Notes) else Notes())
    loaded = load_bytes(dump(protocol, []).encode("utf-8"), side.name)
    if loaded.document is None:
        return side
    return Side(side.name, _without_ids(loaded.document.data), side.document, side.registry)


def _without_ids(data: dict) -> dict:
    """Arms and interventions without the ids the import makes up from their names: a record has
    none, so a renamed arm is the same arm renamed (matched by its text), not another arm; an
    arm's interventions are named as the registry names them."""
    names = {i.get("id"): i.get("name") for i in data.get("interventions") or [] if isinstance(i, dict)}
    for intervention in data.get("interventions") or []:
        intervention.pop("id", None)
    for arm in data.get("arms") or []:
        arm.pop("id", None)
        if isinstance(arm.get("interventions"), list):
            arm["interventions"] = [names.get(i) or i for i in arm["interventions"]]
    return data


def _message(change: Change, old_value, new_value, old: Side, new: Side) -> str:
    where = f"{dotted(change.path)} ({m11.label(change.path)})"
    old_word, new_word = _side_word(old, new, "old"), _side_word(new, old, "new")
    if change.kind == ADDED:
        return f"added {where}: {new_word}: {_shown(new_value)}"
    if change.kind == REMOVED:
        return f"removed {where}: {old_word}: {_shown(old_value)}"
    if change.kind == MOVED:
        return f"moved {where} from {dotted(change.old_path)}: {_shown(new_value)}"
    return f"changed {where}: {old_word}: {_shown(old_value)}; {new_word}: {_shown(new_value)}"


def _side_word(side: Side, other: Side, default: str) -> str:
    if side.registry != other.registry:
        return "registry" if side.registry else "protocol"
    return default


def _shown(value) -> str:
    if value is None:
        return "(none)"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    text = " ".join(text.split())
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


# Enumerated fields and the label table (toolkit.render.labels) that names their values as the
# registry shows them; list indexes are left out of the paths.
ENUMERATED = {
    ("status", "overall"): "status",
    ("status", "start", "type"): "date_type",
    ("status", "primary_completion", "type"): "date_type",
    ("status", "completion", "type"): "date_type",
    ("design", "study_type"): "study_type",
    ("design", "phases"): "phase",
    ("design", "allocation"): "allocation",
    ("design", "model"): "model",
    ("design", "purpose"): "purpose",
    ("design", "masking", "level"): "masking",
    ("design", "masking", "who"): "who",
    ("design", "enrollment", "type"): "enrollment_type",
    ("arms", "type"): "arm_type",
    ("interventions", "type"): "intervention_type",
    ("eligibility", "sex"): "sex",
}


def registry_value(path, value):
    """`value` in the registry's words: "Phase 2/Phase 3" for [phase2, phase3], "Yes" for true."""
    if path is None or value is None:
        return value
    from toolkit.render.labels import EN

    keys = tuple(p for p in path if not isinstance(p, int))
    table = EN.get(ENUMERATED.get(keys, ""), {})
    if isinstance(value, bool):
        return EN["yes"] if value else EN["no"]
    if isinstance(value, str):
        return table.get(value, value)
    if isinstance(value, list) and table and all(isinstance(v, str) for v in value):
        return ("/" if keys == ("design", "phases") else ", ").join(table.get(v, v) for v in value)
    return value


def diagnostics(entries: list[Entry], new: Side) -> list[Diagnostic]:
    """The changes as diagnostics on the NEW file (a removed field: where its parent is)."""
    out = []
    for entry in entries:
        line, column = entry.new_line, entry.new_column
        if line is None or column is None:
            line, column = new.place(entry.change.old_path)
        if line is None or column is None:  # NEW is a registry record: no lines to point at
            line, column = 1, 1
        out.append(Diagnostic(new.name, line, column, CODES[entry.change.kind], Severity.WARNING,
                              entry.message, pointer(entry.change.path)))
    return out


def write_report(entries: list[Entry], old: Side, new: Side, output_format: str, stream: TextIO) -> None:
    if output_format == "json":
        document = {"version": 1, "old": old.name, "new": new.name, "changes": [e.as_dict() for e in entries]}
        json.dump(document, stream, ensure_ascii=False, indent=2, default=str)
        stream.write("\n")
    elif output_format == "markdown":
        stream.write(markdown(entries, old, new))
    elif output_format == "text":
        stream.write(text(entries, old, new))
    else:
        from toolkit.engine import Summary
        from toolkit.reporters import REPORTERS

        found = diagnostics(entries, new)
        summary = Summary()
        summary.add(found)
        reporter = REPORTERS[output_format](stream)
        reporter.file_done(new.name, found)
        reporter.finish(summary)


def text(entries: list[Entry], old: Side, new: Side) -> str:
    lines = [f"{d.file}:{d.line}:{d.column}: {d.rule} {d.message}" for d in diagnostics(entries, new)]
    lines.append(_summary(entries, old, new))
    return "\n".join(lines) + "\n"


def _summary(entries: list[Entry], old: Side, new: Side) -> str:
    if not entries:
        return f"{old.name} and {new.name}: no differences"
    counts = {kind: sum(e.change.kind == kind for e in entries) for kind in (ADDED, REMOVED, CHANGED, MOVED)}
    detail = ", ".join(f"{n} {kind}" for kind, n in counts.items() if n)
    return f"{old.name} -> {new.name}: {len(entries)} change{'s' if len(entries) != 1 else ''} ({detail})"


def markdown(entries: list[Entry], old: Side, new: Side) -> str:
    from toolkit.diagnostics import printable

    out = [f"## Changes from `{printable(old.name)}` to `{printable(new.name)}`", ""]
    if not entries:
        return "\n".join(out + ["No differences.", ""])
    out += ["| Section | Change | Field | Old | New |", "|---|---|---|---|---|"]
    for e in entries:
        cells = [e.section, e.change.kind, f"`{dotted(e.change.path)}`",
                 _shown(e.old_value) if e.change.kind != ADDED else "",
                 _shown(e.new_value) if e.change.kind != REMOVED else ""]
        out.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(out + ["", _summary(entries, old, new), ""])


def _cell(text: str) -> str:
    from toolkit.diagnostics import printable

    return printable(text).replace("|", "\\|")


def run(old_spec: str, new_spec: str, output_format: str, stream: TextIO) -> int:
    """Compare and report; 0 identical, 1 different. Raises DiffError when an input cannot be read."""
    old, new = read_side(old_spec), read_side(new_spec)
    entries = compare(old, new)
    write_report(entries, old, new, output_format, stream)
    return 1 if entries else 0
