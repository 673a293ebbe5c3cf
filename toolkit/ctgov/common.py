"""What the JSON and XML importers share: ids, dates, ages, text clean-up, the protocol builder."""

from __future__ import annotations

import datetime
import re

from toolkit.ctgov.criteria import split
from toolkit.diagnostics import printable
from toolkit.parse.dates import impossible

_MONTHS = {m.lower(): i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"], start=1)}


class ImportError_(ValueError):
    """The input is not a ClinicalTrials.gov record we can read; nothing is written."""


class Notes:
    """What the importer could not carry over, said once per kind."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, message: str) -> None:
        message = printable(message)  # it quotes record text, which reaches the terminal and the file
        if message not in self.items:
            self.items.append(message)


def slug(text: str, taken: set[str], fallback: str) -> str:
    """A unique schema id from free text: "Arm 1: Lenvatinib + GEMOX" -> "arm-1-lenvatinib-gemox"."""
    base = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:48].strip("-") or fallback
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def partial_date(text: str | None) -> str | None:
    """"2006-11", "2006-11-05", "November 5, 2006", "November 2006" -> ISO partial date."""
    if not text:
        return None
    text = text.strip()
    if re.fullmatch(r"[0-9]{4}(-(0[1-9]|1[0-2])(-[0-9]{2})?)?", text):
        return None if impossible(text) else text
    match = re.fullmatch(r"([A-Za-z]+)\s+(?:(\d{1,2}),\s*)?(\d{4})", text)
    if match and match.group(1).lower() in _MONTHS:
        month = _MONTHS[match.group(1).lower()]
        if match.group(2):
            try:
                return datetime.date(int(match.group(3)), month, int(match.group(2))).isoformat()
            except ValueError:
                return None
        return f"{match.group(3)}-{month:02d}"
    return None


def age(text: str | None) -> str | None:
    """"18 Years" -> "18 years"; "N/A" and absent -> None (no limit)."""
    if not text or text.strip().upper() in ("N/A", "NA", "NONE"):
        return None
    match = re.fullmatch(r"\s*(\d+)\s+([A-Za-z]+?)\s*", text)
    if not match:
        return None
    unit = match.group(2).lower()
    return f"{match.group(1)} {unit}" if unit.rstrip("s") in ("year", "month", "week", "day", "hour", "minute") else None


def no_age_limit(minimum: str | None, maximum: str | None) -> bool:
    """Both ages absent or "N/A": the registry's way of saying the trial has no age limit."""
    return all(not text or text.strip().upper() in ("N/A", "NA", "NONE") for text in (minimum, maximum))


_ESCAPED = re.compile(r"\\([<>=~^|.\[\]()*_#+!-])")


def clean(text: str | None) -> str | None:
    """Registry text as Markdown an author would write: escapes, indentation and wrapping removed.

    API v2 escapes Markdown characters ("\\<60kg"); legacy XML indents every line and wraps
    paragraphs at ~80 columns. Lists keep their lines; other paragraphs are joined.
    """
    if text is None:
        return None
    lines = [line.rstrip() for line in _ESCAPED.sub(r"\1", text).replace("\r\n", "\n").split("\n")]
    indent = min((len(line) - len(line.lstrip()) for line in lines if line.strip()), default=0)
    body = "\n".join(line[indent:] for line in lines).strip("\n")
    paragraphs = []
    for paragraph in re.split(r"\n\s*\n", body):
        rows = paragraph.split("\n")
        if any(re.match(r"\s*([-*•]|\d+[.)])\s", row) for row in rows):
            paragraphs.append(paragraph.strip("\n"))
        else:
            paragraphs.append(_unwrap([row.strip() for row in rows if row.strip()]))
    return "\n\n".join(p for p in paragraphs if p.strip()) or None


# Legacy XML wraps a textblock's lines at 93-94 characters (on the corpus, the lines it wrapped
# are 78-94 long, counted after the indentation). A line that stops well short of that,
# where the next word would have fitted, was ended by its author ("according to:", then one
# line per item); API v2 text and the XML's other elements are not wrapped at all.
_WRAP_WIDTH = 75


def _unwrap(rows: list[str]) -> str:
    """The rows of one paragraph joined where the registry wrapped them, kept where the author broke them."""
    text = rows[0] if rows else ""
    for before, row in zip(rows, rows[1:]):
        next_word = row.split(" ", 1)[0]
        wrapped = len(before) + 1 + len(next_word) > _WRAP_WIDTH
        text += (" " if wrapped else "\n") + row
    return text


def doi_in(citation: str) -> str | None:
    match = re.search(r"doi:\s*(10\.\d{4,9}/\S+?)\.?(?:\s|$)", citation, re.IGNORECASE)
    return match.group(1) if match else None


def eligibility_items(text: str | None, notes: Notes) -> dict:
    if not text:
        return {}
    parts = split(text)
    if not parts.had_headings and parts.inclusion:
        notes.add("eligibility criteria have no Inclusion/Exclusion headings: every item was imported "
                  "as an inclusion criterion; review them")
    out = {}
    if parts.inclusion:
        out["inclusion"] = [clean(i) for i in parts.inclusion]
    if parts.exclusion:
        out["exclusion"] = [clean(i) for i in parts.exclusion]
    return out


def prune(value):
    """Drop empty values so the YAML shows only what the record says."""
    if isinstance(value, dict):
        pruned = {k: prune(v) for k, v in value.items()}
        return {k: v for k, v in pruned.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [prune(v) for v in value if prune(v) not in (None, "", [], {})]
    return value
