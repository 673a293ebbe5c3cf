"""Text not written yet: template markers and placeholder words.

TXT001 reports them; every other rule that reads free text leaves such text alone, so an
unfinished protocol gets one finding per placeholder and not a cascade.
"""

from __future__ import annotations

import re

# {{SITE_NAME}}, {SPONSOR}, <INVESTIGATOR NAME>, TODO / TBD / TBC / FIXME / XXX in capitals
# (Tbc is tuberculosis in a hospital's name).
PLACEHOLDER = re.compile(r"\{\{[^{}]*\}\}|\{[A-Z][A-Z0-9_]{2,}\}|<[A-Z][A-Z0-9_ ]{2,}>|\b(?:TODO|TBD|TBC|FIXME|XXX)\b")
# [insert date], [Add site], matched on lower-cased text
PLACEHOLDER_WORD = re.compile(r"\[(?:insert|add|enter|todo|tbd)\b[^\]]*\]")


def has_placeholder(text: str) -> bool:
    """Text not written yet: other rules leave it to TXT001."""
    return bool(placeholder(text) or PLACEHOLDER_WORD.search(text.lower()))


def placeholder(text: str) -> str | None:
    """The first template marker in `text` that is not an abbreviation being defined:
    "Tuberculosis (TBC)", "New York Heart Association {NYHA}" name what precedes them."""
    for match in PLACEHOLDER.finditer(text):
        if not _defines_abbreviation(text, match):
            return match.group(0)
    return None


def _defines_abbreviation(text: str, match: re.Match) -> bool:
    found = match.group(0)
    before, after = text[:match.start()], text[match.end():]
    if before.endswith("(") and after.startswith(")"):
        return True  # "Patients with active Tuberculosis (TBC)"
    letters = found.strip("{}<>")
    if not letters.isalpha():
        return False
    words = re.findall(r"[A-Za-z]+", before)[-len(letters):]
    return len(words) == len(letters) and "".join(w[0] for w in words).upper() == letters
