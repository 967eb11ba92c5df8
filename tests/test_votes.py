"""Dots under caps, Borda count and the Condorcet winner (analysis/votes.py)."""

from __future__ import annotations

from malmiljo_cli.analysis.votes import borda, condorcet_winner, over_cap, pairwise
from malmiljo_cli.models import Scoring, Workshop

# The textbook four-city case, per 100 voters: 42% M>N>C>K, 26% N>C>K>M, 15% C>K>N>M, 17% K>C>N>M.
BALLOTS = (
    [["M", "N", "C", "K"]] * 42
    + [["N", "C", "K", "M"]] * 26
    + [["C", "K", "N", "M"]] * 15
    + [["K", "C", "N", "M"]] * 17
)
CANDIDATES = ["C", "K", "M", "N"]


def test_borda_reference_case() -> None:
    assert borda(BALLOTS, CANDIDATES) == {"N": 194, "C": 173, "M": 126, "K": 107}


def test_condorcet_winner_reference_case() -> None:
    assert condorcet_winner(BALLOTS, CANDIDATES) == "N"
    wins = pairwise(BALLOTS, CANDIDATES)
    assert (wins[("N", "M")], wins[("M", "N")]) == (58, 42)


def test_no_condorcet_winner_in_a_cycle() -> None:
    cycle = [["a", "b", "c"], ["b", "c", "a"], ["c", "a", "b"]]
    assert condorcet_winner(cycle, ["a", "b", "c"]) is None


def test_partial_ballots_rank_named_over_unnamed() -> None:
    ballots = [["a"], ["b", "a"], ["a", "c"]]
    points = borda(ballots, ["a", "b", "c"])
    assert points == {"a": 2 + 1 + 2, "b": 2, "c": 1}
    assert condorcet_winner(ballots, ["a", "b", "c"]) == "a"


def test_repeated_name_on_a_ballot_counts_once() -> None:
    assert borda([["a", "a", "b"]], ["a", "b"]) == {"a": 1, "b": 0}


def test_caps_flag_stacked_items_and_the_total() -> None:
    workshop = Workshop(id="w", date="2026-01-10", participants=2, votes={"x": 5, "y": 2})
    scoring = Scoring(dots_per_person=3, max_dots_per_item=2)
    found = over_cap(workshop, scoring)
    assert [(o.initiative, o.dots, o.cap) for o in found] == [("x", 5, 4), (None, 7, 6)]


def test_no_caps_without_participants() -> None:
    workshop = Workshop(id="w", date="2026-01-10", votes={"x": 50})
    assert over_cap(workshop, Scoring(dots_per_person=1, max_dots_per_item=1)) == []
