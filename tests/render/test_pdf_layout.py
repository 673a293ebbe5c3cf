"""Issue 9, item 19: on a printed page a long word or URL breaks at the margin instead of
running off the page, and a character no font can draw is refused naming its field, line and
column. Laid out with WeasyPrint in process; every line of text must end inside the page's
content area."""

from __future__ import annotations

import pytest
from conftest import MINIMAL

from toolkit.document.load import load_bytes
from toolkit.render import RenderRequest, render

WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 3
URL = "https://example.org/" + "/".join(["a-very-long-path-segment-without-spaces"] * 4) + "?q=" + "x" * 60

LONG = MINIMAL.replace("brief: A minimal trial", f"brief: A trial of {WORD}") + f"""\
identifiers:
  org_study_id: {WORD}
summary: |
  See {URL} and the word {WORD} ends here.

  A [linked long URL]({URL}) here.
eligibility:
  inclusion:
    - Diagnosis per {URL}
    - {WORD}
patient:
  what_is_it: The study {WORD} tests {URL}.
"""


def _overflows(document: str, lang: str) -> list[str]:
    import weasyprint
    from weasyprint.formatting_structure.boxes import TextBox

    data = load_bytes(LONG.encode(), "long.yaml").document.data
    html = render(data, RenderRequest(document, "html", lang)).decode()
    laid_out = weasyprint.HTML(string=html, base_url=None).render()
    found = []
    for number, page in enumerate(laid_out.pages, 1):
        box = page._page_box
        right = box.content_box_x() + box.width
        for text in box.descendants():
            if isinstance(text, TextBox) and text.position_x + text.width > right + 0.5:
                found.append(f"page {number}: {text.text[:40]!r} ends {text.position_x + text.width - right:.0f}px past the margin")
    return found


@pytest.mark.parametrize("document", ["registry", "summary", "protocol"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_long_words_and_urls_stay_on_the_page(document, lang):
    assert _overflows(document, lang) == []


def test_missing_glyph_names_field_line_and_column(cli, write):
    path = write(MINIMAL.replace("brief: A minimal trial", "brief: A trial \U00013000") + "summary: |\n  First line.\n  Second \ue000 line.\n")
    result = cli("render", path, "--doc", "registry", "--format", "pdf", "-o", path.with_suffix(".pdf"))
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert f"{path}:4:10: title.brief: no installed font has a glyph for \"\U00013000\" (U+13000)" in lines[1]
    assert f"{path}:12:10: summary: no installed font has a glyph for \"\ue000\" (U+E000)" in lines[2]
    assert "install fonts" in lines[-1] and "Traceback" not in result.output
    assert not path.with_suffix(".pdf").exists()
