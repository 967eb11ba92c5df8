"""What staff said, as evidence: findings per area and capability, and where evidence is missing."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..models import Engagement, Finding, Interview
from ..models.evidence import FindingKind

KIND_ORDER: tuple[FindingKind, ...] = ("pain", "wish", "strength")


@dataclass(frozen=True)
class Quote:
    text: str
    kind: str
    interview: str
    role: str | None


@dataclass(frozen=True)
class Evidence:
    """The findings about one capability (or about an area in general, when capability is None)."""

    area: str
    capability: str | None
    counts: dict[str, int]
    interviews: int
    roles: int
    quotes: tuple[Quote, ...]


@dataclass(frozen=True)
class Synthesis:
    groups: tuple[Evidence, ...]
    unsupported_gaps: tuple[str, ...]
    """Capabilities with a gap that no finding or `evidence` entry backs."""
    heard_without_gap: tuple[tuple[str, int], ...]
    """Capabilities with no gap that findings (pains or wishes) still point to, with their count."""


def synthesise(eng: Engagement, *, quotes: int = 2) -> Synthesis:
    """Group every finding by area and capability; pick up to `quotes` quotes per group."""
    pairs = [(iv, f) for iv in eng.interviews for f in iv.findings]
    groups: list[Evidence] = []
    for area in eng.areas:
        general = [(iv, f) for iv, f in pairs if f.area == area.id and f.capability is None]
        if general:
            groups.append(_group(area.id, None, general, quotes))
        for cap in eng.capabilities:
            found = [(iv, f) for iv, f in pairs if f.capability == cap.id]
            if cap.area == area.id and found:
                groups.append(_group(area.id, cap.id, found, quotes))
    cited = {f.capability for _, f in pairs} | {c.id for c in eng.capabilities if c.evidence}
    asked = Counter(f.capability for _, f in pairs if f.kind != "strength" and f.capability)
    return Synthesis(
        groups=tuple(groups),
        unsupported_gaps=tuple(c.id for c in eng.capabilities if c.gap and c.id not in cited),
        heard_without_gap=tuple(
            (c.id, asked[c.id]) for c in eng.capabilities if not c.gap and asked[c.id]
        ),
    )


def _group(
    area: str, capability: str | None, found: list[tuple[Interview, Finding]], limit: int
) -> Evidence:
    counts = Counter(f.kind for _, f in found)
    return Evidence(
        area=area,
        capability=capability,
        counts={kind: counts[kind] for kind in KIND_ORDER},
        interviews=len({iv.id for iv, _ in found}),
        roles=len({iv.role for iv, _ in found if iv.role}),
        quotes=_pick(found, limit),
    )


def _pick(found: list[tuple[Interview, Finding]], limit: int) -> tuple[Quote, ...]:
    """Pains first, then wishes, then strengths; one quote per interview before a second from any."""
    ordered = sorted(found, key=lambda p: (KIND_ORDER.index(p[1].kind), p[0].id, p[1].text))
    chosen: list[tuple[Interview, Finding]] = []
    seen: set[str] = set()
    for iv, f in ordered:
        if len(chosen) < limit and iv.id not in seen:
            chosen.append((iv, f))
            seen.add(iv.id)
    for pair in ordered:
        if len(chosen) < limit and pair not in chosen:
            chosen.append(pair)
    return tuple(Quote(f.text, f.kind, iv.id, iv.role) for iv, f in chosen)
