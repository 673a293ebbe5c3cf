from __future__ import annotations

from helpers import lines


def endpoints(*items: str, kind: str = "primary") -> str:
    return f"endpoints:\n  {kind}:\n" + "".join(f"    - {item}\n" for item in items)


def test_out001_non_specific_outcome():
    assert lines(endpoints("{measure: Safety and tolerability, timeframe: Up to 12 weeks}"), "OUT001") == [3]
    assert lines(endpoints("{measure: Adverse events (AEs), timeframe: Up to 12 weeks}"), "OUT001") == [3]
    specific = "{measure: Number of participants with grade 3 or higher adverse events, timeframe: Up to 12 weeks}"
    assert lines(endpoints(specific), "OUT001") == []


def test_out001_leaves_placeholders_to_txt001():
    assert lines(endpoints("{measure: TODO, timeframe: TODO}"), "OUT001") == []


def test_out002_instrument_only_outcome():
    assert lines(endpoints("{measure: HADS, timeframe: Week 12}"), "OUT002") == [3]
    assert lines(endpoints("{measure: Hospital Anxiety and Depression Scale (HADS), timeframe: Week 12}"), "OUT002") == [3]
    assert lines(endpoints("{measure: Change from baseline in HADS anxiety subscale score, timeframe: Week 12}"), "OUT002") == []


def test_out003_several_measures_in_one():
    assert lines(endpoints("{measure: Weight and waist circumference, timeframe: Week 24}"), "OUT003") == [3]
    assert lines(endpoints("{measure: Response and relapse rates, timeframe: Week 24}"), "OUT003") == [3]
    assert lines(endpoints("{measure: Body weight, timeframe: Week 24}", "{measure: Waist circumference, timeframe: Week 24}"), "OUT003") == []
    assert lines(endpoints("{measure: Number of participants with nausea and vomiting, timeframe: Week 24}"), "OUT003") == []


def test_out004_outcome_written_as_objective():
    assert lines(endpoints("{measure: To evaluate the efficacy of drug X in reducing pain, timeframe: Week 4}"), "OUT004") == [3]
    assert lines(endpoints("{measure: Adverse events will be recorded, timeframe: Week 4}"), "OUT004") == [3]
    assert lines(endpoints("{measure: Change from baseline in pain intensity, timeframe: Baseline and week 4}"), "OUT004") == []


def test_out005_duplicate_outcome():
    body = endpoints("{measure: Overall survival, timeframe: Up to 2 years}") + \
        "  secondary:\n    - {measure: Overall Survival, timeframe: up to 2 years}\n"
    assert lines(body, "OUT005") == [5]
    other_time = body.replace("up to 2 years}\n", "up to 5 years}\n")
    assert lines(other_time, "OUT005") == []
    other_definition = body.replace("up to 2 years}\n", "up to 2 years, description: deaths from cancer}\n")
    assert lines(other_definition, "OUT005") == []


def test_out006_time_point_with_window():
    at_week = "{measure: Proportion of participants in remission at week 12, timeframe: Up to 12 weeks}"
    assert lines(endpoints(at_week), "OUT006") == [3]
    assert lines(endpoints(at_week.replace("Up to 12 weeks", "Week 12")), "OUT006") == []
    change = "{measure: Change from baseline in HbA1c at week 12, timeframe: From baseline to week 12}"
    assert lines(endpoints(change), "OUT006") == []


def test_out006_open_ended_timeframe():
    assert lines(endpoints("{measure: Number of falls, timeframe: From the second visit onward}"), "OUT006") == [3]
    bounded = "{measure: Number of falls, timeframe: 'Every 3 months thereafter, up to 2 years'}"
    assert lines(endpoints(bounded), "OUT006") == []


def test_out006_time_frames_that_list_their_assessments():
    # NCT04200937: each time frame lists the visits ("Post-Surgery, 6 months, 12 months and
    # annually thereafter through study completion, an average of 10 years"); the last one is
    # the end, the measure names the same visits, and a change from baseline spans its window
    listed = [
        "{measure: 'Change in depressive symptoms at Post-Surgery, 6 months, 12 months and annually thereafter "
        "compared to baseline', timeframe: 'Post-Surgery, 6 months, 12 months and annually thereafter through "
        "study completion, an average of 10 years'}",
        "{measure: 'Change in quality of life at 6 months, 12 months, and 24 months compared to baseline', "
        "timeframe: '6 months, 12 months and 24 months'}",
        "{measure: 'Change from baseline to six months in the IIEF-EF domain', timeframe: Baseline to 6 months}",
        "{measure: Device satisfaction at post-surgery, timeframe: Collected only at Post-Procedure}",
    ]
    assert lines(endpoints(*listed), "OUT006") == []
    endless = listed[0].replace(" through study completion, an average of 10 years", "")
    assert lines(endpoints(endless), "OUT006") == [3]  # without its end, "thereafter" has none
