"""Readings of endpoint measures that several rule families share within one document."""

from __future__ import annotations

from toolkit.document.model import Document
from toolkit.parse.durations import TimePoint, named_time_points


def measure_time_points(doc: Document, measure: str) -> list[TimePoint]:
    """`named_time_points(measure)`, read once per document: TIM006 and OUT006 both ask (do not change the list)."""
    read = doc.cached("measure-time-points", lambda doc: {})
    if measure not in read:
        read[measure] = named_time_points(measure)
    return read[measure]
