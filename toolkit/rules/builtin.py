"""Codes reported while loading the YAML (YML) and checking the schema (SCH).

They have no check function here: the loader and the schema stage report them. They are in
the registry so that `protocol rules CODE` documents them like every other code.
"""

from toolkit.diagnostics import Severity
from toolkit.rules._registry import builtin

LOADER_TESTS = "tests/test_loader.py"
SCHEMA_TESTS = "tests/test_schema.py"
SUPPRESSION_TESTS = "tests/test_suppressions.py"

builtin("YML001", "yaml-syntax-error", """
The file is not valid YAML.

## What it checks
That the YAML parser can read the file: indentation, quotes, brackets, colons. Tabs used for
indentation are reported here too (YAML allows only spaces), and so is a value that does not
fit its explicit tag (`!!bool maybe`, `!!int abc`): it is never guessed.

## Why it matters
Nothing else can be checked until the file can be read.

## Example
```yaml
title: {brief: A trial
```

## Use instead
```yaml
title: {brief: A trial}
```

## Fix
Correct the syntax at the line and column given; indent with spaces.
""", tested_in=LOADER_TESTS)

builtin("YML002", "duplicate-key", """
The same key appears twice in one mapping.

## What it checks
Every mapping has each key at most once. The message names both lines.

## Why it matters
Most YAML readers silently keep one of the two values, so two people can read the same
file and see different protocols.

## Example
```yaml
eligibility:
  minimum_age: 18 years
  minimum_age: 20 years
```

## Use instead
```yaml
eligibility:
  minimum_age: 18 years
```

## Fix
Keep one of the keys.
""", tested_in=LOADER_TESTS)

builtin("YML003", "empty-file", """
The file holds no YAML document.

## What it checks
That the file has content.

## Why it matters
An empty protocol file is almost always an accident (a failed save or a bad merge).

## Example
An empty `protocols/new-trial.yaml`.

## Use instead
A file started from `protocol new FILE`.

## Fix
Start from `protocol new FILE`, or delete the file.
""", tested_in=LOADER_TESTS)

builtin("YML004", "top-level-not-mapping", """
The top level of the file is a list or a single value, not a mapping.

## What it checks
That the document is a mapping of keys (`id:`, `title:`, `design:` ...).

## Why it matters
A protocol is a set of named fields; a list or a scalar cannot be one.

## Example
```yaml
- id: trial-1
```

## Use instead
```yaml
id: trial-1
```

## Fix
Remove the leading `- ` so the keys are at the top level.
""", tested_in=LOADER_TESTS)

builtin("YML005", "not-utf8-text", """
The file is not UTF-8 text: it is binary, or in another encoding.

## What it checks
That the bytes decode as UTF-8 (a byte-order mark is accepted; UTF-16 with a byte-order
mark is accepted too) and contain no NUL bytes.

## Why it matters
Chinese text saved as GBK or GB18030 turns into mojibake in every document rendered from
it. Reading it as UTF-8 fails at the first such byte; the message gives its line and column.

## Example
A protocol saved by an editor set to GBK.

## Use instead
The same file saved as UTF-8.

## Fix
Re-save the file as UTF-8.
""", tested_in=LOADER_TESTS)

builtin("YML006", "file-too-large", """
The file is larger than the limit (8 MiB).

## What it checks
The size of the file before reading it.

## Why it matters
A protocol is a few hundred kilobytes at most; a file of tens of megabytes is a mistake
(a pasted data export, a log) and would make every check and render slow.

## Example
A 40 MB YAML export committed into `protocols/`.

## Use instead
The protocol alone, a few hundred kilobytes at most.

## Fix
Keep only the protocol in the file; put data elsewhere.
""", tested_in=LOADER_TESTS)

builtin("YML007", "alias-bomb", """
YAML aliases expand to too many nodes.

## What it checks
How many nodes are reached again through aliases (`*name`) while the file is read. The
limit is far above what any protocol needs.

## Why it matters
A few lines of nested aliases ("billion laughs") can expand to billions of values and
exhaust memory in any tool that reads the file as a tree. The check refuses such a file in
milliseconds.

## Example
```yaml
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
```

## Use instead
```yaml
a: &a ["lol", "lol"]
b: [*a, *a]
```

## Fix
Write repeated content out, or use fewer aliases.
""", tested_in=LOADER_TESTS)

builtin("YML008", "unsupported-yaml", """
The file uses a YAML feature protocols do not support.

## What it checks
Several documents in one file, explicit tags other than YAML 1.2's core ones (`!!str`,
`!!int`, `!!float`, `!!bool`, `!!null`, `!!seq`, `!!map`) on values, lists and mappings alike
(`!!python/object`, `!!set`, `!!omap`, `!!pairs`, `!mytag`), keys that are lists or
mappings, and aliases that contain themselves.

## Why it matters
These features make the same file mean different things to different tools, or are
attack vectors; a protocol needs none of them.

## Example
```yaml
id: trial-1
---
id: trial-2
```

## Use instead
```yaml
id: trial-1
```

## Fix
One protocol per file, plain values only.
""", tested_in=LOADER_TESTS)

builtin("YML009", "checker-crashed", """
The process checking this file died; the file was not checked.

## What it checks
Nothing in the file: it reports that a worker process of a large run was killed while
checking this file (a crash inside a library, or the system running out of memory). The
other files are still checked, and the run ends with exit status 2.

## Why it matters
A file that was never checked must not pass as clean, and one bad file must not stop
(or hang) the check of all the others.

## Example
A file that makes a library crash; please report it with the file.

## Use instead
The same content without what makes the library crash (typically nesting or values far
beyond what a protocol needs).

## Fix
Report it with the file. Meanwhile, look for what is unusual in the file (extreme nesting,
huge values) and simplify it.
""", tested_in="tests/hostile/test_nesting.py")

builtin("YML010", "unreadable-file", """
The file exists but cannot be read.

## What it checks
That the file can be opened (permissions, a folder named like a file).

## Why it matters
A check that silently skips a file would report a protocol clean that was never read.

## Example
A protocol file without read permission.

## Use instead
The same file, readable by the user who runs the check.

## Fix
Fix the file's permissions.
""", tested_in=LOADER_TESTS)

builtin("SCH001", "missing-key", """
A required key is missing.

## What it checks
The keys the schema requires: `schema_version`, `id`, `title.brief`, and the required keys
of each arm, intervention, endpoint and other item. (What registries require depending on
the kind of study is checked by the REQ rules.)

## Why it matters
Documents rendered from a protocol without them would have holes.

## Example
```yaml
arms:
  - {id: a, type: experimental}
```

## Use instead
```yaml
arms:
  - {id: a, label: Lenvatinib, type: experimental}
```

## Fix
Add the key named in the message (here `title.brief`).
""", tested_in=SCHEMA_TESTS)

builtin("SCH002", "unknown-key", """
A key the format does not know; often a typo.

## What it checks
Every mapping of the format lists the keys it accepts. An unknown key is reported at the
key, with a "did you mean" suggestion when one is close.

## Why it matters
A misspelt key (`eligibilty:`) is silently ignored by any tool that does not check: the
whole eligibility section would vanish from every document.

## Example
```yaml
eligibilty:
  minimum_age: 18 years
```

## Use instead
```yaml
eligibility:
  minimum_age: 18 years
```

## Fix
Correct the spelling, or move the content to the right place.
""", tested_in=SCHEMA_TESTS)

builtin("SCH003", "wrong-type", """
A value has the wrong type: text where a list is expected, a number where text is.

## What it checks
The JSON Schema type of every value.

## Why it matters
YAML guesses types from how a value looks: `1.10` is the number 1.1, `No` is text, not
false. The message says what was found and how to write what is expected.

## Example
```yaml
version:
  number: 1.10
```

## Use instead
```yaml
version:
  number: "1.10"
```

## Fix
Quote text that looks like a number (`"1.10"`); write lists one item per line.
""", tested_in=SCHEMA_TESTS)

builtin("SCH004", "value-not-allowed", """
A value is not one of the allowed values.

## What it checks
Fields with a fixed list of values (status, phases, allocation, arm type...).

## Why it matters
Registries accept only their own vocabulary; a near miss (`randomised`) cannot be mapped.

## Example
```yaml
design:
  allocation: randomised
```

## Use instead
```yaml
design:
  allocation: randomized
```

## Fix
Use one of the values listed in the message (here `randomized`).
""", tested_in=SCHEMA_TESTS)

builtin("SCH005", "wrong-form", """
A value does not have the expected form: an age, a date, a duration, an id, a ratio.

## What it checks
The pattern of structured text values.

## Why it matters
The consistency rules compare ages, dates and durations; they can only do so when the
values are written in a form that can be read without guessing.

## Example
```yaml
eligibility:
  maximum_age: "75"
```

## Use instead
```yaml
eligibility:
  maximum_age: 75 years
```

## Fix
Write it as the message shows, e.g. `maximum_age: 75 years`.
""", tested_in=SCHEMA_TESTS)

builtin("SCH006", "out-of-range", """
A value is out of range: an empty text, a negative count, a repeated list item.

## What it checks
Minimum and maximum values, lengths and uniqueness set by the schema.

## Why it matters
An empty criterion or a negative enrollment is always a mistake.

## Example
```yaml
design:
  enrollment:
    count: -1
```

## Use instead
```yaml
design:
  enrollment:
    count: 60
```

## Fix
Correct the value, or remove the key.
""", tested_in=SCHEMA_TESTS)

builtin("SCH007", "schema-other", """
Any other schema problem.

## What it checks
Schema constraints not covered by SCH001-SCH006.

## Why it matters
The schema is the single source of truth for the structure of a protocol.

## Example
```yaml
translations:
  Chinese:
    title: {brief: 一项试验}
```

## Use instead
```yaml
translations:
  zh:
    title: {brief: 一项试验}
```

## Fix
As the message says.
""", tested_in=SCHEMA_TESTS)

builtin("SCH008", "too-long", """
A text is longer than the registry accepts.

## What it checks
The character limits of ClinicalTrials.gov's data element definitions, set as `maxLength`
in the schema: brief title 300, official title 600, acronym 14, organization's study id and
secondary ids 30, sponsor names 160, brief summary 5,000, detailed description 32,000, why
stopped 250, model and masking descriptions 1,000, arm label 100, arm description 999,
intervention name 200, intervention description 1,000, study population
1,000, outcome measure title 255, outcome description 999, time frame 255, IPD description
1,000. Text is counted as the registry counts what the author wrote: a run of white space
(a folded line, the indentation of a legacy XML export) is one character, and a Markdown
backslash escape is none. The other rules still run. (Other names are not limited: the
registry has published longer ones than the 160 characters sometimes given.)

## Why it matters
The registry refuses a record with a text over its limit; what is cut to fit is then cut by
whoever submits it, not by the author.

## Example
```yaml
title:
  brief: A trial
  acronym: HAIC-LEN-TORI-ICC
```

## Use instead
```yaml
title:
  brief: A trial
  acronym: HALTI
```

## Fix
Shorten the text to the limit the message gives; move detail to the description.
""", tested_in=SCHEMA_TESTS)

builtin("NOQ001", "unused-suppression", """
An inline suppression silences nothing.

## What it checks
Each code in a `# protocol: ignore[CODE]` comment silenced a finding on that line.

## Why it matters
A suppression outlives the problem it was written for; left in place it would silently
hide the next, different problem of that kind on the line.

## Example
```yaml
eligibility:
  minimum_age: 18 years   # protocol: ignore[AGE002]
```

## Use instead
```yaml
eligibility:
  minimum_age: 18 years
  inclusion:
    - Age ≥ 20 years   # protocol: ignore[AGE002]  the registry record is being corrected
```

## Fix
Remove the comment, or the code from it.
""", Severity.WARNING, tested_in=SUPPRESSION_TESTS)

builtin("NOQ002", "unknown-suppression-code", """
An inline suppression names a code that does not exist.

## What it checks
Each code in a `# protocol: ignore[CODE]` comment is a rule code or family.

## Why it matters
A misspelt code suppresses nothing, and the finding it was meant for is still reported.

## Example
```yaml
eligibility:
  minimum_age: 18 years
  inclusion:
    - Age > 18 years   # protocol: ignore[AGE02]
```

## Use instead
```yaml
eligibility:
  minimum_age: 18 years
  inclusion:
    - Age > 18 years   # protocol: ignore[AGE002]
```

## Fix
Use the code printed with the finding (`protocol rules` lists them).
""", Severity.WARNING, tested_in=SUPPRESSION_TESTS)


# Codes `protocol diff` reports, one per kind of change, so that the CI formats (GitHub
# annotations, SARIF, JUnit) carry a change like any finding. `protocol validate` never
# reports them.
DIFF_TESTS = "tests/test_diff.py"
_DIFF_DOC = """
{summary}

## What it checks
`protocol diff OLD NEW` compares two versions of a protocol (files, `REV:path` in git, or a
registry record) and reports each {what} with this code, on the line of NEW that holds it
(a removed field: the line of the nearest part of NEW that remains).

## Why it matters
Every amendment must say what changed and why, and a registry record drifts from the
protocol when nobody compares them. A difference is reported as a warning: `protocol diff`
exits with status 1 whenever the versions differ.

## Example
{example}

## Use instead
The same value in both versions is not reported.

## Fix
Nothing to fix when the change is intended: record it in the amendment. When NEW is the
registry record (or OLD is), update whichever is out of date.
"""

builtin("DIF001", "added", _DIFF_DOC.format(
    summary="A field or list item is in NEW and not in OLD.", what="field or list item that was added",
    example="An inclusion criterion inserted between two others is one DIF001 at its own path; the "
            "criteria after it are matched by their text and are not reported."),
    Severity.WARNING, tested_in=DIFF_TESTS)
builtin("DIF002", "removed", _DIFF_DOC.format(
    summary="A field or list item is in OLD and not in NEW.", what="field or list item that was removed",
    example="A site dropped from `locations` is one DIF002 with the site as the old value."),
    Severity.WARNING, tested_in=DIFF_TESTS)
builtin("DIF003", "changed", _DIFF_DOC.format(
    summary="A value differs between OLD and NEW.", what="value that differs",
    example="An endpoint's `timeframe` changed from \"Up to 2 years\" to \"Up to 3 years\" is one DIF003 "
            "at `/endpoints/primary/0/timeframe`; against a registry record the values are the "
            "registry's words (\"registry: Phase 2; protocol: Phase 2/Phase 3\")."),
    Severity.WARNING, tested_in=DIFF_TESTS)
builtin("DIF004", "moved", _DIFF_DOC.format(
    summary="A list item is unchanged but at another place in its list.", what="list item that moved",
    example="Two exclusion criteria swapped are reported as moved, not as two changed criteria."),
    Severity.WARNING, tested_in=DIFF_TESTS)
