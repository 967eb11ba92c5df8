"""The report in Markdown and HTML: contents, escaping, custom templates."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from malmiljo_cli.cli import app
from malmiljo_cli.content.report import analyse, report_context
from malmiljo_cli.validate import load_engagement
from malmiljo_cli.write.documents.report import Files, render_report

HOSTILE_HTML = "<script>alert(1)</script>"


def render(folder: Path, *formats: str, lang: str | None = None) -> Files:
    eng = load_engagement(folder).engagement
    assert eng is not None
    ctx = report_context(eng, analyse(eng, root=folder), root=folder, lang=lang)
    return render_report(ctx, formats=formats, root=folder)


def set_title(folder: Path, initiative: str, title: str) -> None:
    path = folder / "initiatives" / f"{initiative}.yaml"
    text = path.read_text(encoding="utf-8")
    line = f"title: {json.dumps(title, ensure_ascii=False)}"
    path.write_text(re.sub(r"(?m)^title: .*$", lambda _: line, text), encoding="utf-8")


def test_markdown_has_every_section_and_the_charts_beside_it(example: Path) -> None:
    files = render(example, "md")
    text = files["report.md"].decode()
    for heading in (
        "## Sammanfattning för beslut",
        "## Gapanalys",
        "## Bilaga: initiativ",
        "## Om metoden",
    ):
        assert heading in text
    for image in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text):
        assert image in files, image
    assert '<a id="initiative-scrumtavla"></a>' in text


def test_markdown_in_english(example: Path) -> None:
    text = render(example, "md", lang="en")["report.md"].decode()
    assert "## Executive summary" in text and "## Sammanfattning" not in text


def test_markdown_escapes_user_text(example: Path) -> None:
    set_title(example, "scrumtavla", "[länk](http://x) | *fet*")
    text = render(example, "md")["report.md"].decode()
    assert r"### \[länk\](http://x) \| \*fet\*" in text


def test_html_is_one_file_with_inline_svg_and_anchors(example: Path) -> None:
    files = render(example, "html")
    assert list(files) == ["report.html"]
    text = files["report.html"].decode()
    assert text.count("<svg ") >= 2
    assert 'id="initiative-scrumtavla"' in text
    assert 'src="charts/' not in text and "<link " not in text


def test_html_shows_a_script_title_as_text(example: Path) -> None:
    set_title(example, "scrumtavla", HOSTILE_HTML)
    text = render(example, "html")["report.html"].decode()
    assert HOSTILE_HTML not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_logo_is_inline_in_html_and_beside_markdown(example: Path) -> None:
    logo = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'
    (example / "logo.svg").write_bytes(logo)
    meta = example / "engagement.yaml"
    meta.write_text(meta.read_text(encoding="utf-8") + "logo: logo.svg\n", encoding="utf-8")
    files = render(example, "md", "html")
    assert files["logo.svg"] == logo
    assert "![Västra Mälardalens kommunalförbund](logo.svg)" in files["report.md"].decode()
    assert 'src="data:image/svg+xml;base64,' in files["report.html"].decode()


def test_engagement_templates_folder_overrides_a_block(example: Path) -> None:
    (example / "templates" / "report").mkdir(parents=True)
    (example / "templates" / "report" / "report.md.j2").write_text(
        '{% extends "malmiljo/report/report.md.j2" %}'
        "{% block method %}## Vår metod\n{% endblock %}",
        encoding="utf-8",
    )
    out = example / "out"
    result = CliRunner().invoke(
        app, ["report", "-e", str(example), "-o", str(out), "--format", "md"]
    )
    assert result.exit_code == 0, result.output
    text = (out / "report.md").read_text(encoding="utf-8")
    assert "## Vår metod" in text and "## Om metoden" not in text
    assert "## Sammanfattning" in text


def test_a_template_using_an_unknown_name_fails_loudly(example: Path) -> None:
    folder = example / "mine" / "report"
    folder.mkdir(parents=True)
    (folder / "report.md.j2").write_text("{{ r.no_such_field }}", encoding="utf-8")
    result = CliRunner().invoke(
        app,
        [
            "report",
            "-e",
            str(example),
            "-o",
            str(example / "out"),
            "-f",
            "md",
            "--templates",
            str(example / "mine"),
        ],
    )
    assert result.exit_code == 1, result.output
    assert "the template report/report.md.j2 failed" in result.output
    assert "no_such_field" in result.output
    assert not (example / "out" / "report.md").exists()


@pytest.mark.parametrize("formats", ["doc", ",", "md,odt"])
def test_unknown_format_is_a_usage_error(example: Path, formats: str) -> None:
    result = CliRunner().invoke(app, ["report", "-e", str(example), "-f", formats])
    assert result.exit_code == 2, result.output
    assert "choose from md,html,pdf" in result.output


def git(folder: Path, *args: str) -> None:
    import subprocess

    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env |= {
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "PATH": "/usr/bin:/bin",
    }
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True, env=env)


def test_changes_since_the_previous_lap_from_git(example: Path) -> None:
    git(example, "init", "-q")
    git(example, "add", "-A")
    git(example, "commit", "-qm", "lap 1")
    git(example, "tag", "lap-1")
    meta = example / "engagement.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("lap: 1", "lap: 2"), "utf-8")
    rad = example / "initiatives" / "bestallarrad.yaml"
    rad.write_text(
        rad.read_text(encoding="utf-8").replace("status: proposed", "status: selected"), "utf-8"
    )
    caps = example / "capabilities.yaml"
    caps.write_text(
        caps.read_text(encoding="utf-8").replace("current: 2", "current: 3", 1), "utf-8"
    )
    files = render(example, "md", "html")
    text = files["report.md"].decode()
    assert "## Förändringar sedan förra varvet" in text
    assert "Jämfört med lap\\-1." in text or "Jämfört med lap-1." in text
    assert "| Beställarråd med medlemskommunerna | föreslaget | beslutat |" in text
    assert "| Tydligt och förankrat uppdrag | 2 Upprepbar | 3 Definierad |" in text
    assert "charts/trend.svg" in files
    assert 'id="changes"' in files["report.html"].decode()


def test_no_changes_section_outside_git_or_in_the_first_lap(example: Path) -> None:
    assert "## Förändringar" not in render(example, "md")["report.md"].decode()


def test_ranking_chosen_set_roadmap_and_map(example: Path) -> None:
    files = render(example, "md")
    text = files["report.md"].decode()
    for heading in (
        "### Rangordning",
        "### Varvets plan",
        "## Färdplan",
        "## Initiativkarta",
    ):
        assert heading in text, heading
    assert "(i varvets plan)" in text
    assert "antalsgränsen binder: med det skulle planen rymma 6 initiativ, gränsen är 5" in text
    # digitaliseringsstod adds 73 days (50 + 23 for what it needs outside the plan) to a plan
    # with 60 left, and the count binds too: both are said.
    assert (
        "tillsammans lägger de till 73 persondagar och 60 persondagar återstår, och planen "
        "skulle rymma 8 initiativ, gränsen är 5; ingen plan som behåller besluten rymmer det"
    ) in text
    assert "charts/roadmap.svg" in files and "map.svg" in files
    assert b'href="#initiative-scrumtavla"' in files["map.svg"]


def test_no_map_section_without_graphviz(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("malmiljo_cli.write.map.drawing.find_engine", lambda: None)
    files = render(example, "md")
    assert "## Initiativkarta" not in files["report.md"].decode()
    assert "map.svg" not in files


def test_markdown_board_lists_every_card_on_its_own_line() -> None:
    from .helpers import EXAMPLE

    text = render(EXAMPLE, "md")["report.md"].decode()
    board = text.split('<a id="board"></a>', 1)[1].split('<a id="', 1)[0]
    cards = [line for line in board.splitlines() if line.startswith("- [")]
    assert len(cards) == 17  # every initiative of the example, dropped ones included
    assert all(line.count("](#initiative-") == 1 for line in cards)


def test_html_tables_scroll_in_their_own_box_and_words_never_break_mid_word() -> None:
    from .helpers import EXAMPLE

    text = render(EXAMPLE, "html")["report.html"].decode()
    # Each wrapper is a named region a keyboard can reach (axe: scrollable-region-focusable).
    wrapped = re.findall(
        r'<div class="wide" role="region" tabindex="0" aria-label="([^"]+)"><table', text
    )
    assert text.count("<table") == len(wrapped) and len(set(wrapped)) == len(wrapped), wrapped
    assert "overflow-wrap: anywhere" not in text and "hyphens: auto" in text
