"""The optimiser: exact under budget, count and dependencies; runners-up; reasons (analysis/selection.py)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from malmiljo_cli.analysis.scoring import rank
from malmiljo_cli.analysis.selection import (
    Infeasible,
    Instance,
    Reason,
    greedy,
    instance_for,
    solve,
)
from malmiljo_cli.errors import UsageError
from malmiljo_cli.validate import load_engagement

SOLVERS = ("enumerate", "milp")


def greedy_trap() -> Instance:
    """The issue's case: Q (14 for 3 days) needs P (1 for 3 days); greedy by ratio skips it."""
    return Instance(
        ids=("A", "B", "C", "P", "Q"),
        values=(9, 7, 7, 1, 14),
        efforts=(6, 5, 5, 3, 3),
        requires=((), (), (), (), (3,)),
        budget=10,
    )


def names(inst: Instance, members: frozenset[int]) -> set[str]:
    return {inst.ids[i] for i in members}


@pytest.mark.parametrize("solver", SOLVERS)
def test_greedy_is_wrong_and_the_optimiser_is_not(solver: str) -> None:
    inst = greedy_trap()
    solution = solve(inst, solver=solver)  # type: ignore[arg-type]
    assert names(inst, solution.best.members) == {"P", "Q"}
    assert solution.best.value == 15
    assert solution.best.effort == 6
    g = greedy(inst)
    assert names(inst, g.members) == {"A", "P"} and g.value == 10


@pytest.mark.parametrize("solver", SOLVERS)
def test_runners_up_are_distinct_and_not_contained_in_earlier_ones(solver: str) -> None:
    inst = greedy_trap()
    solution = solve(inst, solver=solver, alternatives=3)  # type: ignore[arg-type]
    listed = [solution.best, *solution.alternatives]
    assert [round(p.value) for p in listed] == [15, 14, 10, 8]
    for earlier, later in itertools.combinations(listed, 2):
        assert not later.members <= earlier.members


def reason_case() -> Instance:
    """Budget 10: top + mid (29, 9 days) beats mid + pre + needy (22) and top + pre (21)."""
    return Instance(
        ids=("big", "mid", "needy", "pre", "top", "x"),
        values=(50, 9, 12, 1, 20, 5),
        efforts=(200, 4, 2, 4, 5, 1),
        requires=((), (), (3,), (), (), ()),
        budget=10,
        exclude=frozenset({5}),
    )


def figures(r: Reason) -> tuple[object, ...]:
    """A reason's code and numbers, as a steering group would check them."""
    return (r.code, r.days, r.room, r.count, r.breaks, r.needs, r.possible, r.best_with,
            r.displaces)  # fmt: skip


@pytest.mark.parametrize("solver", SOLVERS)
def test_each_left_out_initiative_has_its_reason(solver: str) -> None:
    inst = reason_case()
    solution = solve(inst, solver=solver)  # type: ignore[arg-type]
    assert names(inst, solution.best.members) == {"top", "mid"}
    assert solution.best.value == 29
    reasons = {inst.ids[r.index]: r for r in solution.reasons}
    assert set(reasons) == {"big", "needy", "pre", "x"}
    assert reasons["x"].code == "excluded" and reasons["x"].breaks == ()
    # 9 of 10 days taken: 1 remains. big alone is more than the budget: no plan holds it.
    assert figures(reasons["big"]) == ("does_not_fit", 200, 1, 3, ("days",), (), False, None, None)
    # needy would not fit on its own either (2 days, 1 remains): the days bind, not pre.
    needy = ("does_not_fit", 6, 1, 4, ("days",), (3,), True, 22, (4,))
    assert figures(reasons["needy"]) == needy  # the best plan with it gives up top
    assert figures(reasons["pre"]) == ("does_not_fit", 4, 1, 3, ("days",), (), True, 22, (4,))


@pytest.mark.parametrize("solver", SOLVERS)
def test_needs_and_lower_value(solver: str) -> None:
    """n fits on its own (1 day, 1 remains) but not with its prerequisite p; z adds nothing."""
    inst = Instance(
        ids=("a", "b", "n", "p", "z"), values=(10, 5, 3, 1, 0), efforts=(6, 3, 1, 4, 0.5),
        requires=((), (), (3,), (), ()), budget=10,
    )  # fmt: skip
    solution = solve(inst, solver=solver)  # type: ignore[arg-type]
    assert names(inst, solution.best.members) == {"a", "b"}
    reasons = {inst.ids[r.index]: r for r in solution.reasons}
    assert figures(reasons["n"]) == ("needs", 5, 1, 4, ("days",), (3,), True, 9, (0,))
    assert figures(reasons["z"]) == ("lower_value", 0.5, 1, 3, (), (), True, 15, ())


def test_the_count_limit_binds() -> None:
    inst = Instance(
        ids=("a", "b", "c", "d"), values=(5, 4, 3, 9), efforts=(1, 1, 1, 1),
        requires=((), (), (), (2,)), budget=10, max_count=1,
    )  # fmt: skip
    solution = solve(inst)
    assert names(inst, solution.best.members) == {"a"}
    reasons = {inst.ids[r.index]: r for r in solution.reasons}
    assert figures(reasons["b"]) == ("count_limit", 1, 9, 2, ("count",), (), True, 4, (0,))
    # d needs c: two more, and no plan of one initiative can hold both.
    assert figures(reasons["d"]) == ("count_limit", 2, 9, 3, ("count",), (2,), False, None, None)


def test_both_constraints_are_named_when_both_break() -> None:
    inst = Instance(
        ids=("a", "b", "c"), values=(5, 4, 8), efforts=(4, 4, 8), requires=((), (), ()),
        budget=10, max_count=2,
    )  # fmt: skip
    solution = solve(inst)
    assert names(inst, solution.best.members) == {"a", "b"}
    c = {inst.ids[r.index]: r for r in solution.reasons}["c"]
    # c adds 8 days to a plan with 2 left, and would make 3 of at most 2.
    assert figures(c) == ("does_not_fit", 8, 2, 3, ("days", "count"), (), True, 8, (0, 1))


@pytest.mark.parametrize(
    ("must", "exclude", "budget", "max_count", "message"),
    [
        ({0}, {0}, 10, None, "both required (--must) and excluded"),
        ({4}, {3}, 10, None, "'Q' (--must) needs 'P', which is excluded"),
        ({0, 4}, set(), 10, None, "take 12 days; the budget is 10"),
        ({4}, set(), 10, 1, "are 2; the maximum is 1"),
    ],
)
def test_infeasible_must_names_the_blocking_constraint(
    must: set[int], exclude: set[int], budget: float, max_count: int | None, message: str
) -> None:
    inst = greedy_trap()
    inst = Instance(inst.ids, inst.values, inst.efforts, inst.requires, budget, max_count,
                    frozenset(must), frozenset(exclude))  # fmt: skip
    with pytest.raises(Infeasible, match=message.replace("(", r"\(").replace(")", r"\)")):
        solve(inst)


def test_must_is_honoured_even_when_worse() -> None:
    inst = greedy_trap()
    inst = Instance(
        inst.ids, inst.values, inst.efforts, inst.requires, inst.budget, must=frozenset({0})
    )
    for solver in SOLVERS:
        best = solve(inst, solver=solver).best  # type: ignore[arg-type]
        assert names(inst, best.members) == {"A", "P"} and best.value == 10


# --- brute force, and the property test against it ------------------------------------------


def brute_force(inst: Instance) -> float | None:
    best = None
    for r in range(inst.size + 1):
        for combo in itertools.combinations(range(inst.size), r):
            members = frozenset(combo)
            if inst.fits(members):
                value = inst.value_of(members)
                best = value if best is None or value > best else best
    return best


@st.composite
def instances(draw: st.DrawFn) -> Instance:
    n = draw(st.integers(min_value=1, max_value=8))
    values = draw(st.lists(st.integers(0, 20), min_size=n, max_size=n))
    efforts = draw(st.lists(st.integers(1, 10), min_size=n, max_size=n))
    # acyclic: an initiative may only need ones with a lower index
    requires = tuple(
        tuple(sorted(draw(st.sets(st.integers(0, i - 1), max_size=2)))) if i else ()
        for i in range(n)
    )
    budget = draw(st.integers(0, sum(efforts)))
    max_count = draw(st.none() | st.integers(1, n))
    must = draw(st.sets(st.integers(0, n - 1), max_size=1))
    exclude = draw(st.sets(st.integers(0, n - 1), max_size=1))
    ids = tuple(f"i{k}" for k in range(n))
    return Instance(ids, tuple(map(float, values)), tuple(map(float, efforts)), requires,
                    float(budget), max_count, frozenset(must), frozenset(exclude))  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(instances())
def test_optimiser_equals_brute_force_and_beats_greedy(inst: Instance) -> None:
    expected = brute_force(inst)
    for solver in SOLVERS:
        if expected is None:
            with pytest.raises(Infeasible):
                solve(inst, solver=solver)  # type: ignore[arg-type]
            continue
        solution = solve(inst, solver=solver)  # type: ignore[arg-type]
        assert inst.fits(solution.best.members), solver
        assert solution.best.value == pytest.approx(expected), solver
        for plan in solution.alternatives:
            assert inst.fits(plan.members) and plan.value <= solution.best.value + 1e-9
    if expected is not None and not inst.must:
        assert greedy(inst).value <= expected + 1e-9


# --- on the example ---------------------------------------------------------------------------


def example_instance(folder: Path, **options: object) -> Instance:
    eng = load_engagement(folder).engagement
    assert eng is not None
    return instance_for(eng, rank(eng), budget=150, max_count=5, **options)  # type: ignore[arg-type]


def test_example_chooses_the_quick_wins_and_what_they_need(example: Path) -> None:
    inst = example_instance(example)
    solution = solve(inst)
    chosen = names(inst, solution.best.members)
    assert chosen == {
        "arendekoordinator",
        "helpdesk-uppdrag",
        "kunskapsbank",
        "drift-teknikchef",
        "tva-team",
    }
    # every prerequisite of a chosen one is done (scrumtavla) or chosen
    assert "helpdesk-uppdrag" in chosen
    assert solution.best.value > greedy(inst).value


def test_example_unknown_must_is_a_usage_error(example: Path) -> None:
    with pytest.raises(UsageError, match="did you mean 'kunskapsbank'"):
        example_instance(example, must=["kunskapsbnk"])


def test_example_must_on_a_done_initiative_is_an_error(example: Path) -> None:
    with pytest.raises(Infeasible, match="'scrumtavla' is done"):
        example_instance(example, must=["scrumtavla"])


def test_reason_figures_at_the_edges_of_fitting() -> None:
    """Exactly the room left still fits; an excluded prerequisite says so; the fixed work is
    what leaves no room for y."""
    inst = Instance(
        ids=("a", "b", "n", "p", "q", "x", "y", "fit", "w"),
        values=(10, 5, 3, 1, 1, 4, 2, 0.5, 7),
        efforts=(6, 3, 1, 3, 3, 1, 20, 1, 1),
        requires=((), (), (3, 4), (), (), (), (), (), (5,)),
        budget=10,
        must=frozenset({1}),
        exclude=frozenset({5}),
    )
    solution = solve(inst, solver="enumerate")
    assert names(inst, solution.best.members) == {"a", "b", "fit"}  # 10 days: exactly full
    reasons = {inst.ids[r.index]: r for r in solution.reasons}
    assert figures(reasons["x"]) == ("excluded", 1, 0, 4, ("days",), (), False, None, None)
    assert figures(reasons["w"]) == (
        "needs_excluded", 2, 0, 5, ("days",), (5,), False, None, None
    )  # fmt: skip
    assert figures(reasons["n"]) == ("does_not_fit", 7, 0, 6, ("days",), (3, 4), True, 10, (0, 7))
    assert figures(reasons["y"]) == ("does_not_fit", 20, 0, 4, ("days",), (), False, None, None)
    loose = Instance(
        ids=("a", "n", "p", "q"), values=(10, 3, 0, 0), efforts=(6, 1, 3, 3),
        requires=((), (2, 3), (), ()), budget=10,
    )  # fmt: skip
    solved = solve(loose, solver="enumerate")
    needs = {loose.ids[r.index]: r for r in solved.reasons}["n"]
    assert figures(needs) == ("needs", 7, 4, 4, ("days",), (2, 3), True, 3, (0,))
    # Exactly the room: a 4-day prerequisite pair fits when 4 days remain.
    even = Instance(
        ids=("a", "n", "p"), values=(10, 3, 1), efforts=(6, 2, 2), requires=((), (2,), ()),
        budget=10,
    )  # fmt: skip
    assert names(even, solve(even, solver="enumerate").best.members) == {"a", "n", "p"}
