"""Markdown and plain text, derived from the rendered HTML so that every format says the same."""

from __future__ import annotations

import re
import textwrap

WIDTH = 88


def html_to_markdown(html: str) -> str:
    from markdownify import markdownify  # only the Markdown and text formats need it

    body = re.search(r"<body[^>]*>(.*)</body>", html, re.S)
    body_html = re.sub(r'<div class="running-[a-z]+">.*?</div>', "", body.group(1) if body else html, flags=re.S)
    markdown = markdownify(body_html, heading_style="ATX", bullets="-", strip=["nav"])
    return re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n"


def markdown_to_text(markdown: str) -> str:
    """Plain text laid out like a registry page: underlined headings, "Label: value" facts."""
    out: list[tuple[str, str]] = []  # (kind, text); kind "fact" lines are kept together
    for line in markdown.split("\n"):
        heading = re.match(r"^(#{1,6})\s+(.*)$", line)
        if heading:
            title = _inline(heading.group(2))
            out.append(("text", ""))
            out.append(("text", title))
            if len(heading.group(1)) <= 2:
                out.append(("text", ("=" if len(heading.group(1)) == 1 else "-") * min(_width(title), WIDTH)))
        elif line.startswith(":   ") and out and out[-1][1].strip():
            label = out.pop()[1]
            fact = f"{label}: {_inline(line[4:])}"
            out.append(("fact", textwrap.fill(fact, WIDTH, subsequent_indent="    ", break_long_words=False)))
        elif line.startswith("|"):
            out.append(("text", _inline(line)))  # tables stay as they are: wrapping would break the columns
        else:
            out.append(("text", _wrap(_inline(line))))
    lines = []
    for index, (kind, text) in enumerate(out):
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
    lead = bullet.group(0) if bullet else re.match(r"^\s*", line).group(0)
    return textwrap.fill(line[len(lead):], WIDTH, initial_indent=lead, subsequent_indent=" " * len(lead),
                         break_long_words=False, break_on_hyphens=False)


def _inline(text: str) -> str:
    text = re.sub(r"\[([^\]]+)\]\((\S+?)\)", lambda m: m.group(1) if m.group(1) == m.group(2) else f"{m.group(1)} ({m.group(2)})", text)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!<>|])", r"\1", text)
