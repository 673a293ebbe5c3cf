"""Text not written yet: template markers and placeholder words.

TXT001 reports them; every other rule that reads free text leaves such text alone, so an
unfinished protocol gets one finding per placeholder and not a cascade.
"""

from __future__ import annotations

import re

# {{SITE_NAME}}, {SPONSOR}, <INVESTIGATOR NAME>, TODO / TBD / TBC / FIXME / XXX in capitals
# (Tbc is tuberculosis in a hospital's name); [PHONE NUMBER], [SITE] (a field templates leave:
# "[NIH]" or "[NCI CTCAE]" is a citation's or an abbreviation's), %PHONE%, a blank to fill in
# ("Name: ____", not a line of underscores drawn across), and the typesetters' Lorem ipsum.
_FIELDS = r"NAME|PHONE|EMAIL|E-MAIL|ADDRESS|DATE|SITE|SPONSOR|INVESTIGATOR|PI|NUMBER|CITY|COUNTRY|HOSPITAL|DOSE|TITLE"
PLACEHOLDER = re.compile(
    r"\{\{[^{}]*\}\}|\{[A-Z][A-Z0-9_]{2,}\}|<[A-Z][A-Z0-9_ ]{2,}>|\b(?:TODO|TBD|TBC|FIXME|XXX)\b"
    rf"|\[(?:[A-Z]+[ _])*(?:{_FIELDS})(?:[ _][A-Z]+)*\]|%[A-Z][A-Z0-9_]{{2,}}%|\b[Ll]orem ipsum\b"
    r"|[^\s_][ \t]*_{4,30}(?!_)|(?<!_)_{4,30}[ \t]*[^\s_]")  # a blank in a line, not a line drawn across
# [insert date], [Add site], <phone>, <site name>: matched on lower-cased text
PLACEHOLDER_WORD = re.compile(r"\[(?:insert|add|enter|todo|tbd)\b[^\]]*\]"
                              rf"|<(?:{_FIELDS.lower()})(?:[ _-][a-z]+)*>")


def has_placeholder(text: str) -> bool:
    """Text not written yet: other rules leave it to TXT001."""
    return bool(PLACEHOLDER.search(text) or PLACEHOLDER_WORD.search(text.lower()))
