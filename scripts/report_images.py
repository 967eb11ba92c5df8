"""Render the first pages of the example's PDF report to PNG for the README.

python scripts/report_images.py [--pages 3] [--dpi 60] [--lang sv]
writes docs/images/report-p1.png ... (needs pdftoppm from poppler-utils).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from pathlib import Path

from malmiljo_cli.content.report import analyse, report_context
from malmiljo_cli.validate import load_engagement
from malmiljo_cli.write.documents.report import render_report

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "vmkf"
OUT = ROOT / "docs" / "images"


def example_pdf(lang: str | None) -> bytes:
    """The example engagement's report as PDF bytes."""
    eng = load_engagement(EXAMPLE).engagement
    assert eng is not None
    ctx = report_context(eng, analyse(eng, root=EXAMPLE), root=EXAMPLE, lang=lang)
    return render_report(ctx, formats=("pdf",), root=EXAMPLE)["report.pdf"]


def render_pages(pdf: bytes, *, pages: int, dpi: int) -> list[Path]:
    """docs/images/report-pN.png for the first `pages` pages."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        raise SystemExit("pdftoppm is missing: apt-get install poppler-utils")
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "report.pdf"
        source.write_bytes(pdf)
        cmd = [tool, "-png", "-r", str(dpi), "-f", "1", "-l", str(pages), str(source)]
        subprocess.run([*cmd, str(Path(tmp) / "p")], check=True)
        written = []
        for number, page in enumerate(sorted(Path(tmp).glob("p-*.png")), start=1):
            target = OUT / f"report-p{number}.png"
            shutil.copyfile(page, target)
            written.append(target)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=3)
    parser.add_argument("--dpi", type=int, default=60)
    parser.add_argument("--lang", choices=("sv", "en"), default=None)
    args = parser.parse_args()
    for path in render_pages(example_pdf(args.lang), pages=args.pages, dpi=args.dpi):
        print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
