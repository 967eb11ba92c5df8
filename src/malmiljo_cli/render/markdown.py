"""Markdown pieces shared by every renderer that writes tables."""

from __future__ import annotations

import html
import re

_SPECIAL = re.compile(r"([\\`*_\[\]|#~])")


def md_cell(text: str) -> str:
    """Text safe inside a Markdown table cell: no HTML, no markup, no column breaks."""
    escaped = _SPECIAL.sub(r"\\\1", html.escape(text, quote=False))
    return "<br>".join(line.strip() for line in escaped.splitlines()) or " "


def md_table(head: list[str], rows: list[list[str]]) -> list[str]:
    """A Markdown table; cells must already be escaped with `md_cell`."""
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]
