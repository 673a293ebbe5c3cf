"""Speed work must not change a single finding: save what `protocol validate` reports, compare later.

    python benchmarks/same_findings.py save     # before a change
    python benchmarks/same_findings.py check    # after it: exit 1 and a diff when anything differs

Three file sets, each validated by `protocol validate --format json` (every rule, the default
worker choice) exactly as a user runs it:

  * corpus    the registry corpus imported to YAML (.cache/corpus, made by
              benchmarks/corpus_report.py; imported here when missing);
  * examples  protocols/ and tests/fixtures/as_published (real trials, translations included);
  * rules     every rule's documented `## Example` and `## Use instead`, merged onto the minimal
              protocol as tests/rules/catalogue.py does (so every rule is exercised once).

The JSON output (file, line, column, rule, severity, message, path, related locations) is
stored in .cache/findings/SET.json and compared byte for byte.
"""

from __future__ import annotations

import argparse
import difflib
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
STORE = ROOT / ".cache" / "findings"
CORPUS = ROOT / ".cache" / "corpus"


def rule_examples(target: Path) -> Path:
    """Each rule's documented examples as files in `target` (rewritten every time)."""
    sys.path.insert(0, str(ROOT / "tests" / "rules"))
    from catalogue import merged, yaml_block  # the tests' own merge, so that the files match theirs

    from toolkit.rules import REGISTRY

    target.mkdir(parents=True, exist_ok=True)
    for old in target.glob("*.yaml"):
        old.unlink()
    for code, rule in sorted(REGISTRY.items()):
        for heading in ("Example", "Use instead"):
            example = yaml_block(rule.doc, heading)
            if example is None:
                continue
            try:
                text = example if rule.family == "YML" else merged(example)
            except ValueError:
                text = example
            (target / f"{code}-{heading.replace(' ', '-').lower()}.yaml").write_text(text, encoding="utf-8")
    return target


def sets() -> dict[str, list[str]]:
    if not CORPUS.is_dir() or not any(CORPUS.glob("*.yaml")):
        subprocess.run([str(BIN / "python"), str(ROOT / "benchmarks" / "corpus_report.py"), "--sample", "0"],
                       cwd=ROOT, check=True, capture_output=True)
    examples = STORE / "rule-examples"
    rule_examples(examples)
    relative = lambda p: str(p.relative_to(ROOT))  # noqa: E731 - file names in the output stay stable
    return {
        "corpus": [relative(CORPUS)],
        "examples": ["protocols", "tests/fixtures/as_published"],
        "rules": [relative(examples)],
    }


def findings(paths: list[str]) -> str:
    done = subprocess.run([str(BIN / "protocol"), "validate", *paths, "--format", "json"],
                          cwd=ROOT, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"protocol validate {' '.join(paths)} exited {done.returncode}:\n{done.stderr[-2000:]}")
    return json.dumps(json.loads(done.stdout), indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("save", "check"))
    args = parser.parse_args()
    STORE.mkdir(parents=True, exist_ok=True)
    different = 0
    for name, paths in sets().items():
        now = findings(paths)
        stored = STORE / f"{name}.json"
        if args.mode == "save":
            stored.write_text(now, encoding="utf-8")
            print(f"{name}: saved {now.count(chr(10) + '  {')} diagnostics to {stored.relative_to(ROOT)}")
            continue
        before = stored.read_text(encoding="utf-8")
        if before == now:
            print(f"{name}: the same findings")
            continue
        different += 1
        print(f"{name}: DIFFERENT")
        sys.stdout.writelines(list(difflib.unified_diff(before.splitlines(True), now.splitlines(True),
                                                        "before", "now", n=2))[:200])
    return 1 if different else 0


if __name__ == "__main__":
    raise SystemExit(main())
