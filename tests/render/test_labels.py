"""Every label the templates and context builders use exists in every language."""

from __future__ import annotations

import re

import pytest
from conftest import MINIMAL, ROOT

from toolkit.document.load import load_bytes
from toolkit.render import RenderRequest, labels, render

LANGUAGES = ("en", "zh")


def _keys(table: dict, prefix: str = "") -> set[str]:
    found = set()
    for key, value in table.items():
        found.add(prefix + key)
        if isinstance(value, dict):
            found |= _keys(value, f"{prefix}{key}.")
    return found


def _used_in_templates(name: str) -> set[str]:
    used = set()
    for template in (ROOT / "templates").glob("*.j2"):
        used |= set(re.findall(rf"\b{name}\.([a-z_]+)", template.read_text()))
    return used


def test_both_languages_have_the_same_labels():
    assert _keys(labels.EN) == _keys(labels.ZH)
    assert _keys(labels.HEADINGS["en"]) == _keys(labels.HEADINGS["zh"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_label_a_template_uses_exists(lang):
    words = {**labels.HEADINGS[lang], **labels.for_language(lang)}
    missing = _used_in_templates("labels") - set(words)
    assert not missing, f"{lang}: {sorted(missing)}"
    missing_terms = _used_in_templates("terms") - set(labels.for_language(lang))
    assert not missing_terms, f"{lang}: {sorted(missing_terms)}"


def test_every_label_the_context_builders_use_exists():
    source = (ROOT / "toolkit" / "render" / "context.py").read_text()
    used = set(re.findall(r'\bH\["([a-z_]+)"\]', source)) | set(re.findall(r"\bH\['([a-z_]+)'\]", source))
    for lang in LANGUAGES:
        assert used <= set(labels.HEADINGS[lang]), (lang, used - set(labels.HEADINGS[lang]))


STOPPED = MINIMAL.replace("status: {overall: recruiting}", "status: {overall: terminated, why_stopped: Slow accrual}")


@pytest.mark.parametrize("document", ["registry", "summary"])
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("status", ["terminated", "withdrawn", "suspended", "completed", "not_yet_recruiting",
                                    "active_not_recruiting", "enrolling_by_invitation"])
def test_every_status_renders_in_every_language(document, lang, status):
    text = MINIMAL.replace("status: {overall: recruiting}", f"status: {{overall: {status}, why_stopped: Slow accrual}}")
    data = load_bytes(text.encode(), "s.yaml").document.data
    out = render(data, RenderRequest(document, "text", lang)).decode()
    assert labels.for_language(lang)["status"][status] in out


def test_a_stopped_trial_says_why_in_english():
    data = load_bytes(STOPPED.encode(), "s.yaml").document.data
    out = render(data, RenderRequest("registry", "text", "en")).decode()
    assert "Why stopped: Slow accrual" in out


NO_AGES_NO_SEX = MINIMAL + "eligibility:\n  inclusion: [Histologically confirmed cancer]\n"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_missing_ages_and_sex_are_not_stated_not_invented(lang):
    data = load_bytes(NO_AGES_NO_SEX.encode(), "n.yaml").document.data
    summary = " ".join(render(data, RenderRequest("summary", "text", lang)).decode().split())
    registry = render(data, RenderRequest("registry", "text", lang)).decode()
    protocol = render(data, RenderRequest("protocol", "text", lang)).decode()
    for claim in ("People of any age", "Women and men", "No limit", "不限年龄", "男女均可", "无限制"):
        for document in (summary, registry, protocol):
            assert claim not in document, claim
    if lang == "en":
        assert "does not say which ages" in summary and "does not say whether women, men or both" in summary
        assert "Ages eligible: Not stated" in registry and "Sexes eligible: Not stated" in registry
    else:
        assert "未说明可以参加的年龄" in summary and "年龄: 未说明" in registry


def test_no_age_limit_is_said_when_the_protocol_says_so():
    data = load_bytes((MINIMAL + "eligibility: {sex: all, no_age_limit: true}\n").encode(), "n.yaml").document.data
    assert "Ages eligible: No limit" in render(data, RenderRequest("registry", "text")).decode()
    assert "People of any age. Women and men." in render(data, RenderRequest("summary", "text")).decode()
