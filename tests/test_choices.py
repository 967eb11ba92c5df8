"""The report and the deck lead with the choice: pages 1-3 and slides 1-4 hold the decisions
and their real options (content/choices.py), on the over-committed lap and on the example."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pptx
from typer.testing import CliRunner

from malmiljo_cli.cli import app
from malmiljo_cli.content.report import analyse, report_context
from malmiljo_cli.validate import read_engagement
from malmiljo_cli.write.office.deck import render_deck

from .helpers import EXAMPLE, FIXTURES

OVER = FIXTURES / "overcommitted"


def slides(root: Path) -> list[str]:
    eng = read_engagement(root)
    ctx = report_context(eng, analyse(eng, root=root), root=root, lang=None)
    deck = pptx.Presentation(io.BytesIO(render_deck(ctx)))
    texts = []
    for slide in deck.slides:
        parts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        texts.append("\n".join(parts))
    return texts


def test_slides_one_to_four_ask_the_decisions_and_offer_the_fit_options() -> None:
    first = slides(OVER)[:4]
    joined = "\n".join(first)
    assert "10 persondagar till" in joined
    assert "Stoppa Team A tar emot beställningar" in joined
    assert "Stoppa Team B tar emot beställningar" in joined
    titles = [text.splitlines()[0] for text in first]
    assert any("Beslut" in title for title in titles[2:4]), titles
    # the recommendation's slide title is a conclusion, not a topic
    assert titles[1] == "Det beslutade arbetet är 10 persondagar för stort för varvet"
    # the old advice to drop decided work, which running work needs, is gone
    assert "stryk beslutat arbete" not in joined


def test_the_example_asks_about_the_binding_count_within_slides_one_to_four() -> None:
    first = "\n".join(slides(EXAMPLE)[:4])
    assert "Beslut som styrgruppen ombeds fatta" in first
    assert "Höj taket till 6 initiativ" in first
    assert "Sex initiativ samtidigt" in first  # the example's scenario


def test_pages_one_to_three_of_the_pdf_offer_the_fit_options(tmp_path: Path) -> None:
    done = CliRunner().invoke(app, ["report", "-e", str(OVER), "-o", str(tmp_path), "-f", "pdf"])
    assert done.exit_code == 0, done.output
    text = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "3", str(tmp_path / "report.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    flat = " ".join(text.split())
    assert "10 persondagar till" in flat
    assert "Stoppa Team A tar emot beställningar, frigör 20 persondagar" in flat
    assert "Stoppa Team B tar emot beställningar, frigör 20 persondagar" in flat
    assert "Hur ska det beslutade arbetet rymmas i varvet?" in flat


def test_a_39_initiative_engagement_draws_each_map_part_once_and_asks_early(
    tmp_path: Path,
) -> None:
    import importlib.util

    from malmiljo_cli.write.documents.pdf import MAP_AREA, typst_inputs

    spec = importlib.util.spec_from_file_location(
        "generate", Path(__file__).parent.parent / "benchmarks" / "generate.py"
    )
    assert spec is not None and spec.loader is not None
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    root = generate.generate(tmp_path / "eng", 39, seed=3, committed=8)
    eng = read_engagement(root)
    ctx = report_context(eng, analyse(eng, root=root), root=root, lang=None)
    names = [c.name for c in ctx.map_parts]
    assert names[0] == "map-plan" and len(names) == len(set(names)) >= 2
    assert len({c.alt for c in ctx.map_parts}) == len(names)  # each part its own alt text
    import json

    data = json.loads(typst_inputs(ctx, ctx.day)["data"])
    for size in data["map_parts"]:  # each part whole on its page: nothing to tile
        assert size["width"] <= MAP_AREA[0] + 0.1 and size["height"] <= MAP_AREA[1] + 0.1
    done = CliRunner().invoke(
        app, ["report", "-e", str(root), "-o", str(tmp_path / "out"), "-f", "pdf"]
    )
    assert done.exit_code == 0, done.output
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "out" / "report.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pages = text.split("\f")
    import re

    chapter = re.search(r"^(\d+) Initiativkarta$", text, re.M)
    assert chapter is not None
    for part in ctx.map_parts:
        # each part's heading ("9.2 Område 1 – förmågor") is on exactly one page: none twice
        heading = re.compile(rf"^{chapter.group(1)}\.\d+ {re.escape(part.title)}$", re.M)
        assert sum(bool(heading.search(p)) for p in pages) == 1, part.title
    titles = [t.splitlines()[0] for t in slides(root)[:4]]
    assert any("Beslut" in t for t in titles), titles
