"""Drug names: the generic and brand names of some 20,000 drugs, to tell a drug in free text.

The table (`drug_names.tsv.gz`, 0.6 MB) is the dictionary that the drug-named-entity-recognition
package ships (MIT licence, Fast Data Science; built from DrugBank, MeSH, Wikipedia and
MedlinePlus names), written out by `scripts/build-drug-names`. It is shipped here rather than
read through that package because importing the package builds its fuzzy-matching indexes
(4-5 s on this machine) where `protocol validate` needs exact look-ups only (0.1-0.3 s to read
the table, once per process, and only when a rule asks). `tests/parse/test_drug_names.py`
checks the table against the installed package and the look-up against its `find_drugs`.
"""

from __future__ import annotations

import functools
import gzip
from pathlib import Path

TABLE = Path(__file__).with_name("drug_names.tsv.gz")


@functools.lru_cache(maxsize=1)
def _table() -> tuple[list[list[str]], dict[str, list[int]]]:
    """(drugs: [display name, *names], name -> indexes of the drugs it names)."""
    drugs = [line.split("\t") for line in gzip.decompress(TABLE.read_bytes()).decode("utf-8").splitlines()]
    index: dict[str, list[int]] = {}
    for number, (_shown, *names) in enumerate(drugs):
        for name in names:
            index.setdefault(name, []).append(number)
    return drugs, index


TABLES = (_table,)  # for rules to declare (see rules._registry.Rule.tables)


def drugs_in(words: list[str]) -> list[list[str]]:
    """The drugs `words` name, matched as drug-named-entity-recognition's `find_drugs` does
    without fuzzy matching: two neighbouring words first ("sildenafil citrate"), then each word
    not already part of a match; letter case aside."""
    drugs, index = _table()
    found: list[int] = []
    taken: set[int] = set()
    for at in range(len(words) - 1):
        pair = f"{words[at]} {words[at + 1]}".lower()
        if pair in index:
            found.extend(index[pair])
            taken.update((at, at + 1))
    for at, word in enumerate(words):
        if at not in taken and word.lower() in index:
            found.extend(index[word.lower()])
    return [drugs[number] for number in found]


def names_of(words: list[str]) -> frozenset[str]:
    """Every name (lower-cased) of every drug `words` name; empty when they name none."""
    return frozenset(name.lower() for drug in drugs_in(words) for name in drug)
