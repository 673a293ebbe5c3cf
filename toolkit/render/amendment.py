"""The ICH M11 amendment pieces: the "Amendment Details" block of the title page, and the
summary of changes (`protocol render --doc amendment --since REV`).

The table of changes is computed, not written: `protocol diff` between the file at REV and
now, one row per change, each in its M11 section, said in words ("Inclusion criterion 3
added: ..."). What only people know comes from `version.amendments`: the amendment's number,
date, scope, whether it is substantial, its rationale, and the brief rationale of changes
(`changes[].field` names a field or a part of the protocol; the most specific row naming a
change gives its rationale). The `version` part itself (number, date, the amendment records)
is the table's header, not a row.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from toolkit.diagnostics import dotted
from toolkit.document import m11
from toolkit.document.diff import ADDED, CHANGED, MOVED, REMOVED, Change, diff
from toolkit.document.walk import get
from toolkit.render import labels
from toolkit.render.model import Fact, Page, Text

SHOWN_CHARS = 300  # of a value quoted in a row; a criterion is rarely longer
# list items named by a field of theirs rather than by their number
ITEM_NAMES = {"arms": "label", "interventions": "name"}
# parts of the protocol that only group what is under them: their name adds nothing
GROUPS = {"eligibility", "endpoints", "objectives", "design"}
# enumerated fields: the label table (toolkit.render.labels) that says their values in words
ENUMERATED = {
    ("design", "study_type"): "study_type", ("design", "phases"): "phase", ("design", "allocation"): "allocation",
    ("design", "model"): "model", ("design", "purpose"): "purpose", ("design", "masking", "level"): "masking",
    ("design", "masking", "who"): "who", ("design", "enrollment", "type"): "enrollment_type",
    ("arms", "type"): "arm_type", ("interventions", "type"): "intervention_type", ("eligibility", "sex"): "sex",
    ("status", "overall"): "status",
}


@dataclass(frozen=True)
class AmendmentDetails:
    """The M11 "Amendment Details" block: a statement, then the current amendment's facts."""

    statement: str
    facts: list[Fact]
    rationale: Text


@dataclass(frozen=True)
class ChangeRow:
    section: str  # "5.2 Inclusion Criteria", in the document's language
    field: str  # where, as `protocol diff` says it
    change: str  # what changed, in words
    rationale: Text  # the author's, from version.amendments[].changes (empty when none names it)


@dataclass(frozen=True)
class AmendmentContext(Page):
    details: AmendmentDetails | None
    compared: list[Fact]
    rows: list[ChangeRow]
    nothing_changed: str


# --- the amendment record ---------------------------------------------------------------------

def _amendments(data: dict) -> list[dict]:
    found = get(data, "version", "amendments", default=[])
    return [a for a in found if isinstance(a, dict)] if isinstance(found, list) else []


def current(data: dict) -> dict | None:
    """The amendment that made this version: the one whose `version` is version.number; when
    no amendment says which version it made, the last one listed."""
    amendments = _amendments(data)
    number = get(data, "version", "number")
    if any("version" in a for a in amendments):
        return next((a for a in reversed(amendments) if str(a.get("version")) == str(number)), None)
    return amendments[-1] if amendments else None


def details(data: dict, lang: str, loc) -> AmendmentDetails | None:
    """The title page's Amendment Details, or None for a protocol that records no amendment."""
    amendments = _amendments(data)
    if not amendments:
        return None
    H, L = labels.HEADINGS[_lang(lang)], labels.for_language(lang)
    this = current(data)
    earlier = [a for a in amendments if a is not this]
    listed = H["list_separator"].join(_amendment_name(a, H) for a in earlier)
    if this is None:
        statement = H["amendment_none_for_version"].format(earlier=listed)
        return AmendmentDetails(statement, [], Text())
    statement = H["amendment_first"] if not earlier else H["amendment_earlier"].format(earlier=listed)
    facts = [Fact(H["amendment_number"], str(this["number"])),
             Fact(H["amendment_date"], str(this["date"]) if this.get("date") is not None else None),
             Fact(H["amendment_scope"], _scope(this, L)),
             Fact(H["amendment_substantial"], None if this.get("substantial") is None
                  else (L["yes"] if this["substantial"] else L["no"]))]
    return AmendmentDetails(statement, facts, loc.own(this.get("rationale")))


def _amendment_name(amendment: dict, H: dict) -> str:
    date = amendment.get("date")
    return H["amendment_item"].format(number=amendment["number"]) + (f" ({date})" if date is not None else "")


def _scope(amendment: dict, L: dict) -> str | None:
    scope = amendment.get("scope")
    if scope is None:
        return None
    words = L["amendment_scope"][scope]
    where = amendment.get("applies_to") or []
    return f"{words}: {', '.join(str(w) for w in where)}" if where and scope != "global" else words


def _lang(lang: str) -> str:
    return "zh" if lang == "zh" else "en"


# --- the table of changes -----------------------------------------------------------------------

def rows(old: dict, new: dict, lang: str, loc) -> list[ChangeRow]:
    """One row per change between `old` and `new` (the version part left out), in M11 order."""
    this = current(new) or {}
    reasons = [(str(r["field"]), str(r["rationale"])) for r in this.get("changes") or []
               if isinstance(r, dict) and r.get("field") and r.get("rationale")]
    found = []
    for order, change in enumerate(diff(old, new)):
        if change.path[:1] == ("version",):
            continue
        number, name = m11.section(change.path)
        field = dotted(change.path)
        found.append(((_section_key(number), order),
                      ChangeRow(_section_label(number, name, lang), field, describe(change, old, new, lang),
                                loc.own(_rationale(field, reasons) or None))))
    return [row for _, row in sorted(found, key=lambda item: item[0])]


def _section_key(number: str) -> tuple:
    """Title page first, then 1, 1.1, 1.1.2, 2 ... 10, 10.11 ...; fields with no M11 place last."""
    if not number:
        return (0,)
    return (1, *(int(part) for part in number.split(".")))


def _section_label(number: str, name: str, lang: str) -> str:
    if lang == "zh":
        name = labels.M11_SECTIONS_ZH[name]
    return f"{number} {name}" if number else name


def _rationale(field: str, reasons: list[tuple[str, str]]) -> str:
    """The rationale of the most specific row naming `field` or a part holding it."""
    best, best_length = "", -1
    for named, rationale in reasons:
        if (field == named or field.startswith(named + ".") or field.startswith(named + "[")) and len(named) > best_length:
            best, best_length = rationale, len(named)
    return best


# --- a change in words --------------------------------------------------------------------------

def describe(change: Change, old: dict, new: dict, lang: str) -> str:
    """"Inclusion criterion 3 added: “...”", "Primary endpoint 1 › time frame: “2 years” → “3 years”"."""
    H = labels.HEADINGS[_lang(lang)]
    if change.kind == MOVED:
        assert change.old_path is not None and change.new_path is not None
        text = H["change_moved"].format(old=name(change.old_path, old, lang), new=name(change.new_path, new, lang))
    elif change.kind == ADDED:
        assert change.new_path is not None
        field = name(change.new_path, new, lang)
        text = (H["change_added_named"].format(field=field) if _named_item(change.new_path, new) else
                H["change_added"].format(field=field, new=value(change.new_path, change.new, lang)))
    elif change.kind == REMOVED:
        assert change.old_path is not None
        field = name(change.old_path, old, lang)
        text = (H["change_removed_named"].format(field=field) if _named_item(change.old_path, old) else
                H["change_removed"].format(field=field, old=value(change.old_path, change.old, lang)))
    else:
        assert change.kind == CHANGED and change.new_path is not None and change.old_path is not None
        text = H["change_changed"].format(field=name(change.new_path, new, lang), old=value(change.old_path, change.old, lang),
                                          new=value(change.new_path, change.new, lang))
    return text[:1].upper() + text[1:]


def _named_item(path: tuple, data: dict) -> bool:
    """An arm or intervention its name already says (the name is the row's field): no value repeated."""
    return (len(path) == 2 and path[0] in ITEM_NAMES and isinstance(path[1], int)
            and bool(get(data, path[0], path[1], ITEM_NAMES[path[0]])))


def name(path: tuple, data: dict, lang: str) -> str:
    """A field in words: "inclusion criterion 3", "intervention “Capecitabine” › dosing 1 › dose"."""
    words = labels.for_language(lang)["field"]
    parts: list[str] = []
    for depth, part in enumerate(path):
        if isinstance(part, int):
            continue
        item = path[depth + 1] if depth + 1 < len(path) and isinstance(path[depth + 1], int) else None
        if part in GROUPS and depth == 0 and len(path) > 1:
            continue
        word = (words.get(f"{path[0]}_{part}") or (words.get(f"top_{part}") if depth == 0 else None)
                or words.get(part) or part.replace("_", " "))
        if item is None:
            parts.append(word)
        elif path[0] in ITEM_NAMES and depth == 0:
            label = get(data, part, item, ITEM_NAMES[path[0]])
            parts.append(words["item_named"].format(word=word, name=label) if label else
                         words["item"].format(word=word, number=item + 1))
        else:
            parts.append(words["item"].format(word=word, number=item + 1))
    return " › ".join(parts) if parts else words["document"]


def value(path: tuple, given, lang: str) -> str:
    """A value as a reader reads it: enumerations and yes/no in words, an item by its name."""
    L = labels.for_language(lang)
    keys = tuple(p for p in path if not isinstance(p, int))
    table = L.get(ENUMERATED.get(keys, ""), {})
    if isinstance(given, bool):
        text = L["yes"] if given else L["no"]
    elif isinstance(given, str):
        text = table.get(given, given)
    elif isinstance(given, list) and all(isinstance(v, str) for v in given):
        text = "; ".join(table.get(v, v) for v in given)
    elif isinstance(given, dict):
        named = next((given[k] for k in ("label", "name", "measure", "dose", "citation", "facility") if given.get(k)), None)
        text = str(named) if named is not None else json.dumps(given, ensure_ascii=False, default=str)
    else:
        text = json.dumps(given, ensure_ascii=False, default=str) if given is not None else ""
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) > SHOWN_CHARS:
        text = text[:SHOWN_CHARS - 1] + "…"
    return labels.HEADINGS[_lang(lang)]["quoted"].format(text=text)
