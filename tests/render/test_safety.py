"""Untrusted protocol text: escaped in HTML, and documents that read no file and no network."""

from __future__ import annotations

import http.server
import io
import socket
import threading

import pytest
from conftest import MINIMAL
from pypdf import PdfReader

from toolkit.document.load import load_bytes
from toolkit.render import RenderRequest, render
from toolkit.render.pdf import RenderError

HOSTILE = MINIMAL + """\
summary: |
  <script>alert("x")</script> and <img src="file:///etc/hostname"> and **bold**.

  ![secret](file:///etc/hostname) [passwords](file:///etc/passwd) [site](https://example.org)
  ![remote](http://127.0.0.1:{port}/pixel.png) <link rel="attachment" href="file:///etc/hostname">
description: '[click](javascript:alert(1))'
"""


class _Counter(http.server.BaseHTTPRequestHandler):
    hits: list = []

    def do_GET(self):  # noqa: N802 (http.server's naming)
        self.hits.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    """A real HTTP server on loopback that counts every request made to it."""
    _Counter.hits = []
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1], _Counter.hits
    httpd.shutdown()


def hostile(port: int) -> dict:
    return load_bytes(HOSTILE.replace("{port}", str(port)).encode(), "hostile.yaml").document.data


def test_protocol_text_is_escaped_in_html(server):
    port, _ = server
    html = render(hostile(port), RenderRequest("registry", "html")).decode()
    body = html.split("<body", 1)[1]
    assert "<script>alert" not in body and "&lt;script&gt;alert" in body
    assert "<img" not in body and "<link" not in body
    assert 'href="file:' not in body and 'src="' not in body and 'href="javascript:' not in body
    assert '<a href="https://example.org">site</a>' in body
    assert "<strong>bold</strong>" in body


def test_pdf_reads_no_file_and_no_network(server):
    port, hits = server
    pdf = render(hostile(port), RenderRequest("registry", "pdf"))
    reader = PdfReader(io.BytesIO(pdf))
    text = "".join(page.extract_text() for page in reader.pages)
    hostname = socket.gethostname()
    assert hits == [], f"the renderer fetched {hits}"
    assert "/EmbeddedFiles" not in str(reader.trailer["/Root"].get("/Names", {}))
    assert hostname not in text or hostname in ("", "localhost")


def test_a_users_template_cannot_fetch_either(server, tmp_path):
    port, hits = server
    (tmp_path / "registry.html.j2").write_text(
        '{% extends "!builtin/registry.html.j2" %}{% block extra_style %}@import url("http://127.0.0.1:'
        + str(port) + '/x.css");{% endblock %}'
        '{% block title_page %}<img src="http://127.0.0.1:' + str(port) + '/y.png">'
        '<img src="file:///etc/hostname"><a rel="attachment" href="file:///etc/hostname">x</a>{% endblock %}')
    data = load_bytes(MINIMAL.encode(), "m.yaml").document.data
    pdf = render(data, RenderRequest("registry", "pdf", templates=str(tmp_path)))
    assert hits == []
    assert b"/EmbeddedFile" not in pdf


def test_missing_chinese_font_stops_with_the_fix(monkeypatch):
    monkeypatch.setattr("toolkit.render.pdf.has_cjk_font", lambda: False)
    data = load_bytes((MINIMAL + "summary: 肝细胞癌\n").encode(), "zh.yaml").document.data
    with pytest.raises(RenderError, match="fonts-noto-cjk"):
        render(data, RenderRequest("registry", "pdf"))
