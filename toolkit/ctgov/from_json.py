"""ClinicalTrials.gov API v2 JSON (`protocolSection`) -> protocol data."""

from __future__ import annotations

from typing import Any

from toolkit.ctgov import common
from toolkit.ctgov.common import Notes, clean, slug
from toolkit.ctgov.record import Record
from toolkit.document import schema_paths

STATUSES = set(schema_paths.allowed(("status", "overall")))
EXPANDED_ACCESS = {"available", "no_longer_available", "temporarily_not_available", "approved_for_marketing"}
NOT_CARRIED = {
    "resultsSection": "the results section (the format holds the protocol, not its results)",
    "derivedSection": "the registry's derived data (MeSH terms, version holder)",
    "documentSection": "the list of uploaded documents (protocol, SAP, ICF files)",
    "annotationSection": "the registry's annotations",
}


def enum(value, allowed, what: str, notes: Notes):
    """Registry enum value ("NON_RANDOMIZED") -> ours ("non_randomized"), or None with a note."""
    if value is None:
        return None
    ours = str(value).lower()
    if ours in allowed:
        return ours
    notes.add(f"{what} {value!r} has no equivalent in the format; not carried")
    return None


def _enum_values(*path: str | int) -> set[str]:
    """The values the schema allows at a data path, e.g. ("design", "phases")."""
    return set(schema_paths.allowed(path))


def convert(data: dict, notes: Notes) -> dict:
    record = Record(data, notes)
    section = record.module("protocolSection")
    ident = section.module("identificationModule")
    if "identificationModule" not in section or not ident.keys():
        raise common.ImportError_("not a ClinicalTrials.gov API v2 study: no protocolSection.identificationModule")
    for key, what in NOT_CARRIED.items():
        if key in record:
            notes.add(f"not carried: {what}")
    nct = ident.text("nctId")
    if not nct:
        raise common.ImportError_("the record has no nctId (as text)")
    conditions = section.module("conditionsModule")
    description = section.module("descriptionModule")
    protocol = {
        "schema_version": 1,
        "id": nct,
        "identifiers": _identifiers(ident, notes),
        "title": {"brief": ident.text("briefTitle") or ident.text("officialTitle"), "official": ident.text("officialTitle"),
                  "acronym": ident.text("acronym")},
        "sponsor": _sponsor(section.module("sponsorCollaboratorsModule"), ident, notes),
        "status": _status(section.module("statusModule"), notes),
        "conditions": conditions.texts("conditions"),
        "keywords": conditions.texts("keywords"),
        "summary": clean(description.text("briefSummary")),
        "description": clean(description.text("detailedDescription")),
        "design": _design(section.module("designModule"), notes),
    }
    if not protocol["title"]["brief"]:
        raise common.ImportError_("the record has no title")
    arms, interventions = _arms_interventions(section.module("armsInterventionsModule"), notes)
    locations = section.module("contactsLocationsModule")
    protocol.update({
        "arms": arms,
        "interventions": interventions,
        "eligibility": _eligibility(section.module("eligibilityModule"), notes),
        "endpoints": _endpoints(section.module("outcomesModule")),
        "contacts": _contacts(locations, notes),
        "locations": _locations(locations, notes),
        "references": _references(section.module("referencesModule"), notes),
        "links": _links(section.module("referencesModule")),
        "oversight": _oversight(section.module("oversightModule"), notes),
        "ipd_sharing": _ipd(section.module("ipdSharingStatementModule"), notes),
    })
    return common.prune(protocol)


def _identifiers(ident: Record, notes):
    secondary = []
    types = _enum_values("identifiers", "secondary", 0, "type")
    for info in ident.records("secondaryIdInfos"):
        secondary.append({"id": info.text("id"), "type": enum(info.text("type"), types, "secondary id type", notes),
                          "domain": info.text("domain")})
    if "nctIdAliases" in ident:
        notes.add("not carried: NCT id aliases")
    return {"nct": ident.text("nctId"), "org_study_id": ident.module("orgStudyIdInfo").text("id"),
            "secondary": secondary}


def _sponsor(module: Record, ident: Record, notes):
    party = module.module("responsibleParty")
    responsible = None
    if party.text("type"):
        kind = enum(party.text("type"), {"sponsor", "principal_investigator", "sponsor_investigator"}, "responsible party", notes)
        person = {"name": party.text("investigatorFullName"), "title": party.text("investigatorTitle"),
                  "affiliation": party.text("investigatorAffiliation")}
        responsible = {"type": kind, "investigator": person if person["name"] else None} if kind else None
    lead = module.module("leadSponsor")
    collaborators = module.records("collaborators")
    if lead.text("class") or any(c.text("class") for c in collaborators):
        notes.add("not carried: sponsor classes (industry, other, NIH ...)")
    return {"lead": lead.text("name") or ident.module("organization").text("fullName"),
            "collaborators": [c.text("name") for c in collaborators], "responsible_party": responsible}


def _dated(struct: Record, notes):
    date = _date(struct.text("date"), notes)
    if not date:
        return None
    return {"date": date, "type": enum(struct.text("type"), {"actual", "estimated"}, "date type", notes)}


def _date(text: str | None, notes) -> str | None:
    """An ISO partial date as the API writes it; anything else (or a day that does not exist) is dropped."""
    if text and common.partial_date(text) != text:
        notes.add(f"date {text[:40]!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY) that exists; not carried")
        return None
    return text or None


def _status(module: Record, notes):
    overall = (module.text("overallStatus") or "").lower() or None
    status: dict[str, Any] = {"overall": None, "last_known": None, "withheld": None, "expanded_access": None}
    if overall in STATUSES:
        status["overall"] = overall
    elif overall in EXPANDED_ACCESS:
        status["expanded_access"] = overall
    elif overall == "withheld":  # system-assigned: the protocol is there, the registry hides it
        status["withheld"] = True
    elif overall == "unknown":
        status["last_known"] = enum(module.text("lastKnownStatus"), STATUSES, "last known status", notes)
    elif overall:
        notes.add(f"overall status {module.text('overallStatus')!r} is assigned by the registry and not carried")
    status.update({
        "why_stopped": module.text("whyStopped"),
        "start": _dated(module.module("startDateStruct"), notes),
        "primary_completion": _dated(module.module("primaryCompletionDateStruct"), notes),
        "completion": _dated(module.module("completionDateStruct"), notes),
        "first_submitted": _date(module.text("studyFirstSubmitDate"), notes),
        "first_posted": _date(module.module("studyFirstPostDateStruct").text("date"), notes),
        "last_updated": _date(module.module("lastUpdatePostDateStruct").text("date"), notes),
        "verified": _date(module.text("statusVerifiedDate"), notes),
    })
    return status


def _design(module: Record, notes):
    info = module.module("designInfo")
    masking = info.module("maskingInfo")
    study_type = enum(module.text("studyType"), {"interventional", "observational", "expanded_access"}, "study type", notes)
    level = enum(masking.text("masking"), {"none", "single", "double", "triple", "quadruple"}, "masking", notes)
    enrollment = module.module("enrollmentInfo")
    count = enrollment.integer("count")
    return {
        "study_type": study_type,
        "phases": [p for p in (enum(p, _enum_values("design", "phases"), "phase", notes)
                               for p in module.texts("phases")) if p],
        "allocation": enum(info.text("allocation"), {"randomized", "non_randomized", "na"}, "allocation", notes),
        "model": enum(info.text("interventionModel"), _enum_values("design", "model"), "intervention model", notes),
        "model_description": clean(info.text("interventionModelDescription")),
        "purpose": enum(info.text("primaryPurpose"), _enum_values("design", "purpose"), "primary purpose", notes),
        "observational_model": enum(info.text("observationalModel"),
                                    _enum_values("design", "observational_model"),
                                    "observational model", notes),
        "time_perspective": enum(info.text("timePerspective"),
                                 _enum_values("design", "time_perspective"),
                                 "time perspective", notes),
        "masking": {"level": level, "who": [w.lower() for w in masking.texts("whoMasked")],
                    "description": clean(masking.text("maskingDescription"))} if level else None,
        "enrollment": {"count": count,
                       "type": enum(enrollment.text("type"), {"actual", "estimated"}, "enrollment type", notes)}
        if count is not None else None,
        "biospecimen": _biospecimen(module.module("bioSpec"), notes),
        "patient_registry": module.boolean("patientRegistry"),
        "target_duration": module.text("targetDuration"),
        "expanded_access_types": [kind for kind in ("individual", "intermediate", "treatment")
                                  if module.module("expandedAccessTypes").boolean(kind)],
    }


def _biospecimen(spec: Record, notes):
    retention = enum(spec.text("retention"), {"none_retained", "samples_with_dna", "samples_without_dna"},
                     "biospecimen retention", notes)
    return {"retention": retention, "description": clean(spec.text("description"))}


def _arms_interventions(module: Record, notes):
    """Arms and interventions, linked. Links come from both sides of the record: an arm's
    interventionNames ("Drug: X") and an intervention's armGroupLabels, which is the only
    unambiguous one when several interventions share a name (one per starting dose, say)."""
    taken_interventions: set[str] = set()
    interventions: list[dict] = []
    by_name: dict[str, Any] = {}
    types = _enum_values("interventions", 0, "type")
    links: dict[str, list[str]] = {}
    for item in module.records("interventions"):
        name = item.text("name") or ""
        ident = slug(name, taken_interventions, "intervention")
        kind = enum(item.text("type"), types, "intervention type", notes) or "other"
        interventions.append({"id": ident, "name": item.text("name"), "type": kind,
                              "description": clean(item.text("description")), "other_names": item.texts("otherNames")})
        for key in (f"{item.text('type') or ''}: {name}".lower(), name.lower()):
            by_name.setdefault(key, []).append(ident)
        for arm_label in item.texts("armGroupLabels"):
            links.setdefault(arm_label, []).append(ident)
    taken_arms: set[str] = set()
    arm_types = _enum_values("arms", 0, "type")
    arms = []
    for group in module.records("armGroups"):
        label = group.text("label")
        refs = list(links.get(label, [])) if label else []
        for name in group.texts("interventionNames"):
            found = by_name.get(name.lower()) or by_name.get(name.split(": ", 1)[-1].lower())
            if not found:
                notes.add(f"arm {label!r} names intervention {name!r}, which the record does not define; link dropped")
            elif len(found) == 1:
                refs.append(found[0])
            elif not refs:  # several interventions share the name and nothing else says which
                refs.extend(found)
        arms.append({"id": slug(label or "", taken_arms, "arm"), "label": label,
                     "type": enum(group.text("type"), arm_types, "arm type", notes),
                     "description": clean(group.text("description")), "interventions": list(dict.fromkeys(refs))})
    return arms, interventions


def _eligibility(module: Record, notes):
    if "stdAges" in module:
        notes.add("not carried: standard age groups (the registry computes them)")
    out = {
        "sex": enum(module.text("sex"), {"all", "female", "male"}, "sex", notes),
        "minimum_age": common.age(module.text("minimumAge")),
        "maximum_age": common.age(module.text("maximumAge")),
        "healthy_volunteers": module.boolean("healthyVolunteers"),
        "population": clean(module.text("studyPopulation")),
        "sampling_method": enum(module.text("samplingMethod"), {"probability_sample", "non_probability_sample"},
                                "sampling method", notes),
        "gender_based": module.boolean("genderBased"),
        "gender_description": clean(module.text("genderDescription")),
    }
    if module.keys() and common.no_age_limit(module.text("minimumAge"), module.text("maximumAge")):
        out["no_age_limit"] = True  # the registry's N/A for both ages: it states there is none
    out.update(common.eligibility_items(module.text("eligibilityCriteria"), notes))
    return out


def _endpoints(module: Record):
    def items(key):
        return [{"measure": o.text("measure"), "description": clean(o.text("description")), "timeframe": o.text("timeFrame")}
                for o in module.records(key) if o.text("measure")]
    return {"primary": items("primaryOutcomes"), "secondary": items("secondaryOutcomes"), "other": items("otherOutcomes")}


def _contact(item: Record, notes):
    roles = {"contact", "principal_investigator", "sub_investigator", "study_chair", "study_director"}
    extension = item.text("phoneExt")
    if extension:
        notes.add("not carried: phone extensions (kept only in the phone number's text)")
    phone = item.text("phone")
    if phone and extension:
        phone = f"{phone} ext. {extension}"
    return {"name": item.text("name"), "role": enum(item.text("role"), roles, "contact role", notes),
            "phone": phone, "email": item.text("email")}


OFFICIAL_ROLES = {"principal_investigator", "study_chair", "study_director", "sub_investigator"}


def _contacts(module: Record, notes):
    officials = [{"name": o.text("name"), "affiliation": o.text("affiliation"),
                  "role": enum(o.text("role"), OFFICIAL_ROLES, "official role", notes)}
                 for o in module.records("overallOfficials") if o.text("name")]
    central = [_contact(c, notes) for c in module.records("centralContacts") if c.text("name")]
    return {"central": central, "officials": officials}


def _locations(module: Record, notes):
    out = []
    for site in module.records("locations"):
        if "geoPoint" in site:
            notes.add("not carried: site coordinates (geoPoint)")
        facility = site.text("facility")
        city, country = site.text("city"), site.text("country")
        if not facility:
            notes.add("sites without a facility name: imported under their city and country")
            facility = ", ".join(p for p in (city, country) if p) or "unnamed site"
        out.append({"facility": facility, "city": city, "state": site.text("state"), "zip": site.text("zip"),
                    "country": country, "status": enum(site.text("status"), STATUSES, "site status", notes),
                    "contacts": [_contact(c, notes) for c in site.records("contacts") if c.text("name")]})
    return out


def _references(module: Record, notes):
    if module.records("availIpds"):
        notes.add("not carried: available IPD/information links")
    out = []
    for ref in module.records("references"):
        citation = ref.text("citation")
        if not citation:
            continue
        if ref.records("retractions"):
            notes.add("not carried: retraction notices of references")
        out.append({"citation": citation, "pmid": ref.text("pmid"), "doi": common.doi_in(citation),
                    "type": enum(ref.text("type"), {"background", "result", "derived"}, "reference type", notes)})
    return out


def _links(module: Record):
    return [{"url": link.text("url"), "label": link.text("label")} for link in module.records("seeAlsoLinks")
            if link.text("url")]


OVERSIGHT_FLAGS = {"oversightHasDmc": "data_monitoring_committee", "isFdaRegulatedDrug": "fda_regulated_drug",
                   "isFdaRegulatedDevice": "fda_regulated_device", "isUnapprovedDevice": "unapproved_device",
                   "isPpsd": "pediatric_postmarket_surveillance", "isUsExport": "us_export"}


def _oversight(module: Record, notes):
    if "fdaaa801Violation" in module:
        notes.add("not carried: the registry's FDAAA 801 violation flag")
    return {ours: module.boolean(theirs) for theirs, ours in OVERSIGHT_FLAGS.items()}


def _ipd(module: Record, notes):
    plan = module.text("ipdSharing")
    if not plan:
        return None
    return {"plan": enum(plan, {"yes", "no", "undecided"}, "IPD sharing plan", notes),
            "description": clean(module.text("description")),
            "info_types": [t for t in (enum(t, {"study_protocol", "sap", "icf", "csr", "analytic_code"}, "IPD information type", notes)
                                       for t in module.texts("infoTypes")) if t],
            "time_frame": clean(module.text("timeFrame")), "access_criteria": clean(module.text("accessCriteria")),
            "url": module.text("url")}
