"""The capability heat map and what staff said: the gap at a glance and who backs it."""

from __future__ import annotations

from collections import Counter

from ..analysis.gaps import GapAnalysis, remaining
from ..analysis.interviews import synthesise
from ..models import Engagement
from ..models.evidence import Workshop
from ..write.charts import svg as charts
from ..write.charts.colour import text_colour
from . import i18n
from .context import (
    Chart,
    Fact,
    HeatCell,
    HeatColumn,
    HeatMap,
    HeatStep,
    InterviewRow,
    Plot,
    PlotSeries,
    StaffVoice,
    WorkshopRow,
)
from .formatter import Formatter, ref

# ColorBrewer "Blues": sequential and safe for every common colour-vision deficiency.
NO_GAP = "#f4f4f4"
BLUES = ("#c6dbef", "#6baed6", "#2171b5", "#08306b")
IN_PLAN = "★"
EVIDENCE = "◆"
NO_EVIDENCE = "◇"
TALLY_MAX = 15


def evidence_counts(eng: Engagement) -> Counter[str]:
    """Interview findings about each capability plus the interviews it cites in `evidence`."""
    counts: Counter[str] = Counter()
    for iv in eng.interviews:
        for f in iv.findings:
            if f.capability:
                counts[f.capability] += 1
    for cap in eng.capabilities:
        counts[cap.id] += len(cap.evidence)
    return counts


def heat_steps(peak: int) -> list[tuple[int, int]]:
    """The weighted-gap range (low, high) of each coloured step; at most four, none empty."""
    n = min(len(BLUES), peak)
    return [((k - 1) * peak // n + 1, k * peak // n) for k in range(1, n + 1)]


def heatmap(
    eng: Engagement,
    gaps: GapAnalysis,
    plan_members: tuple[str, ...],
    fmt: Formatter,
    *,
    earlier: Engagement | None = None,
) -> HeatMap:
    """Areas as columns, capabilities as cells coloured by the weighted gap still open: work
    already done counts (a gap a done initiative closed is not shown open). With the previous
    lap, a level assessed anew since reads then → today → target."""
    t = fmt.t
    then = {c.id: c.current for c in earlier.capabilities} if earlier is not None else {}
    moved = False
    still = {c.id: remaining(c, c.achieved) for c in gaps.capabilities}
    peak = max(still.values(), default=0)
    steps = heat_steps(peak)
    fills = BLUES[-len(steps) :] if len(steps) < len(BLUES) else BLUES
    raised = {r.capability for i in plan_members for r in eng.initiative_by_id[i].raises}
    counts = evidence_counts(eng)

    def step_of(value: int) -> int:
        return next((k + 1 for k, (lo, hi) in enumerate(steps) if lo <= value <= hi), 0)

    columns = []
    for area in eng.areas:
        cells = []
        for c in (c for c in gaps.capabilities if c.area == area.id):
            step = step_of(still[c.id])
            fill = NO_GAP if step == 0 else fills[step - 1]
            before = then.get(c.id, c.current)
            moved = moved or before != c.current
            levels = (
                t["level_of"].format(current=c.achieved, target=c.target)
                if before == c.current
                else t["level_moved"].format(before=before, current=c.achieved, target=c.target)
            )
            cells.append(
                HeatCell(
                    id=c.id,
                    name=c.name,
                    levels=levels,
                    weighted_gap=fmt.num(still[c.id]),
                    step=step,
                    fill=fill,
                    ink=text_colour(fill),
                    evidence=counts[c.id],
                    in_plan=c.id in raised and still[c.id] > 0,
                    anchor=f"area-{area.id}",
                )
            )
        columns.append(HeatColumn(area.id, area.name, area.colour, f"area-{area.id}", tuple(cells)))
    legend = [HeatStep(t["heat_no_gap"], NO_GAP, text_colour(NO_GAP))]
    legend += [
        HeatStep(fmt.num(lo) if lo == hi else f"{fmt.num(lo)}–{fmt.num(hi)}", f, text_colour(f))
        for (lo, hi), f in zip(steps, fills, strict=True)
    ]
    markers = (
        Fact(IN_PLAN, t["heat_in_plan"]),
        Fact(f"{EVIDENCE} n", t["heat_evidence"]),
        Fact(NO_EVIDENCE, t["heat_no_evidence"]),
    )
    # Every capability tied for the largest open gap is named: a tie is said as a tie.
    worst = [c for c in gaps.capabilities if peak and still[c.id] == peak]
    alt = t["heat_alt"].format(
        n=fmt.num(len(gaps.capabilities)),
        areas=fmt.num(len(eng.areas)),
        worst=fmt.names([f"{c.name} ({fmt.num(peak)})" for c in worst], limit=len(worst)),
    )
    caption = t["heat_caption"]
    if moved and earlier is not None:
        caption += " " + t["heat_moved"].format(n=earlier.meta.lap)
    return HeatMap(tuple(columns), tuple(legend), markers, caption, alt)


def staff_voice(eng: Engagement, gaps: GapAnalysis, fmt: Formatter) -> StaffVoice:
    """Who was heard, the workshops and their tally, and one warning for gaps without evidence."""
    t = fmt.t
    interviews = sorted(eng.interviews, key=lambda iv: (iv.date, iv.id))
    return StaffVoice(
        heard=_heard(eng, fmt),
        interviews=tuple(
            InterviewRow(
                i18n.date(iv.date, lang=fmt.lang),
                iv.role or t["role_not_given"],
                fmt.num(len(iv.findings)),
            )
            for iv in interviews
        ),
        raised=tuple(
            Fact(name, t["raised_n"].format(n=fmt.num(n), interviews=fmt.num(k)))
            for name, n, k in _raised(eng)[:5]
        ),
        workshops=tuple(
            _workshop(w, fmt) for w in sorted(eng.workshops, key=lambda w: (w.date, w.id))
        ),
        tally=_tally(eng, fmt),
        warning=_warning(eng, gaps, fmt),
    )


def _raised(eng: Engagement) -> list[tuple[str, int, int]]:
    from .decision import raised_most

    return raised_most(eng)


def _heard(eng: Engagement, fmt: Formatter) -> str:
    t = fmt.t
    if not eng.interviews:
        return str(t["heard_none"])
    dates = sorted(iv.date for iv in eng.interviews)
    roles = {iv.role for iv in eng.interviews if iv.role}
    return fmt.say(
        "heard",
        len(eng.interviews),
        roles=fmt.num(len(roles)),
        first=i18n.date(dates[0], lang=fmt.lang),
        last=i18n.date(dates[-1], lang=fmt.lang),
    )


def _workshop(w: Workshop, fmt: Formatter) -> WorkshopRow:
    t = fmt.t
    parts = []
    if w.votes:
        parts.append(t["dots_n"].format(n=fmt.num(sum(w.votes.values()))))
    if w.ballots:
        parts.append(t["ballots_n"].format(n=fmt.num(len(w.ballots))))
    return WorkshopRow(
        date=i18n.date(w.date, lang=fmt.lang),
        participants=fmt.num(w.participants) if w.participants else t["not_given"],
        votes=", ".join(parts) or t["none"],
    )


def _tally(eng: Engagement, fmt: Formatter) -> Chart | None:
    """Dots per initiative, most first; None when no workshop placed any dots."""
    dots: Counter[str] = Counter()
    for w in eng.workshops:
        dots.update(w.votes)
    shown = [(i, n) for i, n in sorted(dots.items(), key=lambda kv: (-kv[1], kv[0])) if n][
        :TALLY_MAX
    ]
    if not shown:
        return None
    t = fmt.t
    title = t["chart_tally"]
    bars = [
        charts.Tally(eng.initiative_by_id[i].title, n, ref(eng, i).colour)
        for i, n in shown
        if i in eng.initiative_by_id
    ]
    areas = {eng.initiative_by_id[i].area for i, _ in shown if i in eng.initiative_by_id}
    legend = [(a.name, a.colour) for a in eng.areas if a.id in areas]
    svg = charts.tally(title=title, bars=bars, unit=t["dots"], legend=legend)
    alt = t["tally_alt"].format(
        n=fmt.num(len(bars)),
        top=fmt.names([f"{b.label} ({fmt.num(b.value)})" for b in bars[:3]]),
    )
    plot = Plot(
        categories=tuple(b.label for b in bars),
        series=(
            PlotSeries(
                t["dots"],
                "#0072b2",
                tuple(float(b.value) for b in bars),
                colours=tuple(b.colour for b in bars),
            ),
        ),
    )
    return Chart("votes", title, svg, alt=alt, plot=plot)


def _warning(eng: Engagement, gaps: GapAnalysis, fmt: Formatter) -> str:
    t = fmt.t
    with_gap = [c for c in gaps.capabilities if c.gap > 0]
    if not with_gap:
        return ""
    if not eng.interviews and not any(c.evidence for c in eng.capabilities):
        return str(t["warn_no_interviews"]).format(total=fmt.num(len(with_gap)))
    lacking = [c.name for c in with_gap if c.id in unsupported(eng)]
    if not lacking:
        return ""
    return fmt.say(
        "warn_unsupported", len(lacking), total=fmt.num(len(with_gap)), names=fmt.names(lacking)
    )


def unsupported(eng: Engagement) -> set[str]:
    """Capabilities with a gap that no interview finding or `evidence` entry backs."""
    return set(synthesise(eng, quotes=0).unsupported_gaps)
