"""TRN: translations state the original's facts."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import PROTOCOLS
from helpers import findings, lines

from toolkit.document.load import load_file
from toolkit.engine import check_document
from toolkit.parse.facts import compare, read

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from translation_mutations import mutants, real_pairs  # noqa: E402


def zh(original: str, translated: str, key: str = "summary") -> str:
    return f"{key}: {original}\ntranslations:\n  zh:\n    {key}: {translated}\n"


def criteria(kind: str, original: list[str], translated: list[str]) -> str:
    return (f"eligibility:\n  {kind}: {original}\ntranslations:\n  zh:\n    eligibility:\n"
            f"      {kind}: {translated}\n")


def test_trn001_numbers():
    assert lines(zh("The trial will enrol 36 patients.", "本试验将纳入35例患者。"), "TRN001") == [4]
    assert lines(zh("The trial will enrol 36 patients.", "本试验将纳入36例患者。"), "TRN001") == []


def test_trn001_units():
    ((_, message),) = findings(zh("Stable for 3 months.", "病情稳定3周。"), "TRN001")
    assert "3 month" in message and "3 week" in message


def test_trn001_numbers_in_words_with_a_unit():
    assert lines(zh("Follow-up lasts three months.", "随访3个月。"), "TRN001") == []
    assert lines(zh("Follow-up lasts three months.", "随访两个月。"), "TRN001") == [4]
    assert lines(zh("Second-line therapy in two cohorts.", "二线治疗，两个队列。"), "TRN001") == []


def test_trn002_operators():
    body = criteria("inclusion", ["Age at least 18 years"], ["年龄不超过18岁"])
    assert lines(body, "TRN002") == [6]
    assert lines(criteria("inclusion", ["Age at least 18 years"], ["年龄至少18岁"]), "TRN002") == []
    assert lines(criteria("inclusion", ["Age 18 years or older"], ["年龄18岁以上"]), "TRN002") == []
    assert lines(criteria("inclusion", ["Bilirubin no more than 1.5 times ULN"], ["胆红素不超过正常值上限的1.5倍"]),
                 "TRN002") == []


def test_trn003_negations():
    body = criteria("exclusion", ["Patients who have not received chemotherapy"], ["接受过化疗的患者"])
    assert lines(body, "TRN003") == [6]
    assert lines(criteria("exclusion", ["Patients who have not received chemotherapy"], ["未接受过化疗的患者"]),
                 "TRN003") == []


def test_trn003_terms_are_not_negations():
    assert lines(zh("Progression-free survival and adverse events in non-small cell lung cancer.",
                    "非小细胞肺癌的无进展生存期和不良事件。"), "TRN003") == []


def test_trn004_items_missing():
    body = criteria("inclusion", ["Age 18 years or older", "ECOG 0-1"], ["年龄18岁及以上"])
    assert lines(body, "TRN004") == [6]
    assert lines(criteria("inclusion", ["Age 18 years or older", "ECOG 0-1"], ["年龄18岁及以上", "ECOG评分0-1分"]),
                 "TRN004") == []


def test_the_seed_abstract_states_the_same_facts_in_both_languages():
    data = load_file(str(PROTOCOLS / "NCT06261047.yaml")).document.data
    english, chinese = read(data["description"]), read(data["translations"]["zh"]["description"])
    for quantity in [(36.0, "people"), (3.0, "month"), (60.0, "Gy")]:
        assert english.quantities[quantity] == chinese.quantities[quantity] == 1, quantity
    assert english.numbers[10.0] == chinese.numbers[10.0] == 1  # α/β = 10
    assert english.operators == chinese.operators == {"≥": 2}  # "a minimum of 3 months", "at least 60 Gy"
    assert compare(data["description"], data["translations"]["zh"]["description"]) == []


def test_no_finding_on_the_examples_real_translations():
    for path in sorted(PROTOCOLS.glob("*.yaml")):
        document = load_file(str(path)).document
        assert [d for d in check_document(document) if d.rule.startswith("TRN")] == [], path.name


def test_mutated_translations_are_caught():
    """Recall and precision on mutated pairs: numbers, operators, negations and units changed one at a time."""
    found = mutants()
    assert len(found) >= 100
    caught = [m for m in found if m.kind in {d.kind for d in compare(m.original, m.translation)}]
    assert len(caught) / len(found) >= 0.95, [m.note for m in found if m not in caught]
    unrelated = [(m.note, d) for m in found for d in compare(m.original, m.translation) if d.kind != m.kind]
    assert not unrelated, "every finding on a mutant is about the mutated fact"
    assert [pair for pair in real_pairs() if compare(*pair)] == [], "no finding on the real translations"
