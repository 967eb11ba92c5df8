"""The initiative map as DOT: a cluster per focus area, nodes in the area's colour, a legend.

Every text from the engagement goes through `_html` (HTML-like labels) or `_plain` (tooltips),
so quotes, backslashes, `<`, `>`, `&` and braces are drawn as written.
"""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass
from typing import Any

from ...analysis.initiative_map import InitiativeMap
from ...console import printable
from ...models import Area, Capability, Engagement, Initiative, Scale, Status
from ..charts.colour import mix, text_colour

# Laid out with the packaged DejaVu Sans (write/map/drawing.py hides the system's fonts). It is wider
# than the fallbacks a viewer without it picks (Helvetica, Arial), so the text still fits its box.
FONT = "DejaVu Sans,Helvetica,Arial,sans-serif"
EDGE = "#666666"
CRITICAL = "#000000"
MUTED_TEXT = "#4d4d4d"
STRIPE = "▌▌"
TITLE_WIDTH = 26
TOOLTIP_CHARS = 600

TEXTS: dict[str, dict[str, str]] = {
    "sv": {
        "map": "Initiativkarta",
        "lap": "varv {lap}",
        "areas": "Fokusområden",
        "status": "Status",
        "proposed": "föreslaget",
        "selected": "beslutat",
        "in_progress": "pågår",
        "done": "klart",
        "dropped": "struket",
        "edge": "förutsättning → beroende",
        "critical": "kritisk linje: {days} persondagar",
        "critical_weeks": "kritisk linje genom varvets plan: {weeks} veckor",
        "critical_plan": "kritisk linje genom varvets plan: {days} persondagar",
        "plan": "★ i varvets plan; bleka: inte i varvet",
        "related": "ränder: berör även områdena",
        "effect": "Effekt",
        "effort": "Insats",
        "days": "persondagar",
        "also": "Berör även",
        "capability": "förmåga: nu → mål",
        "level": "nu {current} → mål {target}",
        "raises": "{initiative} höjer {capability} till {to}",
    },
    "en": {
        "map": "Initiative map",
        "lap": "lap {lap}",
        "areas": "Focus areas",
        "status": "Status",
        "proposed": "proposed",
        "selected": "decided",
        "in_progress": "in progress",
        "done": "done",
        "dropped": "dropped",
        "edge": "prerequisite → dependent",
        "critical": "critical path: {days} person-days",
        "critical_weeks": "critical path through this lap's plan: {weeks} weeks",
        "critical_plan": "critical path through this lap's plan: {days} person-days",
        "plan": "★ in this lap's plan; pale: not this lap",
        "related": "stripes: also concerns the areas",
        "effect": "Effect",
        "effort": "Effort",
        "days": "person-days",
        "also": "Also concerns",
        "capability": "capability: now → target",
        "level": "now {current} → target {target}",
        "raises": "{initiative} raises {capability} to {to}",
    },
}
MARKS: dict[Status, str] = {
    "proposed": "",
    "selected": "●",
    "in_progress": "◐",
    "done": "✓",
    "dropped": "✗",
}
STATUS_ORDER: tuple[Status, ...] = ("proposed", "selected", "in_progress", "done", "dropped")


@dataclass(frozen=True)
class Look:
    """How one status draws a node of a given area colour."""

    fill: str
    text: str
    border: str
    width: int
    style: str
    double: bool = False


PLAN_MARK = "★"
OUTSIDE_PLAN = 0.6  # how far open work outside the lap's plan fades towards white


def look(status: Status, colour: str, *, outside_plan: bool = False) -> Look:
    """Status at a glance: bold border when decided, double when in progress, muted when done;
    open work outside the lap's plan is drawn pale."""
    if outside_plan and status in ("proposed", "selected"):
        colour = mix(colour, "#ffffff", OUTSIDE_PLAN)
    text = text_colour(colour)
    dark = mix(colour, "#000000", 0.45)
    if status == "done":
        fill = mix(colour, "#ffffff", 0.7)
        return Look(fill, MUTED_TEXT, "#999999", 1, "rounded")
    if status == "dropped":
        return Look("#ffffff", MUTED_TEXT, dark, 2, "rounded,dashed")
    if status == "selected":
        return Look(colour, text, "#000000", 3, "rounded")
    if status == "in_progress":
        return Look(colour, text, "#000000", 1, "rounded", double=True)
    return Look(colour, text, dark, 1, "rounded")


def to_dot(eng: Engagement, view: InitiativeMap, *, lang: str) -> str:
    """The map as DOT source; the same inputs give the same bytes."""
    words = TEXTS[lang]
    graph = _new_graph(eng, view, words)
    shown = set(view.initiatives)
    caps = set(view.capabilities)
    for area in eng.areas:
        members = [i for i in eng.initiatives if i.id in shown and i.area == area.id]
        area_caps = [c for c in eng.capabilities if c.id in caps and c.area == area.id]
        if members or area_caps:
            graph.subgraph(_cluster(eng, area, members, area_caps, words, view))
    for prerequisite, dependent in view.edges:
        on_path = (prerequisite, dependent) in view.critical.edges
        attrs = _edge_attrs(on_path, prerequisite, dependent)
        graph.edge(_ini(prerequisite), _ini(dependent), **attrs)
    for initiative, capability in view.raises:
        attrs = _raise_attrs(eng, initiative, capability, words)
        graph.edge(_ini(initiative), _cap(capability), **attrs)
    source: str = graph.source
    return source


def _new_graph(eng: Engagement, view: InitiativeMap, words: dict[str, str]) -> Any:
    """An empty digraph with the title, the legend and the defaults every node and edge share."""
    import graphviz

    graph = graphviz.Digraph("initiativkarta" if words is TEXTS["sv"] else "initiative_map")
    graph.attr(
        "graph",
        rankdir="LR",  # prerequisites to the left: the plan reads like a timeline
        newrank="true",
        nodesep="0.3",
        ranksep="0.55",
        fontname=FONT,
        labelloc="t",
        labeljust="l",
        label=_label(_heading(eng, view, words)),
        tooltip=_plain(words["map"]),
        pad="0.3",
    )
    graph.attr("node", shape="plain", fontname=FONT, fontsize="11")
    graph.attr("edge", color=EDGE, arrowsize="0.7", penwidth="1.2", fontname=FONT)
    return graph


def _cluster(
    eng: Engagement,
    area: Area,
    members: list[Initiative],
    caps: list[Capability],
    words: dict[str, str],
    view: InitiativeMap,
) -> Any:
    import graphviz

    cluster = graphviz.Digraph(f"cluster_{area.id}")
    cluster.attr(
        label=_label(
            f'<FONT POINT-SIZE="15" COLOR="{mix(area.colour, "#000000", 0.5)}"><B>{_html(area.name)}</B></FONT>'
        ),
        style="rounded,filled",
        color=area.colour,
        fillcolor=mix(area.colour, "#ffffff", 0.88),
        penwidth="2",
        margin="14",
        tooltip=_plain(area.name),
    )
    for ini in sorted(members, key=lambda i: i.id):
        cluster.node(_ini(ini.id), **_initiative_attrs(eng, ini, words, view))
    for cap in sorted(caps, key=lambda c: c.id):
        cluster.node(_cap(cap.id), **_capability_attrs(eng, cap, area, words))
    return cluster


def _initiative_attrs(
    eng: Engagement, ini: Initiative, words: dict[str, str], view: InitiativeMap
) -> dict[str, str]:
    colour = eng.area_by_id[ini.area].colour
    member = ini.id in view.plan
    style = look(ini.status, colour, outside_plan=bool(view.plan) and not member)
    return {
        "label": _label(_initiative_table(eng, ini, style, words, member=member)),
        "tooltip": _plain(_tooltip(eng, ini, words)),
        "URL": f"#initiative-{ini.id}",
        "id": f"map-initiative-{ini.id}",
    }


def _initiative_table(
    eng: Engagement, ini: Initiative, style: Look, words: dict[str, str], *, member: bool
) -> str:
    mark = MARKS[ini.status]
    status = f" · {mark} {words[ini.status]}" if mark else ""
    star = f"{PLAN_MARK} " if member else ""
    head = f'<FONT POINT-SIZE="9" COLOR="{style.text}">{star}{_html(ini.id)}{_html(status)}</FONT>'
    title = '<BR ALIGN="LEFT"/>'.join(_html(line) for line in _wrap(ini.title))
    body = f'<FONT COLOR="{style.text}"><B>{title}</B></FONT><BR ALIGN="LEFT"/>'
    rows = [
        f'<TR><TD ALIGN="LEFT">{head}</TD>{_stripes(eng, ini)}</TR>',
        f'<TR><TD ALIGN="LEFT">{body}</TD></TR>',
    ]
    return _boxed("".join(rows), style)


def _boxed(rows: str, style: Look, *, padding: int = 3) -> str:
    """Table rows in a box drawn the status's way: fill, border width and dashes, double line."""
    table = (
        f'<TABLE BORDER="{style.width}" CELLBORDER="0" CELLSPACING="0" CELLPADDING="{padding}" '
        f'STYLE="{style.style}" BGCOLOR="{style.fill}" COLOR="{style.border}">{rows}</TABLE>'
    )
    if not style.double:
        return table
    # A second border a few points outside the first: "in progress" at a glance.
    return (
        f'<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2" STYLE="rounded" '
        f'COLOR="{style.border}"><TR><TD>{table}</TD></TR></TABLE>'
    )


def _stripes(eng: Engagement, ini: Initiative) -> str:
    """A cell of side stripes in the colours of the related areas, spanning the node's height."""
    cells = "".join(
        f'<TD BGCOLOR="{eng.area_by_id[a].colour}" WIDTH="7"></TD>'
        for a in ini.related_areas
        if a in eng.area_by_id
    )
    if not cells:
        return ""
    return (
        '<TD ROWSPAN="2"><TABLE BORDER="0" CELLBORDER="1" CELLSPACING="2" CELLPADDING="0" '
        f'COLOR="#ffffff"><TR>{cells}</TR></TABLE></TD>'
    )


def _tooltip(eng: Engagement, ini: Initiative, words: dict[str, str]) -> str:
    description = " ".join(ini.description.split())
    if len(description) > TOOLTIP_CHARS:
        description = description[: TOOLTIP_CHARS - 1].rstrip() + "…"
    lines = [f"{ini.title} ({ini.id})"]
    if description:
        lines.append(description)
    lines.append(
        f"{words['effect']} {ini.effect}/5 · {words['effort']} {_days(ini.effort)} {words['days']}"
        f" · {words[ini.status]}"
    )
    related = [eng.area_by_id[a].name for a in ini.related_areas if a in eng.area_by_id]
    if related:
        lines.append(f"{words['also']}: {', '.join(related)}")
    return "\n".join(lines)


def _capability_attrs(
    eng: Engagement, cap: Capability, area: Area, words: dict[str, str]
) -> dict[str, str]:
    scale = eng.meta.scale
    level = words["level"].format(
        current=_level(scale, cap.current), target=_level(scale, cap.target)
    )
    name = '<BR ALIGN="LEFT"/>'.join(_html(line) for line in _wrap(cap.name))
    table = (
        f'<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3" STYLE="rounded" '
        f'BGCOLOR="#ffffff" COLOR="{area.colour}">'
        f'<TR><TD ALIGN="LEFT"><I>{name}</I><BR ALIGN="LEFT"/></TD></TR>'
        f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="9">{_html(level)}</FONT></TD></TR></TABLE>'
    )
    return {
        "label": _label(table),
        "tooltip": _plain(f"{cap.name} ({cap.id}): {level}"),
        "id": f"map-capability-{cap.id}",
    }


def _edge_attrs(on_path: bool, prerequisite: str, dependent: str) -> dict[str, str]:
    attrs = {"tooltip": _plain(f"{prerequisite} → {dependent}")}
    if on_path:
        attrs.update(color=CRITICAL, penwidth="3.5")
    return attrs


def _raise_attrs(
    eng: Engagement, initiative: str, capability: str, words: dict[str, str]
) -> dict[str, str]:
    to = next(r.to for r in eng.initiative_by_id[initiative].raises if r.capability == capability)
    text = words["raises"].format(initiative=initiative, capability=capability, to=to)
    return {"style": "dashed", "arrowhead": "empty", "tooltip": _plain(text)}


def _heading(eng: Engagement, view: InitiativeMap, words: dict[str, str]) -> str:
    """Title (engagement name, lap) over the legend, as one HTML-like table."""
    meta = eng.meta
    sub = f"{words['map']} · {words['lap'].format(lap=meta.lap)}"
    if meta.date is not None:
        sub += f" · {meta.date.isoformat()}"
    rows = [
        f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="20"><B>{_html(meta.name)}</B></FONT></TD></TR>',
        f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="12">{_html(sub)}</FONT></TD></TR>',
        f'<TR><TD ALIGN="LEFT">{_legend(eng, view, words)}</TD></TR>',
    ]
    return f'<TABLE BORDER="0" CELLSPACING="2" CELLPADDING="2">{"".join(rows)}</TABLE>'


def _legend(eng: Engagement, view: InitiativeMap, words: dict[str, str]) -> str:
    cells = [_legend_title(words["areas"])]
    cells += [
        f'<TD BGCOLOR="{a.colour}"><FONT COLOR="{text_colour(a.colour)}" POINT-SIZE="10">'
        f"{_html(a.name)}</FONT></TD>"
        for a in eng.areas
    ]
    areas_row = "".join(cells)
    sample = eng.areas[0].colour if eng.areas else "#cccccc"
    status_cells = [_legend_title(words["status"])]
    shown = {eng.initiative_by_id[i].status for i in view.initiatives}
    for status in STATUS_ORDER:
        if status == "dropped" and status not in shown:
            continue
        style = look(status, sample)
        label = f"{MARKS[status]} {words[status]}".strip()
        text = f'<FONT POINT-SIZE="10" COLOR="{style.text}">{_html(label)}</FONT>'
        status_cells.append(f"<TD>{_boxed(f'<TR><TD>{text}</TD></TR>', style, padding=2)}</TD>")
    notes = [(EDGE, 1, words["edge"])]
    if view.plan:
        notes.append(("", 0, words["plan"]))
    if view.critical.nodes:
        days = _days(view.critical.weight)
        if view.weeks:
            text = words["critical_weeks"].format(weeks=days)
        else:
            text = words["critical_plan" if view.plan else "critical"].format(days=days)
        notes.append((CRITICAL, 4, text))
    notes.append(("", 0, f"{STRIPE} {words['related']}"))
    if view.capabilities:
        notes.append(("", 0, words["capability"]))
    note_cells = [_legend_title("")] + [_legend_note(*note) for note in notes]
    return (
        '<TABLE BORDER="0" CELLSPACING="4" CELLPADDING="3">'
        f"<TR>{areas_row}</TR><TR>{''.join(status_cells)}</TR><TR>{''.join(note_cells)}</TR>"
        "</TABLE>"
    )


def _legend_note(line: str, width: int, text: str) -> str:
    """A legend entry, with a sample of the edge it explains."""
    sample = (
        f'<FONT COLOR="{line}">{"━" if width > 1 else "─"}{"━" if width > 1 else "─"}</FONT> '
        if line
        else ""
    )
    return f'<TD ALIGN="LEFT"><FONT POINT-SIZE="10">{sample}{_html(text)}</FONT></TD>'


def _legend_title(text: str) -> str:
    if not text:
        return "<TD></TD>"  # Graphviz rejects an empty <B></B>
    return f'<TD ALIGN="LEFT"><FONT POINT-SIZE="10"><B>{_html(text)}</B></FONT></TD>'


def _level(scale: Scale, level: int) -> str:
    """`2 Upprepbar` where the scale names the level, else `2`."""
    label = scale.label(level)
    return str(level) if label == str(level) else f"{level} {label}"


def _wrap(text: str) -> list[str]:
    return textwrap.wrap(
        text, width=TITLE_WIDTH, break_long_words=False, break_on_hyphens=False
    ) or [text]


def _days(value: float) -> str:
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}"


def _ini(ident: str) -> str:
    return f"i_{ident}"


def _cap(ident: str) -> str:
    return f"c_{ident}"


def _label(html_content: str) -> str:
    """Mark a string as an HTML-like label for the graphviz package (it keeps <...> unquoted)."""
    return f"<{html_content}>"


def _html(text: str) -> str:
    """Text for inside an HTML-like label: &, <, >, quotes as entities, and backslashes doubled,
    because Graphviz reads `\\N` and `\\G` even there (both 2.43 and 14 do)."""
    return html.escape(printable(text), quote=True).replace("\\", "\\\\")


def _plain(text: str) -> str:
    """Text for a tooltip: never read as HTML, and backslashes survive Graphviz's two unescaping
    passes over tooltips (escString, then the tooltip's own), so `\\N` is not the node name."""
    import graphviz

    escaped: str = graphviz.nohtml(printable(text).replace("\\", "\\" * 4))
    return escaped
