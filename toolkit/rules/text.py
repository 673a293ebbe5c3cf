"""TXT: text hygiene."""

from __future__ import annotations

import re

from toolkit.rules._registry import Finding, rule
from toolkit.walk import strings

# {{NAME}}, {NAME}, <NAME>, [insert ...], TODO / TBD / XXX markers, as left by templates.
_PLACEHOLDER = re.compile(
    r"\{\{[^{}]*\}\}"
    r"|\{[A-Z][A-Z0-9_]{2,}\}"
    r"|<[A-Z][A-Z0-9_ ]{2,}>"
    r"|\[(?:insert|add|enter|todo|tbd)\b[^\]]*\]"
    r"|\b(?:TODO|TBD|TBC|FIXME|XXX)\b",
    re.IGNORECASE,
)


@rule("TXT001", "leftover-placeholder")
def leftover_placeholder(doc):
    """Leftover template placeholder.

    ## What it checks
    Every text value for template markers that were never filled in: `{{SITE_NAME}}`,
    `{SITE_NAME}`, `<SITE NAME>`, `[insert dose]`, and the words TODO, TBD, TBC, FIXME, XXX.
    The skeleton written by `protocol new` uses TODO markers, so this rule lists what is left
    to write.

    ## Why it matters
    A placeholder that reaches a patient is worse than a blank: seed trial NCT07063888's
    patient page told patients their details had been sent "to the research team at
    {{SITE_NAME}}".

    ## Example
    ```yaml
    patient:
      contact: Call the research team at {{SITE_NAME}}.
    ```

    ## Fix
    Replace the placeholder with the real text, or remove the sentence.
    """
    for path, text in strings(doc.data):
        match = _PLACEHOLDER.search(text)
        if match:
            yield Finding(path, f'leftover placeholder "{match.group(0)}"; fill it in or remove it')
