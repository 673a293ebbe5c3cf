"""Readers made faster for issue 15 answer exactly what the plain patterns answer, on every string
of the shipped registry records (imported), the example protocols and the as-published trials,
plus texts Unicode case folding treats specially ("ſ", "İ", "K" match "s", "i", "k")."""

from __future__ import annotations

import re

import pytest
from real_texts import documents

from toolkit.parse import allocation, durations, statements
from toolkit.parse.folded import FoldedSearch

TRICKY = [
    "ſix patients will be enrolled", "FİVE weeks", "Twelve weeKs", "a ſample ſize of 20", "ınfants",
    "Sample\u00a0size: 40", "We will enrol 30 patients.\nThey are seen. Then 3 more; 4 of them.", "两年。三个月；",
    "Results.  Next\n\nline? Yes! (maybe) “quoted”. 12 done", "", ".", "\n", "a. b", "A.\u2003B",
    "C6D1 to c2d8, Cycle 3 Day 8 (28-day cycles)", "Up to 12 Mounths", "2 Years (January 2019 to December 2020)",
    "In the 3 years before enrolment", "Weeks 4, 8, and 12", "Half a year; about a Month", "Randomized 2:1 (One-To-One)",
]


@pytest.fixture(scope="module")
def real_texts() -> list[str]:
    found = [text for texts in documents() for text in texts]
    assert len(found) > 5000
    return found + TRICKY


def _pieces(texts: list[str]) -> list[str]:
    """The texts and their sentences: readers are asked both."""
    return list(dict.fromkeys([*texts, *(s for text in texts for s in statements.sentences(text))]))


def test_sentences_split_as_the_lookbehind_pattern(real_texts):
    for text in real_texts:
        expected = tuple(s for s in (part.strip() for part in statements._SENTENCE.split(text)) if s)
        assert statements.sentences.__wrapped__(text) == expected, text


def test_count_words_test_is_the_pattern(real_texts):
    for text in _pieces(real_texts):
        assert statements._has_count_words(text) == bool(statements._COUNT_WORDS.search(text)), text


# every FoldedSearch of the readers, found by walking the modules (a new one is tested as it is added)
FOLDED = {f"{module.__name__}.{name}{f'[{key}]' if key else ''}": search
          for module in (allocation, durations, statements) for name, value in vars(module).items()
          for key, search in (value.items() if isinstance(value, dict) else [("", value)])
          if isinstance(search, FoldedSearch)}


def test_the_readers_fold_what_they_should():
    assert {"toolkit.parse.durations._F_AMOUNT_UNIT", "toolkit.parse.allocation._PER_GROUP",
            "toolkit.parse.statements._ONE_SEX[female]", "toolkit.parse.statements._MAY_STATE_ARMS"} <= set(FOLDED)


@pytest.mark.parametrize("name", sorted(FOLDED))
def test_folded_search_is_the_pattern(real_texts, name):
    search = FOLDED[name]
    for text in dict.fromkeys([*_pieces(real_texts), *map(durations.normalise, real_texts)]):
        expected = list(search.pattern.finditer(text))
        assert search(text) == bool(expected), text
        assert list(search.spans(text)) == [m.span() for m in expected], text
        assert search.first(text) == (expected[0].group(0) if expected else None), text
        found = list(search.finditer(text))
        assert [(m.span(), m.group(0), m.groups(), m.groupdict()) for m in found] == \
            [(m.span(), m.group(0), m.groups(), m.groupdict()) for m in expected], text
        for m, e in zip(found, expected):
            assert [m.span(g) for g in range(e.re.groups + 1)] == [e.span(g) for g in range(e.re.groups + 1)]
            assert m.group(0, *range(1, e.re.groups + 1)) == e.group(0, *range(1, e.re.groups + 1))


def test_ratio_pattern_checks_the_character_before_after_the_digit(real_texts):
    lookbehind_first = re.compile(r"(?<![\d.:/,])[1-9]\d?\s*[:：]\s*[1-9]\d?(?:\s*[:：]\s*[1-9]\d?)*(?![\d:.]\d)")
    for text in [*_pieces(real_texts), "1:1", "x1:2", ".1:2", "11:2", "a 2:1:1 ratio", "10:30", "3：1"]:
        assert [m.span() for m in allocation._NUMERIC.finditer(text)] == \
            [m.span() for m in lookbehind_first.finditer(text)], text


def test_words_a_folded_search_needs_are_tested_first():
    search = FoldedSearch(re.compile(r"\bgroups?\b", re.IGNORECASE), needs=("group",))
    assert search("Two GROUPS") and not search("two arms")
    assert search("两组 groups")  # not ASCII: the pattern itself
    assert list(search.spans("arms only")) == [] and search.first("Group B") == "Group"


def test_folded_search_refuses_what_it_cannot_fold():
    with pytest.raises(ValueError):
        FoldedSearch(re.compile(r"[A-Z]\w+", re.IGNORECASE))
    with pytest.raises(ValueError):
        FoldedSearch(re.compile(r"week"))
    assert FoldedSearch(re.compile(r"\bweek\b", re.IGNORECASE))("Week 4")
