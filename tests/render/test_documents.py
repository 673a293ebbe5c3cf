"""Every document in every format and language for the five example protocols, with its facts."""

from __future__ import annotations

import io

import pytest
from conftest import PROTOCOLS
from pypdf import PdfReader
from render_helpers import rendered, text_of

NAMES = sorted(p.stem for p in PROTOCOLS.glob("*.yaml"))
DOCS = ("registry", "summary", "protocol")


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("output_format", ["text", "markdown", "html", "pdf"])
@pytest.mark.parametrize("document", DOCS)
@pytest.mark.parametrize("name", NAMES)
def test_renders(name, document, output_format, lang):
    content = rendered(name, document, output_format, lang)
    assert len(content) > 500
    if output_format == "pdf":
        assert content.startswith(b"%PDF-")
        assert PdfReader(io.BytesIO(content)).pages
    else:
        text = content.decode("utf-8")
        assert "{{" not in text and "}}" not in text and "{%" not in text


def test_registry_text_has_the_record_facts():
    text = text_of("NCT04361331", "registry")
    for fact in ["NCT number: NCT04361331", "Organization's study ID: zs-ICC-2020", "Recruitment status: Completed",
                 "Study start: 2020-03-06 (actual)", "Lead sponsor: Shanghai Zhongshan Hospital",
                 "Allocation: Randomized", "Intervention model: Parallel assignment", "Enrollment: 61 (actual)",
                 "Ages eligible: 18 years – 75 years", "Sexes eligible: All", "Accepts healthy volunteers: No",
                 "Experimental: Toripalimab combined with lenvatinib", "Zhongshan hospital, Shanghai",
                 "PMID: 41121202", "Masking: None (open label)"]:
        assert fact in text, fact
    who = text[text.index("WHO Trial Registration Data Set"):]
    assert who.count("\n1. ") == 1 and "\n24. IPD Sharing Statement" in who
    assert "\n11. Countries of Recruitment: China" in who


def test_registry_lists_endpoints_with_time_frames():
    markdown = rendered("icc-2l-radiotherapy", "registry", "markdown").decode()
    assert "| PFS |" in markdown and "Up to 52 weeks" in markdown
    assert "## Outcome measures" in markdown and "### Primary outcome measures" in markdown


def test_summary_says_how_groups_are_decided():
    randomized = text_of("icc-2l-radiotherapy", "summary")
    assert "decided by chance, like tossing a coin" in randomized and "same chance" in randomized
    single = text_of("NCT07063888", "summary")
    assert "Everyone in this study gets the same treatment." in single
    assert "Adults aged 18 to 80 of any sex." in single  # the author's own words


def test_summary_in_chinese_uses_the_authors_translation_and_chinese_labels():
    text = text_of("NCT06261047", "summary", "zh")
    assert "这项研究是关于什么的？" in text
    assert "本试验的目的是评估放射治疗" in text  # translations.zh.summary, not machine-made
    translated = rendered("NCT06261047", "registry", "html", "zh").decode()
    assert "本试验的目的是评估放射治疗" in translated
    summary_block = translated[translated.index("本试验的目的是评估放射治疗"):].split("</p>", 2)
    assert "original-language" not in summary_block[1][:80]  # the author's Chinese: no marker after it


def test_english_text_in_a_chinese_document_is_marked():
    html = rendered("NCT04361331", "registry", "html", "zh").decode()
    # no Chinese translation given: the English summary and description are shown, each marked as English
    for heading in ("简要概述", "详细描述"):
        section = html[html.index(f"<h2>{heading}</h2>"):].split("<h2>", 2)[1]
        assert '<div lang="en">' in section and "（英文原文，未翻译）" in section, heading


def test_protocol_document_follows_m11_order():
    text = text_of("NCT04361331", "protocol")
    order = ["1 Protocol Summary", "2 Introduction", "2.1 Purpose of Trial", "3 Trial Objectives and Endpoints",
             "4 Trial Design", "5 Trial Population", "5.2 Inclusion Criteria", "5.3 Exclusion Criteria",
             "6 Trial Intervention and Concomitant Therapy", "7 Participant Discontinuation", "8 Trial Assessments",
             "9 Adverse Events", "10 Statistical Considerations", "11 Trial Oversight", "14 References"]
    positions = [text.index("\n" + heading) for heading in order]
    assert positions == sorted(positions)
    assert "| 8 mg |" in text and "body weight < 60 kg" in text  # dosing table
    assert text.count("Not provided in this protocol.") >= 5  # M11 sections kept even when empty


def test_pdf_has_title_page_toc_running_header_and_page_numbers():
    reader = PdfReader(io.BytesIO(rendered("NCT04361331", "protocol", "pdf")))
    pages = [page.extract_text() for page in reader.pages]
    total = len(pages)
    assert "Protocol identifier" in pages[0] and "NCT04361331" in pages[0]
    assert "Table of contents" in pages[1] and "5.2 Inclusion Criteria" in pages[1]
    toc_line = next(line for line in pages[1].splitlines() if "5.2 Inclusion Criteria" in line)
    assert toc_line.rstrip()[-1].isdigit(), "the TOC gives page numbers"
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {total}" in page
    assert all("NCT04361331" in page for page in pages[1:]), "running header with the protocol id"


def test_pdf_metadata_and_language():
    reader = PdfReader(io.BytesIO(rendered("NCT04361331", "registry", "pdf")))
    assert reader.metadata.title.startswith("Two-cohort Study of Toripalimab")
    assert reader.metadata.author == "Shanghai Zhongshan Hospital"
    assert reader.trailer["/Root"]["/Lang"] == "en"
    zh = PdfReader(io.BytesIO(rendered("NCT06261047", "summary", "pdf", "zh")))
    assert zh.trailer["/Root"]["/Lang"] == "zh-CN"


def test_patient_summary_pdf_is_tagged_for_accessibility():
    root = PdfReader(io.BytesIO(rendered("NCT07063888", "summary", "pdf"))).trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert "pdfuaid" in root["/Metadata"].get_object().get_data().decode("utf-8", "replace")


def test_chinese_renders_with_a_chinese_font():
    reader = PdfReader(io.BytesIO(rendered("NCT06261047", "registry", "pdf", "zh")))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "肝细胞癌" in text and "研究设计" in text
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert any("CJK" in f for f in fonts), fonts
