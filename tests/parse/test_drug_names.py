"""The shipped drug-name table is the drug-named-entity-recognition dictionary, and looking a
name up in it gives what that library's `find_drugs` gives (exact matching)."""

from __future__ import annotations

import random
import runpy

import pytest
from conftest import ROOT
from drug_named_entity_recognition import drugs_finder as finder  # a test dependency: `make test` installs it

from toolkit.parse import drug_names


def test_the_shipped_table_is_the_one_the_installed_dictionary_gives():
    build = runpy.run_path(str(ROOT / "scripts" / "build-drug-names"))
    import gzip

    assert gzip.decompress(drug_names.TABLE.read_bytes()) == build["table"]()


def _library(words: list[str]) -> frozenset[str]:
    found = finder.find_drugs(words, is_ignore_case=True, is_include_structure=False, is_use_omop_api=False)
    names: set[str] = set()
    for data, _start, _end in found:
        names.add((data.get("name") or data["matching_string"]).lower())
        names.update(str(s).lower() for s in data.get("synonyms") or [])
    return frozenset(names)


SEED_AND_CORPUS_NAMES = [
    ["Lenvatinib"], ["Toripalimab"], ["Gemcitabine"], ["Oxaliplatin"], ["Capecitabine"], ["Sildenafil", "Citrate"],
    ["oral", "calcium"], ["Hydroxychloroquine"], ["Keytruda"], ["not", "a", "drug"], ["Placebo"], ["Vitamin", "D3"],
]


@pytest.mark.parametrize("words", SEED_AND_CORPUS_NAMES, ids=" ".join)
def test_look_up_agrees_with_find_drugs(words):
    assert drug_names.names_of(words) == _library(words)


def test_look_up_agrees_with_find_drugs_on_a_sample_of_the_dictionary():
    variants = sorted(finder.drug_variant_to_canonical)
    sample = random.Random(7).sample(variants, 300)
    disagree = [v for v in sample if "\t" not in v and "\n" not in v
                and drug_names.names_of(v.split()) != _library(v.split())]
    assert disagree == []
