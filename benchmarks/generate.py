"""A synthetic, valid engagement of any size, for benchmarks.

    from benchmarks.generate import generate
    generate(Path("/tmp/big"), n_initiatives=300, seed=1)

or `python benchmarks/generate.py FOLDER N [SEED]`. The same seed gives the same files. Each
initiative depends on about 1.2 earlier ones (so the graph has no cycle), areas number 4 to 8,
every capability with a gap is raised by some live initiative, and only initiatives nothing
depends on are dropped, so `malmiljo validate` reports no error and no warning.
"""

from __future__ import annotations

import json
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

PALETTE = ["#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7", "#999999"]
AREA_NAMES = [
    "Uppdrag",
    "Organisation",
    "Arbetssätt",
    "Teknisk miljö",
    "Kompetens",
    "Säkerhet",
    "Styrning",
    "Kundmöte",
]
WORDS = [
    "ärende",
    "tjänst",
    "kunskap",
    "överblick",
    "styrning",
    "rutin",
    "plattform",
    "möte",
    "ansvar",
    "mätning",
    "säkerhet",
    "drift",
    "förvaltning",
    "katalog",
    "beställning",
    "kompetens",
]
VERBS = ["Inför", "Förbättra", "Dokumentera", "Mät", "Samordna", "Förenkla", "Utbilda i", "Styr"]
STATUSES = ["proposed"] * 6 + ["selected"] * 2 + ["in_progress", "done"]
EDGES_PER_INITIATIVE = 1.2
SCALE_MAX = 5


@dataclass
class _Capability:
    id: str
    area: str
    current: int
    target: int


@dataclass
class _Initiative:
    id: str
    area: str
    related: list[str]
    depends_on: list[str]
    raises: dict[str, int] = field(default_factory=dict)
    status: str = "proposed"


def generate(folder: Path, n_initiatives: int, seed: int) -> Path:
    """Write an engagement with `n_initiatives` initiatives into `folder` (created); return it."""
    rng = random.Random(seed)
    areas = [f"omrade-{i + 1}" for i in range(rng.randint(4, 8))]
    caps = _capabilities(rng, areas, n_initiatives)
    inits = _initiatives(rng, areas, n_initiatives)
    _assign_raises(rng, caps, inits)
    _assign_statuses(rng, inits)
    folder.mkdir(parents=True, exist_ok=True)
    _write(folder / "engagement.yaml", _engagement(n_initiatives, seed))
    _write(folder / "areas.yaml", _areas(areas))
    _write(folder / "capabilities.yaml", _capability_file(caps))
    (folder / "initiatives").mkdir(exist_ok=True)
    for ini in inits:
        _write(folder / "initiatives" / f"{ini.id}.yaml", _initiative_file(rng, ini))
    (folder / "workshops").mkdir(exist_ok=True)
    _write(folder / "workshops" / "prioritering.yaml", _workshop(rng, inits))
    return folder


def _capabilities(rng: random.Random, areas: list[str], n: int) -> list[_Capability]:
    per_area = max(3, n // (4 * len(areas)))
    caps = []
    for area in areas:
        for k in range(per_area):
            current = rng.randint(0, 3)
            caps.append(
                _Capability(
                    f"{area}-formaga-{k + 1}", area, current, rng.randint(current + 1, SCALE_MAX)
                )
            )
    return caps


def _initiatives(rng: random.Random, areas: list[str], n: int) -> list[_Initiative]:
    inits: list[_Initiative] = []
    for i in range(n):
        area = rng.choice(areas)
        others = [a for a in areas if a != area]
        related = sorted(rng.sample(others, rng.choice([0, 0, 1, 1, 2])))
        count = min(i, _edge_count(rng))
        deps = sorted(rng.sample([x.id for x in inits], count)) if count else []
        ident = f"{_slug(rng.choice(WORDS))}-{i + 1:04d}"
        inits.append(_Initiative(ident, area, related, deps))
    return inits


def _slug(word: str) -> str:
    return word.translate(str.maketrans("åäö", "aao"))


def _edge_count(rng: random.Random) -> int:
    """0..3 prerequisites with a mean of EDGES_PER_INITIATIVE."""
    return rng.choices([0, 1, 2, 3], weights=[0.25, 0.4, 0.25, 0.1])[0]


def _assign_raises(rng: random.Random, caps: list[_Capability], inits: list[_Initiative]) -> None:
    by_area: dict[str, list[_Capability]] = {}
    for cap in caps:
        by_area.setdefault(cap.area, []).append(cap)
    for ini in inits:
        for cap in rng.sample(by_area[ini.area], min(len(by_area[ini.area]), rng.randint(1, 2))):
            ini.raises[cap.id] = rng.randint(cap.current + 1, cap.target)
    raised = {c for ini in inits for c in ini.raises}
    for cap in caps:  # every gap gets at least one initiative, so no W401
        if cap.id not in raised:
            ini = rng.choice([i for i in inits if i.area == cap.area] or inits)
            ini.raises[cap.id] = cap.target


def _assign_statuses(rng: random.Random, inits: list[_Initiative]) -> None:
    needed = {d for ini in inits for d in ini.depends_on}
    sole = _sole_raisers(inits)
    for ini in inits:
        ini.status = rng.choice(STATUSES)
        if ini.id not in needed and ini.id not in sole and rng.random() < 0.05:
            ini.status = "dropped"


def _sole_raisers(inits: list[_Initiative]) -> set[str]:
    raisers: dict[str, list[str]] = {}
    for ini in inits:
        for cap in ini.raises:
            raisers.setdefault(cap, []).append(ini.id)
    return {ids[0] for ids in raisers.values() if len(ids) == 1}


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a YAML double-quoted scalar


def _engagement(n: int, seed: int) -> str:
    return (
        "schema_version: 1\n"
        f"name: {_q(f'Syntetiskt uppdrag med {n} initiativ (frö {seed})')}\n"
        "client: Benchmarkkommunen\n"
        "language: sv\nlap: 1\ndate: 2026-01-15\n"
        "vision: Allt ska gå fortare.\n"
        f"scale: {{min: 0, max: {SCALE_MAX}}}\n"
        f"capacity: {{budget: {n * 5}, max_initiatives: {max(1, n // 4)}}}\n"
    )


def _areas(areas: list[str]) -> str:
    lines = ["areas:"]
    for i, area in enumerate(areas):
        lines += [
            f"  - id: {area}",
            f"    name: {_q(AREA_NAMES[i])}",
            f'    colour: "{PALETTE[i]}"',
        ]
    return "\n".join(lines) + "\n"


def _capability_file(caps: list[_Capability]) -> str:
    lines = ["capabilities:"]
    for cap in caps:
        lines += [
            f"  - id: {cap.id}",
            f"    area: {cap.area}",
            f"    name: {_q('Förmåga ' + cap.id)}",
            f"    current: {cap.current}",
            f"    target: {cap.target}",
        ]
    return "\n".join(lines) + "\n"


def _initiative_file(rng: random.Random, ini: _Initiative) -> str:
    title = f"{rng.choice(VERBS)} {rng.choice(WORDS)} och {rng.choice(WORDS)} för enheten"
    lines = [
        f"id: {ini.id}",
        f"title: {_q(title)}",
        f"area: {ini.area}",
        f"related_areas: [{', '.join(ini.related)}]",
        f"description: {_q('Genererat initiativ. ' * rng.randint(1, 4))}",
        "raises:",
        *(f"  - {{capability: {c}, to: {to}}}" for c, to in sorted(ini.raises.items())),
        f"depends_on: [{', '.join(ini.depends_on)}]",
        f"effect: {rng.randint(1, 5)}",
        f"urgency: {rng.randint(1, 5)}",
        f"risk_reduction: {rng.randint(1, 5)}",
        f"effort: {rng.choice([1, 2, 3, 5, 8, 13, 20, 40])}",
        f"status: {ini.status}",
    ]
    if ini.status == "dropped":
        lines.append('dropped_reason: "Prioriterades bort i benchmarken."')
    return "\n".join(lines) + "\n"


def _workshop(rng: random.Random, inits: list[_Initiative]) -> str:
    live = [i.id for i in inits if i.status != "dropped"]
    voted = sorted(rng.sample(live, min(len(live), 40)))
    lines = ["id: prioritering", "date: 2026-01-10", "participants: 30", "votes:"]
    lines += [f"  {ident}: {rng.randint(0, 12)}" for ident in voted]
    return "\n".join(lines) + "\n"


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    target = Path(sys.argv[1])
    generate(target, int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    print(target)
