"""The review of the last lap's plan as terminal text, Markdown or JSON (English keys, raw
values, so tools need not know the language)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ...analysis.review import PlannedWork, Review
from ...content.review import ReviewWords, lift_rows, plan_rows, review_words, staff_rows, summary
from ...content.words import words
from .tables import Column, as_markdown, as_text, md_escape


def _plan_columns(say: ReviewWords) -> list[Column]:
    return [
        Column(words(say.lang)("id"), shrink=True, min_width=6),
        Column(say("initiative"), shrink=True, min_width=12),
        Column(say("outcome")),
        Column(say("reason"), shrink=True, wrap=True, min_width=12),
        Column(say("finish"), "right"),
    ]


def _lift_columns(say: ReviewWords) -> list[Column]:
    return [
        Column(say("capability"), shrink=True, min_width=12),
        *(Column(say(k), "right") for k in ("before", "now", "target", "planned", "realised")),
    ]


def _staff_columns(say: ReviewWords, rv: Review) -> list[Column]:
    return [
        Column(say("capability"), shrink=True, min_width=12),
        Column(say("staff_before", n=rv.lap_before), "right"),
        Column(say("staff_now"), "right"),
        Column(say("consultant"), "right"),
    ]


def as_table(rv: Review, *, lang: str, safe: Callable[[str], str] = str) -> str:
    """Plain text for the terminal, in the engagement's language."""
    say = review_words(lang)
    counts, closure = summary(rv, say)
    out = [
        say("title", n=rv.lap_before),
        say("compared", n=rv.lap_before, rev=safe(rv.since)),
        "",
    ]
    if rv.plan:
        out += [as_text(_plan_columns(say), plan_rows(rv, say)), "", counts]
    else:
        out.append(say("no_members", n=rv.lap_before))
    out += ["", say("lift")]
    if rv.capabilities:
        out += [as_text(_lift_columns(say), lift_rows(rv, say))]
    else:
        out.append(say("no_lift"))
    if rv.staff:
        out += ["", say("staff"), as_text(_staff_columns(say, rv), staff_rows(rv, say))]
    out += ["", closure]
    return "\n".join(out) + "\n"


def as_md(rv: Review, *, lang: str) -> str:
    """Headings and tables for a wiki page or the minutes of the steering group."""
    say = review_words(lang)
    counts, closure = summary(rv, say)
    out = [
        f"## {md_escape(say('title', n=rv.lap_before))}",
        "",
        md_escape(say("compared", n=rv.lap_before, rev=rv.since)),
        "",
    ]
    if rv.plan:
        out += [as_markdown(_plan_columns(say), plan_rows(rv, say)), "", md_escape(counts)]
    else:
        out.append(md_escape(say("no_members", n=rv.lap_before)))
    out += ["", f"### {md_escape(say('lift'))}", ""]
    if rv.capabilities:
        out.append(as_markdown(_lift_columns(say), lift_rows(rv, say)))
    else:
        out.append(md_escape(say("no_lift")))
    if rv.staff:
        out += ["", f"### {md_escape(say('staff'))}", ""]
        out.append(as_markdown(_staff_columns(say, rv), staff_rows(rv, say)))
    out += ["", md_escape(closure)]
    return "\n".join(out) + "\n"


def as_data(rv: Review) -> dict[str, Any]:
    """The review as plain data: English keys, raw values, shares rounded to four decimals."""
    return {
        "since": rv.since,
        "laps": {"before": rv.lap_before, "now": rv.lap_now},
        "plan": [_work(w) for w in rv.plan],
        "capabilities": [
            {
                "id": c.id,
                "before": c.before,
                "now": c.now,
                "target": c.target,
                "planned": c.planned,
                "realised": c.realised,
                "raised_by": list(c.raised_by),
            }
            for c in rv.capabilities
        ],
        "staff": [
            {
                "id": s.id,
                "staff_before": s.staff_before,
                "staff_now": s.staff_now,
                "assessed": s.assessed,
            }
            for s in rv.staff
        ],
        "weighted_gap": rv.weighted_gap,
        "planned_closure": round(rv.planned_closure, 4),
        "realised_closure": round(rv.realised_closure, 4),
    }


def _work(w: PlannedWork) -> dict[str, Any]:
    item: dict[str, Any] = {"id": w.id, "title": w.title, "outcome": w.outcome}
    if w.outcome == "dropped":
        item["dropped_reason"] = w.dropped_reason
    if w.removed:
        item["removed"] = True
    if w.planned_finish_week is not None:
        item["planned_finish_week"] = w.planned_finish_week
    return item


def as_json(rv: Review) -> str:
    return json.dumps(as_data(rv), ensure_ascii=False, indent=2) + "\n"
