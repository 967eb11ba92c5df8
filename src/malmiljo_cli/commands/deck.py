"""`malmiljo deck`: the steering group's deck as an editable PowerPoint file."""

from __future__ import annotations

from pathlib import Path

from .. import console
from ..content.report import analyse, report_context
from ..errors import UsageError
from ..validate import load_engagement
from ..write.office import office_available
from ..writer import write_bytes


def deck(
    engagement: Path, *, out: Path, template: Path | None = None, lang: str | None = None
) -> int:
    """Write the deck to `out` (.pptx), on the client's template when one is given."""
    if out.suffix.lower() != ".pptx":
        raise UsageError(f"'{out}' must end in .pptx")
    if template is not None and template.suffix.lower() not in (".pptx", ".potx"):
        raise UsageError(f"the template '{template}' must be a .pptx file")
    office_available()
    from ..write.office.deck import render_deck

    eng = load_engagement(engagement).engagement
    assert eng is not None  # load_engagement raises otherwise
    ctx = report_context(eng, analyse(eng, root=engagement, lang=lang), root=engagement, lang=lang)
    write_bytes(out, render_deck(ctx, template=template))
    console.message(f"wrote {out}")
    return 0
