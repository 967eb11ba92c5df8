"""The report's typed context: everything a template shows, already computed and formatted.

Templates only loop and branch over these frozen dataclasses. Numbers arrive as strings already
formatted for the report's language, so Markdown, HTML and the PDF show the same figures.
`render/sections.py` builds them from the engagement and its analyses; each analysis plugs in as
one field here and one section in each template.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..analysis.board import Board
from ..analysis.diff import EngagementDiff
from ..analysis.gaps import GapAnalysis
from ..analysis.plan import LapPlan
from ..analysis.roadmap import Roadmap
from ..analysis.schedule import Schedule
from ..analysis.scoring import Ranking
from ..history import EarlierLaps
from ..models import Engagement


@dataclass(frozen=True)
class Chart:
    """An SVG chart: a file `charts/<name>.svg` beside report.md, inline in HTML and PDF."""

    name: str
    title: str
    svg: str
    file: str = ""

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


@dataclass(frozen=True)
class Prioritisation:
    quadrant: Chart
    intro: str = ""
    ranking: tuple[RankRow, ...] = ()
    chosen: ChosenSet | None = None


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
class ReportContext:
    """What every report template receives (as `r`), with the labels as `t`."""

    lang: str
    day: dt.date | None
    toc_depth: int
    t: Mapping[str, Any] = field(repr=False)
    title: TitlePage
    summary: Summary
    areas: tuple[AreaSection, ...]
    gap_rows: tuple[GapRow, ...]
    gap_total: GapRow
    initiatives: tuple[InitiativeSection, ...]
    prioritisation: Prioritisation
    roadmap: RoadmapSection | None
    map: Chart | None
    board: tuple[BoardColumn, ...]
    changes: ChangesSection | None
    method: tuple[str, ...]

    @property
    def charts(self) -> tuple[Chart, ...]:
        """Every chart of the report, each once, in reading order."""
        found = [self.summary.radar, *(a.radar for a in self.areas if a.radar)]
        found.append(self.prioritisation.quadrant)
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
