"""Checks that span files: references, levels on the scale, cycles, dropped prerequisites."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from .analysis.graph import find_cycles
from .analysis.votes import OverCap, over_cap
from .items import Item
from .load import Loc
from .messages import unknown_id
from .models import Checks, Scale, Scoring, Workshop
from .products import named_products

if TYPE_CHECKING:
    from .validate import Validation


def cross_check(result: Validation) -> None:
    """Append every cross-file problem (and the method's warnings) to `result`.

    Every object that parsed is checked, valid or not, wherever the fields a check reads
    validated; so one pass reports every problem, and an error hides nothing but itself.
    """
    meta = next(iter(result.of("engagement")), None)
    scale = meta.part("scale", Scale) if meta else None
    _check_capabilities(result, scale)
    for initiative in result.of("initiative"):
        _check_initiative(result, initiative, scale)
    _check_evidence(result)
    _check_workshops(result, meta.part("scoring", Scoring) if meta else None)
    _check_assessments(result, scale)
    _check_cycles(result)
    _check_scenarios(result)
    _check_risks(result)
    if meta is not None:
        _check_logo(result, meta)
    _warn_products(result, meta.part("checks", Checks) if meta else None)
    _warn_gaps(result)


def _refers(
    result: Validation, item: Item, loc: Loc, kind: str, code: str, *, at_key: bool = False
) -> None:
    """Report the reference at `loc` when it names no object of `kind`.

    Not judged when the reference itself is invalid, or when some object of that kind could not
    be read (it might be the one meant).
    """
    ref = item.text(*loc) if not at_key else str(loc[-1])
    if ref is None or not result.complete(kind):
        return
    known = result.known(kind)
    if ref not in known:
        result.add(item.origin, loc, code, unknown_id(kind, ref, known), at_key=at_key)


def _outside(scale: Scale | None, level: int | None) -> bool:
    return scale is not None and level is not None and not scale.min <= level <= scale.max


def _check_capabilities(result: Validation, scale: Scale | None) -> None:
    for cap in result.of("capability"):
        _refers(result, cap, ("area",), "area", "E302")
        current, target = cap.number("current"), cap.number("target")
        for name, level in (("current", current), ("target", target)):
            if scale is not None and _outside(scale, level):
                result.add(
                    cap.origin,
                    (name,),
                    "E306",
                    f"{name} level {level} is outside the scale {scale.min}..{scale.max}",
                )
        _check_indicators(result, cap, scale)
        if current is not None and target is not None and target < current:
            result.add(
                cap.origin,
                ("target",),
                "E307",
                f"the target level {target} is below today's level {current}",
            )


def _check_indicators(result: Validation, cap: Item, scale: Scale | None) -> None:
    """Each indicator's level on the scale, pointed at by its key."""
    indicators = cap.value("indicators")
    if scale is None or not isinstance(indicators, Mapping):
        return
    for key in indicators:
        level = int(key)  # validated: a whole number, written 3 or "3"
        if _outside(scale, level):
            result.add(
                cap.origin,
                ("indicators", key),
                "E306",
                f"an indicator for level {level}, outside the scale {scale.min}..{scale.max}",
                at_key=True,
            )


def _check_initiative(result: Validation, ini: Item, scale: Scale | None) -> None:
    _refers(result, ini, ("area",), "area", "E302")
    for i in ini.indices("related_areas") or []:
        _refers(result, ini, ("related_areas", i), "area", "E302")
    status = ini.text("status")
    live = status is not None and status != "dropped"  # an unreadable status: not judged
    # Done work that reached its level is what a successful lap leaves behind: no warning.
    _check_raises(result, ini, scale, open_=live and status != "done")
    _check_depends_on(result, ini, live=live)
    if live and ini.value("raises") == [] and ini.text("id"):
        result.add(
            ini.origin,
            ("id",),
            "W402",
            f"'{ini.text('id')}' raises no capability, so it closes no gap",
            severity="warning",
        )


def _check_raises(result: Validation, ini: Item, scale: Scale | None, *, open_: bool) -> None:
    capabilities = result.known("capability")
    for i in ini.indices("raises") or []:
        _refers(result, ini, ("raises", i, "capability"), "capability", "E303")
        cap = capabilities.get(ini.text("raises", i, "capability") or "")
        to = ini.number("raises", i, "to")
        current = cap.number("current") if cap else None
        if scale is not None and _outside(scale, to):
            result.add(
                ini.origin,
                ("raises", i, "to"),
                "E306",
                f"level {to} is outside the scale {scale.min}..{scale.max}",
            )
        elif cap and to is not None and current is not None and to <= current and open_:
            result.add(
                ini.origin,
                ("raises", i, "to"),
                "W403",
                f"'{cap.text('id')}' is already at level {current}; "
                f"raising it to {to} changes nothing",
                severity="warning",
            )


def _check_depends_on(result: Validation, ini: Item, *, live: bool) -> None:
    initiatives = result.known("initiative")
    for i in ini.indices("depends_on") or []:
        _refers(result, ini, ("depends_on", i), "initiative", "E304")
        dep = ini.text("depends_on", i) or ""
        target = initiatives.get(dep)
        if target is not None and target.text("status") == "dropped" and live:
            result.add(
                ini.origin,
                ("depends_on", i),
                "E309",
                f"'{ini.text('id') or 'this initiative'}' depends on '{dep}', which is dropped "
                f"({result.where('initiative', dep, 'status')}); "
                "drop this one too or remove the dependency",
            )


def _check_evidence(result: Validation) -> None:
    for cap in result.of("capability"):
        for i in cap.indices("evidence") or []:
            _refers(result, cap, ("evidence", i), "interview", "E305")
    for interview in result.of("interview"):
        for i in interview.indices("findings") or []:
            _refers(result, interview, ("findings", i, "area"), "area", "E302")
            _refers(result, interview, ("findings", i, "capability"), "capability", "E303")


def _check_workshops(result: Validation, scoring: Scoring | None) -> None:
    for workshop in result.of("workshop"):
        origin = workshop.origin
        valid = workshop.whole(Workshop)
        if valid is not None and scoring is not None:
            for over in over_cap(valid, scoring):
                result.add(
                    origin,
                    *_over_cap_problem(valid.participants, over),
                    severity="warning",
                    at_key=True,
                )
        for key in workshop.keys("votes"):
            _refers(result, workshop, ("votes", key), "initiative", "E304", at_key=True)
        for b in workshop.indices("ballots") or []:
            seen: set[str] = set()
            for i in workshop.indices("ballots", b) or []:
                ref = workshop.text("ballots", b, i)
                if ref is not None and ref in seen:
                    result.add(
                        origin,
                        ("ballots", b, i),
                        "E204",
                        f"ballot {b + 1} ranks '{ref}' twice; each initiative may appear once",
                    )
                seen.add(ref or "")
                _refers(result, workshop, ("ballots", b, i), "initiative", "E304")


def _check_assessments(result: Validation, scale: Scale | None) -> None:
    for assessment in result.of("assessment"):
        _refers(result, assessment, ("area",), "area", "E302")
        for ref in assessment.keys("ratings"):
            _refers(result, assessment, ("ratings", ref), "capability", "E303", at_key=True)
            for name in ("current", "target"):
                for i in assessment.indices("ratings", ref, name) or []:
                    level = assessment.number("ratings", ref, name, i)
                    if scale is not None and _outside(scale, level):
                        result.add(
                            assessment.origin,
                            ("ratings", ref, name, i),
                            "E306",
                            f"{name} rating {level} is outside the scale {scale.min}..{scale.max}",
                        )


# what a scenario may do to an initiative, by the status it must have
SCENARIO_STATUSES: dict[str, tuple[tuple[str, ...], str]] = {
    "must": (("proposed", "selected", "in_progress"), "done or dropped, so it cannot be chosen"),
    "defer": (("selected",), "not decided (selected), so there is nothing to defer"),
    "stop": (("in_progress",), "not in progress, so there is nothing to stop"),
}


def _check_scenarios(result: Validation) -> None:
    initiatives = result.known("initiative")
    for scenario in result.of("scenario"):
        for field in ("must", "exclude", "defer", "stop"):
            for i in scenario.indices(field) or []:
                _refers(result, scenario, (field, i), "initiative", "E304")
                ident = scenario.text(field, i) or ""
                target = initiatives.get(ident)
                status = target.text("status") if target else None
                allowed = SCENARIO_STATUSES.get(field)
                if status is None or allowed is None or status in allowed[0]:
                    continue
                # an initiative that failed validation has no place of its own to point at
                known = ("initiative", ident) in result.origins
                where = f" ({result.where('initiative', ident, 'status')})" if known else ""
                # A warning: a status changes with the work, and a stale scenario holds
                # nothing else up (deferring or stopping it changes nothing).
                result.add(
                    scenario.origin,
                    (field, i),
                    "W406",
                    f"{field}: '{ident}' is {status}{where}; it is {allowed[1]}",
                    severity="warning",
                )


def _check_risks(result: Validation) -> None:
    for risk in result.of("risk"):
        for i in risk.indices("initiatives") or []:
            _refers(result, risk, ("initiatives", i), "initiative", "E304")
        for i in risk.indices("capabilities") or []:
            _refers(result, risk, ("capabilities", i), "capability", "E303")


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


def _check_cycles(result: Validation) -> None:
    initiatives = result.known("initiative")
    edges = {ident: _depends_on(item, initiatives) for ident, item in initiatives.items()}
    for cycle in find_cycles(edges):
        first, second = cycle[0], cycle[1 % len(cycle)]
        item = initiatives[first]
        index = next(
            i for i in item.indices("depends_on") or [] if item.text("depends_on", i) == second
        )
        path = " -> ".join([*cycle, cycle[0]])
        result.add(
            item.origin,
            ("depends_on", index),
            "E308",
            f"dependency cycle: {path} (each needs the next to be done first)",
        )


def _depends_on(item: Item, known: Mapping[str, Item]) -> list[str]:
    refs = (item.text("depends_on", i) for i in item.indices("depends_on") or [])
    return [ref for ref in refs if ref is not None and ref in known]


def _check_logo(result: Validation, meta: Item) -> None:
    logo = meta.text("logo")
    if logo is None:
        return
    root = result.root.resolve()
    path = (root / logo).resolve()
    if not path.is_relative_to(root):
        result.add(
            meta.origin,
            ("logo",),
            "E310",
            f"the logo '{logo}' points outside the engagement folder",
        )
    elif not path.is_file():
        result.add(meta.origin, ("logo",), "E204", f"the logo file '{logo}' does not exist")
    elif not _is_image(path):
        result.add(
            meta.origin,
            ("logo",),
            "E204",
            f"the logo '{logo}' is not a PNG, JPEG, GIF or SVG image",
        )


def _is_image(path: Path) -> bool:
    """Whether the file starts like an image the reports can show (by content, not by name)."""
    with path.open("rb") as handle:
        head = handle.read(512)
    if head.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")):
        return True
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    return text.startswith((b"<svg", b"<?xml")) and b"<svg" in head


def _warn_products(result: Validation, checks: Checks | None) -> None:
    """Capabilities, not products: a capability says what the unit can do, not with which tool."""
    extra = checks.products if checks else ()
    for cap in result.of("capability"):
        for field in ("name", "description"):
            names = named_products(cap.text(field) or "", extra)
            if names:
                result.add(
                    cap.origin,
                    (field,),
                    "W405",
                    f"the {field} mentions {_listing(names)}; say what the unit should be able to "
                    "do, not which product does it (capabilities, not products)",
                    severity="warning",
                )


def _listing(names: list[str]) -> str:
    """`the product or vendor 'A'`, `the products or vendors 'A', 'B' and 'C'`."""
    quoted = [f"'{n}'" for n in names]
    if len(quoted) == 1:
        return f"the product or vendor {quoted[0]}"
    return f"the products or vendors {', '.join(quoted[:-1])} and {quoted[-1]}"


def _warn_gaps(result: Validation) -> None:
    raised = _raised(result)
    if raised is None:
        return
    for cap in result.of("capability"):
        current, target, ident = cap.number("current"), cap.number("target"), cap.text("id")
        if current is None or target is None or ident is None or ident in raised:
            continue
        if target > current:
            result.add(
                cap.origin,
                ("id",),
                "W401",
                f"'{ident}' has a gap of {target - current} but no initiative raises it",
                severity="warning",
            )


def _raised(result: Validation) -> set[str] | None:
    """The capabilities some initiative that is not dropped raises; None when that is unsure."""
    if not result.complete("initiative", "capability"):
        return None
    raised: set[str] = set()
    for ini in result.of("initiative"):
        if ini.text("status") == "dropped":
            continue  # an unreadable status counts as live: no warning on a guess
        indices = ini.indices("raises")
        if indices is None:
            return None
        for i in indices:
            capability = ini.text("raises", i, "capability")
            if capability is None:
                return None
            raised.add(capability)
    return raised
