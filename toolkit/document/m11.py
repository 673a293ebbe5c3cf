"""Which ICH M11 section (Step 4 template) a protocol field belongs to.

The most specific prefix of a field's path wins (list indexes are ignored). Narrative
`sections.<key>` take their section from the schema's own description of that key
("M11 4.3 Trial Stopping Rules."), so the table and the schema cannot disagree. Fields the
M11 template has no place for (registry status, patient summary, translations) belong to
"Registry and other fields" with no number.
"""

from __future__ import annotations

import functools
import json
import re

TITLE_PAGE = ("", "Title Page")
OTHER = ("", "Registry and other fields")

# path prefix (keys only) -> (section number, section name)
SECTIONS: dict[tuple, tuple[str, str]] = {
    ("schema_version",): OTHER,
    ("id",): TITLE_PAGE,
    ("language",): OTHER,
    ("identifiers",): TITLE_PAGE,
    ("title",): TITLE_PAGE,
    ("version",): TITLE_PAGE,
    ("sponsor",): TITLE_PAGE,
    ("status",): OTHER,
    ("conditions",): ("1.1", "Protocol Synopsis"),
    ("keywords",): ("1.1", "Protocol Synopsis"),
    ("summary",): ("1.1", "Protocol Synopsis"),
    ("description",): ("2.1", "Purpose of Trial"),
    ("objectives",): ("3", "Trial Objectives and Associated Estimands"),
    ("endpoints",): ("3", "Trial Objectives and Associated Estimands"),
    ("design",): ("1.1.2", "Overall Design"),
    ("design", "model_description"): ("4.1", "Description of Trial Design"),
    ("design", "allocation"): ("6.7", "Participant Assignment, Randomisation and Blinding"),
    ("design", "randomization"): ("6.7", "Participant Assignment, Randomisation and Blinding"),
    ("design", "masking"): ("6.7", "Participant Assignment, Randomisation and Blinding"),
    ("design", "enrollment"): ("10.11", "Sample Size Determination"),
    ("arms",): ("4.1", "Description of Trial Design"),
    ("interventions",): ("6.1", "Description of Trial Intervention"),
    ("interventions", "dosing"): ("6.3", "Administration of Trial Intervention"),
    ("eligibility",): ("5", "Trial Population"),
    ("eligibility", "inclusion"): ("5.2", "Inclusion Criteria"),
    ("eligibility", "exclusion"): ("5.3", "Exclusion Criteria"),
    ("contacts",): TITLE_PAGE,
    ("locations",): ("11", "Trial Oversight and Other General Considerations"),
    ("oversight",): ("11", "Trial Oversight and Other General Considerations"),
    ("references",): ("14", "Appendix: References"),
    ("links",): ("14", "Appendix: References"),
    ("ipd_sharing",): ("11", "Trial Oversight and Other General Considerations"),
    ("patient",): OTHER,
    ("translations",): OTHER,
}


def section(path) -> tuple[str, str]:
    """(number, name) of the M11 section of the field at `path` (keys and indexes)."""
    keys = tuple(p for p in path if not isinstance(p, int))
    if len(keys) >= 2 and keys[0] == "sections" and keys[1] in _narrative():
        return _narrative()[keys[1]]
    if keys[:1] == ("sections",):
        return OTHER
    for length in range(len(keys), 0, -1):
        if keys[:length] in SECTIONS:
            return SECTIONS[keys[:length]]
    return OTHER


def label(path) -> str:
    number, name = section(path)
    return f"{number} {name}" if number else name


@functools.cache
def _narrative() -> dict[str, tuple[str, str]]:
    from toolkit.resources import schema_path

    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    out = {}
    for key, spec in schema["properties"]["sections"]["properties"].items():
        match = re.match(r"M11 ([0-9.]+) (.+?)\.?$", spec.get("description", ""))
        if match:
            out[key] = (match.group(1), match.group(2))
    return out
