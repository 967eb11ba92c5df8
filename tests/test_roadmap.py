"""Waves: prerequisites earlier, each wave within capacity, best first (analysis/roadmap.py)."""

from __future__ import annotations

from pathlib import Path

from malmiljo_cli.analysis.plan import lap_plan
from malmiljo_cli.analysis.roadmap import Roadmap, plan_waves
from malmiljo_cli.analysis.scoring import rank
from malmiljo_cli.content.words import words
from malmiljo_cli.edit import set_scalar
from malmiljo_cli.models import Engagement
from malmiljo_cli.validate import load_engagement
from malmiljo_cli.write.terminal.roadmap import unplaced_reason


def waves_of(
    folder: Path, *, capacity: float, waves: int | None, everything: bool = False
) -> Roadmap:
    """The lap's plan (or, with `everything`, every open initiative) in waves."""
    eng = load_engagement(folder).engagement
    assert eng is not None
    ranking = rank(eng)
    ids = sorted(ranking.by_id) if everything else lap_plan(eng, ranking).members
    items = [eng.initiative_by_id[i] for i in ids]
    return plan_waves(eng, ranking, items, capacity=capacity, waves=waves)


def started_at_once(eng: Engagement, wave_of: dict[str, int]) -> set[str]:
    """Placed work in progress and, transitively, its placed prerequisites that are not done."""
    found: set[str] = set()
    stack = [i for i in wave_of if eng.initiative_by_id[i].status == "in_progress"]
    while stack:
        ident = stack.pop()
        if ident not in found:
            found.add(ident)
            stack += [
                d
                for d in eng.initiative_by_id[ident].depends_on
                if d in wave_of and eng.initiative_by_id[d].status != "done"
            ]
    return found


def assert_sound(folder: Path, roadmap: Roadmap) -> None:
    eng = load_engagement(folder).engagement
    assert eng is not None
    wave_of = {i: w.number for w in roadmap.waves for i in w.initiatives}
    started = started_at_once(eng, wave_of)
    for w in roadmap.waves:
        assert w.effort == sum(eng.initiative_by_id[i].effort for i in w.initiatives)
        # Only what started at once may take wave 1 past the capacity, and nothing joins it then.
        at_once = sum(eng.initiative_by_id[i].effort for i in started)
        assert w.effort <= (max(roadmap.capacity, at_once) if w.number == 1 else roadmap.capacity)
    for ident, number in wave_of.items():
        if eng.initiative_by_id[ident].status == "in_progress":
            assert number == 1, ident  # running work starts at once, whatever it needs
        for dep in eng.initiative_by_id[ident].depends_on:
            if eng.initiative_by_id[dep].status == "done":
                continue
            # Never after its dependant; beside it only in wave 1, for work begun at once.
            assert dep in wave_of and wave_of[dep] <= number, (ident, dep)
            assert wave_of[dep] < number or (number == 1 and ident in started), (ident, dep)
    early = {e.id: e.needs for e in roadmap.early}
    for ident in started:
        ini = eng.initiative_by_id[ident]
        needs = tuple(sorted(d for d in ini.depends_on if eng.initiative_by_id[d].status != "done"))
        if ini.status == "in_progress":
            assert early.get(ident, ()) == needs, ident  # every exception is said


def test_the_plan_in_three_waves_with_running_work_first(example: Path) -> None:
    roadmap = waves_of(example, capacity=50, waves=3)
    # Work in progress sits in wave 1 whatever its prerequisites; the plan's whole is placed.
    assert_sound(example, roadmap)
    assert [list(w.initiatives) for w in roadmap.waves] == [
        ["arendekoordinator", "tva-team", "helpdesk-uppdrag"],
        ["drift-teknikchef"],  # 40 days: with kunskapsbank (12) wave 2 would hold 52 > 50
        ["kunskapsbank"],
    ]
    assert roadmap.unplaced == ()


def test_all_open_initiatives_with_reasons_for_the_rest(example: Path) -> None:
    roadmap = waves_of(example, capacity=45, waves=2, everything=True)
    assert_sound(example, roadmap)
    placed = {i for w in roadmap.waves for i in w.initiatives}
    reasons = {u.id: u for u in roadmap.unplaced}
    assert placed.isdisjoint(reasons) and len(placed) + len(reasons) == 15
    too_large = reasons["digitaliseringsstod"]
    assert (too_large.reason, too_large.effort) == ("too_large", 50)
    needs = [u for u in reasons.values() if u.reason == "needs"]
    assert needs and all(set(u.needs) <= set(reasons) for u in needs)
    assert any(u.reason == "no_room" and u.waves == 2 for u in reasons.values())
    say = words("en")
    assert unplaced_reason(too_large, 45, say).startswith(
        "larger than a wave (50 > 45 person-days)"
    )
    no_room = next(u for u in reasons.values() if u.reason == "no_room")
    assert unplaced_reason(no_room, 45, say) == "no room in 2 waves of 45 person-days"
    assert unplaced_reason(no_room, 45, words("sv")) == "ryms inte i 2 vågor om 45 persondagar"


def test_unlimited_waves_place_everything_that_fits_a_wave(example: Path) -> None:
    roadmap = waves_of(example, capacity=60, waves=None, everything=True)
    assert_sound(example, roadmap)
    assert roadmap.unplaced == ()
    assert sum(len(w.initiatives) for w in roadmap.waves) == 15


def test_in_progress_work_comes_first_in_its_wave(example: Path) -> None:
    roadmap = waves_of(example, capacity=200, waves=1, everything=True)
    first = roadmap.waves[0].initiatives
    assert first[:3] == ("arendekoordinator", "tva-team", "helpdesk-uppdrag")  # best score first


def test_default_waves_hold_every_member_of_a_plan_without_capacity(minimal: Path) -> None:
    """No budget: the decided 20-day initiative is not refused by waves of a third of 22 days."""
    from malmiljo_cli.analysis.roadmap import in_waves

    path = minimal / "engagement.yaml"
    path.write_text(path.read_text("utf-8").replace("  budget: 30\n", ""), "utf-8")
    eng = load_engagement(minimal).engagement
    assert eng is not None
    ranking = rank(eng)
    plan = lap_plan(eng, ranking)
    roadmap = in_waves(eng, ranking, plan)
    assert roadmap.unplaced == () and roadmap.capacity == 20
    assert [list(w.initiatives) for w in roadmap.waves] == [["chef"], ["tavla"]]
    assert_sound(minimal, roadmap)


def test_running_works_prerequisites_are_never_placed_after_it(example: Path) -> None:
    """introduktionsprogram runs, but kunskapsbank, which it needs, is only proposed: both are
    in wave 1 (kunskapsbank used to land in wave 2, after its dependant), and that is said."""
    from malmiljo_cli.analysis.roadmap import in_waves
    from malmiljo_cli.analysis.schedule import RunningAhead

    path = example / "initiatives" / "introduktionsprogram.yaml"
    set_scalar(example, path, ("status",), "in_progress")
    eng = load_engagement(example).engagement
    assert eng is not None
    ranking = rank(eng)
    roadmap = in_waves(eng, ranking, lap_plan(eng, ranking))
    wave_of = {i: w.number for w in roadmap.waves for i in w.initiatives}
    assert wave_of["introduktionsprogram"] == wave_of["kunskapsbank"] == 1
    assert RunningAhead("introduktionsprogram", ("kunskapsbank",)) in roadmap.early
    assert RunningAhead("arendekoordinator", ("helpdesk-uppdrag",)) in roadmap.early
    assert_sound(example, roadmap)
