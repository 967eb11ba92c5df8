"""The steering group's options (analysis/options.py) against brute force on small instances."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from malmiljo_cli.analysis import options
from malmiljo_cli.analysis.options import FitOption, by_count, fit, frontier, idle
from malmiljo_cli.analysis.selection import Instance

# --- brute force -------------------------------------------------------------------------------


def every_set(inst: Instance) -> list[frozenset[int]]:
    return [
        frozenset(c)
        for r in range(inst.size + 1)
        for c in itertools.combinations(range(inst.size), r)
    ]


def best_value(inst: Instance) -> float | None:
    values = [inst.value_of(m) for m in every_set(inst) if inst.fits(m)]
    return max(values) if values else None


def expected_frontier(inst: Instance, low: int, high: int) -> list[tuple[int, float]]:
    """(budget, best value) at each whole budget where the best value rises (efforts are whole)."""
    found: list[tuple[int, float]] = []
    for b in range(low, high + 1):
        v = best_value(replace(inst, budget=float(b)))
        if v is not None and (not found or v > found[-1][1] + 1e-9):
            found.append((b, round(v, 6)))
    return found


@st.composite
def committed_instances(draw: st.DrawFn) -> tuple[Instance, frozenset[int], frozenset[int]]:
    """An instance with random decided work (the `must`) and random running work among it."""
    n = draw(st.integers(min_value=1, max_value=7))
    values = draw(st.lists(st.integers(0, 20), min_size=n, max_size=n))
    efforts = draw(st.lists(st.integers(1, 9), min_size=n, max_size=n))
    requires = tuple(
        tuple(sorted(draw(st.sets(st.integers(0, i - 1), max_size=2)))) if i else ()
        for i in range(n)
    )
    committed = frozenset(draw(st.sets(st.integers(0, n - 1), max_size=4)))
    running = frozenset(i for i in committed if draw(st.booleans()))
    costs = draw(st.none() | st.lists(st.integers(0, 9), min_size=n, max_size=n))
    inst = Instance(
        ids=tuple(f"i{k}" for k in range(n)),
        values=tuple(map(float, values)),
        efforts=tuple(map(float, efforts)),
        requires=requires,
        budget=float(draw(st.integers(1, sum(efforts)))),
        max_count=draw(st.none() | st.integers(1, n)),
        must=committed,
        costs=() if costs is None else tuple(map(float, costs)),
        cost_budget=None if costs is None else float(draw(st.integers(1, 40))),
    )
    return inst, committed, running


# --- the frontier ------------------------------------------------------------------------------


@pytest.mark.parametrize("milp", [False, True])
@settings(max_examples=60, deadline=None)
@given(committed_instances())
def test_frontier_is_every_change_of_the_best_plan(
    milp: bool, case: tuple[Instance, frozenset[int], frozenset[int]]
) -> None:
    inst, _, _ = case
    low = int(inst.effort_of(inst.closure(inst.must)))
    high = max(int(2 * inst.budget), low)
    if milp:
        # force the parametric MILP path: enumeration is only for small instances
        original = options.enumerable
        options.enumerable = lambda inst, solver="auto": False  # type: ignore[assignment]
    try:
        found = frontier(inst, low=float(low), high=float(high))
    finally:
        if milp:
            options.enumerable = original  # type: ignore[assignment]
    expected = expected_frontier(inst, low, high)
    assert found.complete
    assert [(p.budget, round(p.plan.value, 6)) for p in found.points] == expected
    for k, point in enumerate(found.points):
        assert replace(inst, budget=point.budget).fits(point.plan.members)
        if k:
            # a new plan begins exactly where its effort is
            assert point.plan.effort == pytest.approx(point.budget)
            before = found.points[k - 1]
            slope = (point.plan.value - before.plan.value) / (point.budget - before.budget)
            assert point.marginal == pytest.approx(slope)
        else:
            assert point.marginal is None


def test_frontier_by_hand() -> None:
    """a (3 days, 4), b (5 days, 9), c needs a (2 days, 4): budgets 0..10."""
    inst = Instance(
        ids=("a", "b", "c"),
        values=(4.0, 9.0, 4.0),
        efforts=(3.0, 5.0, 2.0),
        requires=((), (), (0,)),
        budget=5.0,
    )
    found = frontier(inst, low=0.0, high=10.0)
    got = [
        (p.budget, p.plan.value, sorted(inst.ids[i] for i in p.plan.members)) for p in found.points
    ]
    assert got == [
        (0.0, 0.0, []),
        (3.0, 4.0, ["a"]),
        (5.0, 9.0, ["b"]),
        (8.0, 13.0, ["a", "b"]),
        (10.0, 17.0, ["a", "b", "c"]),
    ]
    assert [p.marginal for p in found.points] == [
        None,
        pytest.approx(4 / 3),
        2.5,
        pytest.approx(4 / 3),
        2.0,
    ]


def test_large_instances_sample_the_frontier_and_say_so() -> None:
    n = options.FRONTIER_EXACT_MAX + 5
    inst = Instance(
        ids=tuple(f"i{k:03d}" for k in range(n)),
        values=tuple(float(1 + k % 7) for k in range(n)),
        efforts=tuple(float(1 + k % 5) for k in range(n)),
        requires=tuple(((k - 1,) if k % 3 == 0 and k else ()) for k in range(n)),
        budget=40.0,
        max_count=12,
    )
    found = frontier(inst, low=0.0, high=80.0)
    assert not found.complete
    assert 1 < len(found.points) <= options.FRONTIER_SAMPLES
    for point in found.points:
        exact = options.best_at(replace(inst, budget=point.budget))
        assert exact is not None and point.plan.value == pytest.approx(exact.value)
    values = [p.plan.value for p in found.points]
    assert values == sorted(set(values))


# --- by count and idle -------------------------------------------------------------------------


@settings(max_examples=80, deadline=None)
@given(committed_instances())
def test_by_count_is_optimal_at_each_limit(
    case: tuple[Instance, frozenset[int], frozenset[int]],
) -> None:
    inst, _, _ = case
    inst = replace(inst, max_count=inst.max_count or 2)
    found = by_count(inst)
    assert [c.max_count for c in found] == [
        m for m in range(inst.max_count - 1, inst.max_count + 2) if m >= 1
    ]  # type: ignore[operator]
    for at in found:
        expected = best_value(replace(inst, max_count=at.max_count))
        if expected is None:
            assert at.plan is None
        else:
            assert at.plan is not None and at.plan.value == pytest.approx(expected)
            assert replace(inst, max_count=at.max_count).fits(at.plan.members)
    current = next(c.plan for c in found if c.max_count == inst.max_count)
    # given the plan at the limit (as `options` does), the other two start from it: same values
    started = by_count(inst, current)
    assert [None if c.plan is None else round(c.plan.value, 6) for c in started] == [
        None if c.plan is None else round(c.plan.value, 6) for c in found
    ]
    if current is not None:
        spare = idle(inst, current, found)
        assert spare.days == pytest.approx(max(0.0, inst.budget - current.effort))
        more = best_value(replace(inst, max_count=inst.max_count + 1))  # type: ignore[operator]
        assert spare.count_binds == (more is not None and more > current.value + 1e-9)


def test_idle_names_a_binding_count_with_days_to_spare() -> None:
    inst = Instance(
        ids=("a", "b", "c"),
        values=(5.0, 5.0, 5.0),
        efforts=(1.0, 1.0, 1.0),
        requires=((), (), ()),
        budget=10.0,
        max_count=2,
    )
    counts = by_count(inst)
    plan = next(c.plan for c in counts if c.max_count == 2)
    assert plan is not None
    assert idle(inst, plan, counts) == options.Idle(8.0, True)


# --- fit ---------------------------------------------------------------------------------------


def expected_fit(
    inst: Instance, committed: frozenset[int], running: frozenset[int]
) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Every minimal set of decided work, closed under 'needs' among the decided work, whose
    release lets the rest (with what it needs) fit."""

    def closed(x: frozenset[int]) -> bool:
        return all(y in x for y in committed for z in x if z in inst.closure([y]))

    def works(x: frozenset[int]) -> bool:
        return not options.breaks(inst, inst.closure(committed - x))

    candidates = [
        frozenset(c)
        for r in range(1, len(committed) + 1)
        for c in itertools.combinations(sorted(committed), r)
    ]
    good = [x for x in candidates if closed(x) and works(x)]
    minimal = [x for x in good if not any(y < x for y in good)]
    return {
        (
            tuple(sorted(i for i in x if i in running)),
            tuple(sorted(i for i in x if i not in running)),
        )
        for x in minimal
    }


@settings(max_examples=200, deadline=None)
@given(committed_instances())
def test_fit_holds_the_capacity_option_and_every_smallest_release(
    case: tuple[Instance, frozenset[int], frozenset[int]],
) -> None:
    inst, committed, running = case
    whole = inst.closure(committed)
    found = fit(inst, committed, running)
    if not options.breaks(inst, whole):
        assert found == ()
        return
    capacity, *releases = found
    assert capacity.kind == "capacity"
    assert capacity.days == pytest.approx(max(0.0, inst.effort_of(whole) - inst.budget))
    grown = replace(
        inst,
        budget=inst.budget + capacity.days,
        max_count=None if inst.max_count is None else inst.max_count + capacity.count,
        cost_budget=None if inst.cost_budget is None else inst.cost_budget + capacity.money,
    )
    assert not options.breaks(grown, whole)  # the capacity option keeps it all
    assert all(r.kind == "release" for r in releases)
    got = {(tuple(sorted(r.stop)), tuple(sorted(r.defer))) for r in releases}
    assert got == expected_fit(inst, committed, running)
    for r in releases:
        rest = inst.closure(committed - set(r.stop) - set(r.defer))
        assert r.frees == pytest.approx(inst.effort_of(whole) - inst.effort_of(rest))
        assert set(r.stop) <= running and not set(r.defer) & running


def test_never_defer_what_running_work_needs_while_keeping_it() -> None:
    """run (in progress) needs pre (decided); 10 days over 8: releasing pre alone is no option."""
    inst = Instance(
        ids=("other", "pre", "run"),
        values=(1.0, 1.0, 1.0),
        efforts=(3.0, 4.0, 3.0),
        requires=((), (), (1,)),
        budget=8.0,
        max_count=5,
    )
    committed = frozenset({0, 1, 2})
    found = fit(inst, committed, frozenset({2}))
    assert found[0] == FitOption("capacity", days=2.0)
    shapes = [(r.stop, r.defer) for r in found[1:]]
    assert shapes == [((), (0,)), ((2,), ())]  # defer other, or stop run (pre stays)
    assert ((2,), (1,)) not in shapes and ((), (1,)) not in shapes
