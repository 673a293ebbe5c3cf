"""NAR: what the narrative says against the structured fields.

NAR001-NAR002 read only the titles for the design (summaries also describe earlier trials).
NAR003-NAR009 read explicit statements about the study's size, ratio, groups, follow-up and
participants out of the titles, summary, description and design texts, sentence by sentence,
skipping sentences about other studies and negated ones; the reading is done by
toolkit.parse.statements (and toolkit.parse.allocation for ratios).
"""

from __future__ import annotations

from toolkit.diagnostics import Severity
from toolkit.document.accessors import ratio_parts
from toolkit.document.walk import get
from toolkit.parse import statements
from toolkit.parse.allocation import stated_ratios
from toolkit.parse.design_words import design_words, phases
from toolkit.parse.durations import age_days
from toolkit.parse.placeholders import has_placeholder, none_in_document
from toolkit.rules._registry import Finding, rule

_REGISTRABLE = [{"na"}, {"early_phase1"}, {"phase1"}, {"phase1", "phase2"}, {"phase2"}, {"phase2", "phase3"}, {"phase3"}, {"phase4"}]
_SHOWN = {"early_phase1": "early phase 1", "phase1": "phase 1", "phase2": "phase 2", "phase3": "phase 3",
          "phase4": "phase 4", "na": "not applicable"}


def _titles(doc) -> list[tuple[tuple, str]]:
    return [(path, text) for path, text in _written(doc) if path[0] == "title"]


def _written(doc) -> list[tuple[tuple, str]]:
    """(path, text) of the titles, then of the texts that describe the study (summary, description,
    design texts), each written (not a placeholder): read once per document for NAR001-NAR009."""
    return doc.cached("narrative-texts", _written_texts)


def _written_texts(doc) -> list[tuple[tuple, str]]:
    data = doc.data
    no_placeholder = none_in_document(doc)  # most documents: no text needs asking
    found: list[tuple[tuple, str]] = []
    for kind in ("brief", "official"):
        text = get(data, "title", kind)
        if text and (no_placeholder or not has_placeholder(text)):
            found.append((("title", kind), text))
    for path in (("summary",), ("description",), ("design", "model_description"), ("sections", "design_description")):
        text = get(data, *path)
        if isinstance(text, str) and text.strip() and (no_placeholder or not has_placeholder(text)):
            found.append((path, text))
    return found


def _show(values) -> str:
    return "/".join(_SHOWN.get(v, v) for v in sorted(values))


@rule("NAR001", "title-phase-vs-phases", Severity.WARNING)
def title_phase_vs_phases(doc):
    """A title states a phase that `design.phases` does not give.

    ## What it checks
    "Phase II", "Phase 2/3", "Phase Ib/II", "Phase 0" in the brief or official title against
    `design.phases` of an interventional study. Titles naming two parts' phases ("Phase I ...,
    followed by a phase III") and combinations the registry cannot record ("Phase I-III") are
    left alone.

    ## Why it matters
    The phase is one of the registry's search filters and tells readers how far the drug's
    development has come; a title and a phase field that disagree send reviewers back to the
    record and readers to the wrong conclusion.

    ## Example
    ```yaml
    title:
      brief: A Phase III Randomized Trial of D2 Versus D3 Lymphadenectomy
    design:
      study_type: interventional
      phases: [na]
    ```

    ## Use instead
    ```yaml
    title:
      brief: A Phase III Randomized Trial of D2 Versus D3 Lymphadenectomy
    design:
      study_type: interventional
      phases: [phase3]
    ```

    ## Fix
    Make the title and `design.phases` say the same phase.
    """
    given = get(doc.data, "design", "phases")
    if not given or get(doc.data, "design", "study_type", default="interventional") != "interventional":
        return
    for path, text in _titles(doc):
        stated = phases(text)
        if stated and stated in _REGISTRABLE and stated != set(given):
            yield Finding(path, f"the {path[1]} title says {_show(stated)}, but design.phases is {_show(given)}",
                          related=(("design", "phases"),))


def _contradictions(doc, words: dict[str, str], text: str):
    """(word as written, the design field it contradicts, what that field says)."""
    design = doc.data.get("design") or {}
    allocation, model = design.get("allocation"), design.get("model")
    masking = (design.get("masking") or {}).get("level")
    perspective = design.get("time_perspective")
    if "randomized" in words and allocation in ("non_randomized", "na"):
        yield words["randomized"], ("design", "allocation"), allocation
    if "non_randomized" in words and allocation == "randomized":
        yield words["non_randomized"], ("design", "allocation"), allocation
    if "open_label" in words and masking in ("double", "triple", "quadruple") and "double_blind" not in words \
            and "blind" not in text.lower() and "mask" not in text.lower():
        yield words["open_label"], ("design", "masking", "level"), masking
    if "double_blind" in words and masking in ("none", "single"):
        yield words["double_blind"], ("design", "masking", "level"), masking
    if "crossover" in words and model and model != "crossover" and design.get("study_type") == "interventional":
        yield words["crossover"], ("design", "model"), model
    if "prospective" in words and perspective == "retrospective":
        yield words["prospective"], ("design", "time_perspective"), perspective
    if "retrospective" in words and perspective == "prospective":
        yield words["retrospective"], ("design", "time_perspective"), perspective


@rule("NAR002", "title-design-vs-design", Severity.WARNING)
def title_design_vs_design(doc):
    """A title describes a design that the design fields contradict.

    ## What it checks
    Words in the brief or official title against the structured design: "randomized" with an
    allocation that is non-randomized or N/A (and "non-randomized" with a randomized one),
    "double-blind" with no or single masking, "open-label" with double or higher masking
    (unless the title also says what is blinded), "crossover" with another intervention model,
    "prospective" or "retrospective" with the other time perspective. Negations
    ("non-randomized", "not blinded") say the opposite and are read so.

    ## Why it matters
    Readers and the registry's search filters go by the design fields, and the title is what
    everyone reads first; when they disagree one of them misstates the trial, and reviewers
    send the record back.

    ## Example
    ```yaml
    title:
      brief: A Randomized Phase II Study of Thalidomide and Prednisone
    design:
      study_type: interventional
      allocation: na
    ```

    ## Use instead
    ```yaml
    title:
      brief: A Randomized Phase II Study of Thalidomide and Prednisone
    design:
      study_type: interventional
      allocation: randomized
    ```

    ## Fix
    Correct the design field, or the title.
    """
    for path, text in _titles(doc):
        for written, field, value in _contradictions(doc, design_words(text), text):
            yield Finding(path, f'the {path[1]} title says "{written}", but {".".join(field)} is {value}',
                          related=(field,))


def _narrative(doc, titles: bool = False) -> list[tuple[tuple, str]]:
    """(path, text) of the texts that describe the study: summary, description, design texts
    (and the titles when asked)."""
    return _written(doc) if titles else [(path, text) for path, text in _written(doc) if path[0] != "title"]


def _stated_counts(doc):
    for path, text in _narrative(doc):
        for count in statements.participant_counts(text):
            yield path, count


def _show_count(count) -> str:
    number = f"{count.low}-{count.high}" if count.low != count.high else str(count.low)
    return {"≤": "up to ", "≥": "at least ", "~": "about "}.get(count.bound, "") + number


@rule("NAR003", "enrollment-vs-text", Severity.WARNING)
def enrollment_vs_text(doc):
    """The text states a number of participants that `design.enrollment` does not give.

    ## What it checks
    A total the summary, description or design text states for this study ("a total of 120
    patients will be enrolled", "we plan to recruit approximately 60 participants", "sample
    size of 90", "计划纳入120例") against `design.enrollment.count`. An estimated count is held
    against planned numbers; an actual count only against numbers the text says were enrolled
    ("40 patients were enrolled"), since an actual count below or above the plan is what
    happens, not a contradiction. "About" allows 10 %, "up to" and "at least" are bounds,
    ranges ("100-120 patients") are ranges. Counts per arm, cohort or stage, several groups in
    one sentence ("20 patients and 20 healthy volunteers"), sentences about other studies and
    texts stating several different totals are left alone.

    ## Why it matters
    The enrollment is what the registry shows and what the sample size is judged by; a text
    that states another number leaves readers unsure which one the trial is planned for.
    A warning: the text may describe an earlier version of the plan.

    ## Example
    ```yaml
    summary: A total of 120 patients will be enrolled.
    design:
      study_type: interventional
      enrollment: {count: 80, type: estimated}
    ```

    ## Use instead
    ```yaml
    summary: A total of 120 patients will be enrolled.
    design:
      study_type: interventional
      enrollment: {count: 120, type: estimated}
    ```

    ## Fix
    Make the text and `design.enrollment.count` state the same number.
    """
    enrollment = get(doc.data, "design", "enrollment") or {}
    count = enrollment.get("count")
    if not isinstance(count, int) or count <= 0 or get(doc.data, "status", "overall") == "withdrawn":
        return
    tense = "past" if enrollment.get("type") == "actual" else "planned"
    stated = list(_stated_counts(doc))
    totals = [(path, c) for path, c in stated if c.scope == "total" and c.tense == tense]
    distinct = {(c.low, c.high, c.bound, c.scope): c for _, c in stated}.values()  # texts often repeat one statement
    if not totals or any(c.admits(count) for _, c in totals) or sum(c.low for c in distinct) == count:
        return
    if len({(c.low, c.high, c.bound) for _, c in totals}) > 1:
        return  # several totals (parts, amendments): the text itself is not one statement
    path, first = totals[0]
    yield Finding(path, f'the {path[-1].replace("_", " ")} says "{first.words}" ({_show_count(first)}), but '
                        f"design.enrollment.count is {count} ({enrollment.get('type', 'estimated')})",
                  related=(("design", "enrollment", "count"),))


@rule("NAR004", "ratio-vs-text", Severity.WARNING)
def ratio_vs_text(doc):
    """The text states an allocation ratio that `design.randomization.ratio` contradicts.

    ## What it checks
    A ratio stated in the titles, summary, description or design text ("randomized 2:1",
    "in a 1:1 ratio", "one-to-one", "按2:1比例随机") against `design.randomization.ratio`,
    compared part for part regardless of order ("2:1" and "1:2" agree, since texts name the
    arms in any order). Texts stating several different ratios (parts, re-randomization) are
    left alone when one of them fits, and sentences about other studies are skipped. Without
    a ratio field nothing is compared: the number of parts against the number of arms was
    measured on the registry corpus and was wrong in every case read (parts, cohorts, strata
    registered as arms).

    ## Why it matters
    The ratio decides how many participants each arm receives; a text and a field that
    disagree leave the sample size and the randomization list in doubt.
    A warning: the text may describe one part of a study with several randomizations.

    ## Example
    ```yaml
    summary: Patients will be randomized 2:1 to lenvatinib or sorafenib.
    design:
      study_type: interventional
      allocation: randomized
      randomization: {ratio: "1:1"}
    arms:
      - {id: a, label: Lenvatinib, type: experimental}
      - {id: b, label: Sorafenib, type: active_comparator}
    ```

    ## Use instead
    ```yaml
    summary: Patients will be randomized 2:1 to lenvatinib or sorafenib.
    design:
      study_type: interventional
      allocation: randomized
      randomization: {ratio: "2:1"}
    arms:
      - {id: a, label: Lenvatinib, type: experimental}
      - {id: b, label: Sorafenib, type: active_comparator}
    ```

    ## Fix
    Make the text and `design.randomization.ratio` state the same ratio.
    """
    if get(doc.data, "design", "allocation") != "randomized":
        return
    field = ratio_parts(doc.data)
    if not field:
        return
    found = [(path, parts, words) for path, text in _narrative(doc, titles=True)
             for sentence in statements.sentences(text) if statements.about_this_study(sentence)
             for parts, words in stated_ratios(sentence)]
    if not found:
        return
    if not any(sorted(parts) == sorted(field) for _, parts, _ in found):
        path, parts, words = found[0]
        yield Finding(path, f'the {path[-1].replace("_", " ")} says "{words}", but design.randomization.ratio is '
                            f"{':'.join(map(str, field))}", related=(("design", "randomization", "ratio"),))


@rule("NAR005", "arm-count-vs-text", Severity.WARNING)
def arm_count_vs_text(doc):
    """The text states a number of arms or groups that `arms` does not have.

    ## What it checks
    "randomized into two groups", "a three-arm trial", "single-arm study", "随机分为两组",
    "单臂" in the titles, summary, description or design text against the number of `arms`:
    the text describes more groups than the record lists, so an arm is missing. Fewer groups
    than arms are left alone: a "single-arm" or "two-arm" study often registers its cohorts,
    dose levels, parts or strata as arms (in the corpus, most such texts did), and the
    registry has no field for the randomized groups. Groups formed for analysis ("divided into
    two groups according to ...") are not arms. Negations ("not a two-arm design") and
    sentences about other studies ("unlike earlier two-arm trials") are skipped; when the
    text states several numbers, one that fits is enough.

    ## Why it matters
    Readers and the registry's results tables go by the arms; a text describing another
    number of groups means an arm is missing, extra, or the text is out of date.
    A warning: a text may describe one part of a study with several parts.

    ## Example
    ```yaml
    summary: Patients will be randomized into three groups.
    arms:
      - {id: a, label: Lenvatinib, type: experimental}
      - {id: b, label: Sorafenib, type: active_comparator}
    ```

    ## Use instead
    ```yaml
    summary: Patients will be randomized into two groups.
    arms:
      - {id: a, label: Lenvatinib, type: experimental}
      - {id: b, label: Sorafenib, type: active_comparator}
    ```

    ## Fix
    List every arm the text describes, or correct the text.
    """
    arms = doc.data.get("arms") or []
    if not arms:
        return
    found = [(path, stated) for path, text in _narrative(doc, titles=True) for stated in statements.arm_counts(text)]
    if found and all(stated.number > len(arms) for _, stated in found):
        path, stated = found[0]
        yield Finding(path, f'the {path[-1].replace("_", " ")} says "{stated.words}", but there '
                            f"{'is 1 arm' if len(arms) == 1 else f'are {len(arms)} arms'}", related=(("arms",),))


def _criteria(doc, kind: str) -> list[str]:
    items = get(doc.data, "eligibility", kind) or []
    return [item for item in items if isinstance(item, str)] if isinstance(items, list) else []


@rule("NAR006", "healthy-volunteers-vs-criteria", Severity.WARNING)
def healthy_volunteers_vs_criteria(doc):
    """Healthy volunteers are accepted, yet the inclusion criteria require a diagnosis.

    ## What it checks
    `eligibility.healthy_volunteers: true` while an inclusion criterion requires the disease
    ("histologically confirmed ...", "diagnosed with ...", "病理确诊") and nothing in the
    record admits people without it: no inclusion criterion, arm, title, summary, description or
    study population speaks of healthy people, controls, volunteers, caregivers, family members,
    staff, donors or screening. Studies that enrol patients and healthy controls say so
    somewhere, and are left alone.

    ## Why it matters
    The registry defines healthy volunteers as people who do not have the condition studied;
    a record that accepts them while requiring a confirmed diagnosis shows the trial to people
    who cannot take part, in the registry's "accepts healthy volunteers" filter.
    A warning: a criterion may apply to one group only without saying so.

    ## Example
    ```yaml
    eligibility:
      healthy_volunteers: true
      inclusion: [Histologically confirmed hepatocellular carcinoma]
    ```

    ## Use instead
    ```yaml
    eligibility:
      healthy_volunteers: false
      inclusion: [Histologically confirmed hepatocellular carcinoma]
    ```

    ## Fix
    Set `healthy_volunteers: false`, or say which criteria apply to the patients and which to
    the healthy participants.
    """
    if get(doc.data, "eligibility", "healthy_volunteers") is not True:
        return
    inclusion = _criteria(doc, "inclusion")
    required = [(index, words) for index, item in enumerate(inclusion) if (words := statements.requires_disease(item))]
    if not required:
        return
    others = inclusion + [arm.get(key) or "" for arm in doc.data.get("arms") or [] if isinstance(arm, dict)
                          for key in ("label", "description")]
    others += [text for _, text in _narrative(doc, titles=True)] + [get(doc.data, "eligibility", "population") or ""]
    if any(statements.admits_people_without_disease(text) for text in others if isinstance(text, str)):
        return
    index, words = required[0]
    yield Finding(("eligibility", "inclusion", index), f'healthy volunteers are accepted, but this criterion requires a '
                                                       f'diagnosis ("{words}") and no criterion admits people without it',
                  related=(("eligibility", "healthy_volunteers"),))


@rule("NAR007", "sex-vs-criteria", Severity.WARNING)
def sex_vs_criteria(doc):
    """The eligible sex contradicts criteria that name one sex, or both.

    ## What it checks
    `eligibility.sex: all` while an inclusion criterion admits one sex only ("Postmenopausal
    women with ...", "Male patients aged 18-75", "女性"); `female` or `male` while an inclusion
    criterion admits the other sex only, or both ("men and women", "男女不限"). Criteria about
    one sex that do not restrict who takes part are left alone ("women of childbearing
    potential must use contraception"), and so are records whose criteria speak of partners
    (studies of couples list the partner's criteria beside the participant's).

    ## Why it matters
    The registry's sex field decides who finds the trial; a field that says all while the
    criteria admit only women shows the trial to men who cannot take part, and one that says
    female while the criteria admit men hides it from them.
    A warning: a criterion may describe one group of a study that enrols both.

    ## Example
    ```yaml
    eligibility:
      sex: all
      inclusion: [Postmenopausal women with hormone receptor-positive breast cancer]
    ```

    ## Use instead
    ```yaml
    eligibility:
      sex: female
      inclusion: [Postmenopausal women with hormone receptor-positive breast cancer]
    ```

    ## Fix
    Make `eligibility.sex` say who the criteria admit, or correct the criterion.
    """
    sex = get(doc.data, "eligibility", "sex")
    if sex not in ("all", "female", "male"):
        return
    inclusion = _criteria(doc, "inclusion")
    if sex == "all":
        yield from _one_sex_only(inclusion + _criteria(doc, "exclusion"), inclusion)
        return
    if any(statements.about_partners(item) for item in inclusion + _criteria(doc, "exclusion")):
        return  # criteria for the participants' partners name the other sex without admitting it
    for index, criterion in enumerate(inclusion):
        required, both = statements.sex_required(criterion), statements.both_sexes(criterion)
        if required and required != sex:
            message = f"eligibility.sex is {sex}, but this criterion admits {_PEOPLE_OF[required]} only"
        elif both:
            message = f'eligibility.sex is {sex}, but this criterion admits both sexes ("{both}")'
        else:
            continue
        yield Finding(("eligibility", "inclusion", index), message, related=(("eligibility", "sex"),))
        return


_PEOPLE_OF = {"female": "women", "male": "men"}


def _one_sex_only(criteria: list[str], inclusion: list[str]):
    """With sex all: the first inclusion criterion admitting one sex, when no criterion names the other."""
    required = {index: sex for index, item in enumerate(inclusion) if (sex := statements.sex_required(item))}
    if len(set(required.values())) != 1:
        return
    sex = next(iter(required.values()))
    if any(statements.both_sexes(item) or (statements.sexes_named(item) - {sex}) for item in criteria):
        return
    index = min(required)
    yield Finding(("eligibility", "inclusion", index), f"eligibility.sex is all, but this criterion admits "
                                                       f"{_PEOPLE_OF[sex]} only and no criterion names {_PEOPLE_OF[_OTHER[sex]]}",
                  related=(("eligibility", "sex"),))


_OTHER = {"female": "male", "male": "female"}


@rule("NAR008", "follow-up-vs-text", Severity.WARNING)
def follow_up_vs_text(doc):
    """The text states a follow-up that `design.follow_up` does not give.

    ## What it checks
    How long each participant is followed, as the summary, description or design text states
    it ("followed up for 2 years", "a 5-year follow-up", "follow-up of up to 3 years",
    "随访3年"), against `design.follow_up`. "Up to" and "at least" are bounds; visit intervals
    ("every 3 months"), medians of other studies and negated sentences are skipped; when the
    text states several follow-ups, one that fits is enough.

    ## Why it matters
    The follow-up decides the study's length and when the last endpoints can be measured; a
    text and a field that disagree leave readers unsure how long they would take part.
    A warning: the text may describe follow-up after the study's own end.

    ## Example
    ```yaml
    summary: Patients will be followed up for 2 years.
    design:
      study_type: interventional
      follow_up: 1 year
    ```

    ## Use instead
    ```yaml
    summary: Patients will be followed up for 2 years.
    design:
      study_type: interventional
      follow_up: 2 years
    ```

    ## Fix
    Make the text and `design.follow_up` state the same duration.
    """
    given = get(doc.data, "design", "follow_up")
    days = age_days(str(given)) if given else None
    if not days:
        return
    found = [(path, stated) for path, text in _narrative(doc) for stated in statements.follow_ups(text)]
    if found and not any(stated.admits(days) for _, stated in found):
        path, stated = found[0]
        yield Finding(path, f'the {path[-1].replace("_", " ")} says "{stated.words}", but design.follow_up is {given}',
                      related=(("design", "follow_up"),))


@rule("NAR009", "withdrawn-reports-enrollment", Severity.WARNING)
def withdrawn_reports_enrollment(doc):
    """A withdrawn study whose text says participants were enrolled.

    ## What it checks
    `status.overall: withdrawn` (which the registry defines as stopped before the first
    participant was enrolled) while the summary, description or design text reports
    participants enrolled in the past tense ("40 patients were enrolled", "we have randomized
    12 participants", "已入组40例"). Plans ("will be enrolled") and sentences about other
    studies are not read as reports.

    ## Why it matters
    A withdrawn study has no participants; when its text says people were enrolled, either the
    status should be terminated (with the actual enrollment) or the text is out of date, and
    readers cannot tell whether anyone received the treatment.
    A warning: the text may report a pilot phase run outside the registered study.

    ## Example
    ```yaml
    status: {overall: withdrawn, why_stopped: Funding withdrawn}
    summary: 40 patients were enrolled before the sponsor stopped the study.
    design:
      study_type: interventional
      enrollment: {count: 0, type: actual}
    ```

    ## Use instead
    ```yaml
    status: {overall: withdrawn, why_stopped: Funding withdrawn}
    summary: 40 patients will be enrolled.
    design:
      study_type: interventional
      enrollment: {count: 0, type: actual}
    ```

    ## Fix
    If participants were enrolled, set the status to terminated and the actual enrollment;
    otherwise rewrite the text as a plan.
    """
    if get(doc.data, "status", "overall") != "withdrawn":
        return
    for path, count in _stated_counts(doc):
        if count.tense == "past":
            yield Finding(path, f'the study is withdrawn (no participant enrolled), but the {path[-1].replace("_", " ")} '
                                f'says "{count.words}"', related=(("status", "overall"),))
            return
