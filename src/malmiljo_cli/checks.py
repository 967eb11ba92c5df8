"""Checks that span files: references, levels on the scale, cycles, dropped prerequisites."""

from __future__ import annotations

from pathlib import Path

from .analysis.graph import find_cycles
from .analysis.votes import OverCap, over_cap
from .load import Loc
from .messages import unknown_id
from .models import Engagement, Initiative
from .validate import Origin, Validation


def cross_check(result: Validation, eng: Engagement) -> None:
    """Append every cross-file problem (and the two method warnings) to `result`."""
    _check_capabilities(result, eng)
    for initiative in eng.initiatives:
        _check_initiative(result, eng, initiative)
    _check_evidence(result, eng)
    _check_workshops(result, eng)
    _check_assessments(result, eng)
    _check_cycles(result, eng)
    _check_logo(result, eng)
    _warn_gaps(result, eng)


def _origin(result: Validation, kind: str, ident: str) -> Origin:
    return result.origins[(kind, ident)]


def _check_capabilities(result: Validation, eng: Engagement) -> None:
    scale = eng.meta.scale
    for cap in eng.capabilities:
        origin = _origin(result, "capability", cap.id)
        if cap.area not in eng.area_by_id and result.complete("area"):
            result.add(origin, ("area",), "E302", unknown_id("area", cap.area, eng.area_by_id))
        for name in ("current", "target"):
            level = getattr(cap, name)
            if not scale.min <= level <= scale.max:
                result.add(
                    origin,
                    (name,),
                    "E306",
                    f"{name} level {level} is outside the scale {scale.min}..{scale.max}",
                )
        if cap.target < cap.current:
            result.add(
                origin,
                ("target",),
                "E307",
                f"the target level {cap.target} is below today's level {cap.current}",
            )


def _check_initiative(result: Validation, eng: Engagement, ini: Initiative) -> None:
    origin = _origin(result, "initiative", ini.id)
    for loc, area in [
        (("area",), ini.area),
        *((("related_areas", i), a) for i, a in enumerate(ini.related_areas)),
    ]:
        if area not in eng.area_by_id and result.complete("area"):
            result.add(origin, loc, "E302", unknown_id("area", area, eng.area_by_id))
    scale = eng.meta.scale
    for i, raise_ in enumerate(ini.raises):
        cap = eng.capability_by_id.get(raise_.capability)
        if cap is None:
            if not result.complete("capability"):
                continue
            result.add(
                origin,
                ("raises", i, "capability"),
                "E303",
                unknown_id("capability", raise_.capability, eng.capability_by_id),
            )
        elif not scale.min <= raise_.to <= scale.max:
            result.add(
                origin,
                ("raises", i, "to"),
                "E306",
                f"level {raise_.to} is outside the scale {scale.min}..{scale.max}",
            )
        elif raise_.to <= cap.current and ini.status != "dropped":
            result.add(
                origin,
                ("raises", i, "to"),
                "W403",
                f"'{cap.id}' is already at level {cap.current}; raising it to {raise_.to} changes nothing",
                severity="warning",
            )
    for i, dep in enumerate(ini.depends_on):
        target = eng.initiative_by_id.get(dep)
        if target is None:
            if not result.complete("initiative"):
                continue
            result.add(
                origin,
                ("depends_on", i),
                "E304",
                unknown_id("initiative", dep, eng.initiative_by_id),
            )
        elif target.status == "dropped" and ini.status != "dropped":
            result.add(
                origin,
                ("depends_on", i),
                "E309",
                f"'{ini.id}' depends on '{dep}', which is dropped ({result.where('initiative', dep, 'status')}); "
                "drop this one too or remove the dependency",
            )
    if not ini.raises and ini.status != "dropped":
        result.add(
            origin,
            ("id",),
            "W402",
            f"'{ini.id}' raises no capability, so it closes no gap",
            severity="warning",
        )


def _check_evidence(result: Validation, eng: Engagement) -> None:
    interviews = {i.id for i in eng.interviews}
    for cap in eng.capabilities:
        for i, ref in enumerate(cap.evidence):
            if ref not in interviews and result.complete("interview"):
                result.add(
                    _origin(result, "capability", cap.id),
                    ("evidence", i),
                    "E305",
                    unknown_id("interview", ref, interviews),
                )
    for interview in eng.interviews:
        origin = _origin(result, "interview", interview.id)
        for i, finding in enumerate(interview.findings):
            if finding.area not in eng.area_by_id and result.complete("area"):
                result.add(
                    origin,
                    ("findings", i, "area"),
                    "E302",
                    unknown_id("area", finding.area, eng.area_by_id),
                )
            if (
                finding.capability is not None
                and finding.capability not in eng.capability_by_id
                and result.complete("capability")
            ):
                result.add(
                    origin,
                    ("findings", i, "capability"),
                    "E303",
                    unknown_id("capability", finding.capability, eng.capability_by_id),
                )


def _check_workshops(result: Validation, eng: Engagement) -> None:
    for workshop in eng.workshops:
        origin = _origin(result, "workshop", workshop.id)
        for over in over_cap(workshop, eng.meta.scoring):
            result.add(
                origin,
                *_over_cap_problem(workshop.participants, over),
                severity="warning",
                at_key=True,
            )
        if not result.complete("initiative"):
            continue
        for ref in workshop.votes:
            if ref not in eng.initiative_by_id:
                result.add(
                    origin,
                    ("votes", ref),
                    "E304",
                    unknown_id("initiative", ref, eng.initiative_by_id),
                    at_key=True,
                )
        for b, ballot in enumerate(workshop.ballots):
            for i, ref in enumerate(ballot):
                if ref in ballot[:i]:
                    result.add(
                        origin,
                        ("ballots", b, i),
                        "E204",
                        f"ballot {b + 1} ranks '{ref}' twice; each initiative may appear once",
                    )
                if ref not in eng.initiative_by_id:
                    result.add(
                        origin,
                        ("ballots", b, i),
                        "E304",
                        unknown_id("initiative", ref, eng.initiative_by_id),
                    )


def _check_assessments(result: Validation, eng: Engagement) -> None:
    scale = eng.meta.scale
    for assessment in eng.assessments:
        origin = _origin(result, "assessment", assessment.id)
        area = assessment.area
        if area is not None and result.complete("area") and area not in eng.area_by_id:
            result.add(origin, ("area",), "E302", unknown_id("area", area, eng.area_by_id))
        for ref, ratings in assessment.ratings.items():
            if ref not in eng.capability_by_id and result.complete("capability"):
                result.add(
                    origin,
                    ("ratings", ref),
                    "E303",
                    unknown_id("capability", ref, eng.capability_by_id),
                    at_key=True,
                )
            for name in ("current", "target"):
                for i, level in enumerate(getattr(ratings, name)):
                    if not scale.min <= level <= scale.max:
                        result.add(
                            origin,
                            ("ratings", ref, name, i),
                            "E306",
                            f"{name} rating {level} is outside the scale {scale.min}..{scale.max}",
                        )


def _over_cap_problem(participants: int | None, over: OverCap) -> tuple[Loc, str, str]:
    if over.initiative is None:
        return (
            ("votes",),
            "W404",
            f"{over.dots} dots in all, but {participants} participants with "
            f"scoring.dots_per_person can give at most {over.cap}",
        )
    return (
        ("votes", over.initiative),
        "W404",
        f"'{over.initiative}' has {over.dots} dots, more than {participants} participants can stack "
        f"under scoring.max_dots_per_item ({over.cap}); {over.cap} are counted",
    )


def _check_cycles(result: Validation, eng: Engagement) -> None:
    edges = {i.id: [d for d in i.depends_on if d in eng.initiative_by_id] for i in eng.initiatives}
    for cycle in find_cycles(edges):
        first, second = cycle[0], cycle[1 % len(cycle)]
        index = eng.initiative_by_id[first].depends_on.index(second)
        path = " -> ".join([*cycle, cycle[0]])
        result.add(
            _origin(result, "initiative", first),
            ("depends_on", index),
            "E308",
            f"dependency cycle: {path} (each needs the next to be done first)",
        )


def _check_logo(result: Validation, eng: Engagement) -> None:
    if eng.meta.logo is None:
        return
    origin = _origin(result, "engagement", "engagement")
    root = result.root.resolve()
    path = (root / eng.meta.logo).resolve()
    if not path.is_relative_to(root):
        result.add(
            origin,
            ("logo",),
            "E310",
            f"the logo '{eng.meta.logo}' points outside the engagement folder",
        )
    elif not path.is_file():
        result.add(origin, ("logo",), "E204", f"the logo file '{eng.meta.logo}' does not exist")
    elif not _is_image(path):
        result.add(
            origin,
            ("logo",),
            "E204",
            f"the logo '{eng.meta.logo}' is not a PNG, JPEG, GIF or SVG image",
        )


def _is_image(path: Path) -> bool:
    """Whether the file starts like an image the reports can show (by content, not by name)."""
    with path.open("rb") as handle:
        head = handle.read(512)
    if head.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")):
        return True
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    return text.startswith((b"<svg", b"<?xml")) and b"<svg" in head


def _warn_gaps(result: Validation, eng: Engagement) -> None:
    if not result.complete("initiative", "capability"):
        return
    raised = {r.capability for i in eng.initiatives if i.status != "dropped" for r in i.raises}
    for cap in eng.capabilities:
        if cap.gap > 0 and cap.id not in raised:
            result.add(
                _origin(result, "capability", cap.id),
                ("id",),
                "W401",
                f"'{cap.id}' has a gap of {cap.gap} but no initiative raises it",
                severity="warning",
            )
