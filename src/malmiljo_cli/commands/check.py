"""`malmiljo check`: are the chosen initiatives ready to drive change? The method's four rules."""

from __future__ import annotations

from pathlib import Path

from .. import console
from ..analysis.readiness import CODE, RULES, Gap, Readiness, readiness
from ..content.words import Words, words
from ..models import Engagement
from ..problems import Problem, has_errors
from ..validate import Validation, load_engagement
from ..write.terminal.diagnostics import FORMATS, as_text
from ..write.terminal.prioritisation import ID
from ..write.terminal.tables import Column, titled
from ..write.terminal.tables import as_text as table

COLUMNS = (ID, *(Column(rule) for rule in RULES))


def check(
    engagement: Path, *, fmt: str = "text", strict: bool = False, step_threshold: float = 20.0
) -> int:
    """Warn, with file:line, where a selected or in-progress initiative breaks one of the rules."""
    result = load_engagement(engagement)
    eng = result.engagement
    assert eng is not None
    say = words(eng.meta.language)
    found = readiness(eng, step_threshold=step_threshold)
    problems = sorted(_problems(result, found, say))
    if fmt == "text":
        matrix = table(
            titled(COLUMNS, say),
            [(r.id, *("ok" if r.meets(rule) else "--" for rule in RULES)) for r in found],
        )
        checked = matrix if found else say.phrase("check.nothing")
        lines = as_text(problems, style=lambda t, k: console.style(t, k)).split("\n")[:-1]
        lines.append(console.style(*_summary(problems, say)))
        console.data(checked + "\n\n" + "\n".join(lines))
    else:
        console.data(FORMATS[fmt](problems))
    return 1 if has_errors(problems, strict=strict) else 0


def _problems(result: Validation, found: list[Readiness], say: Words) -> list[Problem]:
    assert result.engagement is not None
    before = len(result.problems)
    for item in found:
        origin = result.origins[("initiative", item.id)]
        for gap in item.gaps:
            loc = (gap.field,) if gap.present else ("id",)
            message = finding(gap, result.engagement, say)
            result.add(
                origin, loc, CODE[gap.rule], message, severity="warning", at_key=not gap.present
            )
    return result.problems[before:]


def finding(gap: Gap, eng: Engagement, say: Words) -> str:
    """A rule an initiative does not meet, in the report's words for it."""
    ini = eng.initiative_by_id[gap.initiative]
    key = f"rule_{gap.rule}_{'short' if gap.present else 'missing'}"
    text = say.phrase(key, effort=say.days(ini.effort), steps=say.num(len(ini.steps)))
    return say.phrase("check.finding", id=gap.initiative, text=text, rule=say.rule(gap.rule))


def _summary(problems: list[Problem], say: Words) -> tuple[str, str]:
    """The closing line in the engagement's words, and its style."""
    if not problems:
        return say.phrase("check.ok"), "ok"
    errors = sum(p.is_error for p in problems)
    counts = [
        say.phrase("check.errors", errors),
        say.phrase("check.warnings", len(problems) - errors),
    ]
    return ", ".join(counts), "error" if errors else "warning"
