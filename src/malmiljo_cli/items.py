"""One object as written (an area, a capability, an initiative...) and which parts of it validated.

Cross-file checks read objects through `Item`, so an invalid field hides nothing but itself: a
file with `status: bogus` still has its `area` checked, and an area with a bad colour still
counts as known. Values read here are the file's own; the models are strict, so a part that
validated is already of the right type.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticUndefined

from .load import Document, Loc

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Origin:
    """Where an object was written: its document and the path to it inside."""

    doc: Document
    loc: Loc = ()


@dataclass(frozen=True)
class Item:
    """An object's fields as written, with the places inside that failed validation."""

    kind: str
    origin: Origin
    data: Mapping[Any, Any]
    model: type[BaseModel]
    bad: tuple[Loc, ...] = ()
    obj: BaseModel | None = None
    """The validated object, when the whole of it validated."""

    @classmethod
    def failed(
        cls,
        kind: str,
        origin: Origin,
        data: Mapping[Any, Any],
        model: type[BaseModel],
        exc: ValidationError,
    ) -> Item:
        """An object that did not validate; errors of the object as a whole hide no field."""
        bad = tuple(tuple(e["loc"]) for e in exc.errors(include_url=False) if e["loc"])
        return cls(kind, origin, data, model, bad)

    def value(self, *loc: str | int) -> Any:
        """The value at `loc` when it validated (a field left out gives its default), else None."""
        if any(_within(b, loc) or _within(loc, b) for b in self.bad):
            return None
        return self._raw(loc)

    def text(self, *loc: str | int) -> str | None:
        value = self.value(*loc)
        return value if isinstance(value, str) else None

    def number(self, *loc: str | int) -> int | None:
        value = self.value(*loc)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    def indices(self, *loc: str | int) -> list[int] | None:
        """The positions in the list at `loc`, or None when the list itself is unreadable.

        Entries may still be invalid one by one: read each with `value`.
        """
        if any(_within(b, loc) for b in self.bad):
            return None
        raw = self._raw(loc)
        return list(range(len(raw))) if isinstance(raw, list) else None

    def keys(self, *loc: str | int) -> list[str]:
        """The keys of the mapping at `loc` that validated as keys (their values may not have)."""
        if any(_within(b, loc) for b in self.bad):
            return []
        raw = self._raw(loc)
        if not isinstance(raw, Mapping):
            return []
        return [k for k in raw if isinstance(k, str) and (*loc, k, "[key]") not in self.bad]

    def whole(self, model: type[M]) -> M | None:
        """The validated object, or None when some part of it failed."""
        return self.obj if isinstance(self.obj, model) else None

    def part(self, name: str, model: type[M]) -> M | None:
        """A nested model field (such as `scale`) when it validated, else None."""
        value = self.value(name)
        if value is None or isinstance(value, model):
            return value
        try:
            return model.model_validate(value)
        except ValidationError:  # it failed as part of the whole, already reported
            return None

    def _raw(self, loc: Loc) -> Any:
        current: Any = self.data
        for i, step in enumerate(loc):
            if _has(current, step):
                current = current[step]
            elif i == 0 and isinstance(step, str):
                return _default(self.model, step)
            else:
                return None
        return current


def _has(container: Any, step: str | int) -> bool:
    if isinstance(container, Mapping):
        return step in container
    return isinstance(container, list) and isinstance(step, int) and 0 <= step < len(container)


def _within(outer: Loc, inner: Loc) -> bool:
    """Whether `inner` is `outer` or lies inside it."""
    return inner[: len(outer)] == outer


def _default(model: type[BaseModel], name: str) -> Any:
    info = model.model_fields.get(name)
    if info is None:
        return None
    default = info.get_default(call_default_factory=True)
    return None if default is PydanticUndefined else default
