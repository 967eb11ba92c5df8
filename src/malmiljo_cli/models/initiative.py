"""initiatives/*.yaml: one initiative a file."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .base import StrictModel
from .types import Fraction, Id, Level, PersonDays, Rating, Text

Status = Literal["proposed", "selected", "in_progress", "done", "dropped"]
STATUSES: tuple[Status, ...] = ("proposed", "selected", "in_progress", "done", "dropped")


class Raise(StrictModel):
    """An initiative lifts a capability to a level."""

    capability: Id
    to: Level


class Initiative(StrictModel):
    """A piece of work that closes part of the gap."""

    id: Id
    title: Text
    area: Id
    related_areas: list[Id] = Field(default_factory=list)
    description: str = ""
    raises: list[Raise] = Field(default_factory=list)
    depends_on: list[Id] = Field(default_factory=list)
    effect: Rating
    urgency: Rating = 3
    risk_reduction: Rating = 1
    effort: PersonDays
    cost: float | None = Field(default=None, ge=0)
    reach: float | None = Field(default=None, ge=0)
    confidence: Fraction | None = None
    status: Status = "proposed"
    dropped_reason: str | None = None
    owner: str | None = None
    first_step: str | None = None
    visible_outcome: str | None = None
    motivation: str | None = None
    steps: list[Text] = Field(default_factory=list)
    added_in_lap: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _dropped_needs_reason(self) -> Initiative:
        if self.status == "dropped" and not (self.dropped_reason or "").strip():
            raise ValueError("a dropped initiative needs a dropped_reason")
        return self
