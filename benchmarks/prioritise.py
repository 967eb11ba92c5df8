"""Benchmark: `prioritise` on 500 initiatives with ~600 dependency edges, and sensitivity runs.

    .venv/bin/python benchmarks/prioritise.py [--seed N] [--initiatives 500] [--edges 600]

Prints: time to the proven optimum (HiGHS) for the bare problem and for the whole command on a
generated engagement folder, how far greedy-by-value-per-day falls short, and the time of 2,000
sensitivity runs on the example (17 initiatives). Not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import sys
import tempfile
import time
from pathlib import Path

from malmiljo_cli.analysis.selection import Instance, greedy, solve

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "vmkf"
EFFORTS = (2, 3, 5, 8, 10, 15, 20, 30, 40, 60)


def random_engagement(
    rng: random.Random, n: int, edges: int
) -> tuple[list[dict[str, int]], set[tuple[int, int]]]:
    """Ratings and efforts for n initiatives, and `edges` (dependent, prerequisite) pairs, acyclic."""
    items = [
        {
            "effect": rng.randint(1, 5),
            "urgency": rng.randint(1, 5),
            "risk_reduction": rng.randint(1, 5),
            "effort": rng.choice(EFFORTS),
        }
        for _ in range(n)
    ]
    found: set[tuple[int, int]] = set()
    while len(found) < edges:
        i = rng.randrange(1, n)
        found.add((i, rng.randrange(max(0, i - 40), i)))  # prerequisites nearby, like real plans
    return items, found


def write_folder(
    root: Path, items: list[dict[str, int]], edges: set[tuple[int, int]], budget: float
) -> None:
    (root / "initiatives").mkdir(parents=True)
    (root / "engagement.yaml").write_text(
        f"schema_version: 1\nname: Benchmark\nclient: Bench\nscoring:\n  method: wsjf\n"
        f"capacity:\n  budget: {budget}\n  max_initiatives: 120\n",
        encoding="utf-8",
    )
    (root / "areas.yaml").write_text(
        "areas:\n  - id: a\n    name: A\n    colour: '#336699'\n", encoding="utf-8"
    )
    (root / "capabilities.yaml").write_text(
        "capabilities:\n  - id: c\n    area: a\n    name: C\n    current: 0\n    target: 5\n",
        encoding="utf-8",
    )
    needs: dict[int, list[int]] = {}
    for i, j in edges:
        needs.setdefault(i, []).append(j)
    for k, item in enumerate(items):
        deps = "".join(f"  - i{j:03d}\n" for j in sorted(needs.get(k, []))) or "  []\n"
        (root / "initiatives" / f"i{k:03d}.yaml").write_text(
            f"id: i{k:03d}\ntitle: Initiativ {k}\narea: a\nraises:\n  - capability: c\n    to: 5\n"
            f"depends_on:\n{deps}" + "".join(f"{key}: {value}\n" for key, value in item.items()),
            encoding="utf-8",
        )


def instance(items: list[dict[str, int]], edges: set[tuple[int, int]], budget: float) -> Instance:
    needs: dict[int, list[int]] = {}
    for i, j in edges:
        needs.setdefault(i, []).append(j)
    return Instance(
        ids=tuple(f"i{k:03d}" for k in range(len(items))),
        values=tuple(float(x["effect"] + x["urgency"] + x["risk_reduction"]) for x in items),
        efforts=tuple(float(x["effort"]) for x in items),
        requires=tuple(tuple(sorted(needs.get(k, []))) for k in range(len(items))),
        budget=budget,
        max_count=120,
    )


def timed(label: str, func: object) -> object:
    start = time.perf_counter()
    result = func()  # type: ignore[operator]
    print(f"{label}: {time.perf_counter() - start:.3f} s")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--initiatives", type=int, default=500)
    parser.add_argument("--edges", type=int, default=600)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    items, edges = random_engagement(rng, args.initiatives, args.edges)
    budget = round(sum(x["effort"] for x in items) * 0.2)
    inst = instance(items, edges, budget)
    print(
        f"{args.initiatives} initiatives, {len(edges)} dependency edges, budget {budget} days, max 120"
    )

    optimum = timed(
        "optimum (HiGHS, optimality proven, no runners-up)", lambda: solve(inst, alternatives=0)
    )
    full = timed("optimum + 3 runners-up + reasons", lambda: solve(inst))
    g = greedy(inst)
    best = optimum.best  # type: ignore[attr-defined]
    print(
        f"optimal value {best.value:.0f} ({len(best.members)} initiatives, {best.effort:.0f} days)"
    )
    shortfall = best.value - g.value
    print(
        f"greedy value {g.value:.0f}: {shortfall:.0f} short ({100 * shortfall / best.value:.1f}%)"
    )
    assert full.best.value == best.value  # type: ignore[attr-defined]

    from malmiljo_cli.commands.prioritise import prioritise

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "bench"
        write_folder(root, items, edges, budget)
        start = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            prioritise(root)
        took = time.perf_counter() - start
        print(
            f"malmiljo prioritise on a generated folder (load, validate, score, solve): {took:.3f} s"
        )

    from malmiljo_cli.analysis.scoring import inputs_for, open_initiatives, rank
    from malmiljo_cli.analysis.selection import instance_for
    from malmiljo_cli.analysis.sensitivity import sensitivity
    from malmiljo_cli.validate import load_engagement

    eng = load_engagement(EXAMPLE).engagement
    assert eng is not None
    ranking = rank(eng)
    example = instance_for(eng, ranking, budget=150, max_count=5)
    inputs = inputs_for(eng, open_initiatives(eng), ranking.votes)
    timed(
        f"sensitivity, 2000 runs on examples/vmkf ({len(eng.initiatives)} initiatives)",
        lambda: sensitivity(
            example, inputs, method="weighted", weights=eng.meta.scoring.weights, runs=2000
        ),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
