"""areas.yaml and capabilities.yaml: what the unit should be able to do, today and tomorrow."""

from __future__ import annotations

from pydantic import Field

from .base import StrictModel
from .types import Colour, Id, Importance, Level, LevelKey, Text


class Area(StrictModel):
    """A focus area: the unit's mission, organisation, working methods, technical environment."""

    id: Id
    """Unique id, e.g. `organisation`."""
    name: Text
    """Name shown in reports, e.g. "Organisation"."""
    colour: Colour
    """Colour on the map and in charts, `#rrggbb`."""
    description: str = ""
    """What the area covers."""


class Capability(StrictModel):
    """A capability with today's and the target level on the engagement's scale."""

    id: Id
    """Unique id, e.g. `arendefordelning`."""
    area: Id
    """The focus area it belongs to (an id from areas.yaml)."""
    name: Text
    """The capability in words: what the unit can do, not a product."""
    description: str = ""
    """Longer explanation."""
    current: Level
    """Today's level on the scale."""
    target: Level
    """The target level on the scale; not below `current`."""
    importance: Importance = 1
    """Weight of its gap, 1 (normal) to 3 (critical)."""
    evidence: list[Id] = Field(default_factory=list)
    """Interviews that back the assessment (ids from interviews/)."""
    indicators: dict[LevelKey, Text] = Field(default_factory=dict)
    """What one would observe at a level, so people can tell when it is reached, e.g.
    `3: every ticket has an owner within one working day`; levels on the scale."""

    @property
    def gap(self) -> int:
        """How many levels separate today from the target (never negative)."""
        return max(0, self.target - self.current)


class AreasFile(StrictModel):
    """areas.yaml."""

    areas: list[Area]
    """The focus areas, in the order reports show them."""


class CapabilitiesFile(StrictModel):
    """capabilities.yaml."""

    capabilities: list[Capability]
    """The capabilities, in the order reports show them."""
