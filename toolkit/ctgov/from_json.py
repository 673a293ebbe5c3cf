"""ClinicalTrials.gov API v2 JSON (`protocolSection`) -> protocol data."""

from __future__ import annotations

from toolkit.ctgov import common
from toolkit.ctgov.common import Notes, clean, slug
from toolkit.resources import schema

STATUSES = set(schema()["$defs"]["recruitment_status"]["enum"])
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


def _enum_values(*path):
    node = schema()
    for part in path:
        node = node[part]
    return set(node["enum"]) if "enum" in node else set(node["items"]["enum"])


def convert(record: dict, notes: Notes) -> dict:
    section = record.get("protocolSection")
    if not isinstance(section, dict) or not isinstance(section.get("identificationModule"), dict):
        raise common.ImportError_("not a ClinicalTrials.gov API v2 study: no protocolSection.identificationModule")
    for key, what in NOT_CARRIED.items():
        if key in record:
            notes.add(f"not carried: {what}")
    m = {name: section.get(name) or {} for name in section}
    ident = m["identificationModule"]
    nct = ident.get("nctId")
    if not nct:
        raise common.ImportError_("the record has no nctId")
    protocol = {
        "schema_version": 1,
        "id": nct,
        "identifiers": _identifiers(ident, notes),
        "title": {"brief": ident.get("briefTitle") or ident.get("officialTitle"), "official": ident.get("officialTitle"),
                  "acronym": ident.get("acronym")},
        "sponsor": _sponsor(m.get("sponsorCollaboratorsModule", {}), ident, notes),
        "status": _status(m.get("statusModule", {}), notes),
        "conditions": m.get("conditionsModule", {}).get("conditions"),
        "keywords": m.get("conditionsModule", {}).get("keywords"),
        "summary": clean(m.get("descriptionModule", {}).get("briefSummary")),
        "description": clean(m.get("descriptionModule", {}).get("detailedDescription")),
        "design": _design(m.get("designModule", {}), notes),
    }
    if not protocol["title"]["brief"]:
        raise common.ImportError_("the record has no title")
    arms, interventions = _arms_interventions(m.get("armsInterventionsModule", {}), notes)
    protocol.update({
        "arms": arms,
        "interventions": interventions,
        "eligibility": _eligibility(m.get("eligibilityModule", {}), notes),
        "endpoints": _endpoints(m.get("outcomesModule", {})),
        "contacts": _contacts(m.get("contactsLocationsModule", {}), notes),
        "locations": _locations(m.get("contactsLocationsModule", {}), notes),
        "references": _references(m.get("referencesModule", {}), notes),
        "links": _links(m.get("referencesModule", {})),
        "oversight": _oversight(m.get("oversightModule", {}), notes),
        "ipd_sharing": _ipd(m.get("ipdSharingStatementModule", {}), notes),
    })
    return common.prune(protocol)


def _identifiers(ident, notes):
    secondary = []
    types = _enum_values("properties", "identifiers", "properties", "secondary", "items", "properties", "type")
    for info in ident.get("secondaryIdInfos", []):
        secondary.append({"id": info.get("id"), "type": enum(info.get("type"), types, "secondary id type", notes),
                          "domain": info.get("domain")})
    if ident.get("nctIdAliases"):
        notes.add("not carried: NCT id aliases")
    return {"nct": ident.get("nctId"), "org_study_id": (ident.get("orgStudyIdInfo") or {}).get("id"),
            "secondary": secondary}


def _sponsor(module, ident, notes):
    party = module.get("responsibleParty") or {}
    responsible = None
    if party.get("type"):
        kind = enum(party["type"], {"sponsor", "principal_investigator", "sponsor_investigator"}, "responsible party", notes)
        person = {"name": party.get("investigatorFullName"), "title": party.get("investigatorTitle"),
                  "affiliation": party.get("investigatorAffiliation")}
        responsible = {"type": kind, "investigator": person if person["name"] else None} if kind else None
    if (module.get("leadSponsor") or {}).get("class") or any(c.get("class") for c in module.get("collaborators", [])):
        notes.add("not carried: sponsor classes (industry, other, NIH ...)")
    lead = (module.get("leadSponsor") or {}).get("name") or (ident.get("organization") or {}).get("fullName")
    return {"lead": lead, "collaborators": [c.get("name") for c in module.get("collaborators", [])],
            "responsible_party": responsible}


def _dated(struct, notes):
    if not struct or not struct.get("date"):
        return None
    return {"date": struct["date"], "type": enum(struct.get("type"), {"actual", "estimated"}, "date type", notes)}


def _status(module, notes):
    overall = str(module.get("overallStatus", "")).lower() or None
    status = {"overall": None, "last_known": None, "expanded_access": None}
    if overall in STATUSES:
        status["overall"] = overall
    elif overall in EXPANDED_ACCESS:
        status["expanded_access"] = overall
    elif overall == "unknown":
        status["last_known"] = enum(module.get("lastKnownStatus"), STATUSES, "last known status", notes)
    elif overall:
        notes.add(f"overall status {module['overallStatus']!r} is assigned by the registry and not carried")
    status.update({
        "why_stopped": module.get("whyStopped"),
        "start": _dated(module.get("startDateStruct"), notes),
        "primary_completion": _dated(module.get("primaryCompletionDateStruct"), notes),
        "completion": _dated(module.get("completionDateStruct"), notes),
        "first_submitted": module.get("studyFirstSubmitDate"),
        "first_posted": (module.get("studyFirstPostDateStruct") or {}).get("date"),
        "last_updated": (module.get("lastUpdatePostDateStruct") or {}).get("date"),
        "verified": module.get("statusVerifiedDate"),
    })
    return status


def _design(module, notes):
    info = module.get("designInfo") or {}
    masking = info.get("maskingInfo") or {}
    study_type = enum(module.get("studyType"), {"interventional", "observational", "expanded_access"}, "study type", notes)
    level = enum(masking.get("masking"), {"none", "single", "double", "triple", "quadruple"}, "masking", notes)
    enrollment = module.get("enrollmentInfo") or {}
    return {
        "study_type": study_type,
        "phases": [p for p in (enum(p, _enum_values("properties", "design", "properties", "phases"), "phase", notes)
                               for p in module.get("phases", [])) if p],
        "allocation": enum(info.get("allocation"), {"randomized", "non_randomized", "na"}, "allocation", notes),
        "model": enum(info.get("interventionModel"), _enum_values("properties", "design", "properties", "model"), "intervention model", notes),
        "model_description": clean(info.get("interventionModelDescription")),
        "purpose": enum(info.get("primaryPurpose"), _enum_values("properties", "design", "properties", "purpose"),
                        "primary purpose", notes),
        "observational_model": enum(info.get("observationalModel"),
                                    _enum_values("properties", "design", "properties", "observational_model"),
                                    "observational model", notes),
        "time_perspective": enum(info.get("timePerspective"),
                                 _enum_values("properties", "design", "properties", "time_perspective"),
                                 "time perspective", notes),
        "masking": {"level": level, "who": [w.lower() for w in masking.get("whoMasked", [])],
                    "description": clean(masking.get("maskingDescription"))} if level else None,
        "enrollment": {"count": enrollment.get("count"),
                       "type": enum(enrollment.get("type"), {"actual", "estimated"}, "enrollment type", notes)}
        if enrollment.get("count") is not None else None,
        "biospecimen": _biospecimen(module.get("bioSpec") or {}, notes),
        "patient_registry": module.get("patientRegistry"),
        "target_duration": module.get("targetDuration"),
        "expanded_access_types": [kind for kind in ("individual", "intermediate", "treatment")
                                  if (module.get("expandedAccessTypes") or {}).get(kind)],
    }


def _biospecimen(spec, notes):
    retention = enum(spec.get("retention"), {"none_retained", "samples_with_dna", "samples_without_dna"},
                     "biospecimen retention", notes)
    return {"retention": retention, "description": clean(spec.get("description"))}


def _arms_interventions(module, notes):
    """Arms and interventions, linked. Links come from both sides of the record: an arm's
    interventionNames ("Drug: X") and an intervention's armGroupLabels, which is the only
    unambiguous one when several interventions share a name (one per starting dose, say)."""
    taken_interventions: set[str] = set()
    interventions, by_name = [], {}
    types = _enum_values("properties", "interventions", "items", "properties", "type")
    links: dict[str, list[str]] = {}
    for item in module.get("interventions", []):
        ident = slug(item.get("name", ""), taken_interventions, "intervention")
        kind = enum(item.get("type"), types, "intervention type", notes) or "other"
        interventions.append({"id": ident, "name": item.get("name"), "type": kind,
                              "description": clean(item.get("description")), "other_names": item.get("otherNames")})
        for key in (f"{item.get('type', '')}: {item.get('name', '')}".lower(), str(item.get("name", "")).lower()):
            by_name.setdefault(key, []).append(ident)
        for label in item.get("armGroupLabels", []):
            links.setdefault(label, []).append(ident)
    taken_arms: set[str] = set()
    arm_types = _enum_values("properties", "arms", "items", "properties", "type")
    arms = []
    for group in module.get("armGroups", []):
        refs = list(links.get(group.get("label"), []))
        for name in group.get("interventionNames", []):
            found = by_name.get(name.lower()) or by_name.get(name.split(": ", 1)[-1].lower())
            if not found:
                notes.add(f"arm {group.get('label')!r} names intervention {name!r}, which the record does not define; link dropped")
            elif len(found) == 1:
                refs.append(found[0])
            elif not refs:  # several interventions share the name and nothing else says which
                refs.extend(found)
        arms.append({"id": slug(group.get("label", ""), taken_arms, "arm"), "label": group.get("label"),
                     "type": enum(group.get("type"), arm_types, "arm type", notes),
                     "description": clean(group.get("description")), "interventions": list(dict.fromkeys(refs))})
    return arms, interventions


def _eligibility(module, notes):
    if "stdAges" in module:
        notes.add("not carried: standard age groups (the registry computes them)")
    out = {
        "sex": enum(module.get("sex"), {"all", "female", "male"}, "sex", notes),
        "minimum_age": common.age(module.get("minimumAge")),
        "maximum_age": common.age(module.get("maximumAge")),
        "healthy_volunteers": module.get("healthyVolunteers"),
        "population": clean(module.get("studyPopulation")),
        "sampling_method": enum(module.get("samplingMethod"), {"probability_sample", "non_probability_sample"},
                                "sampling method", notes),
        "gender_based": module.get("genderBased"),
        "gender_description": clean(module.get("genderDescription")),
    }
    if module and common.no_age_limit(module.get("minimumAge"), module.get("maximumAge")):
        out["no_age_limit"] = True  # the registry's N/A for both ages: it states there is none
    out.update(common.eligibility_items(module.get("eligibilityCriteria"), notes))
    return out


def _endpoints(module):
    def items(key):
        return [{"measure": o.get("measure"), "description": clean(o.get("description")), "timeframe": o.get("timeFrame")}
                for o in module.get(key, []) if o.get("measure")]
    return {"primary": items("primaryOutcomes"), "secondary": items("secondaryOutcomes"), "other": items("otherOutcomes")}


def _contact(item, notes):
    roles = {"contact", "principal_investigator", "sub_investigator", "study_chair", "study_director"}
    if item.get("phoneExt"):
        notes.add("not carried: phone extensions (kept only in the phone number's text)")
    phone = item.get("phone")
    if phone and item.get("phoneExt"):
        phone = f"{phone} ext. {item['phoneExt']}"
    return {"name": item.get("name"), "role": enum(item.get("role"), roles, "contact role", notes),
            "phone": phone, "email": item.get("email")}


def _contacts(module, notes):
    officials = [{"name": o.get("name"), "affiliation": o.get("affiliation"),
                  "role": enum(o.get("role"), {"principal_investigator", "study_chair", "study_director", "sub_investigator"},
                               "official role", notes)}
                 for o in module.get("overallOfficials", []) if o.get("name")]
    central = [_contact(c, notes) for c in module.get("centralContacts", []) if c.get("name")]
    return {"central": central, "officials": officials}


def _locations(module, notes):
    out = []
    for site in module.get("locations", []):
        if "geoPoint" in site:
            notes.add("not carried: site coordinates (geoPoint)")
        facility = site.get("facility")
        if not facility:
            notes.add("sites without a facility name: imported under their city and country")
            facility = ", ".join(p for p in (site.get("city"), site.get("country")) if p) or "unnamed site"
        out.append({"facility": facility, "city": site.get("city"), "state": site.get("state"), "zip": site.get("zip"),
                    "country": site.get("country"), "status": enum(site.get("status"), STATUSES, "site status", notes),
                    "contacts": [_contact(c, notes) for c in site.get("contacts", []) if c.get("name")]})
    return out


def _references(module, notes):
    if module.get("availIpds"):
        notes.add("not carried: available IPD/information links")
    out = []
    for ref in module.get("references", []):
        citation = ref.get("citation")
        if not citation:
            continue
        if ref.get("retractions"):
            notes.add("not carried: retraction notices of references")
        out.append({"citation": citation, "pmid": ref.get("pmid"), "doi": common.doi_in(citation),
                    "type": enum(ref.get("type"), {"background", "result", "derived"}, "reference type", notes)})
    return out


def _links(module):
    return [{"url": link.get("url"), "label": link.get("label")} for link in module.get("seeAlsoLinks", [])
            if link.get("url")]


OVERSIGHT_FLAGS = {"oversightHasDmc": "data_monitoring_committee", "isFdaRegulatedDrug": "fda_regulated_drug",
                   "isFdaRegulatedDevice": "fda_regulated_device", "isUnapprovedDevice": "unapproved_device",
                   "isPpsd": "pediatric_postmarket_surveillance", "isUsExport": "us_export"}


def _oversight(module, notes):
    if "fdaaa801Violation" in module:
        notes.add("not carried: the registry's FDAAA 801 violation flag")
    return {ours: module.get(theirs) for theirs, ours in OVERSIGHT_FLAGS.items()}


def _ipd(module, notes):
    if not module.get("ipdSharing"):
        return None
    return {"plan": enum(module["ipdSharing"], {"yes", "no", "undecided"}, "IPD sharing plan", notes),
            "description": clean(module.get("description")),
            "info_types": [t for t in (enum(t, {"study_protocol", "sap", "icf", "csr", "analytic_code"}, "IPD information type", notes)
                                       for t in module.get("infoTypes", [])) if t],
            "time_frame": clean(module.get("timeFrame")), "access_criteria": clean(module.get("accessCriteria")),
            "url": module.get("url")}
