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
# Each form with the text every match of it contains: a whole document is searched form by
# form, and only for the forms whose text it holds (one search for all of them costs ten
# times as much: Python's re tries every alternative at every position).
_FORMS = (
    (("{{",), r"\{\{[^{}]*\}\}"),
    (("{",), r"\{[A-Z][A-Z0-9_]{2,}\}"),
    (("<",), r"<[A-Z][A-Z0-9_ ]{2,}>"),
    (("TODO", "TBD", "TBC", "FIXME", "XXX"), r"\b(?:TODO|TBD|TBC|FIXME|XXX)\b"),
    (("[",), rf"\[(?:[A-Z]+[ _])*(?:{_FIELDS})(?:[ _][A-Z]+)*\]"),
    (("%",), r"%[A-Z][A-Z0-9_]{2,}%"),
    (("orem ipsum",), r"\b[Ll]orem ipsum\b"),
    (("____",), r"[^\s_][ \t]*_{4,30}(?!_)|(?<!_)_{4,30}[ \t]*[^\s_]"),  # a blank in a line, not a line drawn across
)
PLACEHOLDER = re.compile("|".join(form for _needles, form in _FORMS))
_FORM_SEARCHES = tuple((needles, re.compile(form).search) for needles, form in _FORMS)
# How a long text (a whole document) is searched, form by form: first a one-character look (a
# memchr in C) where it rules a form out, then that form's own text.
_MARKER_WORD_SEARCH = _FORM_SEARCHES[3][1]


def _marker_word(text: str):
    """The marker words' form, looked for first as "TODO", "TB", "FIXME" and "XXX" (a capital
    F or X is rare enough to look for alone first, a capital T is not)."""
    if "TODO" in text or "TB" in text or ("F" in text and "FIXME" in text) or ("X" in text and "XXX" in text):
        return _MARKER_WORD_SEARCH(text)
    return None


_WHOLE_TEXT_SEARCHES = (
    (("{", "{{"), _FORM_SEARCHES[0][1]),
    (("{",), _FORM_SEARCHES[1][1]),
    (("<",), _FORM_SEARCHES[2][1]),
    ((), _marker_word),
    (("[",), _FORM_SEARCHES[4][1]),
    (("%",), _FORM_SEARCHES[5][1]),
    (("orem ipsum",), _FORM_SEARCHES[6][1]),
    (("_", "____"), _FORM_SEARCHES[7][1]),
)
# [insert date], [Add site], <phone>, <site name>: matched on lower-cased text
PLACEHOLDER_WORD = re.compile(r"\[(?:insert|add|enter|todo|tbd)\b[^\]]*\]"
                              rf"|<(?:{_FIELDS.lower()})(?:[ _-][a-z]+)*>")


def may_hold_placeholder(text: str) -> bool:
    """False when `text` (a text, or a whole document's texts joined) cannot hold a placeholder."""
    # Every placeholder above holds one of these marks: a text without any cannot hold one. Most
    # texts have none, and looking for them (in C) costs a tenth of running the patterns on every
    # text. Written out, not a loop: several rules call this for every text.
    return ("{" in text or "<" in text or "[" in text or "%" in text or "____" in text or "TODO" in text
            or "TBD" in text or "TBC" in text or "FIXME" in text or "XXX" in text or "orem ipsum" in text)


def placeholder_anywhere(text: str) -> bool:
    """`PLACEHOLDER.search(text)` is not None, found faster in a long text (a whole document)."""
    return any(search(text) for needles, search in _WHOLE_TEXT_SEARCHES if all(needle in text for needle in needles))


def none_in(joined: str) -> bool:
    """True when `has_placeholder` is False for every text of a document, `joined` being its
    texts joined by NUL: every match in one text is a match in the joined texts (NUL, like
    the end of a text, is neither a word character nor a mark), so one look at the whole
    document answers for hundreds of texts that, nearly always, hold none."""
    if not may_hold_placeholder(joined):
        return True
    if placeholder_anywhere(joined):
        return False
    # every PLACEHOLDER_WORD match starts with "[" or "<", which lower-casing neither makes nor changes
    return not (("[" in joined or "<" in joined) and PLACEHOLDER_WORD.search(joined.lower()))


def none_in_document(doc) -> bool:
    """`none_in` for a loaded Document, read once and shared by the rules that ask."""
    return doc.cached("no-placeholder", lambda doc: none_in(doc.joined))


def has_placeholder(text: str) -> bool:
    """Text not written yet: other rules leave it to TXT001."""
    if not may_hold_placeholder(text):
        return False
    return bool(placeholder(text) or PLACEHOLDER_WORD.search(text.lower()))


def placeholder(text: str) -> str | None:
    """The first template marker in `text` that is not an abbreviation being defined:
    "Tuberculosis (TBC)", "New York Heart Association {NYHA}" name what precedes them."""
    if not may_hold_placeholder(text):
        return None
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
