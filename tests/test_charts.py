"""SVG charts: well-formed, escaped, deterministic."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from malmiljo_cli.render import charts

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
    circles = root.findall("{http://www.w3.org/2000/svg}circle")
    by_y = sorted(circles, key=lambda c: float(c.get("cy", 0)))
    assert float(by_y[0].get("cx", 0)) > float(by_y[1].get("cx", 0))


def test_quadrant_without_labels_has_no_point_names() -> None:
    points = [charts.Point("kunskapsbank", 5, 3, "#000000")]
    svg = charts.quadrant(title="q", points=points, labels=LABELS, show_labels=False)
    assert "kunskapsbank" not in svg


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
