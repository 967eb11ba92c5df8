"""Gap analysis and traceability as tables (text, Markdown, CSV) and JSON."""

from __future__ import annotations

from dataclasses import asdict
from typing import cast

from ...analysis.gaps import AreaGap, CapabilityGap, GapAnalysis, GapSums, remaining
from ...analysis.trace import Trace
from ...content.words import RAW, Words, for_format, words
from ..data.shapes import AreaGapJson, CapabilityGapJson, GapJson, SumsJson
from .tables import Column, as_json, render, titled
from .text import labelled_list

UNCOVERED_MARK = "!"

CAPABILITY_COLUMNS = (
    Column("capability"),  # ids are never shortened
    Column("area"),
    Column("now", "right"),
    Column("tgt", "right"),
    Column("gap", "right"),
    Column("imp", "right"),
    Column("wgap", "right"),
    Column("lap", "right"),
    Column("all", "right"),
    Column("done", "right"),
    Column("coverage"),
)
TERMINAL_COLUMNS = tuple(c for c in CAPABILITY_COLUMNS if c.header != "area")

AREA_COLUMNS = (
    Column("area"),
    Column("wgap", "right"),
    Column("left lap", "right"),
    Column("lap %", "right"),
    Column("left all", "right"),
    Column("all %", "right"),
    Column("now", "right"),
    Column("tgt", "right"),
    Column("lap", "right"),
)


def ranked(analysis: GapAnalysis) -> list[CapabilityGap]:
    """Largest weighted gap first; ties by id."""
    return sorted(analysis.capabilities, key=lambda c: (-c.weighted_gap, c.id))


def capability_rows(caps: list[CapabilityGap], *, mark: bool, say: Words = RAW) -> list[list[str]]:
    """One row per capability; `mark` prefixes uncovered ones so they stand out in a terminal."""
    return [
        [
            f"{UNCOVERED_MARK} {c.id}" if mark and c.coverage == "uncovered" else c.id,
            c.area,
            str(c.current),
            str(c.target),
            str(c.gap),
            str(c.importance),
            str(c.weighted_gap),
            str(c.lap),
            str(c.projected),
            str(c.achieved),
            say.coverage(c.coverage),
        ]
        for c in caps
    ]


def area_rows(analysis: GapAnalysis, say: Words = RAW) -> list[list[str]]:
    """One row per area and the total; an area without capabilities says so instead of 100%."""
    counts = {a.id: 0 for a in analysis.areas}
    for c in analysis.capabilities:
        counts[c.area] = counts.get(c.area, 0) + 1
    rows = [
        _sums_row(a.id, a.sums) if counts[a.id] else _empty_row(a.id, say) for a in analysis.areas
    ]
    rows.append(
        _sums_row(say("total"), analysis.total)
        if analysis.capabilities
        else _empty_row(say("total"), say)
    )
    return rows


def _empty_row(label: str, say: Words) -> list[str]:
    return [label, "", "", say("no capabilities"), "", "", "", "", ""]


def _sums_row(label: str, s: GapSums) -> list[str]:
    return [
        label,
        str(s.weighted_gap),
        str(s.lap_gap),
        f"{s.lap_closure * 100:.0f}%",
        str(s.projected_gap),
        f"{s.closure * 100:.0f}%",
        f"{s.current_avg:.1f}",
        f"{s.target_avg:.1f}",
        f"{s.lap_avg:.1f}",
    ]


def gap_json(analysis: GapAnalysis) -> GapJson:
    """The documented JSON shape: capabilities, areas and total."""
    return {
        "capabilities": [_capability_json(c) for c in analysis.capabilities],
        "areas": [_area_json(a) for a in analysis.areas],
        "total": _sums_json(analysis.total),
    }


def _capability_json(c: CapabilityGap) -> CapabilityGapJson:
    data = asdict(c)
    data["raised_by"] = list(c.raised_by)
    data["lap_gap"] = remaining(c, c.lap)
    data["lap_closure"] = round(
        1.0 if c.weighted_gap == 0 else 1 - data["lap_gap"] / c.weighted_gap, 4
    )
    return cast(CapabilityGapJson, data)


def _area_json(a: AreaGap) -> AreaGapJson:
    return cast(AreaGapJson, {"id": a.id, "name": a.name, **_sums_json(a.sums)})


def _sums_json(s: GapSums) -> SumsJson:
    data = asdict(s)
    for key in ("closure", "current_avg", "target_avg", "projected_avg", "lap_closure", "lap_avg"):
        data[key] = round(data[key], 4)
    return cast(SumsJson, data)


def gap_report(analysis: GapAnalysis, fmt: str, *, lang: str = "en") -> str:
    """The whole `gap` output in one format; table and md in the engagement's language."""
    if fmt == "json":
        return as_json(gap_json(analysis))
    say = for_format(fmt, lang)
    cap_columns, area_columns = titled(CAPABILITY_COLUMNS, say), titled(AREA_COLUMNS, say)
    if fmt == "csv":
        return render("csv", cap_columns, capability_rows(ranked(analysis), mark=False))
    if fmt == "md":
        rows = capability_rows(ranked(analysis), mark=False, say=say)
        caps = render("md", cap_columns, rows)
        areas = render("md", area_columns, area_rows(analysis, say))
        heads = say.phrase("gap.capabilities"), say.phrase("gap.areas")
        return f"### {heads[0]}\n\n{caps}\n\n### {heads[1]}\n\n{areas}"
    rows = [[r[0], *r[2:]] for r in capability_rows(ranked(analysis), mark=True, say=say)]
    caps = render("table", titled(TERMINAL_COLUMNS, say), rows)
    legend = say("gap legend").replace("!", UNCOVERED_MARK, 1)
    return f"{caps}\n{legend}\n\n{render('table', area_columns, area_rows(analysis, say))}"


def trace_report(result: Trace, fmt: str, *, lang: str = "en") -> str:
    """The traceability matrix with the capabilities and initiatives that fall outside it."""
    if fmt == "json":
        return as_json(
            {
                "matrix": [
                    {"capability": c, "initiative": i, "to": result.cells[(c, i)]}
                    for c in result.capabilities
                    for i in result.initiatives
                    if (c, i) in result.cells
                ],
                "unaddressed": list(result.unaddressed),
                "idle": list(result.idle),
            }
        )
    short = fmt == "table"
    heads = (
        [str(n + 1) for n in range(len(result.initiatives))] if short else list(result.initiatives)
    )
    columns = [Column(for_format(fmt, lang)("capability"))]
    columns += [Column(h, "right" if short else "left", min_width=2) for h in heads]
    rows = [[c, *(_cell(result, c, i) for i in result.initiatives)] for c in result.capabilities]
    parts = [render(fmt, columns, rows)]
    if short:
        import textwrap

        legend = "  ".join(f"{n + 1}={i}" for n, i in enumerate(result.initiatives))
        parts.append(textwrap.fill(legend, 80, break_on_hyphens=False, break_long_words=False))
    say = words(lang)
    md = fmt == "md"
    parts.append(labelled_list(say.phrase("gap.no_initiative"), result.unaddressed, say, md=md))
    parts.append(labelled_list(say.phrase("gap.idle"), result.idle, say, md=md))
    return "\n\n".join(parts)


def _cell(result: Trace, capability: str, initiative: str) -> str:
    level = result.cells.get((capability, initiative))
    return "·" if level is None else str(level)
