"""The selection problem as a 0-1 integer programme, solved exactly by HiGHS (highspy).

    maximise    sum v_i x_i
    subject to  sum e_i x_i <= budget
                sum c_i x_i <= cost budget (when one is set)
                sum x_i     <= max
                x_i - x_j   <= 0      for each prerequisite j of i
                x_i = 1 (must), x_i = 0 (exclude), x_i in {0, 1}

Runners-up come from re-solving with one more row per plan already listed, sum of x_i over the
candidates outside that plan >= 1: the next plan may not be contained in a listed one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .selection import Choice, Instance, choice, money_tolerance

Row = tuple[list[int], list[float], float, float]
VALUE_TOLERANCE = 1e-6  # a plan "worth at least" v may fall short of v by this much


def best_plan(
    inst: Instance,
    *,
    force: int | None = None,
    not_within: Sequence[Choice] = (),
    start: Choice | None = None,
    keep: frozenset[int] = frozenset(),
    at_least: float | None = None,
) -> Choice | None:
    """The optimal plan (optionally one holding `force`), or None when there is none; `start`,
    a plan known to be feasible, lets the solver prune from the first node. With `at_least`,
    among the plans worth that much, the one holding the most of `keep`."""
    rows = _rows(inst, not_within)
    if at_least is None:
        return _run(inst, rows, force=force, start=start)
    rows.append(
        (list(range(inst.size)), list(inst.values), at_least - VALUE_TOLERANCE, float("inf"))
    )
    kept = [1.0 if i in keep else 0.0 for i in range(inst.size)]
    return _run(inst, rows, force=force, start=start, objective=kept)


def least_effort_plan(inst: Instance, *, value_above: float) -> Choice | None:
    """The plan with the least effort among those worth at least `value_above` (within every
    constraint of `inst`), or None when there is none: where the next better plan begins."""
    everyone = list(range(inst.size))
    rows = [*_rows(inst, ()), (everyone, list(inst.values), value_above, float("inf"))]
    plan = _run(inst, rows, minimise_effort=True)
    # HiGHS may accept a row within its feasibility tolerance (or drop an all-zero one): check.
    return plan if plan is not None and plan.value >= value_above - 1e-7 else None


def _run(
    inst: Instance,
    rows: list[Row],
    *,
    force: int | None = None,
    start: Choice | None = None,
    minimise_effort: bool = False,
    objective: list[float] | None = None,
) -> Choice | None:
    import highspy

    h = _solver()
    if minimise_effort:  # "worth more than" must not pass within the default 1e-6
        h.setOptionValue("mip_feasibility_tolerance", 1e-9)
        h.setOptionValue("primal_feasibility_tolerance", 1e-9)
    n = inst.size
    lower = [1.0 if i in inst.must or i == force else 0.0 for i in range(n)]
    upper = [0.0 if i in inst.exclude else 1.0 for i in range(n)]
    if any(lo > up for lo, up in zip(lower, upper, strict=True)):
        return None
    lp = highspy.HighsLp()
    lp.num_col_ = n
    lp.num_row_ = len(rows)
    lp.col_cost_ = objective or list(inst.efforts if minimise_effort else inst.values)
    lp.col_lower_ = lower
    lp.col_upper_ = upper
    lp.row_lower_ = [r[2] for r in rows]
    lp.row_upper_ = [r[3] for r in rows]
    lp.integrality_ = [highspy.HighsVarType.kInteger] * n
    lp.sense_ = highspy.ObjSense.kMinimize if minimise_effort else highspy.ObjSense.kMaximize
    _fill_matrix(lp, rows, highspy)
    h.passModel(lp)
    if start is not None:
        known = highspy.HighsSolution()
        known.col_value = [1.0 if i in start.members else 0.0 for i in range(n)]
        h.setSolution(known)
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    solution = h.getSolution().col_value
    return choice(inst, (i for i in range(n) if solution[i] > 0.5))


def best_plans(inst: Instance, count: int) -> list[Choice]:
    """The optimum and up to count-1 runners-up, none contained in one listed before it."""
    listed: list[Choice] = []
    while len(listed) < count:
        plan = best_plan(inst, not_within=listed)
        if plan is None:
            break
        listed.append(plan)
    return listed


def _rows(inst: Instance, not_within: Sequence[Choice]) -> list[Row]:
    inf = float("inf")
    everyone = list(range(inst.size))
    rows: list[Row] = [(everyone, list(inst.efforts), -inf, inst.budget + 1e-9)]
    if inst.max_count is not None:
        rows.append((everyone, [1.0] * inst.size, -inf, float(inst.max_count)))
    if inst.money_binds:
        assert inst.cost_budget is not None  # money_binds says so
        limit = inst.cost_budget + money_tolerance(inst)
        rows.append((everyone, list(inst.costs), -inf, limit))
    for i, needs in enumerate(inst.requires):
        rows += [([i, j], [1.0, -1.0], -inf, 0.0) for j in needs]
    for plan in not_within:
        outside = [i for i in everyone if i not in plan.members and i not in inst.exclude]
        rows.append((outside, [1.0] * len(outside), 1.0, inf))
    return rows


def _fill_matrix(lp: Any, rows: list[Row], highspy: Any) -> None:
    start, index, value = [0], [], []
    for cols, coefs, _, _ in rows:
        index += cols
        value += coefs
        start.append(len(index))
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = start
    lp.a_matrix_.index_ = index
    lp.a_matrix_.value_ = value
    lp.a_matrix_.num_row_ = len(rows)
    lp.a_matrix_.num_col_ = lp.num_col_


def _solver() -> Any:
    """A silent, exact HiGHS: no banner on stdout (console.py is the only printer), zero gap."""
    # highspy.Highs() prints a banner on stdout from its constructor; its core class does not.
    try:
        from highspy import _Highs  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - a highspy that no longer exports it
        from highspy import Highs as _Highs

    h = _Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("mip_abs_gap", 1e-9)
    h.setOptionValue("threads", 1)
    h.setOptionValue("random_seed", 0)
    return h
