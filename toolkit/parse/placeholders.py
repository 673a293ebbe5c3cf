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
    return bool(PLACEHOLDER.search(text) or PLACEHOLDER_WORD.search(text.lower()))
