"""Markdown and plain text, derived from the rendered HTML so that every format says the same.

HTML -> Markdown is here; Markdown -> text is `toolkit.parse.markdown_text`, the one module
that turns Markdown into plain text.
"""

from __future__ import annotations

import functools
import re

from toolkit.diagnostics import printable
from toolkit.parse.markdown_text import document_text as markdown_to_text  # noqa: F401  (the text format)

# In text, what a Markdown renderer would read as markup: raw HTML and autolinks (<), links,
# images and reference definitions ([ ]), entities (&name;), emphasis, code, table cells and
# strikethrough; a backslash too, so that one in the text cannot cancel ours; a "!" ending a
# text node, which would make the link that follows it an image.
_MARKUP = re.compile(r"([\\`*_\[\]<|~]|&(?=#?[A-Za-z0-9]+;)|!$)")
_BACKTICK_RUN = re.compile(r"`+")
_LINE = re.compile(r"^(.*)", re.MULTILINE)
# Control characters (a YAML "\e" makes one) would drive the terminal that shows Markdown or
# text; they are written as escapes, as diagnostics write them. Newlines and tabs are layout.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def html_to_markdown(html: str) -> str:
    body = re.search(r"<body[^>]*>(.*)</body>", html, re.S)
    body_html = re.sub(r'<div class="running-[a-z]+">.*?</div>', "", body.group(1) if body else html, flags=re.S)
    markdown = _CONTROL.sub(lambda m: printable(m.group()), _converter().convert(body_html))
    return re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n"


@functools.lru_cache(maxsize=1)
def _converter():
    """HTML -> Markdown that a Markdown renderer shows as the HTML shows: protocol text stays
    text. The HTML escapes `<img onerror=...>`, `&#33;[x](http://...)` or a `javascript:` link
    the author wrote; markdownify would unescape them back into live markup, so every text node
    is escaped for Markdown, and code blocks get a fence longer than any inside them."""
    from markdownify import MarkdownConverter  # only the Markdown and text formats need it

    class SafeMarkdown(MarkdownConverter):
        def escape(self, text, parent_tags):
            return _MARKUP.sub(r"\\\1", text or "")

        def convert(self, html):
            self.positions: dict[int, int] = {}  # per document: ids of freed elements are reused
            return super().convert(html)

        def convert_li(self, el, text, parent_tags):
            """As markdownify numbers an <ol> item, without counting the items before it anew for
            each one (quadratic: 16,000 criteria took most of a minute)."""
            parent = el.parent
            text = (text or "").strip()
            if parent is None or parent.name != "ol" or not text:
                return super().convert_li(el, text, parent_tags)
            start = int(parent["start"]) if str(parent.get("start", "")).isnumeric() else 1
            bullet = f"{start + self._position(el)}. "
            indent = " " * len(bullet)
            text = _LINE.sub(lambda line: indent + line.group(1) if line.group(1) else "", text)
            return f"{bullet}{text[len(bullet):]}\n"

        def _position(self, el) -> int:
            if id(el) not in self.positions:
                for index, item in enumerate(el.parent.find_all("li", recursive=False)):
                    self.positions[id(item)] = index
            return self.positions[id(el)]

        def convert_pre(self, el, text, parent_tags):
            if not text:
                return ""
            fence = "`" * max(3, 1 + max((len(r) for r in _BACKTICK_RUN.findall(text)), default=0))
            return f"\n\n{fence}\n{text.strip(chr(10))}\n{fence}\n\n"

    return SafeMarkdown(heading_style="ATX", bullets="-", strip=["nav"])
