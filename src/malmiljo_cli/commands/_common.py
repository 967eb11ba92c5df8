"""What the scoring commands share: a valid engagement and its ranking, errors located."""

from __future__ import annotations

from pathlib import Path
from typing import cast

from ..analysis.plan import LapPlan, lap_members, own_plan
from ..analysis.scoring import MissingInputs, Ranking, rank
from ..content.words import words
from ..errors import MalmiljoError
from ..models import Engagement
from ..models.engagement import ScoringMethod
from ..validate import Validation, load_engagement


def ranked(path: Path, method: str | None) -> tuple[Validation, Engagement, Ranking]:
    """Load and validate, then rank; a method's missing inputs are named with file:line."""
    result = load_engagement(path)
    assert result.engagement is not None  # load_engagement raises otherwise
    eng = result.engagement
    try:
        return result, eng, rank(eng, method=_method(method))
    except MissingInputs as exc:
        say = words(eng.meta.language)
        lines = [
            f"{result.where('initiative', ident, name)}: "
            + say.phrase("score.missing_one", id=ident, name=name)
            for ident, name in exc.missing
        ]
        hint = say.phrase("score.missing_hint") if "confidence" in exc.needed else ""
        needed = f" {say.label('and', 'and')} ".join(exc.needed)
        head = say.phrase("score.missing", method=exc.method, needed=needed, hint=hint)
        raise MalmiljoError(head + "\n" + "\n".join(lines)) from None


def _method(method: str | None) -> ScoringMethod | None:
    # The CLI offers only the four method names; the cast narrows its str to the Literal.
    return cast("ScoringMethod | None", method)


def plan_of(eng: Engagement) -> LapPlan | None:
    """The lap's plan under the engagement's own capacity and method (analysis/plan.own_plan)."""
    return own_plan(eng)


def plan_members(eng: Engagement) -> tuple[str, ...]:
    """The plan's members; the decided work when no plan can be made."""
    return lap_members(eng)
