"""One voice: every output says the same thing about the plan (issue 19, item 8).

For the example and for generated engagements (random decisions, over capacity, no capacity),
every output is written for real (`build` with the Office files, `export` to .xlsx, the CLI's
JSON) and read back as text: Markdown, HTML, the PDF by pdftotext, the Word report by
python-docx, the deck with its speaker notes by python-pptx, the workbook by openpyxl. From
each we require the plan's members, the lap's closure, the count of the plan, and for every
left-out initiative the reason as the report words it, with the figures `prioritise --format
json` gives (days it would add, days that remain, what it breaks).
"""

from __future__ import annotations

import html
import json
import random
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from malmiljo_cli.cli import app
from malmiljo_cli.content.i18n import number, percent

from .helpers import EXAMPLE

runner = CliRunner()
DOCUMENTS = ("md", "html", "pdf", "docx", "pptx")


def cli(*args: str) -> str:
    result = runner.invoke(app, list(args), env={"NO_COLOR": "1", "COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.stdout


def flat(text: str) -> str:
    """Text with every kind of space, soft hyphen and line break taken out, so a sentence
    wrapped by the PDF or a table cell compares equal to the same sentence on one line."""
    text = html.unescape(text).replace("\u00ad", "")
    return "".join(text.split())


@dataclass(frozen=True)
class Outputs:
    lang: str
    plan: dict[str, object]  # prioritise --format json
    gap: dict[str, object]  # gap --format json
    texts: dict[str, str]  # format -> the document's text, flattened
    md: str  # report.md as written
    titles: dict[str, str]


def _docx_text(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def _pptx_text(path: Path) -> str:
    import pptx

    parts = []
    for slide in pptx.Presentation(str(path)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                parts += [c.text for row in shape.table.rows for c in row.cells]
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(parts)


def _xlsx_text(path: Path) -> str:
    import openpyxl

    book = openpyxl.load_workbook(str(path), read_only=True)
    return "\n".join(
        str(v)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for v in row
        if v is not None
    )


def _pdf_text(path: Path) -> str:
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout


def _html_text(path: Path) -> str:
    text = path.read_text("utf-8")
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S)
    return re.sub(r"<[^>]+>", " ", text)


def write_all(root: Path, out: Path) -> Outputs:
    """Every output of `root`, written by the CLI and read back."""
    text = (root / "engagement.yaml").read_text("utf-8")
    if "office:" not in text:
        (root / "engagement.yaml").write_text(text + "office: [docx, pptx]\n", "utf-8")
    cli("build", "-e", str(root), "-o", str(out))
    cli("export", "-e", str(root), "--to", str(out / "initiatives.xlsx"))
    plan = json.loads(cli("prioritise", "-e", str(root), "-f", "json"))
    gap = json.loads(cli("gap", "-e", str(root), "-f", "json"))
    data = json.loads((out / "engagement.json").read_text("utf-8"))
    lang = data["engagement"]["meta"]["language"] if "meta" in data["engagement"] else "sv"
    md = (out / "report.md").read_text("utf-8")
    raw = {
        "md": md,
        "html": _html_text(out / "report.html"),
        "pdf": _pdf_text(out / "report.pdf"),
        "docx": _docx_text(out / "report.docx"),
        "pptx": _pptx_text(out / "deck.pptx"),
        "xlsx": _xlsx_text(out / "initiatives.xlsx"),
        "cli": cli("prioritise", "-e", str(root), "-f", "md"),
    }
    titles = {i["id"]: i["title"] for i in data["engagement"]["initiatives"]}
    return Outputs(lang, plan, gap, {k: flat(v) for k, v in raw.items()}, md, titles)


def generated(folder: Path, *, seed: int, kind: str) -> Path:
    """A small Swedish engagement: 12 initiatives, some decided, in one of three states."""
    rng = random.Random(seed)
    shutil.copytree(EXAMPLE, folder)
    for path in (folder / "initiatives").glob("*.yaml"):
        lines = path.read_text("utf-8")
        status = rng.choice(["proposed"] * 4 + ["selected", "in_progress", "done"])
        lines = re.sub(r"(?m)^status: \S+", f"status: {status}", lines)
        lines = re.sub(r"(?m)^dropped_reason:.*\n(  .*\n)*", "", lines)
        path.write_text(lines, "utf-8")
    eng = (folder / "engagement.yaml").read_text("utf-8")
    budget = {"random": "60", "over": "10", "none": None}[kind]
    eng = re.sub(r"(?m)^  budget: .*\n", f"  budget: {budget}\n" if budget else "", eng)
    if budget is None:  # no budget and no weekly capacity: nothing to optimise against
        eng = re.sub(r"(?m)^  per_week: .*\n", "", eng)
    (folder / "engagement.yaml").write_text(eng, "utf-8")
    return folder


CASES = ("example", "random", "over", "none")


@pytest.fixture(scope="module", params=CASES)
def outputs(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Outputs:
    base = tmp_path_factory.mktemp(request.param)
    if request.param == "example":
        root = base / "eng"
        shutil.copytree(EXAMPLE, root)
    else:
        root = generated(base / "eng", seed=CASES.index(request.param), kind=request.param)
    return write_all(root, base / "out")


def test_every_document_names_each_plan_member(outputs: Outputs) -> None:
    members = outputs.plan["selected"]
    assert isinstance(members, list)
    for fmt in DOCUMENTS:
        for ident in members:
            assert flat(outputs.titles[ident]) in outputs.texts[fmt], (fmt, ident)
    for ident in members:
        assert ident in outputs.texts["xlsx"], ident


def test_every_document_gives_the_lap_closure_of_gap(outputs: Outputs) -> None:
    total = outputs.gap["total"]
    assert isinstance(total, dict)
    said = flat(percent(total["lap_closure"], lang=outputs.lang))
    # Without a capacity there is no plan to recommend: the deck asks for the capacity and
    # leaves the decided work's share to the report's key figures.
    formats = DOCUMENTS if outputs.plan["budget"] is not None else ("md", "html", "pdf", "docx")
    for fmt in formats:
        assert said in outputs.texts[fmt], (fmt, said)


def _reasons_in_md(md: str, titles: dict[str, str]) -> dict[str, str]:
    """id -> the reason as the Markdown report's table of waiting work words it."""
    found = {}
    for match in re.finditer(r"^\| \[[^\]]+\]\(#initiative-([^)]+)\) \| ([^|\n]+) \|$", md, re.M):
        found[match.group(1)] = match.group(2).strip()
    return found


def test_every_left_out_reason_reads_the_same_everywhere_with_the_json_figures(
    outputs: Outputs,
) -> None:
    excluded = outputs.plan["excluded"]
    assert isinstance(excluded, list)
    worded = _reasons_in_md(outputs.md, outputs.titles)
    for entry in excluded:
        reason = worded.get(entry["id"])
        assert reason is not None, entry["id"]
        for fmt in ("html", "pdf", "docx", "pptx", "xlsx"):
            assert flat(reason) in outputs.texts[fmt], (fmt, entry["id"], reason)
        # The terminal names initiatives by id where documents give their titles.
        by_id = reason
        for ident, title in sorted(outputs.titles.items(), key=lambda t: -len(t[1])):
            by_id = by_id.replace(title, ident)
        assert flat(by_id) in outputs.texts["cli"], (entry["id"], by_id)
        if "days" in entry["breaks"]:
            assert flat(number(entry["days"], lang=outputs.lang)) in flat(reason), (entry, reason)
        # Never "needs 0 days": an initiative that breaks the days adds some.
        assert not ("days" in entry["breaks"] and entry["days"] <= entry["room"]), entry
