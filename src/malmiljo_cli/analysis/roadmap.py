"""Waves: the chosen initiatives in order, prerequisites in an earlier wave, each wave within capacity."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..models import Engagement, Initiative
from .scoring import Ranking

CHOSEN = ("selected", "in_progress")


@dataclass(frozen=True)
class Wave:
    number: int
    initiatives: tuple[str, ...]  # in the order they were placed: in progress, then best score
    effort: float


@dataclass(frozen=True)
class Unplaced:
    id: str
    reason: str


@dataclass(frozen=True)
class Roadmap:
    waves: tuple[Wave, ...]
    capacity: float
    unplaced: tuple[Unplaced, ...]
    scope: str  # "chosen" (selected and in progress) or "all" (every open initiative)


def scope(eng: Engagement, ranking: Ranking, *, everything: bool) -> list[Initiative]:
    """The chosen initiatives, or every open one when asked or when none is chosen yet."""
    chosen = [eng.initiative_by_id[i] for i in sorted(ranking.by_id)]
    if not everything and any(i.status in CHOSEN for i in chosen):
        return [i for i in chosen if i.status in CHOSEN]
    return chosen


def plan_waves(
    eng: Engagement,
    ranking: Ranking,
    items: Sequence[Initiative],
    *,
    capacity: float,
    waves: int | None,
    scope_name: str,
) -> Roadmap:
    """Fill wave after wave: in-progress work first, then by score; a prerequisite that is not
    done must sit in an earlier wave. Stops after `waves` waves, or when nothing more can move."""
    order = sorted(
        items, key=lambda i: (i.status != "in_progress", -ranking.by_id[i.id].score, i.id)
    )
    wave_of: dict[str, int] = {}
    built: list[Wave] = []
    while waves is None or len(built) < waves:
        number = len(built) + 1
        placed, used = [], 0.0
        for ini in order:
            if ini.id in wave_of or ini.effort > capacity or used + ini.effort > capacity:
                continue
            if all(_met(eng, dep, wave_of, number) for dep in ini.depends_on):
                placed.append(ini.id)
                used += ini.effort
        if not placed:
            break
        wave_of.update(dict.fromkeys(placed, number))
        built.append(Wave(number, tuple(placed), used))
    unplaced = tuple(
        Unplaced(i.id, _why(eng, i, capacity, wave_of, waves)) for i in order if i.id not in wave_of
    )
    return Roadmap(tuple(built), capacity, tuple(sorted(unplaced, key=lambda u: u.id)), scope_name)


def _met(eng: Engagement, dep: str, wave_of: dict[str, int], number: int) -> bool:
    target = eng.initiative_by_id.get(dep)
    return (target is not None and target.status == "done") or wave_of.get(dep, number) < number


def _why(
    eng: Engagement, ini: Initiative, capacity: float, wave_of: dict[str, int], waves: int | None
) -> str:
    if ini.effort > capacity:
        return (
            f"larger than a wave ({ini.effort:g} > {capacity:g} days): break it into smaller steps"
        )
    missing = [
        d for d in ini.depends_on if d not in wave_of and eng.initiative_by_id[d].status != "done"
    ]
    if missing:
        return f"needs {', '.join(sorted(missing))}, which {'is' if len(missing) == 1 else 'are'} not in a wave"
    return f"no room in {waves} waves of {capacity:g} days"
