"""A faster yes/no search for case-insensitive word patterns, exact on every text.

`re.IGNORECASE` compares character by character with Unicode case folding, several times slower
than a plain search. For ASCII text the same answer comes from searching the lowered text with
a plain ASCII pattern: ASCII letters match under IGNORECASE only their own other case, and `\\b`
and `\\w` mean the same for ASCII text in both modes. Any other text (Chinese, dashes, "≥") is
searched with the original pattern, since Unicode folding there is not just `str.lower`
("İ", "ſ", "K" match "i", "s", "k"). Only for patterns written in lower case (`[a-z]`, not
`[A-Z]`), so that dropping IGNORECASE on lowered text changes nothing.
"""

from __future__ import annotations

import re


class FoldedSearch:
    """`pattern` (compiled with IGNORECASE), asked only whether it occurs in a text."""

    def __init__(self, pattern: re.Pattern):
        if not pattern.flags & re.IGNORECASE:
            raise ValueError("only for case-insensitive patterns")
        if re.search(r"[A-Z]", re.sub(r"\\.|\(\?P[<=]", "", pattern.pattern)):
            raise ValueError(f"upper-case letters in a folded pattern: {pattern.pattern!r}")
        self.pattern = pattern
        self._ascii = re.compile(pattern.pattern, (pattern.flags & ~re.IGNORECASE & ~re.UNICODE) | re.ASCII)

    def __call__(self, text: str) -> bool:
        if text.isascii():
            return self._ascii.search(text.lower()) is not None
        return self.pattern.search(text) is not None
