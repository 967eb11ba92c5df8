"""Render three slides of the example's deck to PNG for the README, through LibreOffice.

python scripts/deck_images.py [--slides 2,4,12] [--dpi 50] [--lang sv]
writes docs/images/deck-1.png ... (needs soffice from LibreOffice and pdftoppm from poppler-utils).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from pathlib import Path

from malmiljo_cli.content.report import analyse, report_context
from malmiljo_cli.validate import load_engagement
from malmiljo_cli.write.office.deck import render_deck

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "vmkf"
OUT = ROOT / "docs" / "images"


def example_deck(lang: str | None) -> bytes:
    """The example engagement's deck as .pptx bytes."""
    eng = load_engagement(EXAMPLE).engagement
    assert eng is not None
    ctx = report_context(eng, analyse(eng, root=EXAMPLE, lang=lang), root=EXAMPLE, lang=lang)
    return render_deck(ctx)


def render_slides(deck: bytes, *, slides: list[int], dpi: int) -> list[Path]:
    """docs/images/deck-N.png for the chosen slides (1-based), as LibreOffice draws them."""
    office, poppler = shutil.which("soffice"), shutil.which("pdftoppm")
    if office is None or poppler is None:
        raise SystemExit(
            "soffice and pdftoppm are needed: apt-get install libreoffice-impress poppler-utils"
        )
    OUT.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "deck.pptx").write_bytes(deck)
        profile = f"-env:UserInstallation={(folder / 'profile').as_uri()}"
        convert = [office, profile, "--headless", "--convert-to", "pdf", "--outdir", tmp]
        subprocess.run([*convert, str(folder / "deck.pptx")], check=True, capture_output=True)
        for number, slide in enumerate(slides, start=1):
            page = [poppler, "-png", "-r", str(dpi), "-f", str(slide), "-l", str(slide)]
            subprocess.run(
                [*page, "-singlefile", str(folder / "deck.pdf"), str(folder / "s")], check=True
            )
            target = OUT / f"deck-{number}.png"
            shutil.copyfile(folder / "s.png", target)
            written.append(target)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--slides", default="2,4,15", help="slide numbers, 1-based")
    parser.add_argument("--dpi", type=int, default=50)
    parser.add_argument("--lang", choices=("sv", "en"), default=None)
    args = parser.parse_args()
    slides = [int(n) for n in args.slides.split(",")]
    for path in render_slides(example_deck(args.lang), slides=slides, dpi=args.dpi):
        print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
