"""The review of the last lap's plan in words: every phrase from the `review` block of the
engagement's catalogue, the rows every output (terminal, report, deck, workbook) lays out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..analysis.review import Lift, PlannedWork, Review
from .context import ReviewSection, ReviewTable
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


LIFT_HEADS = ("before", "now", "target", "planned", "realised")


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


def review_section(rv: Review, lang: str) -> ReviewSection:
    """The review as the report, the deck and the workbook show it."""
    say = review_words(lang)
    counts, closure = summary(rv, say)
    weeks = any(w.planned_finish_week is not None for w in rv.plan)
    head = (say("initiative"), say("outcome"), say("reason"), *((say("finish"),) if weeks else ()))
    outcomes = ReviewTable(
        title=say("title", n=rv.lap_before),
        intro="",
        head=head,
        rows=tuple(row[1 : len(head) + 1] for row in plan_rows(rv, say)),
        empty=say("no_members", n=rv.lap_before),
    )
    lift = ReviewTable(
        title=say("lift"),
        intro=say("lift_intro"),
        head=(say("capability"), *(say(k) for k in LIFT_HEADS)),
        rows=tuple(lift_rows(rv, say)),
        empty=say("no_lift"),
    )
    staff = ReviewTable(
        title=say("staff"),
        intro=say("staff_intro"),
        head=(
            say("capability"),
            say("staff_before", n=rv.lap_before),
            say("staff_now"),
            say("consultant"),
        ),
        rows=tuple(staff_rows(rv, say)),
        empty="",
    )
    return ReviewSection(
        title=say("title", n=rv.lap_before),
        compared=say("compared", n=rv.lap_before, rev=rv.since),
        outcomes=outcomes,
        counts=counts,
        lift=lift,
        staff=staff if rv.staff else None,
        closure=closure,
    )
