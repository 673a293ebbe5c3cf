"""Markdown to plain text: the one module for it, with regular expressions only.

Cheap enough for `protocol validate` (readability is measured on plain text) and used by
`protocol render --format text`, which lays out the Markdown rendering of a document as a
registry-like page: underlined headings, "Label: value" facts, wrapped paragraphs and lists.
"""

from __future__ import annotations

import re
import textwrap

SAFE_SCHEMES = ("http://", "https://", "mailto:")
WIDTH = 88

_IMAGE = re.compile(r"(?<!\\)!\[([^\]]*)\]\([^)]*\)")  # an escaped \[ or \! is text, not markup
_LINK = re.compile(r"(?<!\\)\[([^\]]+)(?<!\\)\]\(([^)\s]*)\)")
_BOLD = re.compile(r"(\*\*|__)(.+?)\1")
_ITALIC = re.compile(r"(?<![\w*\\])\*(?!\s)(.+?)(?<![\s\\])\*(?!\w)")
_CODE = re.compile(r"`([^`]*)`")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|&~])")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_BULLET = re.compile(r"^(\s*)([-*+]|\d+[.)])\s+(.*)$")


def unmark(text: str) -> str:
    """Inline Markdown -> text: images as their alt text, links as "text (url)", no emphasis marks."""
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(_link, text)
    text = _BOLD.sub(r"\2", text)
    text = _ITALIC.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    return _ESCAPE.sub(r"\1", text)


def _link(match: re.Match) -> str:
    label, url = match.group(1), match.group(2)
    if _SCHEME.match(url) and not url.lower().startswith(SAFE_SCHEMES):
        return label  # javascript:, file:... : a target no document links to is not shown either
    return url if label == url else f"{label} ({url})"


def to_plain(text: str | None, width: int = WIDTH, indent: str = "") -> str:
    """Markdown -> plain text paragraphs, wrapped, lists as "- item"."""
    if not text:
        return ""
    lines = []
    for block in re.split(r"\n\s*\n", str(text).strip()):
        for line in unmark(block).split("\n"):
            bullet = _BULLET.match(line)
            if bullet:
                lead = f"{indent}{bullet.group(1)}{'-' if not bullet.group(2)[0].isdigit() else bullet.group(2)} "
                lines.append(textwrap.fill(bullet.group(3), width, initial_indent=lead,
                                           subsequent_indent=" " * len(lead), break_long_words=False))
            elif line.strip():
                lines.append(textwrap.fill(line.strip(), width, initial_indent=indent, subsequent_indent=indent,
                                           break_long_words=False))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def document_text(markdown: str) -> str:
    """A rendered document's Markdown laid out as plain text like a registry page."""
    out: list[tuple[str, str]] = []  # (kind, text); kind "fact" lines are kept together
    for line in markdown.split("\n"):
        heading = re.match(r"^(#{1,6})\s+(.*)$", line)
        if heading:
            title = unmark(heading.group(2))
            out.append(("text", ""))
            out.append(("text", title))
            if len(heading.group(1)) <= 2:
                out.append(("text", ("=" if len(heading.group(1)) == 1 else "-") * min(_width(title), WIDTH)))
        elif line.startswith(":   ") and out and out[-1][1].strip():
            label = out.pop()[1]
            fact = f"{label}: {unmark(line[4:])}"
            out.append(("fact", textwrap.fill(fact, WIDTH, subsequent_indent="    ", break_long_words=False)))
        elif line.startswith("|"):
            out.append(("text", unmark(line)))  # tables stay as they are: wrapping would break the columns
        else:
            out.append(("text", _wrap(unmark(line))))
    lines = []
    for index, (_kind, text) in enumerate(out):
        between_facts = (not text and 0 < index < len(out) - 1 and out[index - 1][0] == "fact"
                         and out[index + 1][0] == "fact")
        if not between_facts:
            lines.append(text)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def _width(text: str) -> int:
    """Columns the text takes in a terminal: Chinese characters take two."""
    from wcwidth import wcswidth

    return max(wcswidth(text), len(text) // 2)


def _wrap(line: str) -> str:
    if not line.strip():
        return ""
    bullet = re.match(r"^(\s*)([-*]|\d+\.)\s+", line)
    lead = bullet.group(0) if bullet else line[:len(line) - len(line.lstrip())]
    return textwrap.fill(line[len(lead):], WIDTH, initial_indent=lead, subsequent_indent=" " * len(lead),
                         break_long_words=False, break_on_hyphens=False)
