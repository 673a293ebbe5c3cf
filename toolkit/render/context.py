"""Builds the typed context of each document from the validated protocol.

One builder per document kind (`registry`, `summary`, `protocol`); they share the parts every
document has. Templates only lay the result out and never see the raw protocol.
"""

from __future__ import annotations

from toolkit.document.walk import get
from toolkit.render import labels
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
        original = get(self.data, *path)
        return Text(original, bool(original) and not self.translated)

    def items(self, *path) -> list[Text]:
        translated = get(self.translation, *path)
        original = get(self.data, *path, default=[])
        if translated and len(translated) == len(original):
            return [Text(item, False) for item in translated]
        return [Text(item, not self.translated) for item in original]

    def own(self, value: str | None) -> Text:
        """Author text the schema offers no translation for: marked when the document is in another language."""
        return Text(value, bool(value) and not self.translated)


class Parts:
    """What the builders share: the protocol, its language, its labels; each part built on demand."""

    def __init__(self, data: dict, kind: str, lang: str) -> None:
        self.data, self.kind, self.lang = data, kind, lang
        self.loc = Localized(data, lang)
        self.terms_table = labels.for_language(lang)
        self.labels_table = labels.HEADINGS["zh" if lang == "zh" else "en"]

    def page(self) -> dict:
        return {"kind": self.kind, "lang": self.lang, "html_lang": "zh-CN" if self.lang == "zh" else "en",
                "labels": namespace({**self.labels_table, **_words(self.terms_table)}),
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
        party = (get(sponsor, "responsible_party", "type") or "").replace("_", " ").capitalize()
        return Sponsor(lead=sponsor.get("lead"), collaborators=list(sponsor.get("collaborators", [])),
                       responsible_party=party or None)

    def design(self) -> list[Fact]:
        design, L, H = self.data.get("design", {}), self.terms_table, self.labels_table
        masking = design.get("masking")
        rows = [
            Fact(H["study_type"], L["study_type"].get(design.get("study_type"))),
            Fact(H["phase"], self.phase()),
            Fact(H["allocation"], L["allocation"].get(design.get("allocation"))),
            Fact(H["model"], L["model"].get(design.get("model"))),
            Fact(H["purpose"], L["purpose"].get(design.get("purpose"))),
            Fact(H["masking"], _masking(masking, L) if masking else None),
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
        L = self.terms_table
        return {i["id"]: Intervention(id=i["id"], name=Text(i["name"]), type_label=L["intervention_type"][i["type"]],
                                      description=Text(i.get("description")), other_names=list(i.get("other_names", [])),
                                      dosing=[_dose(d) for d in i.get("dosing", [])])
                for i in self.data.get("interventions", [])}

    def arms(self) -> list[Arm]:
        interventions = self.interventions()
        return [Arm(label=Text(arm["label"]), type_label=self.terms_table["arm_type"].get(arm.get("type"), ""),
                    description=Text(arm.get("description")),
                    given=[interventions[i] for i in arm.get("interventions", []) if i in interventions])
                for arm in self.data.get("arms", [])]

    def endpoints(self) -> Endpoints:
        def endpoint_list(key):
            return [Endpoint(measure=Text(e["measure"]), description=Text(e.get("description")),
                             timeframe=e.get("timeframe", "")) for e in get(self.data, "endpoints", key, default=[])]

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
            population=Text(eligibility.get("population")),
        )

    def central_contacts(self) -> list[Contact]:
        return [_contact(c) for c in get(self.data, "contacts", "central", default=[])]

    def officials(self) -> list[Official]:
        return [Official(name=o["name"], role=(o.get("role") or "").replace("_", " ") or None,
                         affiliation=o.get("affiliation")) for o in get(self.data, "contacts", "officials", default=[])]

    def locations(self) -> list[Site]:
        L = self.terms_table
        return [Site(facility=s["facility"], city=s.get("city"), state=s.get("state"), country=s.get("country"),
                     status=L["status"][s["status"]] if s.get("status") else None,
                     contacts=[_contact(c) for c in s.get("contacts", [])])
                for s in self.data.get("locations", [])]

    def references(self) -> list[Reference]:
        return [Reference(citation=r["citation"], pmid=_text_or_none(r.get("pmid")), doi=r.get("doi"), type=r.get("type"))
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


def _contact(c: dict) -> Contact:
    return Contact(name=c["name"], phone=c.get("phone"), email=c.get("email"))


def _age_words(value: str | None, lang: str) -> str | None:
    if not value:
        return None
    number, unit = value.split(" ", 1)
    if lang == "zh":
        return f"{number}{labels.UNITS_ZH.get(unit.lower().rstrip('s'), unit)}"
    return value.lower()


# --- the registry record -------------------------------------------------------------------------

def registry(data: dict, lang: str) -> RegistryContext:
    parts = Parts(data, "registry", lang)
    context = RegistryContext(
        **parts.page(), identifiers=parts.identifiers(), sponsor=parts.sponsor(),
        summary=parts.loc.text("summary"), description=parts.loc.text("description"),
        conditions=[str(c) for c in parts.loc.items("conditions")], keywords=list(data.get("keywords", [])),
        design=parts.design(), arms=parts.arms(), endpoints=parts.endpoints(), eligibility=parts.eligibility(),
        central_contacts=parts.central_contacts(), officials=parts.officials(), locations=parts.locations(),
        references=parts.references(), who=[],
    )
    context.who.extend(who_items(data, context, parts))
    return context


def who_items(data: dict, ctx: RegistryContext, parts: Parts) -> list[WhoItem]:
    """The 24 items of the WHO Trial Registration Data Set (v1.3.1), in order."""
    H, L = parts.labels_table, parts.terms_table
    status, ids, sponsor = ctx.status, ctx.identifiers, ctx.sponsor
    design = {fact.label: fact.value for fact in ctx.design}
    funding = get(data, "sponsor", "funding") or [x for x in [sponsor.lead, *sponsor.collaborators] if x]
    items = [
        ("Primary Registry and Trial Identifying Number", f"ClinicalTrials.gov {ids.nct}" if ids.nct else None),
        ("Date of Registration in Primary Registry", status.first_submitted),
        ("Secondary Identifying Numbers", "; ".join(s for s in [ids.org_study_id, *ids.secondary] if s) or None),
        ("Source(s) of Monetary or Material Support", "; ".join(funding) or None),
        ("Primary Sponsor", sponsor.lead),
        ("Secondary Sponsor(s)", "; ".join(sponsor.collaborators) or None),
        ("Contact for Public Queries", _contacts_text(ctx.central_contacts)),
        ("Contact for Scientific Queries", _officials_text(ctx.officials)),
        ("Public Title", ctx.title.brief.text),
        ("Scientific Title", " — ".join(x for x in [ctx.title.official.text, ctx.title.acronym] if x) or None),
        ("Countries of Recruitment", "; ".join(dict.fromkeys(s.country for s in ctx.locations if s.country)) or None),
        ("Health Condition(s) or Problem(s) Studied", "; ".join(ctx.conditions + ctx.keywords) or None),
        ("Intervention(s)", "; ".join(f"{a.label}: {', '.join(str(i.name) for i in a.given) or L['none']}"
                                     for a in ctx.arms) or None),
        ("Key Inclusion and Exclusion Criteria", _criteria_text(ctx.eligibility, H)),
        ("Study Type", "; ".join(f"{k}: {v}" for k, v in design.items() if k not in (H["enrollment"], H["follow_up"])) or None),
        ("Date of First Enrolment", status.start),
        ("Target Sample Size", design.get(H["enrollment"])),
        ("Recruitment Status", status.overall),
        ("Primary Outcome(s)", _outcomes_text(ctx.endpoints.primary)),
        ("Key Secondary Outcomes", _outcomes_text(ctx.endpoints.secondary)),
        ("Ethics Review", _ethics_text(get(data, "oversight", "ethics", default=[]))),
        ("Completion Date", "; ".join(f"{k}: {v}" for k, v in [(H["primary_completion"], status.primary_completion),
                                                               (H["completion"], status.completion)] if v) or None),
        ("Summary Results", "; ".join(r.citation for r in ctx.references if r.type == "result") or None),
        ("IPD Sharing Statement", _ipd_text(data.get("ipd_sharing"))),
    ]
    return [WhoItem(number, name, value or L["not_given"]) for number, (name, value) in enumerate(items, start=1)]


def _contacts_text(contacts: list[Contact]) -> str | None:
    return "; ".join(", ".join(x for x in (c.name, c.phone, c.email) if x) for c in contacts) or None


def _officials_text(officials: list[Official]) -> str | None:
    return "; ".join(", ".join(x for x in (o.name, o.affiliation) if x) for o in officials) or None


def _criteria_text(elig: Eligibility, H) -> str:
    parts = [f"{H['ages']}: {elig.ages}", f"{H['sex']}: {elig.sex}"]
    parts += [f"{H['inclusion']}: {len(elig.inclusion)}", f"{H['exclusion']}: {len(elig.exclusion)}"]
    return "; ".join(parts)


def _outcomes_text(endpoints: list[Endpoint]) -> str | None:
    return "; ".join(f"{e.measure}" + (f" ({e.timeframe})" if e.timeframe else "") for e in endpoints) or None


def _ethics_text(ethics) -> str | None:
    return "; ".join(", ".join(str(x) for x in (e["committee"], e.get("status"), e.get("date"), e.get("reference")) if x)
                     for e in ethics) or None


def _ipd_text(ipd) -> str | None:
    if not ipd:
        return None
    return ipd["plan"].capitalize() + (f": {ipd['description']}" if ipd.get("description") else "")


# --- the patient summary -------------------------------------------------------------------------

def summary(data: dict, lang: str) -> SummaryContext:
    parts = Parts(data, "summary", lang)
    page = parts.page()
    eligibility = parts.eligibility()
    return SummaryContext(**page, patient=_patient(parts, page["title"], eligibility), eligibility=eligibility,
                          arms=parts.arms(), central_contacts=parts.central_contacts(), locations=parts.locations())


def _patient(parts: Parts, title: Titles, elig: Eligibility) -> PatientSummary:
    """The patient summary: the author's plain-language text, and plain facts from the protocol."""
    data, loc, H = parts.data, parts.loc, parts.labels_table

    def own(key: str, fallback: Text | None = None) -> Text:
        if get(data, "patient", key) or get(loc.translation, "patient", key):
            return loc.text("patient", key)
        return fallback if fallback is not None else Text()

    design = data.get("design", {})
    glossary = get(loc.translation, "patient", "glossary") or get(data, "patient", "glossary", default=[])
    return PatientSummary(
        title=own("title", title.brief),
        purpose=own("purpose", loc.text("summary")),
        who_can_join=own("who_can_join"),
        ages_sentence=_ages_sentence(elig, H),
        sex_sentence=H[f"sex_{get(data, 'eligibility', 'sex') or 'not_stated'}"],
        involvement=own("involvement"),
        duration=own("duration"),
        follow_up=H["follow_up_text"].format(duration=design["follow_up"]) if design.get("follow_up") else None,
        people=_people(design, H),
        group_assignment=own("group_assignment", Text(_groups(design, data, H))),
        risks=own("risks", Text(H["risks_default"])),
        benefits=own("benefits", Text(H["benefits_default"])),
        contact=own("contact", Text(H["contact_default"])),
        glossary=[GlossaryEntry(g["term"], g["definition"]) for g in glossary],
    )


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


def _groups(design, data, H) -> str:
    allocation = design.get("allocation")
    arms = data.get("arms", [])
    if allocation == "randomized":
        ratio = get(design, "randomization", "ratio")
        if not ratio:
            return H["randomized"]
        parts = [int(x) for x in ratio.split(":")]
        if len(set(parts)) == 1:
            return f"{H['randomized']} {H['ratio_equal']}"
        shares = ", ".join(f"{a['label']}: {n}" for a, n in zip(arms, parts, strict=False))
        return f"{H['randomized']} {H['ratio_unequal'].format(parts=sum(parts), shares=shares)}"
    if len(arms) <= 1:
        return H["single_arm"]
    return H["non_randomized"]


# --- the protocol document (ICH M11) -------------------------------------------------------------

def protocol(data: dict, lang: str) -> ProtocolContext:
    parts = Parts(data, "protocol", lang)
    design = data.get("design", {})
    outline = [Heading(anchor, number, zh if lang == "zh" else en) for anchor, number, en, zh in labels.M11]
    interventions = parts.interventions()
    return ProtocolContext(
        **parts.page(), identifiers=parts.identifiers(), sponsor=parts.sponsor(),
        summary=parts.loc.text("summary"), description=parts.loc.text("description"),
        conditions=[str(c) for c in parts.loc.items("conditions")], design=parts.design(), phase=parts.phase(),
        enrollment=parts.enrollment(), site_distribution=(design.get("site_distribution") or "").replace("_", " ") or None,
        arms=parts.arms(), interventions=list(interventions.values()), endpoints=parts.endpoints(),
        objectives={k: list(get(data, "objectives", k, default=[])) for k in ("primary", "secondary", "exploratory")},
        eligibility=parts.eligibility(), assignment=_assignment(parts), ethics=_ethics(data),
        data_monitoring_committee=_yes_no(get(data, "oversight", "data_monitoring_committee"), parts.terms_table),
        references=parts.references(), sections=dict(data.get("sections", {})),
        outline=outline, heading={h.anchor: h for h in outline},
    )


def _assignment(parts: Parts) -> Assignment:
    design, L = parts.data.get("design", {}), parts.terms_table
    randomization = design.get("randomization") or {}
    masking = design.get("masking")
    return Assignment(allocation=L["allocation"].get(design.get("allocation")), ratio=randomization.get("ratio"),
                      method=randomization.get("method"),
                      stratification="; ".join(randomization.get("stratification") or []) or None,
                      blinding=_masking(masking, L) if masking else None,
                      masking_description=Text((masking or {}).get("description")))


def _ethics(data) -> list[Ethics]:
    return [Ethics(e["committee"], [str(x) for x in (e.get("status"), e.get("date"), e.get("reference")) if x])
            for e in get(data, "oversight", "ethics", default=[])]


def _yes_no(value, L) -> str | None:
    return None if value is None else (L["yes"] if value else L["no"])
