"""What the map shows (analysis/initiative_map.py), on the example engagement."""

from __future__ import annotations

from pathlib import Path

import pytest

from malmiljo_cli.analysis.graph import parse_selector
from malmiljo_cli.analysis.initiative_map import initiative_map, prerequisites
from malmiljo_cli.models import Engagement
from malmiljo_cli.validate import read_engagement


@pytest.fixture
def eng(example: Path) -> Engagement:
    return read_engagement(example)


def test_default_shows_every_initiative_but_the_dropped(eng: Engagement) -> None:
    view = initiative_map(eng)
    live = sorted(i.id for i in eng.initiatives if i.status != "dropped")
    assert list(view.initiatives) == live
    assert "standardklient" not in view.initiatives
    assert "standardklient" in initiative_map(eng, include_dropped=True).initiatives
    expected = sorted((d, i.id) for i in eng.initiatives if i.id in live for d in i.depends_on)
    assert list(view.edges) == expected
    assert view.capabilities == () and view.raises == ()


def test_selectors_follow_dependencies(eng: Engagement) -> None:
    needs = initiative_map(eng, selector=parse_selector("+tva-team")).initiatives
    assert set(needs) == {"tva-team", "helpdesk-uppdrag", "scrumtavla"}
    needed_by = initiative_map(eng, selector=parse_selector("tva-team+")).initiatives
    assert set(needed_by) == {"tva-team", "digitaliseringsstod", "kompetensplan"}
    both = initiative_map(eng, selector=parse_selector("+tva-team+")).initiatives
    assert set(both) == set(needs) | set(needed_by)
    assert initiative_map(eng, selector=parse_selector("tva-team")).edges == ()


def test_area_keeps_its_initiatives_and_their_direct_neighbours(eng: Engagement) -> None:
    view = initiative_map(eng, area="teknik")
    assert set(view.initiatives) == {"driftdokumentation", "drift-teknikchef"}
    assert view.edges == (("drift-teknikchef", "driftdokumentation"),)
    uppdrag = initiative_map(eng, area="uppdrag")
    own = {i.id for i in eng.initiatives if i.area == "uppdrag"}
    edges = prerequisites(eng)
    neighbours = {d for i in own for d in edges[i]} | {
        i for i, ds in edges.items() if own & set(ds)
    }
    assert set(uppdrag.initiatives) == own | neighbours


def test_critical_path_weighs_remaining_effort(eng: Engagement) -> None:
    path = initiative_map(eng).critical
    by_id = eng.initiative_by_id
    assert path.nodes == ("drift-teknikchef", "driftdokumentation")
    assert path.weight == sum(by_id[n].effort for n in path.nodes)
    assert all(by_id[n].status != "done" for n in path.nodes)
    scoped = initiative_map(eng, selector=parse_selector("+digitaliseringsstod"))
    assert scoped.critical.nodes[-1] == "digitaliseringsstod"
    assert set(scoped.critical.nodes) <= set(scoped.initiatives)


def test_capabilities_all_when_unfiltered_else_those_raised(eng: Engagement) -> None:
    whole = initiative_map(eng, capabilities=True)
    assert list(whole.capabilities) == sorted(c.id for c in eng.capabilities)
    shown = set(whole.initiatives)
    expected = {(i.id, r.capability) for i in eng.initiatives if i.id in shown for r in i.raises}
    assert list(whole.raises) == sorted(expected)
    picked = initiative_map(eng, selector=parse_selector("bestallarrad"), capabilities=True)
    raised = {r.capability for r in eng.initiative_by_id["bestallarrad"].raises}
    assert set(picked.capabilities) == raised
    assert {c for _, c in picked.raises} == raised
