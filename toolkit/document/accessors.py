"""Reading a protocol's plain data: the parts several modules need, each read in one place.

Every accessor returns plain data, and the path where it is where a finding may point at it,
so rules keep giving each finding its line and column.
"""

from __future__ import annotations

import re
from typing import Any

from toolkit.document.walk import get

Path = tuple[str | int, ...]

_AMOUNT_UNIT = re.compile(r"\s*(\d+(?:\.\d+)?)\s+(\S+)\s*")


def language(data: dict) -> str:
    """The language the protocol is written in (`language`, English when not given)."""
    return data.get("language") or "en"


def in_language(data: dict, lang: str) -> tuple[Path, dict]:
    """The text in `lang` and its path: the protocol itself in its own language, else its
    `translations.LANG` (an empty mapping when there is no such translation)."""
    if lang == language(data):
        return (), data
    translation = get(data, "translations", lang, default={})
    return ("translations", lang), translation if isinstance(translation, dict) else {}


def patient(data: dict, lang: str) -> tuple[Path, dict]:
    """The patient-facing block in `lang` and its path (`patient`, or `translations.LANG.patient`)."""
    base, source = in_language(data, lang)
    block = source.get("patient")
    return base + ("patient",), block if isinstance(block, dict) else {}


def patient_languages(data: dict) -> list[str]:
    """The languages that have a patient-facing block, the protocol's own first."""
    own = [language(data)] if patient(data, language(data))[1] else []
    translations = get(data, "translations", default={})
    others = sorted(lang for lang in translations if lang != language(data) and patient(data, lang)[1]) \
        if isinstance(translations, dict) else []
    return own + others


def amount_and_unit(text: Any) -> tuple[str, str] | None:
    """A schema age or duration split into its number and unit: "18 years" -> ("18", "years").

    None for a value that is not written that way (an ISO 8601 "P52W", or no value).
    """
    match = _AMOUNT_UNIT.fullmatch(str(text)) if text else None
    return (match.group(1), match.group(2)) if match else None


def ratio_parts(data: dict) -> list[int] | None:
    """`design.randomization.ratio` as numbers, "2:1" -> [2, 1]; None when there is none."""
    ratio = get(data, "design", "randomization", "ratio")
    if not ratio:
        return None
    parts = str(ratio).split(":")
    return [int(part) for part in parts] if all(part.strip().isdigit() for part in parts) else None
