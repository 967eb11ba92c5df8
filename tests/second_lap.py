"""A two-lap engagement in a real git repository: lap 1 tagged, lap 2 in the working tree.

Lap 1's plan (the tool's own, under the capacity) holds five initiatives. By lap 2 two are done,
one still runs, one is dropped with a reason and one has not started; `arenden` stands at its
planned level, `ledning` half way.
"""

from __future__ import annotations

from pathlib import Path

from .helpers import git

ENGAGEMENT = """\
schema_version: 1
name: Andra varvet
client: Åkerby kommun
consultants: [Åsa Öberg]
language: {language}
lap: {lap}
date: {date}
scale:
  min: 0
  max: 5
  labels: {{0: Saknas, 1: Initial, 2: Upprepbar, 3: Definierad, 4: Styrd, 5: Optimerad}}
capacity:
  budget: 60
  max_initiatives: 5
  start: {date}
  weeks: 12
  per_week: 5
"""

AREAS = """\
areas:
  - {id: arbete, name: Arbetssätt, colour: "#0072b2"}
  - {id: drift, name: Drift, colour: "#e69f00"}
"""

CAPABILITIES = """\
capabilities:
  - id: arenden
    area: arbete
    name: Ärendefördelning
    current: {arenden}
    target: 4
    importance: 2
    indicators:
      2: Ärendena fördelas varje morgon
      3: Varje ärende har en ägare inom en arbetsdag
      4: Ingen väntar mer än en dag på svar
  - id: ledning
    area: drift
    name: Operativ ledning
    current: {ledning}
    target: 4
    importance: 3
  - id: dokumentation
    area: drift
    name: Dokumenterad driftmiljö
    current: 1
    target: 3
"""

INITIATIVES = {
    "koordinator": ("Ärendekoordinator", "arbete", "arenden", 3, 10, "selected"),
    "tavla": ("Gemensam tavla", "arbete", "arenden", 2, 5, "in_progress"),
    "chef": ("Rekrytera en driftchef", "drift", "ledning", 4, 20, "selected"),
    "rutiner": ("Driftrutiner", "drift", "ledning", 2, 8, "proposed"),
    "mote": ("Dagligt driftmöte", "drift", "ledning", 3, 5, "proposed"),
    "wiki": ("Driftwiki", "drift", "dokumentation", 3, 40, "proposed"),
}
LAP_2_STATUS = {
    "koordinator": "done",
    "tavla": "done",
    "chef": "in_progress",
    "rutiner": "dropped",
    "mote": "proposed",
    "wiki": "proposed",
}
DROPPED_REASON = "Driftchefen skriver rutinerna själv när hen börjat"
PLAN_1 = ("chef", "koordinator", "mote", "rutiner", "tavla")

ASSESSMENT = """\
id: {id}
date: {date}
participants: 3
ratings:
  arenden: {{current: {ratings}, target: [4, 4, 4]}}
"""


def _initiative(ident: str, status: str) -> str:
    title, area, capability, to, effort, _ = INITIATIVES[ident]
    text = (
        f"id: {ident}\ntitle: {title}\narea: {area}\n"
        f"raises:\n  - capability: {capability}\n    to: {to}\n"
        f"effect: 4\neffort: {effort}\nstatus: {status}\n"
        f"owner: It-chef\nfirst_step: Boka ett första möte om {title.lower()}\n"
    )
    if status == "dropped":
        text += f"dropped_reason: {DROPPED_REASON}\n"
    return text


def write_lap(
    folder: Path, lap: int, *, language: str = "sv", statuses: dict[str, str] | None = None
) -> None:
    """The engagement as it stands in lap 1 or lap 2."""
    date = "2026-01-12" if lap == 1 else "2026-06-15"
    (folder / "initiatives").mkdir(parents=True, exist_ok=True)
    (folder / "assessments").mkdir(exist_ok=True)
    (folder / "engagement.yaml").write_text(
        ENGAGEMENT.format(language=language, lap=lap, date=date), encoding="utf-8"
    )
    (folder / "areas.yaml").write_text(AREAS, encoding="utf-8")
    levels = {"arenden": 1, "ledning": 0} if lap == 1 else {"arenden": 3, "ledning": 2}
    (folder / "capabilities.yaml").write_text(CAPABILITIES.format(**levels), encoding="utf-8")
    chosen = statuses or ({k: v[-1] for k, v in INITIATIVES.items()} if lap == 1 else LAP_2_STATUS)
    for ident, status in chosen.items():
        (folder / "initiatives" / f"{ident}.yaml").write_text(
            _initiative(ident, status), encoding="utf-8"
        )
    (folder / "assessments" / f"varv{lap}.yaml").write_text(
        ASSESSMENT.format(
            id=f"varv{lap}", date=date, ratings="[1, 1, 2]" if lap == 1 else "[2, 3, 3]"
        ),
        encoding="utf-8",
    )


def two_laps(top: Path, *, language: str = "sv") -> Path:
    """A repository at `top` with the engagement in `kund/`: lap 1 committed and tagged lap-1,
    then lap 2 committed on top. Returns the engagement folder."""
    top.mkdir(parents=True, exist_ok=True)
    git(top, "init", "-q", "-b", "main")
    folder = top / "kund"
    write_lap(folder, 1, language=language)
    git(top, "add", ".")
    git(top, "commit", "-q", "-m", "lap 1: the plan")
    git(top, "tag", "lap-1")
    write_lap(folder, 2, language=language)
    git(top, "add", ".")
    git(top, "commit", "-q", "-m", "lap 2: re-assessed")
    return folder
