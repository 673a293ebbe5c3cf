"""Dosing regimens as one line of text each, for records that have no dosing fields.

The registry (and so a PRS upload and the registry-style record) shows doses only inside an
intervention's or arm's description; the protocol keeps them structured. One line per
regimen: "Alternative doses" stay separate lines with the condition that selects them.
"""

from __future__ import annotations


def dosing_line(regimen: dict) -> str:
    """{"dose": "8 mg", "frequency": "qd", "condition": "body weight < 60 kg"} -> "8 mg, qd (body weight < 60 kg)"."""
    parts = [regimen.get(key) for key in ("dose", "route", "frequency", "schedule") if regimen.get(key)]
    if regimen.get("duration"):
        parts.append(f"for {regimen['duration']}")
    text = ", ".join(str(p) for p in parts)
    if regimen.get("phase"):
        text = f"{regimen['phase']}: {text}" if text else str(regimen["phase"])
    if regimen.get("condition"):
        text = f"{text} ({regimen['condition']})"
    if regimen.get("notes"):
        text = f"{text}. {regimen['notes']}" if text else str(regimen["notes"])
    return text


def dosing_lines(regimens: list[dict]) -> list[str]:
    return [line for line in (dosing_line(r) for r in regimens) if line]
