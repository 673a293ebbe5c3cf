"""The commented skeleton written by `protocol new`.

It passes the schema as it is; every value still to be written carries a TODO marker,
which rule TXT001 reports until it is replaced.
"""

import os
from pathlib import Path

from toolkit import resources

SKELETON = """\
# yaml-language-server: $schema={schema}
# A clinical-trial protocol. Fill in every TODO, delete what does not apply, then run
#   protocol validate THIS_FILE
# `protocol schema` prints the full format; `protocol rules` lists the checks.
schema_version: 1
id: TODO-short-id            # the NCT number once registered, or a short slug
language: en                 # language of the text below; translations go under `translations`

identifiers:
  # nct: NCT00000000         # ClinicalTrials.gov number, once registered
  org_study_id: TODO         # the sponsor's protocol number

title:
  brief: "TODO: brief title, in words the public understands"
  official: "TODO: full scientific title"
  # acronym: ABC

version:
  number: "TODO"             # quote it: YAML reads 1.10 as the number 1.1
  # date: 2026-01-31
  # amendments:              # from the first amendment on; `protocol validate --since REV` asks for them
  #   - number: "1"
  #     version: "2.0"         # the version.number it made
  #     date: 2026-06-30
  #     scope: global          # or country, region, site (then applies_to: [...])
  #     substantial: true
  #     rationale: Why the protocol changed.
  #     changes:               # brief rationale per field or part, for `render --doc amendment`
  #       - {field: eligibility.inclusion, rationale: Why the criteria changed.}

sponsor:
  lead: "TODO: lead sponsor"
  # collaborators: [Another Hospital]

status:
  overall: not_yet_recruiting   # recruiting, active_not_recruiting, completed, ...
  start: {date: 2026-03, type: estimated}   # the planned start; registries require it
  # primary_completion: {date: 2028-03, type: estimated}
  # completion: {date: 2029-03, type: estimated}

conditions:
  - "TODO: condition studied"

summary: |
  TODO: a short summary of the trial (what, who, why).

design:
  study_type: interventional
  phases: [phase2]
  allocation: randomized        # randomized, non_randomized, na (single arm)
  model: parallel               # single_group, parallel, crossover, factorial, sequential
  purpose: treatment
  masking:
    level: none                 # none, single, double, triple, quadruple
    # who: [participant, outcomes_assessor]
  randomization:
    ratio: "1:1"                # one part per randomized arm, in `arms` order
  enrollment:
    count: 0                    # TODO: planned number of participants
    type: estimated
  # follow_up: 52 weeks        # planned follow-up per participant

arms:
  - id: experimental
    label: "TODO: experimental arm"
    type: experimental
    interventions: [study-drug]
  - id: control
    label: "TODO: control arm"
    type: active_comparator
    interventions: [standard-care]

interventions:
  - id: study-drug
    name: "TODO: study drug"
    type: drug
    dosing:
      - dose: "TODO"            # e.g. 240 mg
        route: "TODO"           # e.g. intravenous
        frequency: "TODO"       # e.g. every 3 weeks
        # condition: body weight < 60 kg   # needed when there are alternative doses
  - id: standard-care
    name: "TODO: standard of care"
    type: drug

eligibility:
  sex: all
  minimum_age: 18 years
  # maximum_age: 75 years
  healthy_volunteers: false
  inclusion:
    - "TODO: one criterion per item"
  exclusion:
    - "TODO: one criterion per item"

endpoints:
  primary:
    - measure: "TODO: primary endpoint"
      description: "TODO: how it is measured"
      timeframe: "TODO"         # e.g. Up to 2 years
  secondary: []

locations:
  - facility: "TODO: hospital"
    city: "TODO"
    country: "TODO"

patient:
  title: "TODO: a title a patient understands"
  purpose: "TODO: what the study is testing and why, in plain words"
  involvement: "TODO: visits, treatments and tests"
  risks: "TODO: possible risks"
  benefits: "TODO: possible benefits"
  contact: "TODO: who to call with questions"
"""


def skeleton(target: str) -> str:
    """The skeleton for a file at `target`, its modeline pointing at a schema that exists."""
    return SKELETON.replace("{schema}", schema_reference(Path(target)), 1)


def schema_reference(target: Path) -> str:
    """`../schemas/protocol.schema.json` when a folder above holds one (a protocol repository
    or this one), else the absolute path of the schema installed with the toolkit."""
    folder = target.resolve().parent
    for parent in (folder, *folder.parents):
        candidate = parent / "schemas" / "protocol.schema.json"
        if candidate.is_file():
            return os.path.relpath(candidate, folder)
    return str(resources.schema_path().resolve())
