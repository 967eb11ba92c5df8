"""The initiative map as DOT (write/map/dot.py): structure, colours, escaping, determinism."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pygraphviz
import pytest

from malmiljo_cli.analysis.initiative_map import initiative_map
from malmiljo_cli.models import Engagement
from malmiljo_cli.validate import read_engagement
from malmiljo_cli.write.charts.colour import contrast_ratio
from malmiljo_cli.write.map.dot import look, to_dot
from malmiljo_cli.write.map.drawing import draw

EVIL = 'Chef "Å" <script>alert(1)</script> & {a|b} \\N \\\\ åäö\\'
EVIL_NAME = 'Uppdrag <Ä> & "citat" \\N \\l'


def _dot(eng: Engagement, **options: object) -> str:
    return to_dot(eng, initiative_map(eng, **options), lang="sv")  # type: ignore[arg-type]


def _svg(eng: Engagement) -> str:
    drawing = draw(_dot(eng), "svg", date=dt.date(2000, 1, 1))
    assert drawing.messages == (), drawing.messages  # an HTML-label slip shows up here
    return drawing.data.decode("utf-8")


def _retitle(folder: Path, name: str, title: str, description: str) -> None:
    path = folder / "initiatives" / f"{name}.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not line.startswith(("title:", "description:"))]
    kept += [f"title: {json.dumps(title)}", f"description: {json.dumps(description)}"]
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")


@pytest.fixture
def eng(example: Path) -> Engagement:
    return read_engagement(example)


def test_every_live_initiative_sits_in_its_areas_cluster(eng: Engagement) -> None:
    graph = pygraphviz.AGraph(string=_dot(eng))
    clusters = {sub.name: sub for sub in graph.subgraphs()}
    assert list(clusters) == [f"cluster_{a.id}" for a in eng.areas]  # areas.yaml order
    for ini in eng.initiatives:
        inside = [name for name, sub in clusters.items() if sub.has_node(f"i_{ini.id}")]
        assert inside == ([] if ini.status == "dropped" else [f"cluster_{ini.area}"]), ini.id


def test_every_dependency_is_an_edge_from_prerequisite_to_dependent(eng: Engagement) -> None:
    graph = pygraphviz.AGraph(string=_dot(eng))
    edges = sorted((a.removeprefix("i_"), b.removeprefix("i_")) for a, b in graph.edges())
    live = {i.id for i in eng.initiatives if i.status != "dropped"}
    expected = sorted((d, i.id) for i in eng.initiatives if i.id in live for d in i.depends_on)
    assert edges == expected
    critical = [(a, b) for a, b in graph.edges() if graph.get_edge(a, b).attr["penwidth"] == "3.5"]
    assert sorted(critical) == [("i_drift-teknikchef", "i_driftdokumentation")]


def test_colours_come_from_areas_yaml(eng: Engagement) -> None:
    graph = pygraphviz.AGraph(string=_dot(eng))
    for area in eng.areas:
        assert graph.get_subgraph(f"cluster_{area.id}").graph_attr["color"] == area.colour
    for ini in eng.initiatives:
        if ini.status in ("proposed", "selected", "in_progress"):
            label = graph.get_node(f"i_{ini.id}").attr["label"]
            colour = eng.area_by_id[ini.area].colour
            assert f'BGCOLOR="{colour}"' in label, ini.id
            for related in ini.related_areas:
                assert f'BGCOLOR="{eng.area_by_id[related].colour}"' in label, ini.id


@pytest.mark.parametrize("status", ["proposed", "selected", "in_progress", "done", "dropped"])
def test_text_stays_readable_on_every_status_and_area(eng: Engagement, status: str) -> None:
    for area in eng.areas:
        style = look(status, area.colour)  # type: ignore[arg-type]
        assert contrast_ratio(style.fill, style.text) >= 4.5, (status, area.id)


def test_status_styles_differ_and_dropped_only_on_request(eng: Engagement) -> None:
    dot = _dot(eng)
    assert "standardklient" not in dot
    with_dropped = _dot(eng, include_dropped=True)
    graph = pygraphviz.AGraph(string=with_dropped)  # kept: nodes die with their graph
    node = graph.get_node("i_standardklient")
    assert 'STYLE="rounded,dashed"' in node.attr["label"]
    styles = {
        look(s, "#0072b2") for s in ("proposed", "selected", "in_progress", "done", "dropped")
    }
    assert len(styles) == 5


def test_title_legend_tooltip_and_anchor(eng: Engagement) -> None:
    graph = pygraphviz.AGraph(string=_dot(eng))
    heading = graph.graph_attr["label"]
    assert eng.meta.name in heading and "varv 1" in heading
    assert all(a.name in heading for a in eng.areas)
    assert "kritisk linje: 85 persondagar" in heading
    node = graph.get_node("i_tva-team")
    assert node.attr["URL"] == "#initiative-tva-team"
    assert "Insats 20 persondagar" in node.attr["tooltip"]
    english = to_dot(eng, initiative_map(eng), lang="en")
    assert "critical path: 85 person-days" in english and "lap 1" in english


def test_capability_nodes_and_raise_edges(eng: Engagement) -> None:
    graph = pygraphviz.AGraph(string=_dot(eng, capabilities=True))
    cluster = graph.get_subgraph("cluster_organisation")
    assert cluster.has_node("c_operativ-ledning")
    assert graph.has_edge("i_drift-teknikchef", "c_operativ-ledning")
    cap = eng.capability_by_id["operativ-ledning"]
    scale = eng.meta.scale
    level = (
        f"nu {cap.current} {scale.label(cap.current)} → mål {cap.target} {scale.label(cap.target)}"
    )
    assert level in graph.get_node("c_operativ-ledning").attr["label"]


def test_titles_are_drawn_as_written(minimal: Path) -> None:
    _retitle(minimal, "chef", EVIL, "Beskrivning <b>fet</b> & \\G {x} \\n")
    meta = minimal / "engagement.yaml"
    text = meta.read_text(encoding="utf-8")
    meta.write_text(text.replace("name: Testuppdrag", f"name: {json.dumps(EVIL_NAME)}"), "utf-8")
    eng = read_engagement(minimal)
    graph = pygraphviz.AGraph(string=_dot(eng))  # parses: nothing broke out of its quotes
    assert graph.has_node("i_chef") and graph.has_edge("i_chef", "i_tavla")
    svg = _svg(eng)
    assert "<script" not in svg and "<b>" not in svg
    tooltip = 'xlink:title="Chef &quot;Å&quot; &lt;script&gt;alert(1)&lt;/script&gt; &amp; {a|b} \\N \\\\ åäö\\ (chef)'
    assert tooltip in svg
    assert "Beskrivning &lt;b&gt;fet&lt;/b&gt; &amp; \\G {x} \\n" in svg
    assert ">&lt;script&gt;alert(1)&lt;/script&gt;</text>" in svg  # the label, wrapped
    assert ">&amp; {a|b} \\N \\\\ åäö\\</text>" in svg
    assert "Uppdrag &lt;Ä&gt; &amp; &quot;citat&quot; \\N \\l<" in svg


def test_same_engagement_same_bytes_whatever_the_input_order(eng: Engagement) -> None:
    # A new model, not model_copy, which would carry the original's cached id lookups.
    shuffled = Engagement(
        meta=eng.meta,
        areas=eng.areas,
        capabilities=tuple(reversed(eng.capabilities)),
        initiatives=tuple(reversed(eng.initiatives)),
    )
    for options in ({}, {"capabilities": True, "include_dropped": True}):
        assert _dot(eng, **options) == _dot(shuffled, **options)
