"""engagement.yaml: the engagement itself, its scale, scoring and capacity."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from .base import StrictModel
from .types import Fraction, Text

Language = Literal["sv", "en"]
ScoringMethod = Literal["weighted", "wsjf", "rice", "ice"]
Criterion = Literal["effect", "urgency", "risk_reduction", "votes", "effort", "gap_closed"]

DEFAULT_WEIGHTS: dict[Criterion, float] = {
    "effect": 0.4,
    "urgency": 0.2,
    "risk_reduction": 0.1,
    "votes": 0.2,
    "effort": -0.1,
}


class Scale(StrictModel):
    """The maturity scale capability levels are measured on."""

    min: int = 0
    max: int = 5
    labels: dict[int, Text] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _ordered(self) -> Scale:
        if self.min >= self.max:
            raise ValueError(f"the scale's min ({self.min}) must be below its max ({self.max})")
        outside = sorted(k for k in self.labels if not self.min <= k <= self.max)
        if outside:
            raise ValueError(f"labels for levels outside the scale: {outside}")
        return self

    def label(self, level: int) -> str:
        """The label for a level, or the number itself when it has none."""
        return self.labels.get(level, str(level))


class Scoring(StrictModel):
    """How initiatives are ranked; every field has a working default."""

    method: ScoringMethod = "weighted"
    weights: dict[Criterion, float] = Field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    dots_per_person: int | None = Field(default=None, ge=1)
    max_dots_per_item: int | None = Field(default=None, ge=1)
    default_confidence: Fraction | None = None


class Capacity(StrictModel):
    """What the unit can take on in one lap."""

    budget: float | None = Field(default=None, gt=0)
    max_initiatives: int | None = Field(default=None, ge=1)


class EngagementMeta(StrictModel):
    """The engagement: who, for whom, which lap, and the vision in words."""

    schema_version: Literal[1]
    name: Text
    client: Text
    consultants: list[Text] = Field(default_factory=list)
    language: Language = "sv"
    lap: int = Field(default=1, ge=1)
    date: dt.date | None = Field(default=None, strict=False)
    vision: str = ""
    scale: Scale = Field(default_factory=Scale)
    scoring: Scoring = Field(default_factory=Scoring)
    capacity: Capacity = Field(default_factory=Capacity)
    logo: str | None = None
