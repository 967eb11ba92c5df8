"""`malmiljo check`: are the chosen initiatives ready to drive change? The method's four rules."""

from __future__ import annotations

from pathlib import Path

from .. import console
from ..analysis.readiness import CODE, RULES, Readiness, readiness
from ..problems import Problem, has_errors
from ..validate import Validation, load_engagement
from ..write.terminal.diagnostics import FORMATS, as_text
from ..write.terminal.prioritisation import ID
from ..write.terminal.tables import Column
from ..write.terminal.tables import as_text as table

COLUMNS = (ID, *(Column(rule) for rule in RULES))


def check(
    engagement: Path, *, fmt: str = "text", strict: bool = False, step_threshold: float = 20.0
) -> int:
    """Warn, with file:line, where a selected or in-progress initiative breaks one of the rules."""
    result = load_engagement(engagement)
    assert result.engagement is not None
    found = readiness(result.engagement, step_threshold=step_threshold)
    problems = sorted(_problems(result, found))
    if fmt == "text":
        matrix = table(
            COLUMNS, [(r.id, *("ok" if r.meets(rule) else "--" for rule in RULES)) for r in found]
        )
        checked = matrix if found else "no selected or in-progress initiative to check"
        console.data(checked + "\n\n" + as_text(problems, style=lambda t, k: console.style(t, k)))
    else:
        console.data(FORMATS[fmt](problems))
    return 1 if has_errors(problems, strict=strict) else 0


def _problems(result: Validation, found: list[Readiness]) -> list[Problem]:
    before = len(result.problems)
    for item in found:
        origin = result.origins[("initiative", item.id)]
        for gap in item.gaps:
            loc = (gap.field,) if gap.present else ("id",)
            result.add(
                origin, loc, CODE[gap.rule], gap.message, severity="warning", at_key=not gap.present
            )
    return result.problems[before:]
