"""Protocol text is Markdown; this turns it into safe HTML or plain text.

Raw HTML in protocol text is escaped (never passed through), images become their alt text
(a document must not fetch anything), and links keep only http, https and mailto targets.
"""

from __future__ import annotations

import functools
import re
import textwrap

from markdown_it import MarkdownIt
from markupsafe import Markup, escape

SAFE_SCHEMES = ("http://", "https://", "mailto:")


@functools.lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.validateLink = lambda url: url.strip().lower().startswith(SAFE_SCHEMES)
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


def to_plain(text: str | None, width: int = 88, indent: str = "") -> str:
    """Markdown -> plain text paragraphs, wrapped, lists as "- item"."""
    if not text:
        return ""
    lines = []
    for block in re.split(r"\n\s*\n", str(text).strip()):
        for line in _unmark(block).split("\n"):
            bullet = re.match(r"^(\s*)([-*+]|\d+[.)])\s+(.*)$", line)
            if bullet:
                lead = f"{indent}{bullet.group(1)}{'-' if not bullet.group(2)[0].isdigit() else bullet.group(2)} "
                lines.append(textwrap.fill(bullet.group(3), width, initial_indent=lead,
                                           subsequent_indent=" " * len(lead), break_long_words=False))
            elif line.strip():
                lines.append(textwrap.fill(line.strip(), width, initial_indent=indent, subsequent_indent=indent,
                                           break_long_words=False))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _unmark(text: str) -> str:
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)  # images: their alt text
    text = re.sub(r"\[([^\]]+)\]\(([^)]*)\)", lambda m: f"{m.group(1)} ({m.group(2)})"
                  if m.group(2).lower().startswith(SAFE_SCHEMES) else m.group(1), text)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?!\w)", r"\1", text)
    text = re.sub(r"`([^`]*)`", r"\1", text)
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!<>])", r"\1", text)
