"""Workshop votes: dots summed under caps, ranked ballots by Borda count, the Condorcet winner."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from ..models import Engagement, Scoring, Workshop

VoteSource = Literal["dots", "borda", "none"]


@dataclass(frozen=True)
class OverCap:
    """Dots in a workshop beyond what its participants could give under the caps."""

    workshop: str
    initiative: str | None  # None: the workshop's total is over the per-person cap
    dots: int
    cap: int


@dataclass(frozen=True)
class VoteTally:
    """Every workshop's votes together; `votes` is the figure the scoring uses."""

    dots: Mapping[str, int]
    borda: Mapping[str, int]
    condorcet: str | None
    source: VoteSource
    over_cap: tuple[OverCap, ...]

    def votes(self, initiative: str) -> int:
        """Dots when any workshop gave dots, otherwise Borda points, otherwise 0."""
        table = self.dots if self.source == "dots" else self.borda
        return table.get(initiative, 0)


def tally(eng: Engagement) -> VoteTally:
    """Sum capped dots and pool the ranked ballots of every workshop."""
    scoring = eng.meta.scoring
    dots: dict[str, int] = {}
    found: list[OverCap] = []
    for workshop in eng.workshops:
        item_cap, _ = dot_caps(workshop, scoring)
        for ident, count in workshop.votes.items():
            counted = count if item_cap is None else min(count, item_cap)
            dots[ident] = dots.get(ident, 0) + counted
        found += over_cap(workshop, scoring)
    ballots = [b for w in eng.workshops for b in w.ballots]
    candidates = sorted({ident for b in ballots for ident in b})
    source: VoteSource = "dots" if dots else ("borda" if ballots else "none")
    return VoteTally(
        dots=dict(sorted(dots.items())),
        borda=borda(ballots, candidates),
        condorcet=condorcet_winner(ballots, candidates),
        source=source,
        over_cap=tuple(found),
    )


def dot_caps(workshop: Workshop, scoring: Scoring) -> tuple[int | None, int | None]:
    """The most dots one item and the whole workshop can hold, given the participants and caps."""
    people = workshop.participants
    if people is None:
        return None, None
    item = None if scoring.max_dots_per_item is None else people * scoring.max_dots_per_item
    total = None if scoring.dots_per_person is None else people * scoring.dots_per_person
    return item, total


def over_cap(workshop: Workshop, scoring: Scoring) -> list[OverCap]:
    """Items stacked beyond the per-item cap, and a total beyond the per-person cap."""
    item_cap, total_cap = dot_caps(workshop, scoring)
    found = [
        OverCap(workshop.id, ident, count, item_cap)
        for ident, count in sorted(workshop.votes.items())
        if item_cap is not None and count > item_cap
    ]
    total = sum(workshop.votes.values())
    if total_cap is not None and total > total_cap:
        found.append(OverCap(workshop.id, None, total, total_cap))
    return found


def _ranked(ballot: Sequence[str]) -> list[str]:
    """The ballot without repeats: a name counts where it first appears."""
    return list(dict.fromkeys(ballot))


def borda(ballots: Sequence[Sequence[str]], candidates: Sequence[str]) -> dict[str, int]:
    """Borda count: with n candidates, place k (from 0) earns n-1-k points; unranked earn 0."""
    n = len(candidates)
    points = dict.fromkeys(candidates, 0)
    for ballot in ballots:
        for place, ident in enumerate(_ranked(ballot)):
            points[ident] = points.get(ident, 0) + max(0, n - 1 - place)
    return dict(sorted(points.items()))


def pairwise(
    ballots: Sequence[Sequence[str]], candidates: Sequence[str]
) -> dict[tuple[str, str], int]:
    """How many ballots prefer a over b; a ranked candidate beats every unranked one."""
    wins = {(a, b): 0 for a in candidates for b in candidates if a != b}
    for ballot in ballots:
        order = _ranked(ballot)
        place = {ident: i for i, ident in enumerate(order)}
        for a in order:
            for b in candidates:
                if b != a and place.get(b, len(order)) > place[a]:
                    wins[(a, b)] += 1
    return wins


def condorcet_winner(ballots: Sequence[Sequence[str]], candidates: Sequence[str]) -> str | None:
    """The candidate a majority prefers to each other candidate, head to head, if there is one."""
    wins = pairwise(ballots, candidates)
    for a in candidates:
        if all(wins[(a, b)] > wins[(b, a)] for b in candidates if b != a):
            return a
    return None
