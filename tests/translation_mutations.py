"""Mutated translations: each changes one fact of a real (or realistic) translation.

Used by tests/rules/test_translation.py to measure how many mutations the TRN family catches
(recall) and how many of its findings are about the mutated fact (precision). The pairs are
the examples' real translations (NCT06261047's Chinese abstract) and the bilingual criteria in
tests/fixtures/translations/pairs.tsv.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from toolkit.document.load import load_file

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "tests" / "fixtures" / "translations" / "pairs.tsv"

# What each kind of mutation must be reported as.
OPERATOR_FLIPS = {"≥": "≤", "≤": "≥", ">": "<", "<": ">", "至少": "不超过", "不超过": "至少", "超过": "低于",
                  "低于": "超过", "最长": "至少", "at least": "at most", "no more than": "more than",
                  "less than": "more than", "up to": "at least", "older than": "younger than",
                  "minimum of": "maximum of"}
NEGATIONS_ZH = ("未", "无", "不得")
NEGATIONS_EN = ("not ", "No ", "Without ")
UNIT_SWAPS = {"个月": "周", "岁": "个月", "Gy": "mg", "mg": "g", "天": "周", "年": "个月", "%": "mg", "kg": "g",
              "cm": "mm", "例": "次", "months": "weeks", "years": "months", "days": "weeks"}


@dataclass(frozen=True)
class Mutant:
    original: str
    translation: str
    kind: str  # number, operator, negation, unit: what a finding must say
    note: str


def real_pairs() -> list[tuple[str, str]]:
    with PAIRS.open(encoding="utf-8") as handle:
        pairs = [(row["english"], row["chinese"]) for row in csv.DictReader(handle, delimiter="\t")]
    seed = load_file(str(ROOT / "protocols" / "NCT06261047.yaml")).document.data
    zh = seed["translations"]["zh"]
    return pairs + [(seed["summary"], zh["summary"]), (seed["description"], zh["description"])]


def _replace_at(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def _number_mutants(english: str, chinese: str):
    for match in re.finditer(r"(?<![A-Za-z0-9_.^])\d+(?:\.\d+)?", chinese):
        value = match.group(0)
        changed = str(int(value) + 1) if value.isdigit() else str(float(value) * 2)
        yield Mutant(english, _replace_at(chinese, match.start(), match.end(), changed), "number", f"{value}→{changed}")


def _operator_mutants(english: str, chinese: str):
    for side, text in (("zh", chinese), ("en", english)):
        for phrase, flipped in OPERATOR_FLIPS.items():
            if (side == "zh") != (not phrase.isascii() or phrase in "≥≤<>"):
                continue
            for match in re.finditer(re.escape(phrase), text):
                if phrase in "<>" and text[match.end():match.end() + 1] == "=":
                    continue
                if phrase == "超过" and text[max(0, match.start() - 1):match.start()] == "不":
                    continue  # part of 不超过, mutated as a whole
                if phrase == "more than" and text[max(0, match.start() - 3):match.start()] == "no ":
                    continue
                mutated = _replace_at(text, match.start(), match.end(), flipped)
                pair = (english, mutated) if side == "zh" else (mutated, chinese)
                yield Mutant(*pair, "operator", f"{side}: {phrase}→{flipped}")


def _negation_mutants(english: str, chinese: str):
    for word in NEGATIONS_ZH:
        for match in re.finditer(word, chinese):
            if chinese.startswith(("无进展", "未来", "无法"), match.start()):
                continue  # a term, not a negation (无法 is kept whole: dropping 无 leaves 法)
            yield Mutant(english, _replace_at(chinese, match.start(), match.end(), "" if word != "不得" else "须"),
                         "negation", f"zh: dropped {word}")
    for word in NEGATIONS_EN:
        for match in re.finditer(re.escape(word), english):
            yield Mutant(_replace_at(english, match.start(), match.end(), ""), chinese, "negation", f"en: dropped {word.strip()}")


def _unit_mutants(english: str, chinese: str):
    for side, text in (("zh", chinese), ("en", english)):
        for unit, other in UNIT_SWAPS.items():
            if side == "zh" and unit in ("months", "years", "days"):
                continue
            if side == "en" and unit not in ("months", "years", "days", "Gy", "mg", "%", "kg", "cm"):
                continue
            for match in re.finditer(r"(?<=\d)\s?" + re.escape(unit) + r"(?![A-Za-z/])", text):
                mutated = _replace_at(text, match.start(), match.end(), (" " if side == "en" else "") + other)
                pair = (english, mutated) if side == "zh" else (mutated, chinese)
                yield Mutant(*pair, "unit", f"{side}: {unit}→{other}")


def mutants() -> list[Mutant]:
    found = []
    for english, chinese in real_pairs():
        for make in (_number_mutants, _operator_mutants, _negation_mutants, _unit_mutants):
            found.extend(make(english, chinese))
    return found
