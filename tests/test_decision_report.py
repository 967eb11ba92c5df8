"""The report as a decision document: what the first pages say, honest data, the heat map."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from malmiljo_cli.content.context import ReportContext
from malmiljo_cli.content.report import analyse, report_context
from malmiljo_cli.validate import load_engagement

from .helpers import EXAMPLE
from .test_report import render

LONG_NAMES = (
    "Strukturerad incident- och problemhantering med uppföljning",
    "Kundfokus och beställarrelation med medlemskommunerna",
    "Dokumenterad och övervakad driftmiljö i alla kommuner",
)


def write_engagement(
    folder: Path,
    *,
    language: str = "en",
    areas: int = 6,
    per_area: int = 6,
    scale: tuple[int, int] = (1, 4),
    extra: str = "",
) -> Path:
    """A generated engagement: `areas` x `per_area` capabilities, one initiative per area,
    no interviews and no workshop; ratings other than effect left out."""
    folder.mkdir(parents=True, exist_ok=True)
    low, high = scale
    (folder / "engagement.yaml").write_text(
        f"schema_version: 1\nname: Generated engagement\nclient: Example Council\n"
        f"language: {language}\nlap: 1\ndate: 2026-03-02\n"
        f"scale: {{min: {low}, max: {high}}}\ncapacity: {{budget: 60}}\n{extra}",
        encoding="utf-8",
    )
    colours = ("#e69f00", "#56b4e9", "#009e73", "#0072b2", "#d55e00", "#cc79a7")
    area_rows = [
        f"  - id: a{n}\n    name: Focus area number {n}\n    colour: '{colours[n % 6]}'"
        for n in range(areas)
    ]
    (folder / "areas.yaml").write_text("areas:\n" + "\n".join(area_rows) + "\n", encoding="utf-8")
    caps = []
    for n in range(areas):
        for k in range(per_area):
            name = LONG_NAMES[(n + k) % 3] + f" {n}.{k}"
            current = low + (n + k) % (high - low)
            weight = f"\n    importance: {1 + k % 3}" if k % 3 else ""  # some left out
            caps.append(
                f"  - id: c{n}-{k}\n    area: a{n}\n    name: {json.dumps(name)}\n"
                f"    current: {current}\n    target: {high}{weight}"
            )
    (folder / "capabilities.yaml").write_text(
        "capabilities:\n" + "\n".join(caps) + "\n", encoding="utf-8"
    )
    (folder / "initiatives").mkdir(exist_ok=True)
    for n in range(areas):
        (folder / "initiatives" / f"i{n}.yaml").write_text(
            f"id: i{n}\ntitle: Initiative {n}\narea: a{n}\n"
            f"raises:\n  - capability: c{n}-0\n    to: {high}\n"
            f"effect: {1 + n % 5}\neffort: {5 + 3 * n}\ncost: 12000\n",
            encoding="utf-8",
        )
    return folder


def pdf_pages(pdf: bytes, tmp: Path) -> list[str]:
    path = tmp / "report.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")


def test_the_example_opens_with_the_recommendation_and_the_heat_map(tmp_path: Path) -> None:
    pages = pdf_pages(render(EXAMPLE, "pdf")["report.pdf"], tmp_path)
    assert "Sammanfattning för beslut" in pages[1]
    assert "Rekommendation" in pages[1] and "Genomför varvets plan" in pages[1]
    assert "Beslut som styrgruppen ombeds fatta" in pages[1]
    assert "Nästa steg" in pages[1]
    assert "Förmågorna i överblick" in pages[2]
    assert "Innehåll" in pages[3]


def test_heat_map_of_36_capabilities_in_6_areas_stays_on_one_page(tmp_path: Path) -> None:
    folder = write_engagement(tmp_path / "big")
    pages = pdf_pages(render(folder, "pdf")["report.pdf"], tmp_path)
    page = pages[2]
    assert "Capabilities at a glance" in page
    names = re.findall(r"\d\.\d", page)
    assert len(set(names)) == 36, sorted(set(names))  # every cell's number on this one page
    assert "Each cell is a capability" in page  # the caption under the legend
    assert "Contents" in pages[3]


def test_english_engagement_without_interviews_says_so_and_shows_no_defaults(
    tmp_path: Path,
) -> None:
    folder = write_engagement(tmp_path / "plain", areas=3, per_area=4)
    text = render(folder, "md")["report.md"].decode()
    assert text.count("No interviews are recorded:") == 1  # the one visible warning
    assert "No interview findings for this area" not in text
    assert "| Urgency | not assessed |" in text
    assert "| Risk reduction | not assessed |" in text
    assert "| Votes |" not in text  # no workshop, so no vote counts
    assert "| Cost | 12,000 |" in text  # no currency given and not Swedish: none shown
    assert "The scale runs from 1 to 4; its levels have no names" in text
    assert "Workshops" not in text
    assert "The engagement sets no weights, so these are the defaults." in text
    assert re.search(r"\| \d \| 1 \(default\) \| \d \|", text)  # an importance left out
    assert not re.search(r"\| \d \| [23] \(default\)", text)


def test_cost_carries_the_currency(tmp_path: Path) -> None:
    folder = write_engagement(tmp_path / "eur", extra="currency: EUR\n", areas=2, per_area=3)
    assert "| Cost | 12,000 EUR |" in render(folder, "md")["report.md"].decode()
    folder = write_engagement(tmp_path / "sv", language="sv", areas=2, per_area=3)
    assert "| Kostnad | 12 000 SEK |" in render(folder, "md")["report.md"].decode()


def _context(folder: Path, lang: str | None = None) -> ReportContext:
    eng = load_engagement(folder).engagement
    assert eng is not None
    return report_context(eng, analyse(eng, root=folder), root=folder, lang=lang)


def test_findings_and_decisions_come_from_the_data() -> None:
    ctx = _context(EXAMPLE)
    ex = ctx.executive
    assert 3 <= len(ex.findings) <= 5
    assert ex.findings[0].text.startswith(
        "Organisation bär det största viktade gapet som återstår: 42 av 116"
    )
    assert any("Planerad förvaltning av verksamhetssystem" in f.text for f in ex.findings)
    assert {f.anchor for f in ex.findings} <= {"heatmap", "gap-analysis", "staff", "prioritisation"}
    assert ex.decisions[0].startswith("Godkänn varvets plan: 5 initiativ")
    members = [r.id for r in ex.recommendation.initiatives]
    # The appendix starts with the plan's members, in plan order, then the rest by rank.
    assert [i.id for i in ctx.initiatives[: len(members)]] == members
    assert all(i.in_plan for i in ctx.initiatives[: len(members)])
    assert not any(i.in_plan for i in ctx.initiatives[len(members) :])
    assert ex.next_steps == ctx.risks.next_steps


def test_readiness_names_what_is_missing(example: Path) -> None:
    path = example / "initiatives" / "arendekoordinator.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^first_step:.*\n(?:  .*\n)*", "", text), encoding="utf-8")
    ctx = _context(example)
    assert ctx.readiness is not None
    row = next(r for r in ctx.readiness.rows if r.ref.id == "arendekoordinator")
    assert [c.ok for c in row.rules] == [True, False, True, True]
    assert row.missing == "inget första steg"
    assert any(r.text.startswith("Initiativ i planen utan första steg") for r in ctx.risks.risks)


def test_every_finding_links_to_a_section_that_exists() -> None:
    html = render(EXAMPLE, "html")["report.html"].decode()
    ids = set(re.findall(r'id="([^"]+)"', html))
    for href in re.findall(r'<li>[^<]*<a href="#([^"]+)">se ', html):
        assert href in ids, href


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_one_set_of_quadrant_names_in_chart_and_table(lang: str) -> None:
    ctx = _context(EXAMPLE, lang)
    names = set(ctx.t["quadrants"].values())
    svg = ctx.prioritisation.quadrant.svg
    for name in names:
        assert f">{name[:1].upper()}{name[1:]}</text>" in svg, name
    assert {row.quadrant for row in ctx.prioritisation.ranking} <= names


def test_a_character_no_font_has_still_gives_a_pdf(example: Path, tmp_path: Path) -> None:
    from .test_report import set_title

    set_title(example, "scrumtavla", "Tavla 🚀 \x1b[31m")
    pages = pdf_pages(render(example, "pdf")["report.pdf"], tmp_path)
    text = "\f".join(pages)
    assert "Tavla" in text and "\\x1b[31m" in text  # the control character shown as text


def _decide(example: Path, ident: str, *, max_initiatives: int) -> ReportContext:
    path = example / "initiatives" / f"{ident}.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("status: proposed", "status: selected"),
        encoding="utf-8",
    )
    eng_file = example / "engagement.yaml"
    eng_file.write_text(
        re.sub(
            r"max_initiatives: \d+",
            f"max_initiatives: {max_initiatives}",
            eng_file.read_text(encoding="utf-8"),
        ),
        encoding="utf-8",
    )
    return _context(example, "en")


def test_decided_work_the_optimiser_would_drop_is_a_finding_and_a_decision(example: Path) -> None:
    ex = _decide(example, "introduktionsprogram", max_initiatives=6).executive
    title = "Introduktionsprogram för nya medarbetare"
    assert f"{title} is decided but would not be in the plan if the choice were free." in [
        f.text for f in ex.findings
    ]
    assert (
        f"Confirm or reconsider decided work the optimiser would leave out: {title}."
        in ex.decisions
    )


def test_decided_work_over_capacity_is_a_finding_a_decision_and_a_risk(example: Path) -> None:
    ctx = _decide(example, "introduktionsprogram", max_initiatives=5)
    said = (
        "More is decided than the lap can hold: the decided work alone is 6 initiatives, "
        "the limit is 5, so the optimiser adds nothing."
    )
    assert said in [f.text for f in ctx.executive.findings]
    assert "The decided work does not fit in the lap" in ctx.executive.decisions[0]
    # its real options: one more initiative in the limit, or releasing decided work
    [fit] = ctx.executive.choices[:1]
    assert fit.options[0].label == "One more initiative in the limit"
    assert all(o.label.startswith(("Stop", "Defer")) for o in fit.options[1:])
    assert len(fit.options) > 1
    assert ctx.risks.risks[0].text == "Decided work alone exceeds the lap's capacity."
    # An introduction programme for new employees is not a recruitment; a new manager is.
    recruiting = next(r for r in ctx.risks.risks if "recruiting" in r.text)
    assert [r.id for r in recruiting.refs] == ["drift-teknikchef"]


def test_the_summary_names_ten_plan_members_and_counts_the_rest() -> None:
    from malmiljo_cli.content import decision
    from malmiljo_cli.content.formatter import Formatter
    from malmiljo_cli.content.plan_facts import PlanFacts

    eng = load_engagement(EXAMPLE).engagement
    assert eng is not None
    ids = tuple(i.id for i in eng.initiatives[:12])
    plan = PlanFacts(ids, 100.0, 150.0, None, 0.5, 60, None, ())
    rec = decision.recommendation(eng, analyse(eng, root=EXAMPLE), plan, Formatter(eng, "en"))
    assert [r.id for r in rec.initiatives] == list(ids[:10])
    assert rec.more == "2 more"
    assert "12 initiatives taking 100 person-days of the 150 person-days available" in rec.text
