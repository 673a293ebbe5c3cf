"""The shipped list of medical terms and their lay explanations."""

from __future__ import annotations

import re

from toolkit.parse import lay_terms
from toolkit.parse.contacts import has_phone_or_email


def test_every_term_has_both_explanations_and_finds_itself():
    for term in lay_terms.LAY_TERMS:
        assert term.explain_en.endswith(".") and term.explain_zh.endswith("。"), term.key
        assert re.search(r"[\u4e00-\u9fff]", term.explain_zh), term.key
        found = [t.key for t in lay_terms.find(term.en)] + [t.key for t in lay_terms.find(term.zh)]
        assert term.key in found, term.key


def test_the_issue_s_terms_are_found():
    text = ("progression-free survival, ECOG performance status, RECIST, adjuvant, hepatectomy, Child-Pugh, "
            "无进展生存期, 体能状态评分")
    keys = {t.key for t in lay_terms.find(text)}
    assert {"pfs", "ecog", "recist", "adjuvant", "hepatectomy", "child_pugh"} <= keys


def test_ordinary_words_are_not_terms():
    assert lay_terms.find("You will lie on a bed. The margin of the page.") == []


def test_phone_or_email():
    assert has_phone_or_email("Call +86 10 8778 8888") and has_phone_or_email("trial@example.org")
    assert not has_phone_or_email("Enter your contact details to connect with the study team.")
    assert not has_phone_or_email("Visit on 2024-01-05 at 10:00")
