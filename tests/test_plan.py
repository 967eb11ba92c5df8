"""The lap's plan (analysis/plan.py), checked against brute force on random small engagements.

Each random engagement has random efforts, ratings, prerequisites and statuses (so random
decisions: selected and in-progress work), a random budget and sometimes a count limit. Every
subset of the open initiatives is tried: the plan must be feasible, hold the decided work and
what it needs, and be worth the most; every reason and every departure is checked against the
best plan that brute force finds under the same change.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from malmiljo_cli.analysis.plan import LapPlan, OverCapacity, lap_plan
from malmiljo_cli.analysis.scoring import Ranking, rank
from malmiljo_cli.cli import app
from malmiljo_cli.errors import UsageError
from malmiljo_cli.models import Area, Engagement, Initiative
from malmiljo_cli.models.engagement import Capacity, EngagementMeta
from malmiljo_cli.validate import read_engagement

from .helpers import EXAMPLE
from .reasons_oracle import expected, feasible_plans

EPS = 1e-6
STATUSES = ("proposed", "proposed", "proposed", "selected", "in_progress", "done")
runner = CliRunner()


def random_engagement(rng: random.Random) -> Engagement:
    n = rng.randint(2, 8)
    initiatives = []
    for k in range(n):
        earlier = [f"i{j}" for j in range(k)]
        initiatives.append(
            Initiative(
                id=f"i{k}",
                title=f"Initiativ {k}",
                area="a",
                effect=rng.randint(1, 5),
                urgency=rng.randint(1, 5),
                risk_reduction=rng.randint(1, 5),
                effort=rng.choice([1, 2, 3, 5, 8, 13]),
                depends_on=rng.sample(earlier, k=min(len(earlier), rng.choice([0, 0, 1, 2]))),
                status=rng.choice(STATUSES),
            )
        )
    capacity = Capacity(
        budget=rng.choice([4, 8, 12, 20, 30]),
        max_initiatives=rng.choice([None, None, 1, 2, 3, 4]),
    )
    meta = EngagementMeta(schema_version=1, name="Test", client="Klient", capacity=capacity)
    area = Area(id="a", name="Område", colour="#0072b2")
    return Engagement(meta=meta, areas=(area,), capabilities=(), initiatives=tuple(initiatives))


class Oracle:
    """Brute force over every subset of the open initiatives."""

    def __init__(self, eng: Engagement, ranking: Ranking) -> None:
        self.eng = eng
        self.ids = sorted(ranking.by_id)
        self.value = {i: ranking.by_id[i].value for i in self.ids}
        self.effort = {i: ranking.by_id[i].effort for i in self.ids}
        capacity = eng.meta.capacity
        assert capacity.budget is not None
        self.budget, self.limit = capacity.budget, capacity.max_initiatives

    def closure(self, start: Iterable[str]) -> set[str]:
        seen: set[str] = set()
        stack = list(start)
        while stack:
            i = stack.pop()
            if i not in seen:
                seen.add(i)
                stack += [d for d in self.eng.initiative_by_id[i].depends_on if d in self.value]
        return seen

    def feasible(self, plan: set[str], fixed: set[str]) -> bool:
        return (
            self.closure(fixed) <= plan
            and sum(self.effort[i] for i in plan) <= self.budget + EPS
            and (self.limit is None or len(plan) <= self.limit)
            and all(self.closure([i]) <= plan for i in plan)
        )

    def best(self, fixed: set[str], *, holding: str | None = None) -> float | None:
        """The most value of a feasible plan keeping `fixed` (and holding `holding`)."""
        found = None
        for size in range(len(self.ids) + 1):
            for combo in itertools.combinations(self.ids, size):
                plan = set(combo)
                if holding is not None and holding not in plan:
                    continue
                if self.feasible(plan, fixed):
                    worth = sum(self.value[i] for i in plan)
                    found = worth if found is None else max(found, worth)
        return found


def committed(eng: Engagement, ranking: Ranking, *statuses: str) -> set[str]:
    return {i for i in ranking.by_id if eng.initiative_by_id[i].status in statuses}


def check_plan(eng: Engagement, ranking: Ranking, plan: LapPlan, oracle: Oracle) -> None:
    decided = committed(eng, ranking, "selected", "in_progress")
    members = set(plan.members)
    assert set(plan.committed) == decided
    assert [r.id for r in plan.left_out] == sorted(set(oracle.ids) - members)
    check_reasons(plan)
    if plan.over_capacity:
        assert members == oracle.closure(decided)
        assert oracle.best(decided) is None  # truly over: no plan keeps every decision
        check_over_capacity(plan, oracle)
        return
    assert oracle.feasible(members, decided), plan
    best = oracle.best(decided)
    assert best is not None and abs(plan.value - best) < EPS
    assert abs(plan.value - sum(oracle.value[i] for i in members)) < EPS
    assert abs(plan.effort - sum(oracle.effort[i] for i in members)) < EPS
    # Members in only because decided work needs them are named with who needs them.
    for ident, users in plan.needed_by.items():
        assert ident not in decided and all(ident in oracle.closure([u]) for u in users)
    for reason in plan.left_out:
        check_best_with(plan, oracle, reason.id, decided)
    check_departures(eng, ranking, plan, oracle)


def check_over_capacity(plan: LapPlan, oracle: Oracle) -> None:
    """The decided work's own figures, and what it breaks."""
    over = plan.over_capacity
    assert over is not None
    effort = sum(oracle.effort[i] for i in plan.members)
    assert abs(over.effort - effort) < EPS and over.budget == oracle.budget
    assert over.count == len(plan.members) and over.limit == oracle.limit
    days = effort > oracle.budget + EPS
    count = oracle.limit is not None and len(plan.members) > oracle.limit
    assert over.breaks == ("days",) * days + ("count",) * count and over.breaks


def check_reasons(plan: LapPlan) -> None:
    """Every left-out initiative's figures as brute force over the plan's problem gives them."""
    inst = plan.instance
    assert inst is not None
    index = {ident: i for i, ident in enumerate(inst.ids)}
    members = frozenset(index[i] for i in plan.members)
    plans = feasible_plans(inst)
    for r in plan.left_out:
        e = expected(inst, members, index[r.id], plans)
        assert r.code == e.code, (r, e)
        assert abs(r.days - e.days) < EPS and abs(r.room - e.room) < EPS, (r, e)
        assert r.count == e.count and r.breaks == e.breaks, (r, e)
        assert {index[n] for n in r.needs} == e.needs and list(r.needs) == sorted(r.needs)
        assert r.possible == e.possible, (r, e)
        if e.best_with is None:
            assert r.best_with is None and r.displaces is None, r
            assert r.breaks or r.code in ("excluded", "needs_excluded"), r  # said why
            continue
        assert r.best_with is not None and abs(r.best_with - e.best_with) < EPS, (r, e)
        assert r.best_with <= plan.value + EPS
        assert r.displaces is not None and {index[n] for n in r.displaces} in e.displaces
        assert list(r.displaces) == [m for m in plan.members if m in r.displaces]  # plan order
        if r.code == "lower_value":  # it fits beside the plan and adds nothing
            assert abs(r.best_with - plan.value) < EPS and r.displaces == ()


def check_best_with(plan: LapPlan, oracle: Oracle, ident: str, decided: set[str]) -> None:
    """best_with against brute force over the engagement itself (not the plan's problem)."""
    reason = plan.reason(ident)
    assert reason is not None
    with_it = oracle.best(decided, holding=ident)
    if with_it is None:
        assert reason.best_with is None and not reason.possible
    else:
        assert reason.best_with is not None and abs(reason.best_with - with_it) < EPS


def check_departures(eng: Engagement, ranking: Ranking, plan: LapPlan, oracle: Oracle) -> None:
    decided = committed(eng, ranking, "selected", "in_progress")
    running = committed(eng, ranking, "in_progress")
    freer = oracle.best(running)
    assert freer is not None
    if freer > plan.value + EPS:  # the decisions cost value: some departure must say so
        assert plan.departures, plan
    for d in plan.departures:
        if d.kind == "committed_not_optimal":
            assert d.id in decided - running
            expected = oracle.best(decided - {d.id})
        else:
            assert d.id not in decided and d.id not in plan.members
            expected = oracle.best(decided, holding=d.id)
        if expected is None:
            assert d.value_delta is None
        else:
            assert d.value_delta is not None and abs(d.value_delta - (expected - plan.value)) < EPS


@pytest.mark.parametrize("seed", range(150))
def test_plan_equals_brute_force_with_random_decisions(seed: int) -> None:
    rng = random.Random(seed)
    eng = random_engagement(rng)
    ranking = rank(eng)
    plan = lap_plan(eng, ranking, alternatives=0)
    check_plan(eng, ranking, plan, Oracle(eng, ranking))


@pytest.mark.parametrize("seed", range(40))
def test_reconsider_frees_selected_work_but_never_running_work(seed: int) -> None:
    rng = random.Random(1000 + seed)
    eng = random_engagement(rng)
    ranking = rank(eng)
    oracle = Oracle(eng, ranking)
    freed = lap_plan(eng, ranking, reconsider=True, alternatives=0)
    running = committed(eng, ranking, "in_progress")
    if freed.over_capacity:
        assert oracle.best(running) is None
        return
    best = oracle.best(running)
    assert best is not None and abs(freed.value - best) < EPS
    assert oracle.feasible(set(freed.members), running)
    kept = lap_plan(eng, ranking, alternatives=0)
    assert freed.departures == kept.departures  # the same departures, whichever plan is shown


def test_the_example_plan_keeps_every_decision() -> None:
    eng = read_engagement(EXAMPLE)
    plan = lap_plan(eng, rank(eng))
    assert plan.members == (
        "arendekoordinator", "drift-teknikchef", "tva-team", "helpdesk-uppdrag", "kunskapsbank"
    )  # fmt: skip
    assert plan.committed == (
        "arendekoordinator", "drift-teknikchef", "helpdesk-uppdrag", "tva-team"
    )  # fmt: skip
    assert plan.done == ("scrumtavla",) and "scrumtavla" not in plan
    assert round(plan.value, 1) == 330.6 and plan.effort == 90
    assert (plan.budget, plan.max_count) == (150, 5)  # the limits the reasons are said against


def test_a_tight_budget_shows_a_departure_with_its_cost() -> None:
    """80 days: keeping the recruitment (40) costs the value two cheaper initiatives bring."""
    eng = read_engagement(EXAMPLE)
    ranking = rank(eng)
    plan = lap_plan(eng, ranking, budget=80)
    departure = next(d for d in plan.departures if d.kind == "committed_not_optimal")
    assert departure.id == "drift-teknikchef"
    freed = lap_plan(eng, ranking, budget=80, reconsider=True)
    assert "drift-teknikchef" not in freed and departure.value_delta is not None
    assert abs(departure.value_delta - (freed.value - plan.value)) < EPS
    assert {d.id for d in plan.departures if d.kind == "optimal_not_committed"} == (
        set(freed.members) - set(plan.members)
    )


def test_prerequisites_of_decided_work_join_the_plan() -> None:
    eng = read_engagement(EXAMPLE)
    # Decide on the knowledge base's follow-up: the introduction programme needs it.
    intro = eng.initiative_by_id["introduktionsprogram"].model_copy(update={"status": "selected"})
    changed = Engagement(
        meta=eng.meta,
        areas=eng.areas,
        capabilities=eng.capabilities,
        initiatives=tuple(intro if i.id == intro.id else i for i in eng.initiatives),
    )
    plan = lap_plan(changed, rank(changed), max_count=6)
    assert "introduktionsprogram" in plan and "kunskapsbank" in plan
    assert plan.needed_by == {"kunskapsbank": ("introduktionsprogram",)}


def test_excluding_decided_work_drops_the_decision_but_running_work_is_refused() -> None:
    eng = read_engagement(EXAMPLE)
    ranking = rank(eng)
    plan = lap_plan(eng, ranking, exclude=["drift-teknikchef"])
    assert "drift-teknikchef" not in plan and "drift-teknikchef" not in plan.committed
    with pytest.raises(UsageError, match="'tva-team' is in progress"):
        lap_plan(eng, ranking, exclude=["tva-team"])
    # helpdesk-uppdrag is in progress itself; the message names that, not its dependants.
    with pytest.raises(UsageError, match="'helpdesk-uppdrag' is in progress"):
        lap_plan(eng, ranking, exclude=["helpdesk-uppdrag"])


def test_capacity_from_weeks_when_no_budget_is_given() -> None:
    eng = read_engagement(EXAMPLE)
    capacity = eng.meta.capacity.model_copy(update={"budget": None})
    assert capacity.lap_budget == 26 * 6
    meta = eng.meta.model_copy(update={"capacity": capacity})
    changed = Engagement(
        meta=meta, areas=eng.areas, capabilities=eng.capabilities, initiatives=eng.initiatives
    )
    assert lap_plan(changed, rank(changed)).budget == 156
    none = meta.capacity.model_copy(update={"per_week": None})
    assert none.lap_budget is None


def test_write_sets_statuses_to_the_plan_and_says_what_changed(example: Path) -> None:
    args = ["prioritise", "-e", str(example), "--budget", "80", "--reconsider", "--write"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "drift-teknikchef: beslutat -> föreslaget" in result.stderr
    assert "statusarna följer nu planen: 3 ändrade" in result.stderr
    after = read_engagement(example)
    statuses = {i.id: i.status for i in after.initiatives}
    assert statuses["drift-teknikchef"] == "proposed"
    assert statuses["tva-team"] == "in_progress"  # running work is never touched
    freed = runner.invoke(app, ["prioritise", "-e", str(example), "-f", "json"])
    assert freed.exit_code == 0
    again = runner.invoke(app, [*args[:-1], "--write"])
    assert "0 ändrade" in again.stderr  # the files already follow the plan


@pytest.mark.parametrize("seed", range(12))
def test_the_milp_path_beyond_twenty_candidates_matches_enumeration(seed: int) -> None:
    """More than 20 open initiatives go to HiGHS; enumeration of the (few, with a small
    budget) feasible plans is the exact oracle for the plan and each reason's best plan."""
    from malmiljo_cli.analysis.selection import feasible_sets

    rng = random.Random(5000 + seed)
    eng = random_engagement(rng)
    extra = [
        Initiative(
            id=f"x{k}", title=f"Extra {k}", area="a", effect=rng.randint(1, 5),
            effort=rng.choice([2, 3, 5, 8]), status="proposed",
            depends_on=rng.sample([f"x{j}" for j in range(k)], k=min(k, rng.choice([0, 1]))),
        )
        for k in range(22)
    ]  # fmt: skip
    for_test = Engagement(
        meta=eng.meta.model_copy(update={"capacity": Capacity(budget=10, max_initiatives=None)}),
        areas=eng.areas,
        capabilities=(),
        initiatives=tuple(i.model_copy(update={"status": "proposed"}) for i in eng.initiatives)
        + tuple(extra),
    )
    ranking = rank(for_test)
    plan = lap_plan(for_test, ranking, alternatives=0)
    assert plan.solver == "highs" and plan.instance is not None
    plans = feasible_sets(plan.instance, limit=None)
    assert plans is not None
    assert abs(plan.value - max(p.value for p in plans)) < EPS
    index = {ident: i for i, ident in enumerate(plan.instance.ids)}
    members = frozenset(index[i] for i in plan.members)
    every = [p.members for p in plans]  # the enumerated feasible plans stand in for brute force
    for r in plan.left_out:
        e = expected(plan.instance, members, index[r.id], every)
        assert (r.code, r.count, r.breaks, r.possible) == (e.code, e.count, e.breaks, e.possible)
        assert abs(r.days - e.days) < EPS and abs(r.room - e.room) < EPS
        if e.best_with is None:
            assert r.best_with is None and r.displaces is None
        else:
            assert r.best_with is not None and abs(r.best_with - e.best_with) < EPS
            assert r.displaces is not None and {index[n] for n in r.displaces} in e.displaces


def with_statuses(eng: Engagement, **statuses: str) -> Engagement:
    return Engagement(
        meta=eng.meta,
        areas=eng.areas,
        capabilities=eng.capabilities,
        initiatives=tuple(
            i.model_copy(update={"status": statuses[i.id]}) if i.id in statuses else i
            for i in eng.initiatives
        ),
    )


def test_prerequisites_of_decided_work_join_transitively() -> None:
    eng = with_statuses(read_engagement(EXAMPLE), digitaliseringsstod="selected")
    plan = lap_plan(eng, rank(eng), budget=200, max_count=8)
    # digitaliseringsstod needs bestallarrad, which needs uppdragsbeskrivning (tva-team runs).
    assert plan.needed_by == {
        "bestallarrad": ("digitaliseringsstod",),
        "uppdragsbeskrivning": ("digitaliseringsstod",),
    }
    assert {"digitaliseringsstod", "bestallarrad", "uppdragsbeskrivning"} <= set(plan.members)


def test_runners_up_flags_and_limits_are_kept_on_every_path(minimal: Path) -> None:
    eng = read_engagement(EXAMPLE)
    ranking = rank(eng)
    plan = lap_plan(eng, ranking)
    assert len(plan.alternatives) == 3 and not plan.reconsidered  # three runners-up by default
    for alt in plan.alternatives:
        ranks = [ranking.by_id[i].rank for i in alt.members]
        assert ranks == sorted(ranks)  # best rank first, as the plan itself
    assert lap_plan(eng, ranking, reconsider=True).reconsidered
    over = lap_plan(eng, ranking, budget=30)
    assert over.over_capacity and over.max_count == 5 and over.instance is not None
    assert {r.id for r in over.left_out} == set(ranking.by_id) - set(over.members)
    assert over.reason("drift-teknikchef") is None and over.reason("nosuch") is None
    assert {r.code for r in over.left_out} == {"does_not_fit"}
    count = lap_plan(eng, ranking, max_count=3)
    over_count = count.over_capacity
    assert over_count is not None and over_count.cost_budget is None  # no money limit here
    assert over_count == OverCapacity(78, 150, 4, 3, ("count",), cost=over_count.cost)
    first = count.left_out[0]  # bestallarrad brings uppdragsbeskrivning: 2 more of 3 at most
    assert (first.id, first.code, first.days, first.room, first.count) == (
        "bestallarrad", "count_limit", 23, 72, 6
    )  # fmt: skip
    assert first.breaks == ("count",) and not first.possible and first.best_with is None
    assert all("count" in r.breaks for r in count.left_out)
    bare = read_engagement(minimal)
    capacity = bare.meta.capacity.model_copy(update={"budget": None})
    free = Engagement(
        meta=bare.meta.model_copy(update={"capacity": capacity}),
        areas=bare.areas,
        capabilities=bare.capabilities,
        initiatives=bare.initiatives,
    )
    none = lap_plan(free, rank(free))
    assert none.budget is None and none.max_count == 2 and not none.has_capacity


def test_an_impossible_must_beside_decided_work_says_so() -> None:
    from malmiljo_cli.analysis.selection import Infeasible

    eng = read_engagement(EXAMPLE)
    with pytest.raises(Infeasible, match=r"\(with the decided work\)$"):
        lap_plan(eng, rank(eng), must=["digitaliseringsstod"])


def test_repair_gives_a_plan_that_fits_or_none() -> None:
    from malmiljo_cli.analysis.plan import _repair
    from malmiljo_cli.analysis.selection import Instance

    inst = Instance(
        ids=("a", "b", "c", "d"), values=(9, 1, 4, 8), efforts=(5, 5, 2, 4),
        requires=((), (), (1,), ()), budget=10, must=frozenset({0}),
    )  # fmt: skip
    plan = _repair(inst, frozenset({0, 1, 2, 3}))
    assert plan is not None and inst.fits(plan.members) and 0 in plan.members
    assert plan.members == frozenset({0, 3})  # c (needs b) and then b go first: least value a day
    stuck = Instance(
        ids=("a", "b"), values=(1, 1), efforts=(6, 6), requires=((), ()), budget=10,
        must=frozenset({0, 1}),
    )  # fmt: skip
    assert _repair(stuck, frozenset({0, 1})) is None
    # The least value a day goes first, wherever it stands in the order of the ids.
    ratio = Instance(
        ids=("a", "b", "c"), values=(9, 8, 1), efforts=(5, 4, 4), requires=((), (), ()),
        budget=10, must=frozenset({0}),
    )  # fmt: skip
    kept = _repair(ratio, frozenset({0, 1, 2}))
    assert kept is not None and kept.members == frozenset({0, 1})


@pytest.mark.parametrize("seed", range(6))
def test_departures_past_twenty_candidates_match_enumeration(seed: int) -> None:
    """Departures solved by HiGHS (two at a time) against the enumerated feasible plans."""
    from dataclasses import replace

    from malmiljo_cli.analysis.selection import feasible_sets

    rng = random.Random(7000 + seed)
    initiatives = [
        Initiative(
            id=f"x{k:02d}", title=f"X {k}", area="a", effect=rng.randint(1, 5),
            urgency=rng.randint(1, 5), effort=2 if k < 3 else rng.choice([2, 3, 4, 6]),
            status="selected" if k < 3 else "proposed",
        )
        for k in range(24)
    ]  # fmt: skip
    eng = Engagement(
        meta=EngagementMeta(schema_version=1, name="T", client="K", capacity=Capacity(budget=12)),
        areas=(Area(id="a", name="A", colour="#0072b2"),),
        capabilities=(),
        initiatives=tuple(initiatives),
    )
    ranking = rank(eng)
    plan = lap_plan(eng, ranking, alternatives=0)
    assert plan.solver == "highs" and plan.instance is not None
    inst = plan.instance
    index = {ident: i for i, ident in enumerate(inst.ids)}

    def best(problem: object) -> float | None:
        plans = feasible_sets(problem, limit=None)  # type: ignore[arg-type]
        assert plans is not None
        return max((p.value for p in plans), default=None) if plans else None

    decided = frozenset(index[i] for i in ("x00", "x01", "x02"))
    freer = best(replace(inst, must=frozenset()))
    assert freer is not None
    if freer > plan.value + EPS:
        assert plan.departures
    for d in plan.departures:
        if d.kind == "committed_not_optimal":
            expected = best(replace(inst, must=decided - {index[d.id]}))
        else:
            expected = best(replace(inst, must=decided | {index[d.id]}))
        if expected is None:
            assert d.value_delta is None
        else:
            assert d.value_delta is not None
            assert abs(d.value_delta - (expected - plan.value)) < EPS
