"""A new lap's carry-over, and the lap history as a table with a small chart, or JSON."""

from __future__ import annotations

import json
from collections.abc import Callable

from ..analysis.laps import CarryOver, DropReason, LapPoint

REASONS: dict[DropReason, str] = {
    "low_score": "still proposed after a whole lap, score in the bottom third",
    "at_target": "raises only capabilities already at their target",
}
BAR = 40
SHORT_STATUS = {
    "proposed": "prop",
    "selected": "sel",
    "in_progress": "prog",
    "done": "done",
    "dropped": "drop",
}


def carry_over_text(carry: CarryOver, *, safe: Callable[[str], str] = str) -> str:
    """Done, remaining and drop candidates, one initiative a line."""
    out = [f"lap {carry.lap - 1} -> {carry.lap}", "", f"done ({len(carry.done)})"]
    out += [f"  {safe(r.id)}  {safe(r.title)}" for r in carry.done]
    out += ["", f"remaining ({len(carry.remaining)})"]
    out += [f"  {safe(r.id)}  {safe(r.title)}  [{r.status}]" for r in carry.remaining]
    out += ["", f"candidates to drop ({len(carry.drop_candidates)})"]
    for c in carry.drop_candidates:
        out.append(f"  {safe(c.id)}  {safe(c.title)}  [{c.status}, score {c.score:.2f}]")
        out += [f"      {REASONS[r]}" for r in c.reasons]
    return "\n".join(out) + "\n"


def history_table(points: list[LapPoint], *, safe: Callable[[str], str] = str) -> str:
    """Per lap: weighted gap, closure and counts by status; then a bar chart of the gap."""
    counts = "".join(f"{SHORT_STATUS[s]:>6}" for s, _ in points[0].counts) if points else ""
    out = [f"{'lap':>3}  {'revision':<14}{'gap':>6}{'left':>6}{'closure':>9}{counts}"]
    for p in points:
        numbers = "".join(f"{n:>6}" for _, n in p.counts)
        out.append(
            f"{p.lap:>3}  {safe(p.revision)[:13]:<14}{p.weighted_gap:>6}{p.achieved_gap:>6}"
            f"{p.closure * 100:>8.1f}%{numbers}"
        )
    out += [
        "",
        "gap: weighted gap (importance x levels); left: what remains once done work counts;",
        "closure: share of the gap the plan closes. Weighted gap per lap:",
        "",
    ]
    top = max((p.weighted_gap for p in points), default=0) or 1
    out += [
        f"{p.lap:>3}  {'█' * round(BAR * p.weighted_gap / top):<{BAR}} {p.weighted_gap}"
        for p in points
    ]
    return "\n".join(out) + "\n"


def history_json(points: list[LapPoint]) -> str:
    """The history for machines; closure rounded to four decimals."""
    laps = [
        {
            "lap": p.lap,
            "revision": p.revision,
            "commit": p.commit,
            "weighted_gap": p.weighted_gap,
            "projected_gap": p.projected_gap,
            "achieved_gap": p.achieved_gap,
            "closure": round(p.closure, 4),
            "counts": dict(p.counts),
        }
        for p in points
    ]
    return json.dumps({"laps": laps}, ensure_ascii=False, indent=2) + "\n"
