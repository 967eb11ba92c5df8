"""SVG charts: well-formed, escaped, deterministic."""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET

import pytest

from malmiljo_cli.write.charts import svg as charts

LABELS = charts.QuadrantLabels("Insats", "Effekt", "a", "b", "c", "d")


def _radar(name: str = "Överblick") -> str:
    return charts.radar(
        title="Radar <åäö>",
        axes=[name, "B", "C", "D"],
        series=[charts.Series("Nu", "#e69f00", (1, 2, 3, 4), filled=True)],
        low=0,
        high=5,
    )


def test_radar_is_well_formed_and_escapes_labels() -> None:
    svg = _radar("<script>x</script> & co")
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    assert "<script>" not in svg
    assert "&lt;script&gt;x&lt;/script&gt; &amp; co" in svg


def test_radar_is_deterministic_with_fixed_decimals() -> None:
    svg = _radar()
    assert svg == _radar()
    coords = re.findall(r' (?:x|y|x1|y1|x2|y2|cx|cy)="([^"]+)"', svg)
    coords += [c for p in re.findall(r'points="([^"]+)"', svg) for c in re.split("[ ,]", p)]
    assert coords
    assert all(re.fullmatch(r"-?\d+\.\d", c) for c in coords), coords


def test_quadrant_places_more_effect_higher_and_more_effort_right() -> None:
    points = [
        charts.Point("low", 1, 1, "#000000"),
        charts.Point("high", 100, 5, "#000000"),
    ]
    root = ET.fromstring(charts.quadrant(title="q", points=points, labels=LABELS))
    circles = [c for c in root.findall("{http://www.w3.org/2000/svg}circle") if c.get("r") == "9.0"]
    by_y = sorted(circles, key=lambda c: float(c.get("cy", 0)))
    assert float(by_y[0].get("cx", 0)) > float(by_y[1].get("cx", 0))


def _boxes(svg: str) -> list[tuple[float, float]]:
    """Centres of the numbered markers (white circles with a ring)."""
    root = ET.fromstring(svg)
    return [
        (float(c.get("cx", 0)), float(c.get("cy", 0)))
        for c in root.iter("{http://www.w3.org/2000/svg}circle")
        if c.get("r") == "9.0"
    ]


def test_quadrant_markers_never_overlap_or_leave_the_frame() -> None:
    # Forty initiatives on five efforts and two ratings: heavy clustering, extremes at the edges.
    points = [
        charts.Point(str(n + 1), [0.5, 1, 8, 8, 400][n % 5], [1, 5][n % 2], "#0072b2")
        for n in range(40)
    ]
    svg = charts.quadrant(title="q", points=points, labels=LABELS, legend=[("Teknik", "#0072b2")])
    centres = _boxes(svg)
    assert len(centres) == 40
    for i, (x, y) in enumerate(centres):
        assert 56 + 9 <= x <= 540 - 9 and 24 + 9 <= y <= 360 - 9, (x, y)
        for ox, oy in centres[i + 1 :]:
            assert (x - ox) ** 2 + (y - oy) ** 2 >= 21**2, ((x, y), (ox, oy))  # rings apart
    assert ">Teknik</text>" in svg
    assert all(f">{n}</text>" in svg for n in range(1, 41))


def test_radar_draws_the_target_last_and_the_lowest_level_off_centre() -> None:
    series = [
        charts.Series("Nu", "#e69f00", (1, 1, 1), filled=True),
        charts.Series("Efter", "#222222", (3, 3, 3)),
        charts.Series("Mål", "#555555", (3, 3, 3), dashed=True),
    ]
    svg = charts.radar(title="r", axes=["A", "B", "C"], series=series, low=1, high=4)
    root = ET.fromstring(svg)
    polygons = root.findall("{http://www.w3.org/2000/svg}polygon")
    assert polygons[-1].get("stroke") == "#555555"  # the target, drawn over "after the plan"
    lowest = polygons[-3].get("points", "")  # today, all at level 1
    assert "280.0,200.0" not in lowest  # not collapsed into the centre point
    assert root.findall("{http://www.w3.org/2000/svg}rect[@fill='#ffffff']")  # target markers


def test_trend_and_timeline_are_well_formed() -> None:
    trend = charts.trend(
        title="t",
        laps=["Varv 1", "Varv 2"],
        series=[charts.Series("Gap", "#0072b2", (125.0, 98.0))],
        y_title="Gap",
    )
    assert len(ET.fromstring(trend).findall("{http://www.w3.org/2000/svg}circle")) == 2
    timeline = charts.timeline(
        title="r", columns=["Våg 1", "Våg 2"], bars=[charts.Bar("<a & b>", 2, "#009e73")]
    )
    assert "&lt;a &amp; b&gt;" in timeline
    assert ET.fromstring(timeline).tag.endswith("svg")


class _EveryMarker:
    """The placement without the grid: every placed marker is checked (quadratic)."""

    def __init__(self, size: float) -> None:
        self.placed: list[tuple[float, float]] = []

    def add(self, x: float, y: float) -> None:
        self.placed.append((x, y))

    def near(self, x: float, y: float, distance: float) -> bool:
        return any((x - ox) ** 2 + (y - oy) ** 2 < distance**2 for ox, oy in self.placed)


def test_the_grid_places_every_marker_where_checking_all_of_them_would(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = random.Random(5)
    points = [
        charts.Point(
            str(n),
            rng.choice([1, 2, 3, 8, 20, 40]) * rng.uniform(0.9, 1.1),
            rng.randint(1, 5),
            "#0072b2",
        )
        for n in range(150)
    ]
    fast = charts.quadrant(title="q", points=points, labels=LABELS)
    monkeypatch.setattr(charts, "_Grid", _EveryMarker)
    assert charts.quadrant(title="q", points=points, labels=LABELS) == fast


def test_a_note_under_the_quadrant_says_what_is_left_out() -> None:
    points = [charts.Point("1", 3, 4, "#0072b2")]
    svg = charts.quadrant(title="q", points=points, labels=LABELS, note="12 more <elsewhere>")
    root = ET.fromstring(svg)
    assert ">12 more &lt;elsewhere&gt;</text>" in svg
    assert float(root.get("height", 0)) == 420 + 18
