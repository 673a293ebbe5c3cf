"""Field by field: a registry record (API v2 JSON or legacy XML) against the PRS upload made from it.

Each shape is read into the same flat field names with normalised values (display strings and
API enums to one token, whitespace and Markdown escapes folded, dates to ISO), so that a
difference is a real difference: a value the upload lost or changed. Used by
tests/ctgov/test_prs_corpus.py and benchmarks/prs_roundtrip.py.
"""

from __future__ import annotations

import collections
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from toolkit.ctgov.common import partial_date
from toolkit.ctgov.criteria import split

_ALIASES = {"N_A": "NA", "ANTICIPATED": "ESTIMATED", "ESTIMATE": "ESTIMATED", "PHASE_1_2": "PHASE1_PHASE2",
            "PHASE_2_3": "PHASE2_PHASE3", "PHASE_1_PHASE_2": "PHASE1_PHASE2", "PHASE_2_PHASE_3": "PHASE2_PHASE3",
            "PHASE_1": "PHASE1", "PHASE_2": "PHASE2", "PHASE_3": "PHASE3", "PHASE_4": "PHASE4",
            "EARLY_PHASE_1": "EARLY_PHASE1", "PHASE1_PHASE2": "PHASE1_PHASE2", "PROCEDURE_SURGERY": "PROCEDURE",
            "BIOLOGICAL_VACCINE": "BIOLOGICAL", "EDUCATIONAL_COUNSELING_TRAINING": "ECT", "BOTH": "ALL",
            "SINGLE_GROUP_ASSIGNMENT": "SINGLE_GROUP", "PARALLEL_ASSIGNMENT": "PARALLEL",
            "CROSSOVER_ASSIGNMENT": "CROSSOVER", "FACTORIAL_ASSIGNMENT": "FACTORIAL",
            "SEQUENTIAL_ASSIGNMENT": "SEQUENTIAL", "STATISTICAL_ANALYSIS_PLAN_SAP": "SAP",
            "INFORMED_CONSENT_FORM_ICF": "ICF", "CLINICAL_STUDY_REPORT_CSR": "CSR", "UNKNOWN_STATUS": "UNKNOWN",
            "OBSERVATIONAL_PATIENT_REGISTRY": "OBSERVATIONAL", "YES": True, "NO": False,
            "ACCEPTS_HEALTHY_VOLUNTEERS": True, "NO_LONGER_RECRUITING": "ACTIVE_NOT_RECRUITING"}
_ESCAPED = re.compile(r"\\([<>=~^|.\[\]()*_#+!-])")
_MASKED = {"masked_subject": "PARTICIPANT", "masked_caregiver": "CARE_PROVIDER", "masked_investigator": "INVESTIGATOR",
           "masked_assessor": "OUTCOMES_ASSESSOR"}


def token(value):
    """"Phase 1/Phase 2", "PHASE1", "Procedure/Surgery" -> one comparable token."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    upper = re.sub(r"[^A-Z0-9]+", "_", str(value).upper()).strip("_")
    return _ALIASES.get(upper, upper)


def text(value):
    """Free text with the registry's escapes, indentation, wrapping and list bullets folded away."""
    if value is None:
        return None
    folded = _ESCAPED.sub(r"\1", str(value))
    folded = re.sub(r"(?m)^\s*([-*•]|\d{1,2}[.)])\s+", " ", folded)
    folded = " ".join(folded.split())
    return folded or None


def age(value):
    if not value or str(value).strip().upper() in ("N/A", "NA"):
        return None
    number, unit = str(value).split()
    return f"{int(number)} {unit.lower().rstrip('s')}"


def date(value):
    return partial_date(str(value)) if value else None


def criteria(value):
    """The criteria as items, so numbering and bullets do not count as differences."""
    if not value:
        return None
    parts = split(value)
    return [text(i) for i in parts.inclusion] + ["--"] + [text(i) for i in parts.exclusion]


def _tokens(values):
    return sorted(token(v) for v in values) or None


def prune(fields: dict) -> dict:
    """Only what the record says: empty values and empty lists are not fields."""
    out = {}
    for key, value in fields.items():
        if isinstance(value, list):
            value = [v for v in value if v not in (None, "", [], (), {})] or None
        if value not in (None, "", [], ()):
            out[key] = value
    return out


# --- API v2 JSON ---------------------------------------------------------------------------

def from_v2(record: dict) -> dict:
    s = record["protocolSection"]
    m = {name: s.get(name) or {} for name in (
        "identificationModule", "statusModule", "sponsorCollaboratorsModule", "oversightModule", "descriptionModule",
        "conditionsModule", "designModule", "armsInterventionsModule", "outcomesModule", "eligibilityModule",
        "contactsLocationsModule", "referencesModule", "ipdSharingStatementModule")}
    ident, status, sponsors = m["identificationModule"], m["statusModule"], m["sponsorCollaboratorsModule"]
    design, info = m["designModule"], m["designModule"].get("designInfo") or {}
    masking = info.get("maskingInfo") or {}
    party = sponsors.get("responsibleParty") or {}
    oversight, eligibility = m["oversightModule"], m["eligibilityModule"]
    contacts, refs, ipd = m["contactsLocationsModule"], m["referencesModule"], m["ipdSharingStatementModule"]
    overall = status.get("overallStatus")
    fields = {
        "org_study_id": (ident.get("orgStudyIdInfo") or {}).get("id"),
        "secondary_ids": [(i.get("id"), token(i.get("type")), text(i.get("domain"))) for i in ident.get("secondaryIdInfos", [])],
        "brief_title": text(ident.get("briefTitle")), "official_title": text(ident.get("officialTitle")),
        "acronym": ident.get("acronym"),
        "lead_sponsor": (sponsors.get("leadSponsor") or {}).get("name"),
        "collaborators": [c.get("name") for c in sponsors.get("collaborators", [])],
        "resp_party_type": token(party.get("type")),
        "resp_party_investigator": party.get("investigatorFullName"),
        "resp_party_title": party.get("investigatorTitle"), "resp_party_affiliation": party.get("investigatorAffiliation"),
        "resp_party_old": (party.get("oldNameTitle"), party.get("oldOrganization")) if party.get("oldNameTitle") else None,
        "has_dmc": oversight.get("oversightHasDmc"), "fda_drug": oversight.get("isFdaRegulatedDrug"),
        "fda_device": oversight.get("isFdaRegulatedDevice"), "unapproved_device": oversight.get("isUnapprovedDevice"),
        "ppsd": oversight.get("isPpsd"), "us_export": oversight.get("isUsExport"),
        "brief_summary": text((m["descriptionModule"]).get("briefSummary")),
        "detailed_description": text((m["descriptionModule"]).get("detailedDescription")),
        "overall_status": token(status.get("lastKnownStatus") if overall == "UNKNOWN" else overall),
        "why_stopped": text(status.get("whyStopped")),
        "verification_date": (status.get("statusVerifiedDate") or "")[:7] or None,
        **_dates_v2(status),
        "study_type": token(design.get("studyType")),
        "phase": token("_".join(design.get("phases", []))) if design.get("phases") else None,
        "purpose": token(info.get("primaryPurpose")), "allocation": token(info.get("allocation")),
        "model": token(info.get("interventionModel")), "model_description": text(info.get("interventionModelDescription")),
        "masked_roles": _tokens(masking.get("whoMasked", [])) if masking.get("masking") else None,
        "open_label": token(masking.get("masking")) == "NONE" if masking.get("masking") else None,
        "masking_description": text(masking.get("maskingDescription")),
        "observational_model": token(info.get("observationalModel")), "time_perspective": token(info.get("timePerspective")),
        "biospec_retention": token((design.get("bioSpec") or {}).get("retention")),
        "biospec_description": text((design.get("bioSpec") or {}).get("description")),
        "patient_registry": design.get("patientRegistry") or None,
        "target_duration": age(design.get("targetDuration")),
        "expanded_access_types": sorted(k.upper() for k, v in (design.get("expandedAccessTypes") or {}).items() if v),
        "enrollment": (design.get("enrollmentInfo") or {}).get("count"),
        "enrollment_type": token((design.get("enrollmentInfo") or {}).get("type")),
        "conditions": m["conditionsModule"].get("conditions"), "keywords": m["conditionsModule"].get("keywords"),
        **_outcomes_v2(m["outcomesModule"]),
        **_arms_v2(m["armsInterventionsModule"]),
        "criteria": criteria(eligibility.get("eligibilityCriteria")),
        "healthy_volunteers": eligibility.get("healthyVolunteers"), "sex": token(eligibility.get("sex")),
        "gender_based": eligibility.get("genderBased"), "gender_description": text(eligibility.get("genderDescription")),
        "minimum_age": age(eligibility.get("minimumAge")), "maximum_age": age(eligibility.get("maximumAge")),
        "study_population": text(eligibility.get("studyPopulation")), "sampling_method": token(eligibility.get("samplingMethod")),
        "officials": [(o.get("name"), token(o.get("role")), o.get("affiliation")) for o in contacts.get("overallOfficials", [])],
        "central_contacts": [(c.get("name"), c.get("phone"), c.get("phoneExt"), c.get("email"))
                             for c in contacts.get("centralContacts", [])],
        "locations": [(site.get("facility"), site.get("city"), site.get("state"), site.get("zip"), site.get("country"))
                      for site in contacts.get("locations", [])],
        "location_status": [token(site.get("status")) for site in contacts.get("locations", [])]
        if any(site.get("status") for site in contacts.get("locations", [])) else None,
        "location_contacts": _site_people_v2(contacts.get("locations", [])),
        "ipd_sharing": token(ipd.get("ipdSharing")), "ipd_description": text(ipd.get("description")),
        "ipd_info_types": _tokens(ipd.get("infoTypes", [])), "ipd_time_frame": text(ipd.get("timeFrame")),
        "ipd_access_criteria": text(ipd.get("accessCriteria")), "ipd_url": ipd.get("url"),
        "links": [(link.get("url"), text(link.get("label"))) for link in refs.get("seeAlsoLinks", [])],
        "references": [(text(r.get("citation")), r.get("pmid"), r.get("type") == "RESULT")
                       for r in refs.get("references", []) if r.get("citation") and r.get("type") != "DERIVED"],
        "study_documents": [(d.get("type"), d.get("url")) for d in refs.get("availIpds", [])],
        "derived_references": [(text(r.get("citation")), r.get("pmid"))
                               for r in refs.get("references", []) if r.get("citation") and r.get("type") == "DERIVED"],
    }
    return prune(fields)


def _dates_v2(status):
    out = {}
    for key, ours in (("startDateStruct", "start"), ("primaryCompletionDateStruct", "primary_completion"),
                      ("completionDateStruct", "completion")):
        struct = status.get(key) or {}
        out[f"{ours}_date"] = date(struct.get("date"))
        out[f"{ours}_type"] = token(struct.get("type")) if struct.get("date") else None
    return out


def _outcomes_v2(module):
    return {f"{kind}_outcomes": [(text(o.get("measure")), text(o.get("timeFrame")), text(o.get("description")))
                                 for o in module.get(f"{kind}Outcomes", []) if o.get("measure")]
            for kind in ("primary", "secondary", "other")}


def _arms_v2(module):
    return {
        "arm_groups": [(text(a.get("label")), token(a.get("type")), text(a.get("description")))
                       for a in module.get("armGroups", [])],
        "interventions": [(token(i.get("type")), text(i.get("name")), text(i.get("description")),
                           tuple(sorted(text(x) for x in i.get("armGroupLabels", []))),
                           tuple(i.get("otherNames", [])))
                          for i in module.get("interventions", [])],
    }


def _site_people_v2(sites):
    people = []
    for site in sites:
        for c in site.get("contacts", []):
            role = token(c.get("role"))
            investigator = role in ("PRINCIPAL_INVESTIGATOR", "SUB_INVESTIGATOR")
            people.append((site.get("facility"), c.get("name"), role if investigator else "CONTACT",
                           None if investigator else c.get("phone"), None if investigator else c.get("phoneExt"),
                           None if investigator else c.get("email")))
    return sorted(people, key=repr)


# --- legacy public XML and the PRS upload share most element names -------------------------

def _t(node, path):
    found = node.find(path)
    if found is None:
        return None
    value = "".join(found.itertext()).strip()
    return value or None


def _all(node, path):
    return [v for v in ("".join(e.itertext()).strip() for e in node.findall(path)) if v]


def _yes(value):
    return None if value is None else value.strip().lower() in ("yes", "true")


def _person(node):
    name = " ".join(p for p in (_t(node, "first_name"), _t(node, "middle_name"), _t(node, "last_name")) if p)
    return ", ".join(p for p in (name, _t(node, "degrees")) if p) or None


def _common_xml(root, design, eligibility) -> dict:
    """Fields the legacy public XML and the PRS upload write the same way."""
    return {
        "org_study_id": _t(root, "id_info/org_study_id"),
        "brief_title": text(_t(root, "brief_title")), "official_title": text(_t(root, "official_title")),
        "acronym": _t(root, "acronym"),
        "lead_sponsor": _t(root, "sponsors/lead_sponsor/agency"), "collaborators": _all(root, "sponsors/collaborator/agency"),
        "has_dmc": _yes(_t(root, "oversight_info/has_dmc")),
        "brief_summary": text(_t(root, "brief_summary/textblock")),
        "detailed_description": text(_t(root, "detailed_description/textblock")),
        "why_stopped": text(_t(root, "why_stopped")),
        "model_description": text(_t(design, "model_description/textblock") if design is not None else None),
        "enrollment": int(_t(root, "enrollment")) if (_t(root, "enrollment") or "").isdigit() else None,
        "conditions": _all(root, "condition"), "keywords": _all(root, "keyword"),
        "criteria": criteria(_t(eligibility, "criteria/textblock")) if eligibility is not None else None,
        "healthy_volunteers": token(_t(eligibility, "healthy_volunteers")) if eligibility is not None else None,
        "sex": token(_t(eligibility, "gender")) if eligibility is not None else None,
        "gender_based": _yes(_t(eligibility, "gender_based")) if eligibility is not None else None,
        "gender_description": text(_t(eligibility, "gender_description/textblock")) if eligibility is not None else None,
        "minimum_age": age(_t(eligibility, "minimum_age")) if eligibility is not None else None,
        "maximum_age": age(_t(eligibility, "maximum_age")) if eligibility is not None else None,
        "study_population": text(_t(eligibility, "study_pop/textblock") or _t(eligibility, "study_population/textblock"))
        if eligibility is not None else None,
        "sampling_method": token(_t(eligibility, "sampling_method")) if eligibility is not None else None,
        "officials": [(_person(o), token(_t(o, "role")), _t(o, "affiliation")) for o in root.findall("overall_official")],
        "central_contacts": [(_person(c), _t(c, "phone"), _t(c, "phone_ext"), _t(c, "email"))
                             for tag in ("overall_contact", "overall_contact_backup") for c in root.findall(tag)],
        "locations": [(_t(s, "facility/name"), _t(s, "facility/address/city"), _t(s, "facility/address/state"),
                       _t(s, "facility/address/zip"), _t(s, "facility/address/country")) for s in root.findall("location")],
        "location_status": [token(_t(s, "status")) for s in root.findall("location")]
        if any(_t(s, "status") for s in root.findall("location")) else None,
        "location_contacts": _site_people_xml(root),
        "links": [(_t(link, "url"), text(_t(link, "description"))) for link in root.findall("link")],
    }


def _site_people_xml(root):
    people = []
    for site in root.findall("location"):
        facility = _t(site, "facility/name")
        for tag in ("contact", "contact_backup"):
            for c in site.findall(tag):
                people.append((facility, _person(c), "CONTACT", _t(c, "phone"), _t(c, "phone_ext"), _t(c, "email")))
        for i in site.findall("investigator"):
            people.append((facility, _person(i), token(_t(i, "role")) or "CONTACT", None, None, None))
    return sorted(people, key=repr)


def from_legacy(xml: str) -> dict:
    root = ET.fromstring(xml)
    design, eligibility = root.find("study_design_info"), root.find("eligibility")
    masking = _t(design, "masking") if design is not None else None
    level = re.match(r"\s*([A-Za-z]+)", masking).group(1).upper() if masking else None
    roles = re.search(r"\((.*)\)", masking or "")
    party = root.find("responsible_party")
    study_type = _t(root, "study_type")
    status = _t(root, "overall_status")
    fields = {
        **_common_xml(root, None, eligibility),
        "model_description": text(_t(design, "intervention_model_description")) if design is not None else None,
        "secondary_ids": [(i, None, None) for i in _all(root, "id_info/secondary_id")],
        "resp_party_type": token(_t(party, "responsible_party_type")) if party is not None else None,
        "resp_party_investigator": _t(party, "investigator_full_name") if party is not None else None,
        "resp_party_title": _t(party, "investigator_title") if party is not None else None,
        "resp_party_affiliation": _t(party, "investigator_affiliation") if party is not None else None,
        "resp_party_old": (_t(party, "name_title"), _t(party, "organization"))
        if party is not None and _t(party, "name_title") else None,
        "study_documents": [(_t(d, "doc_type"), _t(d, "doc_url")) for d in root.findall("study_docs/study_doc")],
        "fda_drug": _yes(_t(root, "oversight_info/is_fda_regulated_drug")),
        "fda_device": _yes(_t(root, "oversight_info/is_fda_regulated_device")),
        "unapproved_device": _yes(_t(root, "oversight_info/is_unapproved_device")),
        "ppsd": _yes(_t(root, "oversight_info/is_ppsd")), "us_export": _yes(_t(root, "oversight_info/is_us_export")),
        "overall_status": token(_t(root, "last_known_status") if token(status) == "UNKNOWN" else status),
        "verification_date": (date(_t(root, "verification_date")) or "")[:7] or None,
        **{f"{ours}_date": date(_t(root, tag)) for tag, ours in (
            ("start_date", "start"), ("primary_completion_date", "primary_completion"), ("completion_date", "completion"))},
        **{f"{ours}_type": token(root.find(tag).get("type")) if root.find(tag) is not None else None for tag, ours in (
            ("start_date", "start"), ("primary_completion_date", "primary_completion"), ("completion_date", "completion"))},
        "study_type": token(study_type) if token(study_type) != "NA" else None,
        # the legacy download writes "N/A" as the phase of studies that have none (observational ones)
        "phase": token(_t(root, "phase")) if token(study_type) == "INTERVENTIONAL" else None,
        "purpose": token(_t(design, "primary_purpose")) if design is not None else None,
        "allocation": token(_t(design, "allocation")) if design is not None else None,
        "model": token(_t(design, "intervention_model")) if design is not None else None,
        "masked_roles": _tokens([token(r) for r in roles.group(1).split(",")] if roles and level != "NONE" else [])
        if level else None,
        "open_label": level == "NONE" if level else None,
        "masking_description": text(_t(design, "masking_description")) if design is not None else None,
        "observational_model": token(_t(design, "observational_model")) if design is not None else None,
        "time_perspective": token(_t(design, "time_perspective")) if design is not None else None,
        "biospec_retention": token(_t(root, "biospec_retention")),
        "biospec_description": text(_t(root, "biospec_descr/textblock")),
        "patient_registry": True if token(study_type) == "OBSERVATIONAL" and "Registry" in (study_type or "") else None,
        "target_duration": age(_t(root, "target_duration")),
        "expanded_access_types": sorted(k.upper() for k in ("individual", "intermediate", "treatment")
                                        if _yes(_t(root, f"expanded_access_info/expanded_access_type_{k}"))),
        "enrollment_type": token(root.find("enrollment").get("type")) if root.find("enrollment") is not None else None,
        **{f"{kind}_outcomes": [(text(_t(o, "measure")), text(_t(o, "time_frame")), text(_t(o, "description")))
                                for o in root.findall(f"{kind}_outcome")] for kind in ("primary", "secondary", "other")},
        "arm_groups": [(text(_t(a, "arm_group_label")), token(_t(a, "arm_group_type")), text(_t(a, "description")))
                       for a in root.findall("arm_group")],
        "interventions": [(token(_t(i, "intervention_type")), text(_t(i, "intervention_name")), text(_t(i, "description")),
                           tuple(sorted(text(x) for x in _all(i, "arm_group_label"))), tuple(_all(i, "other_name")))
                          for i in root.findall("intervention")],
        "ipd_sharing": token(_t(root, "patient_data/sharing_ipd")),
        "ipd_description": text(_t(root, "patient_data/ipd_description")),
        "ipd_info_types": _tokens(_all(root, "patient_data/ipd_info_type")),
        "ipd_time_frame": text(_t(root, "patient_data/ipd_time_frame")),
        "ipd_access_criteria": text(_t(root, "patient_data/ipd_access_criteria")), "ipd_url": _t(root, "patient_data/ipd_url"),
        "references": [(text(_t(r, "citation")), _t(r, "PMID"), tag == "results_reference")
                       for tag in ("reference", "results_reference") for r in root.findall(tag) if _t(r, "citation")],
    }
    return prune(fields)


def from_prs(xml: str) -> dict:
    root = ET.fromstring(xml).find("clinical_study")
    design = root.find("study_design")
    interventional = design.find("interventional_design") if design is not None else None
    observational = design.find("observational_design") if design is not None else None
    eligibility, party = root.find("eligibility"), root.find("sponsors/resp_party")
    dates = {}
    for tag, ours in (("start_date", "start"), ("primary_compl_date", "primary_completion"),
                      ("last_follow_up_date", "completion")):
        dates[f"{ours}_date"] = date(_t(root, tag))
        dates[f"{ours}_type"] = token(_t(root, f"{tag}_type"))
    masked = None
    if interventional is not None and _t(interventional, "no_masking") is not None:
        masked = _tokens([role for tag, role in _MASKED.items() if _yes(_t(interventional, tag))])
    fields = {
        **_common_xml(root, interventional, eligibility),
        "secondary_ids": [(_t(s, "id"), token(_secondary_type(_t(s, "id_type"))), text(_t(s, "id_domain")))
                          for s in root.findall("id_info/secondary_id")],
        "resp_party_type": token(_t(party, "resp_party_type")) if party is not None else None,
        "resp_party_investigator": _t(party, "investigator_username") if party is not None else None,
        "resp_party_title": _t(party, "investigator_title") if party is not None else None,
        "resp_party_affiliation": _t(party, "investigator_affiliation") if party is not None else None,
        "resp_party_old": (_t(party, "name_title"), _t(party, "organization"))
        if party is not None and _t(party, "name_title") else None,
        "study_documents": [(_t(d, "study_document_type"), _t(d, "url")) for d in root.findall("study_document")],
        "fda_drug": _yes(_t(root, "oversight_info/fda_regulated_drug")),
        "fda_device": _yes(_t(root, "oversight_info/fda_regulated_device")),
        "unapproved_device": _yes(_t(root, "delayed_posting")),
        "ppsd": _yes(_t(root, "oversight_info/ped_postmarket_surv")),
        "us_export": _yes(_t(root, "oversight_info/exported_from_us")),
        "overall_status": token(_t(root, "overall_status") or _t(root, "expanded_access_status")),
        "verification_date": _t(root, "verification_date"),
        **dates,
        "study_type": token(_t(design, "study_type")) if design is not None else None,
        "phase": token(_t(interventional, "phase")) if interventional is not None else None,
        "purpose": token(_t(interventional, "interventional_subtype")) if interventional is not None else None,
        "allocation": token(_t(interventional, "allocation")) if interventional is not None else None,
        "model": token(_t(interventional, "assignment")) if interventional is not None else None,
        "masked_roles": masked,
        "open_label": _yes(_t(interventional, "no_masking")) if interventional is not None else None,
        "masking_description": text(_t(interventional, "masking_description/textblock")) if interventional is not None else None,
        "observational_model": token(_t(observational, "observational_study_design")) if observational is not None else None,
        "time_perspective": token(_t(observational, "timing")) if observational is not None else None,
        "biospec_retention": token(_t(observational, "biospecimen_retention")) if observational is not None else None,
        "biospec_description": text(_t(observational, "biospecimen_description/textblock")) if observational is not None else None,
        "patient_registry": (_yes(_t(observational, "patient_registry")) or None) if observational is not None else None,
        "target_duration": age(f"{_t(observational, 'target_duration_quantity')} {_t(observational, 'target_duration_units')}")
        if observational is not None and _t(observational, "target_duration_quantity") else None,
        "expanded_access_types": sorted(k.upper() for k in ("individual", "intermediate", "treatment")
                                        if design is not None and _yes(_t(design, f"exp_acc_type_{k}"))),
        "enrollment_type": token(_t(root, "enrollment_type")),
        **{f"{kind}_outcomes": [(text(_t(o, "outcome_measure")), text(_t(o, "outcome_time_frame")),
                                 text(_t(o, "outcome_description/textblock"))) for o in root.findall(f"{kind}_outcome")]
           for kind in ("primary", "secondary", "other")},
        "arm_groups": [(text(_t(a, "arm_group_label")), token(_t(a, "arm_type")), text(_t(a, "arm_group_description/textblock")))
                       for a in root.findall("arm_group")],
        "interventions": [(token(_t(i, "intervention_type")), text(_t(i, "intervention_name")),
                           text(_t(i, "intervention_description/textblock")),
                           tuple(sorted(text(x) for x in _all(i, "arm_group_label"))), tuple(_all(i, "intervention_other_name")))
                          for i in root.findall("intervention")],
        "ipd_sharing": token(_t(root, "ipd_sharing_statement/sharing_ipd")),
        "ipd_description": text(_t(root, "ipd_sharing_statement/ipd_description/textblock")),
        "ipd_info_types": _tokens([kind for tag, kind in (("protocol", "STUDY_PROTOCOL"), ("sap", "SAP"), ("icf", "ICF"),
                                                          ("csr", "CSR"), ("analytic_code", "ANALYTIC_CODE"))
                                   if _yes(_t(root, f"ipd_sharing_statement/ipd_info_type_{tag}"))]),
        "ipd_time_frame": text(_t(root, "ipd_sharing_statement/ipd_time_frame/textblock")),
        "ipd_access_criteria": text(_t(root, "ipd_sharing_statement/ipd_access_criteria/textblock")),
        "ipd_url": _t(root, "ipd_sharing_statement/ipd_url"),
        "references": [(text(_t(r, "citation")), _t(r, "pubmed_id"), _yes(_t(r, "is_results_ref")) is True)
                       for r in root.findall("reference")],
    }
    return prune(fields)


_SECONDARY = {"NIH Grant Number": "NIH", "Other Grant/Funding Number": "OTHER_GRANT", "Registry Identifier": "REGISTRY",
              "EU Trial (CTIS) Number": "CTIS", "EudraCT Number": "EUDRACT_NUMBER", "Other Identifier": "OTHER"}


def _secondary_type(display):
    return _SECONDARY.get(display, display)


def original_fields(path) -> dict:
    raw = path.read_text(encoding="utf-8-sig")
    return from_v2(json.loads(raw)) if path.suffix == ".json" else from_legacy(raw)


def compare(original: dict, exported: dict) -> dict[str, str]:
    """Field -> "lost" (the upload lacks it) or "changed" (the upload says something else)."""
    out = {}
    for key, value in original.items():
        if key not in exported:
            out[key] = "lost"
        elif exported[key] != value:
            out[key] = "changed"
    return out


# --- one pass over records: import, export, validate, compare --------------------------------

# The PRS account name is the uploader's, not the record's (no registry record holds it); the
# corpus runs pass one, as a coordinator does with --prs-org.
PRS_ORG = "CorpusOrg"


@dataclass
class PartResult:
    records: int = 0
    valid: int = 0
    refused: int = 0
    invalid: list = field(default_factory=list)      # (record, schema errors): must stay empty
    missing: collections.Counter = field(default_factory=collections.Counter)   # YAML key -> records
    compared: collections.Counter = field(default_factory=collections.Counter)  # field -> records holding it
    losses: collections.Counter = field(default_factory=collections.Counter)    # (field, lost|changed) -> records
    examples: dict = field(default_factory=dict)     # (field, how) -> first record


def run(paths, schema_errors) -> PartResult:
    from toolkit.ctgov.importer import read_record
    from toolkit.ctgov.prs import MissingForPrs, to_prs

    result = PartResult()
    for path in paths:
        result.records += 1
        protocol, _ = read_record(str(path))
        try:
            upload = to_prs(protocol, org_name=PRS_ORG)
        except MissingForPrs as err:
            result.refused += 1
            for key in dict.fromkeys(re.sub(r"\[[^]]*\]", "[]", k) for k, _ in err.missing):
                result.missing[key] += 1
            continue
        errors = schema_errors(upload.xml)
        if errors:
            result.invalid.append((path.name, errors[:3]))
            continue
        result.valid += 1
        original = original_fields(path)
        result.compared.update(original.keys())
        for key, how in compare(original, from_prs(upload.xml)).items():
            result.losses[(key, how)] += 1
            result.examples.setdefault((key, how), path.name)
    return result
