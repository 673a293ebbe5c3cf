"""Rendering speed: `protocol render ... --format pdf` against WeasyPrint alone on the same HTML.

    python benchmarks/render_bench.py [--repeat 5]

Cold: each as a new process, as a user runs them (`protocol render` versus the `weasyprint`
command on the HTML that `protocol render --format html` wrote). Warm: in one process, our
render() (context, templates, locked-down fetcher, font checks) versus weasyprint.HTML(...).write_pdf().
The difference is our overhead.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CASES = [("NCT04361331", "protocol", "en"), ("NCT06261047", "summary", "zh")]


def timed(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    import weasyprint

    from toolkit.document.load import load_file
    from toolkit.render import RenderRequest, render

    work = Path(tempfile.mkdtemp(prefix="render-bench-"))
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0", "PROTOCOL_QUIET": "1"}
    print(f"machine: {os.cpu_count()} cores, WeasyPrint {weasyprint.__version__}; medians of {args.repeat} runs\n")
    for name, document, lang in CASES:
        protocol = str(ROOT / "protocols" / f"{name}.yaml")
        html_file, pdf_ours, pdf_plain = work / "doc.html", work / "ours.pdf", work / "plain.pdf"
        subprocess.run([str(BIN / "protocol"), "render", protocol, "--doc", document, "--lang", lang,
                        "--format", "html", "-o", str(html_file)], check=True, capture_output=True, env=env)
        ours_cold = timed(lambda: subprocess.run([str(BIN / "protocol"), "render", protocol, "--doc", document, "--lang", lang,
                                                  "--format", "pdf", "-o", str(pdf_ours)], check=True, capture_output=True, env=env),
                          args.repeat)
        plain_cold = timed(lambda: subprocess.run([str(BIN / "weasyprint"), "-q", str(html_file), str(pdf_plain)],
                                                  check=True, capture_output=True, env=env), args.repeat)
        data = load_file(protocol).document.data
        request = RenderRequest(document, "pdf", lang)
        html = html_file.read_text(encoding="utf-8")
        render(data, request)  # warm up both: imports, fonts
        weasyprint.HTML(string=html).write_pdf()
        ours_warm = timed(lambda: render(data, request), args.repeat)
        plain_warm = timed(lambda: weasyprint.HTML(string=html).write_pdf(), args.repeat)
        print(f"{name} {document} ({lang}), {len(html) // 1024} KB of HTML:")
        print(f"  cold (new process): protocol render {ours_cold:.2f} s   weasyprint CLI {plain_cold:.2f} s   "
              f"overhead {ours_cold - plain_cold:+.2f} s ({(ours_cold / plain_cold - 1) * 100:+.0f} %)")
        print(f"  warm (in process):  render()        {ours_warm:.2f} s   HTML().write_pdf() {plain_warm:.2f} s   "
              f"overhead {ours_warm - plain_warm:+.2f} s ({(ours_warm / plain_warm - 1) * 100:+.0f} %)\n")


if __name__ == "__main__":
    main()
