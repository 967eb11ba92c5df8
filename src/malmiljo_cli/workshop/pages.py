"""What the pages show: typed contexts built from the engagement, texts in sv or en."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from ..content import i18n
from ..models import Engagement
from .session import Setup


@cache
def texts(lang: str) -> dict[str, Any]:
    """The workshop pages' texts from templates/workshop/<lang>.yaml."""
    return i18n.read_catalogue("workshop", lang)


def words(lang: str, kind: str) -> dict[str, Any]:
    """The texts a session's pages use: a self-assessment's own words replace the voting ones."""
    t = texts(lang)
    if kind != "assess":
        return t
    own = t["assess_words"]
    return {**t, **own, "refusals": {**t["refusals"], **own["refusals"]}}


@dataclass(frozen=True)
class Card:
    """One initiative as a phone shows it."""

    id: str
    title: str
    area: str
    colour: str
    effort: str
    improves: tuple[str, ...]
    """The capabilities the initiative improves, in their own words."""
    description: str = ""
    indicators: tuple[tuple[int, str], ...] = ()
    """(level, what one would observe at it) for a capability that says so."""

    def indicator(self, level: int) -> str:
        """What one would observe at `level`, or "" when the capability does not say."""
        return next((text for at, text in self.indicators if at == level), "")


@dataclass(frozen=True)
class Page:
    """Everything a template needs; every string is engagement text the template escapes."""

    lang: str
    t: dict[str, Any]
    title: str
    cards: tuple[Card, ...]
    dots: int
    max_per_item: int | None
    top: int
    token_mode: bool
    kind: str = "vote"
    levels: tuple[tuple[int, str], ...] = ()
    """(level, label) of the scale, for an assessment."""
    reachable: bool = True
    """Whether phones can open the join address (not when the server listens on loopback)."""


def cards(eng: Engagement, setup: Setup, lang: str) -> tuple[Card, ...]:
    """The initiatives on offer, with area colour, effort and what they raise."""
    t = texts(lang)
    found = []
    for ident in setup.items:
        item = eng.initiative_by_id.get(ident)
        if item is None:  # removed from the engagement since the session opened
            continue
        area = eng.area_by_id[item.area]
        improves = tuple(
            eng.capability_by_id[r.capability].name
            for r in item.raises
            if r.capability in eng.capability_by_id
        )
        effort = t["effort"].format(
            days=i18n.number(item.effort, _decimals(item.effort), lang=lang)
        )
        found.append(Card(item.id, item.title, area.name, area.colour, effort, improves))
    return tuple(found)


def capability_cards(eng: Engagement, setup: Setup) -> tuple[Card, ...]:
    """The capabilities to rate, with their area's colour; never their assessed levels, which
    would anchor the answers."""
    found = []
    for ident in setup.items:
        cap = eng.capability_by_id.get(ident)
        if cap is not None:
            area = eng.area_by_id[cap.area]
            found.append(
                Card(
                    cap.id,
                    cap.name,
                    area.name,
                    area.colour,
                    "",
                    (),
                    cap.description,
                    tuple(sorted(cap.indicators.items())),
                )
            )
    return tuple(found)


def _decimals(value: float) -> int:
    return 0 if float(value).is_integer() else 1


def page(eng: Engagement, setup: Setup, *, reachable: bool = True) -> Page:
    """The context every page of this session shares."""
    lang = eng.meta.language
    assess = setup.kind == "assess"
    scale = eng.meta.scale
    low, high = setup.levels
    return Page(
        lang=lang,
        t=words(lang, setup.kind),
        title=eng.meta.name,
        cards=capability_cards(eng, setup) if assess else cards(eng, setup, lang),
        dots=setup.dots,
        max_per_item=setup.max_per_item,
        top=setup.top,
        token_mode=setup.code is None,
        kind=setup.kind,
        levels=tuple((level, scale.label(level)) for level in range(low, high + 1)),
        reachable=reachable,
    )


def render(name: str, **context: Any) -> str:
    """A workshop template with HTML autoescaping."""
    return str(_env().get_template(f"workshop/{name}").render(**context))


@cache
def _env() -> Any:
    from ..write.documents.environment import make_env

    return make_env(autoescape=True)


def static(name: str) -> bytes:
    """A packaged stylesheet or script for the pages."""
    return (
        resources.files("malmiljo_cli")
        .joinpath("templates", "workshop", "static", name)
        .read_bytes()
    )
