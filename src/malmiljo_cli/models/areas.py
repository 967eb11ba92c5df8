"""areas.yaml and capabilities.yaml: what the unit should be able to do, today and tomorrow."""

from __future__ import annotations

from pydantic import Field

from .base import StrictModel
from .types import Colour, Id, Importance, Level, Text


class Area(StrictModel):
    """A focus area: the unit's mission, organisation, working methods, technical environment."""

    id: Id
    name: Text
    colour: Colour
    description: str = ""


class Capability(StrictModel):
    """A capability with today's and the target level on the engagement's scale."""

    id: Id
    area: Id
    name: Text
    description: str = ""
    current: Level
    target: Level
    importance: Importance = 1
    evidence: list[Id] = Field(default_factory=list)

    @property
    def gap(self) -> int:
        """How many levels separate today from the target (never negative)."""
        return max(0, self.target - self.current)


class AreasFile(StrictModel):
    areas: list[Area]


class CapabilitiesFile(StrictModel):
    capabilities: list[Capability]
