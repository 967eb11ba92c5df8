"""Why each initiative waits: its figures against brute force (analysis/selection.py, plan.py)
and their wording in Swedish and English in every output (content/reasons.py)."""

from __future__ import annotations

import dataclasses
import io
import random
import re
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from malmiljo_cli.analysis.plan import LapPlan, LeftOut, OverCapacity, lap_plan
from malmiljo_cli.analysis.scoring import rank
from malmiljo_cli.analysis.selection import Infeasible, Instance, explain, solve
from malmiljo_cli.cli import app
from malmiljo_cli.content import reasons
from malmiljo_cli.content.formatter import Formatter
from malmiljo_cli.errors import UsageError
from malmiljo_cli.models import Engagement
from malmiljo_cli.validate import read_engagement

from .helpers import EXAMPLE
from .reasons_oracle import EPS, expected, feasible_plans
from .test_plan import check_reasons, random_engagement
from .test_selection import instances

runner = CliRunner()
ZERO_DAYS = re.compile(r"(?<![\d,.])0 (persondagar|person-days)")


# --- the figures against brute force ----------------------------------------------------------


@st.composite
def with_money(draw: st.DrawFn) -> Instance:
    """An instance with costs and, mostly, a cost budget (issue 20's money)."""
    inst = draw(instances())
    costs = tuple(float(draw(st.integers(0, 10))) for _ in range(inst.size))
    limit = draw(st.none() | st.integers(0, 30))
    return dataclasses.replace(
        inst, costs=costs, cost_budget=None if limit is None else float(limit)
    )


@settings(max_examples=200, deadline=None)
@given(instances() | with_money())
def test_every_reason_equals_brute_force_on_both_solvers(inst: Instance) -> None:
    """Random instances with must, exclude, zero values, ties and money: every field."""
    plans = feasible_plans(inst)
    if not plans:
        return
    for solver in ("enumerate", "milp"):
        solution = solve(inst, solver=solver)  # type: ignore[arg-type]
        plan = solution.best.members
        assert [r.index for r in solution.reasons] == sorted(
            set(range(inst.size)) - plan, key=inst.ids.__getitem__
        )
        for r in solution.reasons:
            e = expected(inst, plan, r.index, plans)
            assert (r.code, r.count, r.breaks, r.possible) == (
                e.code, e.count, e.breaks, e.possible
            ), (solver, r, e)  # fmt: skip
            assert abs(r.days - e.days) < EPS and abs(r.room - e.room) < EPS
            assert abs(r.cost - e.cost) < EPS
            assert (r.cost_room is None) == (e.cost_room is None), (r, e)
            assert r.cost_room is None or abs(r.cost_room - (e.cost_room or 0)) < EPS
            assert set(r.needs) == e.needs and list(r.needs) == sorted(
                r.needs, key=inst.ids.__getitem__
            )
            if e.best_with is None:
                assert r.best_with is None and r.displaces is None
            else:
                assert r.best_with is not None and abs(r.best_with - e.best_with) < EPS
                assert r.displaces is not None and frozenset(r.displaces) in e.displaces
                assert list(r.displaces) == sorted(r.displaces)


def random_exclude(eng: Engagement, rng: random.Random) -> list[str]:
    """Up to one proposed initiative to exclude (running work may not be)."""
    proposed = [i.id for i in eng.initiatives if i.status == "proposed"]
    return rng.sample(proposed, k=min(len(proposed), rng.choice([0, 1])))


@pytest.mark.parametrize("seed", range(120))
def test_lap_plan_reasons_with_random_decisions_exclusions_and_reconsidering(seed: int) -> None:
    rng = random.Random(3000 + seed)
    eng = random_engagement(rng)
    ranking = rank(eng)
    exclude = random_exclude(eng, rng)
    try:
        plan = lap_plan(eng, ranking, exclude=exclude, reconsider=rng.random() < 0.3)
    except (Infeasible, UsageError):
        return  # running work needs the excluded one: refused, not a plan
    check_reasons(plan)


def test_the_random_cases_cover_every_kind_of_reason() -> None:
    """The seeds above (and test_plan's) reach each code, both over-capacity kinds, both
    constraints at once, impossible initiatives and best plans that give members up."""
    seen: Counter[str] = Counter()
    for seed in range(120):
        rng = random.Random(3000 + seed)
        eng = random_engagement(rng)
        exclude = random_exclude(eng, rng)
        try:
            plan = lap_plan(eng, rank(eng), exclude=exclude, reconsider=rng.random() < 0.3)
        except (Infeasible, UsageError):
            continue
        if plan.over_capacity is not None:
            seen["over " + "+".join(plan.over_capacity.breaks)] += 1
        for r in plan.left_out:
            seen[r.code] += 1
            seen["+".join(r.breaks) or "nothing"] += 1
            seen["impossible"] += not r.possible
            seen["displaces"] += bool(r.displaces)
    wanted = {"excluded", "needs_excluded", "does_not_fit", "needs", "count_limit", "days",
              "count", "days+count", "over days", "over count", "over days+count",
              "impossible", "displaces"}  # fmt: skip
    assert wanted <= {k for k, v in seen.items() if v}, seen


def test_lower_value_is_a_zero_value_that_fits() -> None:
    inst = Instance(
        ids=("a", "z"), values=(5, 0), efforts=(2, 1), requires=((), ()), budget=10
    )  # fmt: skip
    (z,) = solve(inst).reasons
    assert (z.code, z.breaks, z.best_with, z.displaces) == ("lower_value", (), 5, ())


def test_over_capacity_explains_from_the_decided_work() -> None:
    """P is the decided work, which alone breaks the budget: no room, nothing possible."""
    inst = Instance(
        ids=("a", "b", "c"), values=(1, 1, 1), efforts=(40, 30, 8), requires=((), (), ()),
        budget=60, must=frozenset({0, 1}),
    )  # fmt: skip
    (c,) = explain(inst, frozenset({0, 1}), best_holding=lambda i: None)
    assert (c.code, c.days, c.room, c.count, c.breaks, c.possible) == (
        "does_not_fit", 8, 0, 3, ("days",), False
    )  # fmt: skip


# --- the wording --------------------------------------------------------------------------------


def formatter(lang: str) -> Formatter:
    return Formatter(read_engagement(EXAMPLE), lang)


def plan_of(*left: LeftOut, over: OverCapacity | None = None, value: float = 30.0) -> LapPlan:
    return LapPlan(
        members=("a", "b"), committed=("a",), needed_by={}, done=(), value=value, effort=52,
        budget=60, max_count=5, method="weighted", left_out=left, over_capacity=over,
    )  # fmt: skip


OVER = OverCapacity(effort=70, budget=60, count=4, limit=5, breaks=("days",))
CASES = [
    (
        LeftOut("c", "does_not_fit", 8, 0, 5, ("days",), possible=False),
        OVER,
        "ryms inte: det lägger till 8 persondagar och inga återstår: det beslutade arbetet "
        "tar 70 persondagar av 60",
        "does not fit: it adds 8 person-days and none remain: the decided work alone takes "
        "70 person-days of 60",
    ),
    (
        LeftOut("c", "does_not_fit", 9.5, 0, 7, ("days", "count"), ("p", "q"), possible=False),
        OverCapacity(effort=70, budget=60, count=6, limit=5, breaks=("days", "count")),
        "ryms inte: det lägger till 9,5 persondagar (med p och q) och inga återstår, och planen "
        "skulle rymma 7 initiativ, gränsen är 5: det beslutade arbetet tar 70 persondagar av 60 "
        "och är 6 initiativ, gränsen är 5",
        "does not fit: it adds 9.5 person-days (with p and q) and none remain, and the plan would "
        "hold 7 initiatives, the limit is 5: the decided work alone takes 70 person-days of 60 "
        "and is 6 initiatives, the limit is 5",
    ),
    (
        LeftOut("c", "needs", 12, 8, 4, ("days",), ("p",), True, 27.5, ("b",)),
        None,
        "behöver p utanför planen: tillsammans lägger de till 12 persondagar och 8 persondagar "
        "återstår; den bästa planen med det är värd 27,5 (2,5 mindre), utan b",
        "needs p, outside the plan: together they add 12 person-days and 8 person-days remain; "
        "the best plan with it is worth 27.5 (2.5 less), without b",
    ),
    (
        LeftOut("c", "count_limit", 2, 8, 6, ("count",), possible=False),
        None,
        "antalsgränsen binder: med det skulle planen rymma 6 initiativ, gränsen är 5; ingen plan "
        "som behåller besluten rymmer det",
        "the count limit binds: with it the plan would hold 6 initiatives, the limit is 5; no "
        "plan that keeps the decisions can hold it",
    ),
    (
        LeftOut("c", "count_limit", 2, 8, 6, ("count",), best_with=30, displaces=("a", "b")),
        None,
        "antalsgränsen binder: med det skulle planen rymma 6 initiativ, gränsen är 5; den bästa "
        "planen med det är värd lika mycket (30,0), utan a och b",
        "the count limit binds: with it the plan would hold 6 initiatives, the limit is 5; the "
        "best plan with it is worth as much (30.0), without a and b",
    ),
    (
        LeftOut("c", "count_limit", 2, 8, 6, ("count",)),  # beyond the MILP limit: not solved
        None,
        "antalsgränsen binder: med det skulle planen rymma 6 initiativ, gränsen är 5",
        "the count limit binds: with it the plan would hold 6 initiatives, the limit is 5",
    ),
    (
        LeftOut("c", "lower_value", 1, 8, 3, (), best_with=30, displaces=()),
        None,
        "lägre värde: det ryms; den bästa planen med det är värd lika mycket (30,0)",
        "lower value: it fits; the best plan with it is worth as much (30.0)",
    ),
    (
        LeftOut("c", "lower_value", 1, 8, 3),
        None,
        "lägre värde: det ryms, men planen är värd lika mycket eller mer utan det",
        "lower value: it fits, but the plan is worth as much or more without it",
    ),
]


CASES += [
    (  # half a day remains: said, not rounded to none
        LeftOut("c", "does_not_fit", 2, 0.5, 3, ("days",), possible=True, best_with=29.6),
        None,
        "ryms inte: det lägger till 2 persondagar och 0,5 persondagar återstår; den bästa planen "
        "med det är värd 29,6 (0,4 mindre)",
        "does not fit: it adds 2 person-days and 0.5 person-days remain; the best plan with it "
        "is worth 29.6 (0.4 less)",
    ),
    (  # less than a tenth less reads as much, as the value is shown with one decimal
        LeftOut("c", "count_limit", 1, 8, 6, ("count",), best_with=29.96, displaces=("a",)),
        None,
        "antalsgränsen binder: med det skulle planen rymma 6 initiativ, gränsen är 5; den bästa "
        "planen med det är värd lika mycket (30,0), utan a",
        "the count limit binds: with it the plan would hold 6 initiatives, the limit is 5; the "
        "best plan with it is worth as much (30.0), without a",
    ),
    (  # a budget with a half day keeps its decimal
        LeftOut("c", "does_not_fit", 3, 0, 5, ("days",), possible=False),
        OverCapacity(effort=61, budget=60.5, count=4, limit=None, breaks=("days",)),
        "ryms inte: det lägger till 3 persondagar och inga återstår: det beslutade arbetet tar "
        "61 persondagar av 60,5",
        "does not fit: it adds 3 person-days and none remain: the decided work alone takes 61 "
        "person-days of 60.5",
    ),
]


@pytest.mark.parametrize(("reason", "over", "sv", "en"), CASES)
def test_reasons_in_swedish_and_english(
    reason: LeftOut, over: OverCapacity | None, sv: str, en: str
) -> None:
    plan = plan_of(reason, over=over)
    assert reasons.reason(reason, plan, formatter("sv")) == sv
    assert reasons.reason(reason, plan, formatter("en")) == en


def test_excluded_ones_name_what_is_excluded() -> None:
    shut = LeftOut("x", "excluded", 3, 8, 3, possible=False)
    blocked = LeftOut("w", "needs_excluded", 5, 8, 4, (), ("p", "x"), possible=False)
    plan = plan_of(shut, blocked)
    assert reasons.reason(shut, plan, formatter("sv")) == "uteslutet för det här varvet"
    assert reasons.reason(blocked, plan, formatter("en")) == (
        "cannot be in the plan: it needs x, which this lap excludes"
    )
    assert reasons.reason(blocked, plan, formatter("sv"), name=str.upper) == (
        "kan inte ingå i planen: det behöver X, som utesluts för det här varvet"
    )


def test_over_capacity_sentences() -> None:
    count = OverCapacity(effort=40, budget=60, count=6, limit=5, breaks=("count",))
    assert reasons.over_capacity(OVER, formatter("sv")) == (
        "Det beslutade arbetet tar 70 persondagar av 60: inget mer läggs till."
    )
    assert reasons.over_capacity(count, formatter("en")) == (
        "The decided work alone is 6 initiatives, the limit is 5: nothing more is added."
    )


def test_every_name_is_given_however_many() -> None:
    many = tuple(f"p{k}" for k in range(6))
    r = LeftOut("c", "does_not_fit", 30, 2, 9, ("days",), many, False)
    text = reasons.reason(r, plan_of(r), formatter("en"))
    assert "(with p0, p1, p2, p3, p4 and p5)" in text


# --- over capacity in every output ------------------------------------------------------------


@pytest.fixture(scope="module")
def over_committed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example with a budget of 60: its decided work takes 78 person-days."""
    import shutil

    root = tmp_path_factory.mktemp("over") / "vmkf"
    shutil.copytree(EXAMPLE, root)
    path = root / "engagement.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  budget: 150\n", "  budget: 60\n"), encoding="utf-8")
    return root


def outputs(root: Path, out: Path) -> dict[str, str]:
    """The text of every output that gives reasons: CLI formats, md, html, PDF, DOCX, the
    deck's notes and the workbook's plan sheet."""
    import docx
    import openpyxl
    import pptx

    from malmiljo_cli.content.report import analyse, report_context
    from malmiljo_cli.write.office.deck import render_deck

    texts: dict[str, str] = {}
    for fmt in ("table", "md", "csv"):
        result = runner.invoke(app, ["prioritise", "-e", str(root), "-f", fmt])
        assert result.exit_code == 0, result.output
        texts[f"prioritise {fmt}"] = result.stdout
    args = ["report", "-e", str(root), "-o", str(out), "-f", "md,html,pdf,docx"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    texts["md"] = (out / "report.md").read_text(encoding="utf-8")
    texts["html"] = re.sub(r"<[^>]+>", " ", (out / "report.html").read_text(encoding="utf-8"))
    pdf = subprocess.run(
        ["pdftotext", str(out / "report.pdf"), "-"], capture_output=True, check=True, text=True
    )
    texts["pdf"] = pdf.stdout
    document = docx.Document(str(out / "report.docx"))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    texts["docx"] = "\n".join([p.text for p in document.paragraphs] + cells)
    eng = read_engagement(root)
    ctx = report_context(eng, analyse(eng, root=root, lang=None), root=root, lang=None)
    deck = pptx.Presentation(io.BytesIO(render_deck(ctx)))
    texts["pptx notes"] = "\n".join(
        s.notes_slide.notes_text_frame.text for s in deck.slides if s.has_notes_slide
    )
    xlsx = out / "plan.xlsx"
    result = runner.invoke(app, ["export", "-e", str(root), "--to", str(xlsx)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(xlsx, read_only=True)
    plan_sheet = next(ws for ws in book.worksheets if ws.title == "Varvets plan")
    texts["xlsx"] = "\n".join(
        str(v) for row in plan_sheet.iter_rows(values_only=True) for v in row if v is not None
    )
    assert zipfile.is_zipfile(xlsx)
    return texts


def test_over_capacity_no_output_says_zero_days_and_each_says_78_of_60(
    over_committed: Path, tmp_path: Path
) -> None:
    texts = outputs(over_committed, tmp_path)
    decided = "det beslutade arbetet tar 78 persondagar av 60"
    for name, text in texts.items():
        flat = " ".join(text.replace("\u00ad", "").split())
        assert not ZERO_DAYS.search(flat), (name, ZERO_DAYS.search(flat))
        assert decided in flat.lower(), name
    # Every left-out initiative's reason says the days it adds (kompetensplan: 10 of its own).
    kompetensplan = "ryms inte: det lägger till 10 persondagar och inga återstår: " + decided
    for name in ("prioritise table", "prioritise md", "md", "docx", "pptx notes", "xlsx"):
        assert kompetensplan in " ".join(texts[name].split()), name


def test_json_over_capacity_figures(over_committed: Path) -> None:
    import json

    result = runner.invoke(app, ["prioritise", "-e", str(over_committed), "-f", "json"])
    data = json.loads(result.stdout)
    assert data["over_capacity"] == {
        "effort": 78, "budget": 60, "count": 4, "limit": 5, "breaks": ["days"],
        "cost": 90000, "cost_budget": None,
    }  # fmt: skip
    for e in data["excluded"]:
        assert e["room"] == 0 and e["days"] > 0 and e["breaks"][0] == "days", e
        assert e["best_with"] is None and e["displaces"] is None and not e["possible"]


# --- edges found by mutation testing ------------------------------------------------------------


@pytest.mark.parametrize("solver", ["enumerate", "milp"])
@pytest.mark.parametrize(
    ("ab", "y", "vx", "vc"), [(2.0, 2.3, 1, 10), (2.8, 3.1, 1, 10), (2.0, 2.3, 11, 30)]
)
def test_a_fraction_more_value_beats_giving_up_fewer(
    solver: str, ab: float, y: float, vx: float, vc: float
) -> None:
    """With x, {x, a, y} (worth vx + ab + y) gives up b and c; {x, a, b} (0.3 less) only c.
    The best plan is the one worth more, however close: fewer given up only breaks exact ties."""
    inst = Instance(
        ids=("a", "b", "c", "x", "y"), values=(ab, ab, vc, vx, y), efforts=(2, 2, 6, 5, 3),
        requires=((), (), (), (), (3,)), budget=10,
    )  # fmt: skip
    solution = solve(inst, solver=solver)  # type: ignore[arg-type]
    assert solution.best.members == frozenset({0, 1, 2})
    x = next(r for r in solution.reasons if r.index == 3)
    assert x.best_with == pytest.approx(vx + ab + y) and x.displaces is not None
    assert len(x.displaces) == 2 and 2 in x.displaces


def test_best_plans_are_solved_up_to_sixty_candidates() -> None:
    """At 60 candidates (the MILP path) each left-out one has its best plan; at 61 not, though
    whether a plan can hold it is still known."""
    from malmiljo_cli.analysis.selection import MILP_REASONS_MAX

    def wide(n: int) -> Instance:
        return Instance(
            ids=tuple(f"x{k:02d}" for k in range(n)), values=tuple(float(k % 7) for k in range(n)),
            efforts=tuple(1.0 for _ in range(n)), requires=((),) * n, budget=2,
        )  # fmt: skip

    assert MILP_REASONS_MAX == 60
    solved = solve(wide(60)).reasons
    assert all(r.best_with is not None and r.displaces is not None for r in solved)
    beyond = solve(wide(61)).reasons
    assert all(r.best_with is None and r.displaces is None and r.possible for r in beyond)


def test_prerequisites_are_named_in_the_order_of_their_ids() -> None:
    inst = Instance(
        ids=("n", "q", "p"), values=(5, 0, 0), efforts=(4, 4, 4), requires=((1, 2), (), ()),
        budget=10,
    )  # fmt: skip
    found = solve(inst).reasons
    assert [r.index for r in found] == [0, 2, 1]  # n, p, q: the reasons too, by id
    assert found[0].needs == (2, 1)  # p before q


def test_money_is_said_when_it_breaks() -> None:
    """Issue 20's cost budget: the money it would add against what remains, and the decided
    work's cost against the budget."""
    alone = LeftOut("c", "does_not_fit", 2, 8, 3, ("cost",), cost=50000, cost_room=20000)
    all_three = LeftOut(
        "c", "does_not_fit", 9, 8, 6, ("days", "count", "cost"), cost=50000, cost_room=0
    )
    over = OverCapacity(40, 60, 3, None, ("cost",), cost=120000, cost_budget=100000)
    sv, en = formatter("sv"), formatter("en")
    assert reasons.reason(alone, plan_of(alone), sv) == (
        "ryms inte i pengarna: det kostar 50\xa0000\xa0SEK och 20\xa0000\xa0SEK återstår"
    )
    assert reasons.reason(all_three, plan_of(all_three), en) == (
        "does not fit: it adds 9 person-days and 8 person-days remain, and the plan would hold "
        "6 initiatives, the limit is 5, and it costs 50,000 and none remain"
    )
    assert reasons.over_capacity(over, sv) == (
        "Det beslutade arbetet kostar 120\xa0000\xa0SEK av 100\xa0000\xa0SEK: inget mer läggs till."
    )
