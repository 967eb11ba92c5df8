"""The report's typed context: everything a template shows, already computed and formatted.

Templates only loop and branch over these frozen dataclasses. Numbers arrive as strings already
formatted for the report's language, so Markdown, HTML and the PDF show the same figures.
`content/sections.py` builds them from the engagement and its analyses; each analysis plugs in as
one field here and one section in each template.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..analysis.assessments import StaffAssessment
from ..analysis.board import Board
from ..analysis.diff import EngagementDiff
from ..analysis.gaps import GapAnalysis
from ..analysis.plan import LapPlan
from ..analysis.review import Review
from ..analysis.roadmap import Roadmap
from ..analysis.schedule import Schedule
from ..analysis.scoring import Ranking
from ..analysis.sensitivity import Sensitivity
from ..analysis.steering import SteeringOptions
from ..history import EarlierLaps
from ..models import Engagement


@dataclass(frozen=True)
class PlotSeries:
    """One series of a chart's numbers: a radar line, a bar series, or the dots of one area."""

    name: str
    colour: str
    values: tuple[float, ...]
    xs: tuple[float, ...] = ()
    labels: tuple[str, ...] = ()
    colours: tuple[str, ...] = ()  # one per value where the points differ (bars by area)
    dashed: bool = False


@dataclass(frozen=True)
class Plot:
    """The numbers a chart is drawn from, for formats that draw their own (the deck's charts)."""

    categories: tuple[str, ...] = ()
    series: tuple[PlotSeries, ...] = ()
    low: float = 0
    high: float = 0
    x_title: str = ""
    y_title: str = ""
    ticks: tuple[tuple[float, str], ...] = ()  # labelled positions on a time axis (Gantt)


@dataclass(frozen=True)
class Chart:
    """An SVG chart: a file `charts/<name>.svg` beside report.md, inline in HTML and PDF."""

    name: str
    title: str
    svg: str
    file: str = ""
    alt: str = ""  # what the chart shows, in words (HTML alt, PDF /Alt); the title when empty
    plot: Plot | None = None

    @property
    def description(self) -> str:
        return self.alt or self.title

    @property
    def filename(self) -> str:
        return self.file or f"charts/{self.name}.svg"


@dataclass(frozen=True)
class Ref:
    """A link to an initiative's section."""

    id: str
    title: str
    anchor: str
    colour: str


@dataclass(frozen=True)
class Logo:
    """The client's logo: its path inside the engagement, its name beside report.md, inline data."""

    path: str
    filename: str
    data_uri: str


@dataclass(frozen=True)
class TitlePage:
    name: str
    client: str
    consultants: tuple[str, ...]
    lap: str
    date: str
    logo: Logo | None


@dataclass(frozen=True)
class Fact:
    """A label and its formatted value, shown as one row."""

    label: str
    value: str


@dataclass(frozen=True)
class Summary:
    vision: tuple[str, ...]
    figures: tuple[Fact, ...]
    by_status: tuple[Fact, ...]
    radar: Chart
    chosen: tuple[Ref, ...] = ()


@dataclass(frozen=True)
class CapabilityRow:
    id: str
    name: str
    description: str
    current: str
    target: str
    after_lap: str  # the level once this lap's plan and the work already done are done
    gap: str
    importance: str
    weighted_gap: str
    coverage: str
    raised_by: tuple[Ref, ...]
    indicators: tuple[Fact, ...] = ()  # level (with its label) -> what one would observe


@dataclass(frozen=True)
class FindingRow:
    kind: str
    text: str
    source: str
    capability: str


@dataclass(frozen=True)
class AreaSection:
    id: str
    anchor: str
    name: str
    colour: str
    description: str
    capabilities: tuple[CapabilityRow, ...]
    findings: tuple[FindingRow, ...]
    radar: Chart | None
    totals: tuple[Fact, ...]


@dataclass(frozen=True)
class GapRow:
    """One focus area (or the total) in the gap table."""

    name: str
    colour: str
    weighted_gap: str
    lap_gap: str  # left once this lap's plan is done
    lap_closure: str
    backlog_gap: str  # left once every initiative not dropped is done
    backlog_closure: str


@dataclass(frozen=True)
class StaffRow:
    """One capability: the assessed levels beside staff's median, their spread, a flag."""

    name: str
    colour: str
    current: str
    staff_current: str
    target: str
    staff_target: str
    spread: str
    responses: str
    flag: str


@dataclass(frozen=True)
class StaffSection:
    """Staff's own assessment (assessments/*.yaml), with the conversation to have next."""

    rows: tuple[StaffRow, ...]
    note: str


@dataclass(frozen=True)
class RaiseRow:
    capability: str
    levels: str


@dataclass(frozen=True)
class InitiativeSection:
    id: str
    anchor: str
    title: str
    area: str
    colour: str
    related_areas: tuple[str, ...]
    status: str
    description: tuple[str, ...]
    raises: tuple[RaiseRow, ...]
    needs: tuple[Ref, ...]
    needed_by: tuple[Ref, ...]
    facts: tuple[Fact, ...]
    first_step: str
    visible_outcome: str
    motivation: str
    steps: tuple[str, ...]
    in_plan: bool = False


@dataclass(frozen=True)
class RankRow:
    rank: str
    ref: Ref
    score: str
    effort: str
    quadrant: str
    chosen: bool


@dataclass(frozen=True)
class Waiting:
    """An initiative left out of the chosen set or the roadmap, and why."""

    ref: Ref
    reason: str


@dataclass(frozen=True)
class PlanMember:
    """One initiative of this lap's plan and why it is in: decided, in progress, needed, chosen."""

    ref: Ref
    basis: str
    effort: str


@dataclass(frozen=True)
class ChosenSet:
    """This lap's plan: decided work and the most value that fits; why the others wait."""

    initiatives: tuple[Ref, ...]
    figures: tuple[Fact, ...]
    waiting: tuple[Waiting, ...]
    members: tuple[PlanMember, ...] = ()
    notes: tuple[str, ...] = ()  # departures from decisions, over capacity, no capacity
    intro: str = ""  # how the plan is made: with a capacity, or the decided work alone


@dataclass(frozen=True)
class Prioritisation:
    quadrant: Chart
    intro: str = ""
    ranking: tuple[RankRow, ...] = ()
    chosen: ChosenSet | None = None
    stability: str = ""  # the sensitivity result in a sentence ("" when not computed)
    swing: tuple[Ref, ...] = ()  # in the plan in some perturbed runs and not in others


@dataclass(frozen=True)
class WaveRow:
    title: str
    effort: str
    initiatives: tuple[Ref, ...]


@dataclass(frozen=True)
class WeekRow:
    """One plan member on the calendar."""

    ref: Ref
    weeks: str
    start: str
    end: str
    load: str
    late: bool


@dataclass(frozen=True)
class RoadmapSection:
    intro: str
    waves: tuple[WaveRow, ...]
    unplaced: tuple[Waiting, ...]
    timeline: Chart
    calendar: tuple[WeekRow, ...] = ()
    notes: tuple[str, ...] = ()
    warnings: tuple[
        str, ...
    ] = ()  # under the chart: work in progress begun before its prerequisites


@dataclass(frozen=True)
class Analyses:
    """Every analysis the report shows; the optional ones are None when they cannot be made."""

    gaps: GapAnalysis
    ranking: Ranking | None = None
    plan: LapPlan | None = None
    schedule: Schedule | None = None  # the calendar roadmap of the plan
    roadmap: Roadmap | None = None  # waves: the roadmap when the engagement has no calendar
    map_svg: str | None = None
    earlier: EarlierLaps | None = None
    changes: EngagementDiff | None = None  # against the previous lap, when there is one
    board: Board | None = None
    gap_closed: Mapping[str, int] = field(default_factory=dict)  # weighted gap each closes
    sensitivity: Sensitivity | None = None  # how stable the plan is
    staff: StaffAssessment | None = None  # staff's own ratings (assessments/), when there are
    options: SteeringOptions | None = None  # the steering group's options (a capacity is given)
    map_parts: tuple[tuple[str, str, int], ...] = ()  # (plan or area id, SVG, initiatives shown)
    review: Review | None = None  # what became of the previous lap's plan, when there is one


@dataclass(frozen=True)
class BoardCard:
    title: str
    anchor: str
    area: str
    colour: str
    owner: str


@dataclass(frozen=True)
class BoardColumn:
    status: str
    cards: tuple[BoardCard, ...]


@dataclass(frozen=True)
class Change:
    """One figure or level before and after."""

    label: str
    before: str
    after: str


@dataclass(frozen=True)
class ChangesSection:
    """What moved since the previous lap, and the gap over every lap so far."""

    previous: str
    compared: str
    figures: tuple[Change, ...]
    added: tuple[Ref, ...]
    removed: tuple[str, ...]
    statuses: tuple[Change, ...]
    levels: tuple[Change, ...]
    trend: Chart | None


@dataclass(frozen=True)
class ReviewTable:
    """One table of the review: its title, column heads and rows (all text)."""

    title: str
    intro: str
    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    empty: str  # said instead of the table when it has no rows


@dataclass(frozen=True)
class ReviewSection:
    """What became of the previous lap's plan: outcomes first, then the lift, then staff."""

    title: str
    compared: str
    outcomes: ReviewTable
    counts: str
    lift: ReviewTable
    staff: ReviewTable | None
    closure: str


@dataclass(frozen=True)
class KeyFinding:
    """One finding of the executive summary: a sentence and the section that shows it."""

    text: str
    anchor: str  # the section's anchor, e.g. "heatmap", "staff", "area-<id>"
    section: str  # the section's title
    see: str  # the link's words: "see Gap analysis"


@dataclass(frozen=True)
class CapacityChoice:
    """Without capacity: one open initiative down the ranking, and what the lap needs to reach it."""

    rank: str
    ref: Ref
    adds: str  # person-days it adds: its own and its open prerequisites' not counted above
    total: str  # person-days from the decided work down to here
    needs: str = ""  # "with X and Y": the prerequisites it brings along


@dataclass(frozen=True)
class Recommendation:
    """This lap's plan in one sentence, its initiatives and its figures; without capacity, the
    question to the steering group and the ranked list to choose the capacity from."""

    text: str
    initiatives: tuple[Ref, ...]  # the first RECOMMENDED of the plan, best rank first
    figures: tuple[Fact, ...]
    more: str = ""  # "and 119 more", when the plan holds more than are listed
    choices: tuple[CapacityChoice, ...] = ()  # without capacity: the ranked list, best first
    choices_more: str = ""  # "and 3 more" beyond the rows listed


@dataclass(frozen=True)
class NextStep:
    """The first step of one plan member: when, what, who."""

    ref: Ref
    when: str  # a date or week ("v. 3", "3 March") or "" when there is no calendar
    step: str  # the first step, or the label saying none is given
    owner: str  # the owner, or the label saying none is named
    missing: bool  # no first step or no owner: shown as a gap, not as a plan


@dataclass(frozen=True)
class StepGroup:
    """Next steps in one window: the next 30, 60 or 90 days, or "in plan order"."""

    title: str
    steps: tuple[NextStep, ...]
    dated: bool = False  # the steps carry a week (the plan has a calendar)


@dataclass(frozen=True)
class OptionLine:
    """One real option of a decision: what it is and what follows (days, money, closure)."""

    label: str
    consequence: str


@dataclass(frozen=True)
class Choice:
    """A decision the steering group faces and its real options, each an exact plan."""

    question: str
    options: tuple[OptionLine, ...]


@dataclass(frozen=True)
class ExecutiveSummary:
    """Page 2: the recommendation, 3-5 findings from the data, the decisions asked."""

    recommendation: Recommendation
    findings: tuple[KeyFinding, ...]
    decisions: tuple[str, ...]
    next_steps: tuple[StepGroup, ...]  # the same groups as RisksSection.next_steps
    headline: str = ""  # the recommendation as a conclusion ("Fyra initiativ stänger 45 %...")
    choices: tuple[Choice, ...] = ()  # each decision with its real options
    frontier: Chart | None = None  # value against person-days, the plan marked
    frontier_headline: str = ""  # what more capacity buys, as a conclusion


@dataclass(frozen=True)
class HeatCell:
    """One capability in the heat map, coloured by its weighted gap."""

    id: str
    name: str
    levels: str  # "1 → 3"
    weighted_gap: str
    step: int  # 0 (no gap) .. len(legend) - 1
    fill: str  # background, from a colour-blind-safe sequential scale
    ink: str  # text colour with enough contrast on `fill`
    evidence: int  # interview findings and `evidence` entries behind it
    in_plan: bool  # raised by this lap's plan
    anchor: str  # its area's section


@dataclass(frozen=True)
class HeatColumn:
    """One focus area: a column of the heat map."""

    id: str
    name: str
    colour: str
    anchor: str
    cells: tuple[HeatCell, ...]


@dataclass(frozen=True)
class HeatStep:
    """One step of the heat map's legend."""

    label: str  # "0", "1–6", ...
    fill: str
    ink: str


@dataclass(frozen=True)
class HeatMap:
    columns: tuple[HeatColumn, ...]
    legend: tuple[HeatStep, ...]
    markers: tuple[Fact, ...]  # marker symbol -> what it means
    caption: str
    alt: str


@dataclass(frozen=True)
class InterviewRow:
    date: str
    role: str
    findings: str


@dataclass(frozen=True)
class WorkshopRow:
    date: str
    participants: str
    votes: str  # dots given, or ballots


@dataclass(frozen=True)
class StaffVoice:
    """Who was heard, the workshop and its tally, what staff raised most, gaps without evidence."""

    heard: str  # one sentence: how many interviews, roles, dates (or that there were none)
    interviews: tuple[InterviewRow, ...]
    raised: tuple[Fact, ...]  # capabilities (or areas) staff raised most, with counts
    workshops: tuple[WorkshopRow, ...]
    tally: Chart | None  # vote tally bars, only when a workshop has votes
    warning: str  # one visible warning when gaps lack evidence, else ""


@dataclass(frozen=True)
class RuleCell:
    """One of the four change rules on one plan member."""

    rule: str  # the rule's name
    ok: bool
    note: str  # what is missing ("" when met)


@dataclass(frozen=True)
class ReadinessRow:
    ref: Ref
    rules: tuple[RuleCell, ...]  # emotional, immediate, visible, demanding
    missing: str  # everything missing in one sentence, "" when ready


@dataclass(frozen=True)
class Readiness:
    """Ready to start? The four change rules per plan member."""

    intro: str
    rules: tuple[str, ...]  # column titles
    rows: tuple[ReadinessRow, ...]


@dataclass(frozen=True)
class Risk:
    text: str
    refs: tuple[Ref, ...]


@dataclass(frozen=True)
class RegisterRow:
    """One risk of risks.yaml: `number` is its place in the register (the matrix cites it)."""

    number: int
    title: str
    likelihood: int
    impact: int
    score: int  # likelihood x impact
    level: str  # high, medium or low: the matrix's colour band
    owner: str
    mitigation: str
    threatens: str  # the initiatives and capabilities it threatens, by name
    closed: bool


@dataclass(frozen=True)
class MatrixCell:
    likelihood: int
    impact: int
    level: str
    numbers: str  # the open risks in the cell, by register number ("1, 4")


@dataclass(frozen=True)
class RiskRegister:
    """The register ordered by likelihood x impact (open first) and the 5x5 matrix, rows from
    impact 5 down to 1, columns likelihood 1 to 5."""

    rows: tuple[RegisterRow, ...]
    matrix: tuple[tuple[MatrixCell, ...], ...]


@dataclass(frozen=True)
class RisksSection:
    """Risks the data shows and the next 30/60/90 days (plan order without a calendar)."""

    risks: tuple[Risk, ...]
    next_steps: tuple[StepGroup, ...]
    register: RiskRegister | None = None  # risks.yaml, when the engagement has one


@dataclass(frozen=True)
class MethodSection:
    """What the scale's levels mean, how initiatives are scored, how the plan was chosen."""

    paragraphs: tuple[str, ...]
    scale: tuple[Fact, ...]  # level -> its label (empty when the scale has no labels)
    scale_note: str
    scoring: str
    weights: tuple[Fact, ...]  # criterion -> weight (weighted method only)
    plan: str


@dataclass(frozen=True)
class ReportContext:
    """What every report template receives (as `r`), with the labels as `t`."""

    lang: str
    day: dt.date | None
    toc_depth: int
    t: Mapping[str, Any] = field(repr=False)
    title: TitlePage
    executive: ExecutiveSummary
    heatmap: HeatMap
    summary: Summary
    areas: tuple[AreaSection, ...]
    gap_rows: tuple[GapRow, ...]
    gap_total: GapRow
    staff: StaffVoice
    initiatives: tuple[InitiativeSection, ...]  # the appendix order: plan members, then by rank
    prioritisation: Prioritisation
    roadmap: RoadmapSection | None
    map: Chart | None
    readiness: Readiness | None
    risks: RisksSection
    board: tuple[BoardColumn, ...]
    changes: ChangesSection | None
    method: MethodSection
    staff_assessment: StaffSection | None = None
    map_parts: tuple[Chart, ...] = ()  # the map for paper: the plan, then one part per area
    cards_left_out: str = ""  # printed formats: the sentence saying which cards are elsewhere
    review: ReviewSection | None = None

    @property
    def charts(self) -> tuple[Chart, ...]:
        """Every chart of the report, each once, in reading order."""
        found = [self.summary.radar, *(a.radar for a in self.areas if a.radar)]
        if self.staff.tally:
            found.append(self.staff.tally)
        found.append(self.prioritisation.quadrant)
        if self.executive.frontier:
            found.append(self.executive.frontier)
        if self.roadmap:
            found.append(self.roadmap.timeline)
        if self.map:
            found.append(self.map)
        if self.changes and self.changes.trend:
            found.append(self.changes.trend)
        return tuple(found)


def report_date(eng: Engagement) -> dt.date | None:
    """The engagement's date, else SOURCE_DATE_EPOCH's; never the clock."""
    if eng.meta.date is not None:
        return eng.meta.date
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return None


def anchor(initiative_id: str) -> str:
    """The stable anchor of an initiative's section, the same in HTML, Markdown and PDF."""
    return f"initiative-{initiative_id}"


def paragraphs(text: str) -> tuple[str, ...]:
    """Blank-line separated paragraphs, each joined to one line."""
    blocks = [" ".join(line.strip() for line in b.splitlines()) for b in text.split("\n\n")]
    return tuple(b.strip() for b in blocks if b.strip())
