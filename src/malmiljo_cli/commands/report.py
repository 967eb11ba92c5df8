"""`malmiljo report`: the report in Markdown, HTML and PDF."""

from __future__ import annotations

from pathlib import Path

from .. import console
from ..content.report import analyse, report_context
from ..errors import UsageError
from ..validate import load_engagement
from ..write.documents.report import REPORT_FORMATS, render_report, templates_folder
from ..writer import write_files


def parse_formats(text: str) -> tuple[str, ...]:
    """'md,html' -> ('md', 'html'); unknown names are a usage error."""
    chosen = tuple(dict.fromkeys(f.strip().lower() for f in text.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in REPORT_FORMATS]
    if unknown or not chosen:
        raise UsageError(
            f"unknown format(s) {', '.join(unknown) or '(none)'}; choose from {','.join(REPORT_FORMATS)}"
        )
    return chosen


def report(
    engagement: Path,
    *,
    out: Path,
    formats: str = "md,html,pdf",
    lang: str | None = None,
    templates: Path | None = None,
) -> int:
    """Write the report files of the chosen formats into `out`."""
    chosen = parse_formats(formats)
    eng = load_engagement(engagement).engagement
    assert eng is not None  # load_engagement raises otherwise
    ctx = report_context(eng, analyse(eng, root=engagement, lang=lang), root=engagement, lang=lang)
    files = render_report(
        ctx, formats=chosen, root=engagement, templates=templates_folder(engagement, templates)
    )
    write_files(out, files)
    console.message(f"wrote {len(files)} file(s) to {out}")
    return 0
