"""Fixed labels per language (one catalogue file each) and number and date formatting."""

from __future__ import annotations

import datetime as dt
from functools import cache
from importlib import resources
from typing import Any

LANGUAGES = ("sv", "en")
_NBSP = "\u00a0"
_MINUS = "\u2212"


@cache
def catalogue(lang: str) -> dict[str, Any]:
    """The labels of `lang` from templates/i18n/<lang>.yaml."""
    return read_catalogue("i18n", lang)


def read_catalogue(folder: str, lang: str) -> dict[str, Any]:
    """templates/<folder>/<lang>.yaml, read with the safe loader; it must be a mapping."""
    from ruamel.yaml import YAML

    text = resources.files("malmiljo_cli").joinpath("templates", folder, f"{lang}.yaml")
    data = YAML(typ="safe", pure=True).load(text.read_text(encoding="utf-8"))
    if not isinstance(data, dict):  # pragma: no cover - the shipped files are mappings
        raise TypeError(f"the {lang} catalogue in {folder} is not a mapping")
    return data


def number(value: float, decimals: int = 0, *, lang: str) -> str:
    """A number with fixed decimals: decimal comma and narrow grouping in Swedish."""
    text = f"{abs(value):,.{decimals}f}"
    if lang == "sv":
        text = text.replace(",", _NBSP).replace(".", ",")
    sign = _MINUS if value < 0 and text.strip("0,.") else ""
    return sign + text


def percent(fraction: float, *, lang: str) -> str:
    """A share as a whole percentage, '62 %' in Swedish and '62%' in English."""
    value = number(round(fraction * 100), 0, lang=lang)
    return f"{value}{_NBSP}%" if lang == "sv" else f"{value}%"


def share(fraction: float, *, lang: str) -> str:
    """A share with one decimal for CLI tables: '53,6 %' in Swedish, '53.6 %' otherwise."""
    return f"{number(fraction * 100, 1, lang=lang)} %"


def date(day: dt.date, *, lang: str) -> str:
    """A date in words: '15 november 2018' or '15 November 2018'."""
    month = catalogue(lang)["months"][day.month - 1]
    return f"{day.day} {month} {day.year}"
