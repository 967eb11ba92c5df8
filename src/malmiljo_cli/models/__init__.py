"""The validated engagement: every file kind as a Pydantic model, and the folder as a whole."""

from __future__ import annotations

from functools import cached_property

from pydantic import BaseModel, ConfigDict

from .areas import Area, AreasFile, CapabilitiesFile, Capability
from .assessment import Assessment, StaffRatings
from .engagement import Capacity, Checks, EngagementMeta, Scale, Scoring
from .evidence import Finding, Interview, Workshop
from .initiative import STATUSES, Initiative, Raise, Status
from .risk import Risk, RisksFile
from .scenario import Scenario, ScenarioFile

__all__ = [
    "STATUSES",
    "Area",
    "AreasFile",
    "Assessment",
    "CapabilitiesFile",
    "Capability",
    "Capacity",
    "Checks",
    "Engagement",
    "EngagementMeta",
    "Finding",
    "Initiative",
    "Interview",
    "Raise",
    "Risk",
    "RisksFile",
    "Scale",
    "Scenario",
    "ScenarioFile",
    "Scoring",
    "StaffRatings",
    "Status",
    "Workshop",
]


class Engagement(BaseModel):
    """The whole engagement folder, validated and cross-checked; sorted by id for determinism."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    meta: EngagementMeta
    areas: tuple[Area, ...]
    capabilities: tuple[Capability, ...]
    initiatives: tuple[Initiative, ...]
    interviews: tuple[Interview, ...] = ()
    workshops: tuple[Workshop, ...] = ()
    assessments: tuple[Assessment, ...] = ()
    scenarios: tuple[Scenario, ...] = ()
    risks: tuple[Risk, ...] = ()

    @cached_property
    def area_by_id(self) -> dict[str, Area]:
        return {a.id: a for a in self.areas}

    @cached_property
    def capability_by_id(self) -> dict[str, Capability]:
        return {c.id: c for c in self.capabilities}

    @cached_property
    def initiative_by_id(self) -> dict[str, Initiative]:
        return {i.id: i for i in self.initiatives}
