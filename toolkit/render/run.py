"""Writing, printing or checking a rendered document."""

from __future__ import annotations

import difflib
import os
import sys
from pathlib import Path

from toolkit.document.model import Document
from toolkit.files import write_output
from toolkit.render import RenderRequest, render


class RenderFailure(RuntimeError):
    """The document cannot be rendered or written (exit status 2)."""


def run_render(doc: Document, request: RenderRequest, output: str | None, check: bool, force: bool = False) -> int:
    from jinja2 import TemplateError
    from jinja2.exceptions import SecurityError

    from toolkit.render.pdf import MissingGlyphs, RenderError

    if check and output in (None, "-"):
        raise RenderFailure("--check compares with an existing file: give it with -o OUTPUT")
    if output and output != "-" and Path(output).resolve() == Path(doc.file).resolve():
        raise RenderFailure(f"refusing to write the document over the protocol itself ({output})")
    try:
        content = render(doc.data, request)
    except MissingGlyphs as err:
        raise RenderFailure(_glyph_places(doc, err)) from None
    except RenderError as err:
        raise RenderFailure(str(err)) from None
    except SecurityError as err:
        raise RenderFailure(f"template error{_template_place(err)}: {err.message or err} (templates run sandboxed:"
                            " they may lay out the document's fields, not reach Python, files or the network)") from None
    except TemplateError as err:
        raise RenderFailure(f"template error{_template_place(err)}: {err.message or err}") from None
    _report_readability(doc, request)
    if check:
        assert output is not None  # refused above
        return _compare(Path(output), content, request.output_format)
    output = output or "-"
    if output == "-" and request.output_format == "pdf" and sys.stdout.isatty():
        raise RenderFailure("a PDF is binary: write it to a file with -o OUTPUT")
    try:
        write_output(output, content, force=force)
    except OSError as err:  # an existing file without --force, a folder, a device that cannot be written
        raise RenderFailure(str(err)) from None
    if output != "-":
        print(f"wrote {output}", file=sys.stderr)
    return 0


def _compare(path: Path, content: bytes, output_format: str) -> int:
    if path.exists() and not path.is_file():
        raise RenderFailure(f"--check compares with a file; {path} is not a regular file")
    if not path.exists():
        print(f"{path}: missing; render it without --check", file=sys.stderr)
        return 1
    current = path.read_bytes()
    if current == content:
        print(f"{path}: up to date", file=sys.stderr)
        return 0
    print(f"{path}: differs from the protocol; render it again", file=sys.stderr)
    if output_format != "pdf":
        diff = difflib.unified_diff(current.decode("utf-8", "replace").splitlines(keepends=True),
                                    content.decode("utf-8").splitlines(keepends=True),
                                    fromfile=f"{path} (committed)", tofile=f"{path} (rendered now)")
        sys.stdout.writelines(diff)
    return 1


def _report_readability(doc: Document, request: RenderRequest) -> None:
    """For patient summaries, say how readable the text shown as plain language is (on stderr)."""
    if request.document != "summary" or os.environ.get("PROTOCOL_QUIET"):
        return
    from toolkit.parse.readability import chinese, english
    from toolkit.render import shown_plain_text

    text = shown_plain_text(doc.data, request.lang)
    if not text.strip():
        print("readability: the summary shows no plain-language text to measure", file=sys.stderr)
        return
    result = chinese(text) if request.lang == "zh" else english(text)
    print(f"readability of the text shown as plain language (not the text shown as written for doctors): "
          f"{result.describe()}", file=sys.stderr)


def _template_place(err) -> str:
    """Where in which template the error happened: Jinja puts template frames in the traceback."""
    if getattr(err, "lineno", None):
        return f" ({err.filename or err.name}, line {err.lineno})"
    tb, place = err.__traceback__, ""
    while tb:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith(".j2"):
            place = f" ({name}, line {tb.tb_lineno})"
        tb = tb.tb_next
    return place


def _glyph_places(doc: Document, err) -> str:
    """Where each character no font can draw is written: file:line:column and the field."""
    from toolkit.diagnostics import dotted, printable

    lines: list[tuple[tuple, str]] = []  # (place, line), reported in the order of the file
    for character in err.characters[:10]:
        name = f'"{printable(character)}" (U+{ord(character):04X})'
        found = next(((path, text) for path, text in doc.strings if character in text), None)
        if found is None:
            lines.append(((0, 0), f"{doc.file}: {name} is in the document's template text, and no installed font has it"))
            continue
        path, text = found
        line, column = _character_position(doc, path, text, character)
        lines.append(((line, column), f"{doc.file}:{line}:{column}: {dotted(path)}: no installed font has a glyph for {name}"))
    more = f" (and {len(err.characters) - 10} more characters)" if len(err.characters) > 10 else ""
    listed = "\n  ".join(text for _, text in sorted(lines))
    return f"cannot print every character{more}:\n  {listed}\n{err.HINT}; or replace them"


def _character_position(doc: Document, path, text: str, character: str) -> tuple[int, int]:
    """The character's own line and column where the text is a literal block (`|`), whose lines
    are the file's; otherwise where the value starts."""
    node, matched = doc.node_at(path)
    line, column = doc.position(path)
    if matched == len(path) and getattr(node, "style", None) == "|":
        offset = text[:text.index(character)].count("\n")
        body = doc.text.splitlines()[line:]  # the block's lines follow the line of its `|`
        if offset < len(body) and character in body[offset]:
            return line + 1 + offset, body[offset].index(character) + 1
    return line, column
