"""assessments/*.yaml: staff rate today's and the target level of capabilities, anonymously."""

from __future__ import annotations

from pydantic import Field

from .base import StrictModel
from .types import Date, Id, Level


class StaffRatings(StrictModel):
    """Every rating one capability got, sorted, so no list says who rated what."""

    current: list[Level] = Field(default_factory=list)
    """Each person's rating of today's level."""
    target: list[Level] = Field(default_factory=list)
    """Each person's rating of the level to aim for."""


class Assessment(StrictModel):
    """assessments/<anything>.yaml: a self-assessment by staff (`malmiljo workshop assess`)."""

    id: Id
    """Unique id."""
    date: Date
    """When it took place, YYYY-MM-DD."""
    area: Id | None = None
    """The focus area assessed; none when every area was."""
    participants: int | None = Field(default=None, ge=1)
    """How many took part."""
    ratings: dict[Id, StaffRatings] = Field(default_factory=dict)
    """Ratings per capability id, on the engagement's scale."""
