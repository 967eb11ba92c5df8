"""`malmiljo score`: every open initiative ranked, with its score and quadrant."""

from __future__ import annotations

from pathlib import Path

from .. import console
from ..write.terminal.prioritisation import scores_as
from ._common import ranked


def score(engagement: Path, *, method: str | None = None, fmt: str = "table") -> int:
    """Rank the initiatives that are not done or dropped under `method` (default: the engagement's)."""
    _, eng, ranking = ranked(engagement, method)
    console.data(scores_as(fmt, ranking, lang=eng.meta.language))
    return 0
