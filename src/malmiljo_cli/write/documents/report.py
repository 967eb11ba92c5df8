"""The report in Markdown, HTML and PDF from one context; each format is a map of files."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable
from pathlib import Path

from ...content.context import ReportContext
from ...errors import MalmiljoError, UsageError
from .environment import make_report_env

FORMATS = ("md", "html", "pdf")  # what `report` and `build` write by default
OFFICE = ("docx", "pptx")  # opt-in: `report --format docx`, `malmiljo deck`, `office:` for build
REPORT_FORMATS = (*FORMATS, "docx")
PRINTED_CARDS_NEXT = 10  # cards the PDF and Word report print beyond the plan's
Files = dict[str, bytes]


def render_report(
    ctx: ReportContext, *, formats: Iterable[str], root: Path, templates: Path | None = None
) -> Files:
    """Every file of the requested formats, by its path relative to the output folder."""
    files: Files = {}
    for fmt in formats:
        files.update(_RENDERERS[fmt](ctx, root, templates))
    return files


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
    from ..office import office_available
    from ..office.docx_report import render_docx

    office_available()
    return {"report.docx": render_docx(printed(ctx))}


def deck(ctx: ReportContext, root: Path, templates: Path | None) -> Files:
    """deck.pptx, on `templates/deck.pptx` of the engagement when there is one."""
    from ..office import office_available
    from ..office.deck import render_deck

    office_available()
    client = templates / "deck.pptx" if templates is not None else None
    return {"deck.pptx": render_deck(ctx, template=client if client and client.is_file() else None)}


_RENDERERS = {"md": markdown, "html": html, "pdf": pdf, "docx": docx, "pptx": deck}
