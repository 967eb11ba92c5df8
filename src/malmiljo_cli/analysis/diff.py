"""What changed between two states of an engagement: initiatives, levels and the gap totals."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..models import Engagement, Initiative
from .gaps import GapAnalysis, GapSums, analyse_gaps
from .plan import lap_members


@dataclass(frozen=True)
class InitiativeRef:
    id: str
    title: str
    status: str


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: Any  # JSON-compatible values, as the field is written
    after: Any


@dataclass(frozen=True)
class InitiativeChange:
    id: str
    title: str
    status: tuple[str, str] | None  # (before, after) when the status moved
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True)
class LevelMove:
    id: str
    name: str
    current: tuple[int, int]
    target: tuple[int, int]


@dataclass(frozen=True)
class EngagementDiff:
    before: str
    after: str
    laps: tuple[int, int]
    added: tuple[InitiativeRef, ...]
    removed: tuple[InitiativeRef, ...]
    changed: tuple[InitiativeChange, ...]
    capabilities_added: tuple[str, ...]
    capabilities_removed: tuple[str, ...]
    levels: tuple[LevelMove, ...]
    gaps: tuple[GapSums, GapSums]  # each side's lap closure by that side's own plan


def ref(ini: Initiative) -> InitiativeRef:
    """The short form of an initiative used in lists."""
    return InitiativeRef(ini.id, ini.title, ini.status)


def diff_engagements(
    old: Engagement, new: Engagement, *, before: str, after: str
) -> EngagementDiff:
    """Initiatives added, removed and changed field by field; capability levels that moved."""
    old_ids, new_ids = old.initiative_by_id, new.initiative_by_id
    changed = (_changed(old_ids[i], new_ids[i]) for i in sorted(old_ids.keys() & new_ids.keys()))
    old_caps, new_caps = old.capability_by_id, new.capability_by_id
    return EngagementDiff(
        before=before,
        after=after,
        laps=(old.meta.lap, new.meta.lap),
        added=tuple(ref(new_ids[i]) for i in sorted(new_ids.keys() - old_ids.keys())),
        removed=tuple(ref(old_ids[i]) for i in sorted(old_ids.keys() - new_ids.keys())),
        changed=tuple(c for c in changed if c.fields),
        capabilities_added=tuple(sorted(new_caps.keys() - old_caps.keys())),
        capabilities_removed=tuple(sorted(old_caps.keys() - new_caps.keys())),
        levels=tuple(
            move
            for c in sorted(old_caps.keys() & new_caps.keys())
            if (move := _level_move(old_caps[c], new_caps[c])) is not None
        ),
        gaps=(lap_gaps(old).total, lap_gaps(new).total),
    )


def lap_gaps(eng: Engagement) -> GapAnalysis:
    """The gap as `gap` shows it: "after this lap" by the engagement's own plan at that state."""
    return analyse_gaps(eng, lap_members(eng))


def _changed(old: Initiative, new: Initiative) -> InitiativeChange:
    before, after = old.model_dump(mode="json"), new.model_dump(mode="json")
    fields = tuple(
        FieldChange(name, before[name], after[name])
        for name in Initiative.model_fields
        if before[name] != after[name]
    )
    status = (old.status, new.status) if old.status != new.status else None
    return InitiativeChange(new.id, new.title, status, fields)


def _level_move(old: Any, new: Any) -> LevelMove | None:
    if (old.current, old.target) == (new.current, new.target):
        return None
    return LevelMove(new.id, new.name, (old.current, new.current), (old.target, new.target))
