"""benchmarks/precision_table.py counts what the findings and the verdicts say, nothing else."""

from __future__ import annotations

import json
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

import precision_table  # noqa: E402


def test_rates_and_precision_come_from_the_findings_and_the_verdicts(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "xml").mkdir(parents=True)
    for name in ("NCT1.xml", "NCT2.xml", "NCT3.xml", "NCT4.xml"):
        (corpus / "xml" / name).write_text("<clinical_study/>", encoding="utf-8")
    findings = tmp_path / "findings.jsonl"
    rows = [("NCT1", "REQ005", "/design"), ("NCT2", "REQ005", "/design"), ("NCT2", "REQ005", "/status"),
            ("NCT3", "TXT001", "/summary")]
    findings.write_text("".join(json.dumps({"record": str(corpus / "xml" / f"{n}.xml"), "rule": code, "path": path,
                                            "file": f"{n}.yaml"}) + "\n" for n, code, path in rows), encoding="utf-8")
    verdicts = tmp_path / "verdicts.tsv"
    verdicts.write_text("record\trule\tpath\tverdict\treason\n"
                        "xml/NCT1.xml\tREQ005\t/design\ttrue\tread\n"
                        "xml/NCT2.xml\tREQ005\t/design\tfalse\tread, still reported\n"
                        "xml/NCT4.xml\tREQ005\t/design\tfalse\tread, fixed since\n", encoding="utf-8")
    table = {r["code"]: r for r in precision_table.table(["REQ005", "TXT001", "REQ006"], findings, verdicts, corpus)}
    req005 = table["REQ005"]
    assert (req005["records"], req005["total"], req005["findings"]) == (2, 4, 3)
    assert (req005["judged"], req005["true"], req005["judged_now"]) == (3, 1, 2)
    assert req005["as_judged"] == 1 / 3 and req005["precision_now"] == 0.5 and req005["below_bar"] == "yes"
    assert table["TXT001"]["below_bar"] == "unjudged"  # an error nobody has judged yet
    assert table["REQ006"]["findings"] == 0 and table["REQ006"]["below_bar"] == ""
    assert "| REQ005 | warning | 2 / 4 (50.0%) | 3 | 3 | 1 | 33% | 2 | 50% | yes |" in precision_table.markdown(list(table.values()))
