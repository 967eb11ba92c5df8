"""WCAG contrast and tints (write/charts/colour.py)."""

from __future__ import annotations

import pytest

from malmiljo_cli.write.charts.colour import contrast_ratio, mix, relative_luminance, text_colour


def test_luminance_ends_and_the_wcag_maximum_ratio() -> None:
    assert relative_luminance("#000000") == 0
    assert relative_luminance("#ffffff") == pytest.approx(1)
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1)


@pytest.mark.parametrize(
    ("background", "expected"),
    [
        ("#ffff00", "#000000"),
        ("#000080", "#ffffff"),
        ("#e69f00", "#000000"),
        ("#0072b2", "#ffffff"),
    ],
)
def test_text_colour_is_the_one_with_more_contrast(background: str, expected: str) -> None:
    chosen = text_colour(background)
    other = "#ffffff" if chosen == "#000000" else "#000000"
    assert chosen == expected
    assert contrast_ratio(background, chosen) >= contrast_ratio(background, other)


def test_mix_moves_towards_the_other_colour() -> None:
    assert mix("#000000", "#ffffff", 0) == "#000000"
    assert mix("#000000", "#ffffff", 1) == "#ffffff"
    assert mix("#0072b2", "#ffffff", 0.5) == "#80b8d8"  # halves round to even
