"""The report in Markdown, HTML and PDF from one context; each format is a map of files."""

from __future__ import annotations

import base64
import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path

from ..analysis.plan import LapPlan
from ..analysis.scoring import Ranking
from ..analysis.sensitivity import Sensitivity
from ..errors import MalmiljoError, UsageError
from ..models import Engagement
from .context import Analyses, ReportContext
from .environment import make_report_env
from .sections import build_context

FORMATS = ("md", "html", "pdf")  # what `report` and `build` write by default
OFFICE = ("docx", "pptx")  # opt-in: `report --format docx`, `malmiljo deck`, `office:` for build
REPORT_FORMATS = (*FORMATS, "docx")
PRINTED_CARDS_NEXT = 10  # cards the PDF and Word report print beyond the plan's
SENSITIVITY_RUNS = 200  # at most; the runs stop once every class is known (analysis/sensitivity.py)
Files = dict[str, bytes]


def render_report(
    ctx: ReportContext, *, formats: Iterable[str], root: Path, templates: Path | None = None
) -> Files:
    """Every file of the requested formats, by its path relative to the output folder."""
    files: Files = {}
    for fmt in formats:
        files.update(_RENDERERS[fmt](ctx, root, templates))
    return files


def analyse(eng: Engagement, *, root: Path, lang: str | None = None) -> Analyses:
    """Every analysis the report shows, each computed once: the ranking and the lap's plan
    first, then the gap after the lap, the roadmap of the plan, the map, earlier laps."""
    from ..analysis.assessments import staff_assessment
    from ..analysis.board import build_board
    from ..analysis.diff import diff_engagements
    from ..analysis.gaps import analyse_gaps, gap_closed
    from ..analysis.plan import lap_plan
    from ..analysis.roadmap import in_waves
    from ..analysis.schedule import schedule
    from ..analysis.scoring import rank
    from ..history import earlier_laps

    ranking = rank(eng)
    plan = lap_plan(eng, ranking, alternatives=0)
    calendar = schedule(eng, plan, ranking)
    waves = in_waves(eng, ranking, plan) if calendar is None and plan.members else None
    earlier = earlier_laps(root, eng)
    return Analyses(
        gaps=analyse_gaps(eng, plan.members),
        ranking=ranking,
        plan=plan,
        schedule=calendar,
        roadmap=waves if waves is None or waves.waves else None,
        map_svg=_map_svg(eng, lang or eng.meta.language, plan.members),
        earlier=earlier,
        changes=(
            diff_engagements(earlier.previous, eng, before=earlier.previous_label, after="")
            if earlier
            else None
        ),
        board=build_board(eng, plan.members),
        gap_closed={i.id: gap_closed(eng, i) for i in eng.initiatives},
        sensitivity=_sensitivity(eng, ranking, plan),
        staff=staff_assessment(eng) if eng.assessments else None,
    )


def _sensitivity(eng: Engagement, ranking: Ranking, plan: LapPlan) -> Sensitivity | None:
    """How stable the plan is under perturbed ratings and weights (fixed seed: same every run);
    None without an optimised plan."""
    from ..analysis.scoring import inputs_for, open_initiatives
    from ..analysis.sensitivity import sensitivity

    if plan.instance is None or plan.over_capacity:
        return None
    inputs = inputs_for(eng, open_initiatives(eng), ranking.votes)
    return sensitivity(
        plan.instance,
        inputs,
        method=ranking.method,
        weights=eng.meta.scoring.weights,
        runs=SENSITIVITY_RUNS,
        seed=0,
        stop_early=True,
    )


def _map_svg(eng: Engagement, lang: str, plan: tuple[str, ...]) -> str | None:
    """The initiative map as `malmiljo graph` draws it; None when no Graphviz can be found."""
    from ..analysis.initiative_map import initiative_map
    from .context import report_date
    from .drawing import draw, find_engine
    from .graph import to_dot

    if find_engine() is None:
        return None
    source = to_dot(eng, initiative_map(eng, plan=plan), lang=lang)
    day = report_date(eng) or dt.date(2000, 1, 1)
    return draw(source, "svg", date=day).data.decode("utf-8")


def report_context(
    eng: Engagement, analyses: Analyses, *, root: Path, lang: str | None
) -> ReportContext:
    """The context in `lang` (default: the engagement's language), with the logo read from disk."""
    logo = (root / eng.meta.logo).read_bytes() if eng.meta.logo else None
    return build_context(eng, analyses, lang=lang or eng.meta.language, logo=logo)


def templates_folder(root: Path, given: Path | None) -> Path | None:
    """`--templates` when given, else the engagement's own `templates/` folder if it has one."""
    if given is not None:
        if not given.is_dir():
            raise UsageError(f"the templates folder '{given}' does not exist")
        return given
    own = root / "templates"
    return own if own.is_dir() else None


def _render(
    ctx: ReportContext,
    name: str,
    *,
    autoescape: bool,
    templates: Path | None,
    data_only: bool = False,
) -> str:
    import jinja2

    env = make_report_env(
        lang=ctx.lang, autoescape=autoescape, user_templates=templates, data_only=data_only
    )
    try:
        return str(env.get_template(name).render(r=ctx, t=ctx.t))
    except jinja2.TemplateError as exc:
        where = f" (line {exc.lineno})" if isinstance(exc, jinja2.TemplateSyntaxError) else ""
        raise MalmiljoError(f"the template {name} failed{where}: {exc}") from exc


def tidy(text: str) -> str:
    """No trailing spaces, at most one blank line in a row, one final newline."""
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def markdown(ctx: ReportContext, root: Path, templates: Path | None) -> Files:
    """report.md with its charts (and the logo) beside it."""
    text = tidy(_render(ctx, "report/report.md.j2", autoescape=False, templates=templates))
    files: Files = {"report.md": text.encode("utf-8")}
    files.update(chart_files(ctx))
    logo = ctx.title.logo
    if logo is not None:
        files[logo.filename] = base64.b64decode(logo.data_uri.split(",", 1)[1])
    return files


def chart_files(ctx: ReportContext) -> Files:
    """Every chart as `charts/<name>.svg`."""
    return {c.filename: c.svg.encode("utf-8") for c in ctx.charts}


def html(ctx: ReportContext, root: Path, templates: Path | None) -> Files:
    """One self-contained report.html."""
    text = tidy(_render(ctx, "report/report.html.j2", autoescape=True, templates=templates))
    return {"report.html": text.encode("utf-8")}


def printed(ctx: ReportContext) -> ReportContext:
    """The context for a printed document (PDF, Word): initiative cards for the plan and the
    next PRINTED_CARDS_NEXT by rank; a sentence says where the others are (the HTML and
    Markdown reports hold every card, the workbook every field)."""
    import dataclasses

    planned = sum(1 for i in ctx.initiatives if i.in_plan)
    kept = ctx.initiatives[: planned + PRINTED_CARDS_NEXT]
    left = len(ctx.initiatives) - len(kept)
    if left <= 0:
        return ctx
    note = str(ctx.t["cards_left_out"]).format(shown=len(kept), left=left)
    return dataclasses.replace(ctx, initiatives=kept, cards_left_out=note)


def pdf(ctx: ReportContext, root: Path, templates: Path | None) -> Files:
    """report.pdf, typeset by Typst from a template and the context as JSON data."""
    from .pdf import compile_pdf

    ctx = printed(ctx)
    source = _render(
        ctx, "report/report.typ.j2", autoescape=False, templates=templates, data_only=True
    )
    return {"report.pdf": compile_pdf(source, ctx, root=root)}


def docx(ctx: ReportContext, root: Path, templates: Path | None) -> Files:
    """report.docx: headings, tables and figures Word can edit."""
    from ..commands.deck import office_available
    from .docx_report import render_docx

    office_available()
    return {"report.docx": render_docx(printed(ctx))}


def deck(ctx: ReportContext, root: Path, templates: Path | None) -> Files:
    """deck.pptx, on `templates/deck.pptx` of the engagement when there is one."""
    from ..commands.deck import office_available
    from .deck import render_deck

    office_available()
    client = templates / "deck.pptx" if templates is not None else None
    return {"deck.pptx": render_deck(ctx, template=client if client and client.is_file() else None)}


_RENDERERS = {"md": markdown, "html": html, "pdf": pdf, "docx": docx, "pptx": deck}
