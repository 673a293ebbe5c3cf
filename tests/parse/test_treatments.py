"""Treatments read out of arm descriptions: real texts from registry records and seed trials."""

from __future__ import annotations

import pytest

from toolkit.parse import treatments


def test_typed_treatments_as_pasted_from_a_registry_page():
    text = ("oxaliplatin 85mg/m2 via HAIC pump for 3 hours on day 1; Q3W Drug: Gemcitabine\n\n1g/m2 intravenously "
            "Drug: Lenvatinib 12 mg (or 8 mg) once daily (QD) oral dosing Drug: Toripalimab 240 mg iv.drip Q3W")
    assert [(t.typed, t.name) for t in treatments.typed_treatments(text)] == [
        ("Drug", "Gemcitabine"), ("Drug", "Lenvatinib"), ("Drug", "Toripalimab")]


@pytest.mark.parametrize("text, names", [
    ("plus oral calcium 500 mg daily", ["calcium"]),
    ("Patient will take 200mg of Hydroxychloroquine twice a day", ["Hydroxychloroquine"]),
    ("Patients will receive Tadalafil 5mg for 24 weeks daily", ["Tadalafil"]),
    ("Administer one tablet of Sildenafil Citrate 20 mg sublingually", ["Sildenafil Citrate"]),
    ("receive an I.M. injection of Lupron 3.75 mg", ["Lupron"]),
    ("a single combination tablet containing 5 mg tadalafil and 5 mg LY2452473", []),
    ("Cospherunate (50 mg Artesunate/125 mg Amodiaquine) 2 tablets twice daily", []),
    ("carboplatin at area under the curve 2mg/m2", []),
    ("N=14 subjects receive 2.5 mg TPN171H and 10 mg Placebo", []),
])
def test_dosed_drugs(text, names):
    assert [t.name for t in treatments.dosed_drugs(text)] == names


@pytest.mark.parametrize("name, texts, other_names, expected", [
    ("Extracorporeal Shockwave Therapy", ["Low intensity shock waves"], frozenset(), True),
    ("Hydroxychloroquine", ["Hydroxycloroquine and Azythromycine"], frozenset(), True),
    ("Viagra", ["Sildenafil Tablet"], frozenset({"sildenafil", "viagra"}), True),
    ("Tadalafil", ["Dornier Aries 2 (with sham applicator)"], frozenset({"tadalafil", "cialis"}), False),
])
def test_mentioned_in(name, texts, other_names, expected):
    assert treatments.mentioned_in(name, texts, other_names=other_names) is expected
