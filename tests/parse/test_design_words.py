"""Design words read from real registry titles."""

from __future__ import annotations

import pytest

from toolkit.parse.design_words import design_words, phases


@pytest.mark.parametrize("title, expected", [
    ("A Phase I/II, Open-Label Study to Evaluate", {"phase1", "phase2"}),
    ("An Open-Label Phase I/IIa Study", {"phase1", "phase2"}),
    ("A Phase 2b/3, Randomized, Double Blind", {"phase2", "phase3"}),
    ("Randomized, Double-Blind, Phase IIIb.", {"phase3"}),
    ("A Phase 0 Study", {"early_phase1"}),
    ("Single-arm Phase I Study, Followed by an Open-label Randomized Phase III", None),
    ("A Study of Drug X", None),
])
def test_phases(title, expected):
    assert phases(title) == expected


@pytest.mark.parametrize("title, kinds", [
    ("A Randomized, Double-blind, Placebo-controlled Study", {"randomized", "double_blind", "placebo_controlled"}),
    ("A Non-randomized, Open-label Study", {"non_randomized", "open_label"}),
    ("Prospective Case Crossover Study", {"prospective"}),
    ("A Three-way Cross-over Study", {"crossover"}),
])
def test_design_words(title, kinds):
    assert set(design_words(title)) == kinds
