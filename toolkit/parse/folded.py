"""A faster search for case-insensitive word patterns, exact on every text.

`re.IGNORECASE` compares character by character with Unicode case folding, several times slower
than a plain search (and it keeps re from skipping ahead to a pattern's first character). For
ASCII text the same matches, at the same positions, come from searching the lowered text with
the pattern in ASCII mode without IGNORECASE: ASCII letters match under IGNORECASE only their
own other case, and `\\b`, `\\w`, `\\d`, `\\s` mean the same for ASCII text in both modes. Any
other text (Chinese, dashes, "≥") is searched with the original pattern, since Unicode folding
there is not just `str.lower` ("İ", "ı", "ſ", "K" match "i", "i", "s", "k"; a plain pattern on
lowered non-ASCII text was measured no faster anyway). Only for patterns written in lower case
(`[a-z]`, not `[A-Z]`), so that dropping IGNORECASE on lowered text changes nothing; checked.
Lower-casing ASCII keeps every position, so `text[start:end]` are the original's words.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any


class FoldedSearch:
    """`pattern` (compiled with IGNORECASE), asked whether and where it occurs in a text (not its groups)."""

    def __init__(self, pattern: re.Pattern, needs: tuple[str, ...] = ()):
        """`needs`: words in lower case one of which every match contains; ASCII text without any of
        them is not searched (`in` is many times faster than a pattern that starts with `\\b`)."""
        if not pattern.flags & re.IGNORECASE:
            raise ValueError("only for case-insensitive patterns")
        if re.search(r"[A-Z]", re.sub(r"\\.|\(\?P[<=]", "", pattern.pattern)):
            raise ValueError(f"upper-case letters in a folded pattern: {pattern.pattern!r}")
        self.pattern = pattern
        self.needs = needs

    @functools.cached_property
    def _ascii(self) -> re.Pattern:
        # compiled when first searched, not at import: a second compile of each of some 40
        # patterns is 14 ms of start-up, for patterns a run may never reach (their `needs` absent)
        return re.compile(self.pattern.pattern, (self.pattern.flags & ~re.IGNORECASE & ~re.UNICODE) | re.ASCII)

    def _lacks_needs(self, lowered: str) -> bool:
        return bool(self.needs) and not any(word in lowered for word in self.needs)

    def __call__(self, text: str) -> bool:
        """Whether `pattern.search(text)` finds anything."""
        if not text.isascii():
            return self.pattern.search(text) is not None
        lowered = text.lower()
        return not self._lacks_needs(lowered) and self._ascii.search(lowered) is not None

    def finditer(self, text: str) -> Iterator[re.Match | OnOriginal]:
        """The matches `pattern.finditer(text)` finds, their groups read from `text` itself."""
        if not text.isascii():
            return self.pattern.finditer(text)
        lowered = text.lower()
        if self._lacks_needs(lowered):
            return iter(())
        return (OnOriginal(match, text) for match in self._ascii.finditer(lowered))

    def search(self, text: str) -> re.Match | OnOriginal | None:
        """The match `pattern.search(text)` finds, its groups read from `text` itself, or None."""
        return next(self.finditer(text), None)

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """(start, end) of each match `pattern.finditer(text)` finds."""
        return (match.span() for match in self.finditer(text))

    def first(self, text: str) -> str | None:
        """The words of the first match in `text`, as `pattern.search(text).group(0)`, or None."""
        return next((text[start:end] for start, end in self.spans(text)), None)


class OnOriginal:
    """A match in the lowered text that answers with the original text's words (same positions)."""

    __slots__ = ("_match", "_text")

    def __init__(self, match: re.Match, text: str):
        self._match = match
        self._text = text

    def _words(self, group: int | str) -> str | None:
        start, end = self._match.span(group)
        return None if start < 0 else self._text[start:end]

    def group(self, *groups: int | str) -> Any:
        if len(groups) > 1:
            return tuple(self._words(g) for g in groups)
        return self._words(groups[0] if groups else 0)

    def groups(self) -> tuple[Any, ...]:  # Any, as re.Match has it
        return tuple(self._words(g) for g in range(1, self._match.re.groups + 1))

    def groupdict(self) -> dict[str, Any]:
        return {name: self._words(name) for name in self._match.re.groupindex}

    def start(self, group: int | str = 0) -> int:
        return self._match.start(group)

    def end(self, group: int | str = 0) -> int:
        return self._match.end(group)

    def span(self, group: int | str = 0) -> tuple[int, int]:
        return self._match.span(group)
