"""scenarios/*.yaml: a named what-if the steering group can set beside the lap's plan."""

from __future__ import annotations

from pydantic import Field

from .base import StrictModel
from .engagement import Capacity
from .types import Id, Text


class ScenarioFile(StrictModel):
    """One scenario a file; its id is the file's name (`scenarios/tva-team-pausas.yaml`)."""

    name: Text
    """The scenario's name as reports show it."""
    description: str = ""
    """What the scenario tries, in a sentence or two."""
    capacity: Capacity = Field(default_factory=Capacity)
    """Capacity keys as in engagement.yaml (`budget`, `max_initiatives`, `per_week`, `weeks`,
    `start`, `day_rate`, `cost_budget`); each one given overrides the engagement's."""
    must: list[Id] = Field(default_factory=list)
    """Initiatives the plan must hold (as `prioritise --must`)."""
    exclude: list[Id] = Field(default_factory=list)
    """Initiatives the plan must leave out (as `prioritise --exclude`)."""
    defer: list[Id] = Field(default_factory=list)
    """Decided initiatives (status `selected`) set back to `proposed`."""
    stop: list[Id] = Field(default_factory=list)
    """Running initiatives (status `in_progress`) stopped: counted as `dropped`."""


class Scenario(ScenarioFile):
    """A scenario with its id (the file's name)."""

    id: Id
    """The file's name without `.yaml`."""
