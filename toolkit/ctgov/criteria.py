"""Split a registry's eligibility criteria text into inclusion and exclusion items.

Real records write criteria as Markdown (`* item`, API v2), as indented `-  item` text
(legacy XML), as numbered lists, or as plain paragraphs, with or without the "Inclusion
Criteria:" / "Exclusion Criteria:" headings. Each top-level bullet becomes one item; wrapped
lines are joined; deeper bullets stay inside their item as a Markdown sub-list; a line that
introduces a group ("For adolescent participants:") is kept as the start of each item under it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_HEADING = re.compile(r"^\s*(?:key\s+)?(inclusion|exclusion)(?:\s+criteria)?\s*(?:\([^()]*\))?\s*:?\s*$", re.IGNORECASE)
_GENERIC_HEADING = re.compile(r"^\s*(eligibility\s+)?criteria\s*:?\s*$", re.IGNORECASE)
_BULLET = re.compile(r"^(\s*)(?:[*\-•·▪]|\d{1,2}[.)]|[a-z][.)])\s+(.*)$")


@dataclass
class Criteria:
    inclusion: list[str] = field(default_factory=list)
    exclusion: list[str] = field(default_factory=list)
    had_headings: bool = False


def split(text: str) -> Criteria:
    result = Criteria()
    sections: dict[str, list[str]] = {"inclusion": [], "exclusion": []}
    current = "inclusion"
    for line in text.replace("\r\n", "\n").split("\n"):
        if _GENERIC_HEADING.match(line):
            continue  # "Eligibility criteria:" says nothing an item needs
        heading = _HEADING.match(line)
        if heading:
            current = heading.group(1).lower()
            result.had_headings = True
            continue
        sections[current].append(line)
    result.inclusion = _items(sections["inclusion"])
    result.exclusion = _items(sections["exclusion"])
    return result


def _items(lines: list[str]) -> list[str]:
    bullets = [m for m in (_BULLET.match(line) for line in lines) if m]
    if not bullets:
        paragraphs = re.split(r"\n\s*\n", "\n".join(lines))
        return [_join(p.split("\n")) for p in paragraphs if p.strip()]
    top = min(len(m.group(1).expandtabs()) for m in bullets)
    # Legacy XML right-aligns its numbers (" 9." above "10."): items 1-9 start one column to the
    # right of item 10, but their text starts in the same column. A numbered bullet whose text
    # starts where a top-level item's text starts is a top-level item too.
    top_text = min(_text_column(m) for m in bullets if len(m.group(1).expandtabs()) == top)
    items: list[list[str]] = []
    group, group_used = "", True
    for line in lines:
        match = _BULLET.match(line)
        indent = len(line) - len(line.lstrip())
        if match and (len(match.group(1).expandtabs()) <= top
                      or (match.group(0).lstrip()[:1].isdigit() and _text_column(match) <= top_text)):
            items.append([group + match.group(2).strip()])
            group_used = True
        elif match and items:
            items[-1].append("\n- " + match.group(2).strip())  # a sub-item
        elif line.strip() and items and indent > top:
            items[-1].append(" " + line.strip())  # a wrapped line
        elif line.strip().endswith(":"):
            if not group_used:
                items.append([group.rstrip(": ")])
            group, group_used = line.strip().rstrip(":") + ": ", False  # introduces the items below
        elif line.strip():
            items.append([line.strip()])  # a paragraph of its own: never dropped
    if not group_used:
        items.append([group.rstrip(": ")])
    return [_tidy("".join(parts)) for parts in items if "".join(parts).strip()]


def _text_column(match) -> int:
    """The column where a bullet's text starts."""
    return len(match.string[: match.start(2)].expandtabs())


def _join(lines: list[str]) -> str:
    return _tidy(" ".join(line.strip() for line in lines if line.strip()))


def _tidy(text: str) -> str:
    text = re.sub(r"[ \t]+", " ", text).strip()
    return text.replace(" \n- ", "\n- ").replace(": \n- ", ":\n- ")
