"""Labels and number formats of one report language, shared by every section builder."""

from __future__ import annotations

from typing import Any

from ..models import Engagement
from . import i18n
from .context import Ref, anchor


class Formatter:
    """Labels and number formats of one language, and the engagement's scale and currency."""

    def __init__(self, eng: Engagement, lang: str) -> None:
        self.lang = lang
        self.t: dict[str, Any] = i18n.catalogue(lang)
        self.scale = eng.meta.scale
        given = eng.meta.currency
        self.currency = given if given is not None else ("SEK" if lang == "sv" else "")

    def num(self, value: float, decimals: int = 0) -> str:
        return i18n.number(value, decimals, lang=self.lang)

    def pct(self, fraction: float) -> str:
        return i18n.percent(fraction, lang=self.lang)

    def level(self, value: int) -> str:
        label = self.scale.label(value)
        return str(value) if label == str(value) else f"{value} {label}"

    def days(self, value: float) -> str:
        decimals = 0 if float(value).is_integer() else 1
        return f"{self.num(value, decimals)} {self.t['person_days']}"

    def money(self, value: float) -> str:
        """A cost with the engagement's currency (none when it gives none and is not Swedish)."""
        amount = self.num(value)
        return f"{amount}\u00a0{self.currency}" if self.currency else amount

    def say(self, key: str, n: int, **values: object) -> str:
        """The sentence `key` for a count `n`: the catalogue's `<key>_one` when n is 1."""
        one = f"{key}_one"
        pattern = self.t[one] if n == 1 and one in self.t else self.t[key]
        return str(pattern).format(n=self.num(n), **values)

    def names(self, items: list[str], *, limit: int = 4) -> str:
        """`a, b and c`; beyond `limit` names, `a, b, c, d and 3 more`."""
        if len(items) > limit:
            rest = self.t["n_more"].format(n=len(items) - limit)
            return ", ".join(items[:limit]) + f" {self.t['and']} {rest}"
        if len(items) <= 1:
            return "".join(items)
        return ", ".join(items[:-1]) + f" {self.t['and']} {items[-1]}"


def ref(eng: Engagement, initiative_id: str) -> Ref:
    """A link to an initiative's section, in its area's colour."""
    ini = eng.initiative_by_id[initiative_id]
    return Ref(initiative_id, ini.title, anchor(initiative_id), eng.area_by_id[ini.area].colour)
