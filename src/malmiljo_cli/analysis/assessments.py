"""Staff's own ratings next to the assessed levels: median, spread, and where to talk next."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass

from ..models import Engagement


@dataclass(frozen=True)
class StaffView:
    """One capability: the assessed levels, and what staff said (every assessment pooled)."""

    capability: str
    name: str
    area: str
    current: int
    target: int
    responses: int
    staff_current: float | None
    staff_target: float | None
    spread: int
    """The widest range of ratings (highest minus lowest), today or target: disagreement."""
    difference: float
    """The largest distance between a staff median and the assessed level."""


@dataclass(frozen=True)
class StaffAssessment:
    """Every rated capability, in capabilities.yaml order, and those to talk about first (every
    one tied for the widest spread and for the largest distance; none when all are 0)."""

    views: tuple[StaffView, ...]
    most_disagreement: tuple[str, ...]
    most_difference: tuple[str, ...]


def staff_assessment(eng: Engagement) -> StaffAssessment:
    """Pool every assessment's ratings per capability; flag the widest spread and distance."""
    pooled: dict[str, tuple[list[int], list[int]]] = {}
    for assessment in eng.assessments:
        for ident, ratings in assessment.ratings.items():
            current, target = pooled.setdefault(ident, ([], []))
            current.extend(ratings.current)
            target.extend(ratings.target)
    views = tuple(
        _view(cap.id, cap.name, cap.area, cap.current, cap.target, *pooled[cap.id])
        for cap in eng.capabilities
        if cap.id in pooled and (pooled[cap.id][0] or pooled[cap.id][1])
    )
    return StaffAssessment(
        views=views,
        most_disagreement=_most(views, lambda v: float(v.spread)),
        most_difference=_most(views, lambda v: v.difference),
    )


def _view(
    ident: str, name: str, area: str, current: int, target: int, now: list[int], aim: list[int]
) -> StaffView:
    staff_current = statistics.median(now) if now else None
    staff_target = statistics.median(aim) if aim else None
    distances = [
        abs(median - assessed)
        for median, assessed in ((staff_current, current), (staff_target, target))
        if median is not None
    ]
    return StaffView(
        capability=ident,
        name=name,
        area=area,
        current=current,
        target=target,
        responses=max(len(now), len(aim)),
        staff_current=staff_current,
        staff_target=staff_target,
        spread=max((max(r) - min(r) for r in (now, aim) if r), default=0),
        difference=max(distances, default=0.0),
    )


def _most(views: tuple[StaffView, ...], key: Callable[[StaffView], float]) -> tuple[str, ...]:
    """The capabilities with the highest key, every one tied for it, in file order; none if all
    are 0: a tie is said as a tie."""
    top = max((key(v) for v in views), default=0.0)
    return tuple(v.capability for v in views if top > 0 and key(v) == top)
