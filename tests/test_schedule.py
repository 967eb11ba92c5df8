"""The calendar roadmap (analysis/schedule.py): its rules hold on random plans; the example's."""

from __future__ import annotations

import datetime as dt
import json
import math
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from malmiljo_cli.analysis.plan import lap_plan
from malmiljo_cli.analysis.schedule import Schedule, min_weeks, schedule
from malmiljo_cli.analysis.scoring import rank
from malmiljo_cli.cli import app
from malmiljo_cli.models import Area, Engagement, Initiative
from malmiljo_cli.models.engagement import Capacity, EngagementMeta
from malmiljo_cli.validate import read_engagement

from .helpers import EXAMPLE

EPS = 1e-6
runner = CliRunner()


def random_engagement(rng: random.Random) -> Engagement:
    n = rng.randint(1, 12)
    initiatives = [
        Initiative(
            id=f"i{k:02d}",
            title=f"Initiativ {k}",
            area="a",
            effect=rng.randint(1, 5),
            effort=rng.choice([1, 2, 4, 6, 10, 25, 40]),
            duration_weeks=rng.choice([None, None, None, 4, 16]),
            depends_on=rng.sample([f"i{j:02d}" for j in range(k)], k=min(k, rng.choice([0, 1, 2]))),
            status=rng.choice(["proposed", "selected", "in_progress", "in_progress", "done"]),
        )
        for k in range(n)
    ]
    capacity = Capacity(
        budget=rng.choice([None, 40, 200]),
        start=dt.date(2026, 1, 5),
        weeks=rng.choice([4, 12, 26]),
        per_week=rng.choice([1.0, 2.5, 6.0, 15.0]),
    )
    meta = EngagementMeta(schema_version=1, name="T", client="K", capacity=capacity)
    area = Area(id="a", name="Område", colour="#0072b2")
    return Engagement(meta=meta, areas=(area,), capabilities=(), initiatives=tuple(initiatives))


def assert_rules(eng: Engagement, calendar: Schedule, members: tuple[str, ...]) -> None:
    per_week = calendar.per_week
    placed = {s.id: s for s in calendar.items}
    assert set(placed) | {u for u, _ in calendar.unplaced} == set(members)
    for s in calendar.items:
        ini = eng.initiative_by_id[s.id]
        length = s.end_week - s.start_week + 1
        assert length >= min_weeks(ini, per_week), s  # never shorter than it can take
        assert abs(s.load_per_week * length - ini.effort) < 1e-3, s  # effort spent evenly
        assert s.late == (s.end_week > calendar.weeks)
        if ini.status == "in_progress":
            assert s.start_week == 1, s
            continue
        for dep in ini.depends_on:
            if dep in placed:
                assert placed[dep].end_week < s.start_week, (dep, s.id)
    for week in range(1, calendar.finish_week + 1):
        assert calendar.load(week) <= per_week + EPS, week
    assert calendar.lower_bound <= max(calendar.finish_week, calendar.lower_bound)
    if calendar.items:
        assert calendar.finish_week >= calendar.lower_bound


@pytest.mark.parametrize("seed", range(200))
def test_the_schedule_keeps_every_rule(seed: int) -> None:
    eng = random_engagement(random.Random(seed))
    ranking = rank(eng)
    plan = lap_plan(eng, ranking, alternatives=0)
    calendar = schedule(eng, plan, ranking)
    assert calendar is not None
    assert_rules(eng, calendar, plan.members)
    assert calendar == schedule(eng, plan, ranking)  # the same plan, the same schedule


def test_a_recruitment_takes_its_calendar_weeks() -> None:
    eng = read_engagement(EXAMPLE)
    ranking = rank(eng)
    calendar = schedule(eng, lap_plan(eng, ranking), ranking)
    assert calendar is not None
    assert (calendar.start, calendar.weeks, calendar.per_week) == (dt.date(2018, 11, 12), 26, 6)
    recruitment = calendar.by_id("drift-teknikchef")
    assert recruitment is not None
    assert recruitment.end_week - recruitment.start_week + 1 >= 16  # 40 days, 16 weeks at least
    assert recruitment.load_per_week <= 40 / 16
    # In-progress work starts at once; the knowledge base waits for the case coordinator.
    running = [s for s in calendar.items if s.id in ("arendekoordinator", "tva-team")]
    assert all(s.start_week == 1 for s in running)
    base, coordinator = calendar.by_id("kunskapsbank"), calendar.by_id("arendekoordinator")
    assert base is not None and coordinator is not None
    assert base.start_week > coordinator.end_week
    assert_rules(eng, calendar, lap_plan(eng, ranking).members)
    # Warned: running work whose prerequisite is still running.
    assert any(w.startswith("arendekoordinator is in progress") for w in calendar.warnings)


def test_in_progress_work_beyond_the_weekly_capacity_is_stretched() -> None:
    rng = random.Random(1)
    eng = random_engagement(rng)
    big = [
        Initiative(id=f"r{k}", title="R", area="a", effect=3, effort=30, status="in_progress")
        for k in range(3)
    ]
    capacity = Capacity(budget=500, start=dt.date(2026, 1, 5), weeks=10, per_week=5)
    busy = Engagement(
        meta=eng.meta.model_copy(update={"capacity": capacity}),
        areas=eng.areas,
        capabilities=(),
        initiatives=tuple(big),
    )
    ranking = rank(busy)
    calendar = schedule(busy, lap_plan(busy, ranking), ranking)
    assert calendar is not None
    assert all(s.start_week == 1 for s in calendar.items)
    assert calendar.load(1) <= 5 + EPS
    assert all(s.end_week - s.start_week + 1 > math.ceil(30 / 5) for s in calendar.items)
    assert all(s.late for s in calendar.items)  # 90 days at 5 a week cannot end in 10 weeks


def test_no_calendar_falls_back_to_waves_and_says_so(minimal: Path) -> None:
    result = runner.invoke(app, ["roadmap", "-e", str(minimal), "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["calendar"] is False and "waves" in data
    text = runner.invoke(app, ["roadmap", "-e", str(minimal)]).stdout
    assert "waves, because the engagement has no calendar" in text


def test_roadmap_json_is_the_documented_shape_and_the_same_bytes_every_run() -> None:
    first = runner.invoke(app, ["roadmap", "-e", str(EXAMPLE), "-f", "json"])
    assert first.exit_code == 0, first.output
    data = json.loads(first.stdout)
    assert {"start", "weeks", "per_week", "items", "unplaced"} <= set(data)
    assert set(data["items"][0]) >= {
        "id",
        "start_week",
        "end_week",
        "start",
        "end",
        "load_per_week",
    }
    plan = json.loads(runner.invoke(app, ["prioritise", "-e", str(EXAMPLE), "-f", "json"]).stdout)
    assert sorted(i["id"] for i in data["items"]) == sorted(plan["selected"])  # the same plan
    assert data["unplaced"] == []
    again = runner.invoke(app, ["roadmap", "-e", str(EXAMPLE), "-f", "json"])
    assert again.stdout == first.stdout
    recruitment = next(i for i in data["items"] if i["id"] == "drift-teknikchef")
    assert recruitment["end"] == str(
        dt.date(2018, 11, 12) + dt.timedelta(days=7 * recruitment["end_week"] - 1)
    )


def test_waves_options_are_refused_with_a_calendar() -> None:
    result = runner.invoke(app, ["roadmap", "-e", str(EXAMPLE), "--waves", "2"])
    assert result.exit_code == 2
    assert "apply only without a calendar" in result.output


def test_text_roadmap_has_a_gantt_and_the_lower_bound_within_80_columns() -> None:
    result = runner.invoke(app, ["roadmap", "-e", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    gantt = next(line for line in lines if line.startswith("drift-teknikchef  ") and "#" in line)
    assert gantt.count("#") >= 16
    assert "finishes in week" in result.stdout and "lower bound" in result.stdout
