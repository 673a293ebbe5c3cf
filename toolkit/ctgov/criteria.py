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

# "Inclusion Criteria Stage 1", "Exclusion Criteria for Stage 1": the part of the study a
# heading is for follows it; the part becomes its items' title
_HEADING = re.compile(r"^\s*(?:key\s+)?(inclusion|exclusion)(?:\s+criteria)?"
                      r"(?:\s+(?:for\s+)?(?P<part>(?:stage|part|phase|cohort|step|period)\s*[0-9IVX]{1,3}))?"
                      r"\s*(?:\([^()]*\))?\s*:?\s*$", re.IGNORECASE)
# "-  INCLUSION CRITERIA:", "1) Inclusion Criteria": a heading written as a list item
_BULLETED_HEADING = re.compile(r"^\s*(?:[-*•]|\(?\d{1,2}[.)]|[A-Za-z][.)])\s+(?:key\s+)?(inclusion|exclusion)"
                               r"(?:\s+criteria)?\s*:?\s*$", re.IGNORECASE)
_TRAILING_HEADING = re.compile(r"\b(inclusion|exclusion)\s+criteria\s*:?\s*$", re.IGNORECASE)
_GENERIC_HEADING = re.compile(r"^\s*(eligibility\s+)?criteria\s*:?\s*$", re.IGNORECASE)
_BULLET = re.compile(r"^(\s*)(?:[*\-•·▪]|\d{1,2}[.)]|[a-z][.)])\s+(.*)$")


@dataclass
class Criteria:
    inclusion: list[str] = field(default_factory=list)
    exclusion: list[str] = field(default_factory=list)
    had_headings: bool = False


def split(text: str) -> Criteria:
    """Inclusion and exclusion items. A record whose criteria start over ("Inclusion criteria"
    again after "Exclusion criteria") describes a second part of the study (a sub-study, a
    procedure, a second randomisation): its items keep the part's title in front, as a group
    line does ("ULTRASOUND GUIDED BIOPSY: Age 18 years or older"), so that they are not read as
    the whole trial's."""
    result = Criteria()
    chunks: dict[str, list] = {"inclusion": [[None, []]], "exclusion": [[None, []]]}
    current, part, restarted = "inclusion", None, False
    lines = text.replace("\r\n", "\n").split("\n")
    bullets = [len(m.group(1).expandtabs()) for m in map(_BULLET.match, lines) if m]
    for line in lines:
        if _GENERIC_HEADING.match(line):
            continue  # "Eligibility criteria:" says nothing an item needs
        heading = _HEADING.match(line) or _BULLETED_HEADING.match(line) or \
            _trailing_heading(line, min(bullets, default=0))
        if heading:
            kind = heading.group(1).lower()
            if kind == "inclusion" and restarted:
                part = _part_title(chunks[current][-1][1], line[: heading.start(1)]) or part
            restarted = restarted or kind == "exclusion"
            named_part = heading.groupdict().get("part")
            if named_part:
                part = named_part[0].upper() + named_part[1:]
            current = kind
            if chunks[current][-1][0] != part:
                chunks[current].append([part, []])
            result.had_headings = True
            continue
        chunks[current][-1][1].append(line)
    result.inclusion = _part_items(chunks["inclusion"])
    result.exclusion = _part_items(chunks["exclusion"])
    return result


def _part_items(chunks: list) -> list[str]:
    return [f"{part}: {item}" if part else item for part, lines in chunks for item in _items(lines)]


def _part_title(before: list[str], lead: str) -> str | None:
    """The title of a part: the words in front of its heading, after the nearest short line
    before it that does not end a sentence (an introducing sentence may sit between them).
    The title line is removed from `before`."""
    words = [lead.strip(" -*:")] if lead.strip(" -*:") else []
    seen = 0
    for at in range(len(before) - 1, -1, -1):
        line = before[at].strip()
        if not line:
            continue
        seen += at + 1 == len(before) or not before[at + 1].strip()  # paragraphs, not lines
        if seen > 3 or _BULLET.match(before[at]):
            break
        alone = (at == 0 or not before[at - 1].strip()) and (at + 1 == len(before) or not before[at + 1].strip())
        if alone and not line.endswith((".", ":", ";", "?")) and len(line.split()) <= 16:
            words.insert(0, line)
            del before[at]
            break
    title = " ".join(words).strip()
    return title or None


def _trailing_heading(line: str, bullet_indent: int):
    """A heading that ends a line of prose, as multi-part legacy records write them:
    "Eligibility criteria for the secondary randomisation ... Inclusion criteria". Only at the
    left of the list (a line indented like an item's text is a wrapped line of that item)."""
    indent = len(line) - len(line.lstrip())
    if _BULLET.match(line) or indent > bullet_indent:
        return None
    return _TRAILING_HEADING.search(line)


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
