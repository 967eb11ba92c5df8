"""A diff between two states of an engagement as terminal text, JSON or Markdown."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from ...analysis.diff import EngagementDiff, InitiativeRef
from ...analysis.gaps import GapSums
from ...content.words import Words, words
from .tables import Column, as_text, md_escape
from .tables import as_markdown as md_table

GAP_ROWS = (
    ("gap", "gap (levels)"),
    ("weighted_gap", "weighted gap"),
    ("projected_gap", "weighted gap left by the plan"),
    ("achieved_gap", "weighted gap left after done work"),
)
SHORT = 60
GAP_COLUMNS = (Column("gap totals"), Column("before", "right"), Column("after", "right"))


def show(value: Any) -> str:
    """A field value on one line: strings as they are, the rest as compact JSON."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    return text if len(text) <= SHORT else text[: SHORT - 1] + "…"


def gap_rows(sums: tuple[GapSums, GapSums]) -> list[tuple[str, str, str]]:
    """(label, before, after) for the gap totals; closure as a percentage with one decimal."""
    rows = [(label, str(getattr(sums[0], k)), str(getattr(sums[1], k))) for k, label in GAP_ROWS]
    before, after = (f"{s.closure * 100:.1f} %" for s in sums)
    rows.append(("closure by the plan", before, after))
    return rows


def as_table(
    diff: EngagementDiff,
    *,
    safe: Callable[[str], str] = str,
    highlight: Callable[[str], str] = str,
    lang: str = "en",
) -> str:
    """Plain text for the terminal; status transitions pass through `highlight`."""
    say = words(lang)
    out = [f"{safe(diff.before)} -> {safe(diff.after)}"]
    if diff.laps[0] != diff.laps[1]:
        out.append(f"lap {diff.laps[0]} -> {diff.laps[1]}")
    out += _refs("initiatives added", "+", diff.added, safe, say)
    out += _refs("initiatives removed", "-", diff.removed, safe, say)
    if diff.changed:
        out += ["", f"initiatives changed ({len(diff.changed)})"]
    for change in diff.changed:
        out.append(f"  ~ {safe(change.id)}  {safe(change.title)}")
        if change.status:
            before, after = (say.status(s) for s in change.status)
            out.append("      " + highlight(f"status: {before} -> {after}"))
        for f in change.fields:
            if f.field != "status":
                out.append(f"      {f.field}: {safe(show(f.before))} -> {safe(show(f.after))}")
    out += _capabilities(diff, safe)
    out += ["", as_text(GAP_COLUMNS, gap_rows(diff.gaps))]
    return "\n".join(out) + "\n"


def _refs(
    title: str,
    mark: str,
    refs: tuple[InitiativeRef, ...],
    safe: Callable[[str], str],
    say: Words,
) -> list[str]:
    if not refs:
        return []
    lines = ["", f"{title} ({len(refs)})"]
    return lines + [
        f"  {mark} {safe(r.id)}  {safe(r.title)}  [{say.status(r.status)}]" for r in refs
    ]


def _capabilities(diff: EngagementDiff, safe: Callable[[str], str]) -> list[str]:
    out: list[str] = []
    if diff.capabilities_added or diff.capabilities_removed:
        out += ["", "capabilities"]
        out += [f"  + {safe(c)}" for c in diff.capabilities_added]
        out += [f"  - {safe(c)}" for c in diff.capabilities_removed]
    if diff.levels:
        out += ["", f"capability levels moved ({len(diff.levels)})"]
    for move in diff.levels:
        parts = [
            f"{name} {a} -> {b}"
            for name, (a, b) in (("current", move.current), ("target", move.target))
            if a != b
        ]
        out.append(f"  {safe(move.id)}: {', '.join(parts)}")
    return out


def as_json(diff: EngagementDiff) -> str:
    """Everything, for machines; closure rounded to four decimals."""
    data = asdict(diff)
    data["gaps"] = {
        side: {**asdict(s), "closure": round(s.closure, 4)} | _averages(s)
        for side, s in zip(("before", "after"), diff.gaps, strict=True)
    }
    data["laps"] = {"before": diff.laps[0], "after": diff.laps[1]}
    for change in data["changed"]:
        change["status"] = (
            {"before": change["status"][0], "after": change["status"][1]}
            if change["status"]
            else None
        )
    for move in data["levels"]:
        for key in ("current", "target"):
            move[key] = {"before": move[key][0], "after": move[key][1]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _averages(sums: GapSums) -> dict[str, float]:
    keys = ("current_avg", "target_avg", "projected_avg")
    return {k: round(getattr(sums, k), 4) for k in keys}


def as_markdown(diff: EngagementDiff, *, lang: str = "en") -> str:
    """Headings and tables for a wiki page or a pull request description."""
    say = words(lang)
    out = [f"## {md_escape(diff.before)} → {md_escape(diff.after)}", ""]
    refs = ("Id", "Title", "Status")
    out += _section(
        "Added initiatives", refs, [(r.id, r.title, say.status(r.status)) for r in diff.added]
    )
    out += _section(
        "Removed initiatives", refs, [(r.id, r.title, say.status(r.status)) for r in diff.removed]
    )
    out += _section(
        "Changed initiatives",
        ("Initiative", "Field", "Before", "After"),
        [
            (c.id, f.field, *_shown(f.field, f.before, f.after, say))
            for c in diff.changed
            for f in c.fields
        ],
    )
    out += _section(
        "Capability levels",
        ("Capability", "Current", "Target"),
        [(m.id, _move(m.current), _move(m.target)) for m in diff.levels],
    )
    out += ["### Gap totals", "", md_table(GAP_COLUMNS, gap_rows(diff.gaps))]
    return "\n".join(out) + "\n"


def _section(title: str, headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    if not rows:
        return []
    return [f"### {title}", "", md_table([Column(h) for h in headers], rows), ""]


def _shown(field: str, before: Any, after: Any, say: Words) -> tuple[str, str]:
    if field == "status":
        return say.status(str(before)), say.status(str(after))
    return show(before), show(after)


def _move(pair: tuple[int, int]) -> str:
    return f"{pair[0]} → {pair[1]}"
