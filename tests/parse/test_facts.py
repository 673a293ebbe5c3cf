"""Facts: the unnamed operator pattern (read first, for speed) finds exactly what the named one finds."""

from __future__ import annotations

import csv

from conftest import FIXTURES, PROTOCOLS
from hypothesis import given, settings
from hypothesis import strategies as st

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


_PIECES = st.sampled_from(["at least", "AT LEAST", "no more than", "not less than", "≥", ">", "<", "<=", "≤", ">=",
                           "under", "below", "up to", "aged over", "is above", "至少", "不超过", "以上", "为", " ",
                           "18", "3", "三", "years", "个月", "a", "x", "-", "，"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=10).map("".join))
def test_both_patterns_agree_on_any_text(text):
    assert _spans(facts._PREFIX_FIND, text) == _spans(facts._PREFIX_RE, text)
    assert facts.read(text).operators == _read_with_named_pattern(facts._plain(text))


def _read_with_named_pattern(text):
    from collections import Counter

    operators: Counter = Counter()
    for match in facts._PREFIX_RE.finditer(text):
        operators[facts._PREFIX_OPS[int((match.lastgroup or "g0")[1:])]] += 1
    for op, pattern in facts._SUFFIX_RE.items():
        operators[op] += len(pattern.findall(text))
    return +operators
