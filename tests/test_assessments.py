"""Staff self-assessment: the file kind, its checks, the analysis, `gap`, and the live session."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from malmiljo_cli.analysis.assessments import staff_assessment
from malmiljo_cli.cli import app
from malmiljo_cli.validate import read_engagement, validate_folder

from .helpers import in_english
from .test_workshop_browser import PHONE, axe_violations, browser  # noqa: F401 - a fixture
from .workshop_server import participant, start

RATED = """\
id: sjalvskattning
date: 2026-03-01
area: organisation
participants: 5
ratings:
  operativ-ledning:
    current: [0, 1, 1, 2, 4]
    target: [3, 4, 4, 4, 5]
  tydliga-roller:
    current: [3, 3, 3, 3, 3]
    target: [4, 4, 4, 4, 4]
"""


def _write(engagement: Path, text: str) -> None:
    (engagement / "assessments").mkdir(exist_ok=True)
    (engagement / "assessments" / "sjalvskattning.yaml").write_text(text, encoding="utf-8")


def test_staff_median_spread_and_flags(example: Path) -> None:
    _write(example, RATED)
    staff = staff_assessment(read_engagement(example))
    views = {v.capability: v for v in staff.views}
    assert set(views) == {"operativ-ledning", "tydliga-roller"}
    leading = views["operativ-ledning"]
    assert (leading.current, leading.staff_current, leading.staff_target) == (0, 1, 4)
    assert (leading.spread, leading.responses, leading.difference) == (4, 5, 1)
    roles = views["tydliga-roller"]
    assert (roles.current, roles.staff_current, roles.spread, roles.difference) == (1, 3, 0, 2)
    assert staff.most_disagreement == ("operativ-ledning",)
    assert staff.most_difference == ("tydliga-roller",)


def test_gap_shows_the_staff_beside_the_assessment(example: Path) -> None:
    _write(example, RATED)
    runner = CliRunner()
    table = runner.invoke(app, ["gap", "-e", str(example), "--area", "organisation"])
    assert table.exit_code == 0, table.output
    assert "Personalens egen skattning" in table.output
    staff_part = table.output.split("Personalens egen skattning")[1]
    line = next(row for row in staff_part.splitlines() if row.startswith("operativ-ledning "))
    assert line.split() == ["operativ-ledning", "0", "1", "4", "4", "4", "5", "mest", "oenighet"]
    as_json = runner.invoke(app, ["gap", "-e", str(example), "-f", "json"])
    assert json.loads(as_json.stdout)["staff"]["most_difference"] == ["tydliga-roller"]
    other_area = runner.invoke(app, ["gap", "-e", str(example), "--area", "teknik"])
    assert "Personalens egen skattning" not in other_area.output
    english = runner.invoke(app, ["gap", "-e", str(in_english(example)), "--area", "organisation"])
    staff_part = english.output.split("Staff's own assessment")[1]
    line = next(row for row in staff_part.splitlines() if row.startswith("operativ-ledning "))
    assert line.split()[-1] == "most"  # most disagreement, wrapped in its column


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (("operativ-ledning:", "okand-formaga:"), "E303"),
        (("[3, 4, 4, 4, 5]", "[3, 4, 4, 4, 9]"), "E306"),
        (("area: organisation", "area: okand"), "E302"),
        (("participants: 5", "participants: 0"), "E204"),
        (("ratings:", "ratingz:"), "E202"),
    ],
)
def test_bad_assessments_are_located(example: Path, change: tuple[str, str], code: str) -> None:
    _write(example, RATED.replace(*change))
    problems = [p for p in validate_folder(example).problems if p.is_error]
    assert [p.code for p in problems] == [code], problems
    assert problems[0].file.endswith("assessments/sjalvskattning.yaml")


def test_two_phones_rate_and_the_file_is_written(example: Path, browser: Any) -> None:  # noqa: F811
    server = start(example, "--id", "organisation", "--area", "organisation", verb="assess")
    try:
        # A phone in the browser: rates two capabilities, one only for today.
        tab = browser.new_context(**PHONE).new_page()
        tab.goto(server.join_url)
        tab.wait_for_selector("#vote[data-ready]")
        assert tab.locator(".card").count() == 7  # the area's capabilities, no other
        assert axe_violations(tab) == []
        assert tab.evaluate("() => document.documentElement.scrollWidth") <= 360
        leading = tab.locator('li.card[data-id="operativ-ledning"]')
        # A mistaken tap is changed by another tap, and taken back with Clear.
        leading.locator('[data-name="current"] label').nth(5).tap()
        leading.locator('[data-name="current"] label').nth(4).tap()
        assert "I dag: 4" in str(leading.locator(".chosen").text_content())
        leading.locator(".clear").tap()
        assert leading.locator("input:checked").count() == 0
        assert "I dag: Inte besvarat" in str(leading.locator(".chosen").text_content())
        # A level's indicator describes it: what one would observe at that level.
        leading.locator('[data-name="current"] label').nth(3).tap()
        assert "morgonmöte på plats varje dag" in str(leading.locator(".chosen").text_content())
        pill = leading.locator('[data-name="target"] input[value="4"]')
        assert "vägs mot varandra" in str(pill.get_attribute("aria-label"))
        assert leading.locator("dl.indicators dd").count() == 3
        assert tab.locator('li.card[data-id="tydliga-roller"] dl.indicators').count() == 0
        leading.locator(".clear").tap()
        leading.locator('[data-name="current"] label').nth(2).tap()
        leading.locator('[data-name="target"] label').nth(4).tap()
        tab.locator('li.card[data-id="tydliga-roller"] [data-name="current"] label').nth(3).tap()
        tab.locator("#send").tap()
        tab.wait_for_function("() => document.getElementById('vote').dataset.state !== 'sending'")
        said = str(tab.locator("#status").text_content())
        assert "svar är sparade" in said and "röst" not in said  # assessment words, not voting
        # Another phone over HTTP; then a refused rating outside the scale.
        other = participant(server)
        answer = other.post("/api/vote", json={"ratings": {"operativ-ledning": {"current": 0}}})
        assert answer.json()["ok"], answer.text
        outside = other.post("/api/vote", json={"ratings": {"operativ-ledning": {"current": 9}}})
        assert outside.status_code == 422 and outside.json()["code"] == "R617"
        unknown = other.post("/api/vote", json={"ratings": {"teknikmiljo": {"current": 1}}})
        assert unknown.json()["code"] == "R616"
        state = httpx.get(server.base + "/api/facilitator", headers=server.facilitator()).json()
        assert state["voted"] == 2
        assert state["hidden"] is True and state["bars"] is None  # nothing anchors the room
        shown = httpx.post(
            server.base + "/api/facilitator/hide",
            headers=server.facilitator(),
            json={"hidden": False},
        )
        assert shown.json()["ok"], shown.text
        state = httpx.get(server.base + "/api/facilitator", headers=server.facilitator()).json()
        assert "personalen 1 (bedömt 0)" in state["bars"][0]["text"]
        closed = httpx.post(server.base + "/api/facilitator/close", headers=server.facilitator())
        assert closed.json()["ok"], closed.text
    finally:
        err = server.stop()
    assert "closed: wrote" in err
    written = (example / "assessments" / "organisation.yaml").read_text(encoding="utf-8")
    assert "area: organisation\nparticipants: 2\n" in written
    eng = read_engagement(example)
    [assessment] = eng.assessments
    assert assessment.ratings["operativ-ledning"].current == [0, 2]
    assert assessment.ratings["operativ-ledning"].target == [4]
    assert assessment.ratings["tydliga-roller"].current == [3]
    assert set(assessment.ratings) == {"operativ-ledning", "tydliga-roller"}


def test_the_report_has_one_staff_section_in_every_format(example: Path) -> None:
    from .test_report import render

    _write(example, RATED)
    files = render(example, "md", "html")
    markdown = files["report.md"].decode()
    assert "## Personalens egen skattning" in markdown
    assert (
        "| Operativ teknisk ledning nära personalen | 0 | 1 | 4 | 4 | 4 | 5 | mest oenighet |"
        in (markdown)
    )
    assert "Personalen är mest oense om Operativ teknisk ledning nära personalen." in markdown
    assert 'id="staff-assessment"' in files["report.html"].decode()
