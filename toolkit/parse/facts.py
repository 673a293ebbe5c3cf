"""The facts a sentence states, read so that a text and its translation can be compared.

English and Chinese: numbers with their units (time units come from `durations.UNIT_OF`, so
"3 months" and "3个月" agree; doses, percentages, lengths and counts of people are read
here), comparison operators ("at least", "≥", "至少", "以上", "不超过"...) and negations
("not", "no", "without", "不", "无", "非", "未", "没有").

Words whose negation is part of a term, not a statement, are not negations: "progression-free
survival" / "无进展生存期", "adverse" / "不良", "non-small cell" / "非小细胞", "unresectable" /
"不可切除", "future" / "未来", "different" / "不同" (Chinese writes with a negation character
many words English writes without one). Operator
phrases that contain a negation ("no more than", "不超过") count as operators only.

Numbers written in words are read only when a unit follows ("three months", "三个月"), so
"first-line" / "一线" and "two cohorts" are not counted; Roman numerals ("phase II", "II期")
are not numbers here.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from toolkit.parse.durations import UNIT_OF

# Units beyond time: (words, unit class). Longest alternatives are tried first.
_OTHER_UNITS = {
    "Gy": ("gy", "cgy", "戈瑞"),
    "mg/m2": ("mg/m2", "mg/m²", "mg/㎡"),
    "mg/kg": ("mg/kg",),
    "mg": ("mg", "毫克"),
    "g": ("g", "克"),
    "μg": ("μg", "ug", "mcg", "微克"),
    "ml": ("ml", "毫升"),
    "%": ("%", "％", "percent", "per cent"),
    "cm": ("cm", "厘米"),
    "mm": ("mm", "毫米"),
    "kg": ("kg", "公斤", "千克"),
    "people": ("patients", "patient", "participants", "participant", "people", "persons", "subjects", "cases",
               "例", "名", "位", "人"),
    "cycle": ("cycles", "cycle", "周期", "个周期", "疗程", "个疗程"),
    "fraction": ("fractions", "fraction", "次分割", "分次"),
    "time": ("times", "次"),
}
_TIME_UNITS = {word.lower(): unit for word, unit in UNIT_OF.items() if len(word) > 1 or not word.isascii()}
UNITS = {**_TIME_UNITS, **{w.lower(): unit for unit, words in _OTHER_UNITS.items() for w in words}}
_UNIT_RE = "|".join(sorted((re.escape(w) for w in UNITS), key=len, reverse=True))

# Not after a letter, a digit, "_" or ".": looked behind for after the first digit, so that
# Python's re skips ahead to digits instead of trying every position.
_NUMBER = re.compile(r"(\d(?<![A-Za-z0-9_.]\d)\d*(?:[.,]\d+)*(?:\.\d+)?)")
_AFTER_UNIT = re.compile(r"\s*-?\s*(?:years?\s+old\b|(" + _UNIT_RE + r"))(?![a-z])", re.IGNORECASE)
_CN_DIGITS = "零一二两三四五六七八九十百千"
# Chinese numerals only before a time unit, 例 or a cycle: "一线" (first-line), "一次" (once),
# "一名患者" (a patient) are not counts an English text would write as a number.
_CN_UNIT_RE = "|".join(sorted([w for w in UNITS if not w.isascii() and UNITS[w] not in ("time", "people")] + ["例"],
                              key=len, reverse=True))
_CN_NUMBER = re.compile(rf"([{_CN_DIGITS}]+)\s*(?=(?:{_CN_UNIT_RE}))")
_EN_WORDS = ("one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty "
             "forty fifty sixty hundred").split()
_EN_NUMBER = re.compile(r"\b(" + "|".join(_EN_WORDS) + r")(?:[\s-]+(" + "|".join(_EN_WORDS) + r"))?\s+(?=(?:"
                        + _UNIT_RE + r")\b)", re.IGNORECASE)
# Case-blind, "s" also matches "ſ" (long s) and "i" the Turkish "İ" and "ı"; the other first
# letters of these words and phrases match only
# themselves in either case (tests/parse/test_facts.py checks both).
_CASE_BLIND = {"s": "sSſ", "i": "iIİı"}


def _case_blind(letter: str) -> str:
    return _CASE_BLIND.get(letter, letter + letter.upper())


def _words_found_from_their_first_letter(words) -> str:
    """`\b(?:w1|w2...)` (case-blind) written so that Python's re skips ahead to the letters the
    words start with instead of trying every position: the first letter is matched from an
    uncased set, `\b` becomes a lookbehind after it, and each word goes on from its own letter,
    in the same order."""
    letters = "".join(dict.fromkeys("".join(_case_blind(word[0]) for word in words)))
    rest = "|".join(f"(?<=[{_case_blind(word[0])}]){word[1:]}" for word in words)
    return rf"[{letters}](?<!\w.)(?i:{rest})"


# _EN_NUMBER, the same matches and groups, found that way
_EN_NUMBER_FAST = re.compile("(" + _words_found_from_their_first_letter(_EN_WORDS) + r")(?i:(?:[\s-]+("
                             + "|".join(_EN_WORDS) + r"))?\s+(?=(?:" + _UNIT_RE + r")\b))")

# Comparison operators, by meaning. Chinese phrases may be followed by a few characters
# ("至少有3个月", "至少为60 Gy"); English ones come right before the number; suffix forms
# ("18 years or older", "18岁以上") right after the number and its unit.
_OPERATORS = {
    "≥": [r"≥", r">=", r"at least", r"no less than", r"not less than", r"(?:a )?minimum of", r"no fewer than",
          r"greater than or equal to", r"至少", r"不少于", r"不低于", r"不小于", r"最少", r"年满"],
    ">": [r"(?<![<≤])>(?!=)", r"more than", r"greater than", r"(?:aged?|is|are|be) (?:over|above)", r"exceeding",
          r"older than",
          r"超过", r"大于", r"高于", r"多于", r"超出"],
    "≤": [r"≤", r"<=", r"at most", r"no more than", r"not more than", r"(?:a )?maximum of", r"up to",
          r"less than or equal to", r"不超过", r"不多于", r"不高于", r"不大于", r"至多", r"最多", r"最长"],
    "<": [r"(?<![>≥])<(?!=)", r"less than", r"fewer than", r"under", r"below", r"younger than",
          r"小于", r"低于", r"少于", r"不足", r"未满", r"不到"],
}
_SUFFIX_OPERATORS = {"≥": [r"or (?:more|older|greater|above|longer)", r"and (?:above|older|over)", r"(?:及)?以上"],
                     "≤": [r"or (?:less|younger|fewer|below|shorter)", r"and (?:below|younger|under)", r"(?:及)?以下",
                           r"以内"]}
_UNIT_OR_NOTHING = r"(?:\s*(?:" + _UNIT_RE + r"|years?\s+old))?"


# up to 8 characters between a Chinese operator and its number ("不超过正常值上限的1.5倍")
_AFTER_PREFIX = rf"(?![A-Za-z])(?:[\s为是有达]{{0,3}}|[^\x00-\x7f\d，。；、]{{0,8}})(?=[\d{_CN_DIGITS}])"


def _prefix_pattern(named: bool = True) -> tuple[re.Pattern, list[str]]:
    """One pattern for every prefix operator, longest phrases first: "no more than" is ≤, not >.
    Named: each phrase is a group named by its index, which says the operator."""
    phrases = sorted(((phrase, op) for op, group in _OPERATORS.items() for phrase in group),
                     key=lambda item: len(item[0]), reverse=True)
    alternatives = "|".join((f"(?P<g{index}>{phrase})" if named else phrase) for index, (phrase, _) in enumerate(phrases))
    pattern = re.compile(rf"(?<![A-Za-z])(?:{alternatives}){_AFTER_PREFIX}", re.IGNORECASE)
    return pattern, [op for _, op in phrases]


# The phrases that start with regex syntax, as plain alternatives in the same order: (first
# character, the rest). A lookbehind before the first character becomes one over it.
_PHRASE_STARTS = {
    r"(?:a )?minimum of": [("a", " minimum of"), ("m", "inimum of")],
    r"(?:a )?maximum of": [("a", " maximum of"), ("m", "aximum of")],
    r"(?<![<≤])>(?!=)": [(">", "(?<![<≤]>)(?!=)")],
    r"(?<![>≥])<(?!=)": [("<", "(?<![>≥]<)(?!=)")],
    r"(?:aged?|is|are|be) (?:over|above)": [("a", "ged (?:over|above)"), ("a", "ge (?:over|above)"),
                                             ("i", "s (?:over|above)"), ("a", "re (?:over|above)"),
                                             ("b", "e (?:over|above)")],
}


def _prefix_fast() -> re.Pattern:
    """The unnamed prefix pattern, found from the first character of its phrases (see
    `_words_found_from_their_first_letter`): the same matches, each phrase in the same order."""
    phrases = sorted((phrase for group in _OPERATORS.values() for phrase in group), key=len, reverse=True)
    starts = [start for phrase in phrases for start in _PHRASE_STARTS.get(phrase, [(phrase[0], phrase[1:])])]
    firsts = "".join(dict.fromkeys("".join(_case_blind(first) for first, _ in starts)))
    rest = "|".join(f"(?<=[{_case_blind(first)}]){after}" for first, after in starts)
    return re.compile(rf"[{firsts}](?i:(?<![A-Za-z].)(?:{rest}){_AFTER_PREFIX})")


_PREFIX_RE, _PREFIX_OPS = _prefix_pattern()
# The same matches found four times faster: a group around each of 60 alternatives makes Python's
# re enter each of them at every position; the named pattern then only runs where one matched.
_PREFIX_FIND, _ = _prefix_pattern(named=False)
# And faster again from the phrases' first characters: what read() uses.
_PREFIX_FAST = _prefix_fast()
_SUFFIX_RE = {op: re.compile(rf"\d(?:\.\d+)?{_UNIT_OR_NOTHING}\s*(?:{'|'.join(phrases)})", re.IGNORECASE)
              for op, phrases in _SUFFIX_OPERATORS.items()}

# Negations. Terms that carry a negation without stating one are removed first, on both sides.
_TERMS_ENGLISH = (r"free of\b", r"non-?(?:small|hodgkin|invasive|inferior|steroidal|muscle|alcoholic)\w*",
                  r"no (?:less|more|fewer) than\b", r"not (?:less|more) than\b", r"no (?:younger|older) than\b",
                  r"not (?:younger|older) than\b")
_TERMS_CHINESE = (r"无进展|无(?:病|复发|事件|远处转移|转移|失败|瘤)生存|不限|不良|非小细胞|非霍奇金|非甾体|非劣|无创|无菌|非肌层|非酒精|"
                  r"未来|非常|无论|不同|不断|不仅|不适|不全|不明|不稳定|不规则|不可切除|无法切除|不能切除|不能手术|未经治疗|未治疗|未控制|未经控制|未知|未分化|非典型|"
                  r"不少于|不低于|不小于|不超过|不多于|不高于|不大于|不足|不到|未满")
_TERMS = re.compile(r"[\w-]*-free\b|" + "|".join(rf"\b{term}" for term in _TERMS_ENGLISH[:2]) + "|" + _TERMS_CHINESE + "|"
                    + "|".join(rf"\b{term}" for term in _TERMS_ENGLISH[2:]), re.IGNORECASE)
# The same terms found in two passes, for the texts without "-free" (nearly all): `[\w-]*`, a
# `\b` or a case-blind letter first makes Python's re try the pattern at every position of a
# text, while a first character from a set of uncased ones lets it skip to the candidates.
# English first: a term's `\w*` may run on into Chinese characters, which it then takes;
# Chinese terms are made of Chinese characters only, so no English term starts inside one.
# `\b` before the first letter is the lookbehind after it: no word character precedes it.
# (Only f/F and n/N match f and n case-blind: tests/parse/test_facts.py checks it.)
_FREE = re.compile(r"-free", re.IGNORECASE)
_TERMS_ENGLISH_FAST = re.compile(r"[fFnN](?<!\w.)(?i:(?<=[fF])" + _TERMS_ENGLISH[0][1:] + "|(?<=[nN])(?:"
                                 + "|".join(term[1:] for term in _TERMS_ENGLISH[1:]) + "))")
_TERMS_CHINESE_FAST = re.compile(_TERMS_CHINESE, re.IGNORECASE)


def _without_terms(text: str) -> str:
    """`text` with every term replaced by a space, as `_TERMS.sub(" ", text)`."""
    if _FREE.search(text):
        return _TERMS.sub(" ", text)
    return _TERMS_CHINESE_FAST.sub(" ", _TERMS_ENGLISH_FAST.sub(" ", text))


_NEGATION = re.compile(r"\b(?:not|no|without|never|none|cannot|neither|nor|unable)\b|n't|不|无|非|未|没有|否", re.IGNORECASE)
# Its three parts, counted apart, which no two matches share (the words end in no "n"; the
# Chinese are Chinese), each starting with uncased characters Python's re can skip ahead to.
# Case-blind, n, w, c, u and t match only themselves in either case (tests/parse/test_facts.py).
_NEGATION_WORDS = re.compile(r"[nNwWcCuU](?<!\w.)(?i:(?<=[nN])(?:ot|o|ever|one|either|or)|(?<=[wW])ithout"
                             r"|(?<=[cC])annot|(?<=[uU])nable)\b")
_NEGATION_CONTRACTED = re.compile(r"[nN]'[tT]")
_NEGATION_CHINESE = re.compile(r"不|无|非|未|没有|否")


def _negations(text: str) -> int:
    """How many times `_NEGATION` matches `text`."""
    return (len(_NEGATION_WORDS.findall(text)) + len(_NEGATION_CONTRACTED.findall(text))
            + len(_NEGATION_CHINESE.findall(text)))


@dataclass(frozen=True)
class Facts:
    numbers: Counter  # value -> count
    quantities: Counter  # (value, unit) -> count, where a unit follows the number
    operators: Counter  # "≥", ">", "≤", "<" -> count
    negations: int


def read(text: str | None) -> Facts:
    """The numbers, quantities, operators and negations a text states."""
    text = _plain(text or "")
    numbers: Counter = Counter()
    quantities: Counter = Counter()
    for value, unit in _quantities(text):
        numbers[value] += 1
        if unit:
            quantities[(value, unit)] += 1
    operators: Counter = Counter()
    for found in _PREFIX_FAST.finditer(text):
        match = _PREFIX_RE.match(text, found.start())  # the same match, with the group that names its operator
        operators[_PREFIX_OPS[int((match.lastgroup if match and match.lastgroup else "g0")[1:])]] += 1
    for op, pattern in _SUFFIX_RE.items():
        operators[op] += len(pattern.findall(text))
    negations = _negations(_without_terms(text))
    return Facts(numbers, quantities, +operators, negations)


_FULL_WIDTH = re.compile("[\uff01-\uff5e]")
_AS_ASCII = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
# The digit before a thousands separator is matched and put back rather than looked behind for:
# a pattern that starts with a lookbehind is tried at every position of the text.
_THOUSANDS = re.compile(r"(\d),(?=\d{3}\b)")


def _plain(text: str) -> str:
    """Full-width forms as ASCII ("１８", "＞", "：") and no thousands separators."""
    if _FULL_WIDTH.search(text):  # translating looks up every character: only when there is one to change
        text = text.translate(_AS_ASCII)
    return _THOUSANDS.sub(r"\1", text) if "," in text else text


def _quantities(text: str):
    for match in _NUMBER.finditer(text):
        if _part_of_identifier(text, match):
            continue
        unit = _AFTER_UNIT.match(text, match.end())
        yield _value(match.group(1)), _unit_of(unit)
    for match in _CN_NUMBER.finditer(text):
        value = _chinese_number(match.group(1))
        if value is not None:
            yield value, _unit_of(_AFTER_UNIT.match(text, match.end()))
    for match in _EN_NUMBER_FAST.finditer(text):
        value = _english_number(match.group(0).strip())
        if value is not None:
            yield value, _unit_of(_AFTER_UNIT.match(text, match.end()))


def _unit_of(match) -> str | None:
    if not match:
        return None
    word = match.group(1)
    return UNITS.get(word.lower()) if word else "year"


def _part_of_identifier(text: str, match) -> bool:
    """"NCT04361331", "ISRCTN...", "α/β = 10" are fine; "A5-B7" (a score name), "CD8" are not counts."""
    before = text[max(0, match.start() - 1):match.start()]
    return bool(before) and before.isascii() and before.isalpha()


def _value(text: str) -> float:
    return float(text.replace(",", ""))


def _chinese_number(text: str) -> float | None:
    import cn2an

    try:
        return float(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, TypeError):
        return None


def _english_number(text: str) -> float | None:
    from text_to_num import text2num

    try:
        return float(text2num(text.lower().replace("-", " "), "en"))
    except ValueError:
        return None


@dataclass(frozen=True)
class Difference:
    kind: str  # "number", "unit", "operator", "negation"
    original: str
    translation: str


def compare(original: str | None, translation: str | None) -> list[Difference]:
    """What the translation states differently from the original."""
    a, b = read(original), read(translation)
    differences = []
    if a.numbers != b.numbers:
        differences.append(Difference("number", _numbers(a.numbers - b.numbers), _numbers(b.numbers - a.numbers)))
    else:
        unit_a, unit_b = _units_where_both_have_one(a, b)
        if unit_a != unit_b:
            differences.append(Difference("unit", _quantities_text(unit_a - unit_b), _quantities_text(unit_b - unit_a)))
    if a.operators != b.operators:
        differences.append(Difference("operator", _operators(a.operators), _operators(b.operators)))
    if a.negations != b.negations:
        differences.append(Difference("negation", str(a.negations), str(b.negations)))
    return differences


def _units_where_both_have_one(a: Facts, b: Facts) -> tuple[Counter, Counter]:
    """Quantities of the values that carry a unit on both sides (a unit only one side names is not compared)."""
    with_unit_a = {value for value, _ in a.quantities}
    with_unit_b = {value for value, _ in b.quantities}
    both = with_unit_a & with_unit_b
    return (Counter({k: n for k, n in a.quantities.items() if k[0] in both}),
            Counter({k: n for k, n in b.quantities.items() if k[0] in both}))


def _number(value: float) -> str:
    return f"{value:g}"


def _numbers(counter: Counter) -> str:
    return ", ".join(_number(v) for v in sorted(counter.elements())) or "nothing"


def _quantities_text(counter: Counter) -> str:
    return ", ".join(f"{_number(v)} {unit}" for v, unit in sorted(counter.elements())) or "nothing"


def _operators(counter: Counter) -> str:
    return ", ".join(f"{op} ×{n}" if n > 1 else op for op, n in sorted(counter.items())) or "none"
