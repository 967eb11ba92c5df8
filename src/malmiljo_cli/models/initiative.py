"""initiatives/*.yaml: one initiative a file."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field, model_validator

from .base import StrictModel
from .types import Fraction, Id, Level, PersonDays, Rating, Text

Status = Literal["proposed", "selected", "in_progress", "done", "dropped"]
STATUSES: tuple[Status, ...] = ("proposed", "selected", "in_progress", "done", "dropped")


class Raise(StrictModel):
    """An initiative lifts a capability to a level."""

    capability: Id
    """The capability it raises (an id from capabilities.yaml)."""
    to: Level
    """The level the capability reaches when the initiative is done."""


class Initiative(StrictModel):
    """A piece of work that closes part of the gap."""

    model_config = ConfigDict(
        json_schema_extra={  # what _dropped_needs_reason checks, for editors
            "if": {"properties": {"status": {"const": "dropped"}}, "required": ["status"]},
            "then": {
                "properties": {"dropped_reason": {"type": "string", "pattern": r"\S"}},
                "required": ["dropped_reason"],
            },
        }
    )

    id: Id
    """Unique id: a letter, then letters, digits, `-` or `_`."""
    title: Text
    """Short name shown on the map, the board and in reports."""
    area: Id
    """Primary focus area (an id from areas.yaml); decides its colour."""
    related_areas: list[Id] = Field(default_factory=list)
    """Other focus areas it touches; shown as markers on the map."""
    description: str = ""
    """What the initiative is, in a few sentences."""
    raises: list[Raise] = Field(default_factory=list)
    """Which capabilities it lifts, and to which level."""
    depends_on: list[Id] = Field(default_factory=list)
    """Initiatives that must be done (or chosen) before this one."""
    effect: Rating
    """Expected effect, 1 (little) to 5 (large)."""
    urgency: Rating = 3
    """How much waiting costs, 1 to 5."""
    risk_reduction: Rating = 1
    """How much risk it removes, 1 to 5."""
    effort: PersonDays
    """Work in person-days; more than 0."""
    duration_weeks: int | None = Field(default=None, ge=1, le=520)
    """The fewest calendar weeks it takes, whatever the effort (e.g. 16 for a recruitment);
    default: the fewest whole weeks its effort fits in at `capacity.per_week`."""
    cost: float | None = Field(default=None, ge=0)
    """Money outside the effort (licences, recruitment), 0 or more."""
    reach: float | None = Field(default=None, ge=0)
    """People or cases it reaches per period (for RICE)."""
    confidence: Fraction | None = None
    """How sure the estimates are, 0 to 1 (for RICE and ICE)."""
    status: Status = "proposed"
    """proposed, selected, in_progress, done or dropped."""
    dropped_reason: str | None = None
    """Why it was dropped; required when status is dropped."""
    owner: str | None = None
    """Who drives it (a role or a name)."""
    first_step: str | None = None
    """The concrete thing that happens now (the method: immediate)."""
    visible_outcome: str | None = None
    """What people will see when it works (the method: visible)."""
    motivation: str | None = None
    """Why it matters to the people involved (the method: emotional)."""
    steps: list[Text] = Field(default_factory=list)
    """Small steps that each feel doable (the method: just demanding enough)."""
    added_in_lap: int | None = Field(default=None, ge=1)
    """The lap in which it was first proposed."""

    @model_validator(mode="after")
    def _dropped_needs_reason(self) -> Initiative:
        if self.status == "dropped" and not (self.dropped_reason or "").strip():
            raise ValueError("a dropped initiative needs a dropped_reason")
        return self
