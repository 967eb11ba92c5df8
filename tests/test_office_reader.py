"""The deck and the Word report opened by a real Office reader: LibreOffice, headless.

Not only the writer library reading its own output: LibreOffice converts both files to PDF and
pdftotext reads every page back (`./dev test` installs LibreOffice as it installs chromium).
"""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import docx
import pptx
import pytest

from malmiljo_cli.content.context import ReportContext
from malmiljo_cli.content.report import analyse, report_context
from malmiljo_cli.validate import read_engagement
from malmiljo_cli.write.office.deck import render_deck
from malmiljo_cli.write.office.docx_report import render_docx

from .helpers import EXAMPLE


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> tuple[ReportContext, Path]:
    """deck.pptx and report.docx of the example, and their PDFs made by LibreOffice."""
    folder = tmp_path_factory.mktemp("office")
    eng = read_engagement(EXAMPLE)
    ctx = report_context(eng, analyse(eng, root=EXAMPLE), root=EXAMPLE, lang=None)
    (folder / "deck.pptx").write_bytes(render_deck(ctx))
    (folder / "report.docx").write_bytes(render_docx(ctx))
    profile = (folder / "profile").as_uri()  # its own profile: no lock shared with other runs
    done = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(folder / "deck.pptx"),
            str(folder / "report.docx"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return ctx, folder


def pages(pdf: Path) -> list[str]:
    """The text of every page, whitespace folded."""
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [" ".join(page.split()) for page in text.split("\f")[:-1]]


def footer(pdf: Path, number: int) -> str:
    """The text in the bottom 2 cm of one A4 page (72 points per inch)."""
    page = ["-f", str(number), "-l", str(number)]
    box = ["-x", "0", "-y", "785", "-W", "595", "-H", "57"]
    return subprocess.run(
        ["pdftotext", *page, *box, "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def test_every_slide_renders_with_its_title(converted: tuple[ReportContext, Path]) -> None:
    _, folder = converted
    prs = pptx.Presentation(str(folder / "deck.pptx"))
    shown = pages(folder / "deck.pdf")
    assert len(shown) == len(prs.slides)
    for page, slide in zip(shown, prs.slides, strict=True):
        title = slide.shapes.title.text if slide.shapes.title is not None else None
        title = title or next(s for s in slide.shapes if s.has_text_frame).text_frame.text
        assert " ".join(title.split()) in page, (title, page[:200])


def test_deck_pages_show_the_charts_data_and_tables(converted: tuple[ReportContext, Path]) -> None:
    ctx, folder = converted
    text = " ".join(pages(folder / "deck.pdf"))
    for area in ctx.areas:
        for cap in area.capabilities:
            assert " ".join(cap.name.split()) in text  # radar axes and table cells
    for finding in ctx.executive.findings:
        assert " ".join(finding.text.split())[:60] in text
    assert ctx.t["current"] in text and ctx.t["target"] in text  # the radar's legend


def test_every_page_of_the_word_report_renders_with_its_number(
    converted: tuple[ReportContext, Path],
) -> None:
    ctx, folder = converted
    shown = pages(folder / "report.pdf")
    assert len(shown) > 10
    for number, page in enumerate(shown, start=1):
        assert page.strip(), number
        assert footer(folder / "report.pdf", number) == str(number)
    document = docx.Document(io.BytesIO((folder / "report.docx").read_bytes()))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    text = " ".join(shown)
    positions = [text.find(h) for h in headings]
    assert -1 not in positions, headings
    assert positions == sorted(positions)  # in the order written
    assert ctx.executive.recommendation.text.split()[0] in shown[0]
