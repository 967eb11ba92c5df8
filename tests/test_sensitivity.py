"""Sensitivity runs: shares of runs in which each initiative is chosen (analysis/sensitivity.py)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from malmiljo_cli.analysis.milp import Resolver, best_plan
from malmiljo_cli.analysis.scoring import (
    Inputs,
    benefit,
    columns,
    inputs_for,
    open_initiatives,
    rank,
)
from malmiljo_cli.analysis.selection import Instance, feasible_sets, instance_for
from malmiljo_cli.analysis.sensitivity import draw_weights, on_line, sensitivity, value_rows
from malmiljo_cli.validate import load_engagement


def example_run(folder: Path, *, runs: int, seed: int, **options: object) -> dict[str, float]:
    eng = load_engagement(folder).engagement
    assert eng is not None
    ranking = rank(eng)
    inst = instance_for(eng, ranking, budget=150, max_count=5, **options)  # type: ignore[arg-type]
    found = sensitivity(
        inst,
        inputs_for(eng, open_initiatives(eng), ranking.votes),
        method="weighted",
        weights=eng.meta.scoring.weights,
        runs=runs,
        seed=seed,
    )
    assert found.runs == runs and found.seed == seed
    return {s.id: s.share for s in found.shares}


def test_same_seed_same_shares_and_a_stable_core(example: Path) -> None:
    first = example_run(example, runs=300, seed=7)
    assert first == example_run(example, runs=300, seed=7)
    assert all(0.0 <= share <= 1.0 for share in first.values())
    # every run chooses at most five, so the shares add up to at most five
    assert sum(first.values()) <= 5 + 1e-9
    for core in ("arendekoordinator", "helpdesk-uppdrag", "drift-teknikchef"):
        assert first[core] > 0.9, first


def test_must_and_exclude_hold_in_every_run(example: Path) -> None:
    shares = example_run(
        example, runs=100, seed=1, must=["uppdragsbeskrivning"], exclude=["tva-team"]
    )
    assert shares["uppdragsbeskrivning"] == 1.0
    assert shares["tva-team"] == 0.0


def test_dirichlet_weights_keep_their_sum_and_leave_effort_alone() -> None:
    weights = {"effect": 0.4, "urgency": 0.2, "votes": 0.2, "effort": -0.1}
    drawn = draw_weights(weights, random.Random(3))  # type: ignore[arg-type]
    assert drawn["effort"] == -0.1
    assert abs(sum(v for k, v in drawn.items() if k != "effort") - 0.8) < 1e-9
    assert drawn != weights


def test_runs_beyond_enumeration_fall_back_to_the_solver() -> None:
    n = 24  # above the enumeration size, so each run is solved on its own
    inst = Instance(
        ids=tuple(f"i{k:02d}" for k in range(n)),
        values=tuple(float(k % 5 + 1) for k in range(n)),
        efforts=tuple(float(k % 3 + 1) for k in range(n)),
        requires=tuple(() for _ in range(n)),
        budget=6.0,
    )
    inputs = [
        Inputs(i, 3, 3, 1, inst.efforts[k], 0.0, 0.0, None, None) for k, i in enumerate(inst.ids)
    ]
    found = sensitivity(inst, inputs, method="wsjf", weights={}, runs=3, seed=0)
    assert len(found.shares) == n
    # six days hold at most six one-day initiatives, in every run
    assert 0 < sum(s.share for s in found.shares) <= 6
    assert 0 < sum(s.in_optimum for s in found.shares) <= 6


def random_case(seed: int) -> tuple[Instance, list[Inputs]]:
    """Above the enumeration size, so the runs go through the solver and may stop early."""
    rng = random.Random(seed)
    n = rng.randint(26, 40)
    ids = tuple(f"i{k:02d}" for k in range(n))
    efforts = tuple(float(rng.randint(1, 12)) for _ in range(n))
    inputs = [
        Inputs(
            i, rng.randint(1, 5), rng.randint(1, 5), rng.randint(1, 5), efforts[k], 0, 0, None, None
        )
        for k, i in enumerate(ids)
    ]
    requires = tuple(
        tuple(sorted({rng.randrange(k) for _ in range(rng.choice([0, 0, 1, 2]))})) if k else ()
        for k in range(n)
    )
    weights = {"effect": 0.5, "urgency": 0.3, "risk_reduction": 0.2}
    values = tuple(benefit("weighted", columns(inputs), weights))  # type: ignore[arg-type]
    budget = float(sum(efforts) * rng.uniform(0.15, 0.35))
    inst = Instance(ids, values, efforts, requires, budget, max_count=rng.randint(4, 9))
    return inst, inputs


def full_count(inst: Instance, inputs: list[Inputs], runs: int) -> list[float]:
    """The full computation, run by run, each solved from scratch by the exact solver."""
    weights = {"effect": 0.5, "urgency": 0.3, "risk_reduction": 0.2}
    rows = value_rows(inputs, method="weighted", weights=weights, seed=0)  # type: ignore[arg-type]
    counts = [0] * inst.size
    for _ in range(runs):
        best = best_plan(inst.with_values(next(rows)))  # a fresh model each run
        assert best is not None
        for i in best.members:
            counts[i] += 1
    return [c / runs for c in counts]


def classes(shares: list[float]) -> list[str]:
    return ["core" if s >= 0.9 else "out" if s <= 0.1 else "swing" for s in shares]


@pytest.mark.parametrize("seed", range(6))
def test_the_early_stop_sorts_as_the_full_200_runs_do(seed: int) -> None:
    inst, inputs = random_case(seed)
    weights = {"effect": 0.5, "urgency": 0.3, "risk_reduction": 0.2}
    early = sensitivity(
        inst,
        inputs,
        method="weighted",
        weights=weights,
        runs=200,
        stop_early=True,  # type: ignore[arg-type]
    )
    full = full_count(inst, inputs, 200)
    by_id = {s.id: s for s in early.shares}
    agreeing = 0
    for i, ident in enumerate(inst.ids):
        if on_line(full[i], 200):
            continue  # a toss-up at 200 runs too (the module's note)
        assert by_id[ident].stability == classes(full)[i], (
            ident,
            full[i],
            by_id[ident],
            early.runs,
        )
        agreeing += 1
    assert agreeing >= inst.size // 2
    assert early.runs <= 200 and early.planned == 200
    assert (early.confidence is not None) == (early.runs < 200)


@pytest.mark.parametrize("seed", range(4))
def test_the_reused_model_finds_each_runs_optimum(seed: int) -> None:
    """Bounds from the LP and the last run's plan never cut an optimum off."""
    inst, inputs = random_case(20 + seed)
    weights = {"effect": 0.5, "urgency": 0.3, "risk_reduction": 0.2}
    rows = value_rows(inputs, method="weighted", weights=weights, seed=seed)  # type: ignore[arg-type]
    resolver = Resolver(inst)
    for _ in range(40):
        values = next(rows)
        again = inst.with_values(values)
        found = resolver.best(values)
        scratch = best_plan(again)
        assert scratch is not None and again.fits(found)
        assert abs(again.value_of(found) - scratch.value) < 1e-9


def test_the_example_sorts_as_the_full_200_runs_do(example: Path) -> None:
    eng = load_engagement(example).engagement
    assert eng is not None
    ranking = rank(eng)
    inst = instance_for(eng, ranking, budget=150, max_count=5)
    inputs = inputs_for(eng, open_initiatives(eng), ranking.votes)
    weights = eng.meta.scoring.weights
    early = sensitivity(inst, inputs, method="weighted", weights=weights, runs=200, stop_early=True)
    rows = value_rows(inputs, method="weighted", weights=weights, seed=0)
    counts = [0] * inst.size
    for _ in range(200):
        plans = feasible_sets(inst.with_values(next(rows)), limit=None)
        assert plans is not None
        best = max(plans, key=lambda p: round(p.value, 9))
        for i in best.members:
            counts[i] += 1
    full = {ident: counts[i] / 200 for i, ident in enumerate(inst.ids)}
    assert {s.id: s.share for s in early.shares} == full  # the example enumerates: every run
    assert {s.id: s.stability for s in early.shares} == dict(
        zip(inst.ids, classes(list(full.values())), strict=True)
    )


def test_a_share_on_a_line_is_a_toss_up_and_one_off_it_is_not() -> None:
    assert on_line(0.1, 200) and on_line(0.13, 200) and on_line(0.88, 200)
    assert not on_line(0.2, 200) and not on_line(0.0, 200) and not on_line(0.5, 200)
