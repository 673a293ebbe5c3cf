"""The `protocol` command line. Thin: options become settings, the work lives in the package.

Heavy modules are imported inside the commands that need them, so `protocol validate`
starts fast.
"""

from __future__ import annotations

import codecs
import os
import sys
from typing import NoReturn

import click

from toolkit import __version__
from toolkit.render.documents import DOCUMENTS, doc_help
from toolkit.render.documents import FORMATS as RENDER_FORMATS
from toolkit.reporters import REPORTERS

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _fail(message: str) -> NoReturn:
    """A command that cannot run: one line on stderr, exit status 2."""
    click.echo(f"protocol: error: {message}", err=True)
    sys.exit(2)


class _Protocol(click.Group):
    """The command group; a bug inside a command ends the run with status 2, never 1.

    Status 1 means "errors were found": a crash must not look like a verdict on the files.
    The traceback is shown only with PROTOCOL_DEBUG=1 (for a bug report).
    """

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:  # noqa: BLE001  (anything else is a bug of ours)
            if os.environ.get("PROTOCOL_DEBUG"):
                import traceback

                traceback.print_exc()
            _fail(f"internal error ({type(exc).__name__}: {str(exc)[:300]}); please report it "
                  "(PROTOCOL_DEBUG=1 shows the traceback)")


@click.group(cls=_Protocol, context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="protocol")
def main() -> None:
    """Clinical-trial protocols as YAML: validate, check for contradictions, render.

    \b
    Examples:
      protocol validate protocols/
      protocol rules AGE001
      protocol new protocols/my-trial.yaml
    """
    _tolerant_stdout()


def _tolerant_stdout() -> None:
    """Text the terminal's encoding cannot hold (Chinese under LANG=C or PYTHONIOENCODING=latin-1)
    is written as escapes (\\u4e2d) instead of ending the run; standard error already does so."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    if hasattr(sys.stdout, "reconfigure") and codecs.lookup(encoding).name != "utf-8":
        codecs.register_error(_ESCAPE, _json_escapes)
        sys.stdout.reconfigure(errors=_ESCAPE)


_ESCAPE = "protocol.json-escapes"


def _json_escapes(error: UnicodeError) -> tuple[str, int]:
    """Each character as \\uXXXX (a surrogate pair beyond U+FFFF): Python's own backslashreplace
    writes \\xe9 for é, which is not JSON, so `--format json` under an ASCII pipe would not parse."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    escaped = []
    for char in error.object[error.start:error.end]:
        code = ord(char)
        if code > 0xFFFF:
            code -= 0x10000
            escaped.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            escaped.append(f"\\u{code:04x}")
    return "".join(escaped), error.end


@main.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "output_format", default="text", show_default=True,
              type=click.Choice(list(REPORTERS)),
              help="Output format: text, json, github (Actions annotations), sarif (code scanning), junit.")
@click.option("--select", metavar="CODES", help="Only these codes or families, comma-separated (e.g. AGE,TIM001).")
@click.option("--ignore", metavar="CODES", help="Leave out these codes or families, comma-separated.")
@click.option("--strict", is_flag=True, help="Warnings fail the run too (exit status 1).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
              help="Worker processes for many files [default: one per core when that pays, measured on the first files].")
@click.option("--since", metavar="REV",
              help="Also compare each file with itself at git revision REV: the amendment rules (AMD).")
def validate(paths, output_format, select, ignore, strict, jobs, since) -> None:
    """Check protocol files: YAML, schema, then consistency rules.

    PATHS are files or folders (folders: every *.yaml / *.yml inside, recursively);
    without PATHS, protocols/ is checked. `select` and `ignore` may also be set under
    [tool.protocol] in the pyproject.toml above the files; `# protocol: ignore[CODE]` on a
    line silences that code there.

    With --since REV, each file is also compared with the same path at git revision REV
    (a branch, tag or commit): a change to what participants or the registry see without a
    new version number and amendment record, or a version number that went backwards, is
    reported (codes AMD). A file new since REV has nothing to compare with.

    Exit status: 0 no error, 1 an error was found (or a warning with --strict),
    2 the command could not run.

    \b
    Examples:
      protocol validate protocols/
      protocol validate trial.yaml --format json
      protocol validate protocols/ --ignore TXT --strict
      protocol validate protocols/ --since origin/main
    """
    from toolkit.commands.validate import run
    from toolkit.document.since import RevisionError
    from toolkit.files import PathError, discover
    from toolkit.settings import Selection, SettingsError, ValidateSettings, parse_codes

    try:
        selection = Selection(parse_codes(select), parse_codes(ignore))
        files = discover(paths or ("protocols",))
        settings = ValidateSettings(tuple(files), output_format, selection, strict, jobs, since)
        status = run(files, settings, sys.stdout)
    except (PathError, SettingsError, RevisionError) as err:
        _fail(str(err))
    sys.exit(status)


@main.command(context_settings=CONTEXT)
def schema() -> None:
    """Print the protocol JSON Schema (draft 2020-12).

    \b
    Example:
      protocol schema > protocol.schema.json
    """
    from toolkit.resources import schema_path

    click.echo(schema_path().read_text(encoding="utf-8"), nl=False)


@main.command(context_settings=CONTEXT)
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
def new(file, force) -> None:
    """Write a commented skeleton protocol to FILE.

    The skeleton passes the schema; `protocol validate` lists its TODO markers until
    they are filled in. An existing FILE is never overwritten without --force.

    \b
    Example:
      protocol new protocols/my-trial.yaml
    """
    from toolkit.commands.new import skeleton
    from toolkit.files import write_output

    try:
        write_output(file, skeleton(file), force=force)
    except OSError as err:
        _fail(str(err))
    if file != "-":
        click.echo(f"wrote {file}: fill in the TODO markers, then run `protocol validate {file}`")


@main.command("import", context_settings=CONTEXT)
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", "out_dir", default=".", show_default=True, type=click.Path(file_okay=False),
              help="Folder to write the protocol files to.")
@click.option("--force", is_flag=True, help="Overwrite protocol files that exist.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
              help="Worker processes [default: all cores for many records].")
def import_(sources, out_dir, force, jobs) -> None:
    """Turn ClinicalTrials.gov records into protocol YAML files.

    SOURCES are API v2 JSON records (as downloaded from the registry), legacy XML records
    (<clinical_study>) or responses of the retired classic API (FullStudiesResponse, one file
    per study), folders of them, or zip archives of them (the registry's bulk download). Each
    study becomes OUTPUT/<NCT number>.yaml; an existing file is never
    overwritten without --force. What a record holds that the format cannot is listed at the
    top of the file and printed. Exit status 1 if any record could not be imported.

    \b
    Examples:
      protocol import NCT04361331.json -o protocols/
      protocol import downloads/*.xml -o protocols/ --force
      protocol import ctg-studies.zip -o registry/ --jobs 2
    """
    from toolkit.commands.import_ import run
    from toolkit.ctgov.sources import SourceError

    try:
        status = run(list(sources), out_dir, force, jobs or os.cpu_count() or 1)
    except SourceError as err:
        _fail(str(err))
    sys.exit(status)


@main.command(context_settings=CONTEXT)
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", "out_dir", default="audit", show_default=True, type=click.Path(file_okay=False),
              help="Folder for findings.jsonl, summary.json and report.html.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N", help="Worker processes [default: all cores].")
@click.option("--fresh", is_flag=True, help="Start over, replacing an earlier audit's outputs in OUTPUT.")
@click.option("--yaml", "yaml_dir", type=click.Path(file_okay=False),
              help="Also write each imported record's protocol YAML into this folder (never replacing a file).")
def audit(sources, out_dir, jobs, fresh, yaml_dir) -> None:
    """Check every record of a registry download and report what is wrong across them.

    SOURCES are folders or zip archives of ClinicalTrials.gov records (API v2 JSON, legacy
    XML) or of protocol YAML files. Records are imported in memory and checked with every
    rule in parallel. OUTPUT receives findings.jsonl (one record per line, in a stable
    order), summary.json (findings per rule and severity, per registration year and status)
    and report.html (self-contained, with plots). An interrupted audit resumes where it
    stopped when run again with the same SOURCES; a record that cannot be read is reported,
    never fatal. Exit status 0 when the audit ran, 2 when it could not start.

    \b
    Examples:
      protocol audit ctg-studies.zip -o audit/
      protocol audit ../shared/corpus -o audit/ --jobs 2
    """
    from pathlib import Path

    from toolkit.audit.run import AuditError
    from toolkit.commands.audit import run
    from toolkit.ctgov.sources import SourceError

    try:
        status = run(list(sources), Path(out_dir), jobs or os.cpu_count() or 1, fresh,
                     Path(yaml_dir) if yaml_dir else None, sys.stdout)
    except (AuditError, SourceError) as err:
        _fail(str(err))
    sys.exit(status)


@main.command(context_settings=CONTEXT)
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--doc", "document", type=click.Choice(list(DOCUMENTS)), required=True, help=doc_help())
@click.option("--format", "output_format", type=click.Choice(RENDER_FORMATS), default="html",
              show_default=True, help="Output format.")
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True,
              help="Language of the document (the protocol's translations are used where the author gave them).")
@click.option("--templates", type=click.Path(exists=True, file_okay=False),
              help="Folder of templates that override the built-in ones (or one block of them); "
                   "they run sandboxed.")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write here instead of to standard output (`-`: standard output).")
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
@click.option("--check", is_flag=True, help="Compare with OUTPUT instead of writing it; exit 1 if it differs.")
@click.option("--since", metavar="REV",
              help="--doc amendment: the git revision (branch, tag, commit) whose version of FILE the changes are counted from.")
def render(file, document, output_format, lang, templates, output, force, check, since) -> None:
    """Render a protocol as a document.

    A protocol with errors is not rendered (exit status 1, the errors are printed). An
    existing OUTPUT is never replaced without --force; a device or FIFO (/dev/null, a pipe) is
    written in place. With --check, OUTPUT is compared with what would be rendered now: exit
    status 0 when it is up to date, 1 when it differs (a diff is printed for text formats) or
    is missing. `--doc amendment --since REV` is the ICH M11 summary of changes: every change
    since FILE as git holds it at REV, in M11 section order, with the rationale the author
    recorded in version.amendments.

    \b
    Examples:
      protocol render protocols/NCT04361331.yaml --doc registry --format text
      protocol render protocols/NCT04361331.yaml --doc amendment --since v1.0 --format markdown
      protocol render protocols/NCT06261047.yaml --doc summary --lang zh --format pdf -o summary.zh.pdf
      protocol render protocols/NCT04361331.yaml --doc registry --format markdown -o docs/registry.md --check
    """
    from toolkit.render import RenderRequest
    from toolkit.render.run import RenderFailure, run_render

    document_ = _valid_document(file)
    before = _earlier_version(file, document, since)
    try:
        request = RenderRequest(document, output_format, lang, templates, before)
        status = run_render(document_, request, output, check, force)
    except RenderFailure as err:
        _fail(str(err))
    sys.exit(status)


@main.command(context_settings=CONTEXT)
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--to", "target", type=click.Choice(["ctgov-json", "prs-xml"]), required=True,
              help="ctgov-json: a ClinicalTrials.gov API v2 record; prs-xml: a PRS upload (ProtocolRecordSchema.xsd).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here instead of to standard output.")
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
@click.option("--prs-org", metavar="NAME",
              help="prs-xml: the organization name you log in to PRS with (else identifiers.prs_organization).")
def export(file, target, output, force, prs_org) -> None:
    """Write the protocol as a ClinicalTrials.gov record.

    ctgov-json: an API v2 record, for comparing a protocol with its registry record field by
    field. prs-xml: an upload for the Protocol Registration and Results System, valid against
    ProtocolRecordSchema.xsd (2018.05.08); what PRS requires and the protocol lacks is an error
    naming the key to fill (exit status 1, nothing written), and what PRS has no place for is
    listed on standard error. A protocol that does not pass the schema is not exported (exit
    status 1, the errors are printed); consistency findings do not block an export (run
    `protocol validate` for them).

    \b
    Examples:
      protocol export protocols/NCT04361331.yaml --to ctgov-json -o NCT04361331.json
      protocol export protocols/NCT04361331.yaml --to prs-xml --prs-org ZhongshanH -o upload.xml
    """
    from toolkit.files import write_output

    document = _valid_document(file, rules=False)
    if target == "prs-xml":
        text = _prs_xml(file, document.data, prs_org)
    else:
        import json

        from toolkit.ctgov.export import to_v2

        text = json.dumps(to_v2(document.data), ensure_ascii=False, indent=2) + "\n"
    try:
        write_output(output or "-", text, force=force)
    except OSError as err:
        _fail(str(err))
    if output and output != "-":
        click.echo(f"wrote {output}", err=True)


def _prs_xml(file, data, prs_org) -> str:
    """The PRS upload, or exit 1 naming what PRS requires and the protocol lacks."""
    from toolkit.ctgov.prs import MissingForPrs, to_prs

    try:
        upload = to_prs(data, prs_org)
    except MissingForPrs as err:
        for key, why in err.missing:
            click.echo(f"{file}: error: {key} is missing: {why}", err=True)
        click.echo(f"protocol: {file}: fill the {len(err.missing)} key(s) above; nothing was written", err=True)
        sys.exit(1)
    for warning in upload.warnings:
        click.echo(f"{file}: warning: {warning} (PRS accepts the upload but asks for it before release)", err=True)
    for note in upload.notes:
        click.echo(f"{file}: not written (no place in PRS): {note}", err=True)
    return upload.xml


@main.command(context_settings=CONTEXT)
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "output_format", default="text", show_default=True, type=click.Choice(["text", "json"]),
              help="text: one block per criterion; json: {\"version\": 1, \"criteria\": [...]}.")
def criteria(file, output_format) -> None:
    """Show how each eligibility criterion is read: its ages and durations.

    Each age has an operator, a value, a unit and a role: `bound` (a limit on the
    participants' age, what the AGE rules compare with minimum_age and maximum_age) or
    `condition` (an age that qualifies another requirement, e.g. "Karnofsky for patients
    > 16 years"). Ages in exclusion criteria are shown as written. Exit status 1 if the
    file cannot be read as YAML.

    \b
    Examples:
      protocol criteria protocols/NCT04361331.yaml
      protocol criteria protocols/NCT04361331.yaml --format json
    """
    from toolkit.commands.criteria import read_criteria, write_json, write_text
    from toolkit.document.load import load_file
    from toolkit.reporters import TextReporter

    loaded = load_file(file)
    if loaded.document is None:
        TextReporter(sys.stderr).file_done(file, loaded.diagnostics)
        sys.exit(1)
    writer = write_json if output_format == "json" else write_text
    writer(file, read_criteria(loaded.document), sys.stdout)


def _earlier_version(file: str, document: str, since: str | None):
    """FILE at --since REV for the amendment document (None for the others), or exit 2."""
    from toolkit.document.since import RevisionError, before
    from toolkit.render.documents import DOCUMENTS

    if not DOCUMENTS[document].compares:
        if since is not None:
            _fail(f"--since is for --doc amendment, not --doc {document}")
        return None
    if since is None:
        _fail(f"--doc {document} needs --since REV: the git revision to count the changes from (e.g. --since v1.0)")
    try:
        found = before(file, since)
    except RevisionError as err:
        _fail(str(err))
    if found.problem is not None:
        _fail(f"{file} at {since} cannot be read: {found.problem}")
    if not found.exists:
        _fail(f"{file} is not in git at {since}: there is no earlier version to list changes from")
    return found


def _valid_document(file, rules: bool = True):
    """The loaded protocol, or exit 1 after printing its errors (warnings do not block).

    With rules=False only the YAML and the schema must be sound.
    """
    from toolkit.engine import load_checked
    from toolkit.reporters import TextReporter

    document, errors = load_checked(file, rules)
    if document is None or errors:
        TextReporter(sys.stderr).file_done(file, errors)
        click.echo(f"protocol: {file} has {len(errors)} error(s); fix them first (`protocol validate {file}`)", err=True)
        sys.exit(1)
    return document


@main.command(context_settings=CONTEXT)
@click.argument("inputs", nargs=-1, metavar="[OLD] NEW")
@click.option("--since", metavar="REV", help="Compare NEW with itself as git holds it at REV (then OLD is not given).")
@click.option("--format", "output_format", default="text", show_default=True,
              type=click.Choice(["text", "json", "markdown", "github", "sarif", "junit"]),
              help="Output format: text, json, markdown, or the CI formats of `validate`.")
def diff(inputs, since, output_format) -> None:
    """List what changed between two versions of a protocol, or against its registry record.

    OLD and NEW are each a protocol file, REV:path (the file as git holds it at REV, e.g.
    v1.0:protocols/x.yaml), or a ClinicalTrials.gov record (API v2 JSON or legacy XML,
    imported on the fly). Every change is added, removed, changed or moved, with its path,
    old and new values, line and column in each file, and ICH M11 section. Lists are matched
    by id, else by aligning the items' text, so one inserted criterion is one change.

    Exit status: 0 no difference, 1 they differ, 2 the command could not run.

    \b
    Examples:
      protocol diff v1.0:protocols/x.yaml protocols/x.yaml
      protocol diff --since main protocols/x.yaml --format markdown
      protocol diff NCT04361331.json protocols/NCT04361331.yaml
    """
    from toolkit.commands.diff import DiffError, run

    if len(inputs) != (1 if since is not None else 2):
        _fail("give OLD and NEW, or --since REV and NEW")
    old, new = (f"{since}:{inputs[0]}", inputs[0]) if since is not None else inputs
    try:
        status = run(old, new, output_format, sys.stdout)
    except DiffError as err:
        _fail(str(err))
    sys.exit(status)


@main.command(context_settings=CONTEXT)
@click.argument("code", required=False)
@click.option("--format", "output_format", type=click.Choice(["text", "markdown"]), default="text", show_default=True,
              help="markdown: the catalogue and every rule's documentation as one page (docs/rules.md).")
def rules(code, output_format) -> None:
    """List the rule catalogue, or show one rule's documentation.

    CODE is a rule code (AGE001), a family (AGE) or a former code.

    \b
    Examples:
      protocol rules
      protocol rules TIM
      protocol rules AGE001
      protocol rules --format markdown > docs/rules.md
    """
    from toolkit.commands.rules import UnknownCode, describe, markdown

    try:
        click.echo(markdown(code) if output_format == "markdown" else describe(code), nl=False)
    except UnknownCode as err:
        _fail(str(err))


if __name__ == "__main__":  # pragma: no cover
    main()
