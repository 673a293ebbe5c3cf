"""Markdown and plain text, derived from the rendered HTML so that every format says the same.

HTML -> Markdown is here; Markdown -> text is `toolkit.parse.markdown_text`, the one module
that turns Markdown into plain text.
"""

from __future__ import annotations

import re

from toolkit.parse.markdown_text import document_text as markdown_to_text  # noqa: F401  (the text format)


def html_to_markdown(html: str) -> str:
    from markdownify import markdownify  # only the Markdown and text formats need it

    body = re.search(r"<body[^>]*>(.*)</body>", html, re.S)
    body_html = re.sub(r'<div class="running-[a-z]+">.*?</div>', "", body.group(1) if body else html, flags=re.S)
    markdown = markdownify(body_html, heading_style="ATX", bullets="-", strip=["nav"])
    return re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n"
