"""The audit's HTML report: one self-contained file (inline SVG plots, no scripts, no fetches).

Plots are drawn with matplotlib (imported only here: `protocol validate` never pays for it)
into SVG text that is embedded in the page, so the report opens offline, in a mail
attachment or a CI artifact viewer, exactly as it was written.
"""

from __future__ import annotations

import io
import re

from toolkit import __version__

# Severity colours: the same hues the text reporters' readers know (red, amber, blue),
# dark enough to read on white and distinguishable in greyscale.
COLOURS = {"error": "#b3261e", "warning": "#b26a00", "info": "#1f5f99"}
TOP_ERROR_RULES = 6
# A year with a handful of records swings from 0 to 40 % on one record (seen on the corpus's
# 2002-2005 records): such years stay in the table, not in the plot.
MIN_YEAR_RECORDS = 10


def _svg(figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    svg = buffer.getvalue()
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)  # RDF boilerplate nobody reads
    return svg[svg.index("<svg"):]  # drop the XML prolog and doctype: inline in HTML


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")  # no display; the same bytes everywhere
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.fonttype": "none", "svg.hashsalt": "protocol-audit", "font.size": 9,
                         "axes.spines.top": False, "axes.spines.right": False})
    return plt


def findings_per_rule(summary: dict) -> str:
    """Horizontal bars: records with each rule's finding, coloured by severity, most first."""
    rules = sorted(summary["rules"], key=lambda r: r["records"])[-30:]
    plt = _pyplot()
    figure, axes = plt.subplots(figsize=(9.5, 0.25 * len(rules) + 1.0))
    labels = [f"{r['rule']} ({r['severity']})" for r in rules]
    bars = axes.barh(labels, [100 * r["share"] for r in rules], color=[COLOURS[r["severity"]] for r in rules])
    for bar, rule in zip(bars, rules, strict=True):
        axes.text(bar.get_width(), bar.get_y() + bar.get_height() / 2, f" {rule['records']:,}", va="center", fontsize=8)
    axes.set_xlabel(f"share of the {summary['checked']:,} checked records with at least one finding (%)")
    axes.set_title("Records with each rule's findings")
    svg = _svg(figure)
    plt.close(figure)
    return svg


def errors_by_year(summary: dict) -> str | None:
    """Lines: per registration year, the share of records with each of the commonest errors."""
    years = [y for y, row in summary["by_year"].items() if y != "unknown" and row["records"] >= MIN_YEAR_RECORDS]
    errors = [r["rule"] for r in summary["rules"] if r["severity"] == "error"][:TOP_ERROR_RULES]
    if not years or not errors:
        return None
    plt = _pyplot()
    figure, axes = plt.subplots(figsize=(9.5, 3.8))
    xs = [int(y) for y in years]
    for rule in errors:
        shares = [100 * summary["by_year"][y]["records_with_error"].get(rule, 0) / summary["by_year"][y]["records"]
                  for y in years]
        axes.plot(xs, shares, marker="o", markersize=3, linewidth=1.5, label=rule)
    axes.set_xticks(xs, years, rotation=45 if len(xs) > 10 else 0)
    axes.set_xlabel("year the record was first submitted")
    axes.set_ylabel("records with the error (%)")
    axes.set_title(f"Share of records with each error, by registration year (years with ≥ {MIN_YEAR_RECORDS} records)")
    axes.legend(frameon=False, fontsize=8, ncol=min(3, len(errors)))
    svg = _svg(figure)
    plt.close(figure)
    return svg


def report(summary: dict, sources: list[str]) -> str:
    from toolkit.render.environment import environment

    template = environment().get_template("audit.html.j2")
    return template.render(
        summary=summary,
        sources=sources,
        version=__version__,
        rules_plot=findings_per_rule(summary) if summary["rules"] else None,
        years_plot=errors_by_year(summary),
        colours=COLOURS,
    )
