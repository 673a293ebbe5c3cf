"""The document kinds `protocol render` makes: one table, from which `--doc` is generated.

Each kind names its template, the builder of its typed context (a function of
`toolkit.render.context`, imported only when rendering so that `protocol validate` stays
light), and the PDF variant it is written as (the patient summary is a tagged, accessible
PDF/UA document).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

FORMATS = ("text", "markdown", "html", "pdf")


@dataclass(frozen=True)
class DocumentKind:
    name: str
    template: str
    builder: str  # "module:function" building the typed context from (protocol data, language)
    pdf_variant: str | None
    help: str
    compares: bool = False  # built from the protocol and its earlier version (`--since REV`)

    def build(self, data: dict, lang: str, before=None):
        module, _, function = self.builder.partition(":")
        builder = getattr(importlib.import_module(module), function)
        return builder(data, lang, before) if self.compares else builder(data, lang)


DOCUMENTS: dict[str, DocumentKind] = {kind.name: kind for kind in (
    DocumentKind("registry", "registry.html.j2", "toolkit.render.context:registry", None,
                 "the ClinicalTrials.gov-style record"),
    DocumentKind("summary", "summary.html.j2", "toolkit.render.context:summary", "pdf/ua-1", "for patients"),
    DocumentKind("protocol", "protocol.html.j2", "toolkit.render.context:protocol", None,
                 "the full document (ICH M11 outline)"),
    DocumentKind("amendment", "amendment.html.j2", "toolkit.render.context:amendment", None,
                 "the summary of changes since --since REV (ICH M11)", compares=True),
)}


def doc_help() -> str:
    """The `--doc` help text, from the table."""
    return "; ".join(f"{kind.name}: {kind.help}" for kind in DOCUMENTS.values()) + "."
