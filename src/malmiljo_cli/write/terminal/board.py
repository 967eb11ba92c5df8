"""The board as terminal text (80 columns), a Markdown table for wikis, or an HTML page."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from ...analysis.board import Board, Card
from ...content.i18n import catalogue
from .tables import md_escape

WIDTH = 80
CARD_TEXTS = ("first_step", "visible_outcome", "dropped_reason")

Swatch = Callable[[str, str], str]
"""(text, #rrggbb) -> the text in that colour, or unchanged when colour is off."""


def words(language: str) -> dict[str, str]:
    """The board's labels in the engagement's language (English for anything but Swedish): the
    report's words for the columns and the card's fields."""
    cat = catalogue("sv" if language == "sv" else "en")
    return {
        **{key: str(word) for key, word in cat["board_columns"].items()},
        "owner": str(cat["owner"]),
        "first_step": str(cat["first_step"]),
        "visible_outcome": str(cat["visible_outcome"]),
        "dropped_reason": str(cat["reason"]),
        "none": str(cat["say"]["none_paren"]),
        "board": str(cat["board"]),
    }


def as_table(
    board: Board, *, swatch: Swatch | None = None, safe: Callable[[str], str] = str
) -> str:
    """One section per column, compact cards wrapped to 80 columns; `safe` cleans terminal text."""
    w = words(board.language)
    out = [*textwrap.wrap(safe(board.name), WIDTH), ""]
    for column in board.columns:
        out += [f"{w[column.key]} ({len(column.cards)})", "─" * WIDTH]
        if not column.cards:
            out += [f"  {w['none']}", ""]
        for card in column.cards:
            out += [*_card_lines(card, w, swatch, safe), ""]
    return "\n".join(out).rstrip() + "\n"


def _card_lines(
    card: Card, w: dict[str, str], swatch: Swatch | None, safe: Callable[[str], str]
) -> list[str]:
    lines = textwrap.wrap(f"{safe(card.id)} · {safe(card.title)}", WIDTH, subsequent_indent="   ")
    mark = swatch("██", card.colour) + " " if swatch else ""
    owner = f" · {w['owner']}: {safe(card.owner)}" if card.owner else ""
    # The colour block is wrapped as plain text first, so escape codes never count as width.
    tag = textwrap.wrap(f"{safe(card.area)}{owner}", WIDTH - 3 - (3 if swatch else 0))
    lines += [f"   {mark}{tag[0]}", *(f"   {'   ' if swatch else ''}{t}" for t in tag[1:])]
    for key in CARD_TEXTS:
        text = getattr(card, key)
        if text:
            lines += textwrap.wrap(
                f"{w[key]}: {safe(text)}", WIDTH, initial_indent="   ", subsequent_indent="     "
            )
    return lines


def as_markdown(board: Board) -> str:
    """A table with one column per board column, the way a team's wiki shows a board."""
    w = words(board.language)
    head = [f"{w[c.key]} ({len(c.cards)})" for c in board.columns]
    rows = max((len(c.cards) for c in board.columns), default=0)
    cells = [
        [_md_card(c.cards[r], w) if r < len(c.cards) else " " for c in board.columns]
        for r in range(rows)
    ]
    lines = ["| " + " | ".join(row) + " |" for row in [head, *cells]]
    lines.insert(1, "|" + "---|" * len(head))
    out = [f"## {w['board']}: {md_escape(board.name)}", "", *lines]
    return "\n".join(out) + "\n"


def _md_card(card: Card, w: dict[str, str]) -> str:
    parts = [f"**{md_escape(card.id)}** {md_escape(card.title)}", md_escape(card.area)]
    if card.owner:
        parts[-1] += f" · {md_escape(card.owner)}"
    for key in CARD_TEXTS:
        text = getattr(card, key)
        if text:
            parts.append(f"*{w[key]}:* {md_escape(text)}")
    return "<br>".join(parts)


def as_html(board: Board) -> str:
    """A standalone page: five columns, each card edged in its area's colour; all text escaped."""
    from ..documents.environment import make_env

    template = make_env(autoescape=True).get_template("board.html.j2")
    return str(template.render(board=board, w=words(board.language)))
