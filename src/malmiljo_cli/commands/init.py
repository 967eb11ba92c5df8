"""`malmiljo init`: scaffold a new engagement that validates."""

from __future__ import annotations

from pathlib import Path

from .. import console
from ..errors import UsageError
from ..render.environment import make_env
from ..render.schema import write_schemas
from ..scaffold import FILES, texts
from ..writer import write_text


def init(path: Path, *, name: str, client: str, lang: str) -> int:
    """Write the four default areas, one example capability and initiative, and the schemas."""
    if (path / "engagement.yaml").exists():
        raise UsageError(f"'{path}' already holds an engagement; init never overwrites one")
    if path.exists() and not path.is_dir():
        raise UsageError(f"'{path}' exists and is not a folder")
    env = make_env()
    context = {"name": name, "client": client, "lang": lang, "t": texts(lang)}
    for rel in FILES:
        write_text(path / rel, env.get_template(f"init/{rel}.j2").render(context))
    write_schemas(path / "schemas")
    console.message(f"created an engagement in {path}; next: malmiljo validate -e {path}")
    return 0
