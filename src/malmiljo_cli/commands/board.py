"""`malmiljo board`: the lap's plan in columns a team works through, for the wall, the wiki or a browser."""

from __future__ import annotations

from pathlib import Path

from .. import console
from ..analysis.board import build_board
from ..validate import read_engagement
from ..write.terminal.board import as_html, as_markdown, as_table
from ._common import plan_members, plan_of


def board(engagement: Path, *, fmt: str = "table") -> int:
    """Render the board; the table form fits 80 columns and shows area colours when it can."""
    eng = read_engagement(engagement)
    plan = plan_of(eng)
    members = plan.members if plan is not None else plan_members(eng)
    model = build_board(eng, members, weighed=plan is not None and plan.has_capacity)
    if fmt == "md":
        console.data(as_markdown(model))
    elif fmt == "html":
        console.data(as_html(model))
    else:
        swatch = console.swatch if console.colour_on() else None
        console.data(as_table(model, swatch=swatch, safe=console.printable))
    return 0
