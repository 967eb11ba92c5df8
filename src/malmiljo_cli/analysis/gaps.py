"""Gap analysis: how far today is from the target, and how much of it the plan closes."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Literal

from ..models import Capability, Engagement, Initiative

Coverage = Literal["covered", "partial", "uncovered", "none"]


@dataclass(frozen=True)
class CapabilityGap:
    id: str
    area: str
    name: str
    current: int
    target: int
    gap: int
    importance: int
    weighted_gap: int
    projected: int
    achieved: int
    lap: int  # once this lap's plan and the work already done are done
    coverage: Coverage
    raised_by: tuple[str, ...]


@dataclass(frozen=True)
class GapSums:
    """Sums and averages over a set of capabilities (an area, or the whole engagement)."""

    gap: int
    weighted_gap: int
    projected_gap: int
    achieved_gap: int
    closure: float
    current_avg: float
    target_avg: float
    projected_avg: float
    lap_gap: int
    lap_closure: float
    lap_avg: float


@dataclass(frozen=True)
class AreaGap:
    id: str
    name: str
    sums: GapSums


@dataclass(frozen=True)
class GapAnalysis:
    capabilities: tuple[CapabilityGap, ...]
    areas: tuple[AreaGap, ...]
    total: GapSums

    def by_id(self, capability_id: str) -> CapabilityGap:
        return next(c for c in self.capabilities if c.id == capability_id)


def analyse_gaps(eng: Engagement, lap: Collection[str] = ()) -> GapAnalysis:
    """Per capability, per area (in the file's order) and in total; `lap` is this lap's plan
    (its members), "after the lap" counts them and the work already done."""
    live = [i for i in eng.initiatives if i.status != "dropped"]
    planned = _raises_by_capability(live)
    done = [i for i in live if i.status == "done"]
    achieved = _raises_by_capability(done)
    after_lap = _raises_by_capability(
        done + [i for i in live if i.id in lap and i.status != "done"]
    )
    caps = tuple(
        _capability_gap(c, planned.get(c.id, []), achieved.get(c.id, []), after_lap.get(c.id, []))
        for c in eng.capabilities
    )
    areas = tuple(
        AreaGap(a.id, a.name, summarise([c for c in caps if c.area == a.id])) for a in eng.areas
    )
    return GapAnalysis(capabilities=caps, areas=areas, total=summarise(list(caps)))


def level_after(capability: Capability, initiatives: list[Initiative]) -> int:
    """The capability's level once these initiatives are done: the highest level any reaches."""
    reached = [r.to for i in initiatives for r in i.raises if r.capability == capability.id]
    return max([capability.current, *reached])


def _raises_by_capability(initiatives: list[Initiative]) -> dict[str, list[tuple[str, int]]]:
    """capability id -> (initiative id, level) for every raise, built once (linear, not per capability)."""
    found: dict[str, list[tuple[str, int]]] = {}
    for ini in initiatives:
        for r in ini.raises:
            found.setdefault(r.capability, []).append((ini.id, r.to))
    return found


def _capability_gap(
    cap: Capability,
    planned: list[tuple[str, int]],
    achieved: list[tuple[str, int]],
    after_lap: list[tuple[str, int]],
) -> CapabilityGap:
    projected = max([cap.current, *(to for _, to in planned)])
    return CapabilityGap(
        id=cap.id,
        area=cap.area,
        name=cap.name,
        current=cap.current,
        target=cap.target,
        gap=cap.gap,
        importance=cap.importance,
        weighted_gap=cap.importance * cap.gap,
        projected=projected,
        achieved=max([cap.current, *(to for _, to in achieved)]),
        lap=max([cap.current, *(to for _, to in after_lap)]),
        coverage=_coverage(cap, projected),
        raised_by=tuple(sorted({ident for ident, _ in planned})),
    )


def _coverage(cap: Capability, projected: int) -> Coverage:
    if cap.gap == 0:
        return "none"
    if projected >= cap.target:
        return "covered"
    if projected > cap.current:
        return "partial"
    return "uncovered"


def remaining(cap: CapabilityGap, level: int) -> int:
    """Weighted gap left when the capability stands at `level`."""
    return cap.importance * max(0, cap.target - level)


def summarise(caps: list[CapabilityGap]) -> GapSums:
    """Sums, closure (1.0 when there is no gap) and average levels."""
    weighted = sum(c.weighted_gap for c in caps)
    projected_gap = sum(remaining(c, c.projected) for c in caps)
    lap_gap = sum(remaining(c, c.lap) for c in caps)
    count = len(caps) or 1
    return GapSums(
        gap=sum(c.gap for c in caps),
        weighted_gap=weighted,
        projected_gap=projected_gap,
        achieved_gap=sum(remaining(c, c.achieved) for c in caps),
        closure=_closure(weighted, projected_gap),
        current_avg=sum(c.current for c in caps) / count,
        target_avg=sum(c.target for c in caps) / count,
        projected_avg=sum(c.projected for c in caps) / count,
        lap_gap=lap_gap,
        lap_closure=_closure(weighted, lap_gap),
        lap_avg=sum(c.lap for c in caps) / count,
    )


def _closure(weighted: int, left: int) -> float:
    return 1.0 if weighted == 0 else (weighted - left) / weighted


def gap_closed(eng: Engagement, initiative: Initiative) -> int:
    """The weighted gap this initiative closes on its own, counting no level above the target."""
    total = 0
    for r in initiative.raises:
        cap = eng.capability_by_id.get(r.capability)
        if cap is not None:
            total += cap.importance * max(0, min(r.to, cap.target) - cap.current)
    return total
