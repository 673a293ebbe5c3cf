"""`protocol render`: the registry record, the patient summary and the protocol document."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class RenderRequest:
    document: str
    output_format: str
    lang: str = "en"
    templates: str | None = None
    before: object = None  # --doc amendment: the file at --since REV (toolkit.document.since.Before)


def render(data: dict, request: RenderRequest) -> bytes:
    """The document as bytes (UTF-8 text, or PDF)."""
    from toolkit.render.documents import DOCUMENTS
    from toolkit.render.environment import environment

    kind = DOCUMENTS[request.document]
    context = kind.build(data, request.lang, request.before)
    variables = {f.name: getattr(context, f.name) for f in fields(context)}  # shallow: parts keep their types
    html = environment(request.templates).get_template(kind.template).render(variables)
    if request.output_format == "html":
        return html.encode("utf-8")
    if request.output_format == "pdf":
        from toolkit.render.pdf import to_pdf

        return to_pdf(html, pdf_variant=kind.pdf_variant, version_date=context.meta.date)
    from toolkit.render.text import html_to_markdown, markdown_to_text

    markdown = html_to_markdown(html)
    return (markdown if request.output_format == "markdown" else markdown_to_text(markdown)).encode("utf-8")


def shown_plain_text(data: dict, lang: str) -> str:
    """Exactly the text the patient summary presents as plain language, in `lang`, as plain text.

    The author's patient text and the toolkit's own sentences; not what the summary shows as
    written for doctors (the scientific summary, the criteria), nor text in another language.
    """
    from toolkit.parse.markdown_text import to_plain
    from toolkit.render.documents import DOCUMENTS

    patient = DOCUMENTS["summary"].build(data, lang).patient
    return "\n\n".join(to_plain(text.text) for text in patient.plain_text() if not text.original)
