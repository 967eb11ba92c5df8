"""The method's four rules for driving change, checked on each selected or in-progress initiative.

Emotional: a motivation that says why it matters to people. Immediate: a concrete first step.
Visible: an outcome people will see. Just demanding enough: a large initiative is broken into steps.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..models import Engagement, Initiative

Rule = Literal["emotional", "immediate", "visible", "demanding"]
RULES: tuple[Rule, ...] = ("emotional", "immediate", "visible", "demanding")
CODE: dict[Rule, str] = {
    "emotional": "W501",
    "immediate": "W502",
    "visible": "W503",
    "demanding": "W504",
}
CHECKED_STATUSES = ("selected", "in_progress")
STEP_THRESHOLD = 20.0  # person-days above which an initiative must be broken into steps
MIN_STEPS = 2
MIN_WORDS = 3  # "TBD" or "viktigt" does not tell anyone why it matters


@dataclass(frozen=True)
class Gap:
    """One rule an initiative does not meet, and the field to fix."""

    initiative: str
    rule: Rule
    field: str
    present: bool  # the field is there but not enough (short text, too few steps)


@dataclass(frozen=True)
class Readiness:
    id: str
    title: str
    status: str
    gaps: tuple[Gap, ...]

    def meets(self, rule: Rule) -> bool:
        return all(g.rule != rule for g in self.gaps)


def readiness(eng: Engagement, *, step_threshold: float = STEP_THRESHOLD) -> list[Readiness]:
    """Every selected or in-progress initiative with the rules it does not meet; sorted by id."""
    return [
        Readiness(i.id, i.title, i.status, tuple(check(i, step_threshold=step_threshold)))
        for i in eng.initiatives
        if i.status in CHECKED_STATUSES
    ]


def check(ini: Initiative, *, step_threshold: float = STEP_THRESHOLD) -> list[Gap]:
    """The four rules on one initiative."""
    gaps: list[Gap | None] = [
        _text(ini, "emotional", "motivation"),
        _text(ini, "immediate", "first_step"),
        _text(ini, "visible", "visible_outcome"),
    ]
    if ini.effort > step_threshold and len(ini.steps) < MIN_STEPS:
        gaps.append(Gap(ini.id, "demanding", "steps", bool(ini.steps)))
    return [g for g in gaps if g is not None]


def _text(ini: Initiative, rule: Rule, field: str) -> Gap | None:
    text = (getattr(ini, field) or "").strip()
    if not text:
        return Gap(ini.id, rule, field, False)
    if len(text.split()) < MIN_WORDS:
        return Gap(ini.id, rule, field, True)
    return None
