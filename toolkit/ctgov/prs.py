"""`protocol export --to prs-xml`: a protocol as a ClinicalTrials.gov PRS upload.

PRS (the Protocol Registration and Results System) takes records as XML conforming to
`ProtocolRecordSchema.xsd` (schema version 2018.05.08): a `study_collection` holding one
`clinical_study`. Values are PRS display strings ("Phase 2", "Parallel Assignment").

Three outcomes, never a file PRS's schema refuses:
- what the schema requires and the protocol lacks raises `MissingForPrs`, naming the YAML key;
- what PRS will ask for before it releases the record (but accepts in an upload) is a warning;
- what the protocol holds and PRS has no place for is a note.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from toolkit.ctgov.dosing import dosing_lines
from toolkit.ctgov.export import criteria_text
from toolkit.document.accessors import amount_and_unit
from toolkit.document.walk import get

SCHEMA_VERSION = "2018.05.08"
NAMESPACE = "http://clinicaltrials.gov/prs"

STATUS = {"not_yet_recruiting": "Not yet recruiting", "recruiting": "Recruiting",
          "enrolling_by_invitation": "Enrolling by invitation", "active_not_recruiting": "Active, not recruiting",
          "suspended": "Suspended", "terminated": "Terminated", "completed": "Completed", "withdrawn": "Withdrawn"}
EXPANDED_ACCESS_STATUS = {"available": "Available", "no_longer_available": "No longer available",
                          "temporarily_not_available": "Temporarily not available",
                          "approved_for_marketing": "Approved for marketing"}
STUDY_TYPE = {"interventional": "Interventional", "observational": "Observational", "expanded_access": "Expanded Access"}
# PRS takes one phase value; a phase 1/2 trial is one value, not two.
PHASE = {("na",): "N/A", ("early_phase1",): "Early Phase 1", ("phase1",): "Phase 1", ("phase1", "phase2"): "Phase 1/2",
         ("phase2",): "Phase 2", ("phase2", "phase3"): "Phase 2/3", ("phase3",): "Phase 3", ("phase4",): "Phase 4"}
ALLOCATION = {"randomized": "Randomized", "non_randomized": "Non-randomized", "na": "N/A"}
MODEL = {"single_group": "Single Group Assignment", "parallel": "Parallel Assignment",
         "crossover": "Crossover Assignment", "factorial": "Factorial Assignment", "sequential": "Sequential Assignment"}
PURPOSE = {"treatment": "Treatment", "prevention": "Prevention", "diagnostic": "Diagnostic",
           "supportive_care": "Supportive Care", "screening": "Screening",
           "health_services_research": "Health Services Research", "basic_science": "Basic Science",
           "device_feasibility": "Device Feasibility", "ect": "Educational/Counseling/Training", "other": "Other"}
MASKED = {"participant": "masked_subject", "care_provider": "masked_caregiver", "investigator": "masked_investigator",
          "outcomes_assessor": "masked_assessor"}
# The schema's list; the registry's older "Defined Population" and "Natural History" are not in it.
OBSERVATIONAL_MODEL = {"cohort": "Cohort", "case_control": "Case-Control", "case_only": "Case-Only",
                       "case_crossover": "Case-Crossover", "ecologic_or_community": "Ecologic or Community",
                       "family_based": "Family-Based", "other": "Other"}
TIME_PERSPECTIVE = {"retrospective": "Retrospective", "prospective": "Prospective",
                    "cross_sectional": "Cross-Sectional", "other": "Other"}
RETENTION = {"none_retained": "None Retained", "samples_with_dna": "Samples With DNA",
             "samples_without_dna": "Samples Without DNA"}
SAMPLING = {"probability_sample": "Probability Sample", "non_probability_sample": "Non-Probability Sample"}
ARM_TYPE = {"experimental": "Experimental", "active_comparator": "Active Comparator",
            "placebo_comparator": "Placebo Comparator", "sham_comparator": "Sham Comparator",
            "no_intervention": "No Intervention", "other": "Other"}
INTERVENTION_TYPE = {"drug": "Drug", "device": "Device", "biological": "Biological/Vaccine",
                     "procedure": "Procedure/Surgery", "radiation": "Radiation", "behavioral": "Behavioral",
                     "genetic": "Genetic", "dietary_supplement": "Dietary Supplement",
                     "combination_product": "Combination Product", "diagnostic_test": "Diagnostic Test", "other": "Other"}
SEX = {"all": "All", "female": "Female", "male": "Male"}
DATE_TYPE = {"actual": "Actual", "estimated": "Anticipated"}
SECONDARY_ID_TYPE = {"nih": "NIH Grant Number", "other_grant": "Other Grant/Funding Number",
                     "registry": "Registry Identifier", "ctis": "EU Trial (CTIS) Number",
                     "eudract_number": "EudraCT Number", "other": "Other Identifier"}
RESPONSIBLE_PARTY = {"sponsor": "Sponsor", "principal_investigator": "Principal Investigator",
                     "sponsor_investigator": "Sponsor-Investigator"}
OFFICIAL_ROLE = {"principal_investigator": "Principal Investigator", "study_chair": "Study Chair",
                 "study_director": "Study Director", "sub_investigator": "Sub-Investigator"}
SITE_INVESTIGATOR_ROLE = {"principal_investigator": "Principal Investigator", "sub_investigator": "Sub-Investigator"}
IRB_STATUS = {"approved": "Approved", "pending": "Pending", "not_required": "Not required", "denied": "Denied"}
IPD = {"yes": "Yes", "no": "No", "undecided": "Undecided"}
IPD_INFO = {"study_protocol": "ipd_info_type_protocol", "sap": "ipd_info_type_sap", "icf": "ipd_info_type_icf",
            "csr": "ipd_info_type_csr", "analytic_code": "ipd_info_type_analytic_code"}
OVERSIGHT = {"data_monitoring_committee": "has_dmc", "fda_regulated_drug": "fda_regulated_drug",
             "fda_regulated_device": "fda_regulated_device", "us_export": "exported_from_us",
             "pediatric_postmarket_surveillance": "ped_postmarket_surv"}
DURATION_UNITS = {"year": "Years", "month": "Months", "week": "Weeks", "day": "Days"}

# What the protocol format holds that a PRS upload has no element for (top-level and nested keys).
NO_PLACE = {
    ("identifiers", "nct"): "the NCT number (PRS assigns it and knows the record by org_study_id)",
    ("version",): "the protocol version",
    ("status", "first_submitted"): "registry dates (first submitted, first posted, last updated): PRS sets them",
    ("status", "first_posted"): "registry dates (first submitted, first posted, last updated): PRS sets them",
    ("status", "last_updated"): "registry dates (first submitted, first posted, last updated): PRS sets them",
    ("sponsor", "funding"): "sources of funding (PRS lists sponsor and collaborators only)",
    ("objectives",): "objectives",
    ("design", "randomization"): "the randomisation scheme (ratio, method, stratification)",
    ("design", "follow_up"): "the planned follow-up",
    ("design", "site_distribution"): "single centre or multicentre",
    ("sections",): "the protocol document's narrative sections",
    ("patient",): "the plain-language summary for patients",
    ("translations",): "translations",
}
_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _empty(value) -> bool:
    return value is None or value == "" or (isinstance(value, (list, tuple, dict)) and not value)


class MissingForPrs(ValueError):
    """The protocol lacks what the PRS schema requires; nothing is written."""

    def __init__(self, missing: list[tuple[str, str]]):
        self.missing = missing
        super().__init__("; ".join(f"{key}: {why}" for key, why in missing))


@dataclass
class PrsUpload:
    xml: str
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class _Writer:
    """Collects what is missing, asked for and left out while the XML is built."""

    def __init__(self) -> None:
        self.missing: list[tuple[str, str]] = []
        self.warnings: list[str] = []
        self.notes: list[str] = []

    def need(self, value, key: str, why: str):
        if _empty(value):
            self.missing.append((key, why))
        return value

    def ask(self, value, key: str, why: str):
        if _empty(value):
            self.warnings.append(f"{key}: {why}")
        return value

    def note(self, message: str) -> None:
        if message not in self.notes:
            self.notes.append(message)

    def add(self, parent, tag: str, value):
        """parent/tag with text `value`; nothing when the value is absent."""
        if _empty(value):
            return None
        element = ET.SubElement(parent, tag)
        element.text = self.text(value)
        return element

    def block(self, parent, tag: str, value):
        """parent/tag/textblock, the schema's shape for free text."""
        if not value:
            return None
        element = ET.SubElement(parent, tag)
        ET.SubElement(element, "textblock").text = self.text(value)
        return element

    def text(self, value) -> str:
        if isinstance(value, bool):
            return "Yes" if value else "No"
        text = str(value)
        if _XML_INVALID.search(text):
            self.note("control characters XML cannot carry were left out of the text")
            text = _XML_INVALID.sub("", text)
        return text


def to_prs(protocol: dict, org_name: str | None = None) -> PrsUpload:
    """The protocol as a PRS upload; raises MissingForPrs when the schema's required parts are missing."""
    w = _Writer()
    collection = ET.Element("prs:study_collection", {"xmlns:prs": NAMESPACE})
    study = ET.SubElement(collection, "clinical_study")
    _identification(w, study, protocol, org_name)
    _sponsors(w, study, protocol)
    _oversight(w, study, protocol)
    w.block(study, "brief_summary", w.ask(protocol.get("summary"), "summary", "PRS requires a brief summary"))
    w.block(study, "detailed_description", protocol.get("description"))
    _status(w, study, protocol)
    _design(w, study, protocol)
    _outcomes(w, study, protocol)
    _enrollment(w, study, protocol)
    for condition in w.ask(protocol.get("conditions"), "conditions", "PRS requires at least one condition") or []:
        w.add(study, "condition", condition)
    for keyword in protocol.get("keywords", []):
        w.add(study, "keyword", keyword)
    _arms(w, study, protocol)
    _interventions(w, study, protocol)
    _eligibility(w, study, protocol)
    _contacts(w, study, protocol)
    _locations(w, study, protocol)
    _ipd(w, study, protocol)
    _links(w, study, protocol)
    _references(w, study, protocol)
    _no_place(w, protocol)
    if w.missing:
        raise MissingForPrs(w.missing)
    ET.indent(collection)
    xml = '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(collection, encoding="unicode") + "\n"
    return PrsUpload(xml, w.warnings, w.notes)


def _identification(w, study, p, org_name):
    ids = ET.SubElement(study, "id_info")
    w.add(ids, "org_name", w.need(org_name or get(p, "identifiers", "prs_organization"), "identifiers.prs_organization",
                                  "PRS needs the organization name you log in with (or pass --prs-org NAME)"))
    w.add(ids, "org_study_id", w.need(get(p, "identifiers", "org_study_id"), "identifiers.org_study_id",
                                      "PRS identifies the record by the organization's unique protocol ID"))
    for item in get(p, "identifiers", "secondary", default=[]):
        element = ET.SubElement(ids, "secondary_id")
        w.add(element, "id", item["id"])
        kind = item.get("type")
        if kind and kind not in SECONDARY_ID_TYPE:
            w.note(f"secondary id type '{kind}' is not one of PRS's secondary id types; the id is written without a type")
        w.add(element, "id_type", SECONDARY_ID_TYPE.get(kind))
        w.add(element, "id_domain", item.get("domain"))
    w.add(study, "delayed_posting", get(p, "oversight", "unapproved_device"))
    w.add(study, "brief_title", w.need(get(p, "title", "brief"), "title.brief", "PRS requires a brief title"))
    w.add(study, "acronym", get(p, "title", "acronym"))
    w.add(study, "official_title", get(p, "title", "official"))


def _sponsors(w, study, p):
    sponsor = p.get("sponsor", {})
    lead = w.need(sponsor.get("lead"), "sponsor.lead", "PRS requires the lead sponsor")
    if not lead:
        return
    element = ET.SubElement(study, "sponsors")
    ET.SubElement(ET.SubElement(element, "lead_sponsor"), "agency").text = w.text(lead)
    for name in sponsor.get("collaborators", []):
        ET.SubElement(ET.SubElement(element, "collaborator"), "agency").text = w.text(name)
    party = w.ask(sponsor.get("responsible_party"), "sponsor.responsible_party", "PRS requires the responsible party")
    if party:
        node = ET.SubElement(element, "resp_party")
        w.add(node, "resp_party_type", RESPONSIBLE_PARTY[party["type"]])
        person = party.get("investigator") or {}
        if party["type"] != "sponsor":
            if person.get("name"):
                w.note("the responsible investigator's name: PRS takes the investigator's PRS user name "
                       "(investigator_username), which the protocol does not hold; title and affiliation are written")
            w.add(node, "investigator_title", person.get("title"))
            w.add(node, "investigator_affiliation", person.get("affiliation"))


def _oversight(w, study, p):
    oversight = p.get("oversight", {})
    element = ET.Element("oversight_info")
    ethics = oversight.get("ethics", [])
    if ethics:
        board = ethics[0]
        status = w.need(board.get("status"), "oversight.ethics[0].status",
                        "PRS records the review board's approval status with the board")
        irb = ET.SubElement(element, "irb_info")
        w.add(irb, "approval_status", IRB_STATUS.get(status))
        w.add(irb, "approval_number", board.get("reference"))
        w.add(irb, "name", board.get("committee"))
        if board.get("date"):
            w.note("the ethics approval date (PRS has no element for it)")
        if board.get("contact"):
            w.note("the ethics committee's contact text (PRS splits it into phone, email and address; "
                   "write them in PRS)")
        if len(ethics) > 1:
            w.note("ethics committees after the first (PRS holds one review board)")
    for ours, tag in OVERSIGHT.items():
        w.add(element, tag, oversight.get(ours))
    if len(element):
        study.append(element)


def _dated(w, study, p, ours: str, tag: str):
    item = get(p, "status", ours)
    if item:
        w.add(study, tag, str(item["date"]))
        w.add(study, f"{tag}_type", DATE_TYPE.get(item.get("type")))


def _status(w, study, p):
    status = p.get("status", {})
    expanded = get(p, "design", "study_type") == "expanded_access"
    if expanded:
        w.add(study, "overall_status", None)
    else:
        # "Unknown status" is the registry's display of a stale record; PRS holds the last known status.
        overall = status.get("overall") or status.get("last_known")
        w.add(study, "overall_status", STATUS.get(w.ask(overall, "status.overall", "PRS requires the recruitment status")))
    w.add(study, "why_stopped", status.get("why_stopped"))
    w.add(study, "expanded_access_status", EXPANDED_ACCESS_STATUS.get(status.get("expanded_access")))
    if status.get("verified"):
        w.add(study, "verification_date", str(status["verified"])[:7])
    if not expanded:
        w.ask(status.get("start"), "status.start", "PRS requires the study start date")
    _dated(w, study, p, "start", "start_date")
    _dated(w, study, p, "completion", "last_follow_up_date")
    _dated(w, study, p, "primary_completion", "primary_compl_date")


def _design(w, study, p):
    design = p.get("design", {})
    kind = w.need(design.get("study_type"), "design.study_type", "PRS requires the study type")
    if not kind:
        return
    element = ET.SubElement(study, "study_design")
    w.add(element, "study_type", STUDY_TYPE[kind])
    if kind == "interventional":
        _interventional(w, ET.SubElement(element, "interventional_design"), p)
    elif kind == "observational":
        _observational(w, ET.SubElement(element, "observational_design"), p)
    else:
        for access in ("individual", "intermediate", "treatment"):
            if design.get("expanded_access_types"):
                w.add(element, f"exp_acc_type_{access}", access in design["expanded_access_types"])


def _interventional(w, element, p):
    design = p["design"]
    w.add(element, "interventional_subtype",
          PURPOSE.get(w.need(design.get("purpose"), "design.purpose", "PRS requires the primary purpose")))
    phases = tuple(sorted(design.get("phases", []), key=["early_phase1", "phase1", "phase2", "phase3", "phase4", "na"].index))
    if phases and phases not in PHASE:
        w.missing.append(("design.phases", f"PRS takes one phase or phase 1/2 or 2/3, not {', '.join(phases)}"))
    w.add(element, "phase", PHASE.get(w.need(phases, "design.phases", "PRS requires the phase (na when none applies)") or ()))
    w.add(element, "assignment", MODEL.get(design.get("model")))
    w.block(element, "model_description", design.get("model_description"))
    w.add(element, "allocation",
          ALLOCATION.get(w.need(design.get("allocation"), "design.allocation", "PRS requires the allocation (na for one arm)")))
    masking = design.get("masking")
    if w.ask(masking, "design.masking", "PRS requires the masking"):
        w.add(element, "no_masking", masking["level"] == "none")
        if masking["level"] != "none":
            for role, tag in MASKED.items():
                w.add(element, tag, role in masking.get("who", []))
        w.block(element, "masking_description", masking.get("description"))
    if p.get("arms"):
        w.add(element, "number_of_arms", len(p["arms"]))


def _observational(w, element, p):
    design = p["design"]
    model = w.need(design.get("observational_model"), "design.observational_model", "PRS requires the observational model")
    if model and model not in OBSERVATIONAL_MODEL:
        w.missing.append(("design.observational_model",
                          f"'{model}' is not among PRS's observational models ({', '.join(OBSERVATIONAL_MODEL)})"))
    w.add(element, "observational_study_design", OBSERVATIONAL_MODEL.get(model))
    retention = w.need(get(design, "biospecimen", "retention"), "design.biospecimen.retention",
                       "PRS requires biospecimen retention for observational studies (none_retained when none)")
    w.add(element, "biospecimen_retention", RETENTION.get(retention))
    w.block(element, "biospecimen_description", get(design, "biospecimen", "description"))
    w.add(element, "timing", TIME_PERSPECTIVE.get(
        w.need(design.get("time_perspective"), "design.time_perspective", "PRS requires the time perspective")))
    w.add(element, "number_of_groups",
          len(w.need(p.get("arms"), "arms", "PRS requires the number of groups/cohorts: list them under arms") or []) or None)
    w.add(element, "patient_registry", design.get("patient_registry"))
    if design.get("target_duration"):
        match = re.fullmatch(r"\s*([1-9][0-9]*)\s+(year|month|week|day)s?\s*", str(design["target_duration"]), re.IGNORECASE)
        if not match:
            w.missing.append(("design.target_duration", "PRS takes a whole number of years, months, weeks or days"))
        else:
            w.add(element, "target_duration_quantity", match.group(1))
            w.add(element, "target_duration_units", DURATION_UNITS[match.group(2).lower()])


def _outcomes(w, study, p):
    if get(p, "design", "study_type") != "expanded_access":
        w.ask(get(p, "endpoints", "primary"), "endpoints.primary", "PRS requires at least one primary outcome measure")
    for kind in ("primary", "secondary", "other"):
        for endpoint in get(p, "endpoints", kind, default=[]):
            element = ET.SubElement(study, f"{kind}_outcome")
            w.add(element, "outcome_measure", endpoint["measure"])
            w.add(element, "outcome_time_frame", endpoint.get("timeframe"))
            w.block(element, "outcome_description", endpoint.get("description"))


def _enrollment(w, study, p):
    enrollment = get(p, "design", "enrollment")
    if get(p, "design", "study_type") != "expanded_access":
        w.ask(enrollment, "design.enrollment", "PRS requires the enrollment")
    if enrollment:
        w.add(study, "enrollment", enrollment["count"])
        w.add(study, "enrollment_type", DATE_TYPE.get(enrollment.get("type")))


def _arms(w, study, p):
    interventional = get(p, "design", "study_type") == "interventional"
    for arm in p.get("arms", []):
        element = ET.SubElement(study, "arm_group")
        w.add(element, "arm_group_label", arm["label"])
        if interventional:  # the schema: arm_type only for interventional studies
            w.add(element, "arm_type", ARM_TYPE.get(
                w.need(arm.get("type"), f"arms[{arm['id']}].type", "PRS requires each arm's type")))
        w.block(element, "arm_group_description", arm.get("description"))


def intervention_description(item: dict) -> str | None:
    """The intervention's description with its dosing: PRS has no dosing element, and the
    registry page shows doses only where the description gives them."""
    parts = [item["description"]] if item.get("description") else []
    lines = dosing_lines(item.get("dosing", []))
    if lines:
        parts.append("\n".join(f"- {line}" for line in lines))
    return "\n\n".join(parts) or None


def _interventions(w, study, p):
    for item in p.get("interventions", []):
        element = ET.SubElement(study, "intervention")
        w.add(element, "intervention_type", INTERVENTION_TYPE[item["type"]])
        w.add(element, "intervention_name", item["name"])
        w.block(element, "intervention_description", intervention_description(item))
        for arm in p.get("arms", []):
            if item["id"] in arm.get("interventions", []):
                w.add(element, "arm_group_label", arm["label"])
        for name in item.get("other_names", []):
            w.add(element, "intervention_other_name", name)


def _age(text):
    """"18 years" -> "18 Years"; no limit -> "N/A"."""
    parts = amount_and_unit(text)
    return f"{parts[0]} {parts[1].capitalize()}" if parts else "N/A"


def _eligibility(w, study, p):
    eligibility = p.get("eligibility", {})
    criteria = criteria_text(eligibility)
    w.need(criteria, "eligibility.inclusion", "PRS requires the eligibility criteria")
    sex = w.need(eligibility.get("sex"), "eligibility.sex", "PRS requires the sexes eligible")
    if not criteria or not sex:
        return
    element = ET.SubElement(study, "eligibility")
    w.block(element, "study_population", eligibility.get("population"))
    w.add(element, "sampling_method", SAMPLING.get(eligibility.get("sampling_method")))
    w.block(element, "criteria", criteria)
    w.add(element, "healthy_volunteers", eligibility.get("healthy_volunteers"))
    w.add(element, "gender", SEX[sex])
    w.add(element, "gender_based", eligibility.get("gender_based"))
    w.block(element, "gender_description", eligibility.get("gender_description"))
    w.add(element, "minimum_age", _age(eligibility.get("minimum_age")))
    w.add(element, "maximum_age", _age(eligibility.get("maximum_age")))


def split_phone(phone):
    """"+1 555 0100 ext. 12" -> ("+1 555 0100", "12"): the importer keeps an extension in the number."""
    match = re.fullmatch(r"(.*?)\s+ext\.?\s*(\S.*)", phone or "")
    return (match.group(1), match.group(2)) if match else (phone, None)


def _person(w, parent, tag: str, person: dict, phone: bool = True):
    element = ET.SubElement(parent, tag)
    # PRS's name fields (first, middle, last, degrees) are one name on the registry page;
    # the whole name goes in last_name, as the registry's own records do.
    w.add(element, "last_name", person["name"])
    if phone:
        number, extension = split_phone(person.get("phone"))
        w.add(element, "phone", number)
        w.add(element, "phone_ext", extension)
        w.add(element, "email", person.get("email"))
    return element


def _contacts(w, study, p):
    for official in get(p, "contacts", "officials", default=[]):
        element = _person(w, study, "overall_official", official, phone=False)
        w.add(element, "role", OFFICIAL_ROLE.get(official.get("role")))
        w.add(element, "affiliation", official.get("affiliation"))
    central = get(p, "contacts", "central", default=[])
    for tag, person in zip(("overall_contact", "overall_contact_backup"), central, strict=False):
        _person(w, study, tag, person)
    if len(central) > 2:
        w.note("central contacts after the second (PRS holds a contact and a backup)")


def _locations(w, study, p):
    for site in p.get("locations", []):
        element = ET.SubElement(study, "location")
        facility = ET.SubElement(element, "facility")
        w.add(facility, "name", site["facility"])
        address = ET.SubElement(facility, "address")
        for key in ("city", "state", "country", "zip"):
            w.add(address, key, site.get(key))
        w.add(element, "status", STATUS.get(site.get("status")))
        contacts = [c for c in site.get("contacts", []) if c.get("role") not in SITE_INVESTIGATOR_ROLE]
        investigators = [c for c in site.get("contacts", []) if c.get("role") in SITE_INVESTIGATOR_ROLE]
        for tag, person in zip(("contact", "contact_backup"), contacts, strict=False):
            _person(w, element, tag, person)
        if len(contacts) > 2:
            w.note("site contacts after the second (PRS holds a contact and a backup per site)")
        for person in investigators:
            investigator = _person(w, element, "investigator", person, phone=False)
            w.add(investigator, "role", SITE_INVESTIGATOR_ROLE[person["role"]])
            if person.get("phone") or person.get("email"):
                w.note("site investigators' phone and email (PRS holds them for site contacts only)")


def _ipd(w, study, p):
    ipd = p.get("ipd_sharing")
    if not ipd:
        return
    element = ET.SubElement(study, "ipd_sharing_statement")
    w.add(element, "sharing_ipd", IPD[ipd["plan"]])
    w.block(element, "ipd_description", ipd.get("description"))
    details = [k for k in ("info_types", "time_frame", "access_criteria", "url") if ipd.get(k)]
    if ipd["plan"] != "yes":
        if details:
            w.note("IPD sharing details (info types, time frame, access criteria, URL): PRS takes them only "
                   "when the plan is to share")
        return
    for kind, tag in IPD_INFO.items():
        if ipd.get("info_types"):
            w.add(element, tag, kind in ipd["info_types"])
    w.block(element, "ipd_time_frame", ipd.get("time_frame"))
    w.block(element, "ipd_access_criteria", ipd.get("access_criteria"))
    w.add(element, "ipd_url", ipd.get("url"))


def _links(w, study, p):
    for index, link in enumerate(p.get("links", [])):
        element = ET.SubElement(study, "link")
        w.add(element, "url", link["url"])
        w.add(element, "description", w.need(link.get("label"), f"links[{index}].label", "PRS requires a description of each link"))


def _references(w, study, p):
    for ref in p.get("references", []):
        if ref.get("type") == "derived":
            w.note("references of type derived (the registry adds them itself from PubMed)")
            continue
        element = ET.SubElement(study, "reference")
        citation = ref["citation"]
        if ref.get("doi") and ref["doi"].lower() not in citation.lower():
            citation = f"{citation} doi: {ref['doi']}"  # PRS has no DOI element; the citation carries it
        w.add(element, "citation", citation)
        w.add(element, "pubmed_id", ref.get("pmid"))
        if ref.get("type"):
            w.add(element, "is_results_ref", ref["type"] == "result")


def _no_place(w, p):
    for path, what in NO_PLACE.items():
        if get(p, *path) not in (None, "", [], {}):
            w.note(what)
    if get(p, "design", "masking", "level") == "none" and get(p, "design", "masking", "who"):
        w.note("masked roles of an open-label design")
