"""`protocol criteria`: how the toolkit reads each eligibility criterion (ages and durations).

So that a finding about ages or time is never a mystery: for every inclusion and exclusion
item, the ages read in it (operator, value, unit, whether the limit is inclusive, and its
role: `bound`, a limit on the participants' age, or `condition`, an age that qualifies
another requirement) and the durations (in days).
"""

from __future__ import annotations

import json
from typing import TextIO

from toolkit.document.model import Document
from toolkit.parse.ages import ages
from toolkit.parse.durations import time_points

VERSION = 1
_SYMBOL = {">=": "≥", ">": ">", "<=": "≤", "<": "<"}


def read_criteria(document: Document) -> list[dict]:
    """One entry per eligibility criterion, in file order."""
    eligibility = document.data.get("eligibility")
    if not isinstance(eligibility, dict):
        return []
    entries = []
    for section in ("inclusion", "exclusion"):
        items = eligibility.get(section)
        if not isinstance(items, list):
            continue
        for index, text in enumerate(items):
            if isinstance(text, str):
                entries.append(_entry(document, section, index, text))
    return entries


def _entry(document: Document, section: str, index: int, text: str) -> dict:
    read = ages(text)
    age_words = [age.text for age in read]
    durations = [point for point in time_points(text) if not any(point.text in words for words in age_words)]
    return {
        "path": f"/eligibility/{section}/{index}",
        "line": document.position(("eligibility", section, index))[0],
        "text": text,
        "ages": [age.as_json() for age in read],
        "durations": [{"text": point.text, "days": _number(point.days)} for point in durations],
    }


def _number(days: float) -> float | int:
    rounded = round(days, 2)
    return int(rounded) if float(rounded).is_integer() else rounded


def write_json(_file: str, entries: list[dict], stream: TextIO) -> None:
    stream.write(json.dumps({"version": VERSION, "criteria": entries}, ensure_ascii=False, indent=2) + "\n")


def write_text(file: str, entries: list[dict], stream: TextIO) -> None:
    if not entries:
        stream.write(f"{file}: no eligibility criteria\n")
        return
    for entry in entries:
        stream.write(f"{file}:{entry['line']}: {entry['path']}\n    {_one_line(entry['text'])}\n")
        for age in entry["ages"]:
            stream.write(f"    age {_SYMBOL[age['operator']]} {age['value']:g} {age['unit']} ({age['role']}): "
                         f"\"{age['text']}\"\n")
        for duration in entry["durations"]:
            stream.write(f"    duration \"{duration['text']}\" = {duration['days']:g} days\n")


def _one_line(text: str, width: int = 100) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
