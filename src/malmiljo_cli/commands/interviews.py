"""`malmiljo interviews`: the interviews as evidence behind every gap."""

from __future__ import annotations

from pathlib import Path

from .. import console
from ..analysis.interviews import synthesise
from ..validate import read_engagement
from ..write.terminal.interviews import interviews_report


def interviews(engagement: Path, *, quotes: int = 2, fmt: str = "table") -> int:
    """Print findings per area and capability, quotes, and where evidence is missing."""
    eng = read_engagement(engagement)
    console.data(interviews_report(synthesise(eng, quotes=quotes), fmt, lang=eng.meta.language))
    return 0
