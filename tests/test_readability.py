"""Readability: the same Flesch-Kincaid grade as textstat, and the Chinese heuristic."""

from __future__ import annotations

import textstat
from conftest import PROTOCOLS

from toolkit.document.load import load_file
from toolkit.parse import readability

SAMPLES = [
    "This study tests a new medicine for liver cancer. You will take one pill each day. "
    "The doctors will check your blood every three weeks.",
    "This is a single-arm prospective phase II clinical trial to investigate the efficacy and safety of "
    "adjuvant concurrent chemoradiotherapy with simultaneous integrated boost following hepatectomy.",
]


def test_grade_equals_textstat():
    patient = readability.patient_text(load_file(str(PROTOCOLS / "NCT07063888.yaml")).document.data, "en")
    for text in SAMPLES + [patient]:
        assert abs(readability.english(text).score - textstat.flesch_kincaid_grade(text)) < 1e-9


def test_targets():
    easy, hard = (readability.english(text) for text in SAMPLES)
    assert easy.on_target and easy.score <= 8
    assert not hard.on_target and hard.score > 12
    assert "target 6-8" in hard.describe()


def test_chinese_heuristic():
    short = readability.chinese("我们研究一种新药。您每天吃一片药。医生每三周检查一次。")
    assert short.on_target and short.score < 10
    long_sentence = ("本试验的目的是评估放射治疗作为一种治疗选择的疗效和安全性"
                     "以延长一线全身治疗后寡进展性肝细胞癌患者的无进展生存期并延迟二线全身治疗的必要性。")
    long = readability.chinese(long_sentence * 2)
    assert not long.on_target and long.long_share == 1.0


def test_no_patient_text_is_not_measured():
    data = load_file(str(PROTOCOLS / "NCT04361331.yaml")).document.data
    assert readability.measure_patient(data, "en") is None
