"""Sensitivity runs: shares of runs in which each initiative is chosen (analysis/sensitivity.py)."""

from __future__ import annotations

import random
from pathlib import Path

from malmiljo_cli.analysis.scoring import Inputs, inputs_for, open_initiatives, rank
from malmiljo_cli.analysis.selection import Instance, instance_for
from malmiljo_cli.analysis.sensitivity import draw_weights, sensitivity
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
