"""A new lap's carry-over, and the lap history as a table with a small chart, or JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict

from ...analysis.laps import CarryOver, DropReason, LapPoint
from ...analysis.review import Review
from ...content.i18n import LANGUAGES, catalogue, share
from ...content.review import review_words
from ...content.words import Words, words
from ...models import STATUSES
from .tables import Column, as_markdown, as_text, titled

BAR = 40
LEFT, CLOSED = "█", "░"
SHORT_STATUS: dict[str, str] = {
    "proposed": "prop",
    "selected": "sel",
    "in_progress": "prog",
    "done": "done",
    "dropped": "drop",
}


def carry_over_text(
    carry: CarryOver,
    *,
    safe: Callable[[str], str] = str,
    lang: str = "en",
    review: Review | None = None,
) -> str:
    """Done, remaining and drop candidates, one initiative a line; statuses in `lang`; then,
    when the lap's plan is known from git, what of it was not done."""
    say = words(lang)
    laps = say.phrase("history.laps", before=carry.lap - 1, after=carry.lap)
    out = [laps, "", f"{say.status('done')} ({len(carry.done)})"]
    out += [_item(safe(r.id), safe(r.title), "") for r in carry.done]
    out += ["", f"{say('remaining')} ({len(carry.remaining)})"]
    out += [_item(safe(r.id), safe(r.title), f"[{say.status(r.status)}]") for r in carry.remaining]
    out += ["", f"{say('candidates to drop')} ({len(carry.drop_candidates)})"]
    for c in carry.drop_candidates:
        note = f"[{say.status(c.status)}, {say('score')} {say.num(c.score, 2)}]"
        out.append(_item(safe(c.id), safe(c.title), note))
        out += [f"      {drop_reason(r, say)}" for r in c.reasons]
    if review is not None:
        out += ["", *not_done_lines(review, safe=safe, lang=lang)]
    return "\n".join(out) + "\n"


def not_done_lines(review: Review, *, safe: Callable[[str], str], lang: str) -> list[str]:
    """The plan's members not done: for the steering group to keep, defer or drop."""
    say = review_words(lang)
    left = review.not_done
    if not left:
        return [say("carry_none", n=review.lap_before)]
    title = f"{say('carry', n=review.lap_before)} ({len(left)})"
    return [title, *(_item(safe(w.id), safe(w.title), f"[{say.outcome(w)}]") for w in left)]


def drop_reason(reason: DropReason, say: Words) -> str:
    """Why an initiative could be dropped, in words."""
    return say.phrase(f"history.drop.{reason}")


def _item(ident: str, title: str, note: str, width: int = 80) -> str:
    """`  id  title  [note]` on one line of at most `width` columns; a long title is shortened."""
    room = width - len(f"  {ident}  ") - (len(note) + 2 if note else 0)
    if len(title) > room:
        title = title[: max(room - 1, 0)] + "…"
    return f"  {ident}  {title}" + (f"  {note}" if note else "")


def carry_over_json(carry: CarryOver, review: Review | None = None) -> str:
    """The carry-over for machines; scores rounded to four decimals; with the lap's plan known
    from git, `not_done`: its members still open, for keep, defer or drop."""
    data = asdict(carry)
    for candidate in data["drop_candidates"]:
        candidate["score"] = round(candidate["score"], 4)
    if review is not None:
        data["not_done"] = {
            "since": review.since,
            "initiatives": [
                {"id": w.id, "title": w.title, "outcome": w.outcome} for w in review.not_done
            ],
        }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def history_rows(points: list[LapPoint], *, lang: str = "en") -> list[tuple[str, ...]]:
    """One row a lap, every figure formatted once for every table format: the share that lap's
    own plan closes (as `gap` gave it then) beside the whole backlog's."""
    return [
        (
            str(p.lap),
            p.revision,
            str(p.weighted_gap),
            share(p.lap_closure, lang=_lang(lang)),
            share(p.backlog_closure, lang=_lang(lang)),
            str(p.achieved_gap),
            *(str(n) for _, n in p.counts),
        )
        for p in points
    ]


HISTORY_COLUMNS = (
    Column("lap", "right"),
    Column("revision", shrink=True),
    Column("gap", "right"),
    Column("lap %", "right"),
    Column("all %", "right"),
    Column("left", "right"),
    *(Column(SHORT_STATUS[s], "right") for s in STATUSES),
)


def history_table(points: list[LapPoint], *, lang: str = "en") -> str:
    """Per lap: weighted gap, closure and counts by status; then a bar chart of the gap."""
    say = catalogue(_lang(lang))["lap_history"]
    out = [
        as_text(titled(HISTORY_COLUMNS, words(lang)), history_rows(points, lang=lang)),
        "",
        str(say["legend"]),
        "",
        str(say["chart"]).format(left=LEFT, closed=CLOSED),
    ]
    top = max((p.weighted_gap for p in points), default=0) or 1
    out += [f"{p.lap:>3}  {_bar(p, top)} {p.achieved_gap}/{p.weighted_gap}" for p in points]
    return "\n".join(out) + "\n"


def _bar(point: LapPoint, top: int) -> str:
    whole = round(BAR * point.weighted_gap / top)
    left = min(whole, round(BAR * point.achieved_gap / top))
    return f"{LEFT * left}{CLOSED * (whole - left)}".ljust(BAR)


def history_markdown(points: list[LapPoint], *, lang: str = "en") -> str:
    """The history table for a wiki or the report."""
    rows = history_rows(points, lang=lang)
    return as_markdown(titled(HISTORY_COLUMNS, words(lang)), rows) + "\n"


def _lang(lang: str) -> str:
    return lang if lang in LANGUAGES else "en"


def history_json(points: list[LapPoint]) -> str:
    """The history for machines; shares rounded to four decimals. `lap_closure` is by that lap's
    own plan, as `gap` gave it at that revision; `backlog_closure` by the whole backlog."""
    laps = [
        {
            "lap": p.lap,
            "revision": p.revision,
            "commit": p.commit,
            "weighted_gap": p.weighted_gap,
            "lap_gap": p.lap_gap,
            "projected_gap": p.projected_gap,
            "achieved_gap": p.achieved_gap,
            "lap_closure": round(p.lap_closure, 4),
            "backlog_closure": round(p.backlog_closure, 4),
            "counts": dict(p.counts),
        }
        for p in points
    ]
    return json.dumps({"laps": laps}, ensure_ascii=False, indent=2) + "\n"
