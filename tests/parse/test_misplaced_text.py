"""Misplaced text read from real registry records."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from real_texts import documents as real_documents

from toolkit.parse import misplaced


@pytest.mark.parametrize("facility, expected", [
    ("Huang xiaoyong", "Huang xiaoyong"), ("William LoVerme, MD", "William LoVerme, MD"),
    ("Dr Mark Goldstein", "Dr Mark Goldstein"), ("Professor Peter McCulloch", "Professor Peter McCulloch"),
    ("Dr. H. Bliss Murphy Cancer Center", None), ("Nice, France", None), ("Jessa Ziekenhuis", None),
    ("Dr. Abdurrahman Yurtaslan Ankara Onkoloji Egitim ve Arastirma Hastanesi", None), ("Dr Pillay's Rooms", None),
    ("Zhongshan Hospital", None), ("Wuhan Union", None),
])
def test_person_name(facility, expected):
    assert misplaced.person_name(facility) == expected


@pytest.mark.parametrize("text, expected", [
    ("Subjects will also be remunerated with up to 100 dollars in gift certificates", "100 dollars"),
    ("Participants receive a $50 gift card per visit", "$50"),
    ("Group 1 will receive a single injection of cAd3-Marburg", None),
    ("The drug costs $5,000 per cycle in the United States.", None),
])
def test_payment(text, expected):
    assert misplaced.payment(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("in order to detect possible possible amelioration", "possible possible"),
    ("the the deposits", "the the"),
    ("shows potency in in vitro studies", None),
    ("Once/day Day 13", None),
    ("PCB/CCNU/VCR VCR Vincristine", None),
])
def test_doubled_word(text, expected):
    assert misplaced.doubled_word(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("... in determining the optimal biochemical definition of", "... in determining the optimal biochemical definition of"[-40:].lstrip()),
    ("A follow-up call is made at week 4.", None),
    ("short and", None),
])
def test_cut_off(text, expected):
    assert misplaced.cut_off(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("responders and non-responders. Results. Fasting blood glucose was significantly higher.", "Results"),
    ("Conclusion: TIGER will provide a roadmap of the location of tumours.", None),
    ("A previous study found that the score was significantly higher (p=0.03).", None),
])
def test_results_claim(text, expected):
    assert misplaced.results_claim(text) == expected


@pytest.mark.parametrize("acronym, conditions, expected", [
    ("ED", ["Erectile Dysfunction"], "Erectile Dysfunction"),
    ("COVID-19", ["Covid19"], "Covid19"),
    ("ICC", ["Intrahepatic Cholangiocarcinoma (ICC)"], "Intrahepatic Cholangiocarcinoma (ICC)"),
    ("TOPAZ-1", ["Biliary Tract Cancer"], None),
])
def test_acronym_condition(acronym, conditions, expected):
    assert misplaced.acronym_condition(acronym, conditions) == expected


# The first looks at a whole document (rules/misplaced.py) never hide a finding.
def _cut_off_as_first_written(text):
    stripped = text.rstrip()
    if len(stripped) < 20:
        return None
    match = misplaced._CUT.search(stripped, max(0, len(stripped) - 40))
    return stripped[-40:].lstrip() if match else None


def test_cut_off_and_money_answer_as_first_written_on_real_texts():
    texts = [text for texts in real_documents() for text in texts]
    texts += ["treatment with the combination of", "a long enough text ending in (", "and such as", "USD 5", "aUSD 5"]
    assert any(misplaced.cut_off(t) for t in texts) and any(misplaced._MONEY_CODES(t) for t in texts)
    assert [t for t in texts if misplaced.cut_off(t) != _cut_off_as_first_written(t)] == []
    assert [t for t in texts if bool(misplaced._MONEY_CODES(t)) != bool(misplaced._MONEY_SEARCHES[1][1](t))] == []
    joined = ["\x00".join(texts) for texts in real_documents()]
    assert [j for j in joined if misplaced.may_name_money(j) != bool(misplaced._MONEY.search(j))] == []


_MONEY_PIECES = st.sampled_from(["$", "€", "¥", "USD", "RMB", "元", "dollars", "Euro", "euros", "yuan", "Yuan", "50",
                                 "1,000", ".", " ", "\x00", "a", "neuro", "paid", "receive", "Results", ":", "Result",
                                 "Conclusions", "Findings", "\n", "will", "EUR", "CNY", "_", "x", "and", "of", "(", "including"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_MONEY_PIECES, max_size=12).map("".join))
def test_the_first_looks_agree_with_the_readers(text):
    assert misplaced.may_name_money(text) == bool(misplaced._MONEY.search(text))
    assert bool(misplaced._MONEY_CODES(text)) == bool(misplaced._MONEY_SEARCHES[1][1](text))
    assert misplaced.cut_off(text + " " * 20) == _cut_off_as_first_written(text + " " * 20)
    if not misplaced.may_report_results(text):
        assert misplaced.results_claim(text) is None


# The look for a doubled word in a whole document (texts joined by NUL) answers exactly as
# reading its texts one by one.
def _doubled_in_some(texts) -> bool:
    return any(misplaced.doubled_word(text) for text in texts)


def test_doubled_words_in_whole_documents():
    documents = [*real_documents(), ("the the deposits",), ("in in vitro", "Day day"), ("ok", "possible possible")]
    assert sum(_doubled_in_some(texts) for texts in documents) >= 3
    for texts in documents:
        assert misplaced.may_double_a_word("\x00".join(texts)) == _doubled_in_some(texts), texts


_WORD_PIECES = st.sampled_from(["the", "The", "THE", "in", "vitro", "vivo", "is", "ab", "a", " ", "\t", "\n", "-", "\x00",
                                "_", "1", "é", "(", "."])


@settings(max_examples=500, deadline=None)
@given(st.lists(st.lists(_WORD_PIECES, max_size=10).map("".join), max_size=4))
def test_the_look_at_a_whole_document_agrees_with_each_text(texts):
    texts = [text.replace("\x00", "") for text in texts]  # no text holds a NUL: it is the separator
    assert misplaced.may_double_a_word("\x00".join(texts)) == _doubled_in_some(texts)


def _person_name_as_first_written(facility):
    """person_name before it looked for an institution's word last (the same answer, slower)."""
    text = facility.strip()
    if misplaced._INSTITUTION.search(text):
        return None
    if misplaced._TITLE.search(text) and len(text.split()) <= 5:
        return text
    words = text.split()
    if len(words) == 2 and words[0].lower() in misplaced._SURNAMES and misplaced._PINYIN.match(words[1].lower()) \
            and re.search(r"[aeiou]", words[1]) and words[1].lower() not in misplaced._SURNAMES:
        return text
    return None


def test_person_name_answers_as_first_written_on_every_real_text():
    texts = [text for texts in real_documents() for text in texts]
    texts += ["Huang xiaoyong", "Dr. Jane Smith", "Dr. Smith Hospital", "Wang Li", "Li hospital", "John Doe, MD"]
    assert any(misplaced.person_name(text) for text in texts)
    assert [t for t in texts if misplaced.person_name(t) != _person_name_as_first_written(t)] == []


def _repeats_as_first_written(summary, title):
    said = re.findall(r"\w+", summary.lower())
    titled = set(re.findall(r"\w+", title.lower()))
    return bool(said) and len(said) <= len(titled) + 3 and sum(w not in titled for w in said) <= 2


def test_repeats_answers_as_first_written():
    documents = real_documents()
    pairs = [(texts[i], texts[j]) for texts in documents for i in range(min(len(texts), 12)) for j in range(min(len(texts), 12))]
    pairs += [("Trial of X in Y", "Trial of X in Y"), ("Trial of X in Y, a b c", "Trial of X in Y"), ("", "a"),
              ("Trial of X in Y a b c d", "Trial of X in Y")]
    assert any(misplaced.repeats(s, t) for s, t in pairs) and not all(misplaced.repeats(s, t) for s, t in pairs)
    assert [(s, t) for s, t in pairs if misplaced.repeats(s, t) != _repeats_as_first_written(s, t)] == []
