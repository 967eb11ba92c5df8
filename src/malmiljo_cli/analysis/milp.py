"""The selection problem as a 0-1 integer programme, solved exactly by HiGHS (highspy).

    maximise    sum v_i x_i
    subject to  sum e_i x_i <= budget
                sum x_i     <= max
                x_i - x_j   <= 0      for each prerequisite j of i
                x_i = 1 (must), x_i = 0 (exclude), x_i in {0, 1}

Runners-up come from re-solving with one more row per plan already listed, sum of x_i over the
candidates outside that plan >= 1: the next plan may not be contained in a listed one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .selection import Choice, Instance, choice

Row = tuple[list[int], list[float], float, float]


def best_plan(
    inst: Instance,
    *,
    force: int | None = None,
    not_within: Sequence[Choice] = (),
    start: Choice | None = None,
) -> Choice | None:
    """The optimal plan (optionally one holding `force`), or None when there is none; `start`,
    a plan known to be feasible, lets the solver prune from the first node."""
    h = _model(inst, force=force, not_within=not_within)
    if h is None:
        return None
    found = _run(h, inst.size, None if start is None else start.members)
    return None if found is None else choice(inst, found)


class Resolver:
    """One instance's model, solved again and again with other values (the sensitivity runs).

    Built once. Each run changes only the costs, solves the LP relaxation (from the last
    basis), and fixes every initiative the relaxation proves: with the LP optimum z and an
    initiative's reduced cost d, every plan that moves it off its LP bound is worth at most
    z - |d|; when that is below the value of a plan known to fit (the last run's, under the new
    values), no optimum moves it. The MILP then solves what is left, starting from that plan.
    """

    def __init__(self, inst: Instance) -> None:
        import numpy as np

        self._inst = inst
        mip, lp = _model(inst), _model(inst, relaxed=True)
        assert mip is not None and lp is not None  # callers check feasibility first
        self._mip: Any = mip
        self._lp: Any = lp
        n = inst.size
        self._index = np.arange(n, dtype=np.int32)
        self._lower = np.array([1.0 if i in inst.must else 0.0 for i in range(n)])
        self._upper = np.array([0.0 if i in inst.exclude else 1.0 for i in range(n)])
        self._last: frozenset[int] = inst.closure(inst.must)

    def best(self, values: Sequence[float]) -> frozenset[int]:
        """The members of the optimal plan under `values` (the instance is feasible)."""
        import numpy as np

        n = self._inst.size
        costs = np.asarray(values, dtype=float)
        lower, upper, start = self._bounds(costs)
        if lower is None:
            self._last = start  # the LP optimum is a whole plan: it is the optimum
            return start
        self._mip.changeColsCost(n, self._index, costs)
        self._mip.changeColsBounds(n, self._index, lower, upper)
        found = _run(self._mip, n, start)
        assert found is not None  # the last plan fits
        self._last = found
        return found

    def _bounds(self, costs: Any) -> tuple[Any, Any, frozenset[int]]:
        """Bounds on each initiative that every optimum meets, and the best plan known to fit;
        no bounds when that plan is worth the LP optimum (then it is optimal)."""
        import numpy as np

        n = self._inst.size
        self._lp.changeColsCost(n, self._index, costs)
        self._lp.run()
        lower, upper = self._lower.copy(), self._upper.copy()
        if self._lp.getModelStatus() != _optimal():
            return lower, upper, self._last
        z = self._lp.getInfo().objective_function_value
        solution = self._lp.getSolution()
        x = np.asarray(solution.col_value)
        start = max(
            (self._last, _rounded(self._inst, x, costs)),
            key=lambda plan: float(costs[sorted(plan)].sum()) if plan else 0.0,
        )
        known = float(costs[sorted(start)].sum()) if start else 0.0
        if known >= z - 1e-9 * max(1.0, abs(z)):
            return None, None, start
        reach = z - np.abs(np.asarray(solution.col_dual))
        margin = 1e-6 * max(1.0, abs(known))
        proved = reach < known - margin
        upper[proved & (x < 1e-9)] = 0.0
        lower[proved & (x > 1 - 1e-9)] = 1.0
        return lower, upper, start


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
        ):
            plan |= add
            effort = grown
    return frozenset(plan)


def _optimal() -> Any:
    import highspy

    return highspy.HighsModelStatus.kOptimal


def _model(
    inst: Instance,
    *,
    force: int | None = None,
    not_within: Sequence[Choice] = (),
    relaxed: bool = False,
) -> Any | None:
    """HiGHS holding the instance's programme, or None when the bounds already contradict."""
    import highspy

    n = inst.size
    lower = [1.0 if i in inst.must or i == force else 0.0 for i in range(n)]
    upper = [0.0 if i in inst.exclude else 1.0 for i in range(n)]
    if any(lo > up for lo, up in zip(lower, upper, strict=True)):
        return None
    rows = _rows(inst, not_within)
    lp = highspy.HighsLp()
    lp.num_col_ = n
    lp.num_row_ = len(rows)
    lp.col_cost_ = list(inst.values)
    lp.col_lower_ = lower
    lp.col_upper_ = upper
    lp.row_lower_ = [r[2] for r in rows]
    lp.row_upper_ = [r[3] for r in rows]
    if not relaxed:
        lp.integrality_ = [highspy.HighsVarType.kInteger] * n
    lp.sense_ = highspy.ObjSense.kMaximize
    _fill_matrix(lp, rows, highspy)
    h = _solver()
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
