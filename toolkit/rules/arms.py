"""ARM: arms, interventions and dosing; masking and phases."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from toolkit.diagnostics import Severity
from toolkit.document.model import Document
from toolkit.document.walk import get
from toolkit.parse import drug_names
from toolkit.rules._eras import before_final_rule
from toolkit.rules._registry import Finding, rule

MASKED_ROLES = {"none": 0, "single": 1, "double": 2, "triple": 3, "quadruple": 4}
ALLOWED_PHASES = [{"na"}, {"early_phase1"}, {"phase1"}, {"phase1", "phase2"}, {"phase2"},
                  {"phase2", "phase3"}, {"phase3"}, {"phase4"}]
# "12 mg (or 8 mg)", "8 mg or 12 mg": alternative doses written in one breath
_DOSE = r"\d+(?:\.\d+)?\s*(?:mg|g|µg|mcg|ug|ml|iu|gy)(?:/m2|/m²|/kg)?"
_ALTERNATIVE_DOSES = re.compile(rf"({_DOSE})\s*\(?\s*or\s+({_DOSE})\)?", re.IGNORECASE)
# words that say who gets which dose, or that the doses are a titration or a vial's strengths
_CONDITION_WORDS = re.compile(r"body ?weight|\bif\b|\bwhen\b|\bfor patients\b|\bbased on\b|\bdepending\b|<|>|≥|≤|体重"
                              r"|titrat|flexible|\bvials?\b|\bcontaining\b|\bstrengths?\b", re.IGNORECASE)


def _interventions(doc) -> list:
    return doc.data.get("interventions", [])


@rule("ARM001", "intervention-unused")
def intervention_unused(doc: Document) -> Iterator[Finding]:
    """An intervention is not given in any arm.

    ## What it checks
    Every item of `interventions` is listed by at least one arm's `interventions`.

    ## Why it matters
    The registry record links interventions to arms; an orphan intervention is usually an arm
    that forgot to list a drug it gives (its description names it, its links do not).
    An error: the record contradicts itself (an intervention given to nobody), whenever it
    was written.

    ## Example
    ```yaml
    arms:
      - {id: a, label: HAIC, type: experimental, interventions: [haic]}
    interventions:
      - {id: haic, name: HAIC, type: procedure}
      - {id: lenvatinib, name: Lenvatinib, type: drug}
    ```

    ## Use instead
    ```yaml
    arms:
      - {id: a, label: HAIC plus lenvatinib, type: experimental, interventions: [haic, lenvatinib]}
    interventions:
      - {id: haic, name: HAIC, type: procedure}
      - {id: lenvatinib, name: Lenvatinib, type: drug}
    ```

    ## Fix
    Add the intervention to the arms that give it, or remove it.
    """
    used = {ref for arm in doc.data.get("arms", []) for ref in arm.get("interventions", [])}
    if "arms" not in doc.data:
        return
    for index, intervention in enumerate(_interventions(doc)):
        if intervention["id"] not in used:
            yield Finding(("interventions", index, "id"), f'intervention "{intervention["name"]}" is not given in any arm')


@rule("ARM002", "arm-without-intervention")
def arm_without_intervention(doc: Document) -> Iterator[Finding]:
    """An arm gives no intervention, or a no-intervention arm gives one.

    ## What it checks
    In an interventional study, every arm except `no_intervention` arms lists at least one
    intervention, and a `no_intervention` arm lists none. (Observational groups need not.)

    ## Why it matters
    Participants in an arm without interventions receive nothing according to the record,
    which is only true of a no-intervention arm.
    An error: an arm that receives nothing, or a no-intervention arm that receives
    something, contradicts its own type.

    ## Example
    ```yaml
    arms:
      - {id: treatment, label: Lenvatinib, type: experimental, interventions: [lenvatinib]}
      - {id: control, label: Standard care, type: active_comparator}
    interventions:
      - {id: lenvatinib, name: Lenvatinib, type: drug}
    ```

    ## Use instead
    ```yaml
    arms:
      - {id: treatment, label: Lenvatinib, type: experimental, interventions: [lenvatinib]}
      - {id: control, label: Standard care, type: active_comparator, interventions: [sorafenib]}
    interventions:
      - {id: lenvatinib, name: Lenvatinib, type: drug}
      - {id: sorafenib, name: Sorafenib, type: drug}
    ```

    ## Fix
    List the interventions the arm receives, or make it a `no_intervention` arm.
    """
    if get(doc.data, "design", "study_type", default="interventional") != "interventional":
        return
    for index, arm in enumerate(doc.data.get("arms", [])):
        given = arm.get("interventions", [])
        if arm.get("type") == "no_intervention" and given:
            yield Finding(("arms", index, "interventions"), f'arm "{arm["label"]}" is a no-intervention arm but lists interventions')
        elif arm.get("type") != "no_intervention" and not given and _interventions(doc):
            yield Finding(("arms", index), f'arm "{arm["label"]}" lists no interventions')


@rule("ARM003", "unknown-intervention")
def unknown_intervention(doc: Document) -> Iterator[Finding]:
    """An arm refers to an intervention that is not defined.

    ## What it checks
    Each id in an arm's `interventions` is the `id` of an item of `interventions`.

    ## Why it matters
    A dangling reference drops the intervention from every document rendered for that arm.
    An error: a reference to nothing is a broken record, whenever it was written.

    ## Example
    ```yaml
    arms:
      - {id: a, label: A, type: experimental, interventions: [lenvatinb]}
    ```

    ## Use instead
    ```yaml
    arms:
      - {id: a, label: A, type: experimental, interventions: [lenvatinib]}
    interventions:
      - {id: lenvatinib, name: Lenvatinib, type: drug}
    ```

    ## Fix
    Correct the id, or add the intervention.
    """
    known = {i["id"] for i in _interventions(doc)}
    for index, arm in enumerate(doc.data.get("arms", [])):
        for position, ref in enumerate(arm.get("interventions", [])):
            if ref not in known:
                yield Finding(("arms", index, "interventions", position), f'arm "{arm["label"]}" refers to unknown intervention "{ref}"')


@rule("ARM004", "duplicate-id-or-label")
def duplicate_id_or_label(doc: Document) -> Iterator[Finding]:
    """Two arms or two interventions share an id, or two arms share a label.

    ## What it checks
    Arm ids, arm labels and intervention ids are unique.

    ## Why it matters
    References become ambiguous and the registry rejects duplicate arm labels.
    An error: two things with one name cannot both be referred to.

    ## Example
    ```yaml
    arms:
      - {id: a, label: Lenvatinib, type: experimental}
      - {id: a, label: Lenvatinib, type: experimental}
    ```

    ## Use instead
    ```yaml
    arms:
      - {id: a, label: Lenvatinib, type: experimental}
      - {id: b, label: Lenvatinib plus toripalimab, type: experimental}
    ```

    ## Fix
    Give each its own id and label.
    """
    for section, field in (("arms", "id"), ("arms", "label"), ("interventions", "id")):
        items = doc.data.get(section, [])
        counts = Counter(item[field] for item in items)
        first: dict = {}
        for index, item in enumerate(items):
            value = item[field]
            if counts[value] > 1:
                if value in first:
                    yield Finding((section, index, field), f'{section} {field} "{value}" is used twice',
                                  related=((section, first[value], field),))
                else:
                    first[value] = index


@rule("ARM005", "masking-roles")
def masking_roles(doc: Document) -> Iterator[Finding]:
    """The masking level does not match the masked roles.

    ## What it checks
    `design.masking.level` against the number of roles in `design.masking.who`: none = 0,
    single = 1, double = 2, triple = 3, quadruple = 4.

    ## Why it matters
    "Double blind" with one masked role tells the reader two different things; the registry
    checks it. Listing who is masked, and matching the level to that count, came with the
    FDAAA 801 Final Rule (effective 2017-01-18): older records wrote "Double Blind (Subject,
    Caregiver, Investigator, Outcomes Assessor)" or "Double Blind" alone, which was correct
    then, so records first submitted and started before that date are left alone.
    An error for records written under the Final Rule: a level and a list that disagree are
    a contradiction a reviewer sends back.

    ## Example
    ```yaml
    design:
      masking: {level: double, who: [participant]}
    ```

    ## Use instead
    ```yaml
    design:
      masking: {level: double, who: [participant, investigator]}
    ```

    ## Fix
    List every masked role, or correct the level.
    """
    masking = get(doc.data, "design", "masking")
    if not masking or before_final_rule(doc.data.get("status", {})):
        return
    level, who = masking["level"], masking.get("who")
    if who is None and level != "none":
        yield Finding(("design", "masking", "level"), f"masking is {level} but design.masking.who does not say who is masked")
    elif who is not None and len(who) != MASKED_ROLES[level]:
        yield Finding(("design", "masking", "who"),
                      f"masking level {level} means {MASKED_ROLES[level]} masked role(s) but {len(who)} are listed")


@rule("ARM006", "phases-vs-study-type")
def phases_vs_study_type(doc: Document) -> Iterator[Finding]:
    """The phases do not fit the study type, or are an impossible combination.

    ## What it checks
    Phases are given only for interventional studies, and only as one of the combinations
    the registry allows (a single phase, phase 1/2 or phase 2/3; `na` alone).

    ## Why it matters
    Observational studies have no phase; "phase 1 and phase 3" is not a trial design.
    An error: a phase for an observational study, or an impossible combination, is a
    contradiction.

    ## Example
    ```yaml
    design:
      study_type: observational
      phases: [phase2]
    ```

    ## Use instead
    ```yaml
    design:
      study_type: observational
    ```

    ## Fix
    Remove the phases, or use an allowed combination.
    """
    design = doc.data.get("design", {})
    phases = design.get("phases")
    if phases is None:
        return
    if design.get("study_type", "interventional") != "interventional" and phases and phases != ["na"]:
        yield Finding(("design", "phases"), f"a {design['study_type']} study has no phase")
    elif set(phases) not in ALLOWED_PHASES and phases:
        yield Finding(("design", "phases"), f"phases {', '.join(phases)} are not a combination registries accept")


@rule("ARM007", "alternative-doses", Severity.WARNING)
def alternative_doses(doc: Document) -> Iterator[Finding]:
    """Alternative doses without the condition that chooses between them.

    ## What it checks
    Interventions with several dosing items that differ only in dose (same phase, schedule
    and frequency) where an item has no `condition`; and text such as "12 mg (or 8 mg)" in
    doses, arm and intervention descriptions with no condition nearby ("body weight < 60 kg")
    and no word saying the doses are a titration ("titrated", "flexible-dose") or a vial's
    strengths ("vials containing 20 mg or 80 mg"); an intervention whose alternative doses
    are each the dose of one arm ("2.5 mg or 5 mg tadalafil", arms "2.5 mg tadalafil" and
    "5 mg tadalafil") is left alone: randomization chooses.

    ## Why it matters
    Investigators at different sites will choose differently, and the dose a participant gets
    stops being part of the protocol.
    A warning: the text usually leaves the choice open, but a rule for it may be stated
    elsewhere in the protocol.

    ## Example
    ```yaml
    interventions:
      - id: lenvatinib
        name: Lenvatinib
        type: drug
        dosing:
          - {dose: 12 mg, frequency: once daily}
          - {dose: 8 mg, frequency: once daily}
    ```

    ## Use instead
    ```yaml
    interventions:
      - id: lenvatinib
        name: Lenvatinib
        type: drug
        dosing:
          - {dose: 12 mg, frequency: once daily, condition: body weight ≥ 60 kg}
          - {dose: 8 mg, frequency: once daily, condition: body weight < 60 kg}
    ```

    ## Fix
    Say who gets which: `condition: body weight ≥ 60 kg` and `condition: body weight < 60 kg`.
    """
    for index, intervention in enumerate(_interventions(doc)):
        groups: dict = {}
        for position, dose in enumerate(intervention.get("dosing", [])):
            key = (dose.get("phase"), dose.get("schedule"), dose.get("frequency"), dose.get("route"))
            groups.setdefault(key, []).append(position)
        for positions in groups.values():
            items = [intervention["dosing"][p] for p in positions]
            if len(items) > 1 and any(not item.get("condition") for item in items):
                doses = " or ".join(str(item.get("dose")) for item in items)
                yield Finding(("interventions", index, "dosing", positions[1]),
                              f'{intervention["name"]}: {doses} are alternatives, but not every one says when it is used (condition)')
    for path, text in _dosing_texts(doc):
        match = _ALTERNATIVE_DOSES.search(text)
        if match and not _CONDITION_WORDS.search(text[max(0, match.start() - 80): match.end() + 60]):
            if path[0] == "interventions" and _doses_by_arm(match, doc.data.get("arms", [])):
                continue  # "2.5 mg or 5 mg tadalafil", and one arm gets 2.5 mg, another 5 mg
            yield Finding(path, f'"{match.group(0).strip()}" gives alternative doses without saying who gets which')


def _doses_by_arm(match: re.Match, arms: list) -> bool:
    """Each alternative dose is the dose of an arm of its own: randomization chooses."""
    def tight(text: str) -> str:  # "2.5 mg" and "2.5mg" alike
        return re.sub(r"(\d)\s+(?=[a-zµ])", r"\1", text.lower())

    texts = [tight(f'{arm.get("label", "")} {arm.get("description", "")}') for arm in arms]
    doses = [re.compile(r"(?<![\d.])" + re.escape(tight(dose))) for dose in match.groups()]
    owners = [[i for i, text in enumerate(texts) if dose.search(text)] for dose in doses]
    return all(len(found) == 1 for found in owners) and len({found[0] for found in owners}) == len(doses)


def _not_a_choice(name: str) -> bool:
    """"dexamethasone or equivalent" (a substitution), "25 mg, 50 mg or 100 mg" (doses: ARM007's)."""
    return bool(re.search(r"\bor\s+(?:an?\s+)?(?:equivalent|similar|generic)", name, re.IGNORECASE)
                or re.search(rf"{_DOSE}\s*\)?\s*or\s+{_DOSE}", name, re.IGNORECASE))


def _arms_decide(name: str, arms: list) -> bool:
    """Each alternative is an arm of its own ("Losartan/amlodipine", "Losartan/hydrochlorothiazide"): randomization decides."""
    bare = re.sub(r"^(?:treatment\s+with\s+)?either\s+", "", name, flags=re.IGNORECASE)
    alternatives = [a.strip(" ()").lower() for a in re.split(r"\s+or\s+", bare, flags=re.IGNORECASE)]
    labels = [f'{arm.get("label", "")} {arm.get("description", "")}'.lower() for arm in arms]
    return len(alternatives) > 1 and all(
        len(alt) >= 4 and sum(alt in label for label in labels) == 1 for alt in alternatives)


def _dosing_texts(doc):
    for index, arm in enumerate(doc.data.get("arms", [])):
        if arm.get("description"):
            yield ("arms", index, "description"), arm["description"]
    for index, intervention in enumerate(_interventions(doc)):
        if intervention.get("description"):
            yield ("interventions", index, "description"), intervention["description"]


_CHOICE_WORDS = re.compile(r"investigator'?s? choice|at the discretion|chosen|choice of|according to|depending on|based on", re.IGNORECASE)


@rule("ARM008", "alternative-interventions", Severity.WARNING)
def alternative_interventions(doc: Document) -> Iterator[Finding]:
    """An intervention is a list of alternatives with no rule for choosing.

    ## What it checks
    Drug and biological intervention names such as "FOLFIRI or FOLFOX or Regorafenib" whose
    description does not say how the alternative is chosen (investigator's choice, prior
    treatment, ...). Techniques of one procedure ("IMRT or VMAT") are not treatments to choose
    between and are left alone; so are substitutions ("dexamethasone or equivalent"), lists
    of doses (ARM007 reads those) and alternatives that are each an arm of their own (the
    randomization chooses).

    ## Why it matters
    The arms are only comparable if everyone knows who gets which regimen; an ethics committee
    will ask.
    A warning: the rule for choosing may be stated elsewhere (an arm, the protocol text).

    ## Example
    ```yaml
    interventions:
      - {id: second-line, name: FOLFIRI or FOLFOX or Regorafenib, type: drug}
    ```

    ## Use instead
    ```yaml
    interventions:
      - {id: folfiri, name: FOLFIRI, type: drug}
      - {id: folfox, name: FOLFOX, type: drug}
      - {id: regorafenib, name: Regorafenib, type: drug}
    ```

    ## Fix
    Say how the regimen is chosen in the description ("investigator's choice, based on prior
    first-line treatment"), or make each alternative its own intervention with its condition.
    """
    for index, intervention in enumerate(_interventions(doc)):
        name = intervention["name"]
        if intervention["type"] not in ("drug", "biological", "combination_product"):
            continue
        if not re.search(r"\w\s+or\s+\w", name, re.IGNORECASE) or _CHOICE_WORDS.search(intervention.get("description", "")):
            continue
        if _not_a_choice(name) or _arms_decide(name, doc.data.get("arms", [])):
            continue
        yield Finding(("interventions", index, "name"), f'"{name}" names alternatives but does not say how one is chosen')


def _intervention_texts(intervention: dict) -> list[str]:
    """Everything that names what an intervention is: name, other names, description, doses."""
    dosing = [str(value) for dose in intervention.get("dosing", []) for value in dose.values()]
    return [intervention["name"], *intervention.get("other_names", []), intervention.get("description", ""), *dosing]


@rule("ARM009", "treatment-not-declared", Severity.WARNING, tables=drug_names.TABLES)
def treatment_not_declared(doc):
    """An arm's description gives a treatment that is not among the arm's interventions.

    ## What it checks
    Treatments an arm's `description` names in the registry's "Type: Name" form ("Drug:
    Gemcitabine 1g/m2 ...") or as a drug next to its dose ("plus oral calcium 500 mg daily",
    "200 mg of hydroxychloroquine"), against the interventions the arm lists: their names,
    other names, descriptions and doses, and a drug's other names (brand and generic, from the
    drug-named-entity-recognition dictionary). Components of a listed product ("a tablet
    containing 5 mg tadalafil") are left alone. The message says whether the treatment is
    not declared at all, or declared but not linked to this arm.

    ## Why it matters
    The registry lists an arm's interventions from its links, not from its description: a drug
    given but not linked is missing from the record's arms-and-interventions table, from
    searches for that drug and from every document rendered for the arm. Seed trial
    NCT07304388 gave gemcitabine, lenvatinib and toripalimab in both arms' descriptions and
    linked none of them.

    ## Example
    ```yaml
    arms:
      - id: combo
        label: Chemotherapy plus lenvatinib
        type: experimental
        description: "Gemcitabine 1 g/m2 on days 1 and 8. Drug: Lenvatinib 12 mg once daily"
        interventions: [gemcitabine]
    interventions:
      - {id: gemcitabine, name: Gemcitabine, type: drug}
    ```

    ## Use instead
    ```yaml
    arms:
      - id: combo
        label: Chemotherapy plus lenvatinib
        type: experimental
        description: "Gemcitabine 1 g/m2 on days 1 and 8, lenvatinib 12 mg once daily"
        interventions: [gemcitabine, lenvatinib]
    interventions:
      - {id: gemcitabine, name: Gemcitabine, type: drug}
      - {id: lenvatinib, name: Lenvatinib, type: drug}
    ```

    ## Fix
    Declare the treatment as an intervention and list it in the arms that give it.
    """
    from toolkit.parse import treatments

    interventions = _interventions(doc)
    by_id = {i["id"]: i for i in interventions}
    for index, arm in enumerate(doc.data.get("arms", [])):
        text = arm.get("description") or ""
        if not text:
            continue
        linked = [t for ref in arm.get("interventions", []) if ref in by_id for t in _intervention_texts(by_id[ref])]
        reported = set()
        for named in treatments.typed_treatments(text) + treatments.dosed_drugs(text):
            other_names = frozenset() if named.typed else treatments.synonyms(named.name)
            if named.name.lower() in reported or treatments.mentioned_in(named.name, linked, other_names=other_names):
                continue
            reported.add(named.name.lower())
            shown = f"{named.typed}: {named.name}" if named.typed else named.name
            declared = next((i for i, item in enumerate(interventions)
                             if treatments.mentioned_in(named.name, [item["name"], *item.get("other_names", [])],
                                                        other_names=other_names)), None)
            if declared is None:
                yield Finding(("arms", index, "description"),
                              f'arm "{arm["label"]}" gives "{shown}", which is not a declared intervention; '
                              f"declare it and list it in this arm's interventions")
            else:
                yield Finding(("arms", index, "description"),
                              f'arm "{arm["label"]}" gives "{shown}", but intervention '
                              f'"{interventions[declared]["name"]}" is not listed in this arm\'s interventions',
                              related=(("interventions", declared, "name"),))


_PLACEBO_WORDS = re.compile(r"placebo|sham|vehicle|dummy|simulat|inactive|inert|sugar pill|saline|mock|"
                            r"\b0(?:\.0+)?\s*(?:mg|g|ml|µg|mcg)\b|安慰剂|模拟", re.IGNORECASE)


# A substance needs a placebo of its own; a test is not given in an inactive version.
_NEEDS_OWN_PLACEBO = ("drug", "biological", "dietary_supplement", "combination_product", "diagnostic_test", "genetic")


def _inactive_version(doc, index: int, given: list) -> bool:
    """The placebo arm gets an inactive version of what another arm gets: the same device,
    procedure or behavioural intervention, linked to both (plain underpants against treated
    ones, needling at non-acupoints). Only a substance needs a placebo of its own."""
    others = {ref for i, arm in enumerate(doc.data.get("arms", [])) if i != index for ref in arm.get("interventions", [])}
    return all(i["type"] not in _NEEDS_OWN_PLACEBO and i["id"] in others for i in given)


@rule("ARM010", "placebo-arm-without-placebo", Severity.WARNING)
def placebo_arm_without_placebo(doc):
    """A placebo comparator arm gives no placebo.

    ## What it checks
    Arms typed `placebo_comparator` that list interventions, none of which is a placebo by its
    name, other names or description ("placebo", "sham", "vehicle", "dummy", "saline",
    "inactive", a zero dose ...). Sham comparators are left alone, and so is a placebo arm
    whose devices, procedures or behavioural interventions are the ones another arm gets
    (plain underpants against treated ones, needling at non-acupoints): registries accept
    the active device or procedure, described as inactive, as the control's intervention.
    Only a substance needs a placebo of its own.

    ## Why it matters
    The arm type tells readers the comparison is blinded against an inactive control; if the
    arm's interventions are active treatments, either the type or the interventions are
    wrong (often the placebo was never declared, or the arm is an active comparator).

    ## Example
    ```yaml
    arms:
      - {id: control, label: Control, type: placebo_comparator, interventions: [standard]}
    interventions:
      - {id: standard, name: Standard chemotherapy, type: drug}
    ```

    ## Use instead
    ```yaml
    arms:
      - {id: control, label: Control, type: placebo_comparator, interventions: [placebo]}
    interventions:
      - {id: placebo, name: Placebo tablets matching drug X, type: drug}
    ```

    ## Fix
    Declare the placebo (or sham) and link it to the arm, or change the arm's type.
    """
    by_id = {i["id"]: i for i in _interventions(doc)}
    for index, arm in enumerate(doc.data.get("arms", [])):
        kind = arm.get("type")
        given = [by_id[ref] for ref in arm.get("interventions", []) if ref in by_id]
        if kind != "placebo_comparator" or not given or _inactive_version(doc, index, given):
            continue
        if not any(_PLACEBO_WORDS.search(" ".join(_intervention_texts(i))) for i in given):
            names = ", ".join(f'"{i["name"]}"' for i in given)
            yield Finding(("arms", index, "type"),
                          f'arm "{arm["label"]}" is a placebo comparator, but none of its interventions ({names}) is a placebo; '
                          f"declare the placebo, or give the arm the type it has")
