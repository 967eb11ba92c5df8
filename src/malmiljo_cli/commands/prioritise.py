"""`malmiljo prioritise`: the optimal set under capacity and dependencies, and how stable it is."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .. import console
from ..analysis.scoring import inputs_for, open_initiatives
from ..analysis.selection import Instance, Solution, instance_for, solve
from ..errors import UsageError
from ..models import Engagement
from ..render.prioritisation import PlanView, plan_as, sensitivity_as
from ..validate import Validation
from ._common import ranked


def prioritise(
    engagement: Path,
    *,
    budget: float | None = None,
    max_count: int | None = None,
    method: str | None = None,
    must: Sequence[str] = (),
    exclude: Sequence[str] = (),
    write: bool = False,
    sensitivity: int = 0,
    seed: int = 0,
    alternatives: int = 3,
    fmt: str = "table",
) -> int:
    """Choose the set of open initiatives with the most value that fits; optionally write it."""
    result, eng, ranking = ranked(engagement, method)
    inst = instance_for(
        eng,
        ranking,
        budget=_budget(eng, budget),
        max_count=max_count if max_count is not None else eng.meta.capacity.max_initiatives,
        must=must,
        exclude=exclude,
    )
    solution = solve(inst, alternatives=alternatives)
    if sensitivity > 0:
        from ..analysis.sensitivity import sensitivity as perturb

        inputs = inputs_for(eng, open_initiatives(eng), ranking.votes)
        found = perturb(
            inst,
            inputs,
            method=ranking.method,
            weights=eng.meta.scoring.weights,
            runs=sensitivity,
            seed=seed,
        )
        console.data(sensitivity_as(fmt, found, method=ranking.method, lang=eng.meta.language))
    else:
        console.data(plan_as(fmt, PlanView(inst, solution, ranking, eng.meta.language)))
    if write:
        _write(engagement, result, eng, inst, solution)
    return 0


def _budget(eng: Engagement, given: float | None) -> float:
    budget = given if given is not None else eng.meta.capacity.budget
    if budget is None:
        raise UsageError("no budget: pass --budget DAYS or set capacity.budget in engagement.yaml")
    if not 0 < budget < 1e9:  # also refuses nan and inf
        raise UsageError(f"--budget must be a number of person-days above 0 (got {budget:g})")
    return budget


def _write(
    root: Path, result: Validation, eng: Engagement, inst: Instance, solution: Solution
) -> None:
    """Mark the chosen proposed initiatives `selected` in one validated, atomic edit; name the
    selected ones the plan leaves out (they are not changed)."""
    from ..edit import Edit, edit, origin_of

    chosen = {inst.ids[i] for i in solution.best.members}
    proposed = sorted(i for i in chosen if eng.initiative_by_id[i].status == "proposed")
    edits = []
    for ident in proposed:
        file, loc = origin_of(result, "initiative", ident)
        edits.append(Edit(file, (*loc, "status"), "selected"))
    if edits:
        edit(root, edits)
    console.message(
        f"status: selected written for {len(proposed)} initiative(s): {', '.join(proposed) or 'none'}"
    )
    stale = sorted(i.id for i in eng.initiatives if i.status == "selected" and i.id not in chosen)
    if stale:
        console.message(
            f"still selected but not in the optimal plan (left as they are): {', '.join(stale)}"
        )
