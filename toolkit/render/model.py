"""The typed render context: what a template may show, with names instead of raw protocol paths.

Templates only lay these out. Everything here is either the author's text (in the requested
language when the author translated it, marked `original` otherwise), a fixed label, or a fact
the toolkit derives from the protocol in words (ages as a sentence, how groups are decided).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace


@dataclass(frozen=True)
class Text:
    """Author's text; `original` is True when it is shown in the protocol's language, untranslated."""

    text: str | None = None
    original: bool = False
    lang: str | None = None  # the text's language when it is shown untranslated

    def __bool__(self) -> bool:
        return bool(self.text)

    def __str__(self) -> str:
        return self.text or ""


@dataclass(frozen=True)
class Fact:
    """One "label: value" line of a facts list; facts without a value are not shown."""

    label: str
    value: str | None


@dataclass(frozen=True)
class Meta:
    id: str
    nct: str | None
    version: str | None
    date: str | None
    author: str
    title: str | None
    kind: str


@dataclass(frozen=True)
class Titles:
    brief: Text
    official: Text
    acronym: str | None


@dataclass(frozen=True)
class Status:
    code: str | None  # the schema's value (completed, terminated...): documents adapt to it
    overall: str | None  # its label in the document's language
    why_stopped: Text
    start: str | None
    primary_completion: str | None
    completion: str | None
    first_submitted: str | None
    last_updated: str | None


@dataclass(frozen=True)
class Dose:
    dose: str
    phase: str
    route: str
    frequency: str
    schedule: str
    duration: str
    condition: str


@dataclass(frozen=True)
class Intervention:
    id: str
    name: Text
    type_label: str
    description: Text
    other_names: list[str]
    dosing: list[Dose]
    doses: list[str] = field(default_factory=list)  # each regimen in one line, as the registry shows doses
    arms: list[str] = field(default_factory=list)  # labels of the arms that give it


@dataclass(frozen=True)
class Arm:
    label: Text
    type_label: str
    description: Text
    given: list[Intervention]


@dataclass(frozen=True)
class Endpoint:
    measure: Text
    description: Text
    timeframe: Text


@dataclass(frozen=True)
class Endpoints:
    primary: list[Endpoint]
    secondary: list[Endpoint]
    other: list[Endpoint]


@dataclass(frozen=True)
class Eligibility:
    ages: str
    low: str | None
    high: str | None
    no_age_limit: bool
    sex: str
    healthy_volunteers: str | None
    inclusion: list[Text]
    exclusion: list[Text]
    population: Text

    @property
    def criteria_original(self) -> bool:
        return any(item.original for item in self.inclusion + self.exclusion)


@dataclass(frozen=True)
class Contact:
    name: Text
    phone: str | None = None
    email: str | None = None
    role: str | None = None  # label in the document's language

    @property
    def reachable(self) -> bool:
        return bool(self.phone or self.email)


@dataclass(frozen=True)
class Official:
    name: Text
    role: str | None
    affiliation: str | None


@dataclass(frozen=True)
class Site:
    facility: Text
    city: str | None
    state: str | None
    country: str | None
    status: str | None  # label in the document's language
    contacts: list[Contact] = field(default_factory=list)
    zip: str | None = None


@dataclass(frozen=True)
class Sponsor:
    lead: Text
    collaborators: list[Text]
    responsible_party: str | None
    collaborators_joined: Text


@dataclass(frozen=True)
class Reference:
    citation: str
    pmid: str | None
    doi: str | None
    type: str | None


@dataclass(frozen=True)
class Identifiers:
    nct: str | None
    org_study_id: str | None
    secondary: list[str]


@dataclass(frozen=True)
class WhoItem:
    number: int
    name: str
    value: str
    lines: list[str] = field(default_factory=list)  # an item's list (item 14: the criteria themselves)


@dataclass(frozen=True)
class Link:
    label: str | None
    url: str


@dataclass(frozen=True)
class Heading:
    """A numbered section of the protocol document (ICH M11)."""

    anchor: str
    number: str
    title: str


@dataclass(frozen=True)
class Ethics:
    committee: Text
    details: list[str]


@dataclass(frozen=True)
class Assignment:
    allocation: str | None
    ratio: str | None
    method: str | None
    stratification: str | None
    blinding: str | None
    masking_description: Text


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    definition: str


@dataclass(frozen=True)
class PatientSummary:
    """The patient summary: the author's plain-language text, and facts the toolkit states in plain words.

    Text that is not plain language (the scientific summary, the eligibility criteria) is only
    shown under a sentence that says so (`purpose_is_technical`, `criteria`).
    """

    title: Text
    open: bool  # the trial is, or will be, looking for participants: the summary speaks of joining
    closed: bool  # recruitment is over (or never happened): the summary speaks in the past
    status_sentence: str
    why_stopped: Text
    results: list[str]
    results_sentence: str | None
    purpose: Text
    purpose_is_technical: bool
    who_can_join: Text
    ages_sentence: str
    sex_sentence: str
    criteria: list[Text]  # shown only when the author wrote no `who_can_join`, under a "written for doctors" note
    involvement: Text
    people: str | None
    group_assignment: Text
    duration: Text
    follow_up: str | None
    risks: Text
    benefits: Text
    contact: Text
    contact_sentence: str
    central_contacts: list[Contact]
    sites: list[Site]
    has_usable_contact: bool
    glossary: list[GlossaryEntry]
    glossary_from_list: list[GlossaryEntry]  # the toolkit's explanations of terms the shown text uses

    def plain_text(self) -> list[Text]:
        """The text presented to the patient as plain language, as shown (for readability)."""
        own = [self.status_sentence, self.results_sentence]
        own += [] if self.who_can_join else [self.ages_sentence, self.sex_sentence]
        own += [self.people, self.follow_up, self.contact_sentence]
        shown = [self.purpose] if not self.purpose_is_technical else []
        shown += [self.who_can_join, self.involvement, self.group_assignment, self.duration, self.risks,
                  self.benefits, self.contact] + [Text(sentence) for sentence in own if sentence]
        return [text for text in shown if text]


def joined(items: list, separator: str = "; ") -> Text:
    """Several author texts as one, marked untranslated when any of them is."""
    original = next((item for item in items if isinstance(item, Text) and item.original), None)
    text = separator.join(str(item) for item in items if item) or None
    return Text(text, original is not None and text is not None, original.lang if original else None)


def namespace(table: dict) -> SimpleNamespace:
    """A label table with attribute access (`labels.status.completed`), nested tables too."""
    return SimpleNamespace(**{key: namespace(value) if isinstance(value, dict) else value
                              for key, value in table.items()})


@dataclass(frozen=True)
class Page:
    """What every document has: its kind, language, labels and running header."""

    kind: str
    lang: str
    html_lang: str
    source_lang: str  # the protocol's language
    untranslated: bool  # the document is in another language than the protocol: untranslated text is marked
    labels: SimpleNamespace  # headings, fixed words and sentences (labels.sponsor, labels.not_given)
    terms: SimpleNamespace  # the words for the schema's enumerated values (terms.status.completed)
    meta: Meta
    title: Titles
    status: Status


@dataclass(frozen=True)
class RegistryContext(Page):
    identifiers: Identifiers
    sponsor: Sponsor
    summary: Text
    description: Text
    conditions: list[Text]
    keywords: list[str]
    design: list[Fact]
    arms: list[Arm]
    endpoints: Endpoints
    eligibility: Eligibility
    central_contacts: list[Contact]
    officials: list[Official]
    locations: list[Site]
    references: list[Reference]
    who: list[WhoItem]
    interventions: list[Intervention]
    ipd: list[Fact]
    links: list[Link]


@dataclass(frozen=True)
class SummaryContext(Page):
    patient: PatientSummary
    arms: list[Arm]


@dataclass(frozen=True)
class ProtocolContext(Page):
    identifiers: Identifiers
    sponsor: Sponsor
    summary: Text
    description: Text
    conditions: list[Text]
    design: list[Fact]
    phase: str | None
    enrollment: str | None
    site_distribution: str | None
    arms: list[Arm]
    interventions: list[Intervention]
    endpoints: Endpoints
    objectives: dict[str, list[Text]]
    eligibility: Eligibility
    assignment: Assignment
    ethics: list[Ethics]
    data_monitoring_committee: str | None
    references: list[Reference]
    sections: dict[str, Text]
    outline: list[Heading]
    heading: dict[str, Heading]
    amendment: object  # toolkit.render.amendment.AmendmentDetails, or None: no amendment recorded
