from __future__ import annotations

import functools

from conftest import PROTOCOLS

from toolkit.document.load import load_file
from toolkit.render import RenderRequest, render


@functools.cache
def rendered(name: str, document: str, output_format: str, lang: str = "en") -> bytes:
    """A document rendered once per test session (PDFs take a second each)."""
    data = load_file(str(PROTOCOLS / f"{name}.yaml")).document.data
    return render(data, RenderRequest(document, output_format, lang))


def text_of(name: str, document: str, lang: str = "en") -> str:
    return rendered(name, document, "text", lang).decode("utf-8")
