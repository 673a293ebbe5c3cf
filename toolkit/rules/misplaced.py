"""TXT (continued): text that does not belong in a protocol record, as PRS reviewers send it
back — results, payments, a person for a site, text cut off, a word twice, an acronym that is
the condition, a summary that is the title. Text is read by toolkit.parse.misplaced."""

from __future__ import annotations

from toolkit.diagnostics import Severity, dotted
from toolkit.parse import misplaced, placeholders
from toolkit.parse.placeholders import has_placeholder
from toolkit.rules._registry import Finding, rule

# Where an author writes about the trial in prose (not ids, names of people and places, references).
_PROSE_ROOTS = ("summary", "description", "arms", "interventions", "endpoints", "eligibility", "objectives",
                "sections", "patient", "title", "design", "status", "keywords", "conditions")


def _prose(doc) -> list[tuple[tuple, str]]:
    return doc.cached("prose", _prose_texts)  # four rules read the same texts


def _prose_texts(doc) -> list[tuple[tuple, str]]:
    prose = [(path, text) for root in doc.data if root in _PROSE_ROOTS
             for path, text in doc.strings_under(root) if path[-1] != "id"]
    if placeholders.none_in_document(doc):  # the usual case: no text to look at one by one
        return prose
    return [(path, text) for path, text in prose if not has_placeholder(text)]


def _prose_joined(doc) -> str:
    """The prose texts joined by NUL (which no text holds), for a first look at the whole document."""
    return doc.cached("prose-joined", lambda doc: "\x00".join(text for _, text in _prose(doc)))


def _long_text(path: tuple) -> bool:
    """Free-text descriptions, where a sentence is expected to end."""
    return path[0] in ("summary", "description", "sections") or path[-1] == "description"


@rule("TXT007", "results-in-protocol", Severity.WARNING)
def results_in_protocol(doc):
    """The protocol reports results or conclusions.

    ## What it checks
    A "Results:" or "Conclusion(s):" heading followed by what was found (not what "will" be),
    the way a pasted abstract reports a study's findings. Sentences about earlier studies'
    results are background and are not read (they belong in a summary).

    ## Why it matters
    A registry's protocol section describes the study as planned; its results have their own
    section with their own review. PRS reviewers send back protocol text that reports results.

    ## Example
    ```yaml
    description: "Patients were divided into responders and non-responders. Results: IIEF score was significantly higher."
    ```

    ## Use instead
    ```yaml
    description: "Patients will be divided into responders and non-responders by IIEF score."
    ```

    ## Fix
    Remove the results; report them in the registry's results section or cite the publication.
    """
    if not misplaced.may_report_results(_prose_joined(doc)):
        return
    for path, text in _prose(doc):
        heading = misplaced.results_claim(text)
        if heading:
            yield Finding(path, f'{dotted(path)}: "{heading}" reports what the study found; results do not belong '
                                f"in the protocol record")


@rule("TXT008", "participant-payment", Severity.WARNING)
def participant_payment(doc):
    """The protocol states an amount paid to participants.

    ## What it checks
    An amount of money ("$50", "USD 100", "100 dollars", "200元") near words of payment
    (compensated, reimbursed, paid, gift card, stipend, remunerated ...).

    ## Why it matters
    ClinicalTrials.gov does not accept payment information in a record (a PRS "Major" comment):
    it can read as an inducement, and amounts change more often than the record.

    ## Example
    ```yaml
    description: Participants will be remunerated with up to 100 dollars in gift certificates.
    ```

    ## Use instead
    ```yaml
    description: Travel costs are covered by the sponsor.
    ```

    ## Fix
    Remove the amount; the consent form is where participants learn about payments.
    """
    if not misplaced.may_name_money(_prose_joined(doc)):
        return
    for path, text in _prose(doc):
        amount = misplaced.payment(text)
        if amount:
            yield Finding(path, f'{dotted(path)}: "{amount}" offered to participants; payment information does not '
                                f"belong in the registry record")


@rule("TXT009", "facility-is-a-person", Severity.WARNING)
def facility_is_a_person(doc):
    """A site's facility is a person's name.

    ## What it checks
    `locations[].facility` that reads as a person: a doctor's title and a name with nothing
    naming an institution ("Dr Mark Goldstein", "William LoVerme, MD"), or a Chinese name in
    pinyin, surname first ("Huang xiaoyong"). Hospitals named after people ("Dr. H. Bliss
    Murphy Cancer Center") and place names ("Nice, France") are left alone.

    ## Why it matters
    The facility is where participants go; a person's name there tells a patient nothing and
    is usually the investigator typed into the wrong field (seed trial NCT04361331's only site
    read "Huang xiaoyong, Shanghai, , China").

    ## Example
    ```yaml
    locations:
      - {facility: Huang xiaoyong, city: Shanghai, country: China}
    ```

    ## Use instead
    ```yaml
    locations:
      - {facility: "Zhongshan Hospital, Fudan University", city: Shanghai, country: China}
      - {facility: Dr. H. Bliss Murphy Cancer Center, city: St. John's, country: Canada}
    ```

    ## Fix
    Name the hospital or clinic; put the investigator under the site's contacts.
    """
    for index, location in enumerate(doc.data.get("locations", [])):
        name = misplaced.person_name(location["facility"])
        if name:
            yield Finding(("locations", index, "facility"),
                          f'facility "{name}" is a person\'s name; give the hospital or clinic, and the person as a contact')


@rule("TXT010", "text-cut-off", Severity.WARNING)
def text_cut_off(doc):
    """A description stops in the middle of a sentence.

    ## What it checks
    Summaries, descriptions and the descriptions of arms, interventions and outcomes that end
    on a joining word or an open bracket ("... the optimal biochemical definition of", "... Data
    from"): text cut off by a length limit or a bad paste.

    ## Why it matters
    What was cut is lost from every document rendered from the protocol, and the registry shows
    a sentence that says nothing.

    ## Example
    ```yaml
    summary: A follow-up call is made at week 4. Data from
    ```

    ## Use instead
    ```yaml
    summary: A follow-up call is made at week 4. Data from the call are recorded in the eCRF.
    ```

    ## Fix
    Restore the end of the text; shorten it elsewhere if it has to fit a limit.
    """
    for path, text in _prose(doc):
        if _long_text(path):
            tail = misplaced.cut_off(text)
            if tail:
                yield Finding(path, f'{dotted(path)} stops mid-sentence: "…{tail}"')


@rule("TXT011", "doubled-word", Severity.WARNING)
def doubled_word(doc):
    """A word is written twice in a row.

    ## What it checks
    The same word twice on one line ("the the", "receive receive"). Abbreviations in
    capitals, a word in another case starting something new ("day Day 13") and "in in vitro"
    are left alone.

    ## Why it matters
    It is a typing slip that reaches the registry and the patient summary, and a sign that
    the text was not read before submission.

    ## Example
    ```yaml
    summary: Subjects receive receive a single dose.
    ```

    ## Use instead
    ```yaml
    summary: Subjects receive a single dose.
    ```

    ## Fix
    Delete the second word.
    """
    if not misplaced.may_double_a_word(_prose_joined(doc)):
        return
    for path, text in _prose(doc):
        twice = misplaced.doubled_word(text)
        if twice:
            yield Finding(path, f'{dotted(path)}: "{twice}" has a word twice')


@rule("TXT012", "acronym-is-a-condition", Severity.WARNING)
def acronym_is_a_condition(doc):
    """The trial's acronym is the name or abbreviation of its condition.

    ## What it checks
    `title.acronym` against `conditions`: the acronym is the condition ("COVID-19"), its
    abbreviation in parentheses ("ICC" for "Intrahepatic Cholangiocarcinoma (ICC)"), or its
    initials ("ED" for "Erectile Dysfunction").

    ## Why it matters
    The registry's acronym names the study (TOPAZ-1, KEYNOTE-966), so that people can find and
    cite it; a condition's abbreviation there names every trial in the field.

    ## Example
    ```yaml
    title:
      brief: Vardenafil in erectile dysfunction
      acronym: ED
    conditions: [Erectile Dysfunction]
    ```

    ## Use instead
    ```yaml
    title:
      brief: Vardenafil in erectile dysfunction
      acronym: VARED
    conditions: [Erectile Dysfunction]
    ```

    ## Fix
    Give the study's own acronym, or remove `acronym`.
    """
    acronym = (doc.data.get("title") or {}).get("acronym")
    if acronym and not has_placeholder(acronym):
        condition = misplaced.acronym_condition(acronym, doc.data.get("conditions", []))
        if condition:
            yield Finding(("title", "acronym"), f'acronym "{acronym}" is the condition "{condition}", not the study\'s own acronym')


@rule("TXT013", "summary-repeats-title", Severity.WARNING)
def summary_repeats_title(doc):
    """The brief summary only repeats the title.

    ## What it checks
    `summary` whose words are those of the brief or official title, give or take two.

    ## Why it matters
    The brief summary tells the public what the study is about, its hypothesis and design in
    a few sentences; one that repeats the title says nothing more, and reviewers send it back.

    ## Example
    ```yaml
    title:
      brief: Trial to Evaluate the Efficacy and Safety of HCP1302
    summary: Trial to Evaluate the Efficacy and Safety of HCP1302
    ```

    ## Use instead
    ```yaml
    title:
      brief: Trial to Evaluate the Efficacy and Safety of HCP1302
    summary: >-
      This trial compares HCP1302 with its two components taken separately in adults with
      hypertension and dyslipidaemia, over 8 weeks.
    ```

    ## Fix
    Say in a few sentences what the study tests, in whom, and how.
    """
    summary = doc.data.get("summary")
    titles = doc.data.get("title") or {}
    if not summary:
        return
    for kind in ("brief", "official"):
        title = titles.get(kind)
        if title and misplaced.repeats(summary, title):
            if has_placeholder(summary):  # looked for only now: a summary nearly never repeats a title
                return
            yield Finding(("summary",), f"the summary only repeats the {kind} title; say what the study tests, in whom and how")
            return
