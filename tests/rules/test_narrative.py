from __future__ import annotations

from helpers import findings

BASE = "schema_version: 1\nid: t\n"


def nar(body: str, code: str) -> list[int]:
    return [line for line, _ in findings(body, code, base=BASE)]


def test_nar001_title_phase_vs_phases():
    body = "title: {brief: A Phase III Randomized Trial of D2 Versus D3 Lymphadenectomy}\n" \
           "design: {study_type: interventional, phases: [na]}\n"
    assert nar(body, "NAR001") == [1]
    assert nar(body.replace("[na]", "[phase3]"), "NAR001") == []
    combined = "title: {brief: A Phase I/II Study of Drug X}\ndesign: {study_type: interventional, phases: [phase1, phase2]}\n"
    assert nar(combined, "NAR001") == []
    two_parts = "title: {brief: 'A Single-arm Phase I Study, Followed by a Randomized Phase III'}\n" \
                "design: {study_type: interventional, phases: [phase3]}\n"
    assert nar(two_parts, "NAR001") == []


def test_nar002_title_design_vs_design():
    body = "title: {brief: A Randomized Phase II Study of Thalidomide}\ndesign: {study_type: interventional, allocation: na}\n"
    assert nar(body, "NAR002") == [1]
    assert nar(body.replace("allocation: na", "allocation: randomized"), "NAR002") == []
    negated = "title: {brief: A Non-randomized Study of Thalidomide}\ndesign: {study_type: interventional, allocation: non_randomized}\n"
    assert nar(negated, "NAR002") == []
    blind = "title: {brief: A Double-blind Trial}\ndesign: {study_type: interventional, masking: {level: none}}\n"
    assert nar(blind, "NAR002") == [1]
    probe = "title: {brief: An Open-label Trial With Blinded End-point Assessment}\n" \
            "design: {study_type: interventional, masking: {level: double, who: [outcomes_assessor, investigator]}}\n"
    assert nar(probe, "NAR002") == []
    crossover = "title: {brief: A Crossover Study}\ndesign: {study_type: interventional, model: parallel}\n"
    assert nar(crossover, "NAR002") == [1]
    case_crossover = "title: {brief: A Case Crossover Study}\ndesign: {study_type: interventional, model: parallel}\n"
    assert nar(case_crossover, "NAR002") == []
