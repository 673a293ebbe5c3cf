"""TXT: text hygiene — placeholders, encoding damage, markup debris, empty text, spelling."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterator

from toolkit.diagnostics import Severity, dotted
from toolkit.document.model import Document
from toolkit.parse.placeholders import (
    PLACEHOLDER,
    PLACEHOLDER_WORD,
    none_in_document,
    placeholder,
    placeholder_anywhere,
)
from toolkit.rules._registry import Finding, rule

# {{NAME}}, {NAME}, <NAME>, [insert ...], TODO / TBD / XXX markers, as left by templates.
# The bracketed forms are case-sensitive ({SITE_NAME}, not {a: b}), and so are the marker
# words: templates write TODO and TBC in capitals, while "Tbc" in a Hungarian hospital's name
# is tuberculosis. Only "[insert ...]" is matched in any case.
# Characters that UTF-8 text read as Latin-1 / Windows-1252 is made of; only text containing
# one of them is handed to ftfy (whose import costs ~90 ms).
_MOJIBAKE_HINT = re.compile("[\u00c2-\u00c3\u00e2-\u00ef][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u2013-\u203a\u20ac\u2122]")
# \< \> \* \_ \[ \# and "1\." : backslashes left by a Markdown export
_ESCAPE_DEBRIS = re.compile(r"\\[<>*_\[\]#`|]|(?<=\d)\\\.")
_PAREN_ABBREVIATION = re.compile(r"\(([A-Z][a-z]{1,4})\)")
_INLINE_NUMBERING = re.compile(r"[;.][ \t]+\d{1,2}\\?\.[ \t]+[A-Z]")  # inline, not a list on its own lines
# An item that starts with its own list number and goes on with sibling items on their own
# lines: a numbered list merged into one item ("1. Regular use of CPAP\n- Physical ...").
_MERGED_LIST = re.compile(r"\A\s*\d{1,2}[.)][ \t]+\S[^\n]*(?:\n[ \t]*(?:[-*]|\d{1,2}[.)])[ \t]+\S[^\n]*){2,}")


def _hits(doc, pattern, needle: str | None = None, fold: bool = False, anywhere=None):
    """(path, text, found) for each text value `pattern` matches, scanning the whole document
    in one pass first: most protocols have no hits, and one search is cheaper than hundreds.
    `needle`, a substring every match contains, makes that first pass cheaper still; so does
    `anywhere`, a faster way to tell whether `pattern` matches the whole text; `fold`
    matches the lower-cased text and returns the matched part as the author wrote it."""
    joined = doc.joined.lower() if fold else doc.joined
    if (needle and needle not in joined) or not (anywhere or pattern.search)(joined):
        return
    for path, text in doc.strings:
        match = pattern.search(text.lower() if fold else text)
        if match:
            yield path, text, text[match.start():match.end()]


@rule("TXT001", "leftover-placeholder")
def leftover_placeholder(doc: Document) -> Iterator[Finding]:
    """Leftover template placeholder.

    ## What it checks
    Every text value for template markers that were never filled in: `{{SITE_NAME}}`,
    `{SITE_NAME}`, `<SITE NAME>`, `<phone>`, `[PHONE NUMBER]`, `%PHONE%`, `[insert dose]`,
    a blank to fill in (`____`), "Lorem ipsum", and the words TODO, TBD, TBC, FIXME, XXX
    in capitals (so "Tbc", tuberculosis in a hospital's name, is not one; nor is a single
    bracketed word such as a citation's "[NIH]"). An abbreviation defined where it stands is
    not a marker either: "Tuberculosis (TBC)", "New York Heart Association {NYHA}".
    The skeleton written by `protocol new` uses TODO markers, so this rule lists what is left
    to write.

    ## Why it matters
    A placeholder that reaches a patient is worse than a blank: seed trial NCT07063888's
    patient page told patients their details had been sent "to the research team at
    {{SITE_NAME}}".
    An error: a template marker that reaches a registry or a patient is wrong whenever it
    was written.

    ## Example
    ```yaml
    patient:
      contact: Call the research team at {{SITE_NAME}}.
    ```

    ## Use instead
    ```yaml
    patient:
      contact: Call the research team at Zhongshan Hospital.
    ```

    ## Fix
    Replace the placeholder with the real text, or remove the sentence.
    """
    seen = set()
    if none_in_document(doc):  # the usual case: every finding below needs a match in the whole document
        return
    marked = [(path, text, placeholder(text)) for path, text, _found in _hits(doc, PLACEHOLDER, anywhere=placeholder_anywhere)]
    for path, _text, found in [*(m for m in marked if m[2]), *_hits(doc, PLACEHOLDER_WORD, fold=True)]:
        if path not in seen:  # one finding per value
            seen.add(path)
            yield Finding(path, f'{dotted(path)}: leftover placeholder "{found}"; fill it in or remove it')


@rule("TXT002", "mojibake")
def mojibake(doc: Document) -> Iterator[Finding]:
    """Text damaged by a wrong character encoding (mojibake).

    ## What it checks
    Text that is UTF-8 decoded as Latin-1 or Windows-1252 somewhere on its way: "ï¼š" for
    "：", "Ã©" for "é", "â€™" for "’". The ftfy library confirms the damage and proposes the repair.

    ## Why it matters
    It reaches the registry and the patient summary as gibberish, most often in text pasted
    from Chinese documents.
    An error: damaged characters are wrong in any record.

    ## Example
    ```yaml
    title:
      brief: "... After Failure of First-line Treatmentï¼šan Open-label ..."
    ```

    ## Use instead
    ```yaml
    title:
      brief: "... After Failure of First-line Treatment: an Open-label ..."
    ```

    ## Fix
    Replace the damaged characters with what the message suggests (here "：" or ": ").
    """
    if doc.joined.isascii():  # a constant-time answer: every hint is a character beyond ASCII
        return
    for path, text, _found in _hits(doc, _MOJIBAKE_HINT):
        import ftfy  # only for text that looks damaged

        repaired = ftfy.fix_encoding(text)
        if repaired != text:
            bad, good = _first_difference(text, repaired)
            yield Finding(path, f'{dotted(path)}: encoding damage "{bad}" (mojibake); it should read "{good}"')


def _first_difference(damaged: str, repaired: str) -> tuple[str, str]:
    matcher = difflib.SequenceMatcher(None, damaged, repaired, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            return damaged[i1:i2], repaired[j1:j2]
    return damaged, repaired


@rule("TXT003", "markup-debris", Severity.WARNING)
def markup_debris(doc: Document) -> Iterator[Finding]:
    """Backslash escapes left over from a Markdown export.

    ## What it checks
    `\\<`, `\\>`, `\\*`, `\\_`, `\\[` and `1\\.` in text: escapes a registry export adds,
    which then show up literally.

    ## Why it matters
    Documents show "body weight \\<60kg" and "PT\\> 14s"; in a dose or a lab limit the stray
    backslash hides the comparison sign readers need.
    A warning: the backslash is debris rather than a wrong statement.

    ## Example
    ```yaml
    eligibility:
      inclusion:
        - Lenvatinib 8 mg (body weight \\<60kg)
    ```

    ## Use instead
    ```yaml
    eligibility:
      inclusion:
        - Lenvatinib 8 mg (body weight < 60 kg)
    ```

    ## Fix
    Remove the backslash: `body weight < 60 kg`.
    """
    for path, _text, found in _hits(doc, _ESCAPE_DEBRIS, needle="\\"):
        yield Finding(path, f'{dotted(path)}: markup debris "{found.strip()}"; remove the backslash')


@rule("TXT004", "empty-text", Severity.WARNING)
def empty_text(doc: Document) -> Iterator[Finding]:
    """A text field or section is empty.

    ## What it checks
    Text values that are empty or only white space.

    ## Why it matters
    An empty value renders as an empty section ("Detailed Description" with nothing under it)
    in every document, which reviewers flag as missing information.
    A warning: an empty section is missing information.

    ## Example
    ```yaml
    description: ""
    ```

    ## Use instead
    ```yaml
    description: A phase II trial of lenvatinib after surgery.
    ```

    ## Fix
    Write the text, or remove the key.
    """
    if not _EMPTY_TEXT.search("\x00" + doc.joined + "\x00"):  # one look at the whole document first
        return
    for path, text in doc.strings:
        if not text.strip():
            yield Finding(path, f"{dotted(path)} is empty; write it or remove the key")


# A text that is empty or only white space, between the NULs that join a document's texts
# (\s is what str.strip removes: both follow str.isspace).
_EMPTY_TEXT = re.compile(r"\x00\s*\x00")


@rule("TXT005", "inconsistent-spelling", Severity.WARNING)
def inconsistent_spelling(doc: Document) -> Iterator[Finding]:
    """A name is spelled differently in different places.

    ## What it checks
    Words that are one or two letters away from the name of a drug or biological used in the
    protocol ("Lenvatnib" and "Lenvatinib"; "Taxl" and "Taxol" for short names, one letter;
    the first two letters must agree), and abbreviations in parentheses written in capitals
    in one place and not in another ("(Icc)" and "ICC"). The rarer spelling is reported, with
    the usual one as the suggestion. Left alone: names an intervention declares as its own
    (its brand names and names in other languages in `other_names`: "Boniva" and "Bonviva"),
    French and German endings and y/i spellings of one name ("Azithromycine", "Gentamycin"),
    two different English words ("infection" is not "injection"), inflections
    ("questionnaire"/"questionnaires"), British and American spellings, and the names of
    people and places (references, sites, contacts).

    ## Why it matters
    Searches and readers treat the two spellings as different drugs or conditions; in a
    registry title a misspelt drug name hides the trial from people looking for it. A
    warning: a near miss is usually, not always, a typo.
    A warning: a near miss is usually, not always, a typo.

    ## Example
    ```yaml
    title:
      brief: Toripalimab Plus Lenvatnib in Advanced ICC
    interventions:
      - {id: lenvatinib, name: Lenvatinib, type: drug}
    ```

    ## Use instead
    ```yaml
    title:
      brief: Toripalimab Plus Lenvatinib in Advanced ICC
    interventions:
      - {id: lenvatinib, name: Lenvatinib, type: drug}
    ```

    ## Fix
    Use one spelling everywhere.
    """
    owners = _drug_names(doc)
    if not owners and not _PAREN_ABBREVIATION.search(doc.joined):
        return  # no drug's name and no abbreviation in parentheses, in the prose or anywhere else
    prose = _prose(doc)
    joined = "\x00".join([text for _, text in prose])
    suspects: dict[str, str] = {}
    abbreviations = set(_PAREN_ABBREVIATION.findall(joined))
    if abbreviations:
        suspects.update({f"({w})": w.upper() for w in abbreviations if _stands_alone(w.upper(), joined)})
    by_prefix: dict[str, list[str]] = {}
    for name in owners:
        by_prefix.setdefault(name[:2].lower(), []).append(name)
    if by_prefix:  # only words that could be near misses: five letters or more, a drug's first two
        starts = {a + b for start in by_prefix for a in (start[0], start[0].upper()) for b in (start[1], start[1].upper())}
        words = [word for word in _NAME_WORD.findall(joined) if word[:2] in starts]  # ASCII: four cases of two letters
        # counted in lower case; only the counts of such words are read (a drug's name has its own first two)
        counts = Counter(map(str.lower, words))
        for word in dict.fromkeys(words):  # in reading order: "Sildenafil" and "sildenafil" give one answer every run
            near = _misspelt(word, by_prefix[word[:2].lower()], owners)
            if near and not _english_words(word, near):
                rare, usual = _rarer(word, near, counts)
                if rare.lower() not in {shown.lower() for shown in suspects}:  # one finding per spelling, whatever its case
                    suspects[rare] = usual
    for shown, suggestion in sorted(suspects.items()):  # report each at its first place
        path = next((path for path, text in prose
                     if re.search(rf"(?<![A-Za-z]){re.escape(shown)}(?![A-Za-z])", text, re.IGNORECASE)), None)
        if path is not None:
            yield Finding(path, f'{dotted(path)}: "{shown}" is spelled "{suggestion}" elsewhere in this protocol')


_NAME_WORD = re.compile(r"\b[A-Za-z]{5,}\b")


def _stands_alone(word: str, text: str) -> bool:
    """`word` is in `text` as a word of its own (no letter, digit or "_" touches it): what
    `\b` around it means. Looked up with str.find, not by listing every word in capitals."""
    start = text.find(word)
    while start != -1:
        end = start + len(word)
        if (start == 0 or not _is_word(text[start - 1])) and (end == len(text) or not _is_word(text[end])):
            return True
        start = text.find(word, start + 1)
    return False


def _is_word(character: str) -> bool:
    return character.isalnum() or character == "_"  # what re's \w is, in any script


_NOT_PROSE_ROOTS = frozenset(("references", "locations", "contacts", "sponsor"))


def _prose(doc) -> list[tuple[tuple, str]]:
    """Text written about the trial, not ids, references to ids (an arm's list of interventions)
    or names of people and places. One comprehension, not a function call per text: a
    document has hundreds of texts."""
    return [(path, text) for root in doc.data if root not in _NOT_PROSE_ROOTS
            for path, text in doc.strings_under(root)
            if path[-1] != "id" and not (root == "arms" and len(path) >= 2 and path[-2] == "interventions")]


def _drug_names(doc) -> dict[str, set[int]]:
    """Each word of a drug's name or other names, with the interventions that declare it."""
    names: dict[str, set[int]] = {}
    for index, intervention in enumerate(doc.data.get("interventions", [])):
        if intervention["type"] in ("drug", "biological", "combination_product", "dietary_supplement"):
            for text in [intervention["name"], *intervention.get("other_names", [])]:
                for word in re.findall(r"[A-Za-z]{5,}", text):
                    names.setdefault(word, set()).add(index)
    return names


def _declared(word: str, name: str, owners: dict[str, set[int]]) -> bool:
    """Both words are names one intervention gives itself (a brand, another language)."""
    mine = {i for w, found in owners.items() if w.lower() == word.lower() for i in found}
    return bool(mine & owners.get(name, set()))


def _misspelt(word: str, names, owners) -> str | None:
    """The drug name `word` is a near miss of, if any (`names` share its first two letters)."""
    lower = word.lower()
    for name in names:
        other = name.lower()
        if abs(len(other) - len(lower)) > 2 or other == lower:
            continue
        if _variant(lower, other) or _declared(word, name, owners):
            continue
        if min(len(lower), len(other)) < 7:
            if _edits(lower, other) == 1:
                return name
            continue
        matcher = difflib.SequenceMatcher(None, lower, other)
        if matcher.real_quick_ratio() >= 0.88 and matcher.quick_ratio() >= 0.88 and matcher.ratio() >= 0.88:
            return name
    return None


def _edits(a: str, b: str) -> int:
    """Edit distance counting a swap of neighbours as one edit (optimal string alignment)."""
    previous2, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if previous2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]


def _variant(a: str, b: str) -> bool:
    """Inflections, British/American, French/German and y/i spellings of one word, not misspellings."""
    short, long_ = sorted((a, b), key=len)
    if long_.startswith(short[:-2]) and len(long_) - len(short[:-2]) <= 4:
        return True  # questionnaire(s), transplant(ed), clinical(ly)
    if long_ == short + "e":
        return True  # azithromycine, oxaliplatine: the French (and German) form
    differing = [{x, y} for x, y in zip(a, b, strict=False) if x != y] if len(a) == len(b) else []
    if len(differing) == 1 and differing[0] == {"i", "y"}:
        return True  # gentamycin / gentamicin, azacytidine / azacitidine

    def us(w):
        return w.replace("ae", "e").replace("oe", "e").replace("our", "or").replace("ise", "ize")
    return us(a) == us(b)


def _english_words(word: str, name: str) -> bool:
    """Both are English words ("infection", "injection"): different words, not one misspelt."""
    from spellchecker import SpellChecker  # only for the rare near misses

    known = _dictionary(SpellChecker).known([word.lower(), name.lower()])
    return len(known) == 2


_DICTIONARY: list = []


def _dictionary(factory):
    if not _DICTIONARY:
        _DICTIONARY.append(factory(distance=1))
    return _DICTIONARY[0]


def _rarer(word: str, name: str, counts: dict[str, int]) -> tuple[str, str]:
    """(the spelling to report, the usual one): a word the dictionary does not know against one it
    knows is the typo; otherwise the rarer is; a tie leaves the drug's name as usual."""
    from spellchecker import SpellChecker

    known = _dictionary(SpellChecker).known([word.lower(), name.lower()])
    if len(known) == 1:
        return (name, word) if word.lower() in known else (word, name)
    if counts.get(name.lower(), 0) < counts.get(word.lower(), 0):
        return name, word
    return word, name


@rule("TXT006", "criteria-run-together", Severity.WARNING)
def criteria_run_together(doc: Document) -> Iterator[Finding]:
    """Several eligibility criteria are written as one item.

    ## What it checks
    An inclusion or exclusion item that holds a run of inline-numbered criteria
    ("1. ...; 2. ...; 3. ..."), or that starts with its own list number and goes on with
    further items on their own lines (a numbered list merged into one item, as old imports of
    right-aligned legacy lists " 9." ... "10." produced).

    ## Why it matters
    Each criterion must be checkable and referable on its own (screening logs, deviations,
    the registry's bulleted list); run together, they cannot be.
    A warning: the criteria are all there, only not one per item.

    ## Example
    ```yaml
    eligibility:
      inclusion:
        - "1. Signed informed consent; 2. Age 18-75 years; 3. ECOG 0 or 1"
    ```

    ## Use instead
    ```yaml
    eligibility:
      inclusion:
        - Signed informed consent
        - Age 18-75 years
        - ECOG 0 or 1
    ```

    ## Fix
    One criterion per item.
    """
    for kind in ("inclusion", "exclusion"):
        for index, text in enumerate(doc.data.get("eligibility", {}).get(kind, [])):
            if not isinstance(text, str):
                continue
            found = _INLINE_NUMBERING.findall(text)
            if len(found) >= 2:
                yield Finding(("eligibility", kind, index),
                              f"{kind} criterion {index + 1} holds {len(found) + 1} numbered criteria; write one criterion per item")
            elif _MERGED_LIST.match(text):
                count = 1 + len(re.findall(r"\n[ \t]*(?:[-*]|\d{1,2}[.)])[ \t]", text))
                yield Finding(("eligibility", kind, index),
                              f"{kind} criterion {index + 1} starts with its own list number and holds {count} items "
                              "on their own lines; write one criterion per item")
