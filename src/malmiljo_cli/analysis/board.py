"""The board on the wall: initiatives in columns by status."""

from __future__ import annotations

from dataclasses import dataclass

from ..models import STATUSES, Engagement, Initiative, Status


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
    status: Status
    cards: tuple[Card, ...]


@dataclass(frozen=True)
class Board:
    name: str
    language: str
    columns: tuple[Column, ...]


def build_board(eng: Engagement) -> Board:
    """One column per status in the method's order, cards sorted by id."""
    columns = tuple(
        Column(status, tuple(_card(eng, i) for i in eng.initiatives if i.status == status))
        for status in STATUSES
    )
    return Board(name=eng.meta.name, language=eng.meta.language, columns=columns)


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
