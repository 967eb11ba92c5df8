"""The Jinja environment factory: one place that registers filters and loads templates."""

from __future__ import annotations

import json
from typing import Any

TEMPLATE_PACKAGE = "malmiljo_cli.templates"


def yaml_str(value: Any) -> str:
    """A YAML 1.2 double-quoted scalar (JSON strings are valid YAML), åäö kept as written."""
    return json.dumps(str(value), ensure_ascii=False)


def make_env(*, autoescape: bool = False) -> Any:
    """A strict environment over the packaged templates; undefined names fail loudly."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("malmiljo_cli", "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=autoescape,
        keep_trailing_newline=True,
    )
    env.filters["yaml_str"] = yaml_str
    return env
