"""What the initiative map shows: which initiatives, which edges, which capabilities, the critical path."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from ..models import Engagement
from .graph import CriticalPath, Selector, critical_path, neighbourhood, select
from .schedule import min_weeks


@dataclass(frozen=True)
class InitiativeMap:
    """The content of one picture, everything sorted by id."""

    initiatives: tuple[str, ...]
    edges: tuple[tuple[str, str], ...]  # (prerequisite, dependent)
    capabilities: tuple[str, ...]
    raises: tuple[tuple[str, str], ...]  # (initiative, capability)
    critical: CriticalPath
    plan: tuple[str, ...] = ()  # this lap's plan: the critical path runs through it
    weeks: bool = False  # the critical path's weight is in weeks (else person-days)


def prerequisites(eng: Engagement) -> dict[str, list[str]]:
    """Initiative id -> the ids it depends on, sorted."""
    return {i.id: sorted(i.depends_on) for i in eng.initiatives}


def initiative_map(
    eng: Engagement,
    *,
    selector: Selector | None = None,
    area: str | None = None,
    include_dropped: bool = False,
    capabilities: bool = False,
    plan: Collection[str] | None = None,
) -> InitiativeMap:
    """Pick initiatives by status, selector and area; ids must exist (the command checks them)."""
    edges = prerequisites(eng)
    shown = {i.id for i in eng.initiatives if include_dropped or i.status != "dropped"}
    if selector is not None:
        shown &= select(edges, selector)
    if area is not None:
        core = {i.id for i in eng.initiatives if i.area == area}
        shown &= neighbourhood(edges, core & shown)
    ids = tuple(sorted(shown))
    pairs = tuple(sorted((dep, node) for node in ids for dep in edges[node] if dep in shown))
    caps, raises = _capabilities(eng, ids, whole=selector is None and area is None, area=area)
    return InitiativeMap(
        initiatives=ids,
        edges=pairs,
        capabilities=caps if capabilities else (),
        raises=raises if capabilities else (),
        critical=_critical(eng, ids, edges, plan),
        plan=tuple(sorted(set(plan or ()))),
        weeks=plan is not None and eng.meta.capacity.per_week is not None,
    )


def plan_map(eng: Engagement, plan: Collection[str]) -> InitiativeMap:
    """The lap's plan and everything its members need (transitively, dropped work left out)."""
    edges = prerequisites(eng)
    shown = {i.id for i in eng.initiatives if i.status != "dropped"}
    picked: set[str] = set()
    for member in plan:
        picked |= select(edges, Selector(member, prerequisites=True))
    ids = tuple(sorted(picked & shown))
    pairs = tuple(sorted((dep, node) for node in ids for dep in edges[node] if dep in ids))
    return InitiativeMap(
        initiatives=ids,
        edges=pairs,
        capabilities=(),
        raises=(),
        critical=_critical(eng, ids, edges, plan),
        plan=tuple(sorted(set(plan))),
        weeks=eng.meta.capacity.per_week is not None,
    )


def _capabilities(
    eng: Engagement, ids: tuple[str, ...], *, whole: bool, area: str | None
) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """Every capability on an unfiltered map; otherwise those the shown initiatives raise."""
    raises = sorted({(i, r.capability) for i in ids for r in eng.initiative_by_id[i].raises})
    caps = {c for _, c in raises}
    caps |= {c.id for c in eng.capabilities if whole or c.area == area}
    return tuple(sorted(caps)), tuple(raises)


def _critical(
    eng: Engagement,
    ids: tuple[str, ...],
    edges: dict[str, list[str]],
    plan: Collection[str] | None,
) -> CriticalPath:
    """Done and dropped work delays nothing, so only the rest weighs in; with a plan, only its
    members, by their weeks when the engagement gives a weekly capacity (else person-days)."""
    by_id = eng.initiative_by_id
    open_ids = [i for i in ids if by_id[i].status not in ("done", "dropped")]
    if plan is None:
        return critical_path(edges, {i: by_id[i].effort for i in open_ids})
    per_week = eng.meta.capacity.per_week
    weight = {
        i: float(min_weeks(by_id[i], per_week)) if per_week else by_id[i].effort
        for i in open_ids
        if i in plan
    }
    return critical_path(edges, weight)
