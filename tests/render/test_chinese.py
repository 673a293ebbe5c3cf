"""Chinese documents: every fixed label is Chinese, and untranslated author text is marked."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from conftest import PROTOCOLS
from render_helpers import rendered

from toolkit.document.load import load_file
from toolkit.document.walk import strings
from toolkit.render import labels

NAMES = sorted(p.stem for p in PROTOCOLS.glob("*.yaml"))
DOCS = ("registry", "summary", "protocol")
# Latin words a Chinese document may show besides the author's own: names of registries, units, scales.
ALLOWED = {"ClinicalTrials", "gov", "PMID", "doi", "ECOG", "RECIST", "Child", "Pugh", "PD", "Gy", "IMRT", "NCT", "II", "III", "IV",
           "DNA", "IPD"}  # as Chinese registries (ChiCTR) write them


class _ShownText(HTMLParser):
    """The document's text outside elements marked as another language (lang="en")."""

    VOID = {"br", "meta", "img", "hr", "link", "input"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[bool] = []
        self.parts: list[str] = []
        self.in_head = False

    def handle_starttag(self, tag, attrs):
        if tag == "head":
            self.in_head = True
        if tag in self.VOID:
            return
        lang = dict(attrs).get("lang")
        foreign = bool(lang) and not lang.startswith("zh")
        self.stack.append(foreign or (bool(self.stack) and self.stack[-1]))

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not self.in_head and not (self.stack and self.stack[-1]):
            self.parts.append(data)


def _latin_words(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z]{2,}", text))


def _author_words(name: str) -> set[str]:
    data = load_file(str(PROTOCOLS / f"{name}.yaml")).document.data
    return set().union(*(_latin_words(text) for _, text in strings(data)))


@pytest.mark.parametrize("document", DOCS)
@pytest.mark.parametrize("name", NAMES)
def test_no_english_fixed_label_in_a_chinese_document(name, document):
    html = rendered(name, document, "html", "zh").decode()
    parser = _ShownText()
    parser.feed(html.split("<body", 1)[1].split(">", 1)[1])
    shown = " ".join(parser.parts)
    # the Chinese translations the author wrote keep Latin abbreviations (HCC, PFS): those words are the author's
    translated_words = _author_words(name)
    english = _latin_words(shown) - ALLOWED
    not_authors = {word for word in english if word not in translated_words}
    assert not not_authors, f"English outside author text: {sorted(not_authors)}"


@pytest.mark.parametrize("document", DOCS)
@pytest.mark.parametrize("name", NAMES)
def test_untranslated_author_text_is_marked_where_it_appears(name, document):
    html = rendered(name, document, "html", "zh").decode().split("<body", 1)[1]
    sections = re.split(r"<h[1-3][ >]", html)
    for section in sections:
        if ' lang="en"' in section:
            assert 'class="original-language"' in section, section[:300]


def test_every_chinese_label_is_chinese():
    allowed = ALLOWED | {"ICH", "II", "III", "IV", "I"}
    tables = [labels.ZH, labels.HEADINGS["zh"], {"who": [zh for _, zh in labels.WHO_ITEMS]},
              {"m11": [zh for *_, zh in labels.M11]}]
    for table in tables:
        for path, text in strings(table):
            words = _latin_words(re.sub(r"\{[a-z_]+\}", "", text)) - allowed
            assert not words, (path, text)


def test_chinese_summary_shows_the_plain_facts_in_chinese():
    text = rendered("NCT04361331", "summary", "text", "zh").decode()
    assert "年龄18岁至75岁的人。男女均可。" in text and "共有61人参加。" in text
    assert "这项研究已经结束，不再招募参加者。" in text
