"""Item 11 of issue 9: unknown keys and long lists cost time in proportion to their number.

Measured by work, not by the clock: the number of Python and C function calls a step makes,
counted with sys.setprofile, for a size and four times that size. Linear work grows about
4x; the quadratic code this replaced grew 16x.
"""

from __future__ import annotations

import sys

from conftest import MINIMAL

from toolkit import schema
from toolkit.document.load import load_bytes
from toolkit.render import RenderRequest, render

GROWTH_LIMIT = 5.0  # for 4x the size: linear is ~4, quadratic ~16


def calls(step) -> int:
    count = 0

    def profile(frame, event, arg):
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        step()
    finally:
        sys.setprofile(None)
    return count


def growth(make, step, size: int) -> float:
    small, large = make(size), make(4 * size)
    step(small)  # caches (templates, converters) are filled before anything is counted
    return calls(lambda: step(large)) / calls(lambda: step(small))


def with_unknown_keys(count: int):
    text = MINIMAL + "".join(f"unknown_key_{i}: {i}\n" for i in range(count))
    return load_bytes(text.encode(), "keys.yaml").document


def test_unknown_keys_cost_in_proportion_to_their_number():
    found = schema.check(with_unknown_keys(10))
    assert len([d for d in found if d.rule == "SCH002"]) == 10
    assert growth(with_unknown_keys, schema.check, 2000) < GROWTH_LIMIT


def with_criteria(count: int):
    items = "".join(f"    - Criterion {i} that a participant must meet\n" for i in range(count))
    text = MINIMAL + f"eligibility:\n  inclusion:\n{items}"
    return load_bytes(text.encode(), "criteria.yaml").document


def test_long_criteria_lists_render_in_proportion_to_their_length():
    for output_format in ("markdown", "text"):
        def rendered(doc, output_format=output_format):
            return render(doc.data, RenderRequest("protocol", output_format)).decode("utf-8")

        assert "12. Criterion 11 that a participant must meet" in rendered(with_criteria(12))
        assert growth(with_criteria, rendered, 400) < GROWTH_LIMIT, output_format


def test_the_measure_tells_linear_from_quadratic():
    def linear(n):
        return sum(abs(i) for i in range(n))

    def quadratic(n):
        return sum(abs(i) for i in range(n) for _ in range(n))

    assert growth(lambda n: n, linear, 200) < GROWTH_LIMIT < growth(lambda n: n, quadratic, 200)
