"""Facts: the unnamed operator pattern (read first, for speed) finds exactly what the named one finds."""

from __future__ import annotations

import csv
import re

from conftest import FIXTURES, PROTOCOLS
from hypothesis import given, settings
from hypothesis import strategies as st
from real_texts import documents as real_documents

from toolkit.document.load import load_file
from toolkit.document.walk import strings
from toolkit.parse import facts


def _spans(pattern, text):
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def _texts() -> list[str]:
    with (FIXTURES / "translations" / "pairs.tsv").open(encoding="utf-8") as rows:
        found = [text for row in csv.reader(rows, delimiter="\t") for text in row]
    for path in PROTOCOLS.glob("*.yaml"):
        found += [text for _, text in strings(load_file(str(path)).document.data)]
    return [facts._plain(text) for text in found]


def test_both_patterns_find_the_same_operators_in_real_texts():
    texts = _texts()
    assert sum(bool(facts._PREFIX_RE.search(t)) for t in texts) > 50  # the comparison means something
    assert [t for t in texts if _spans(facts._PREFIX_FIND, t) != _spans(facts._PREFIX_RE, t)] == []
    assert [t for t in texts if _spans(facts._PREFIX_FAST, t) != _spans(facts._PREFIX_RE, t)] == []


_PIECES = st.sampled_from(["a minimum of", "Maximum of", "aged over", "age above", "İs over", "are above", "be over",
                           "older than", "ıs above", "xat least", "<>", "≤>", ">=", "1",
                           "at least", "AT LEAST", "no more than", "not less than", "≥", ">", "<", "<=", "≤", ">=",
                           "under", "below", "up to", "aged over", "is above", "至少", "不超过", "以上", "为", " ",
                           "18", "3", "三", "years", "个月", "a", "x", "-", "，"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=10).map("".join))
def test_both_patterns_agree_on_any_text(text):
    assert _spans(facts._PREFIX_FIND, text) == _spans(facts._PREFIX_RE, text)
    assert _spans(facts._PREFIX_FAST, text) == _spans(facts._PREFIX_RE, text)
    assert facts.read(text).operators == _read_with_named_pattern(facts._plain(text))


def _read_with_named_pattern(text):
    from collections import Counter

    operators: Counter = Counter()
    for match in facts._PREFIX_RE.finditer(text):
        operators[facts._PREFIX_OPS[int((match.lastgroup or "g0")[1:])]] += 1
    for op, pattern in facts._SUFFIX_RE.items():
        operators[op] += len(pattern.findall(text))
    return +operators


# The readers as first written (one pattern each, slower); the faster ones must find the same.
_OLD_NUMBER = re.compile(r"(?<![A-Za-z0-9_.])(\d+(?:[.,]\d+)*(?:\.\d+)?)")
_OLD_TERMS = re.compile(
    r"[\w-]*-free\b|\bfree of\b|\bnon-?(?:small|hodgkin|invasive|inferior|steroidal|muscle|alcoholic)\w*|"
    r"无进展|无(?:病|复发|事件|远处转移|转移|失败|瘤)生存|不限|不良|非小细胞|非霍奇金|非甾体|非劣|无创|无菌|非肌层|非酒精|"
    r"未来|非常|无论|不同|不断|不仅|不适|不全|不明|不稳定|不规则|不可切除|无法切除|不能切除|不能手术|未经治疗|未治疗|未控制|未经控制|未知|未分化|非典型|"
    r"不少于|不低于|不小于|不超过|不多于|不高于|不大于|不足|不到|未满|"
    r"\bno (?:less|more|fewer) than\b|\bnot (?:less|more) than\b|\bno (?:younger|older) than\b|\bnot (?:younger|older) than\b",
    re.IGNORECASE)


def _old_plain(text: str) -> str:
    text = text.translate({code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)})
    return re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)


def _same_as_first_written(text: str) -> bool:
    return (facts._plain(text) == _old_plain(text)
            and [m.span(1) for m in facts._NUMBER.finditer(text)] == [m.span(1) for m in _OLD_NUMBER.finditer(text)]
            and facts._without_terms(text) == _OLD_TERMS.sub(" ", text)
            and facts._negations(text) == len(facts._NEGATION.findall(text))
            and [(m.span(), m.groups()) for m in facts._EN_NUMBER_FAST.finditer(text)]
            == [(m.span(), m.groups()) for m in facts._EN_NUMBER.finditer(text)])


def test_the_readers_find_what_they_first_found_in_real_texts():
    texts = _texts() + [text for texts in real_documents() for text in texts]
    assert sum(bool(_OLD_TERMS.search(t)) for t in texts) > 20 and sum(bool(_OLD_NUMBER.search(t)) for t in texts) > 50
    assert sum(bool(facts._NEGATION.search(t)) for t in texts) > 50 and any("," in t for t in texts)
    assert sum(bool(facts._EN_NUMBER.search(t)) for t in texts) > 5
    assert [t for t in texts if not _same_as_first_written(t)] == []


_FACT_PIECES = st.sampled_from(["1", "2", "1,000", ",", ".", "5.5", "a", "A", "_", " ", "\n", "-", "-free", "free of",
                                "Non-small", "non", "no", "NO", "not", "n't", "N'T", "cannot", "unable", "without",
                                "never", "x", "three", "Six", "ſix", "sixty", "twenty-one", "ten", " months", " weeks",
                                " cycles", "不", "无", "没有", "无进展", "不超过", "非小细胞", "１８", "，", "é", "ſ"])


@settings(max_examples=500, deadline=None)
@given(st.lists(_FACT_PIECES, max_size=12).map("".join))
def test_the_readers_find_what_they_first_found_in_any_text(text):
    assert _same_as_first_written(text)


def test_the_letters_the_fast_patterns_spell_out_have_no_other_case_blind_match():
    # The fast patterns write [fF], [nN], ... for a case-blind f, n, ...: that holds only if no
    # other character matches them case-blind (as "ſ" matches "s").
    found = {chr(c) for c in range(0x110000) if re.fullmatch("[fnwcutoeh]", chr(c), re.IGNORECASE)}
    assert found == set("fnwcutoehFNWCUTOEH")
    assert {chr(c) for c in range(0x110000) if re.fullmatch("s", chr(c), re.IGNORECASE)} == set(facts._case_blind("s"))
    assert {word[0] for word in facts._EN_WORDS} <= set("fnwcutoehs")
    assert {chr(c) for c in range(0x110000) if re.fullmatch("i", chr(c), re.IGNORECASE)} == set(facts._case_blind("i"))
    firsts = {first for phrase in facts._PHRASE_STARTS.values() for first, _ in phrase}
    firsts |= {p[0] for group in facts._OPERATORS.values() for p in group if p not in facts._PHRASE_STARTS}
    letters = {c for c in firsts if c.isascii() and c.isalpha()}
    assert letters and letters <= set("fnwcutoehsiagbmly")
    found = {chr(c) for c in range(0x110000) if re.fullmatch("[agbmly]", chr(c), re.IGNORECASE)}
    assert found == set("agbmlyAGBMLY")
    assert all(not c.isalpha() or not c.isascii() or c in letters for c in firsts)
