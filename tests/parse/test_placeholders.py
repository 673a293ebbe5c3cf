"""Placeholders: the quick look for the marks every placeholder holds never hides one."""

from __future__ import annotations

from conftest import FIXTURES, PROTOCOLS
from hypothesis import given, settings
from hypothesis import strategies as st
from real_texts import documents as real_documents

from toolkit.document.load import load_file
from toolkit.document.walk import strings
from toolkit.parse import placeholders


def _by_patterns_alone(text: str) -> bool:
    found = any(not placeholders._defines_abbreviation(text, m) for m in placeholders.PLACEHOLDER.finditer(text))
    return found or bool(placeholders.PLACEHOLDER_WORD.search(text.lower()))


CASES = [
    "Call {{SITE_NAME}}", "Dose: TBD", "Contact [PHONE NUMBER]", "<phone>", "%PHONE%", "Lorem ipsum dolor",
    "Name: ____", "[insert date]", "Tuberculosis (TBC)", "Patients with NYHA {NYHA}", "no marks at all",
    "Orsz.Koranyi Tbc es Pulm.Int.", "a line drawn ________________________________ across",
]


def test_known_texts():
    for text in CASES:
        assert placeholders.has_placeholder(text) == _by_patterns_alone(text), text


def test_every_text_of_the_examples_and_shipped_records():
    texts = [text for path in [*PROTOCOLS.glob("*.yaml"), *(FIXTURES / "as_published").glob("*.yaml")]
             for _, text in strings(load_file(str(path)).document.data)]
    assert texts
    assert [t for t in texts if placeholders.has_placeholder(t) != _by_patterns_alone(t)] == []


_PIECES = st.sampled_from(["{", "}", "{{", "}}", "<", ">", "[", "]", "%", "_", "____", "TODO", "TBD", "TBC",
                           "FIXME", "XXX", "Lorem ipsum", "orem ipsum", "SITE", "PHONE", "NAME", "insert ",
                           " ", "\t", "a", "A", "(", ")", "x", "Z_9"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_the_quick_look_agrees_with_the_patterns(text):
    assert placeholders.has_placeholder(text) == _by_patterns_alone(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=16).map("".join))
def test_the_search_form_by_form_agrees_with_the_whole_pattern(text):
    assert placeholders.placeholder_anywhere(text) == bool(placeholders.PLACEHOLDER.search(text))
    marker_words = placeholders._FORM_SEARCHES[3][1]
    assert bool(placeholders._marker_word(text)) == bool(marker_words(text))
    assert bool(placeholders._marker_word(text + " TODO")) == bool(marker_words(text + " TODO"))


def test_the_search_form_by_form_on_whole_documents():
    joined = ["\x00".join(text for _, text in strings(load_file(str(path)).document.data))
              for path in [*PROTOCOLS.glob("*.yaml"), *(FIXTURES / "as_published").glob("*.yaml")]]
    joined += [text + " and a blank: ____ here" for text in joined] + CASES
    assert [t for t in joined if placeholders.placeholder_anywhere(t) != bool(placeholders.PLACEHOLDER.search(t))] == []


# One look at a whole document (its texts joined by NUL) says when no text of it holds a
# placeholder; it must never say so of a document where one does.
def _none_in_texts(texts) -> bool:
    return not any(placeholders.has_placeholder(text) for text in texts)


def test_none_in_on_whole_documents():
    documents = real_documents()
    assert len(documents) > 70
    for texts in documents:
        if placeholders.none_in("\x00".join(texts)):
            assert _none_in_texts(texts)
    assert sum(placeholders.none_in("\x00".join(texts)) for texts in documents) > len(documents) // 2  # it does answer
    with_one = [*documents[0], "Call the team at {{SITE_NAME}}."]
    assert not placeholders.none_in("\x00".join(with_one))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(_PIECES, max_size=8).map("".join), max_size=4))
def test_none_in_never_hides_a_placeholder(texts):
    if placeholders.none_in("\x00".join(texts)):
        assert _none_in_texts(texts)
