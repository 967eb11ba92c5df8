"""The review in every output of a later lap: the PDF (within its first six pages, after the
decision pages), HTML, Markdown, Word, the deck and the workbook; indicators beside their
capability; and `lap new` listing what was not done."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pptx
import pytest
from docx import Document
from typer.testing import CliRunner

from malmiljo_cli.cli import app
from malmiljo_cli.content.report import analyse, report_context
from malmiljo_cli.validate import read_engagement
from malmiljo_cli.write.documents.report import render_report

from .second_lap import DROPPED_REASON, two_laps
from .test_decision_report import pdf_pages

runner = CliRunner()
TITLE = "Vad blev det av varv 1:s plan"
INDICATOR = "3 Definierad: Varje ärende har en ägare inom en arbetsdag"


@pytest.fixture(scope="module")
def lap_two(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return two_laps(tmp_path_factory.mktemp("review") / "repo")


@pytest.fixture(scope="module")
def files(lap_two: Path) -> dict[str, bytes]:
    eng = read_engagement(lap_two)
    ctx = report_context(eng, analyse(eng, root=lap_two), root=lap_two, lang=None)
    return render_report(ctx, formats=("md", "html", "pdf", "docx", "pptx"), root=lap_two)


def test_the_pdf_holds_the_review_after_the_decision_pages(
    files: dict[str, bytes], tmp_path: Path
) -> None:
    pages = pdf_pages(files["report.pdf"], tmp_path)
    first = next(n for n, page in enumerate(pages) if TITLE in page and "Utfall" in page)
    assert 3 <= first < 6, f"the review starts on page {first + 1}"  # pages 1-3: the decision
    assert "Sammanfattning för beslut" in pages[1] and "Förmågorna i överblick" in pages[2]
    # The heat map's change since the last lap: then → now → target where a level moved.
    heat = " ".join(pages[2].split()).replace("\u00ad ", "")  # no soft hyphens
    assert "1→3→4" in heat and "0→2→4" in heat and " 1→3 " in heat
    assert "Där en nivå flyttat sig sedan varv 1: nivån då → i dag → målet." in heat
    review = " ".join(" ".join(pages[first : first + 2]).replace("\u00a0", " ").split())
    # The table of outcomes first, then the lift, then the closure.
    assert review.index("Utfall") < review.index("Planerat mot uppnått lyft")
    for words in (
        "Gemensam tavla klart vecka 1",
        "Rekrytera en driftchef pågår fortfarande vecka 5",
        "Dagligt driftmöte inte påbörjat vecka 10",
        "Ärendefördelning 1 3 4 3 ja",
        "Operativ ledning 0 2 4 4 nej",
        "Ärendefördelning 1,0 3,0 3",
        "Planen skulle stänga 80 % av det viktade gapet på 20; nivåerna i dag stänger 50 %.",
    ):
        assert words in review, words
    assert "Driftchefen skriver rutinerna" in review


def test_indicators_stand_beside_their_capability(files: dict[str, bytes], tmp_path: Path) -> None:
    pages = pdf_pages(files["report.pdf"], tmp_path)
    [page] = [p for p in pages if "Nuläge och målläge per fokusområde" in p and "Efter varvet" in p]
    text = " ".join(page.split())
    assert text.index("Ärendefördelning") < text.index("2 Upprepbar: Ärendena fördelas")
    assert INDICATOR.split(":")[1].strip()[:30] in text
    assert text.index("4 Styrd: Ingen väntar") < text.index("Drift ")
    markdown = files["report.md"].decode()
    table_end = markdown.index("| Ärendefördelning | 3 Definierad")
    listed = markdown.index(f"- Ärendefördelning · {INDICATOR}")
    assert markdown.index("- Ärendefördelning · 2 Upprepbar: Ärendena fördelas") < listed
    assert table_end < listed < markdown.index("### Drift")
    assert f'<span class="muted">{INDICATOR}</span>' in files["report.html"].decode()


def test_markdown_html_and_word_carry_the_same_review(files: dict[str, bytes]) -> None:
    markdown = files["report.md"].decode()
    assert markdown.index(f"## {TITLE}") < markdown.index("## Nyckeltal")
    assert f"| Driftrutiner | struket | {DROPPED_REASON} | vecka 7 |" in markdown
    html = files["report.html"].decode()
    assert '<section id="review">' in html and f"<td>{DROPPED_REASON}</td>" in html
    doc = Document(io.BytesIO(files["report.docx"]))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings.index(TITLE) == headings.index("Förmågorna i överblick") + 1
    cells = {c.text for t in doc.tables for row in t.rows for c in row.cells}
    assert {"pågår fortfarande", DROPPED_REASON, "nej"} <= cells
    assert any(INDICATOR in c for c in cells)


def test_the_deck_has_one_review_slide_after_the_heat_map(files: dict[str, bytes]) -> None:
    deck = pptx.Presentation(io.BytesIO(files["deck.pptx"]))
    titles = [s.shapes.title.text if s.shapes.title else "" for s in deck.slides]
    assert titles.count(TITLE) == 1
    assert titles.index(TITLE) == titles.index("Förmågorna i överblick") + 1
    slide = deck.slides[titles.index(TITLE)]
    cells = [c.text for s in slide.shapes if s.has_table for r in s.table.rows for c in r.cells]
    assert "struket" in cells and "Operativ ledning" in cells and "nej" in cells
    notes = slide.notes_slide.notes_text_frame.text
    assert "nivåerna i dag stänger 50\u00a0%" in notes


def test_the_workbook_has_the_review_and_the_indicators(lap_two: Path, tmp_path: Path) -> None:
    target = tmp_path / "initiativ.xlsx"
    result = runner.invoke(app, ["export", "-e", str(lap_two), "--to", str(target)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(target)
    plan = [row for row in book["Förra varvets plan"].iter_rows(values_only=True)]
    assert plan[0] == ("id", "Initiativ", "Utfall", "Skäl", "Planerat klart")
    assert ("rutiner", "Driftrutiner", "struket", DROPPED_REASON, 7) in plan
    lift = list(book["Planerat mot uppnått lyft"].iter_rows(values_only=True))
    assert ("ledning", "Operativ ledning", 0, 2, 4, 4, "nej") in lift
    caps = list(book["Förmågor"].iter_rows(values_only=True))
    assert caps[0][-1] == "Indikatorer"
    [arenden] = [row for row in caps if row[2] == "arenden"]
    assert str(arenden[-1]).splitlines()[1] == "3: Varje ärende har en ägare inom en arbetsdag"


def test_lap_new_lists_what_was_not_done(lap_two: Path) -> None:
    """At the end of lap 1 (the lap-2 state, but still lap: 1) the steering group decides."""
    meta = lap_two / "engagement.yaml"
    meta.write_text(re.sub(r"(?m)^lap: 2$", "lap: 1", meta.read_text("utf-8")), "utf-8")
    try:
        result = runner.invoke(app, ["lap", "new", "-e", str(lap_two), "--dry-run"])
        assert result.exit_code == 0, result.output
        text = result.stdout
        head = "Inte klart i varv 1: behåll, skjut upp eller stryk (2)"
        assert head in text
        after = text[text.index(head) :].splitlines()
        assert after[1:3] == [
            "  mote  Dagligt driftmöte  [inte påbörjat]",
            "  chef  Rekrytera en driftchef  [pågår fortfarande]",
        ]
        result = runner.invoke(app, ["lap", "new", "-e", str(lap_two), "--dry-run", "-f", "json"])
        data = json.loads(result.stdout)
        assert data["not_done"]["since"] == "lap-1"
        assert [(w["id"], w["outcome"]) for w in data["not_done"]["initiatives"]] == [
            ("mote", "not_started"),
            ("chef", "in_progress"),
        ]
    finally:
        meta.write_text(re.sub(r"(?m)^lap: 1$", "lap: 2", meta.read_text("utf-8")), "utf-8")


def test_lap_new_outside_git_carries_over_as_before(example: Path) -> None:
    result = runner.invoke(app, ["lap", "new", "-e", str(example), "--dry-run", "-f", "json"])
    assert result.exit_code == 0, result.output
    assert "not_done" not in json.loads(result.stdout)


def test_markdownlint_finds_nothing_in_the_second_laps_report(
    files: dict[str, bytes], tmp_path: Path
) -> None:
    from .test_outside_checkers import CONFIG, MARKDOWNLINT, _tool

    (tmp_path / "report.md").write_bytes(files["report.md"])
    shutil.copy(CONFIG, tmp_path / ".markdownlint-cli2.jsonc")
    done = subprocess.run(
        [str(_tool(MARKDOWNLINT)), "report.md"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_review_in_html_fits_a_phone_and_axe_finds_nothing(
    files: dict[str, bytes], tmp_path: Path
) -> None:
    from playwright.sync_api import sync_playwright

    from .test_html_browser import CHROMIUM_ARGS, chromium
    from .test_outside_checkers import AXE, _tool

    page = tmp_path / "report.html"
    page.write_bytes(files["report.html"])
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        try:
            tab = browser.new_page(viewport={"width": 390, "height": 800})
            tab.goto(page.as_uri())
            assert tab.locator("#review table").count() == 3
            overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            tab.set_viewport_size({"width": 1200, "height": 900})  # as the other axe test
            tab.add_script_tag(path=str(_tool(AXE)))
            result = tab.evaluate("async () => await axe.run(document)")
        finally:
            browser.close()
    assert overflow <= 0
    found = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert found == []
