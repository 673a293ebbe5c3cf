"""Markdown to plain text with regular expressions only: cheap enough for `protocol validate`."""

from __future__ import annotations

import re
import textwrap

SAFE_SCHEMES = ("http://", "https://", "mailto:")


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
