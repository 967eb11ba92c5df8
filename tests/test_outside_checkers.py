"""The report checked by tools written by others: markdownlint, axe-core in chromium, qpdf.

`./dev test` installs them: markdownlint-cli2 and axe-core with npm into `.cache/node` (pinned
versions), qpdf with apt-get (as root, like chromium). Without them these tests fail and say so.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from .helpers import EXAMPLE, ROOT
from .test_html_browser import CHROMIUM_ARGS, chromium
from .test_report import render

NODE = ROOT / ".cache" / "node" / "node_modules"
MARKDOWNLINT = NODE / ".bin" / "markdownlint-cli2"
AXE = NODE / "axe-core" / "axe.min.js"
CONFIG = Path(__file__).parent / "lint" / "markdownlint.jsonc"
INSTALL = "run ./dev test (it installs the checkers), or see the module docstring"


def _tool(path: Path) -> Path:
    assert path.exists(), f"{path.name} is missing: {INSTALL}"
    return path


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_markdownlint_finds_nothing_in_report_md(tmp_path: Path, lang: str) -> None:
    (tmp_path / "report.md").write_bytes(render(EXAMPLE, "md", lang=lang)["report.md"])
    shutil.copy(CONFIG, tmp_path / ".markdownlint-cli2.jsonc")
    done = subprocess.run(
        [str(_tool(MARKDOWNLINT)), "report.md"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 issues" in done.stdout + done.stderr


def test_markdownlint_finds_nothing_in_readme_and_docs() -> None:
    """README.md and docs/ under the repository's own configuration (.markdownlint-cli2.yaml)."""
    done = subprocess.run(
        [str(_tool(MARKDOWNLINT))], cwd=ROOT, capture_output=True, text=True, check=False
    )
    said = done.stdout + done.stderr
    assert done.returncode == 0, said
    assert "Summary: 0 issues" in said and "README.md" in said and "docs/**/*.md" in said, said


def _board_html(tmp_path: Path) -> bytes:
    from typer.testing import CliRunner

    from malmiljo_cli.cli import app

    result = CliRunner().invoke(app, ["board", "-e", str(EXAMPLE), "--format", "html"])
    assert result.exit_code == 0, result.output
    return result.stdout.encode("utf-8")


def _axe(page: Path, width: int) -> list[tuple[str, str, list[Any]]]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        try:
            tab = browser.new_page(viewport={"width": width, "height": 900})
            tab.goto(page.as_uri())
            tab.add_script_tag(path=str(_tool(AXE)))
            result: dict[str, Any] = tab.evaluate("async () => await axe.run(document)")
            # Nothing makes the page wider than the window: wide tables scroll in their region.
            assert tab.evaluate("document.documentElement.scrollWidth") <= width
        finally:
            browser.close()
    return [
        (v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
    ]


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_axe_finds_no_violation_in_report_html(tmp_path: Path, lang: str, width: int) -> None:
    page = tmp_path / "report.html"
    page.write_bytes(render(EXAMPLE, "html", lang=lang)["report.html"])
    assert _axe(page, width) == []


@pytest.mark.parametrize("width", [390, 1280])
def test_axe_finds_no_violation_in_the_board(tmp_path: Path, width: int) -> None:
    page = tmp_path / "board.html"
    page.write_bytes(_board_html(tmp_path))
    assert _axe(page, width) == []


def _qpdf() -> str:
    path = shutil.which("qpdf")
    assert path, f"qpdf is missing: {INSTALL}"
    return path


def _objects(pdf: Path) -> dict[str, Any]:
    done = subprocess.run(
        [_qpdf(), "--json", "--json-key=qpdf", str(pdf)], capture_output=True, check=True
    )
    objects: dict[str, Any] = json.loads(done.stdout)["qpdf"][1]
    return {k: v.get("value") for k, v in objects.items() if isinstance(v, dict)}


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    path.write_bytes(render(EXAMPLE, "pdf")["report.pdf"])
    return path


def test_qpdf_check_passes(pdf: Path) -> None:
    done = subprocess.run([_qpdf(), "--check", str(pdf)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No syntax or stream encoding errors" in done.stdout


def test_every_figure_in_the_structure_tree_has_alt_text(pdf: Path) -> None:
    values = [v for v in _objects(pdf).values() if isinstance(v, dict)]
    figures = [v for v in values if v.get("/S") == "/Figure"]
    # heat map, overview and area radars, vote tally, quadrant, roadmap, map tiles
    assert len(figures) >= 9
    assert all(str(f.get("/Alt", "")).removeprefix("u:").strip() for f in figures), figures


def test_pdf_shows_its_title_not_its_file_name(pdf: Path) -> None:
    catalog = next(
        v for v in _objects(pdf).values() if isinstance(v, dict) and v.get("/Type") == "/Catalog"
    )
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] is True
    assert catalog["/MarkInfo"]["/Marked"] is True
