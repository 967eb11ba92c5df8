"""The interview synthesis as a terminal listing, Markdown or JSON."""

from __future__ import annotations

import textwrap
from dataclasses import asdict
from typing import Any

from ...analysis.interviews import Evidence, Synthesis
from ...console import printable
from ...content.words import Words, for_format, words
from .tables import Column, as_json, md_escape, render, titled
from .text import labelled_list


def interviews_report(result: Synthesis, fmt: str, *, lang: str = "en") -> str:
    """The synthesis in `fmt` (table, md or json); table heads in `lang`."""
    if fmt == "json":
        return as_json(_json(result))
    say = words(lang)
    columns = titled(COLUMNS, for_format(fmt, lang))
    rows = [_row(g, say) for g in result.groups]
    md = fmt == "md"
    parts = [render("md" if md else "table", columns, rows)]
    parts.append(_quotes(result.groups, say, md=md))
    unsupported = say.phrase("interviews.unsupported")
    parts.append(labelled_list(unsupported, result.unsupported_gaps, say, md=md))
    heard = [f"{cap} ({n})" for cap, n in result.heard_without_gap]
    parts.append(labelled_list(say.phrase("interviews.heard_without_gap"), heard, say, md=md))
    return "\n\n".join(p for p in parts if p)


COLUMNS = (
    Column("area"),
    Column("capability"),
    Column("pain", "right"),
    Column("wish", "right"),
    Column("strength", "right"),
    Column("interviews", "right"),
    Column("roles", "right"),
)


def _row(g: Evidence, say: Words) -> list[str]:
    return [
        g.area,
        g.capability or say.phrase("interviews.area_in_general"),
        str(g.counts["pain"]),
        str(g.counts["wish"]),
        str(g.counts["strength"]),
        str(g.interviews),
        str(g.roles),
    ]


def _quotes(groups: tuple[Evidence, ...], say: Words, *, md: bool) -> str:
    lines = []
    for g in groups:
        for q in g.quotes:
            who = q.role or q.interview
            subject = g.capability or g.area
            if md:
                lines.append(
                    f"- **{md_escape(subject)}** ({say.kind(q.kind)}, {md_escape(who)}): "
                    f"“{md_escape(q.text)}”"
                )
            else:
                lines.append(f"{subject} [{say.kind(q.kind)}, {printable(who)}]")
                lines.append(
                    textwrap.fill(
                        f"“{printable(q.text)}”",
                        80,
                        initial_indent="    ",
                        subsequent_indent="    ",
                    )
                )
    return "\n".join(lines)


def _json(result: Synthesis) -> dict[str, Any]:
    return {
        "groups": [asdict(g) for g in result.groups],
        "unsupported_gaps": list(result.unsupported_gaps),
        "heard_without_gap": [
            {"capability": c, "findings": n} for c, n in result.heard_without_gap
        ],
    }
