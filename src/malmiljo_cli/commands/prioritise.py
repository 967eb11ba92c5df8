"""`malmiljo prioritise`: this lap's plan under capacity and dependencies, and how stable it is."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .. import console
from ..analysis.plan import LapPlan, lap_plan
from ..analysis.scoring import inputs_for, open_initiatives
from ..content.words import words
from ..errors import UsageError
from ..models import Engagement
from ..validate import Validation
from ..write.terminal.prioritisation import capacity_hint, plan_as, sensitivity_as
from ._common import ranked


def prioritise(
    engagement: Path,
    *,
    budget: float | None = None,
    max_count: int | None = None,
    method: str | None = None,
    must: Sequence[str] = (),
    exclude: Sequence[str] = (),
    reconsider: bool = False,
    write: bool = False,
    sensitivity: int = 0,
    seed: int = 0,
    alternatives: int = 3,
    fmt: str = "table",
) -> int:
    """Keep the decided work, fill the capacity left with the most value; optionally write it."""
    if budget is not None and not 0 < budget < 1e9:  # also refuses nan and inf
        raise UsageError(f"--budget must be a number of person-days above 0 (got {budget:g})")
    result, eng, ranking = ranked(engagement, method)
    plan = lap_plan(
        eng,
        ranking,
        budget=budget,
        max_count=max_count,
        must=must,
        exclude=exclude,
        reconsider=reconsider,
        alternatives=alternatives,
    )
    if sensitivity > 0:
        from ..analysis.sensitivity import sensitivity as perturb

        if plan.instance is None or plan.over_capacity:
            raise UsageError(
                "--sensitivity needs a plan: set capacity.budget (or --budget) so that the "
                "decided work fits"
            )
        inputs = inputs_for(eng, open_initiatives(eng), ranking.votes)
        found = perturb(
            plan.instance,
            inputs,
            method=ranking.method,
            weights=eng.meta.scoring.weights,
            runs=sensitivity,
            seed=seed,
        )
        console.data(sensitivity_as(fmt, found, method=ranking.method, lang=eng.meta.language))
    else:
        console.data(plan_as(fmt, plan, ranking, eng))
        if not plan.has_capacity:
            console.message(capacity_hint(eng.meta.language))
    if write:
        _write(engagement, result, eng, plan)
    return 0


def _write(root: Path, result: Validation, eng: Engagement, plan: LapPlan) -> None:
    """Statuses follow the plan in one validated, atomic edit: proposed members become
    `selected`, `selected` ones outside it become `proposed`; work in progress is never touched."""
    from ..edit import Edit, edit, origin_of

    if not plan.has_capacity:
        raise UsageError("--write needs a plan: set capacity.budget (or pass --budget)")
    changes = [(i, "selected") for i in sorted(plan.members) if _status(eng, i) == "proposed"]
    changes += [
        (i.id, "proposed") for i in eng.initiatives if i.status == "selected" and i.id not in plan
    ]
    edits = []
    for ident, status in sorted(changes):
        file, loc = origin_of(result, "initiative", ident)
        edits.append(Edit(file, (*loc, "status"), status))
    if edits:
        edit(root, edits)
    say = words(eng.meta.language)
    for ident, status in sorted(changes):
        before, after = say.status(_status(eng, ident)), say.status(status)
        console.message(say.phrase("plan.wrote_status", id=ident, before=before, after=after))
    console.message(say.phrase("plan.wrote", n=len(changes)))


def _status(eng: Engagement, ident: str) -> str:
    return eng.initiative_by_id[ident].status
