"""Small text pieces shared by command outputs."""

from __future__ import annotations

from collections.abc import Sequence

from ...console import printable
from ...content.words import Words
from .tables import md_escape


def labelled_list(title: str, items: Sequence[str], say: Words, *, md: bool) -> str:
    """`Title: a, b, c` (or `none` in `say`'s words), bold and escaped in Markdown, printable in
    a terminal."""
    body = ", ".join(md_escape(i) if md else printable(i) for i in items) or say.phrase("none")
    return f"**{title}:** {body}" if md else f"{title}: {body}"
