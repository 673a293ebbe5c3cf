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


def test_legacy_xml_right_aligned_numbers_keep_ten_items_and_more_apart():
    # ctgov-xml/NCT02438137: " 9." sits one column right of "10.", their text starts in one column
    text = """
        Exclusion Criteria:

          1. Regular use of CPAP within the last 2 months

          2. Physical, psychiatric or cognitive impairment that prevents informed consent, PSG, or
             reliable follow-up;

          9. History of a lymphoproliferative disorder (such as leukemia);

         10. History of Multiple Myeloma

               -  including smouldering myeloma

         11. Any other condition
    """
    assert split(text).exclusion == [
        "Regular use of CPAP within the last 2 months",
        "Physical, psychiatric or cognitive impairment that prevents informed consent, PSG, or reliable follow-up;",
        "History of a lymphoproliferative disorder (such as leukemia);",
        "History of Multiple Myeloma\n- including smouldering myeloma",
        "Any other condition",
    ]


def test_markdown_numbers_aligned_left_stay_one_level():
    assert split("Inclusion Criteria:\n9. Nine\n10. Ten\n   * a detail\n11. Eleven\n").inclusion == [
        "Nine", "Ten\n- a detail", "Eleven"]


def test_heading_with_a_note_in_brackets():
    # registry/json/NCT05994521: "Exclusion Criteria (any of the following):"
    parts = split("Inclusion Criteria:\n* Adults\n\nExclusion Criteria (any of the following):\n* Age < 18 or ≥ 85\n")
    assert parts.inclusion == ["Adults"] and parts.exclusion == ["Age < 18 or ≥ 85"]


def test_a_heading_at_the_end_of_a_line_of_prose():
    # ctgov-xml/NCT02028676: a second set of criteria for a secondary randomisation
    text = """
        Inclusion Criteria:

          1. Aged 3 months to 17 years

        Exclusion Criteria:

          1. Likely to switch to second-line therapy

        Eligibility criteria for the secondary randomisation to stop or continue cotrimoxazole
        prophylaxis randomisation Inclusion criteria

          1. Participating in ARROW

          2. Aged at least 3 years

             who meet the exclusion criteria
    """
    parts = split(text)
    part = "Eligibility criteria for the secondary randomisation to stop or continue cotrimoxazole prophylaxis randomisation"
    assert parts.exclusion == ["Likely to switch to second-line therapy"]
    assert parts.inclusion == ["Aged 3 months to 17 years", f"{part}: Participating in ARROW",
                               f"{part}: Aged at least 3 years who meet the exclusion criteria"]


def test_a_second_part_with_its_own_criteria():
    # registry/xml/NCT00001852: a biopsy procedure for adults after the main study's criteria
    text = """
        -  INCLUSION CRITERIA:

        Male and female subjects.

        EXCLUSION CRITERIA:

        Age less than 4 years.

        ULTRASOUND GUIDED CORE NEEDLE BIOPSY OF THE PAROTID GLAND

        Adult subjects already enrolled in this protocol will be eligible if they fulfill the criteria below.

        INCLUSION CRITERIA:

        Age 18 years or older.

        EXCLUSION CRITERIA:

        History of bleeding diathesis.
    """
    parts = split(text)
    title = "ULTRASOUND GUIDED CORE NEEDLE BIOPSY OF THE PAROTID GLAND"
    assert parts.inclusion == ["Male and female subjects.", f"{title}: Age 18 years or older."]
    assert parts.exclusion == ["Age less than 4 years.",
                               "Adult subjects already enrolled in this protocol will be eligible if they fulfill the "
                               "criteria below.", f"{title}: History of bleeding diathesis."]


def test_headings_written_as_list_items():
    # registry/json/NCT05421650: "1) Inclusion Criteria" ... "2) Exclusion Criteria"
    parts = split("1) Inclusion Criteria\n\n(1) Women aged ≥ 20 years\n\n2) Exclusion Criteria\n\n(1) Pregnancy\n")
    assert parts.inclusion == ["(1) Women aged ≥ 20 years"] and parts.exclusion == ["(1) Pregnancy"]


def test_headings_that_name_their_stage():
    # NCT03424005: "Inclusion Criteria Stage 1", "Inclusion criteria stage 2", "Exclusion
    # Criteria for Stage 1"; read as plain text, the exclusions fell into the inclusions
    text = ("Inclusion Criteria Stage 1\n\n  -  ECOG 0 or 1\n\nInclusion criteria stage 2\n\n  -  Tumour biopsy\n\n"
            "Exclusion Criteria for Stage 1\n\n  -  Prior treatment with the study drugs\n")
    parts = split(text)
    assert parts.inclusion == ["Stage 1: ECOG 0 or 1", "Stage 2: Tumour biopsy"]
    assert parts.exclusion == ["Stage 1: Prior treatment with the study drugs"]
    # a heading's qualifier must be a part's name: "Exclusion criteria for all" is not one
    assert split("Inclusion criteria for all\n\n  -  Adults\n").inclusion[0] == "Inclusion criteria for all"
