"""Captions and figures that are true: the Gantt says that work in progress may start before its
prerequisites and the schedule's warnings stand under it in every format; the waves say their
exception; the heat map counts done work; a tie for the largest gap is said as a tie."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest

from malmiljo_cli.content.context import ReportContext
from malmiljo_cli.content.evidence import NO_GAP
from malmiljo_cli.content.i18n import catalogue
from malmiljo_cli.content.report import analyse, report_context
from malmiljo_cli.edit import set_scalar
from malmiljo_cli.validate import load_engagement

from .test_report import render

AHEAD_SV = (
    "Ärendekoordinator som fördelar inkommande ärenden pågår fast förutsättningen Tydligt "
    "uppdrag för helpdesken inte är klar: arbetet började före den."
)


def _context(folder: Path, lang: str | None = None) -> ReportContext:
    eng = load_engagement(folder).engagement
    assert eng is not None
    return report_context(eng, analyse(eng, root=folder), root=folder, lang=lang)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _set(folder: Path, ident: str, status: str) -> None:
    set_scalar(folder, folder / "initiatives" / f"{ident}.yaml", ("status",), status)


def test_the_gantt_caption_says_running_work_may_start_first(example: Path) -> None:
    roadmap = _context(example).roadmap
    assert roadmap is not None and roadmap.calendar
    t = catalogue("sv")
    assert t["roadmap_rule_running"] in roadmap.intro and t["roadmap_rule"] not in roadmap.intro
    # helpdesk-uppdrag runs, so both that need it started before it was done.
    assert roadmap.warnings[0] == AHEAD_SV
    assert len(roadmap.warnings) == 2 and "Två team" in roadmap.warnings[1]


def test_without_work_begun_early_the_plain_rule_is_true_and_said(example: Path) -> None:
    _set(example, "helpdesk-uppdrag", "done")
    roadmap = _context(example).roadmap
    assert roadmap is not None
    t = catalogue("sv")
    assert t["roadmap_rule"] in roadmap.intro and t["roadmap_rule_running"] not in roadmap.intro
    assert roadmap.warnings == ()


def test_the_schedules_warnings_stand_under_the_gantt_in_every_format(
    example: Path, tmp_path: Path
) -> None:
    from docx import Document

    files = render(example, "md", "html", "pdf", "docx")
    md = files["report.md"].decode()
    image = md.index("](charts/roadmap.svg)")
    assert md.index(AHEAD_SV) > image  # right under the chart
    assert md.index(AHEAD_SV) < md.index("<a id=", image)  # still in the roadmap section
    html = files["report.html"].decode()
    figure = html.index("</figure>", html.index('<section id="roadmap">'))
    assert html.index(AHEAD_SV) > figure
    assert html.index(AHEAD_SV) < html.index("</section>", figure)
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(files["report.pdf"])
    text = _one_line(
        subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
        .stdout.replace("\u00ad", "")
        .replace("-\n", "-")
    )
    roadmap_at = text.index("Färdplan per vecka")
    assert _hyphen_free(AHEAD_SV) in _hyphen_free(text[roadmap_at:])
    paragraphs = [p.text for p in Document(io.BytesIO(files["report.docx"])).paragraphs]
    assert AHEAD_SV in paragraphs


def _hyphen_free(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_waves_never_put_a_prerequisite_after_its_dependant_and_say_so(
    example: Path,
) -> None:
    path = example / "engagement.yaml"
    text = path.read_text(encoding="utf-8")
    for line in ("  weeks: 26\n", "  per_week: 6\n"):
        text = text.replace(line, "")
    path.write_text(text, encoding="utf-8")
    _set(example, "introduktionsprogram", "in_progress")
    roadmap = _context(example, "en").roadmap
    assert roadmap is not None and roadmap.waves and not roadmap.calendar
    wave_of = {r.id: n for n, w in enumerate(roadmap.waves, 1) for r in w.initiatives}
    assert wave_of["kunskapsbank"] == wave_of["introduktionsprogram"] == 1
    assert catalogue("en")["roadmap_waves_running"] in roadmap.intro
    assert any(w.startswith("Introduktionsprogram") for w in roadmap.warnings)
    assert any("Kunskapsbank" in w for w in roadmap.warnings)


def test_the_heat_map_counts_done_work(example: Path) -> None:
    """scrumtavla (done) raises overblick from 0 to 3; tva-team, once done, to its target 4."""
    cell = _cell(_context(example), "overblick")
    assert (cell.levels, cell.weighted_gap) == ("3 → 4", "3")  # not "0 → 4" and 12
    _set(example, "tva-team", "done")
    cell = _cell(_context(example), "overblick")
    assert (cell.levels, cell.weighted_gap, cell.step, cell.fill) == ("4 → 4", "0", 0, NO_GAP)
    assert not cell.in_plan  # nothing left for the plan to raise


def _cell(ctx: ReportContext, ident: str):  # type: ignore[no-untyped-def]
    return next(c for col in ctx.heatmap.columns for c in col.cells if c.id == ident)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_tie_for_the_largest_gap_is_said_as_a_tie(minimal: Path, lang: str) -> None:
    caps = minimal / "capabilities.yaml"
    set_scalar(minimal, caps, ("capabilities", 1, "current"), 1)
    set_scalar(minimal, caps, ("capabilities", 1, "importance"), 3)  # 3 x 3 = 9, as ledning
    ctx = _context(minimal, lang)
    finding = ctx.executive.findings[0].text
    t = catalogue(lang)
    names = f"Organisation {t['and']} Arbetsmetoder"
    assert finding.startswith(names)  # both areas, then both capabilities
    assert "Operativ ledning (1 → 4)" in finding and "Överblick (1 → 4)" in finding
    assert "Operativ ledning (9)" in ctx.heatmap.alt and "Överblick (9)" in ctx.heatmap.alt


def test_a_single_largest_gap_is_named_alone(minimal: Path) -> None:
    finding = _context(minimal, "en").executive.findings[0].text
    assert finding == (
        "Organisation carries the largest weighted gap still open: 9 of 11 (82%). "
        "The largest single gap is Operativ ledning (1 → 4)."
    )


def test_staff_tied_for_the_most_disagreement_are_all_named(example: Path) -> None:
    (example / "assessments").mkdir()
    (example / "assessments" / "lika.yaml").write_text(
        "id: lika\ndate: 2026-03-01\narea: organisation\nparticipants: 3\nratings:\n"
        "  operativ-ledning:\n    current: [0, 2, 4]\n    target: [4, 4, 4]\n"
        "  tydliga-roller:\n    current: [1, 3, 5]\n    target: [4, 4, 4]\n",
        encoding="utf-8",
    )
    staff = _context(example, "en").staff_assessment
    assert staff is not None
    assert staff.note.startswith(
        "Staff disagree most about Operativ teknisk ledning nära personalen and Tydliga roller "
        "och ansvar."
    )
    flagged = [r.name for r in staff.rows if "most disagreement" in r.flag]
    assert len(flagged) == 2
