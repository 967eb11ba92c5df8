"""The PDF: packaged fonts, fixed dates, and user text that never runs as Typst code."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from malmiljo_cli.write.documents.pdf import plain

from .test_report import render, set_title

HOSTILE_TYPST = 'Räkna #sys.inputs ] " \\ [x] $y$ #panic("boom") <l> @ref'


def pdftotext(pdf: bytes, tmp_path: Path) -> str:
    tool = shutil.which("pdftotext")
    assert tool, "pdftotext is missing: install poppler-utils (./dev test does it when root)"
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        [tool, "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def pdffonts(pdf: bytes, tmp_path: Path) -> str:
    tool = shutil.which("pdffonts")
    assert tool, "pdffonts is missing: install poppler-utils"
    path = tmp_path / "f.pdf"
    path.write_bytes(pdf)
    return subprocess.run([tool, str(path)], check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def example_pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    from .helpers import EXAMPLE

    return render(EXAMPLE, "pdf")["report.pdf"]


def test_pdf_is_a4_with_swedish_text_and_only_packaged_fonts(
    example_pdf: bytes, tmp_path: Path
) -> None:
    assert example_pdf.startswith(b"%PDF-")
    text = pdftotext(example_pdf, tmp_path)
    assert "Målmiljö för it-avdelningen i Västra Mälardalens kommunalförbund" in text
    assert "Innehåll" in text and "Sida 2" in text
    fonts = pdffonts(example_pdf, tmp_path)
    assert "SourceSansPro" in fonts
    packaged = ("SourceSansPro", "DejaVuSans")
    assert all(any(f in line for f in packaged) for line in fonts.splitlines()[2:]), fonts


def test_pdf_date_comes_from_the_engagement(example_pdf: bytes) -> None:
    assert b"2018-11-15" in example_pdf or b"20181115" in example_pdf


def test_pdf_shows_typst_markup_in_a_title_literally(example: Path, tmp_path: Path) -> None:
    set_title(example, "scrumtavla", HOSTILE_TYPST)
    text = pdftotext(render(example, "pdf")["report.pdf"], tmp_path)
    assert HOSTILE_TYPST in " ".join(text.split()), text[:2000]


def test_json_data_keeps_svg_out_and_dates_as_text(example: Path) -> None:
    from malmiljo_cli.content.report import analyse, report_context
    from malmiljo_cli.validate import load_engagement

    eng = load_engagement(example).engagement
    assert eng is not None
    data = plain(report_context(eng, analyse(eng, root=example), root=example, lang="sv"))
    assert data["day"] == "2018-11-15"
    assert "svg" not in data["summary"]["radar"]


def test_a_typst_template_may_not_print_values(example: Path) -> None:
    from typer.testing import CliRunner

    from malmiljo_cli.cli import app

    folder = example / "templates" / "report"
    folder.mkdir(parents=True)
    (folder / "report.typ.j2").write_text(
        '{% extends "malmiljo/report/report.typ.j2" %}'
        "{% block method %}= {{ r.title.name }}{% endblock %}",
        encoding="utf-8",
    )
    out = example / "out"
    result = CliRunner().invoke(app, ["report", "-e", str(example), "-o", str(out), "-f", "pdf"])
    assert result.exit_code == 1, result.output
    assert "must not print values" in result.output
    assert not (out / "report.pdf").exists()


def test_logo_on_the_title_page(example: Path, tmp_path: Path) -> None:
    logo = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><text y="15">LOGO</text></svg>'
    (example / "logo.svg").write_text(logo, encoding="utf-8")
    meta = example / "engagement.yaml"
    meta.write_text(meta.read_text(encoding="utf-8") + "logo: logo.svg\n", encoding="utf-8")
    text = pdftotext(render(example, "pdf")["report.pdf"], tmp_path)
    assert "LOGO" in text.split("Innehåll")[0]


def test_a_map_beyond_six_tiles_is_not_drawn_but_named() -> None:
    from malmiljo_cli.write.documents.pdf import MAP_AREA, MAP_MAX_TILES, map_tiles

    def svg(width: float, height: float) -> str:
        return f'<svg width="{width}pt" height="{height}pt" viewBox="0 0 1 1"></svg>'

    assert len(map_tiles(svg(MAP_AREA[0], MAP_AREA[1]))) == 1
    three = map_tiles(svg(MAP_AREA[0] * 3 / 0.75, MAP_AREA[1] / 0.75))
    assert 1 < len(three) <= MAP_MAX_TILES and all(t["width"] > MAP_AREA[0] for t in three)
    assert map_tiles(svg(MAP_AREA[0] * 10, MAP_AREA[1] * 10)) == []
