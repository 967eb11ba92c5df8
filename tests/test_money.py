"""Money: capacity.day_rate and capacity.cost_budget, kept exactly beside the person-days."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from malmiljo_cli.analysis.selection import Infeasible, Instance, solve
from malmiljo_cli.cli import app
from malmiljo_cli.validate import validate_folder

SOLVERS = ("enumerate", "milp")


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
def money_instances(draw: st.DrawFn) -> Instance:
    n = draw(st.integers(min_value=1, max_value=8))
    values = draw(st.lists(st.integers(0, 20), min_size=n, max_size=n))
    efforts = draw(st.lists(st.integers(1, 10), min_size=n, max_size=n))
    costs = draw(st.lists(st.integers(0, 50_000), min_size=n, max_size=n))
    requires = tuple(
        tuple(sorted(draw(st.sets(st.integers(0, i - 1), max_size=2)))) if i else ()
        for i in range(n)
    )
    return Instance(
        ids=tuple(f"i{k}" for k in range(n)),
        values=tuple(map(float, values)),
        efforts=tuple(map(float, efforts)),
        requires=requires,
        budget=float(draw(st.integers(0, sum(efforts)))),
        max_count=draw(st.none() | st.integers(1, n)),
        must=frozenset(draw(st.sets(st.integers(0, n - 1), max_size=1))),
        costs=tuple(map(float, costs)),
        cost_budget=float(draw(st.integers(1, max(1, sum(costs))))),
    )


@settings(max_examples=150, deadline=None)
@given(money_instances())
def test_both_budgets_are_kept_and_the_plan_is_optimal(inst: Instance) -> None:
    expected = brute_force(inst)
    for solver in SOLVERS:
        if expected is None:
            with pytest.raises(Infeasible):
                solve(inst, solver=solver)  # type: ignore[arg-type]
            continue
        best = solve(inst, solver=solver).best  # type: ignore[arg-type]
        assert inst.fits(best.members), solver
        assert inst.cost_of(best.members) <= (inst.cost_budget or 0) + 1e-6, solver
        assert best.value == pytest.approx(expected), solver


def test_money_changes_the_plan() -> None:
    """Days allow both; money allows only the cheaper, so the dearer, better one is left out."""
    inst = Instance(
        ids=("cheap", "dear"),
        values=(5.0, 9.0),
        efforts=(2.0, 2.0),
        requires=((), ()),
        budget=10.0,
        costs=(1000.0, 90_000.0),
        cost_budget=50_000.0,
    )
    for solver in SOLVERS:
        best = solve(inst, solver=solver).best  # type: ignore[arg-type]
        assert {inst.ids[i] for i in best.members} == {"cheap"}
    free = Instance(inst.ids, inst.values, inst.efforts, inst.requires, 10.0, costs=inst.costs)
    assert {free.ids[i] for i in solve(free).best.members} == {"cheap", "dear"}


def test_a_must_that_costs_too_much_names_the_cost_budget() -> None:
    inst = Instance(
        ids=("a",),
        values=(1.0,),
        efforts=(1.0,),
        requires=((),),
        budget=5.0,
        must=frozenset({0}),
        costs=(100.0,),
        cost_budget=50.0,
    )
    with pytest.raises(Infeasible, match="cost budget is 50"):
        solve(inst)


def _set_capacity(folder: Path, extra: str) -> None:
    path = folder / "engagement.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  budget: 150\n", f"  budget: 150\n{extra}"), encoding="utf-8")


def _plan(folder: Path) -> dict[str, object]:
    done = CliRunner().invoke(app, ["prioritise", "-e", str(folder), "--format", "json"])
    assert done.exit_code == 0, done.output
    found: dict[str, object] = json.loads(done.stdout)
    return found


def test_total_cost_is_cost_plus_day_rate_times_effort(example: Path) -> None:
    _set_capacity(example, "  day_rate: 8000\n")
    plan = _plan(example)
    total = 0.0
    for ident in plan["selected"]:  # type: ignore[attr-defined]
        text = (example / "initiatives" / f"{ident}.yaml").read_text(encoding="utf-8")
        effort = float(re.search(r"^effort: ([0-9.]+)", text, re.M).group(1))  # type: ignore[union-attr]
        cost = re.search(r"^cost: ([0-9.]+)", text, re.M)
        total += 8000 * effort + (float(cost.group(1)) if cost else 0.0)
    assert plan["total_cost"] == pytest.approx(total)
    assert total > 0
    assert plan["cost_budget"] is None


def test_a_cost_budget_is_kept_by_prioritise(example: Path) -> None:
    free = _plan(example)
    _set_capacity(example, "  day_rate: 8000\n  cost_budget: 760000\n")
    plan = _plan(example)
    assert plan["total_cost"] <= 760_000  # type: ignore[operator]
    assert plan["cost_budget"] == 760_000
    assert plan["over_capacity"] is None
    assert plan["total_value"] < free["total_value"]  # type: ignore[operator]


def test_money_fields_are_validated_with_positions(example: Path) -> None:
    _set_capacity(example, "  day_rate: -5\n  cost_budget: 0\n")
    found = {(p.line, p.code) for p in validate_folder(example).problems}
    text = (example / "engagement.yaml").read_text(encoding="utf-8").splitlines()
    rate_line = next(n for n, line in enumerate(text, 1) if "day_rate" in line)
    assert any(line == rate_line for line, _ in found), found
    assert any(line == rate_line + 1 for line, _ in found), found
