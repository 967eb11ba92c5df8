"""Why an initiative waits, worded once from its figures for every output.

The analysis gives each left-out initiative its numbers (analysis/plan.py `LeftOut`: the days it
would add, the room, the count, every constraint that breaks, the best plan with it); this
module words them in the engagement's language through the catalogue's `reasons` phrases, so
the CLI, the report, the deck, the Word file and the workbook all say the same thing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..analysis.plan import LapPlan, LeftOut, OverCapacity
from .formatter import Formatter

Name = Callable[[str], str]


def reason(r: LeftOut, plan: LapPlan, fmt: Formatter, *, name: Name = str) -> str:
    """The reason `r` keeps its initiative out of `plan`, naming every constraint it breaks;
    `name` turns an id into what the output shows (the id itself, or a title)."""
    t: dict[str, Any] = fmt.t["reasons"]
    if r.code in ("excluded", "needs_excluded"):
        shut = [n for n in r.needs if _code_of(plan, n) == "excluded"]
        return str(t[r.code]).format(names=_names(shut, fmt, name))
    text = _head(r, plan, fmt, name) + _count_too(r, plan, fmt) + _cost_too(r, fmt)
    if plan.over_capacity is not None:
        return f"{text}: {decided(plan.over_capacity, fmt)}"
    return text + _best(r, plan, fmt, name)


def over_capacity(over: OverCapacity, fmt: Formatter) -> str:
    """The sentence for decided work that alone breaks the capacity, with its figures."""
    text = str(fmt.t["reasons"]["over_capacity"]).format(decided=decided(over, fmt))
    return text[:1].upper() + text[1:]


def decided(over: OverCapacity, fmt: Formatter) -> str:
    """`the decided work alone takes 70 person-days of 60` (and/or its count against the limit)."""
    t: dict[str, Any] = fmt.t["reasons"]
    parts = []
    if "days" in over.breaks:
        parts.append(
            str(t["decided_days"]).format(
                effort=fmt.days(over.effort), budget=_number(over.budget, fmt)
            )
        )
    if "count" in over.breaks:
        parts.append(str(t["decided_count"]).format(count=over.count, limit=over.limit))
    if "cost" in over.breaks:
        parts.append(
            str(t["decided_cost"]).format(
                cost=fmt.money(over.cost), budget=fmt.money(over.cost_budget or 0.0)
            )
        )
    return str(t["decided"]).format(what=f" {fmt.t['and']} ".join(parts))


def _head(r: LeftOut, plan: LapPlan, fmt: Formatter, name: Name) -> str:
    t: dict[str, Any] = fmt.t["reasons"]
    names = _names(r.needs, fmt, name)
    if r.code == "count_limit":
        return str(t["count_limit"]).format(count=r.count, limit=plan.max_count)
    if r.code == "lower_value":
        known = r.best_with is not None
        return str(t["lower_value_known" if known else "lower_value"])
    if r.code == "does_not_fit" and "days" not in r.breaks:  # only the money breaks
        return str(t["cost_only"]).format(cost=fmt.money(r.cost), room=_money_room(r, fmt))
    room = str(t["room"]).format(room=fmt.days(r.room)) if r.room > 0 else str(t["no_room"])
    along = str(t["prerequisites"]).format(names=names) if r.needs else ""
    return str(t[r.code]).format(days=fmt.days(r.days), room=room, names=names, prerequisites=along)


def _count_too(r: LeftOut, plan: LapPlan, fmt: Formatter) -> str:
    """The count, when it breaks beside the days."""
    if r.code == "count_limit" or "count" not in r.breaks:
        return ""
    return str(fmt.t["reasons"]["and_count"]).format(count=r.count, limit=plan.max_count)


def _cost_too(r: LeftOut, fmt: Formatter) -> str:
    """The money, when it breaks beside the days or the count."""
    if "cost" not in r.breaks or ("days" not in r.breaks and r.code == "does_not_fit"):
        return ""
    return str(fmt.t["reasons"]["and_cost"]).format(
        cost=fmt.money(r.cost), room=_money_room(r, fmt)
    )


def _money_room(r: LeftOut, fmt: Formatter) -> str:
    t: dict[str, Any] = fmt.t["reasons"]
    left = r.cost_room or 0.0
    return str(t["room"]).format(room=fmt.money(left)) if left > 0 else str(t["no_room"])


def _best(r: LeftOut, plan: LapPlan, fmt: Formatter, name: Name) -> str:
    """What the best plan with it is worth and gives up, or that no plan can hold it."""
    t: dict[str, Any] = fmt.t["reasons"]
    if not r.possible:
        return f"; {t['impossible']}"
    if r.best_with is None:
        return ""
    value = fmt.num(r.best_with, 1)
    delta = plan.value - r.best_with
    if round(delta, 1) == 0:
        text = str(t["best_equal"]).format(value=value)
    else:
        text = str(t["best"]).format(value=value, delta=fmt.num(delta, 1))
    if r.displaces:
        text += str(t["without"]).format(names=_names(r.displaces, fmt, name))
    return f"; {text}"


def _names(ids: Sequence[str], fmt: Formatter, name: Name) -> str:
    """Every one named (the reader checks the figures against them), `a, b and c`."""
    return fmt.names([name(i) for i in ids], limit=max(4, len(ids)))


def _code_of(plan: LapPlan, ident: str) -> str | None:
    found = plan.reason(ident)
    return None if found is None else found.code


def _number(value: float, fmt: Formatter) -> str:
    return fmt.num(value, 0 if float(value).is_integer() else 1)
