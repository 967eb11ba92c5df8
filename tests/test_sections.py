"""The report context built section by section: formatted per language, anchors, links."""

from __future__ import annotations

from pathlib import Path

import pytest

from malmiljo_cli.analysis.scoring import Score
from malmiljo_cli.content.context import ReportContext, paragraphs, report_date
from malmiljo_cli.content.report import analyse
from malmiljo_cli.content.sections import QUADRANT_MAX, _legible, build_context
from malmiljo_cli.validate import load_engagement

from .helpers import EXAMPLE


def _context(folder: Path, lang: str) -> ReportContext:
    eng = load_engagement(folder).engagement
    assert eng is not None
    return build_context(eng, analyse(eng, root=folder), lang=lang)


@pytest.fixture(scope="module")
def sv() -> ReportContext:
    return _context(EXAMPLE, "sv")


def test_levels_carry_the_scale_labels(sv: ReportContext) -> None:
    first = sv.areas[0].capabilities[0]
    assert first.name == "Tydligt och förankrat uppdrag"
    assert (first.current, first.target) == ("2 Upprepbar", "4 Styrd")


def test_figures_use_the_language(sv: ReportContext) -> None:
    en = _context(EXAMPLE, "en")
    assert sv.summary.figures[3].value.endswith("\u00a0%")
    assert en.summary.figures[3].value.endswith("%")
    assert not en.summary.figures[3].value.endswith("\u00a0%")
    assert sv.t["summary"] == "Sammanfattning" and en.t["summary"] == "Summary"


def test_initiatives_have_stable_anchors_and_both_link_directions(sv: ReportContext) -> None:
    by_id = {i.id: i for i in sv.initiatives}
    assert by_id["scrumtavla"].anchor == "initiative-scrumtavla"
    for ini in sv.initiatives:
        for ref in ini.needs:
            assert ini.id in {r.id for r in by_id[ref.id].needed_by}


def test_findings_are_grouped_by_area(sv: ReportContext) -> None:
    organisation = next(a for a in sv.areas if a.id == "organisation")
    assert organisation.findings
    assert all(f.kind in {"Problem", "Önskemål", "Styrka"} for f in organisation.findings)


def test_every_chart_has_a_unique_name(sv: ReportContext) -> None:
    names = [c.name for c in sv.charts]
    assert len(names) == len(set(names))
    assert "quadrant" in names and "radar-overview" in names


def test_date_from_source_date_epoch_when_the_engagement_has_none(
    minimal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    eng = load_engagement(minimal).engagement
    assert eng is not None and eng.meta.date is None
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert report_date(eng) is None
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1542240000")
    assert str(report_date(eng)) == "2018-11-15"


def test_paragraphs_join_lines_and_split_on_blank_lines() -> None:
    assert paragraphs("a\nb\n\n c \n") == ("a b", "c")


def test_summary_names_the_lap_plan_and_what_it_closes(sv: ReportContext) -> None:
    figures = {f.label: f.value for f in sv.summary.figures}
    assert [r.id for r in sv.summary.chosen] == [
        "arendekoordinator", "drift-teknikchef", "tva-team", "helpdesk-uppdrag", "kunskapsbank"
    ]  # fmt: skip
    # The lap first, then the whole backlog, each named for what it is.
    labels = [f.label for f in sv.summary.figures]
    closed = "Andel av gapet som är stängd efter varvet (planen och redan utfört arbete)"
    lap = labels.index(closed)
    assert labels[lap + 1].startswith("Andel som hela backloggen stänger")
    assert figures[closed] == "54\u00a0%"
    assert figures[labels[lap + 1]] == "96\u00a0%"


def _score(rank: int) -> Score:
    return Score(f"i{rank:03d}", "t", "proposed", rank, 1.0, 1.0, 1.0, 3, "quick_win", {})


def test_a_crowded_quadrant_keeps_the_plan_and_the_best_ranked() -> None:
    scores = tuple(_score(r) for r in range(1, 301))
    plan = {"i250", "i120", "i007"}
    kept = _legible(scores, plan)
    assert len(kept) == QUADRANT_MAX
    assert plan <= {s.id for s in kept}
    assert [s.id for s in kept if s.id not in plan] == [
        f"i{r:03d}" for r in range(1, QUADRANT_MAX + 2) if r != 7
    ][: QUADRANT_MAX - 3]
    assert [s.rank for s in kept] == sorted(s.rank for s in kept)
    assert _legible(scores[:QUADRANT_MAX], set()) == scores[:QUADRANT_MAX]


def test_the_quadrant_of_a_large_engagement_says_how_many_are_left_out(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from generate import generate

    folder = generate(tmp_path / "e", 120, seed=2, committed=2, plan=8)
    eng = load_engagement(folder).engagement
    assert eng is not None
    analyses = analyse(eng, root=folder)
    ctx = build_context(eng, analyses, lang="sv")
    quadrant = ctx.prioritisation.quadrant
    assert analyses.ranking is not None
    left = len(analyses.ranking.scores) - QUADRANT_MAX
    assert left > 0
    sentence = f"planen och de högst rankade, {QUADRANT_MAX} initiativ; {left} till finns"
    assert sentence in quadrant.svg and sentence in quadrant.alt
    assert quadrant.svg.count('r="9.0" fill="#ffffff"') == QUADRANT_MAX
