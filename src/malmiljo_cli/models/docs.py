"""Field documentation, read from the string under each field in the model classes.

Pydantic can do this itself (`use_attribute_docstrings`), but it then parses every model's source
at import, which every command would pay for; only the schema and the format reference need it.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import textwrap
from functools import cache
from typing import Any

from pydantic import BaseModel


@cache
def field_docs(model: type[BaseModel]) -> dict[str, str]:
    """field name -> the docstring written under it in the class body."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(model)))
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    docs: dict[str, str] = {}
    for field, after in itertools.pairwise(body):
        if (
            isinstance(field, ast.AnnAssign)
            and isinstance(field.target, ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            docs[field.target.id] = inspect.cleandoc(after.value.value)
    return docs


def describe(schema: dict[str, Any], model: type[BaseModel]) -> dict[str, Any]:
    """Add each field's docstring as its `description`, in the schema and in its `$defs`."""
    _add(schema, model)
    nested = {m.__name__: m for m in _nested(model)}
    for name, definition in schema.get("$defs", {}).items():
        if name in nested:
            _add(definition, nested[name])
    return schema


def _add(schema: dict[str, Any], model: type[BaseModel]) -> None:
    for name, text in field_docs(model).items():
        if name in schema.get("properties", {}):
            schema["properties"][name]["description"] = text


def _nested(model: type[BaseModel]) -> list[type[BaseModel]]:
    """Every model class reachable from `model`'s fields."""
    from typing import get_args

    found: list[type[BaseModel]] = []

    def walk(annotation: Any) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation not in found:
                found.append(annotation)
                for info in annotation.model_fields.values():
                    walk(info.annotation)
            return
        for arg in get_args(annotation):
            walk(arg)

    for info in model.model_fields.values():
        walk(info.annotation)
    return found
