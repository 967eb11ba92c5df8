"""The board on the wall: this lap's plan in the columns a team works through, the rest below."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Literal

from ..models import Engagement, Initiative

ColumnKey = Literal["planned", "in_progress", "done", "backlog", "unweighed", "dropped"]
COLUMNS: tuple[ColumnKey, ...] = ("planned", "in_progress", "done", "backlog", "dropped")
# Without capacity nothing was weighed against the lap: open work waits for that, not "not this lap".
UNWEIGHED_COLUMNS: tuple[ColumnKey, ...] = (
    "planned",
    "in_progress",
    "done",
    "unweighed",
    "dropped",
)


@dataclass(frozen=True)
class Card:
    id: str
    title: str
    owner: str | None
    area: str
    colour: str
    first_step: str | None
    visible_outcome: str | None
    dropped_reason: str | None


@dataclass(frozen=True)
class Column:
    key: ColumnKey
    cards: tuple[Card, ...]


@dataclass(frozen=True)
class Board:
    name: str
    language: str
    columns: tuple[Column, ...]


def build_board(eng: Engagement, plan: Collection[str], *, weighed: bool = True) -> Board:
    """This lap's plan not yet started, in progress, done; then what waits and what was dropped.
    `weighed` False (no capacity, so no plan was chosen): open work outside the decided work
    has not been weighed against the lap, and its column says so. Cards sorted by id."""
    keys = COLUMNS if weighed else UNWEIGHED_COLUMNS
    columns = tuple(
        Column(
            key,
            tuple(_card(eng, i) for i in eng.initiatives if column_of(i, plan, weighed) == key),
        )
        for key in keys
    )
    return Board(name=eng.meta.name, language=eng.meta.language, columns=columns)


def column_of(ini: Initiative, plan: Collection[str], weighed: bool = True) -> ColumnKey:
    """Where an initiative stands: its status, and for open work whether the plan holds it."""
    if ini.status in ("in_progress", "done", "dropped"):
        return ini.status
    if ini.id in plan:
        return "planned"
    return "backlog" if weighed else "unweighed"


def _card(eng: Engagement, ini: Initiative) -> Card:
    area = eng.area_by_id.get(ini.area)
    return Card(
        id=ini.id,
        title=ini.title,
        owner=ini.owner,
        area=ini.area,
        colour=area.colour if area else "#808080",
        first_step=ini.first_step,
        visible_outcome=ini.visible_outcome,
        dropped_reason=ini.dropped_reason if ini.status == "dropped" else None,
    )
