"""A diff between two states of an engagement as terminal text, JSON or Markdown."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from ...analysis.diff import EngagementDiff, InitiativeRef
from ...analysis.gaps import GapSums
from ...content.i18n import LANGUAGES, catalogue, share
from ...content.words import Words, words
from .tables import Column, as_text, md_escape
from .tables import as_markdown as md_table

GAP_ROWS = ("gap", "weighted_gap", "lap_gap", "projected_gap", "achieved_gap")
SHORT = 60
WORKING_TREE = "working tree"  # history.WORKING_TREE: the label of the files on disk


def revision(label: str, say: Words) -> str:
    """A revision as people read it: the working tree in the engagement's words."""
    return say.phrase("diff.working_tree") if label == WORKING_TREE else label


def show(value: Any) -> str:
    """A field value on one line: strings as they are, the rest as compact JSON."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    return text if len(text) <= SHORT else text[: SHORT - 1] + "…"


def gap_columns(lang: str) -> tuple[Column, ...]:
    """The gap totals' heads in `lang`."""
    say = catalogue(_lang(lang))["gap_totals"]
    return (Column(say["title"]), Column(say["before"], "right"), Column(say["after"], "right"))


def gap_rows(sums: tuple[GapSums, GapSums], *, lang: str = "en") -> list[tuple[str, str, str]]:
    """(label, before, after) for the gap totals in `lang`: the lap's closure by each side's own
    plan, then the whole backlog's under its own name; shares with one decimal."""
    lang = _lang(lang)
    say = catalogue(lang)["gap_totals"]
    key = {"projected_gap": "backlog_gap"}
    rows = [
        (say[key.get(k, k)], str(getattr(sums[0], k)), str(getattr(sums[1], k))) for k in GAP_ROWS
    ]
    for label, field in (("lap_closure", "lap_closure"), ("backlog_closure", "closure")):
        before, after = (share(getattr(s, field), lang=lang) for s in sums)
        rows.append((say[label], before, after))
    return rows


def _lang(lang: str) -> str:
    return lang if lang in LANGUAGES else "en"


def as_table(
    diff: EngagementDiff,
    *,
    safe: Callable[[str], str] = str,
    highlight: Callable[[str], str] = str,
    lang: str = "en",
) -> str:
    """Plain text for the terminal; status transitions pass through `highlight`."""
    say = words(lang)
    out = [f"{safe(revision(diff.before, say))} -> {safe(revision(diff.after, say))}"]
    if diff.laps[0] != diff.laps[1]:
        out.append(say.phrase("diff.laps", before=diff.laps[0], after=diff.laps[1]))
    out += _refs(say.phrase("added"), "+", diff.added, safe, say)
    out += _refs(say.phrase("removed"), "-", diff.removed, safe, say)
    if diff.changed:
        out += ["", f"{say.phrase('diff.changed')} ({len(diff.changed)})"]
    for change in diff.changed:
        out.append(f"  ~ {safe(change.id)}  {safe(change.title)}")
        if change.status:
            before, after = (say.status(s) for s in change.status)
            out.append("      " + highlight(f"status: {before} -> {after}"))
        for f in change.fields:
            if f.field != "status":
                out.append(f"      {f.field}: {safe(show(f.before))} -> {safe(show(f.after))}")
    out += _capabilities(diff, safe, say)
    out += ["", as_text(gap_columns(lang), gap_rows(diff.gaps, lang=lang))]
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


def _capabilities(diff: EngagementDiff, safe: Callable[[str], str], say: Words) -> list[str]:
    out: list[str] = []
    if diff.capabilities_added or diff.capabilities_removed:
        out += ["", say.phrase("diff.capabilities")]
        out += [f"  + {safe(c)}" for c in diff.capabilities_added]
        out += [f"  - {safe(c)}" for c in diff.capabilities_removed]
    if diff.levels:
        out += ["", f"{say.phrase('diff.levels_moved')} ({len(diff.levels)})"]
    for move in diff.levels:
        parts = [
            f"{say.phrase(name).lower()} {a} -> {b}"
            for name, (a, b) in (("current", move.current), ("target", move.target))
            if a != b
        ]
        out.append(f"  {safe(move.id)}: {', '.join(parts)}")
    return out


def as_json(diff: EngagementDiff) -> str:
    """Everything, for machines; shares rounded to four decimals. `lap_closure` is each side's
    own plan's, as `gap` gives it at that revision; `backlog_closure` the whole backlog's."""
    data = asdict(diff)
    data["gaps"] = {side: _sums(s) for side, s in zip(("before", "after"), diff.gaps, strict=True)}
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


def _sums(sums: GapSums) -> dict[str, Any]:
    data = asdict(sums)
    data["backlog_closure"] = data.pop("closure")
    shares = ("backlog_closure", "lap_closure", "current_avg", "target_avg", "projected_avg")
    for key in (*shares, "lap_avg"):
        data[key] = round(data[key], 4)
    return data


def as_markdown(diff: EngagementDiff, *, lang: str = "en") -> str:
    """Headings and tables for a wiki page or a pull request description."""
    say = words(lang)
    before, after = (md_escape(revision(r, say)) for r in (diff.before, diff.after))
    out = [f"## {before} → {after}", ""]
    p = say.phrase
    refs = (p("diff.id"), p("diff.title"), p("status"))
    out += _section(p("added"), refs, [(r.id, r.title, say.status(r.status)) for r in diff.added])
    out += _section(
        p("removed"), refs, [(r.id, r.title, say.status(r.status)) for r in diff.removed]
    )
    out += _section(
        p("diff.changed"),
        (p("diff.initiative"), p("diff.field"), p("gap_totals.before"), p("gap_totals.after")),
        [
            (c.id, f.field, *_shown(f.field, f.before, f.after, say))
            for c in diff.changed
            for f in c.fields
        ],
    )
    out += _section(
        p("diff.levels_moved"),
        (p("capability"), p("current"), p("target")),
        [(m.id, _move(m.current), _move(m.target)) for m in diff.levels],
    )
    heading = str(catalogue(_lang(lang))["gap_totals"]["title"])
    out += [f"### {heading[:1].upper()}{heading[1:]}", ""]
    out += [md_table(gap_columns(lang), gap_rows(diff.gaps, lang=lang))]
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
