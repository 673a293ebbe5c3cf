from __future__ import annotations

from helpers import lines


def test_txt007_results_in_protocol():
    body = "description: 'Patients were divided into two groups. Results: IIEF score was significantly higher.'\n"
    assert lines(body, "TXT007") == [1]
    planned = "description: 'Conclusion: findings from this research will guide policy.'\n"
    assert lines(planned, "TXT007") == []
    background = "summary: 'A previous trial found that IIEF was significantly higher (p = 0.03).'\n"
    assert lines(background, "TXT007") == []


def test_txt008_participant_payment():
    assert lines("description: Participants will be remunerated with up to 100 dollars in gift certificates.\n", "TXT008") == [1]
    assert lines("description: Travel costs are covered by the sponsor.\n", "TXT008") == []
    assert lines("description: 'Group 1 will receive cAd3-Marburg at 1 x 10^11 particle units.'\n", "TXT008") == []


def test_txt009_facility_is_a_person():
    body = "locations:\n  - {facility: Huang xiaoyong, city: Shanghai, country: China}\n  - {facility: Dr Mark Goldstein}\n"
    assert lines(body, "TXT009") == [2, 3]
    named_after = "locations:\n  - {facility: Dr. H. Bliss Murphy Cancer Center}\n  - {facility: 'Nice, France'}\n"
    assert lines(named_after, "TXT009") == []


def test_txt010_text_cut_off():
    assert lines("summary: A follow-up call is made at week 4. Data from\n", "TXT010") == [1]
    assert lines("summary: A follow-up call is made at week 4. Data from the call are recorded.\n", "TXT010") == []


def test_txt011_doubled_word():
    assert lines("summary: Subjects receive receive a single dose.\n", "TXT011") == [1]
    for fine in ("Tested in in vitro studies.", "Day 2-Day 8 washout, once a day Day 9", "PCV VCR VCR vincristine",
                 "Reaction times on on-line priming tasks."):
        assert lines(f"summary: {fine}\n", "TXT011") == [], fine


def test_txt012_acronym_is_a_condition():
    body = "title: {brief: Vardenafil in ED, acronym: ED}\nconditions: [Erectile Dysfunction]\n"
    base = "schema_version: 1\nid: t\n"
    from helpers import findings
    assert [line for line, _ in findings(body, "TXT012", base=base)] == [1]
    own = body.replace("acronym: ED", "acronym: VARED")
    assert findings(own, "TXT012", base=base) == []
    abbreviation = "title: {brief: A trial, acronym: ICC}\nconditions: [Intrahepatic Cholangiocarcinoma (ICC)]\n"
    assert len(findings(abbreviation, "TXT012", base=base)) == 1


def test_txt013_summary_repeats_title():
    base = "schema_version: 1\nid: t\n"
    from helpers import findings
    body = "title: {brief: Trial to Evaluate the Efficacy and Safety of HCP1302}\nsummary: Trial to evaluate the efficacy and safety of HCP1302.\n"
    assert [line for line, _ in findings(body, "TXT013", base=base)] == [2]
    fuller = body.replace("summary: Trial to evaluate the efficacy and safety of HCP1302.",
                          "summary: This trial compares HCP1302 with its two components taken separately in adults with hypertension.")
    assert findings(fuller, "TXT013", base=base) == []
