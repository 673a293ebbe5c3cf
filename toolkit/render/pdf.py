"""PDF = the HTML document plus its print CSS, through WeasyPrint.

Locked down: the document may fetch nothing (no files, no network); only `data:` URLs are
allowed. Reproducible: fontTools' timestamps follow SOURCE_DATE_EPOCH, and the document dates
come from the protocol's version date, so the same input gives the same bytes.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import os
import re
import shutil
import subprocess

CJK = re.compile("[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")


class RenderError(RuntimeError):
    """Rendering cannot produce a correct document; the message says how to fix it."""


class MissingGlyphs(RenderError):
    """Characters no installed font can draw; `characters` in the order of their code points."""

    HINT = "install fonts that cover them (for Chinese: apt-get install fonts-noto-cjk)"

    def __init__(self, characters) -> None:
        self.characters = sorted(characters)
        super().__init__(f"glyphs missing from every installed font: {', '.join(self.characters[:10])}; {self.HINT}")


def to_pdf(html: str, *, pdf_variant: str | None, version_date: str | None) -> bytes:
    if CJK.search(html) and not has_cjk_font():
        raise RenderError(
            "the document contains Chinese text but no Chinese font is installed, so it would print as "
            "empty boxes; install one with `apt-get install fonts-noto-cjk` (scripts/setup does this)"
        )
    import weasyprint  # heavy: only `protocol render --format pdf` imports it
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"})
    with _source_date(version_date), _missing_glyphs() as missing:
        document = weasyprint.HTML(string=html, url_fetcher=fetcher, base_url=None)
        pdf = document.write_pdf(pdf_variant=pdf_variant, uncompressed_pdf=False)
    if missing:
        raise MissingGlyphs(missing)
    return pdf


def has_cjk_font() -> bool:
    if not shutil.which("fc-list"):
        return False
    done = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True)
    return bool(done.stdout.strip())


@contextlib.contextmanager
def _source_date(version_date: str | None):
    """SOURCE_DATE_EPOCH for the duration of the render: the version date, or 1970-01-01."""
    epoch = 0
    if version_date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", version_date):
        epoch = int(datetime.datetime.fromisoformat(version_date).replace(tzinfo=datetime.UTC).timestamp())
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


class _GlyphWatcher(logging.Handler):
    def __init__(self, found: set) -> None:
        super().__init__(logging.WARNING)
        self.found = found

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if ".notdef" in message:
            self.found.update(re.findall(r'"(.)"', message) or [message])


@contextlib.contextmanager
def _missing_glyphs():
    found: set = set()
    logger = logging.getLogger("weasyprint")
    handler = _GlyphWatcher(found)
    logger.addHandler(handler)
    try:
        yield found
    finally:
        logger.removeHandler(handler)
