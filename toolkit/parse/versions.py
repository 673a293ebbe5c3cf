"""Reading protocol version numbers ("1.0", "2.1", "V3.0", "第2版") so that two can be ordered.

Two numbers are compared as PEP 440 versions (`packaging.version`) when both parse as one:
"1.0" < "1.1" < "2.0", "1.10" > "1.9", "1.0" == "1.0.0", "2.0rc1" < "2.0", "v2" == "2".
Otherwise (a word or a Chinese label around the digits: "Version 2.1 final", "第2版",
"2.0版") each is read as the runs of digits it contains, compared as numbers ("第2版" < "第10版"),
provided the text around the digits is the same in both; "Draft A", or "V2" against
"Amendment 2", cannot be ordered (None), and a number is then only the same as an identical
text.
"""

from __future__ import annotations

import re

_DIGITS = re.compile(r"[0-9]+")
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)*")  # "2", "2.1", "1.10.3": one number of the text


def compare(old: str, new: str) -> int | None:
    """-1 when `new` comes before `old`, 0 the same version, 1 after; None when they cannot
    be ordered."""
    old, new = str(old).strip(), str(new).strip()
    if old == new:
        return 0
    pep440 = _pep440(old), _pep440(new)
    if pep440[0] is not None and pep440[1] is not None:
        return _sign(pep440[0], pep440[1])
    old_key, new_key = _numbers(old), _numbers(new)
    if old_key is None or new_key is None or old_key[0] != new_key[0]:
        return None
    return _sign(_trimmed(old_key[1]), _trimmed(new_key[1]))


def same(old: str, new: str) -> bool:
    return compare(old, new) == 0


def _pep440(text: str):
    from packaging.version import InvalidVersion, Version

    try:
        return Version(text)
    except InvalidVersion:
        return None


def _numbers(text: str) -> tuple[str, tuple[int, ...]] | None:
    """(the text with each number ("2", "2.1") replaced by '#', its digit runs), or None
    without digits."""
    numbers = tuple(int(run) for run in _DIGITS.findall(text))
    if not numbers:
        return None
    shape = re.sub(r"\s+", " ", _NUMBER.sub("#", text.casefold()))
    return shape, numbers


def _trimmed(numbers: tuple[int, ...]) -> tuple[int, ...]:
    """Trailing zeros do not count: "2" is "2.0"."""
    end = len(numbers)
    while end > 1 and numbers[end - 1] == 0:
        end -= 1
    return numbers[:end]


def _sign(old, new) -> int:
    return (new > old) - (new < old)
