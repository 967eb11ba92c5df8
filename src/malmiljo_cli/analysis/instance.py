"""A selection problem and a plan of it: what the optimiser (selection.py, by enumeration, and
milp.py, by HiGHS) both read and return, in a module of its own so neither imports the other's
solver to know it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

TOLERANCE = 1e-9


@dataclass(frozen=True)
class Instance:
    """A selection problem over candidates 0..n-1 (prerequisites already done are left out)."""

    ids: tuple[str, ...]
    values: tuple[float, ...]
    efforts: tuple[float, ...]
    requires: tuple[tuple[int, ...], ...]
    budget: float
    max_count: int | None = None
    must: frozenset[int] = frozenset()
    exclude: frozenset[int] = frozenset()
    costs: tuple[float, ...] = ()  # money per candidate (its cost plus day rate x effort)
    cost_budget: float | None = None  # money the plan may spend; None: no limit

    @property
    def size(self) -> int:
        return len(self.ids)

    def with_values(self, values: Sequence[float]) -> Instance:
        """The same constraints with other values (sensitivity runs)."""
        return replace(self, values=tuple(values))

    def closure(self, members: Iterable[int]) -> frozenset[int]:
        """The members and every prerequisite they need, transitively. One initiative's closure
        is computed once per instance and shared by the reasons, departures and repairs (they
        asked for the same closures hundreds of thousands of times)."""
        given = list(members)
        if len(given) != 1:
            return _walk(self.requires, given)
        node = given[0]
        cache: dict[int, frozenset[int]] = self.__dict__.setdefault("_closures", {})
        found = cache.get(node)
        if found is None:
            found = cache[node] = _walk(self.requires, [node])
        return found

    def effort_of(self, members: Iterable[int]) -> float:
        return float(sum(self.efforts[i] for i in members))

    def value_of(self, members: Iterable[int]) -> float:
        return float(sum(self.values[i] for i in members))

    def cost_of(self, members: Iterable[int]) -> float:
        """Money the members cost (0 when the instance knows no costs)."""
        if not self.costs:
            return 0.0
        return float(sum(self.costs[i] for i in members))

    @property
    def money_binds(self) -> bool:
        """Whether a cost budget limits the plans."""
        return self.cost_budget is not None and bool(self.costs)

    def within_money(self, cost: float) -> bool:
        return self.cost_budget is None or cost <= self.cost_budget + money_tolerance(self)

    def fits(self, members: frozenset[int]) -> bool:
        """Whether `members` is a feasible plan."""
        return (
            self.must <= members
            and not members & self.exclude
            and self.effort_of(members) <= self.budget + TOLERANCE
            and (self.max_count is None or len(members) <= self.max_count)
            and self.within_money(self.cost_of(members))
            and all(set(self.requires[i]) <= members for i in members)
        )


def _walk(requires: Sequence[Sequence[int]], start: list[int]) -> frozenset[int]:
    seen: set[int] = set()
    stack = start
    while stack:
        node = stack.pop()
        if node not in seen:
            seen.add(node)
            stack.extend(requires[node])
    return frozenset(seen)


@dataclass(frozen=True)
class Choice:
    """A feasible plan: its members (indices, ascending), total value and effort."""

    members: frozenset[int]
    value: float
    effort: float


def money_tolerance(inst: Instance) -> float:
    """Rounding room for sums of money, relative to the cost budget (amounts reach 1e9 and more)."""
    return TOLERANCE * max(1.0, abs(inst.cost_budget or 0.0))


def choice(inst: Instance, members: Iterable[int]) -> Choice:
    chosen = frozenset(members)
    return Choice(chosen, inst.value_of(chosen), inst.effort_of(chosen))
