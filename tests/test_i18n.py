"""Catalogues per language and number and date formatting."""

from __future__ import annotations

import datetime as dt

from malmiljo_cli.content import i18n


def _keys(data: dict[str, object], prefix: str = "") -> set[str]:
    keys = set()
    for key, value in data.items():
        keys.add(prefix + key)
        if isinstance(value, dict):
            keys |= _keys(value, f"{prefix}{key}.")
    return keys


def test_catalogues_have_the_same_keys() -> None:
    assert _keys(i18n.catalogue("sv")) == _keys(i18n.catalogue("en"))


def test_every_label_is_text() -> None:
    for lang in i18n.LANGUAGES:
        for key, value in i18n.catalogue(lang).items():
            assert isinstance(value, str | dict | list), (lang, key)


def test_decimal_comma_and_grouping_in_swedish() -> None:
    assert i18n.number(1234.5, 1, lang="sv") == "1\u00a0234,5"
    assert i18n.number(1234.5, 1, lang="en") == "1,234.5"
    assert i18n.number(-0.04, 1, lang="sv") == "0,0"
    assert i18n.number(-2, 0, lang="en") == "\u22122"


def test_percent_and_date_per_language() -> None:
    assert i18n.percent(0.625, lang="sv") == "62\u00a0%"
    assert i18n.percent(0.625, lang="en") == "62%"
    day = dt.date(2018, 11, 15)
    assert i18n.date(day, lang="sv") == "15 november 2018"
    assert i18n.date(day, lang="en") == "15 November 2018"
