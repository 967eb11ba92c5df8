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

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from .instance import Choice, Instance, choice, money_tolerance

Row = tuple[list[int], list[float], float, float]


def best_plan(
    inst: Instance,
    *,
    force: int | None = None,
    not_within: Sequence[Choice] = (),
    start: Choice | None = None,
) -> Choice | None:
    """The optimal plan (optionally one holding `force`), or None when there is none; `start`,
    a plan known to be feasible, lets the solver prune from the first node (see `_bounded`)."""
    import numpy as np

    mip = _model(inst, force=force, not_within=not_within)
    if mip is None:
        return None
    lp = _model(inst, force=force, not_within=not_within, relaxed=True)
    target = inst if force is None else replace(inst, must=inst.must | {force})
    lower = np.array([1.0 if i in target.must else 0.0 for i in range(inst.size)])
    upper = np.array([0.0 if i in inst.exclude else 1.0 for i in range(inst.size)])

    def allowed(members: frozenset[int]) -> bool:
        return not any(members <= plan.members for plan in not_within)

    known = () if start is None else (start.members,)
    found = _bounded(
        mip, lp, target, np.asarray(inst.values, dtype=float), (lower, upper), known, allowed
    )
    return None if found is None else choice(inst, found)


VALUE_TOLERANCE = 1e-6  # a plan "worth at least" v may fall short of v by this much


def most_kept_plan(
    inst: Instance, *, force: int, keep: frozenset[int], at_least: float, start: Choice
) -> Choice | None:
    """Among the plans holding `force` worth at least `at_least`, the one holding the most of
    `keep` (`start` is such a plan); None when the solver finds none."""
    everyone = list(range(inst.size))
    rows = [
        *_rows(inst, ()),
        (everyone, list(inst.values), at_least - VALUE_TOLERANCE, float("inf")),
    ]
    kept = [1.0 if i in keep else 0.0 for i in everyone]
    h = _model(inst, force=force, rows=rows, objective=kept)
    found = None if h is None else _run(h, inst.size, start.members)
    return None if found is None else choice(inst, found)


def least_effort_plan(inst: Instance, *, value_above: float) -> Choice | None:
    """The plan with the least effort among those worth at least `value_above` (within every
    constraint of `inst`), or None when there is none: where the next better plan begins."""
    everyone = list(range(inst.size))
    rows = [*_rows(inst, ()), (everyone, list(inst.values), value_above, float("inf"))]
    h = _model(inst, rows=rows, minimise_effort=True)
    found = None if h is None else _run(h, inst.size, None)
    plan = None if found is None else choice(inst, found)
    # HiGHS may accept a row within its feasibility tolerance (or drop an all-zero one): check.
    return plan if plan is not None and plan.value >= value_above - 1e-7 else None


class Resolver:
    """One instance's model, solved again and again with other values (the sensitivity runs):
    built once; each run changes only the costs and starts from the last run's plan (which
    still fits, since the constraints stay) or a better one rounded from the LP (`_bounded`)."""

    def __init__(self, inst: Instance) -> None:
        import numpy as np

        self._inst = inst
        mip, lp = _model(inst), _model(inst, relaxed=True)
        assert mip is not None and lp is not None  # callers check feasibility first
        self._mip: Any = mip
        self._lp: Any = lp
        n = inst.size
        self._bounds = (
            np.array([1.0 if i in inst.must else 0.0 for i in range(n)]),
            np.array([0.0 if i in inst.exclude else 1.0 for i in range(n)]),
        )
        self._last: frozenset[int] = inst.closure(inst.must)

    def best(self, values: Sequence[float]) -> frozenset[int]:
        """The members of the optimal plan under `values` (the instance is feasible)."""
        import numpy as np

        costs = np.asarray(values, dtype=float)
        index = np.arange(self._inst.size, dtype=np.int32)
        self._lp.changeColsCost(self._inst.size, index, costs)
        self._mip.changeColsCost(self._inst.size, index, costs)
        found = _bounded(self._mip, self._lp, self._inst, costs, self._bounds, (self._last,))
        assert found is not None  # the last plan fits
        self._last = found
        return found


def _bounded(
    mip: Any,
    lp: Any,
    inst: Instance,
    costs: Any,
    bounds: tuple[Any, Any],
    known: Sequence[frozenset[int]],
    allowed: Callable[[frozenset[int]], bool] = lambda _: True,
) -> frozenset[int] | None:
    """The MILP's optimum after the LP relaxation has fixed what it proves.

    With the LP optimum z and an initiative's reduced cost d, every plan that moves it off its
    LP bound is worth at most z - |d|; when that is below the value of a plan known to fit (the
    best of `known` and the LP optimum rounded to a plan), no optimum moves it. When that plan
    is worth z itself, it is the optimum and nothing is searched. `allowed` says whether a plan
    meets the model's rows beyond the instance's own (the runners-up's).
    """
    import highspy
    import numpy as np

    lower, upper = bounds[0].copy(), bounds[1].copy()
    lp.run()
    status = lp.getModelStatus()
    if status == highspy.HighsModelStatus.kInfeasible:
        return None
    plans = list(known)
    if status == highspy.HighsModelStatus.kOptimal:
        solution = lp.getSolution()
        x = np.asarray(solution.col_value)
        plans.append(_rounded(inst, x, costs))
    fitting = [p for p in plans if inst.fits(p) and allowed(p)]
    start = max(fitting, key=lambda p: (float(costs[sorted(p)].sum()), -len(p)), default=None)
    if start is not None and status == highspy.HighsModelStatus.kOptimal:
        z = lp.getInfo().objective_function_value
        value = float(costs[sorted(start)].sum())
        if value >= z - 1e-9 * max(1.0, abs(z)):
            return start
        reach = z - np.abs(np.asarray(solution.col_dual))
        proved = reach < value - 1e-6 * max(1.0, abs(value))
        upper[proved & (x < 1e-9)] = 0.0
        lower[proved & (x > 1 - 1e-9)] = 1.0
    n = inst.size
    mip.changeColsBounds(n, np.arange(n, dtype=np.int32), lower, upper)
    return _run(mip, n, start)


def _rounded(inst: Instance, x: Any, costs: Any) -> frozenset[int]:
    """A plan that fits, near the LP optimum `x`: its whole initiatives (closed under
    prerequisites, since x_i <= x_j for each prerequisite j), then the others by x and value per
    day, each with what it needs, while they fit."""
    plan = set(inst.closure([*inst.must, *(i for i in range(inst.size) if x[i] > 1 - 1e-6)]))
    effort = inst.effort_of(plan)
    if not inst.fits(frozenset(plan)):
        return frozenset(inst.closure(inst.must))
    order = sorted(
        (i for i in range(inst.size) if i not in plan and i not in inst.exclude and x[i] > 1e-6),
        key=lambda i: (-x[i], -costs[i] / inst.efforts[i], i),
    )
    for i in order:
        add = inst.closure([i]) - plan
        grown = effort + inst.effort_of(add)
        if (
            not add & inst.exclude
            and grown <= inst.budget + 1e-9
            and (inst.max_count is None or len(plan) + len(add) <= inst.max_count)
            and (not inst.money_binds or inst.within_money(inst.cost_of(plan | add)))
        ):
            plan |= add
            effort = grown
    return frozenset(plan)


def _model(
    inst: Instance,
    *,
    force: int | None = None,
    not_within: Sequence[Choice] = (),
    relaxed: bool = False,
    rows: list[Row] | None = None,
    minimise_effort: bool = False,
    objective: list[float] | None = None,
) -> Any | None:
    """HiGHS holding the instance's programme, or None when the bounds already contradict."""
    import highspy

    n = inst.size
    lower = [1.0 if i in inst.must or i == force else 0.0 for i in range(n)]
    upper = [0.0 if i in inst.exclude else 1.0 for i in range(n)]
    if any(lo > up for lo, up in zip(lower, upper, strict=True)):
        return None
    rows = _rows(inst, not_within) if rows is None else rows
    lp = highspy.HighsLp()
    lp.num_col_ = n
    lp.num_row_ = len(rows)
    lp.col_cost_ = objective or list(inst.efforts if minimise_effort else inst.values)
    lp.col_lower_ = lower
    lp.col_upper_ = upper
    lp.row_lower_ = [r[2] for r in rows]
    lp.row_upper_ = [r[3] for r in rows]
    if not relaxed:
        lp.integrality_ = [highspy.HighsVarType.kInteger] * n
    lp.sense_ = highspy.ObjSense.kMinimize if minimise_effort else highspy.ObjSense.kMaximize
    _fill_matrix(lp, rows, highspy)
    h = _solver()
    if minimise_effort:  # "worth more than" must not pass within the default 1e-6
        h.setOptionValue("mip_feasibility_tolerance", 1e-9)
        h.setOptionValue("primal_feasibility_tolerance", 1e-9)
    h.passModel(lp)
    return h


def _run(h: Any, n: int, start: frozenset[int] | None) -> frozenset[int] | None:
    """Solve; the members of the optimum, or None when nothing fits."""
    import highspy

    if start is not None:
        known = highspy.HighsSolution()
        known.col_value = [1.0 if i in start else 0.0 for i in range(n)]
        h.setSolution(known)
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    solution = h.getSolution().col_value
    return frozenset(i for i in range(n) if solution[i] > 0.5)


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
