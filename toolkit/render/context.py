"""Builds the typed context of each document from the validated protocol.

One builder per document kind (`registry`, `summary`, `protocol`); they share the parts every
document has. Templates only lay the result out and never see the raw protocol.
"""

from __future__ import annotations

from toolkit.ctgov.dosing import dosing_line
from toolkit.document.accessors import amount_and_unit
from toolkit.document.walk import get
from toolkit.render import amendment as amendments
from toolkit.render import labels
from toolkit.render.countries import country_name
from toolkit.render.model import (
    Arm,
    Assignment,
    Contact,
    Dose,
    Eligibility,
    Endpoint,
    Endpoints,
    Ethics,
    Fact,
    GlossaryEntry,
    Heading,
    Identifiers,
    Intervention,
    Link,
    Meta,
    Official,
    PatientSummary,
    ProtocolContext,
    Reference,
    RegistryContext,
    Site,
    Sponsor,
    Status,
    SummaryContext,
    Text,
    Titles,
    WhoItem,
    namespace,
)


class Localized:
    """Picks the author's translation for `lang`, falling back to the original text (marked)."""

    def __init__(self, data: dict, lang: str) -> None:
        self.data, self.lang = data, lang
        self.source_lang = data.get("language", "en")
        self.translated = lang == self.source_lang
        self.translation = get(data, "translations", lang, default={}) if not self.translated else {}

    def text(self, *path) -> Text:
        translated = get(self.translation, *path)
        if translated:
            return Text(translated, False)
        return self.own(get(self.data, *path))

    def items(self, *path) -> list[Text]:
        translated = get(self.translation, *path)
        original = get(self.data, *path, default=[])
        if translated and len(translated) == len(original):
            return [Text(item, False) for item in translated]
        return [self.own(item) for item in original]

    def own(self, value: str | None) -> Text:
        """Author text the schema offers no translation for: marked when the document is in another language."""
        if value is None or self.translated:
            return Text(None if value is None else str(value))
        return Text(str(value), True, self.source_lang)


class Parts:
    """What the builders share: the protocol, its language, its labels; each part built on demand."""

    def __init__(self, data: dict, kind: str, lang: str) -> None:
        self.data, self.kind, self.lang = data, kind, lang
        self.loc = Localized(data, lang)
        self.terms_table = labels.for_language(lang)
        self.labels_table = labels.HEADINGS["zh" if lang == "zh" else "en"]

    def page(self) -> dict:
        words = _words(self.terms_table)
        language = self.terms_table["languages"].get(self.loc.source_lang, self.loc.source_lang)
        words["original_marker"] = words["original_marker"].format(language=language)
        words["original_list_marker"] = words["original_list_marker"].format(language=language)
        return {"kind": self.kind, "lang": self.lang, "html_lang": "zh-CN" if self.lang == "zh" else "en",
                "untranslated": not self.loc.translated, "source_lang": self.loc.source_lang,
                "labels": namespace({**self.labels_table, **words}),
                "terms": namespace(self.terms_table), "meta": self.meta(), "title": self.titles(),
                "status": self.status()}

    def meta(self) -> Meta:
        version = self.data.get("version", {})
        return Meta(id=self.data["id"], nct=get(self.data, "identifiers", "nct"), version=version.get("number"),
                    date=str(version["date"]) if version.get("date") is not None else None,
                    author=get(self.data, "sponsor", "lead") or "", title=self.loc.text("title", "brief").text,
                    kind=self.kind)

    def titles(self) -> Titles:
        return Titles(brief=self.loc.text("title", "brief"), official=self.loc.text("title", "official"),
                      acronym=get(self.data, "title", "acronym"))

    def status(self) -> Status:
        status, L = self.data.get("status", {}), self.terms_table
        overall = status.get("overall") or status.get("expanded_access") or ("unknown" if status.get("last_known") else None)
        return Status(code=overall, overall=L["status"][overall] if overall else None,
                      why_stopped=self.loc.own(status.get("why_stopped")),
                      start=_dated(status.get("start"), L), primary_completion=_dated(status.get("primary_completion"), L),
                      completion=_dated(status.get("completion"), L),
                      first_submitted=_text_or_none(status.get("first_submitted")),
                      last_updated=_text_or_none(status.get("last_updated")))

    def identifiers(self) -> Identifiers:
        ids = self.data.get("identifiers", {})
        return Identifiers(nct=ids.get("nct"), org_study_id=ids.get("org_study_id"),
                           secondary=[s["id"] for s in ids.get("secondary", [])])

    def sponsor(self) -> Sponsor:
        sponsor = self.data.get("sponsor", {})
        party = get(sponsor, "responsible_party", "type")
        return Sponsor(lead=self.loc.own(sponsor.get("lead")),
                       collaborators=[self.loc.own(c) for c in sponsor.get("collaborators", [])],
                       responsible_party=self.responsible_party() if party else None,
                       collaborators_joined=self.loc.own("; ".join(sponsor.get("collaborators", [])) or None))

    def responsible_party(self) -> str:
        """"Principal investigator: Shi Ming, Professor, Sun Yat-sen University", as the registry names them."""
        party = get(self.data, "sponsor", "responsible_party")
        kind = self.terms_table["responsible_party"][party["type"]]
        person = party.get("investigator") or {}
        who = ", ".join(x for x in (person.get("name"), person.get("title"), person.get("affiliation")) if x)
        return f"{kind}: {who}" if who else kind

    def design(self) -> list[Fact]:
        design, L, H = self.data.get("design", {}), self.terms_table, self.labels_table
        masking = design.get("masking")
        rows = [
            Fact(H["study_type"], L["study_type"].get(design.get("study_type"))),
            Fact(H["phase"], self.phase()),
            Fact(H["allocation"], L["allocation"].get(design.get("allocation"))),
            Fact(H["model"], L["model"].get(design.get("model"))),
            Fact(H["model_description"], design.get("model_description")),
            Fact(H["observational_model"], L["observational_model"].get(design.get("observational_model"))),
            Fact(H["time_perspective"], L["time_perspective"].get(design.get("time_perspective"))),
            Fact(H["purpose"], L["purpose"].get(design.get("purpose"))),
            Fact(H["masking"], _masking(masking, L) if masking else None),
            Fact(H["masking_description"], (masking or {}).get("description")),
            Fact(H["biospecimen"], L["retention"].get(get(design, "biospecimen", "retention"))),
            Fact(H["biospecimen_description"], get(design, "biospecimen", "description")),
            Fact(H["patient_registry"], _yes_no(design.get("patient_registry"), L)),
            Fact(H["target_duration"], design.get("target_duration")),
            Fact(H["ratio"], get(design, "randomization", "ratio")),
            Fact(H["enrollment"], self.enrollment()),
            Fact(H["follow_up"], design.get("follow_up")),
        ]
        return [row for row in rows if row.value]

    def phase(self) -> str | None:
        return "/".join(self.terms_table["phase"][p] for p in get(self.data, "design", "phases", default=[])) or None

    def enrollment(self) -> str | None:
        enrollment = get(self.data, "design", "enrollment")
        if not enrollment:
            return None
        kind = enrollment.get("type")
        return f"{enrollment['count']}" + (f" ({self.terms_table['enrollment_type'][kind]})" if kind else "")

    def interventions(self) -> dict[str, Intervention]:
        L, arms = self.terms_table, self.data.get("arms", [])
        own = self.loc.own
        return {i["id"]: Intervention(id=i["id"], name=own(i["name"]), type_label=L["intervention_type"][i["type"]],
                                      description=own(i.get("description")), other_names=list(i.get("other_names", [])),
                                      dosing=[_dose(d) for d in i.get("dosing", [])],
                                      doses=[line for line in map(dosing_line, i.get("dosing", [])) if line],
                                      arms=[a["label"] for a in arms if i["id"] in a.get("interventions", [])])
                for i in self.data.get("interventions", [])}

    def arms(self) -> list[Arm]:
        interventions = self.interventions()
        return [Arm(label=self.loc.own(arm["label"]), type_label=self.terms_table["arm_type"].get(arm.get("type"), ""),
                    description=self.loc.own(arm.get("description")),
                    given=[interventions[i] for i in arm.get("interventions", []) if i in interventions])
                for arm in self.data.get("arms", [])]

    def endpoints(self) -> Endpoints:
        def endpoint_list(key):
            own = self.loc.own
            return [Endpoint(measure=own(e["measure"]), description=own(e.get("description")),
                             timeframe=own(e.get("timeframe"))) for e in get(self.data, "endpoints", key, default=[])]

        return Endpoints(primary=endpoint_list("primary"), secondary=endpoint_list("secondary"),
                         other=endpoint_list("other"))

    def eligibility(self) -> Eligibility:
        eligibility, L = self.data.get("eligibility", {}), self.terms_table
        low = _age_words(eligibility.get("minimum_age"), self.lang)
        high = _age_words(eligibility.get("maximum_age"), self.lang)
        if low and high:
            ages = f"{low} – {high}"
        else:
            no_limit = L["no_limit"] if eligibility.get("no_age_limit") else L["not_stated"]
            ages = f"≥ {low}" if low else (f"≤ {high}" if high else no_limit)
        hv = eligibility.get("healthy_volunteers")
        return Eligibility(
            ages=ages, low=low, high=high, no_age_limit=bool(eligibility.get("no_age_limit")),
            sex=L["sex"][eligibility["sex"]] if eligibility.get("sex") else L["not_stated"],
            healthy_volunteers=None if hv is None else (L["yes"] if hv else L["no"]),
            inclusion=self.loc.items("eligibility", "inclusion"), exclusion=self.loc.items("eligibility", "exclusion"),
            population=self.loc.own(eligibility.get("population")),
        )

    def central_contacts(self) -> list[Contact]:
        return [_contact(c, self.loc, self.terms_table) for c in get(self.data, "contacts", "central", default=[])]

    def officials(self) -> list[Official]:
        roles = self.terms_table["official_role"]
        return [Official(name=self.loc.own(o["name"]), role=roles.get(o.get("role")) if o.get("role") else None,
                         affiliation=o.get("affiliation")) for o in get(self.data, "contacts", "officials", default=[])]

    def locations(self) -> list[Site]:
        L = self.terms_table
        return [Site(facility=self.loc.own(s["facility"]), city=s.get("city"), state=s.get("state"),
                     country=country_name(s["country"], self.lang) if s.get("country") else None,
                     status=L["status"][s["status"]] if s.get("status") else None,
                     contacts=[_contact(c, self.loc, L) for c in s.get("contacts", [])], zip=_text_or_none(s.get("zip")))
                for s in self.data.get("locations", [])]

    def ipd(self) -> list[Fact]:
        ipd, L, H = self.data.get("ipd_sharing") or {}, self.terms_table, self.labels_table
        rows = [Fact(H["ipd_plan"], L["ipd_plan"].get(ipd.get("plan"))), Fact(H["description_col"], ipd.get("description")),
                Fact(H["ipd_info_types"], "; ".join(L["ipd_info"][t] for t in ipd.get("info_types", [])) or None),
                Fact(H["ipd_time_frame"], ipd.get("time_frame")), Fact(H["ipd_access"], ipd.get("access_criteria")),
                Fact(H["ipd_url"], ipd.get("url"))]
        return [row for row in rows if row.value]

    def links(self) -> list[Link]:
        return [Link(label=link.get("label"), url=link["url"]) for link in self.data.get("links", [])]

    def references(self) -> list[Reference]:
        kinds = self.terms_table["reference_type"]
        return [Reference(citation=r["citation"], pmid=_text_or_none(r.get("pmid")), doi=r.get("doi"),
                          type=kinds[r["type"]] if r.get("type") else None)
                for r in self.data.get("references", [])]


def _words(terms: dict) -> dict:
    """The general words of the terms table (yes, no, not given...) that labels also offer."""
    return {key: value for key, value in terms.items() if isinstance(value, str)}


def _text_or_none(value) -> str | None:
    return None if value is None else str(value)


def _dated(item, L) -> str | None:
    if not item:
        return None
    kind = item.get("type")
    return f"{item['date']} ({L['date_type'][kind]})" if kind else str(item["date"])


def _masking(masking, L) -> str:
    text = L["masking"][masking["level"]]
    who = masking.get("who", [])
    return f"{text} ({', '.join(L['who'][w] for w in who)})" if who else text


def _dose(d: dict) -> Dose:
    return Dose(**{key: str(d.get(key, "")) for key in ("dose", "phase", "route", "frequency", "schedule",
                                                        "duration", "condition")})


def _contact(c: dict, loc: Localized, L: dict) -> Contact:
    return Contact(name=loc.own(c["name"]), phone=c.get("phone"), email=c.get("email"), role=L["role"].get(c.get("role")))


def _age_words(value: str | None, lang: str) -> str | None:
    parts = amount_and_unit(value)
    if not parts:
        return value or None
    number, unit = parts
    if lang == "zh":
        return f"{number}{labels.UNITS_ZH.get(unit.lower().rstrip('s'), unit)}"
    return f"{number} {unit}".lower()


# --- the registry record -------------------------------------------------------------------------

def registry(data: dict, lang: str) -> RegistryContext:
    parts = Parts(data, "registry", lang)
    context = RegistryContext(
        **parts.page(), identifiers=parts.identifiers(), sponsor=parts.sponsor(),
        summary=parts.loc.text("summary"), description=parts.loc.text("description"),
        conditions=parts.loc.items("conditions"), keywords=list(data.get("keywords", [])),
        design=parts.design(), arms=parts.arms(), endpoints=parts.endpoints(), eligibility=parts.eligibility(),
        central_contacts=parts.central_contacts(), officials=parts.officials(), locations=parts.locations(),
        references=parts.references(), who=[], interventions=list(parts.interventions().values()), ipd=parts.ipd(),
        links=parts.links(),
    )
    context.who.extend(who_items(data, context, parts))
    return context


def who_items(data: dict, ctx: RegistryContext, parts: Parts) -> list[WhoItem]:
    """The 24 items of the WHO Trial Registration Data Set (v1.3.1), in order."""
    H, L = parts.labels_table, parts.terms_table
    status, ids, sponsor = ctx.status, ctx.identifiers, ctx.sponsor
    design = {fact.label: fact.value for fact in ctx.design}
    descriptive = {H[k] for k in ("enrollment", "follow_up", "model_description", "masking_description",
                                  "biospecimen_description")}
    funding = get(data, "sponsor", "funding") or [str(x) for x in [sponsor.lead, *sponsor.collaborators] if x]
    values = [
        f"ClinicalTrials.gov {ids.nct}" if ids.nct else None,
        status.first_submitted,
        "; ".join(s for s in [ids.org_study_id, *ids.secondary] if s) or None,
        "; ".join(funding) or None,
        sponsor.lead.text,
        "; ".join(str(c) for c in sponsor.collaborators) or None,
        _contacts_text(ctx.central_contacts) or _site_contacts_text(ctx.locations),
        "; ".join(x for x in (_officials_text(ctx.officials), _investigator_text(sponsor.responsible_party)) if x) or None,
        ctx.title.brief.text,
        " — ".join(x for x in [ctx.title.official.text, ctx.title.acronym] if x) or None,
        "; ".join(dict.fromkeys(s.country for s in ctx.locations if s.country)) or None,
        "; ".join([str(c) for c in ctx.conditions] + ctx.keywords) or None,
        "; ".join(f"{a.label}: {', '.join(_given_text(i) for i in a.given) or L['none']}" for a in ctx.arms)
        or _interventions_text(ctx.interventions),
        _criteria_text(ctx.eligibility, H),
        "; ".join(f"{k}: {v}" for k, v in design.items() if k not in descriptive) or None,
        status.start,
        design.get(H["enrollment"]),
        status.overall,
        _outcomes_text(ctx.endpoints.primary),
        _outcomes_text(ctx.endpoints.secondary),
        _ethics_text(get(data, "oversight", "ethics", default=[]), L),
        "; ".join(f"{k}: {v}" for k, v in [(H["primary_completion"], status.primary_completion),
                                           (H["completion"], status.completion)] if v) or None,
        "; ".join(r.citation for r in ctx.references if r.type == L["reference_type"]["result"]) or None,
        "; ".join(f"{f.label}: {f.value}" for f in ctx.ipd) or None,
    ]
    names = [zh if parts.lang == "zh" else en for en, zh in labels.WHO_ITEMS]
    lines = {14: _criteria_lines(ctx.eligibility, H)}
    return [WhoItem(number, name, value or L["not_given"], lines.get(number, []))
            for number, (name, value) in enumerate(zip(names, values), start=1)]


def _contacts_text(contacts: list[Contact]) -> str | None:
    return "; ".join(", ".join(str(x) for x in (c.name, c.phone, c.email) if x) for c in contacts) or None


def _officials_text(officials: list[Official]) -> str | None:
    return "; ".join(", ".join(str(x) for x in (o.name, o.affiliation) if x) for o in officials) or None


def _site_contacts_text(sites: list[Site]) -> str | None:
    """Without central contacts, the registry's public contacts are the sites' own."""
    return "; ".join(f"{s.facility}: {_contacts_text(s.contacts)}" for s in sites if s.contacts) or None


def _investigator_text(responsible_party: str | None) -> str | None:
    """The responsible investigator, when the responsible party names one."""
    return responsible_party if responsible_party and ":" in responsible_party else None


def _given_text(i: Intervention) -> str:
    """"Drug: Lenvatinib (12 mg, oral, once daily; 8 mg, ...)": WHO item 13 asks for the details."""
    return f"{i.type_label}: {i.name}" + (f" ({'; '.join(i.doses)})" if i.doses else "")


def _interventions_text(interventions: list[Intervention]) -> str | None:
    return "; ".join(_given_text(i) for i in interventions) or None


def _criteria_text(elig: Eligibility, H) -> str:
    parts = [f"{H['ages']}: {elig.ages}", f"{H['sex']}: {elig.sex}"]
    if elig.healthy_volunteers:
        parts.append(f"{H['healthy_volunteers']}: {elig.healthy_volunteers}")
    if not elig.inclusion and not elig.exclusion:
        parts.append(H["criteria_none"])
    return "; ".join(parts)


def _criteria_lines(elig: Eligibility, H) -> list[str]:
    """The key criteria themselves (WHO item 14), each marked inclusion or exclusion."""
    return [f"{H['inclusion']}: {c}" for c in elig.inclusion] + [f"{H['exclusion']}: {c}" for c in elig.exclusion]


def _outcomes_text(endpoints: list[Endpoint]) -> str | None:
    return "; ".join(f"{e.measure}" + (f" ({e.timeframe})" if e.timeframe else "") for e in endpoints) or None


def _ethics_text(ethics, L) -> str | None:
    return "; ".join(", ".join(str(x) for x in (e["committee"], L["ethics_status"].get(e.get("status")), e.get("date"),
                                                e.get("reference")) if x)
                     for e in ethics) or None


# --- the patient summary -------------------------------------------------------------------------

OPEN_STATUSES = ("not_yet_recruiting", "recruiting", "enrolling_by_invitation")


def summary(data: dict, lang: str) -> SummaryContext:
    parts = Parts(data, "summary", lang)
    page = parts.page()
    return SummaryContext(**page, patient=_patient(parts, page["title"], page["status"]), arms=parts.arms())


def _patient(parts: Parts, title: Titles, status: Status) -> PatientSummary:
    """The patient summary: the author's plain-language text, and plain facts from the protocol."""
    data, loc, H = parts.data, parts.loc, parts.labels_table
    elig = parts.eligibility()

    def own(key: str) -> Text:
        if get(data, "patient", key) or get(loc.translation, "patient", key):
            return loc.text("patient", key)
        return Text()

    design = data.get("design", {})
    open_ = status.code in OPEN_STATUSES
    closed = status.code in ("active_not_recruiting", "suspended", "terminated", "completed", "withdrawn")
    purpose = own("purpose")
    who_can_join = own("who_can_join")
    contact = own("contact")
    central, sites = parts.central_contacts(), parts.locations()
    usable = _usable_contact(central, sites, contact)
    shown_technical = [] if purpose else [loc.text("summary")]
    criteria = [] if who_can_join else elig.inclusion[:5]
    patient = PatientSummary(
        title=own("title") or title.brief,
        open=open_,
        closed=closed,
        status_sentence=H[f"status_{status.code or 'missing'}"],
        why_stopped=status.why_stopped if status.code in ("terminated", "withdrawn", "suspended") else Text(),
        results=[r.citation for r in parts.references() if r.type == parts.terms_table["reference_type"]["result"]],
        results_sentence=_results_sentence(status, parts),
        purpose=purpose or loc.text("summary"),
        purpose_is_technical=not purpose,
        who_can_join=who_can_join,
        ages_sentence=_ages_sentence(elig, H),
        sex_sentence=H[f"sex_{get(data, 'eligibility', 'sex') or 'not_stated'}"],
        criteria=criteria,
        involvement=own("involvement"),
        people=_people(design, H),
        group_assignment=own("group_assignment") or Text(_groups(design, data, H, closed)),
        duration=own("duration"),
        follow_up=H["follow_up_text"].format(duration=_duration_words(design["follow_up"], parts.lang))
        if design.get("follow_up") else None,
        risks=own("risks") or (Text(H["risks_default"]) if open_ else Text()),
        benefits=own("benefits") or (Text(H["benefits_default"]) if open_ else Text()),
        contact=contact,
        contact_sentence=_contact_sentence(central, sites, usable, parts),
        central_contacts=central,
        sites=sites,
        has_usable_contact=usable,
        glossary=[],
        glossary_from_list=[],
    )
    author_glossary = get(loc.translation, "patient", "glossary") or get(data, "patient", "glossary", default=[])
    patient.glossary.extend(GlossaryEntry(g["term"], g["definition"]) for g in author_glossary)
    shown = patient.plain_text() + shown_technical + criteria
    patient.glossary_from_list.extend(_lay_glossary(shown, author_glossary, parts.lang))
    return patient


def _usable_contact(central: list[Contact], sites: list[Site], contact: Text) -> bool:
    """A phone number or e-mail a patient can use: a contact's, a site contact's, or in the author's text."""
    from toolkit.parse.contacts import has_phone_or_email

    return (any(c.reachable for c in central) or any(c.reachable for s in sites for c in s.contacts)
            or has_phone_or_email(contact.text))


def _contact_sentence(central: list[Contact], sites: list[Site], usable: bool, parts: Parts) -> str:
    H = parts.labels_table
    number = get(parts.data, "identifiers", "nct") or parts.data["id"]
    if not usable:
        return H["contact_none"].format(number=number)
    if any(c.reachable for c in central):
        return H["contact_central"]
    if any(c.reachable for s in sites for c in s.contacts):
        return H["contact_sites"]
    return ""  # the author's own text gives the phone number or e-mail


def _results_sentence(status: Status, parts: Parts) -> str | None:
    if status.code not in ("completed", "terminated", "active_not_recruiting"):
        return None
    if any(r.get("type") == "result" for r in parts.data.get("references", [])):
        return parts.labels_table["results_published"]
    nct = get(parts.data, "identifiers", "nct")
    H = parts.labels_table
    return H["results_not_yet"].format(number=nct) if nct else H["results_not_yet_no_number"]


def _lay_glossary(shown: list[Text], author_glossary: list, lang: str) -> list[GlossaryEntry]:
    """The toolkit's explanations of the medical terms the shown text uses that the author did not explain."""
    from toolkit.parse import lay_terms

    explained = " ".join(f"{g['term']} {g['definition']}" for g in author_glossary)
    explained_terms = {term.key for term in lay_terms.find(explained)}
    found = lay_terms.find("\n".join(str(text) for text in shown))
    return [GlossaryEntry(lay_terms.name(term, lang), lay_terms.explanation(term, lang))
            for term in found if term.key not in explained_terms]


def _duration_words(value: str, lang: str) -> str:
    """An ISO 8601 duration ("P52W") in words ("52 weeks", "52周"); any other text as written."""
    import re

    text = str(value).strip()
    iso = re.fullmatch(r"P(\d+)([YMWD])", text.upper())
    plain = re.fullmatch(r"(\d+)\s+(year|month|week|day)s?", text, re.IGNORECASE)
    if iso:
        number, unit = int(iso.group(1)), {"Y": "year", "M": "month", "W": "week", "D": "day"}[iso.group(2)]
    elif plain:
        number, unit = int(plain.group(1)), plain.group(2).lower()
    else:
        return text
    if lang == "zh":
        return f"{number}{labels.UNITS_ZH[unit]}" if unit != "year" else f"{number}年"
    return f"{number} {unit}{'s' if number != 1 else ''}"


def _ages_sentence(elig: Eligibility, H) -> str:
    if elig.low and elig.high:
        return H["age_range"].format(low=elig.low, high=elig.high)
    if elig.low:
        return H["age_min"].format(low=elig.low)
    if elig.high:
        return H["age_max"].format(high=elig.high)
    return H["age_any"] if elig.no_age_limit else H["age_not_stated"]


def _people(design, H) -> str | None:
    enrollment = design.get("enrollment")
    if not enrollment or not enrollment.get("count"):
        return None
    key = "people_actual" if enrollment.get("type") == "actual" else "people"
    return H[key].format(count=enrollment["count"])


def _groups(design, data, H, closed: bool = False) -> str:
    """How groups are decided, in words; in the past for a trial that no longer recruits."""
    allocation = design.get("allocation")
    arms = data.get("arms", [])
    tense = "_closed" if closed else ""
    if allocation == "randomized":
        ratio = get(design, "randomization", "ratio")
        randomized = H["randomized" + tense]
        if not ratio:
            return randomized
        parts = [int(x) for x in ratio.split(":")]
        gap = " " if H is labels.HEADINGS["en"] else ""
        if len(set(parts)) == 1:
            return f"{randomized}{gap}{H['ratio_equal']}"
        shares = ", ".join(f"{a['label']}: {n}" for a, n in zip(arms, parts, strict=False))
        return f"{randomized}{gap}{H['ratio_unequal'].format(parts=sum(parts), shares=shares)}"
    if len(arms) <= 1:
        return H["single_arm" + tense]
    return H["non_randomized" + tense]


# --- the protocol document (ICH M11) -------------------------------------------------------------

def protocol(data: dict, lang: str) -> ProtocolContext:
    parts = Parts(data, "protocol", lang)
    design = data.get("design", {})
    outline = [Heading(anchor, number, zh if lang == "zh" else en) for anchor, number, en, zh in labels.M11]
    interventions = parts.interventions()
    return ProtocolContext(
        **parts.page(), identifiers=parts.identifiers(), sponsor=parts.sponsor(),
        summary=parts.loc.text("summary"), description=parts.loc.text("description"),
        conditions=parts.loc.items("conditions"), design=parts.design(), phase=parts.phase(),
        enrollment=parts.enrollment(),
        site_distribution=parts.terms_table["site_distribution"].get(design.get("site_distribution")),
        arms=parts.arms(), interventions=list(interventions.values()), endpoints=parts.endpoints(),
        objectives={k: [parts.loc.own(o) for o in get(data, "objectives", k, default=[])]
                    for k in ("primary", "secondary", "exploratory")},
        eligibility=parts.eligibility(), assignment=_assignment(parts), ethics=_ethics(parts),
        data_monitoring_committee=_yes_no(get(data, "oversight", "data_monitoring_committee"), parts.terms_table),
        references=parts.references(),
        sections={key: parts.loc.own(value) for key, value in (data.get("sections") or {}).items()},
        outline=outline, heading={h.anchor: h for h in outline},
        amendment=amendments.details(data, lang, parts.loc),
    )


# --- the summary of changes (ICH M11) -----------------------------------------------------------

def amendment(data: dict, lang: str, before) -> amendments.AmendmentContext:
    """The changes since the file at --since REV (`before`, a toolkit.document.since.Before)."""
    parts = Parts(data, "amendment", lang)
    H = parts.labels_table
    old = before.data or {}
    number, date = get(data, "version", "number"), get(data, "version", "date")
    this = f"{number} ({date})" if number and date else (str(number) if number else None)
    old_number = get(old, "version", "number")
    compared = (H["version_at"].format(version=old_number, revision=before.revision) if old_number
                else H["at_revision"].format(revision=before.revision))
    return amendments.AmendmentContext(
        **parts.page(), details=amendments.details(data, lang, parts.loc),
        compared=[Fact(H["this_version"], this), Fact(H["compared_with"], compared)],
        rows=amendments.rows(old, data, lang, parts.loc), nothing_changed=H["no_changes"].format(revision=before.revision),
    )


def _assignment(parts: Parts) -> Assignment:
    design, L = parts.data.get("design", {}), parts.terms_table
    randomization = design.get("randomization") or {}
    masking = design.get("masking")
    return Assignment(allocation=L["allocation"].get(design.get("allocation")), ratio=randomization.get("ratio"),
                      method=randomization.get("method"),
                      stratification="; ".join(randomization.get("stratification") or []) or None,
                      blinding=_masking(masking, L) if masking else None,
                      masking_description=parts.loc.own((masking or {}).get("description")))


def _ethics(parts: Parts) -> list[Ethics]:
    L = parts.terms_table
    return [Ethics(parts.loc.own(e["committee"]), [str(x) for x in (L["ethics_status"].get(e.get("status")), e.get("date"),
                                                                   e.get("reference")) if x])
            for e in get(parts.data, "oversight", "ethics", default=[])]


def _yes_no(value, L) -> str | None:
    return None if value is None else (L["yes"] if value else L["no"])
