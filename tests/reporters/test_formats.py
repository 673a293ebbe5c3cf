"""The CI output formats, read back with real parsers."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ElementTree

from conftest import AS_PUBLISHED, COMPLETE, MINIMAL, QUIET

from toolkit.diagnostics import Diagnostic, Severity
from toolkit.engine import Summary
from toolkit.reporters.github import GithubReporter, _escape_data, _escape_property


def run(cli, fmt, *paths):
    return cli("validate", *paths, "--format", fmt)


def test_github_annotations(cli):
    result = run(cli, "github", AS_PUBLISHED / "NCT07063888.yaml")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert any(line.startswith("::warning file=tests/fixtures/as_published/NCT07063888.yaml,line=106,col=7,"
                               "title=AGE004 criteria-age-boundary-wording::") for line in lines)
    assert any(line.startswith("::error file=tests/fixtures/as_published/NCT07063888.yaml,line=152,col=12,"
                               "title=TXT001 ") for line in lines)
    assert any(line.startswith("::notice ") for line in lines)  # info -> notice
    assert lines[-1].startswith("1 file checked:")


def test_github_escaping():
    assert _escape_data("50% done\nnext\r") == "50%25 done%0Anext%0D"
    assert _escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    out = io.StringIO()
    reporter = GithubReporter(out)
    d = Diagnostic("dir,odd:name.yaml", 3, 4, "TXT001", Severity.ERROR, "100% sure: a, b\nc")
    reporter.file_done(d.file, [d])
    line = out.getvalue().splitlines()[0]
    # the newline was escaped when the diagnostic was made; what is left is escaped for GitHub
    assert line == "::error file=dir%2Codd%3Aname.yaml,line=3,col=4,title=TXT001 leftover-placeholder::100%25 sure: a, b\\nc"


def test_sarif(cli):
    result = run(cli, "sarif", AS_PUBLISHED)
    assert result.exit_code == 1
    sarif = json.loads(result.output)
    assert sarif["version"] == "2.1.0" and sarif["$schema"].endswith("sarif-2.1.0.json")
    (run_,) = sarif["runs"]
    rules = run_["tool"]["driver"]["rules"]
    assert run_["tool"]["driver"]["name"] == "protocol"
    for rule in rules:
        assert rule["id"] and rule["shortDescription"]["text"] and rule["fullDescription"]["text"] and rule["help"]["text"]
    ids = [r["id"] for r in rules]
    for result_ in run_["results"]:
        assert ids[result_["ruleIndex"]] == result_["ruleId"]
        location = result_["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"].startswith("tests/fixtures/as_published/")  # repository-relative
        assert location["region"]["startLine"] >= 1 and location["region"]["startColumn"] >= 1
        assert result_["level"] in ("error", "warning", "note")
        assert result_["partialFingerprints"]
    assert {"AGE004", "TIM003", "TXT002"} <= {r["ruleId"] for r in run_["results"]}


def test_junit(cli, write):
    clean = write(COMPLETE, "clean.yaml")
    result = run(cli, "junit", AS_PUBLISHED / "NCT07063888.yaml", clean)
    root = ElementTree.fromstring(result.output)
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [str(AS_PUBLISHED / "NCT07063888.yaml"), str(clean)]
    bad, good = suites
    names = [c.get("name") for c in bad.findall("testcase")]
    assert len(names) == len(set(names)), "test case names must be unique"
    report = json.loads(cli("validate", AS_PUBLISHED / "NCT07063888.yaml", "--format", "json").output)
    failing = [d for d in report["diagnostics"] if d["severity"] in ("error", "warning")]
    assert int(bad.get("failures")) == len(bad.findall("testcase/failure")) == len(failing) >= 4
    assert good.get("failures") == "0" and len(good.findall("testcase")) == 1
    assert int(root.get("tests")) == sum(int(s.get("tests")) for s in suites)


def test_summary_in_text_formats():
    out = io.StringIO()
    GithubReporter(out).finish(Summary(files=2, errors=1, warnings=0, infos=0))
    assert out.getvalue() == "2 files checked: 1 error, 0 warnings, 0 infos\n"


INVERTED = QUIET + ("eligibility:\n  minimum_age: 18 years\n  maximum_age: 17 years\n  sex: all\n"
                    "  healthy_volunteers: false\n  inclusion: [Liver cancer]\n  exclusion: [Pregnancy]\n")
MINIMUM_LINE = QUIET.count("\n") + 2


def test_related_location_in_text_json_and_sarif(cli, write):
    path = write(INVERTED)
    text = cli("validate", path, "--select", "AGE").output.splitlines()[0]
    assert text.endswith(f"AGE001 maximum age (17 years) is below minimum age (18 years); see line {MINIMUM_LINE}")
    (found,) = json.loads(cli("validate", path, "--format", "json", "--select", "AGE").output)["diagnostics"]
    assert found["related"] == [{"line": MINIMUM_LINE, "column": 16, "path": "/eligibility/minimum_age"}]
    (result,) = json.loads(cli("validate", path, "--format", "sarif", "--select", "AGE").output)["runs"][0]["results"]
    (related,) = result["relatedLocations"]
    assert related["id"] == 1
    assert related["physicalLocation"]["region"] == {"startLine": MINIMUM_LINE, "startColumn": 16}
    assert related["logicalLocations"][0]["fullyQualifiedName"] == "/eligibility/minimum_age"


def test_no_related_key_without_related_places(cli, write):
    report = json.loads(cli("validate", write(MINIMAL + "summary: TODO\n"), "--format", "json").output)
    assert report["diagnostics"] and all("related" not in d for d in report["diagnostics"])
