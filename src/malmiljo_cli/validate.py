"""Documents -> Engagement. Schema errors and cross-file checks become located Problems."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import InvalidEngagement
from .items import Item, Origin
from .load import Document, Limits, Loc, load_folder
from .messages import code_and_message
from .models import (
    Area,
    Assessment,
    Capability,
    Engagement,
    EngagementMeta,
    Initiative,
    Interview,
    Risk,
    Scenario,
    Workshop,
)
from .models.types import ID_PATTERN
from .problems import Problem, Severity, has_errors

M = TypeVar("M", bound=BaseModel)


@dataclass
class Validation:
    """The outcome of validating a folder: the model (when it could be built) and every problem."""

    root: Path
    engagement: Engagement | None = None
    problems: list[Problem] = field(default_factory=list)
    origins: dict[tuple[str, str], Origin] = field(default_factory=dict)
    incomplete: set[str] = field(default_factory=set)
    folded: dict[tuple[str, str], str] = field(default_factory=dict)
    """(kind, id in lower case) -> the id as written, to catch ids that differ only in case."""
    items: dict[str, list[Item]] = field(default_factory=dict)
    """Every object by kind, valid or not (duplicates too), for the cross-file checks."""
    _known: dict[str, tuple[int, dict[str, Item]]] = field(default_factory=dict, repr=False)

    def add(
        self,
        origin: Origin,
        sub: Loc,
        code: str,
        message: str,
        *,
        severity: Severity = "error",
        at_key: bool = False,
    ) -> None:
        line, column = origin.doc.position((*origin.loc, *sub), at_key=at_key)
        self.problems.append(Problem(origin.doc.display, line, column, severity, code, message))

    def where(self, kind: str, ident: str, *sub: str | int) -> str:
        """`file:line` of an object (or a field of it), for messages that point elsewhere."""
        origin = self.origins[(kind, ident)]
        line, _ = origin.doc.position((*origin.loc, *sub))
        return f"{origin.doc.display}:{line}"

    def complete(self, *kinds: str) -> bool:
        """Whether every object of these kinds has a known id; if not, references are not judged."""
        return not self.incomplete.intersection(kinds)

    def of(self, kind: str) -> list[Item]:
        """The objects of a kind (valid or not) in the order they were read."""
        return self.items.get(kind, [])

    def known(self, kind: str) -> dict[str, Item]:
        """The objects of a kind by id (made once per kind; the checks ask for it often)."""
        items = self.of(kind)
        count, found = self._known.get(kind, (-1, {}))
        if count != len(items):
            found = {}
            for item in items:
                ident = item.text("id")
                if ident is not None:
                    found.setdefault(ident, item)  # a duplicate id: the first one counts
            self._known[kind] = (len(items), found)
        return found

    @property
    def ok(self) -> bool:
        return self.engagement is not None and not has_errors(self.problems)


def validate_folder(
    root: Path, *, limits: Limits | None = None, overrides: Mapping[Path, str] | None = None
) -> Validation:
    """Load and validate an engagement folder; never raises for bad content.

    `overrides` replaces the text of some files in memory (see `load_folder`).
    """
    from .checks import cross_check

    folder = load_folder(root, limits=limits, overrides=overrides)
    result = Validation(root=root, problems=list(folder.problems), incomplete=set(folder.failed))
    meta_doc = folder.singles.get("engagement.yaml")
    meta = _one(result, meta_doc, EngagementMeta, "engagement") if meta_doc else None
    areas = _many_in(result, folder.singles.get("areas.yaml"), "areas", Area, "area")
    capabilities = _many_in(
        result, folder.singles.get("capabilities.yaml"), "capabilities", Capability, "capability"
    )
    initiatives = _each(result, folder.many["initiatives"], Initiative, "initiative")
    interviews = _each(result, folder.many["interviews"], Interview, "interview")
    workshops = _each(result, folder.many["workshops"], Workshop, "workshop")
    assessments = _each(result, folder.many["assessments"], Assessment, "assessment")
    scenarios = _scenarios(result, folder.many["scenarios"])
    risks = _many_in(result, folder.singles.get("risks.yaml"), "risks", Risk, "risk")
    if meta is not None:
        result.engagement = Engagement(
            meta=meta,
            areas=tuple(areas),
            capabilities=tuple(capabilities),
            initiatives=tuple(sorted(initiatives, key=lambda i: i.id)),
            interviews=tuple(sorted(interviews, key=lambda i: i.id)),
            workshops=tuple(sorted(workshops, key=lambda w: w.id)),
            assessments=tuple(sorted(assessments, key=lambda a: a.id)),
            scenarios=tuple(sorted(scenarios, key=lambda s: s.id)),
            risks=tuple(risks),
        )
    cross_check(result)
    result.problems.sort()
    return result


def load_engagement(root: Path) -> Validation:
    """Validate, and raise InvalidEngagement unless the engagement is free of errors."""
    result = validate_folder(root)
    if not result.ok:
        raise InvalidEngagement(result.problems)
    return result


def read_engagement(root: Path) -> Engagement:
    """The validated engagement, or InvalidEngagement with every problem."""
    result = load_engagement(root)
    assert result.engagement is not None  # guaranteed by load_engagement
    return result.engagement


def _one(
    result: Validation,
    doc: Document,
    model: type[M],
    kind: str,
    loc: Loc = (),
    data: Any = None,
) -> M | None:
    """Validate one mapping and remember it (valid or not) with where it came from."""
    origin = Origin(doc, loc)
    raw = doc.data if data is None else data
    obj: M | None = None
    try:
        obj = model.model_validate(raw)
        item = Item(kind, origin, raw, model, obj=obj)
    except ValidationError as exc:
        _report(result, origin, exc, model)
        item = Item.failed(kind, origin, raw, model, exc)
    key = kind if kind == "engagement" else item.text("id")
    if key is None:
        # Its own references are still checked. An id written as text that failed (say '1x')
        # cannot equal a valid reference; a missing one might be any, so none is judged.
        if not isinstance(raw.get("id"), str):
            result.incomplete.add(kind)
        result.items.setdefault(kind, []).append(item)
        return None
    # Ids that differ only in case clash too: their files would collide on macOS and Windows.
    same = result.folded.get((kind, key.casefold()))
    if same is not None:
        first = result.where(kind, same)
        written = "" if same == key else f" (as '{same}'; ids that differ only in case clash)"
        result.add(
            origin, ("id",), "E301", f"the {kind} id '{key}' is already used at {first}{written}"
        )
        result.items.setdefault(kind, []).append(item)  # its own references are still checked
        return None
    result.origins[(kind, key)] = origin
    result.folded[(kind, key.casefold())] = key
    result.items.setdefault(kind, []).append(item)
    return obj


def _scenarios(result: Validation, docs: list[Document]) -> list[Scenario]:
    """Each scenario file: its id is the file's name, which must be an id."""
    import re

    found: list[Scenario] = []
    for doc in docs:
        ident = doc.path.stem
        origin = Origin(doc)
        if not re.fullmatch(ID_PATTERN, ident) or len(ident) > 64:
            result.add(
                origin,
                (),
                "E205",
                f"the file name '{doc.path.name}' must be an id (a letter, then letters, "
                "digits, '-' or '_'): it is the scenario's id",
            )
            result.incomplete.add("scenario")
            continue
        if "id" in doc.data:
            result.add(
                origin,
                ("id",),
                "E202",
                "unknown field 'id': a scenario's id is its file's name",
                at_key=True,
            )
        data = {k: v for k, v in doc.data.items() if k != "id"}
        obj = _one(result, doc, Scenario, "scenario", data={**data, "id": ident})
        if obj is not None:
            found.append(obj)
    return found


def _each(result: Validation, docs: list[Document], model: type[M], kind: str) -> list[M]:
    found = (_one(result, doc, model, kind) for doc in docs)
    return [obj for obj in found if obj is not None]


def _many_in(
    result: Validation, doc: Document | None, key: str, model: type[M], kind: str
) -> list[M]:
    """A file holding `key: [items]`: check its shape, then each item on its own."""
    if doc is None:
        return []
    origin = Origin(doc)
    for extra in sorted(k for k in doc.data if k != key):
        result.add(
            origin,
            (str(extra),),
            "E202",
            f"unknown field '{extra}'; this file holds only '{key}'",
            at_key=True,
        )
    items = doc.data.get(key)
    if items is None:
        result.add(origin, (), "E201", f"the field '{key}' is required here")
        result.incomplete.add(kind)
        return []
    if not isinstance(items, list):
        result.add(origin, (key,), "E203", f"'{key}' must be a list")
        result.incomplete.add(kind)
        return []
    found: list[M] = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            result.add(
                origin, (key, i), "E203", f"each {kind} must be a mapping of fields to values"
            )
            result.incomplete.add(kind)
            continue
        obj = _one(result, doc, model, kind, (key, i), item)
        if obj is not None:
            found.append(obj)
    return found


def _report(
    result: Validation, origin: Origin, exc: ValidationError, model: type[BaseModel]
) -> None:
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        owner = _model_at(model, loc[:-1])
        code, message = code_and_message(
            err, allowed_fields=sorted(owner.model_fields) if owner else []
        )
        if loc and loc[-1] == "[key]":  # pydantic's marker for "the key itself" in a dict
            loc = loc[:-1]
        result.add(origin, loc, code, message, at_key=code == "E202")


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The nested model class that owns the field at the end of `loc`, for did-you-mean hints."""
    current: Any = model
    for step in loc:
        if isinstance(step, int):
            continue
        info = current.model_fields.get(step) if hasattr(current, "model_fields") else None
        if info is None:
            return None
        current = _inner_model(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    from typing import get_args

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
