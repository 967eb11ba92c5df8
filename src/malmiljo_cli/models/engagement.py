"""engagement.yaml: the engagement itself, its scale, scoring and capacity."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .base import StrictModel
from .types import Date, Fraction, LevelKey, Text

Language = Literal["sv", "en"]
OfficeFormat = Literal["docx", "pptx"]
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
    """Lowest level."""
    max: int = 5
    """Highest level."""
    labels: dict[LevelKey, Text] = Field(default_factory=dict)
    """A name per level, e.g. `3: Definierad`; levels without one show as numbers."""

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
    """weighted, wsjf, rice or ice."""
    weights: dict[Criterion, float] = Field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    """Weight per criterion for `weighted`; a negative weight makes a criterion a cost."""
    dots_per_person: int | None = Field(default=None, ge=1)
    """Dots each participant may place in a dot vote."""
    max_dots_per_item: int | None = Field(default=None, ge=1)
    """Most dots one person may stack on one initiative."""
    default_confidence: Fraction | None = None
    """Confidence used where an initiative gives none."""


class Capacity(StrictModel):
    """What the unit can take on in one lap."""

    budget: float | None = Field(default=None, gt=0, le=10_000_000)
    """Person-days the lap's plan may take in total (default: `per_week` x `weeks` when both are
    given)."""
    max_initiatives: int | None = Field(default=None, ge=1)
    """The most initiatives the lap's plan may hold ("we cannot do everything at once")."""
    start: Date | None = None
    """The date the lap's work starts: week 1 of the calendar roadmap begins here."""
    weeks: int | None = Field(default=None, ge=1, le=520)
    """How many weeks the lap lasts."""
    per_week: float | None = Field(default=None, gt=0, le=100_000)
    """Person-days per week the unit can give to initiatives; no week of the roadmap uses more."""
    day_rate: float | None = Field(default=None, ge=0, le=100_000_000)
    """Money per person-day, in the engagement's currency: a plan costs its initiatives' `cost`
    plus `day_rate` x their effort."""
    cost_budget: float | None = Field(default=None, gt=0, le=1e15)
    """Money the lap's plan may spend in total (`cost` plus `day_rate` x effort); the optimiser
    keeps it beside the budget in person-days."""

    @property
    def lap_budget(self) -> float | None:
        """`budget`, else `per_week` x `weeks`, else None (no capacity: no optimised plan)."""
        if self.budget is not None:
            return self.budget
        if self.per_week is not None and self.weeks is not None:
            return self.per_week * self.weeks
        return None


class Checks(StrictModel):
    """Settings for the warnings `malmiljo validate` gives."""

    products: list[Text] = Field(default_factory=list)
    """Product or vendor names capabilities should not mention (W405), beyond the built-in ones."""


class EngagementMeta(StrictModel):
    """engagement.yaml: who, for whom, which lap, and the vision in words."""

    schema_version: Literal[1]
    """Version of this file format; 1."""
    name: Text
    """The engagement's name."""
    client: Text
    """The client organisation."""
    consultants: list[Text] = Field(default_factory=list)
    """Who runs the engagement."""
    language: Language = "sv"
    """Language of reports: sv or en."""
    lap: int = Field(default=1, ge=1)
    """Which round of the method this is; 1 the first time."""
    date: Date | None = None
    """The date reports carry (never the clock, so builds are reproducible)."""
    vision: str = ""
    """The target picture in words."""
    scale: Scale = Field(default_factory=Scale)
    """The maturity scale capability levels use."""
    scoring: Scoring = Field(default_factory=Scoring)
    """How initiatives are ranked."""
    capacity: Capacity = Field(default_factory=Capacity)
    """What the unit can take on in one lap."""
    logo: str | None = None
    """The client's logo for the title page: an image file inside the engagement folder."""
    currency: Text | None = None
    """The currency of initiatives' `cost`, e.g. SEK or EUR; reports default to SEK in Swedish."""
    office: list[OfficeFormat] = Field(default_factory=list)
    """Office files `malmiljo build` also writes: docx (report.docx), pptx (deck.pptx)."""
    checks: Checks = Field(default_factory=Checks)
    """Settings for validate's warnings."""
