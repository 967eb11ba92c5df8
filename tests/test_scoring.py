"""Weighted, WSJF, RICE and ICE scores; ranks with ties; quadrants (analysis/scoring.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from malmiljo_cli.analysis.scoring import (
    Inputs,
    MissingInputs,
    Score,
    assign_ranks,
    ease_from_effort,
    evaluate,
    quadrant,
    rank,
    values,
)
from malmiljo_cli.validate import load_engagement


def inputs(ident: str, **fields: float) -> Inputs:
    base = {
        "effect": 3, "urgency": 3, "risk_reduction": 1, "effort": 10.0, "votes": 0.0,
        "gap_closed": 0.0, "reach": None, "confidence": None,
    }  # fmt: skip
    base.update(fields)
    return Inputs(id=ident, **base)  # type: ignore[arg-type]


def test_rice_matches_intercoms_published_examples() -> None:
    projects = [
        inputs("p1", reach=450, effect=5, confidence=1.0, effort=2),
        inputs("p2", reach=2000, effect=3, confidence=0.8, effort=4),
        inputs("p3", reach=800, effect=4, confidence=0.5, effort=1),
    ]
    found = evaluate("rice", projects, {})
    assert [round(v.score, 6) for v in found] == [675.0, 400.0, 800.0]
    assert [v.used["impact"] for v in found] == [3.0, 1.0, 2.0]
    assert [round(v.value, 6) for v in found] == [1350.0, 1600.0, 800.0]


def test_rice_names_every_initiative_missing_reach_or_confidence() -> None:
    with pytest.raises(MissingInputs) as caught:
        evaluate("rice", [inputs("a", reach=10), inputs("b", confidence=0.5)], {})
    assert caught.value.missing == [("a", "confidence"), ("b", "reach")]


def test_wsjf_is_cost_of_delay_over_effort() -> None:
    [v] = evaluate("wsjf", [inputs("a", effect=5, urgency=4, risk_reduction=3, effort=4)], {})
    assert (v.value, v.score) == (12.0, 3.0)


def test_ice_multiplies_impact_confidence_and_ease() -> None:
    [v] = evaluate("ice", [inputs("a", effect=4, confidence=0.8, effort=5)], {})
    assert v.used == {"impact": 4.0, "confidence": 8.0, "ease": 8.0, "effort": 5.0}
    assert (v.value, v.score) == (32.0, 256.0)


@pytest.mark.parametrize(
    ("effort", "ease"), [(0.5, 10), (1, 10), (2, 9), (5, 8), (10, 7), (40, 5), (60, 4), (201, 1)]
)
def test_ease_bands(effort: float, ease: int) -> None:
    assert ease_from_effort(effort) == ease


def test_weighted_rescales_each_criterion_to_a_maximum_of_100() -> None:
    items = [inputs("a", effect=5, votes=10, effort=10), inputs("b", effect=4, votes=20, effort=40)]
    weights = {"effect": 0.5, "votes": 0.5, "effort": -0.1}
    a, b = evaluate("weighted", items, weights)  # type: ignore[arg-type]
    assert a.value == pytest.approx(0.5 * 100 + 0.5 * 50)
    assert b.value == pytest.approx(0.5 * 80 + 0.5 * 100)
    # effort is a cost in the score only; the value leaves it to the budget
    assert a.score == pytest.approx(a.value - 0.1 * 25)
    assert b.score == pytest.approx(b.value - 0.1 * 100)


def test_weighted_criterion_with_no_figures_counts_zero() -> None:
    [v] = evaluate("weighted", [inputs("a", votes=0)], {"votes": 1.0})
    assert v.value == 0.0


def test_values_equal_the_evaluated_values() -> None:
    items = [inputs("a", effect=5, gap_closed=3), inputs("b", urgency=5, gap_closed=6)]
    weights = {"effect": 0.4, "urgency": 0.2, "gap_closed": 0.3, "effort": -0.1}
    assert values("weighted", items, weights) == [
        v.value for v in evaluate("weighted", items, weights)
    ]  # type: ignore[arg-type]


def _score(ident: str, value: float) -> Score:
    return Score(ident, ident, "proposed", 0, value, value, 1.0, 3, "fill_in", {})


def test_ties_share_a_rank_and_are_ordered_by_id() -> None:
    ranked = assign_ranks([_score("c", 1.0), _score("b", 2.0), _score("a", 2.0), _score("d", 0.5)])
    assert [(s.id, s.rank) for s in ranked] == [("a", 1), ("b", 1), ("c", 3), ("d", 4)]


def test_float_noise_does_not_break_a_tie() -> None:
    ranked = assign_ranks([_score("b", 0.1 + 0.2), _score("a", 0.3)])
    assert [s.rank for s in ranked] == [1, 1]


@pytest.mark.parametrize(
    ("effect", "effort", "expected"),
    [(4, 10, "quick_win"), (4, 15, "quick_win"), (5, 16, "major_project"),
     (3, 5, "fill_in"), (2, 40, "thankless")],
)  # fmt: skip
def test_quadrants_split_at_the_midpoint_and_the_median(
    effect: int, effort: float, expected: str
) -> None:
    assert quadrant(effect, effort, 15.0) == expected


def test_example_ranking_uses_votes_and_gap_closed(example: Path) -> None:
    eng = load_engagement(example).engagement
    assert eng is not None
    ranking = rank(eng)
    assert ranking.method == "weighted"
    assert {s.status for s in ranking.scores} <= {"proposed", "selected", "in_progress"}
    assert len(ranking.scores) == 15  # 17 minus one done and one dropped
    top = ranking.scores[0]
    assert top.id == "arendekoordinator" and top.rank == 1
    assert top.inputs["votes"] == 17 and top.inputs["gap_closed"] > 0
    assert ranking.votes.condorcet == "arendekoordinator"


def test_example_rice_and_ice_rank_every_initiative(example: Path) -> None:
    eng = load_engagement(example).engagement
    assert eng is not None
    for method in ("wsjf", "rice", "ice"):
        ranking = rank(eng, method=method)  # type: ignore[arg-type]
        assert ranking.scores[0].rank == 1 and len(ranking.scores) == 15
        assert all(s.score > 0 for s in ranking.scores), method


def test_missing_confidence_uses_the_default(minimal: Path) -> None:
    path = minimal / "engagement.yaml"
    path.write_text(
        path.read_text(encoding="utf-8") + "scoring:\n  default_confidence: 0.5\n", encoding="utf-8"
    )
    eng = load_engagement(minimal).engagement
    assert eng is not None
    ranking = rank(eng, method="ice")
    assert {s.inputs["confidence"] for s in ranking.scores} == {5.0}


def test_dots_beyond_the_item_cap_are_capped(minimal: Path) -> None:
    path = minimal / "engagement.yaml"
    path.write_text(
        path.read_text(encoding="utf-8") + "scoring:\n  max_dots_per_item: 2\n", encoding="utf-8"
    )
    (minimal / "workshops").mkdir()
    (minimal / "workshops" / "w.yaml").write_text(
        "id: w\ndate: 2026-01-10\nparticipants: 3\nvotes:\n  chef: 9\n  tavla: 4\n",
        encoding="utf-8",
    )
    eng = load_engagement(minimal).engagement
    assert eng is not None
    ranking = rank(eng)
    assert ranking.votes.dots == {"chef": 6, "tavla": 4}


def test_ballots_give_borda_votes_when_no_dots(minimal: Path) -> None:
    (minimal / "workshops").mkdir()
    (minimal / "workshops" / "w.yaml").write_text(
        "id: w\ndate: 2026-01-10\nballots:\n  - [tavla, chef]\n  - [tavla]\n", encoding="utf-8"
    )
    eng = load_engagement(minimal).engagement
    assert eng is not None
    ranking = rank(eng)
    assert ranking.votes.source == "borda"
    assert ranking.by_id["tavla"].inputs["votes"] == 2
    assert ranking.by_id["chef"].inputs["votes"] == 0
