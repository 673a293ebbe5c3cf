"""Contact details written in free text: an e-mail address or a telephone number a patient can use."""

from __future__ import annotations

import re

EMAIL = re.compile(r"[^@\s<>()\[\]]+@[^@\s<>()\[\]]+\.[A-Za-z]{2,}")
# "+86 10 8778 8888", "(010) 87788888", "400-123-4567": at least 7 digits in one run of digits,
# spaces, dashes and brackets; dates ("2024-01-05") and years are too short or shaped otherwise.
PHONE = re.compile(r"(?<![\w-])\+?\(?\d[\d\s()\-–.]{5,}\d(?![\w-])")
_DATE = re.compile(r"^\d{4}[-./]\d{1,2}[-./]\d{1,2}$")


def has_phone_or_email(text: str | None) -> bool:
    if not text:
        return False
    if EMAIL.search(text):
        return True
    for match in PHONE.finditer(text):
        candidate = match.group(0).strip()
        if sum(ch.isdigit() for ch in candidate) >= 7 and not _DATE.match(candidate):
            return True
    return False
