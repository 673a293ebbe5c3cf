"""Legacy ClinicalTrials.gov public XML (`clinical_study`) -> the API v2 shape.

The legacy format carries the same protocol data with display strings ("Phase 1/Phase 2",
"Double (Participant, Investigator)", "March 6, 2006"); translating it into the API v2 shape
lets one converter serve both formats.
"""

from __future__ import annotations

import re
from typing import Any

from toolkit.ctgov.common import ImportError_, Notes, partial_date


def _text(node, path: str) -> str | None:
    found = node.find(path)
    if found is None:
        return None
    text = "".join(found.itertext()).strip()
    return text or None


def _all(node, path: str) -> list[str]:
    return [t for t in ("".join(e.itertext()).strip() for e in node.findall(path)) if t]


def _short(text: str) -> str:
    return text if len(text) <= 40 else f"{text[:30]}… ({len(text):,} characters)"


def _upper(display: str | None) -> str | None:
    """"Active, not recruiting" -> "ACTIVE_NOT_RECRUITING"; "Non-Randomized" -> "NON_RANDOMIZED"."""
    if not display:
        return None
    return re.sub(r"[^A-Z0-9]+", "_", display.upper()).strip("_")


_STATUS = {"UNKNOWN_STATUS": "UNKNOWN"}
_PHASES = {"N_A": ["NA"], "NA": ["NA"], "EARLY_PHASE_1": ["EARLY_PHASE1"], "PHASE_1": ["PHASE1"], "PHASE_2": ["PHASE2"],
           "PHASE_3": ["PHASE3"], "PHASE_4": ["PHASE4"], "PHASE_1_PHASE_2": ["PHASE1", "PHASE2"],
           "PHASE_2_PHASE_3": ["PHASE2", "PHASE3"]}
_STUDY_TYPE = {"OBSERVATIONAL_PATIENT_REGISTRY": "OBSERVATIONAL"}
_MODEL = {"SINGLE_GROUP_ASSIGNMENT": "SINGLE_GROUP", "PARALLEL_ASSIGNMENT": "PARALLEL", "CROSSOVER_ASSIGNMENT": "CROSSOVER",
          "FACTORIAL_ASSIGNMENT": "FACTORIAL", "SEQUENTIAL_ASSIGNMENT": "SEQUENTIAL"}
_PURPOSE = {"EDUCATIONAL_COUNSELING_TRAINING": "ECT"}
_ALLOCATION = {"N_A": "NA"}
_ROLES = {"SUBJECT": "PARTICIPANT", "CAREGIVER": "CARE_PROVIDER"}
_SEX = {"BOTH": "ALL"}
_DATE_TYPE = {"ANTICIPATED": "ESTIMATED", "ESTIMATE": "ESTIMATED"}


def _dated(node, tag: str, notes: Notes):
    element = node.find(tag)
    if element is None or not (element.text or "").strip():
        return None
    date = partial_date(element.text)
    if date is None:
        notes.add(f"{tag} {element.text.strip()!r} is not a date; not carried")
        return None
    kind = _upper(element.get("type"))
    return {"date": date, "type": _coded(_DATE_TYPE, kind)} if kind else {"date": date}


def _coded(table: dict[str, Any], value: str | None) -> Any:
    """The registry's newer code for an older one; other values (and None) as they are."""
    return table.get(value, value) if value is not None else None


def _masking(design) -> dict:
    text = _text(design, "masking")
    if not text:
        return {}
    match = re.match(r"\s*([A-Za-z]+)[^(]*(?:\((.*)\))?", text)
    if not match:
        return {}  # not a masking level; converted as absent (the enum note names none)
    level = {"OPEN": "NONE"}.get(match.group(1).upper(), match.group(1).upper())
    roles = "" if level == "NONE" else (match.group(2) or "")  # "None (Open Label)" masks no one
    who = [_coded(_ROLES, _upper(w)) for w in roles.split(",") if w.strip()]
    return {"masking": level, **({"whoMasked": who} if who else {}), "maskingDescription": _text(design, "masking_description")}


def _design(root, notes: Notes) -> dict:
    design = root.find("study_design_info")
    info: dict = {}
    if design is not None:
        info = {
            "allocation": _coded(_ALLOCATION, _upper(_text(design, "allocation"))),
            "interventionModel": _coded(_MODEL, _upper(_text(design, "intervention_model"))),
            "interventionModelDescription": _text(design, "intervention_model_description"),
            "primaryPurpose": _coded(_PURPOSE, _upper(_text(design, "primary_purpose"))),
            "observationalModel": _upper(_text(design, "observational_model")),
            "timePerspective": _upper(_text(design, "time_perspective")),
            "maskingInfo": _masking(design),
        }
    phases = _PHASES.get(_upper(_text(root, "phase")) or "", [])
    if _text(root, "phase") and not phases:
        notes.add(f"phase {_text(root, 'phase')!r} has no equivalent; not carried")
    enrollment = root.find("enrollment")
    study_type = _upper(_text(root, "study_type"))
    if study_type == "N_A":
        notes.add("study type 'N/A' has no equivalent; not carried")
        study_type = None
    out = {"studyType": _coded(_STUDY_TYPE, study_type), "phases": phases, "designInfo": info}
    if study_type == "OBSERVATIONAL_PATIENT_REGISTRY":
        out["patientRegistry"] = True
    if enrollment is not None and re.fullmatch(r"[0-9]{1,15}", (enrollment.text or "").strip()):
        kind = _upper(enrollment.get("type"))
        out["enrollmentInfo"] = {"count": int(enrollment.text.strip()), "type": _coded(_DATE_TYPE, kind)}
    elif enrollment is not None and (enrollment.text or "").strip():
        notes.add(f"enrollment {_short(enrollment.text.strip())!r} is not a count; not carried")
    if _text(root, "target_duration"):
        out["targetDuration"] = _text(root, "target_duration")
    if _text(root, "biospec_retention"):
        out["bioSpec"] = {"retention": _upper(_text(root, "biospec_retention")),
                          "description": _text(root, "biospec_descr/textblock")}
    kinds = {kind: True for kind in ("individual", "intermediate", "treatment")
             if _yes(_text(root, f"expanded_access_info/expanded_access_type_{kind}"))}
    if kinds:
        out["expandedAccessTypes"] = kinds
    return out


def _yes(text: str | None) -> bool | None:
    """"Yes" / "No" -> True / False; absent -> None."""
    return None if text is None else text.strip().lower() == "yes"


def _arms(root) -> dict:
    groups: list[dict[str, Any]] = [{"label": _text(g, "arm_group_label"), "type": _upper(_text(g, "arm_group_type")),
               "description": _text(g, "description"), "interventionNames": []} for g in root.findall("arm_group")]
    by_label = {g["label"]: g for g in groups}
    interventions = []
    for node in root.findall("intervention"):
        kind, name = _upper(_text(node, "intervention_type")), _text(node, "intervention_name")
        interventions.append({"type": kind, "name": name, "description": _text(node, "description"),
                              "otherNames": _all(node, "other_name"), "armGroupLabels": _all(node, "arm_group_label")})
        for label in _all(node, "arm_group_label"):
            if label in by_label:
                by_label[label]["interventionNames"].append(f"{kind}: {name}")
    return {"armGroups": groups, "interventions": interventions}


def _outcomes(root) -> dict:
    def items(tag):
        return [{"measure": _text(o, "measure"), "description": _text(o, "description"), "timeFrame": _text(o, "time_frame")}
                for o in root.findall(tag)]
    return {"primaryOutcomes": items("primary_outcome"), "secondaryOutcomes": items("secondary_outcome"),
            "otherOutcomes": items("other_outcome")}


def _eligibility(root) -> dict:
    node = root.find("eligibility")
    if node is None:
        return {}
    volunteers = (_text(node, "healthy_volunteers") or "").lower()
    return {
        "eligibilityCriteria": _text(node, "criteria/textblock"),
        "healthyVolunteers": None if not volunteers else volunteers.startswith(("accepts", "yes")),
        "sex": _coded(_SEX, _upper(_text(node, "gender"))),
        "minimumAge": _text(node, "minimum_age"),
        "maximumAge": _text(node, "maximum_age"),
        "studyPopulation": _text(node, "study_pop/textblock"),
        "samplingMethod": _upper(_text(node, "sampling_method")),
        "genderBased": _yes(_text(node, "gender_based")),
        "genderDescription": _text(node, "gender_description/textblock") or _text(node, "gender_description"),
    }


def _person(node) -> dict:
    name = " ".join(p for p in (_text(node, "first_name"), _text(node, "middle_name"), _text(node, "last_name")) if p)
    name = ", ".join(p for p in (name, _text(node, "degrees")) if p)
    return {"name": name or None, "phone": _text(node, "phone"), "phoneExt": _text(node, "phone_ext"),
            "email": _text(node, "email")}


def _contacts_locations(root) -> dict:
    officials = [{"name": _person(o)["name"], "affiliation": _text(o, "affiliation"), "role": _upper(_text(o, "role"))}
                 for o in root.findall("overall_official")]
    central = [dict(_person(c), role="CONTACT") for tag in ("overall_contact", "overall_contact_backup") for c in root.findall(tag)]
    locations = []
    for site in root.findall("location"):
        contacts = [dict(_person(c), role="CONTACT") for tag in ("contact", "contact_backup") for c in site.findall(tag)]
        contacts += [dict(_person(i), role=_upper(_text(i, "role")) or "CONTACT") for i in site.findall("investigator")]
        locations.append({"facility": _text(site, "facility/name"), "city": _text(site, "facility/address/city"),
                          "state": _text(site, "facility/address/state"), "zip": _text(site, "facility/address/zip"),
                          "country": _text(site, "facility/address/country"), "status": _upper(_text(site, "status")),
                          "contacts": contacts})
    return {"overallOfficials": officials, "centralContacts": central, "locations": locations}


def _references(root) -> dict:
    refs = [{"citation": _text(r, "citation"), "pmid": _text(r, "PMID"), "type": "BACKGROUND"} for r in root.findall("reference")]
    refs += [{"citation": _text(r, "citation"), "pmid": _text(r, "PMID"), "type": "RESULT"} for r in root.findall("results_reference")]
    links = [{"label": _text(link, "description"), "url": _text(link, "url")} for link in root.findall("link")]
    return {"references": refs, **({"seeAlsoLinks": links} if links else {})}


def _responsible(root) -> dict:
    node = root.find("responsible_party")
    if node is None:
        return {}
    kind = _upper(_text(node, "responsible_party_type"))
    return {"type": kind, "investigatorFullName": _text(node, "investigator_full_name"),
            "investigatorTitle": _text(node, "investigator_title"),
            "investigatorAffiliation": _text(node, "investigator_affiliation")} if kind else {}


_OVERSIGHT = {"has_dmc": "oversightHasDmc", "is_fda_regulated_drug": "isFdaRegulatedDrug",
              "is_fda_regulated_device": "isFdaRegulatedDevice", "is_unapproved_device": "isUnapprovedDevice",
              "is_ppsd": "isPpsd", "is_us_export": "isUsExport"}
_IPD_TYPES = {"STUDY_PROTOCOL": "STUDY_PROTOCOL", "STATISTICAL_ANALYSIS_PLAN_SAP": "SAP", "INFORMED_CONSENT_FORM_ICF": "ICF",
              "CLINICAL_STUDY_REPORT_CSR": "CSR", "ANALYTIC_CODE": "ANALYTIC_CODE"}


def _ipd(root) -> dict:
    kinds = [_upper(t) for t in _all(root, "patient_data/ipd_info_type")]
    return {"ipdSharing": _upper(_text(root, "patient_data/sharing_ipd")),
            "description": _text(root, "patient_data/ipd_description"),
            "infoTypes": [_coded(_IPD_TYPES, k) for k in kinds],
            "timeFrame": _text(root, "patient_data/ipd_time_frame"),
            "accessCriteria": _text(root, "patient_data/ipd_access_criteria"), "url": _text(root, "patient_data/ipd_url")}


def to_v2(root, notes: Notes) -> dict:
    if root.tag != "clinical_study":
        raise ImportError_(f"not a ClinicalTrials.gov record: the root element is <{root.tag}>, expected <clinical_study>")
    nct = _text(root, "id_info/nct_id")
    if not nct:
        raise ImportError_("the record has no id_info/nct_id")
    status = _upper(_text(root, "overall_status"))
    secondary = [{"id": s} for s in _all(root, "id_info/secondary_id")]
    ipd = _text(root, "patient_data/sharing_ipd")
    module = {
        "identificationModule": {
            "nctId": nct, "orgStudyIdInfo": {"id": _text(root, "id_info/org_study_id")}, "secondaryIdInfos": secondary,
            "briefTitle": _text(root, "brief_title"), "officialTitle": _text(root, "official_title"), "acronym": _text(root, "acronym"),
        },
        "statusModule": {
            "overallStatus": _coded(_STATUS, status), "lastKnownStatus": _upper(_text(root, "last_known_status")),
            "whyStopped": _text(root, "why_stopped"),
            "startDateStruct": _dated(root, "start_date", notes),
            "primaryCompletionDateStruct": _dated(root, "primary_completion_date", notes),
            "completionDateStruct": _dated(root, "completion_date", notes),
            "studyFirstSubmitDate": partial_date(_text(root, "study_first_submitted")),
            "studyFirstPostDateStruct": {"date": partial_date(_text(root, "study_first_posted"))},
            "lastUpdatePostDateStruct": {"date": partial_date(_text(root, "last_update_posted"))},
            "statusVerifiedDate": partial_date(_text(root, "verification_date")),
        },
        "sponsorCollaboratorsModule": {
            "leadSponsor": {"name": _text(root, "sponsors/lead_sponsor/agency")},
            "collaborators": [{"name": n} for n in _all(root, "sponsors/collaborator/agency")],
            "responsibleParty": _responsible(root),
        },
        "oversightModule": {theirs: _yes(_text(root, f"oversight_info/{tag}")) for tag, theirs in _OVERSIGHT.items()},
        "descriptionModule": {"briefSummary": _text(root, "brief_summary/textblock"),
                              "detailedDescription": _text(root, "detailed_description/textblock")},
        "conditionsModule": {"conditions": _all(root, "condition"), "keywords": _all(root, "keyword")},
        "designModule": _design(root, notes),
        "armsInterventionsModule": _arms(root),
        "outcomesModule": _outcomes(root),
        "eligibilityModule": _eligibility(root),
        "contactsLocationsModule": _contacts_locations(root),
        "referencesModule": _references(root),
        "ipdSharingStatementModule": _ipd(root) if ipd else {},
    }
    record = {"protocolSection": module}
    if root.find("clinical_results") is not None:
        record["resultsSection"] = {}
    if root.find("condition_browse") is not None or root.find("intervention_browse") is not None:
        record["derivedSection"] = {}
    if root.find("provided_document_section") is not None:
        record["documentSection"] = {}
    return record
