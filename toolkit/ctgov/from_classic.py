"""The retired "classic" ClinicalTrials.gov API response (`FullStudiesResponse`) -> the API v2 shape.

The classic API (v1, retired in 2024; many research data sets were saved in it) carries the
same protocol data as API v2 with PascalCase keys that repeat their parent's name
(`ArmGroupList.ArmGroup[].ArmGroupLabel`), lists wrapped in `...List` objects, and display
strings for values ("Phase 4", "July 3, 2021", "None (Open Label)"). Translating it into the
API v2 shape lets one converter serve every shape, as for the legacy XML. Every classic key is
either translated or named in a note; none is dropped silently.
"""

from __future__ import annotations

from toolkit.ctgov.common import ImportError_, Notes, partial_date
from toolkit.ctgov.from_xml import (
    _ALLOCATION,
    _DATE_TYPE,
    _IPD_TYPES,
    _MODEL,
    _PHASES,
    _PURPOSE,
    _ROLES,
    _SEX,
    _STATUS,
    _upper,
)

# How each value is read: display string -> API v2 enum (with the legacy aliases), a date, a yes/no.
_ENUMS = {"status": _STATUS, "phase": {}, "allocation": _ALLOCATION, "model": _MODEL, "purpose": _PURPOSE,
          "role": _ROLES, "sex": _SEX, "date_type": _DATE_TYPE, "ipd_type": _IPD_TYPES,
          "secondary_type": {"U_S_NIH_GRANT_CONTRACT": "NIH", "NIH_GRANT_NUMBER": "NIH", "OTHER_GRANT_FUNDING_NUMBER": "OTHER_GRANT",
                             "REGISTRY_IDENTIFIER": "REGISTRY", "EUDRACT_NUMBER": "EUDRACT_NUMBER",
                             "EU_TRIAL_CTIS_NUMBER": "CTIS", "OTHER_IDENTIFIER": "OTHER"},
          "masking": {"NONE_OPEN_LABEL": "NONE"}, "plain": {}}


def _enum(kind):
    aliases = _ENUMS[kind]
    return lambda value: aliases.get(_upper(value), _upper(value))


def _yes(value):
    text = str(value).strip().lower()
    return text in ("yes", "true", "accepts healthy volunteers")


def _count(value):
    return int(value) if str(value).strip().isdigit() else None


ENUM, DATE, YES, TEXT, COUNT = _enum("plain"), partial_date, _yes, (lambda v: v), _count

# classic key -> (API v2 key, how to read the value, or a nested table for an object).
# A list is written ("ClassicList", "ClassicItem"): the classic wrapper object and its item key.
_PERSON_CONTACT = {"Name": "name", "Role": ("role", _enum("role")), "Phone": "phone", "PhoneExt": "phoneExt", "EMail": "email"}


def _prefixed(prefix: str, table: dict) -> dict:
    """{"Name": "name"} with prefix "CentralContact" -> {"CentralContactName": "name"}."""
    return {prefix + key: value for key, value in table.items()}


TABLE = {
    "IdentificationModule": ("identificationModule", {
        "NCTId": "nctId", ("NCTIdAliasList", "NCTIdAlias"): "nctIdAliases",
        "OrgStudyIdInfo": ("orgStudyIdInfo", {"OrgStudyId": "id", "OrgStudyIdType": ("type", ENUM), "OrgStudyIdLink": "link"}),
        ("SecondaryIdInfoList", "SecondaryIdInfo"): ("secondaryIdInfos", {
            "SecondaryId": "id", "SecondaryIdType": ("type", _enum("secondary_type")), "SecondaryIdDomain": "domain",
            "SecondaryIdLink": "link"}),
        "Organization": ("organization", {"OrgFullName": "fullName", "OrgClass": "class"}),
        "BriefTitle": "briefTitle", "OfficialTitle": "officialTitle", "Acronym": "acronym"}),
    "StatusModule": ("statusModule", {
        "StatusVerifiedDate": ("statusVerifiedDate", DATE), "OverallStatus": ("overallStatus", _enum("status")),
        "LastKnownStatus": ("lastKnownStatus", _enum("status")), "DelayedPosting": ("delayedPosting", YES),
        "WhyStopped": "whyStopped",
        "ExpandedAccessInfo": ("expandedAccessInfo", {"HasExpandedAccess": ("hasExpandedAccess", YES),
                                                      "ExpandedAccessNCTId": "nctId",
                                                      "ExpandedAccessStatusForNCTId": ("statusForNctId", _enum("status"))}),
        **{f"{name}DateStruct": (f"{v2}DateStruct", {f"{name}Date": ("date", DATE), f"{name}DateType": ("type", _enum("date_type"))})
           for name, v2 in (("Start", "start"), ("PrimaryCompletion", "primaryCompletion"), ("Completion", "completion"),
                            ("StudyFirstPost", "studyFirstPost"), ("ResultsFirstPost", "resultsFirstPost"),
                            ("DispFirstPost", "dispFirstPost"), ("LastUpdatePost", "lastUpdatePost"))},
        **{f"{name}Date": (f"{v2}Date", DATE) for name, v2 in (
            ("StudyFirstSubmit", "studyFirstSubmit"), ("StudyFirstSubmitQC", "studyFirstSubmitQc"),
            ("ResultsFirstSubmit", "resultsFirstSubmit"), ("ResultsFirstSubmitQC", "resultsFirstSubmitQc"),
            ("DispFirstSubmit", "dispFirstSubmit"), ("DispFirstSubmitQC", "dispFirstSubmitQc"),
            ("LastUpdateSubmit", "lastUpdateSubmit"))}}),
    "SponsorCollaboratorsModule": ("sponsorCollaboratorsModule", {
        "ResponsibleParty": ("responsibleParty", {
            "ResponsiblePartyType": ("type", ENUM), "ResponsiblePartyInvestigatorFullName": "investigatorFullName",
            "ResponsiblePartyInvestigatorTitle": "investigatorTitle",
            "ResponsiblePartyInvestigatorAffiliation": "investigatorAffiliation",
            "ResponsiblePartyOldNameTitle": "oldNameTitle", "ResponsiblePartyOldOrganization": "oldOrganization"}),
        "LeadSponsor": ("leadSponsor", {"LeadSponsorName": "name", "LeadSponsorClass": "class"}),
        ("CollaboratorList", "Collaborator"): ("collaborators", {"CollaboratorName": "name", "CollaboratorClass": "class"})}),
    "OversightModule": ("oversightModule", {
        "OversightHasDMC": ("oversightHasDmc", YES), "IsFDARegulatedDrug": ("isFdaRegulatedDrug", YES),
        "IsFDARegulatedDevice": ("isFdaRegulatedDevice", YES), "IsUnapprovedDevice": ("isUnapprovedDevice", YES),
        "IsPPSD": ("isPpsd", YES), "IsUSExport": ("isUsExport", YES), "FDAAA801Violation": ("fdaaa801Violation", YES)}),
    "DescriptionModule": ("descriptionModule", {"BriefSummary": "briefSummary", "DetailedDescription": "detailedDescription"}),
    "ConditionsModule": ("conditionsModule", {("ConditionList", "Condition"): "conditions",
                                              ("KeywordList", "Keyword"): "keywords"}),
    "DesignModule": ("designModule", {
        "StudyType": ("studyType", ENUM), "PatientRegistry": ("patientRegistry", YES), "TargetDuration": "targetDuration",
        ("PhaseList", "Phase"): ("phases", "phases"),
        "DesignInfo": ("designInfo", {
            "DesignAllocation": ("allocation", _enum("allocation")),
            "DesignInterventionModel": ("interventionModel", _enum("model")),
            "DesignInterventionModelDescription": "interventionModelDescription",
            "DesignPrimaryPurpose": ("primaryPurpose", _enum("purpose")),
            ("DesignObservationalModelList", "DesignObservationalModel"): ("observationalModel", "first"),
            ("DesignTimePerspectiveList", "DesignTimePerspective"): ("timePerspective", "first"),
            "DesignMaskingInfo": ("maskingInfo", {
                "DesignMasking": ("masking", _enum("masking")), "DesignMaskingDescription": "maskingDescription",
                ("DesignWhoMaskedList", "DesignWhoMasked"): ("whoMasked", _enum("role"))})}),
        "BioSpec": ("bioSpec", {"BioSpecRetention": ("retention", ENUM), "BioSpecDescription": "description"}),
        "EnrollmentInfo": ("enrollmentInfo", {"EnrollmentCount": ("count", COUNT), "EnrollmentType": ("type", _enum("date_type"))}),
        "ExpandedAccessTypes": ("expandedAccessTypes", {"ExpAccTypeIndividual": ("individual", YES),
                                                        "ExpAccTypeIntermediate": ("intermediate", YES),
                                                        "ExpAccTypeTreatment": ("treatment", YES)})}),
    "ArmsInterventionsModule": ("armsInterventionsModule", {
        ("ArmGroupList", "ArmGroup"): ("armGroups", {
            "ArmGroupLabel": "label", "ArmGroupType": ("type", ENUM), "ArmGroupDescription": "description",
            "ArmGroupInterventionList": ("interventionNames", "ArmGroupInterventionName")}),
        ("InterventionList", "Intervention"): ("interventions", {
            "InterventionType": ("type", ENUM), "InterventionName": "name", "InterventionDescription": "description",
            "InterventionArmGroupLabelList": ("armGroupLabels", "InterventionArmGroupLabel"),
            "InterventionOtherNameList": ("otherNames", "InterventionOtherName")})}),
    "OutcomesModule": ("outcomesModule", {
        (f"{kind}OutcomeList", f"{kind}Outcome"): (f"{kind.lower()}Outcomes", {
            f"{kind}OutcomeMeasure": "measure", f"{kind}OutcomeDescription": "description",
            f"{kind}OutcomeTimeFrame": "timeFrame"}) for kind in ("Primary", "Secondary", "Other")}),
    "EligibilityModule": ("eligibilityModule", {
        "EligibilityCriteria": "eligibilityCriteria", "HealthyVolunteers": ("healthyVolunteers", YES),
        "Gender": ("sex", _enum("sex")), "GenderBased": ("genderBased", YES), "GenderDescription": "genderDescription",
        "MinimumAge": "minimumAge", "MaximumAge": "maximumAge", ("StdAgeList", "StdAge"): ("stdAges", ENUM),
        "StudyPopulation": "studyPopulation", "SamplingMethod": ("samplingMethod", ENUM)}),
    "ContactsLocationsModule": ("contactsLocationsModule", {
        ("CentralContactList", "CentralContact"): ("centralContacts", _prefixed("CentralContact", _PERSON_CONTACT)),
        ("OverallOfficialList", "OverallOfficial"): ("overallOfficials", {
            "OverallOfficialName": "name", "OverallOfficialAffiliation": "affiliation",
            "OverallOfficialRole": ("role", _enum("role"))}),
        ("LocationList", "Location"): ("locations", {
            "LocationFacility": "facility", "LocationStatus": ("status", _enum("status")), "LocationCity": "city",
            "LocationState": "state", "LocationZip": "zip", "LocationCountry": "country",
            ("LocationContactList", "LocationContact"): ("contacts", _prefixed("LocationContact", _PERSON_CONTACT))})}),
    "ReferencesModule": ("referencesModule", {
        ("ReferenceList", "Reference"): ("references", {
            "ReferencePMID": "pmid", "ReferenceType": ("type", ENUM), "ReferenceCitation": "citation",
            ("RetractionList", "Retraction"): ("retractions", {"RetractionPMID": "pmid", "RetractionSource": "source"})}),
        ("SeeAlsoLinkList", "SeeAlsoLink"): ("seeAlsoLinks", {"SeeAlsoLinkLabel": "label", "SeeAlsoLinkURL": "url"}),
        ("AvailIPDList", "AvailIPD"): ("availIpds", {"AvailIPDId": "id", "AvailIPDType": "type", "AvailIPDURL": "url",
                                                     "AvailIPDComment": "comment"})}),
    "IPDSharingStatementModule": ("ipdSharingStatementModule", {
        "IPDSharing": ("ipdSharing", ENUM), "IPDSharingDescription": "description",
        ("IPDSharingInfoTypeList", "IPDSharingInfoType"): ("infoTypes", _enum("ipd_type")),
        "IPDSharingTimeFrame": "timeFrame", "IPDSharingAccessCriteria": "accessCriteria", "IPDSharingURL": "url"}),
}
_V2_PHASES = {"NOT_APPLICABLE": ["NA"], **{p: [p] for p in ("NA", "EARLY_PHASE1", "PHASE1", "PHASE2", "PHASE3", "PHASE4")}}
SECTIONS = {"DerivedSection": "derivedSection", "ResultsSection": "resultsSection",
            "DocumentSection": "documentSection", "AnnotationSection": "annotationSection"}


def studies(response: dict) -> list[dict]:
    """The studies of a classic response (`FullStudiesResponse.FullStudies[].Study`)."""
    body = response.get("FullStudiesResponse")
    if not isinstance(body, dict):
        raise ImportError_("not a classic ClinicalTrials.gov response: no FullStudiesResponse")
    studies = [item.get("Study") for item in body.get("FullStudies") or [] if isinstance(item, dict)]
    found = [s for s in studies if isinstance(s, dict)]
    if not found:
        raise ImportError_("the classic response holds no study (FullStudiesResponse.FullStudies is empty)")
    return found


def to_v2(study: dict, notes: Notes) -> dict:
    """One classic `Study` as an API v2 study record."""
    section = study.get("ProtocolSection")
    if not isinstance(section, dict):
        raise ImportError_("a study of the classic response has no ProtocolSection")
    record = {"protocolSection": _object(section, TABLE, "ProtocolSection", notes)}
    for key in study:
        if key in SECTIONS:
            record[SECTIONS[key]] = {}  # not carried; from_json names it
        elif key != "ProtocolSection":
            notes.add(f"not carried: classic field {key}")
    return record


def _object(node: dict, table: dict, where: str, notes: Notes) -> dict:
    out: dict = {}
    used = set()
    for classic, rule in table.items():
        if isinstance(classic, tuple):  # ("ConditionList", "Condition"): a wrapped list
            wrapper, item = classic
            used.add(wrapper)
            values = (node.get(wrapper) or {}).get(item) if isinstance(node.get(wrapper), dict) else None
            if values is None:
                continue
            values = values if isinstance(values, list) else [values]
            key, how = (rule, TEXT) if isinstance(rule, str) else rule
            out[key] = _list(values, how, f"{where}.{wrapper}", notes)
            continue
        used.add(classic)
        if classic not in node:
            continue
        value = node[classic]
        key, how = (rule, TEXT) if isinstance(rule, str) else rule
        if isinstance(how, dict):
            out[key] = _object(value, how, f"{where}.{classic}", notes) if isinstance(value, dict) else None
        elif isinstance(how, str):  # a wrapped list inside an object: ("interventionNames", "ArmGroupInterventionName")
            items = value.get(how) if isinstance(value, dict) else None
            out[key] = list(items) if isinstance(items, list) else ([items] if items else [])
        else:
            out[key] = how(value) if value not in (None, "") else None
    for key in node:
        if key not in used:
            notes.add(f"not carried: classic field {where}.{key}")
    return out


def _list(values: list, how, where: str, notes: Notes):
    if how == "phases":
        phases = []
        for value in values:
            code = _upper(value) or ""
            found = _PHASES.get(code) or _V2_PHASES.get(code)
            if found:
                phases.extend(found)
            else:
                notes.add(f"phase {value!r} has no equivalent; not carried")
        return phases
    if how == "first":  # the classic API lists what API v2 holds as one value
        if len(values) > 1:
            notes.add(f"{where}: only the first of {len(values)} values is carried")
        return _upper(values[0]) if values else None
    if isinstance(how, dict):
        return [_object(v, how, where, notes) for v in values if isinstance(v, dict)]
    return [how(v) for v in values if v not in (None, "")]
