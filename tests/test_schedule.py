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
from malmiljo_cli.analysis.schedule import (
    RunningAhead,
    Schedule,
    Unscheduled,
    min_weeks,
    schedule,
)
from malmiljo_cli.analysis.scoring import rank
from malmiljo_cli.cli import app
from malmiljo_cli.content.words import words
from malmiljo_cli.models import Area, Engagement, Initiative
from malmiljo_cli.models.engagement import Capacity, EngagementMeta
from malmiljo_cli.validate import read_engagement
from malmiljo_cli.write.terminal.roadmap import unscheduled_reason, warning

from .helpers import EXAMPLE, in_english

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
    assert RunningAhead("arendekoordinator", ("helpdesk-uppdrag",)) in calendar.warnings


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
    assert "vågor, eftersom uppdraget saknar kalender" in text
    text = runner.invoke(app, ["roadmap", "-e", str(in_english(minimal))]).stdout
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
    assert "klar vecka 21" in result.stdout and "undre gränsen" in result.stdout
    assert "arendekoordinator pågår men dess förutsättning helpdesk-uppdrag är inte klar" in (
        result.stdout
    )


def small_engagement(*initiatives: Initiative, per_week: float = 4, weeks: int = 6) -> Engagement:
    capacity = Capacity(budget=100, start=dt.date(2026, 1, 5), weeks=weeks, per_week=per_week)
    meta = EngagementMeta(
        schema_version=1, name="T", client="K", capacity=capacity, date=dt.date(2026, 1, 7)
    )
    area = Area(id="a", name="Område", colour="#0072b2")
    return Engagement(meta=meta, areas=(area,), capabilities=(), initiatives=initiatives)


def ini(ident: str, effort: float, **fields: object) -> Initiative:
    return Initiative(id=ident, title=ident.upper(), area="a", effect=3, effort=effort, **fields)  # type: ignore[arg-type]


def calendar_of(eng: Engagement) -> Schedule:
    ranking = rank(eng)
    calendar = schedule(eng, lap_plan(eng, ranking), ranking)
    assert calendar is not None
    return calendar


def test_a_small_plan_worked_out_by_hand() -> None:
    """4 person-days a week. R runs (6 days: weeks 1-2 at 3). A (4 days) could start in week 1
    at 1 a week and end in week 4, but ends earlier, in week 3, at full pace. B (2 days, at
    least 2 weeks) needs A: weeks 4-5 at 1. C (1 day) fits beside R in week 1."""
    eng = small_engagement(
        ini("r", 6, status="in_progress"),
        ini("a", 4, status="selected"),
        ini("b", 2, status="selected", depends_on=["a"], duration_weeks=2),
        ini("c", 1, status="selected"),
    )
    calendar = calendar_of(eng)
    got = {s.id: (s.start_week, s.end_week, round(s.load_per_week, 6)) for s in calendar.items}
    assert got == {"r": (1, 2, 3.0), "a": (3, 3, 4.0), "b": (4, 5, 1.0), "c": (1, 1, 1.0)}
    assert [calendar.load(w) for w in range(1, 7)] == [4.0, 3.0, 4.0, 1.0, 1.0, 0.0]
    # The chain a -> b is 3 weeks; all 13 days at 4 a week need 4: the bound is week 4.
    assert (calendar.finish_week, calendar.lower_bound) == (5, 4)
    a, b = calendar.by_id("a"), calendar.by_id("b")
    assert a is not None and b is not None
    assert (a.start, a.end) == (dt.date(2026, 1, 19), dt.date(2026, 1, 25))
    assert (b.start, b.end) == (dt.date(2026, 1, 26), dt.date(2026, 2, 8))
    assert calendar.by_id("nosuch") is None and calendar.warnings == ()


def test_running_work_ignores_its_prerequisites_in_the_bound_and_is_warned_about() -> None:
    eng = small_engagement(
        ini("p", 8, status="selected", duration_weeks=5),
        ini("r", 4, status="in_progress", depends_on=["p"], duration_weeks=1),
        ini("d", 1, status="done"),
        ini("q", 4, status="in_progress", depends_on=["d"]),
    )
    calendar = calendar_of(eng)
    # r starts at once, though p (5 weeks) is not done: the chain is 5 weeks, not 6.
    assert calendar.lower_bound == 5
    assert calendar.warnings == (RunningAhead("r", ("p",)),)
    assert warning(calendar.warnings[0], words("en")) == (
        "r is in progress but its prerequisite p is not done"
    )
    two = RunningAhead("r", ("p", "q"))
    assert warning(two, words("en")) == "r is in progress but its prerequisites p, q are not done"
    assert warning(two, words("sv")) == "r pågår men dess förutsättningar p, q är inte klara"
    r = calendar.by_id("r")
    assert r is not None and r.start_week == 1


def test_running_work_over_the_weekly_capacity_is_stretched_evenly() -> None:
    """Three running pieces of 30 days want 5 a week each; 5 a week in all stretches each by
    three: 18 weeks at 30/18."""
    eng = small_engagement(
        *(ini(f"r{k}", 30, status="in_progress") for k in range(3)), per_week=5, weeks=10
    )
    calendar = calendar_of(eng)
    assert {(s.start_week, s.end_week) for s in calendar.items} == {(1, 18)}
    assert all(abs(s.load_per_week - 30 / 18) < 1e-9 for s in calendar.items)
    assert all(s.late for s in calendar.items) and calendar.finish_week == 18
    assert calendar.lower_bound == 18  # 90 days at 5 a week


def test_the_fewest_weeks() -> None:
    assert min_weeks(ini("x", 8), 4) == 2  # exactly two full weeks, not three
    assert min_weeks(ini("x", 8.5), 4) == 3
    assert min_weeks(ini("x", 0.5), 4) == 1
    assert min_weeks(ini("x", 1, duration_weeks=16), 4) == 16


def test_members_beyond_the_horizon_are_unplaced_with_their_dependants(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from malmiljo_cli.analysis import schedule as module

    monkeypatch.setattr(module, "HORIZON_FACTOR", -1)  # horizon: sum of weeks minus the lap
    eng = small_engagement(
        ini("r", 40, status="in_progress"),
        ini("a", 4, status="selected"),
        ini("b", 4, status="selected", depends_on=["a"]),
        per_week=4,
        weeks=8,
    )
    calendar = calendar_of(eng)
    assert [s.id for s in calendar.items] == ["r"]
    horizon = 4  # as the board found it for this lap
    assert calendar.unplaced == (
        Unscheduled("a", "no_room", horizon),
        Unscheduled("b", "prerequisite_unscheduled", horizon),
    )
    assert unscheduled_reason(calendar.unplaced[0], words("en")) == (
        f"no room within {horizon} weeks"
    )


def test_no_calendar_without_weeks_or_per_week() -> None:
    eng = small_engagement(ini("a", 4, status="selected"))
    for change in ({"weeks": None}, {"per_week": None}):
        capacity = eng.meta.capacity.model_copy(update=change)
        other = Engagement(
            meta=eng.meta.model_copy(update={"capacity": capacity}),
            areas=eng.areas,
            capabilities=(),
            initiatives=eng.initiatives,
        )
        ranking = rank(other)
        assert schedule(other, lap_plan(other, ranking), ranking) is None
    empty = small_engagement()
    assert calendar_of(empty).finish_week == 0
