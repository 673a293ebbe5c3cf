from __future__ import annotations

from toolkit.ctgov.criteria import split


def test_api_v2_markdown_with_headings():
    parts = split("Inclusion Criteria:\n\n* Age 18 or older\n* ECOG 0-1\n\nExclusion Criteria:\n\n* Pregnancy\n")
    assert parts.had_headings
    assert parts.inclusion == ["Age 18 or older", "ECOG 0-1"] and parts.exclusion == ["Pregnancy"]


def test_legacy_xml_wrapped_items_and_sub_items():
    text = """
        Inclusion Criteria:

          -  patients with the need for surgical or interventional treatment with Aortic
             Coarctation

          -  patients with the need for aortic valve disease surgery

               -  both according to current treatment guidelines

        Exclusion Criteria:

          -  contraindications for MRI
    """
    parts = split(text)
    assert parts.inclusion == [
        "patients with the need for surgical or interventional treatment with Aortic Coarctation",
        "patients with the need for aortic valve disease surgery\n- both according to current treatment guidelines",
    ]
    assert parts.exclusion == ["contraindications for MRI"]


def test_group_lines_and_no_headings():
    parts = split("Eligibility criteria:\n\nFor parents:\n\n* Primary caregiver\n* Speaks English\n\nA closing note.")
    assert not parts.had_headings
    assert parts.inclusion == ["For parents: Primary caregiver", "For parents: Speaks English", "A closing note."]


def test_numbered_items_and_plain_paragraphs():
    assert split("Inclusion Criteria:\n1. First\n2. Second\n").inclusion == ["First", "Second"]
    assert split("Adults with asthma.\n\nNo smokers.").inclusion == ["Adults with asthma.", "No smokers."]
