"""The structural difference between two protocols' data: what was added, removed, changed, moved.

Mappings are compared key by key. Lists are matched item to item by a stable key, so that
inserting one criterion does not make every later criterion "changed":

- Lists whose items all carry an `id` (arms, interventions), each id once, are matched by `id`.
- Other lists (criteria, endpoints, dosing, sites, references) are aligned on the items' text
  (`difflib.SequenceMatcher` over each item's canonical JSON): identical items are matched
  first, in order. A list of the same length whose items are each identical or near-identical
  to the one at their place, and that is not a mere reordering, was edited in place: its items
  are paired by place (identical twins, such as three interventions of one drug, cannot be
  told apart otherwise). Likewise a stretch the alignment leaves unmatched that holds as many old as new
  items, each near-identical (similarity ratio >= 0.6, `PAIR_RATIO`) to the one at its place,
  was edited in place: its items are paired by place. In any other stretch an old and a new
  item whose texts are near-identical are paired, in order, the most alike first; all pairs
  are compared field by field ("changed"); the rest are "removed" and "added".
- An item found unchanged at another place of its list is "moved" (reported once, with both
  indexes), not removed and added, so a pure reordering is not a cascade of changes.
- Short lists of codes are one value (`ATOMIC_LISTS`: `design.phases`, `design.masking.who`):
  "Phase 2" to "Phase 2/Phase 3" is one change, as the registry shows it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from difflib import SequenceMatcher

Path = tuple

PAIR_RATIO = 0.6
ATOMIC_LISTS = {("design", "phases"), ("design", "masking", "who")}

ADDED, REMOVED, CHANGED, MOVED = "added", "removed", "changed", "moved"


@dataclass(frozen=True)
class Change:
    """One difference. `old_path` is where it is in the old data (None when added),
    `new_path` where it is in the new data (None when removed)."""

    kind: str
    old_path: Path | None
    new_path: Path | None
    old: object = None
    new: object = None

    @property
    def path(self) -> Path:
        """The path the change is reported under: in the new data, else in the old."""
        path = self.new_path if self.new_path is not None else self.old_path
        assert path is not None  # a change is somewhere in at least one of the two
        return path


def diff(old, new) -> list[Change]:
    """Every difference between `old` and `new` (plain data as loaded from YAML)."""
    changes: list[Change] = []
    _compare(old, new, (), (), changes)
    return changes


def _compare(old, new, old_path: Path, new_path: Path, out: list[Change]) -> None:
    if isinstance(old, dict) and isinstance(new, dict):
        _compare_mappings(old, new, old_path, new_path, out)
    elif isinstance(old, list) and isinstance(new, list) and _generic(new_path) not in ATOMIC_LISTS:
        _compare_lists(old, new, old_path, new_path, out)
    elif not _same(old, new):
        out.append(Change(CHANGED, old_path, new_path, old, new))


def _same(a, b) -> bool:
    # 1 and 1.0 and True are different values in a protocol (and equal in Python)
    return type(a) is type(b) and a == b


def _generic(path: Path) -> Path:
    return tuple(p for p in path if not isinstance(p, int))


def _compare_mappings(old: dict, new: dict, old_path: Path, new_path: Path, out: list[Change]) -> None:
    for key, value in new.items():
        if key in old:
            _compare(old[key], value, old_path + (key,), new_path + (key,), out)
        else:
            out.append(Change(ADDED, None, new_path + (key,), None, value))
    for key, value in old.items():
        if key not in new:
            out.append(Change(REMOVED, old_path + (key,), None, value, None))


def _compare_lists(old: list, new: list, old_path: Path, new_path: Path, out: list[Change]) -> None:
    if old and new and all(_has_id(x) for x in old + new) and _unique_ids(old) and _unique_ids(new):
        pairs, removed, added = _match_by_id(old, new)
    else:
        pairs, removed, added = _align(old, new)
    moved = _moves(old, new, pairs, removed, added)
    for i, j in pairs:
        _compare(old[i], new[j], old_path + (i,), new_path + (j,), out)
    for i, j in moved:
        out.append(Change(MOVED, old_path + (i,), new_path + (j,), old[i], new[j]))
    for i in removed:
        out.append(Change(REMOVED, old_path + (i,), None, old[i], None))
    for j in added:
        out.append(Change(ADDED, None, new_path + (j,), None, new[j]))


def _has_id(item) -> bool:
    return isinstance(item, dict) and isinstance(item.get("id"), str)


def _unique_ids(items: list) -> bool:
    """Ids that name one item each (a record's secondary identifiers may repeat one: "AGCT1531" x3)."""
    return len({item["id"] for item in items}) == len(items)


def _match_by_id(old: list, new: list):
    new_index = {item["id"]: j for j, item in enumerate(new)}
    old_ids = {item["id"] for item in old}
    pairs = [(i, new_index[item["id"]]) for i, item in enumerate(old) if item["id"] in new_index]
    removed = [i for i, item in enumerate(old) if item["id"] not in new_index]
    added = [j for j, item in enumerate(new) if item["id"] not in old_ids]
    return pairs, removed, added


def _text(item) -> str:
    if isinstance(item, str):
        return item
    return json.dumps(item, sort_keys=True, ensure_ascii=False, default=str)


def _align(old: list, new: list):
    """Pairs (old index, new index), unmatched old indexes, unmatched new indexes."""
    a, b = [_text(x) for x in old], [_text(x) for x in new]
    if len(a) == len(b) and sorted(a) != sorted(b) and all(x == y or _near(x, y) for x, y in zip(a, b)):
        # the list was edited in place (not reordered): with look-alike or identical items
        # (three "avanafil" interventions) the alignment below could pair an item with a twin
        return list(zip(range(len(a)), range(len(b)))), [], []
    pairs: list[tuple[int, int]] = []
    removed: list[int] = []
    added: list[int] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal" or (i2 - i1 == j2 - j1 and all(
                _near(a[i], b[j]) for i, j in zip(range(i1, i2), range(j1, j2)))):
            # items edited in place: as many old as new, each near-identical to the one at its
            # place; pairing them by place keeps look-alike items (arms "Group A" … "Group D")
            # from being paired with a neighbour that happens to read more alike
            pairs += zip(range(i1, i2), range(j1, j2))
            continue
        j_next = j1
        for i in range(i1, i2):
            best = _closest(a[i], b, j_next, j2)
            if best is None:
                removed.append(i)
                continue
            added += range(j_next, best)
            pairs.append((i, best))
            j_next = best + 1
        added += range(j_next, j2)
    return pairs, removed, added


def _near(text: str, other: str) -> bool:
    matcher = SequenceMatcher(None, text, other, autojunk=False)
    return (matcher.real_quick_ratio() >= PAIR_RATIO and matcher.quick_ratio() >= PAIR_RATIO
            and matcher.ratio() >= PAIR_RATIO)


def _closest(text: str, texts: list[str], start: int, stop: int) -> int | None:
    """The index in texts[start:stop] most like `text`, if it is near-identical."""
    best, best_ratio = None, PAIR_RATIO
    for j in range(start, stop):
        matcher = SequenceMatcher(None, text, texts[j], autojunk=False)
        if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio >= best_ratio and (best is None or ratio > best_ratio):
            best, best_ratio = j, ratio
    return best


def _moves(old: list, new: list, pairs: list, removed: list, added: list) -> list[tuple[int, int]]:
    """Take out of removed/added (and of pairs that kept their order by accident) the items
    that are unchanged at another place; return them as (old index, new index)."""
    moved = []
    # an unchanged item removed here and added there
    waiting: dict[str, list[int]] = {}
    for i in removed:
        waiting.setdefault(_text(old[i]), []).append(i)
    for j in list(added):
        candidates = waiting.get(_text(new[j]))
        if candidates:
            i = candidates.pop(0)
            removed.remove(i)
            added.remove(j)
            moved.append((i, j))
    # matched by id but out of order: those outside the longest run kept in order moved
    order = sorted(pairs, key=lambda p: p[1])
    olds = [i for i, _ in order]
    kept = set()
    for block in SequenceMatcher(None, olds, sorted(olds), autojunk=False).get_matching_blocks():
        kept.update(olds[block.a:block.a + block.size])
    for i, j in order:
        if i not in kept:
            moved.append((i, j))
            if _same_text(old[i], new[j]):
                pairs.remove((i, j))
    return sorted(moved)


def _same_text(a, b) -> bool:
    return _text(a) == _text(b)
