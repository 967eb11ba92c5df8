"""Traceability: which initiative raises which capability to which level."""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Engagement


@dataclass(frozen=True)
class Trace:
    capabilities: tuple[str, ...]
    """Capability ids, in the file's order."""
    initiatives: tuple[str, ...]
    """Ids of initiatives (not dropped) that raise something, sorted."""
    cells: dict[tuple[str, str], int]
    """(capability, initiative) -> the level the initiative raises the capability to."""
    unaddressed: tuple[str, ...]
    """Capabilities with a gap that no initiative raises."""
    idle: tuple[str, ...]
    """Initiatives (not dropped) that raise no capability."""


def trace(eng: Engagement) -> Trace:
    """The capabilities x initiatives matrix and what falls outside it."""
    live = [i for i in eng.initiatives if i.status != "dropped"]
    cells = {(r.capability, i.id): r.to for i in live for r in i.raises}
    raised = {cap for cap, _ in cells}
    return Trace(
        capabilities=tuple(c.id for c in eng.capabilities),
        initiatives=tuple(sorted({ini for _, ini in cells})),
        cells=cells,
        unaddressed=tuple(c.id for c in eng.capabilities if c.gap > 0 and c.id not in raised),
        idle=tuple(i.id for i in live if not i.raises),
    )
