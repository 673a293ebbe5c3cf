"""Issue 9, item 3: `--format markdown` is as safe as the HTML. The HTML escapes protocol
text; the Markdown must not turn that text back into markup when a Markdown renderer (GitHub,
an editor preview) shows it. Read back here with a CommonMark renderer that passes raw HTML
through, as GitHub's does."""

from __future__ import annotations

import re

import pytest
from conftest import MINIMAL
from markdown_it import MarkdownIt

from toolkit.document.load import load_bytes
from toolkit.render import RenderRequest, render

ATTACKS = {
    "raw html": "Raw <img src=x onerror=alert(1)> and <script>alert(2)</script> text.",
    "entities": "Entity &lt;img src=x onerror=alert(3)&gt; and &#60;b&#62;bold&#60;/b&#62;",
    "entity image": "An &#33;[pix](http://evil.example/a.png) here",
    "escaped image": r"An \![pix](http://evil.example/b.png) here",
    "bang before link": "Wow![pix](http://evil.example/c.png)",
    "javascript link": "Link [click](javascript:alert(4)) and <javascript:alert(5)>",
    "reference": "Reference [x][r]\n\n[r]: javascript:alert(6)",
    "escaped reference": r"\[r]: javascript:alert(7)",
    "image": "![alt text](http://evil.example/track.png)",
    "backslash": r"A \\<img src=x onerror=alert(8)> here",
    "code fence": "````\n```\n<img src=x onerror=alert(9)>\n```\n````",
    "code span": "``a ` <img src=x onerror=alert(10)>``",
}


def _markdown(text: str, fmt: str = "markdown") -> str:
    yaml = MINIMAL + "summary: |\n" + "".join(f"  {line}\n" for line in text.split("\n"))
    document = load_bytes(yaml.encode(), "attack.yaml").document
    return render(document.data, RenderRequest("registry", fmt)).decode()


def _as_github_shows_it(markdown: str) -> str:
    """Raw HTML passed through, and any link target kept: the least careful renderer."""
    md = MarkdownIt("commonmark", {"html": True})
    md.validateLink = lambda url: True
    return md.render(markdown)


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_markdown_shows_protocol_text_as_text(name):
    shown = _as_github_shows_it(_markdown(ATTACKS[name]))
    assert not re.search(r"<(img|script|iframe|object|svg)\b", shown, re.I), shown
    assert " on" not in " ".join(re.findall(r"<[a-z][^>]*>", shown)), "no event handler attribute"
    for target in re.findall(r'(?:href|src)="([^"]*)"', shown):
        assert target.startswith(("http://", "https://", "mailto:", "#")), target
    assert "evil.example" not in " ".join(re.findall(r'src="([^"]*)"', shown)), "no remote image"
    assert "javascript:" not in " ".join(re.findall(r'href="([^"]*)"', shown))


def test_escaped_markdown_reads_as_the_html_reads():
    """The text a reader sees is the same in the HTML and in the rendered Markdown."""
    text = "\n\n".join(ATTACKS[name] for name in ("raw html", "entities", "javascript link", "backslash"))

    def visible(html: str) -> str:
        section = html[html.index("Brief summary"):]
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", section.split("<h2", 1)[0])).strip()

    assert visible(_as_github_shows_it(_markdown(text))) == visible(_markdown(text, "html"))


def test_ordinary_text_keeps_its_links_and_emphasis():
    markdown = _markdown("See [the site](https://example.org) and **bold** text; ages 18-75 & up.")
    assert "[the site](https://example.org)" in markdown and "**bold**" in markdown
    assert "18-75 & up." in markdown


def test_text_format_shows_the_literal_text():
    text = _markdown("Link [click](javascript:alert(4)) & <b>x</b> a\\\\b", "text")
    assert "Link [click](javascript:alert(4)) & <b>x</b> a\\b" in text


@pytest.mark.parametrize("fmt", ["markdown", "text"])
def test_control_characters_do_not_reach_the_terminal(fmt):
    """A YAML escape ("\\e[2J") makes a control character; printed, it would drive the terminal."""
    yaml = MINIMAL.replace("brief: A minimal trial", 'brief: "A minimal \\e[2Jtrial\\x9b\\x07"')
    document = load_bytes(yaml.encode(), "attack.yaml").document
    out = render(document.data, RenderRequest("registry", fmt)).decode()
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", out)
    assert "A minimal \\x1b" in out


@pytest.mark.parametrize("fmt", ["markdown", "text", "html"])
def test_images_become_their_alt_text(fmt):
    """The README's promise, in every text format: an image in protocol text is its alt text."""
    out = _markdown("Before ![a chest X-ray](https://example.org/xray.png) after.", fmt)
    assert "Before a chest X-ray after." in out
    assert "xray.png" not in out
