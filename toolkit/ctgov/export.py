"""`protocol export --to ctgov-json`: a protocol as a ClinicalTrials.gov API v2 study record.

The inverse of the importer, for comparing a protocol with its registry record field by field.
Only what the format holds is written; registry-only data (results, MeSH terms) is not invented.
"""

from __future__ import annotations

from toolkit.ctgov.common import prune
from toolkit.document.accessors import amount_and_unit
from toolkit.document.walk import get


def up(value):
    return value.upper() if isinstance(value, str) else None


def _age(text):
    """"18 years" -> "18 Years", the registry's spelling."""
    parts = amount_and_unit(text)
    return f"{parts[0]} {parts[1].capitalize()}" if parts else None


def _dated(item):
    return {"date": str(item["date"]), "type": up(item.get("type"))} if item else None


def to_v2(p: dict) -> dict:
    status = p.get("status", {})
    design = p.get("design", {})
    names = {i["id"]: i for i in p.get("interventions", [])}
    arm_labels = {i["id"]: [a["label"] for a in p.get("arms", []) if i["id"] in a.get("interventions", [])]
                  for i in p.get("interventions", [])}
    overall = up(status.get("overall")) or up(status.get("expanded_access")) or ("UNKNOWN" if status.get("last_known") else None) \
        or ("WITHHELD" if status.get("withheld") else None)
    section = {
        "identificationModule": {
            "nctId": get(p, "identifiers", "nct"),
            "orgStudyIdInfo": {"id": get(p, "identifiers", "org_study_id")},
            "secondaryIdInfos": [{"id": s["id"], "type": up(s.get("type")), "domain": s.get("domain")}
                                 for s in get(p, "identifiers", "secondary", default=[])],
            "briefTitle": get(p, "title", "brief"), "officialTitle": get(p, "title", "official"),
            "acronym": get(p, "title", "acronym"),
        },
        "statusModule": {
            "statusVerifiedDate": status.get("verified"), "overallStatus": overall,
            "lastKnownStatus": up(status.get("last_known")), "whyStopped": status.get("why_stopped"),
            "startDateStruct": _dated(status.get("start")),
            "primaryCompletionDateStruct": _dated(status.get("primary_completion")),
            "completionDateStruct": _dated(status.get("completion")),
            "studyFirstSubmitDate": status.get("first_submitted"),
        },
        "sponsorCollaboratorsModule": {
            "responsibleParty": {"type": up(get(p, "sponsor", "responsible_party", "type")),
                                 "investigatorFullName": get(p, "sponsor", "responsible_party", "investigator", "name"),
                                 "investigatorTitle": get(p, "sponsor", "responsible_party", "investigator", "title"),
                                 "investigatorAffiliation": get(p, "sponsor", "responsible_party", "investigator", "affiliation")},
            "leadSponsor": {"name": get(p, "sponsor", "lead")},
            "collaborators": [{"name": c} for c in get(p, "sponsor", "collaborators", default=[])],
        },
        "oversightModule": {"oversightHasDmc": get(p, "oversight", "data_monitoring_committee")},
        "descriptionModule": {"briefSummary": p.get("summary"), "detailedDescription": p.get("description")},
        "conditionsModule": {"conditions": p.get("conditions"), "keywords": p.get("keywords")},
        "designModule": {
            "studyType": up(design.get("study_type")),
            "phases": [up(x) for x in design.get("phases", [])],
            "designInfo": {
                "allocation": up(design.get("allocation")), "interventionModel": up(design.get("model")),
                "interventionModelDescription": design.get("model_description"),
                "primaryPurpose": up(design.get("purpose")),
                "observationalModel": up(design.get("observational_model")),
                "timePerspective": up(design.get("time_perspective")),
                "maskingInfo": {"masking": up(get(design, "masking", "level")),
                                "maskingDescription": get(design, "masking", "description"),
                                "whoMasked": [up(w) for w in get(design, "masking", "who", default=[])]},
            },
            "enrollmentInfo": {"count": get(design, "enrollment", "count"), "type": up(get(design, "enrollment", "type"))},
        },
        "armsInterventionsModule": {
            "armGroups": [{"label": a["label"], "type": up(a.get("type")), "description": a.get("description"),
                           "interventionNames": [f"{names[i]['type'].replace('_', ' ').title()}: {names[i]['name']}"
                                                 for i in a.get("interventions", []) if i in names]}
                          for a in p.get("arms", [])],
            "interventions": [{"type": up(i["type"]), "name": i["name"], "description": i.get("description"),
                               "armGroupLabels": arm_labels[i["id"]], "otherNames": i.get("other_names")}
                              for i in p.get("interventions", [])],
        },
        "outcomesModule": {
            f"{kind}Outcomes": [{"measure": e["measure"], "description": e.get("description"), "timeFrame": e.get("timeframe")}
                                for e in get(p, "endpoints", kind, default=[])]
            for kind in ("primary", "secondary", "other")
        },
        "eligibilityModule": {
            "eligibilityCriteria": criteria_text(p.get("eligibility", {})),
            "healthyVolunteers": get(p, "eligibility", "healthy_volunteers"),
            "sex": up(get(p, "eligibility", "sex")),
            "minimumAge": _age(get(p, "eligibility", "minimum_age")),
            "maximumAge": _age(get(p, "eligibility", "maximum_age")),
            "studyPopulation": get(p, "eligibility", "population"),
        },
        "contactsLocationsModule": {
            "centralContacts": [{**c, "role": up(c.get("role"))} for c in get(p, "contacts", "central", default=[])],
            "overallOfficials": [{**o, "role": up(o.get("role"))} for o in get(p, "contacts", "officials", default=[])],
            "locations": [{**{k: v for k, v in site.items() if k != "contacts"}, "status": up(site.get("status")),
                           "contacts": [{**c, "role": up(c.get("role"))} for c in site.get("contacts", [])]}
                          for site in p.get("locations", [])],
        },
        "referencesModule": {"references": [{"pmid": r.get("pmid"), "type": up(r.get("type")), "citation": r["citation"]}
                                            for r in p.get("references", [])]},
        "ipdSharingStatementModule": {"ipdSharing": up(get(p, "ipd_sharing", "plan")),
                                      "description": get(p, "ipd_sharing", "description")},
    }
    return {"protocolSection": prune(section)}


def criteria_text(eligibility: dict) -> str | None:
    parts = []
    for kind, heading in (("inclusion", "Inclusion Criteria:"), ("exclusion", "Exclusion Criteria:")):
        items = eligibility.get(kind)
        if items:
            lines = "\n".join("* " + item.replace("\n", "\n  ") for item in items)
            parts.append(f"{heading}\n\n{lines}")
    return "\n\n".join(parts) or None
