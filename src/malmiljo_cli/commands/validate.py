"""`malmiljo validate`: report every problem in an engagement at once."""

from __future__ import annotations

from pathlib import Path

from .. import console
from ..problems import has_errors
from ..validate import validate_folder
from ..write.terminal.diagnostics import FORMATS, as_text


def validate(engagement: Path, *, fmt: str = "table", strict: bool = False) -> int:
    """Validate the folder; exit 1 on errors (or on warnings with `strict`)."""
    result = validate_folder(engagement)
    read = ", ".join(f"{kind}: {len(found)}" for kind, found in sorted(result.items.items()))
    console.detail(f"read {read or 'nothing'}")
    if fmt == "table":
        text = as_text(result.problems, style=console.style, summarise=not console.quiet)
        if text:
            console.data(text)
    elif result.problems or fmt == "json":
        console.data(FORMATS[fmt](result.problems))
    return 1 if has_errors(result.problems, strict=strict) else 0
