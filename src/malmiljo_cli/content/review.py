"""The review of the last lap's plan in words: every phrase from the `review` block of the
engagement's catalogue, the rows every output (terminal, report, deck, workbook) lays out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..analysis.review import Lift, PlannedWork, Review
from .i18n import LANGUAGES, catalogue, number, percent


@dataclass(frozen=True)
class ReviewWords:
    """The review's words in one language."""

    lang: str
    cat: dict[str, Any]

    def __call__(self, key: str, **values: object) -> str:
        return str(self.cat[key]).format(**values)

    def outcome(self, work: PlannedWork) -> str:
        if work.removed:
            return str(self.cat["removed"])
        return str(self.cat["outcomes"][work.outcome])

    def week(self, week: int | None) -> str:
        return "" if week is None else self("week_n", n=week)

    def realised(self, lift: Lift) -> str:
        return self("yes") if lift.realised else self("no")


def review_words(lang: str) -> ReviewWords:
    return ReviewWords(lang, catalogue(lang if lang in LANGUAGES else "en")["review"])


def plan_rows(rv: Review, say: ReviewWords) -> list[tuple[str, ...]]:
    """(id, title, outcome, reason, planned finish) per member of the earlier plan."""
    return [
        (w.id, w.title, say.outcome(w), w.dropped_reason or "", say.week(w.planned_finish_week))
        for w in rv.plan
    ]


def lift_rows(rv: Review, say: ReviewWords) -> list[tuple[str, ...]]:
    """(capability, before, now, target, planned, reached) per capability the plan raised."""
    return [
        (c.name, str(c.before), str(c.now), str(c.target), str(c.planned), say.realised(c))
        for c in rv.capabilities
    ]


def staff_rows(rv: Review, say: ReviewWords) -> list[tuple[str, ...]]:
    """(capability, staff before, staff now, assessed now) where staff rated in both laps."""
    return [
        (
            s.name,
            number(s.staff_before, 1, lang=say.lang),
            number(s.staff_now, 1, lang=say.lang),
            str(s.assessed),
        )
        for s in rv.staff
    ]


def summary(rv: Review, say: ReviewWords) -> tuple[str, str]:
    """The outcome counts and the closure sentence."""
    counts = say(
        "counts",
        done=rv.count("done"),
        in_progress=rv.count("in_progress"),
        not_started=rv.count("not_started"),
        dropped=rv.count("dropped"),
    )
    closure = say(
        "closure",
        planned=percent(rv.planned_closure, lang=say.lang),
        total=number(rv.weighted_gap, lang=say.lang),
        realised=percent(rv.realised_closure, lang=say.lang),
    )
    return counts, closure
