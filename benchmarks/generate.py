"""Generate a valid synthetic engagement of any size, for benchmarks.

python benchmarks/generate.py OUT_DIR --initiatives 2000 [--seed 1] [--committed 60] [--plan 60]

With --committed N, exactly N initiatives are decided (half selected, half in progress), chosen
among those that need at most two others, and the engagement gets a calendar (26 weeks) with a
budget the decided work fits in, as the lap-plan benchmark wants. With --plan N the capacity is
realistic instead: at most N initiatives and about N initiatives' worth of days (N x 20, the mean
effort), as an engagement's lap holds (a plan of 20 at 300 initiatives, 60 at 2,000).
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

AREA_COLOURS = (
    "#0072b2",
    "#e69f00",
    "#009e73",
    "#cc79a7",
    "#56b4e9",
    "#d55e00",
    "#f0e442",
    "#999999",
)


def generate(
    folder: Path,
    n_initiatives: int,
    seed: int = 1,
    committed: int | None = None,
    plan: int | None = None,
) -> Path:
    """Write an engagement with `n_initiatives` initiatives, about 1.2 dependencies each, into `folder`."""
    rng = random.Random(seed)
    n_areas = min(8, 4 + n_initiatives // 500)
    n_caps = max(8, n_initiatives // 3)
    (folder / "initiatives").mkdir(parents=True, exist_ok=True)
    budget, limit = n_initiatives * 4, max(5, n_initiatives // 4)
    calendar = ""
    if committed is not None:
        budget, limit = n_initiatives * 8, max(5, n_initiatives // 2)
    if plan is not None:
        budget, limit = plan * 20, plan
    if committed is not None or plan is not None:
        calendar = f"  start: 2026-01-19\n  weeks: 26\n  per_week: {budget / 26:.1f}\n"
    (folder / "engagement.yaml").write_text(
        "schema_version: 1\n"
        f"name: Syntetiskt uppdrag ({n_initiatives} initiativ)\n"
        "client: Exempelkommunen\n"
        "consultants: [Åsa Öberg]\n"
        "lap: 1\n"
        "date: 2026-01-15\n"
        "vision: |\n  En it-enhet som är en partner i verksamhetens utveckling.\n"
        f"capacity:\n  budget: {budget}\n  max_initiatives: {limit}\n{calendar}",
        encoding="utf-8",
    )
    areas = [f"omrade-{a}" for a in range(n_areas)]
    (folder / "areas.yaml").write_text(
        "areas:\n"
        + "".join(
            f'  - id: {a}\n    name: Område {i + 1} – förmågor\n    colour: "{AREA_COLOURS[i]}"\n'
            for i, a in enumerate(areas)
        ),
        encoding="utf-8",
    )
    caps = []
    lines = ["capabilities:\n"]
    for c in range(n_caps):
        current = rng.randint(0, 3)
        target = rng.randint(current, 5)
        caps.append((f"formaga-{c:04d}", current, target))
        lines.append(
            f"  - id: formaga-{c:04d}\n    area: {areas[c % n_areas]}\n"
            f"    name: Förmåga {c} med åäö\n    current: {current}\n    target: {target}\n"
            f"    importance: {rng.randint(1, 3)}\n"
        )
    (folder / "capabilities.yaml").write_text("".join(lines), encoding="utf-8")
    deps = [_deps(rng, i) for i in range(n_initiatives)]
    statuses = [rng.choice(["proposed"] * 6 + ["selected", "in_progress", "done"]) for _ in deps]
    if committed is not None:
        statuses = _decided(rng, deps, committed)
    for i in range(n_initiatives):
        _write_initiative(folder, rng, i, areas, caps, deps[i], statuses[i])
    return folder


def _deps(rng: random.Random, i: int) -> list[str]:
    # Dependencies only point to lower numbers, so the graph is acyclic by construction.
    return (
        sorted({f"initiativ-{rng.randrange(i):04d}" for _ in range(_dep_count(rng))}) if i else []
    )


def _decided(rng: random.Random, deps: list[list[str]], count: int) -> list[str]:
    """A ninth done, then `count` decided among those needing at most two open others."""
    statuses = ["done" if rng.random() < 1 / 9 else "proposed" for _ in deps]
    index = {f"initiativ-{i:04d}": i for i in range(len(deps))}

    def closure(i: int) -> set[int]:
        found, stack = set(), [i]
        while stack:
            node = stack.pop()
            if node not in found and statuses[node] != "done":
                found.add(node)
                stack += [index[d] for d in deps[node]]
        return found

    small = [i for i in range(len(deps)) if statuses[i] != "done" and len(closure(i)) <= 3]
    for n, i in enumerate(sorted(rng.sample(small, min(count, len(small))))):
        statuses[i] = "selected" if n % 2 else "in_progress"
    return statuses


def _write_initiative(
    folder: Path,
    rng: random.Random,
    i: int,
    areas: list[str],
    caps: list[tuple[str, int, int]],
    deps: list[str],
    status: str,
) -> None:
    ident = f"initiativ-{i:04d}"
    cap, current, target = caps[rng.randrange(len(caps))]
    to = min(5, max(current + 1, target))
    text = (
        f"# Initiativ {i}\n"
        f"id: {ident}\n"
        f"title: Initiativ {i} – förbättra rutiner för ärenden\n"
        f"area: {areas[i % len(areas)]}\n"
        f"related_areas: [{areas[(i + 1) % len(areas)]}]\n"
        "description: |\n  Ett syntetiskt initiativ för prestandamätning.\n"
        f"raises:\n  - capability: {cap}\n    to: {to}\n"
        f"depends_on: [{', '.join(deps)}]\n"
        f"effect: {rng.randint(1, 5)}\nurgency: {rng.randint(1, 5)}\n"
        f"risk_reduction: {rng.randint(1, 5)}\neffort: {rng.randint(1, 40)}\n"
        f"reach: {rng.randint(10, 500)}\nconfidence: {rng.choice([0.5, 0.8, 1.0])}\n"
        f"status: {status}\nowner: It-chef\nfirst_step: Boka ett möte.\n"
        "visible_outcome: En tavla på väggen.\nmotivation: Det gör vardagen lättare.\n"
        "added_in_lap: 1\n"
    )
    (folder / "initiatives" / f"{ident}.yaml").write_text(text, encoding="utf-8")


def _dep_count(rng: random.Random) -> int:
    return rng.choice([0, 1, 1, 1, 2, 2])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--initiatives", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--committed", type=int, default=None)
    parser.add_argument("--plan", type=int, default=None)
    args = parser.parse_args()
    generate(args.out, args.initiatives, args.seed, args.committed, args.plan)
    print(args.out)


if __name__ == "__main__":
    main()
