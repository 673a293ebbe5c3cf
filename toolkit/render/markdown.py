"""Protocol text is Markdown; this turns it into safe HTML or plain text.

Raw HTML in protocol text is escaped (never passed through), images become their alt text
(a document must not fetch anything), and links keep only http, https and mailto targets.
"""

from __future__ import annotations

import functools

from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from toolkit.parse.markdown_text import SAFE_SCHEMES, to_plain  # noqa: F401  (the `plain` filter)


@functools.lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    # markdown-it-py's documented way to restrict link targets is to replace this method
    md.validateLink = lambda url: url.strip().lower().startswith(SAFE_SCHEMES)  # type: ignore[method-assign]
    md.add_render_rule("image", lambda self, tokens, idx, options, env: str(escape(tokens[idx].content)))
    return md


def to_html(text: str | None) -> Markup:
    """Markdown -> HTML fragment, safe to put in a page as it is."""
    if not text:
        return Markup("")
    return Markup(_parser().render(str(text)))


def inline_html(text: str | None) -> Markup:
    """Markdown of one line (a criterion, a label) without the surrounding paragraph."""
    if not text:
        return Markup("")
    return Markup(_parser().renderInline(str(text)))
