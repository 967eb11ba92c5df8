"""Time `malmiljo graph` on a generated engagement: python benchmarks/graph.py [N ...].

The issue's bar: a 300-initiative engagement renders in under 10 seconds.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import generate

from malmiljo_cli.analysis.initiative_map import initiative_map
from malmiljo_cli.commands.graph import graph
from malmiljo_cli.validate import read_engagement
from malmiljo_cli.write.map.dot import to_dot
from malmiljo_cli.write.map.drawing import draw, find_engine

T = TypeVar("T")
LIMIT_SECONDS = 10.0
FORMATS = ("svg", "png", "pdf")


def timed(label: str, work: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - start
    print(f"  {label:<28} {seconds:7.3f} s")
    return result, seconds


def bench(n: int, folder: Path) -> float:
    print(f"{n} initiatives (seed 1):")
    generate(folder, n, seed=1)
    eng, _ = timed("load + validate", lambda: read_engagement(folder))
    view, _ = timed("analyse (map, critical path)", lambda: initiative_map(eng, capabilities=True))
    dot, _ = timed("DOT source", lambda: to_dot(eng, view, lang="sv"))
    for fmt in FORMATS:
        timed(f"draw {fmt}", lambda fmt=fmt: draw(dot, fmt, date=dt.date(2026, 1, 15)))  # type: ignore[misc]
    worst = 0.0
    for fmt in FORMATS:
        out = folder.parent / f"map-{n}.{fmt}"
        _, seconds = timed(f"whole command, {fmt}", lambda out=out: graph(folder, out=out))  # type: ignore[misc]
        worst = max(worst, seconds)
    return worst


def main(sizes: list[int]) -> int:
    found = find_engine()
    print(f"engine: {found[0] if found else 'none'}")
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            worst = max(worst, bench(n, Path(tmp) / f"eng-{n}"))
    verdict = "ok" if worst < LIMIT_SECONDS else "TOO SLOW"
    print(f"slowest whole command: {worst:.2f} s (limit {LIMIT_SECONDS:.0f} s): {verdict}")
    return 0 if worst < LIMIT_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main([int(a) for a in sys.argv[1:]] or [300]))
