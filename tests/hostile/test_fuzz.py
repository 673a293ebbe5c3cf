"""The fuzzing that found issue 9, kept as a bounded property-based test.

The example protocols are mutated line by line (hostile snippets put in, lines dropped or
doubled); each mutant goes, in process, through the loader, the checks, every reporter and
(when it has no error) every text renderer, the summary of changes against the example as
it was. Whatever the mutant, nothing may raise.
"""

from __future__ import annotations

import io
import json
import xml.dom.minidom

from conftest import PROTOCOLS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.diagnostics import Severity
from toolkit.document.load import load_bytes
from toolkit.document.since import Before
from toolkit.engine import Summary, check_document
from toolkit.render import RenderRequest, render
from toolkit.render.documents import DOCUMENTS
from toolkit.reporters import REPORTERS

EXAMPLES = {path.name: path.read_text(encoding="utf-8") for path in sorted(PROTOCOLS.glob("*.yaml"))}
SNIPPETS = ["[", "]", "{", "}", "!!set", "!!omap", "!mytag x", "!!python/object/apply:os.system [ls]", "&a x", "*a",
            "*nothing", "<<: *a", "0x" + "f" * 40, "9" * 30, "2020-02-30", "0000-01-01", "\u2028", "\u0085", "- - -",
            "\t", "'", '"', "#", ": :", "~", "null", "true", "1e400", ".nan", "{{SITE}}", "<img src=x onerror=alert(1)>",
            "\x1b[31m", "key\nforged.yaml:1:1: error X", "\ufeff", "é", "中文", "? complex", "|", ">-", "---", "..."]

MUTATION = st.tuples(
    st.sampled_from(["insert", "replace_value", "append_to_line", "drop", "double"]),
    st.integers(min_value=0, max_value=10_000),
    st.sampled_from(SNIPPETS) | st.text(max_size=12),
)


def mutate(text: str, mutations) -> str:
    lines = text.split("\n")
    for kind, at, snippet in mutations:
        index = at % len(lines)
        line = lines[index]
        if kind == "insert":
            lines.insert(index, snippet)
        elif kind == "replace_value" and ":" in line:
            lines[index] = line[: line.index(":") + 1] + " " + snippet
        elif kind == "append_to_line":
            lines[index] = line + snippet
        elif kind == "drop" and len(lines) > 1:
            del lines[index]
        elif kind == "double":
            lines.insert(index, line)
    return "\n".join(lines)


@settings(max_examples=40, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(name=st.sampled_from(sorted(EXAMPLES)), mutations=st.lists(MUTATION, min_size=1, max_size=4))
def test_a_mutated_protocol_never_crashes_a_reporter_or_renderer(name, mutations):
    text = mutate(EXAMPLES[name], mutations)
    loaded = load_bytes(text.encode("utf-8", "surrogatepass"), name)
    diagnostics = loaded.diagnostics if loaded.document is None else check_document(loaded.document)
    assert all(d.line >= 1 and d.column >= 1 for d in diagnostics)
    assert not [d for d in diagnostics if "internal error" in d.message]
    for output_format, reporter_class in REPORTERS.items():
        out = io.StringIO()
        reporter = reporter_class(out)
        summary = Summary()
        summary.add(diagnostics)
        reporter.file_done(name, diagnostics)
        reporter.finish(summary)
        _well_formed(output_format, out.getvalue(), len(diagnostics))
    if loaded.document is None or any(d.severity is Severity.ERROR for d in diagnostics):
        return
    before = Before("REV", load_bytes(EXAMPLES[name].encode("utf-8"), name).document.data)
    for document, kind in DOCUMENTS.items():
        for output_format in ("text", "markdown", "html"):
            request = RenderRequest(document, output_format, before=before if kind.compares else None)
            assert render(loaded.document.data, request)


def _well_formed(output_format: str, output: str, count: int) -> None:
    if output_format in ("json", "sarif"):
        json.loads(output)
    elif output_format == "junit":
        xml.dom.minidom.parseString(output.encode("utf-8"))
    elif output_format == "github":  # one annotation per line: a diagnostic cannot forge another
        assert sum(line.startswith("::") for line in output.splitlines()) >= count
