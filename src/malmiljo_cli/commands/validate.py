"""`malmiljo validate`: report every problem in an engagement at once."""

from __future__ import annotations

from pathlib import Path

from .. import console
from ..problems import has_errors
from ..validate import validate_folder
from ..write.terminal.diagnostics import FORMATS, as_text


def validate(engagement: Path, *, fmt: str = "text", strict: bool = False) -> int:
    """Validate the folder; exit 1 on errors (or on warnings with `strict`)."""
    result = validate_folder(engagement)
    if fmt == "text":
        console.data(as_text(result.problems, style=lambda t, k: console.style(t, k)))
    elif result.problems or fmt == "json":
        console.data(FORMATS[fmt](result.problems))
    return 1 if has_errors(result.problems, strict=strict) else 0
