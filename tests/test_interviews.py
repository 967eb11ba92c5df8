"""The interview synthesis: counts, distinct interviews and roles, quote choice, missing evidence."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from malmiljo_cli.analysis.interviews import synthesise
from malmiljo_cli.cli import app
from malmiljo_cli.validate import read_engagement

from .helpers import EXAMPLE

INTERVIEWS = {
    "i-tekniker.yaml": """\
id: i-tekniker
date: 2018-03-01
role: It-tekniker
findings:
  - {text: "Ingen leder driften på nära håll.", area: organisation, capability: ledning, kind: pain}
  - {text: "Vi borde ha en tavla | med allt.", area: arbetssatt, capability: overblick, kind: wish}
  - {text: "Stämningen är god.", area: organisation, kind: strength}
""",
    "i-chef.yaml": """\
id: i-chef
date: 2018-03-02
role: It-chef
findings:
  - {text: "Jag hinner inte leda det dagliga arbetet.", area: organisation, capability: ledning, kind: pain}
  - {text: "Jag vill ha en chef för driften.", area: organisation, capability: ledning, kind: wish}
""",
    "i-chef2.yaml": """\
id: i-chef2
date: 2018-04-02
role: It-chef
findings:
  - {text: "Fortfarande ingen driftchef.", area: organisation, capability: ledning, kind: pain}
""",
}


def _with_interviews(folder: Path) -> Path:
    (folder / "interviews").mkdir()
    for name, text in INTERVIEWS.items():
        (folder / "interviews" / name).write_text(text, encoding="utf-8")
    return folder


def test_counts_interviews_roles_and_quotes(minimal: Path) -> None:
    result = synthesise(read_engagement(_with_interviews(minimal)), quotes=2)
    groups = {(g.area, g.capability): g for g in result.groups}
    ledning = groups[("organisation", "ledning")]
    # three pains/wishes from three interviews, but only two distinct roles
    assert ledning.counts == {"pain": 3, "wish": 1, "strength": 0}
    assert (ledning.interviews, ledning.roles) == (3, 2)
    # pains first, one per interview before a second from the same interview: i-chef, i-chef2
    assert [(q.interview, q.kind) for q in ledning.quotes] == [
        ("i-chef", "pain"),
        ("i-chef2", "pain"),
    ]
    general = groups[("organisation", None)]
    assert general.counts == {"pain": 0, "wish": 0, "strength": 1}
    assert list(groups) == [
        ("organisation", None),
        ("organisation", "ledning"),
        ("arbetssatt", "overblick"),
    ]


def test_missing_evidence_and_findings_without_gap(minimal: Path) -> None:
    folder = _with_interviews(minimal)
    caps = (folder / "capabilities.yaml").read_text(encoding="utf-8")
    caps += (
        "  - id: drift\n    area: organisation\n    name: Drift\n    current: 3\n    target: 3\n"
    )
    (folder / "capabilities.yaml").write_text(caps, encoding="utf-8")
    extra = "  - {text: Drift strular., area: organisation, capability: drift, kind: pain}\n"
    path = folder / "interviews" / "i-chef2.yaml"
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    (folder / "interviews" / "i-tekniker.yaml").write_text(
        INTERVIEWS["i-tekniker.yaml"].replace("capability: overblick, ", ""), encoding="utf-8"
    )
    result = synthesise(read_engagement(folder))
    assert result.unsupported_gaps == ("overblick",)
    assert result.heard_without_gap == (("drift", 1),)


def test_markdown_escapes_quotes_and_json_shape(minimal: Path) -> None:
    folder = _with_interviews(minimal)
    md = CliRunner().invoke(app, ["interviews", "-e", str(folder), "--format", "md"]).stdout
    assert "Vi borde ha en tavla \\| med allt." in md
    out = CliRunner().invoke(app, ["interviews", "-e", str(folder), "--format", "json"]).stdout
    data = json.loads(out)
    assert set(data) == {"groups", "unsupported_gaps", "heard_without_gap"}
    assert data["groups"][1]["capability"] == "ledning"


def test_example_runs_in_the_terminal() -> None:
    result = CliRunner().invoke(app, ["interviews", "-e", str(EXAMPLE), "--quotes", "1"])
    assert result.exit_code == 0, result.output
    assert all(len(line) <= 80 for line in result.stdout.splitlines()[30:]), "quotes wrap at 80"
