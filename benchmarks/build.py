"""Time `malmiljo build` on a synthetic engagement, per step and per format.

python benchmarks/build.py [--initiatives 300] [--seed 1]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).parent))

from generate import generate

from malmiljo_cli.content.report import analyse, report_context
from malmiljo_cli.validate import load_engagement
from malmiljo_cli.write.data.export import engagement_json
from malmiljo_cli.write.documents.report import FORMATS, render_report
from malmiljo_cli.writer import write_files

T = TypeVar("T")


def timed(label: str, timings: list[tuple[str, float]], step: Callable[[], T]) -> T:
    start = time.perf_counter()
    result = step()
    timings.append((label, time.perf_counter() - start))
    return result


def _pages(pdf: Path) -> str:
    """The page count from poppler's pdfinfo, when it is installed."""
    tool = shutil.which("pdfinfo")
    if tool is None:
        return "?"
    info = subprocess.run([tool, str(pdf)], capture_output=True, text=True, check=False).stdout
    return next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")), "?")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--initiatives", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = generate(Path(tmp) / "eng", args.initiatives, args.seed)
        timings: list[tuple[str, float]] = []
        eng = timed("load + validate", timings, lambda: load_engagement(root).engagement)
        assert eng is not None
        analyses = timed("analyses + map", timings, lambda: analyse(eng, root=root))
        ctx = timed(
            "context + charts", timings, lambda: report_context(eng, analyses, root=root, lang=None)
        )
        files = {}
        for fmt in FORMATS:
            files.update(
                timed(fmt, timings, lambda f=fmt: render_report(ctx, formats=(f,), root=root))
            )  # type: ignore[misc]
        text = timed(
            "engagement.json",
            timings,
            lambda: engagement_json(eng, analyses={"gaps": analyses.gaps, "plan": analyses.plan}),
        )
        files["engagement.json"] = text.encode("utf-8")
        timed("write", timings, lambda: write_files(Path(tmp) / "out", files))
        pages = _pages(Path(tmp) / "out" / "report.pdf")
    print(f"{args.initiatives} initiatives, {len(files)} files, PDF {pages} pages")
    for label, seconds in timings:
        print(f"  {label:<18} {seconds:6.2f} s")
    print(f"  {'total':<18} {sum(s for _, s in timings):6.2f} s")


if __name__ == "__main__":
    main()
