"""`malmiljo init`: scaffold a new engagement that validates."""

from __future__ import annotations

from pathlib import Path

from .. import console
from ..errors import UsageError
from ..scaffold import FILES, texts
from ..write.data.schema import schema_files
from ..write.documents.environment import make_env
from ..writer import commit


def init(path: Path, *, name: str, client: str, lang: str) -> int:
    """Write the four default areas, one example capability and initiative, and the schemas."""
    if not str(path).strip():
        raise UsageError("give the folder for the new engagement, e.g. malmiljo init kund-2026")
    if not name.strip() or not client.strip():
        raise UsageError("--name and --client must not be empty")
    if path.exists() and not path.is_dir():
        raise UsageError(f"'{path}' exists and is not a folder")
    env = make_env()
    context = {"name": name, "client": client, "lang": lang, "t": texts(lang)}
    files = {
        path / rel: env.get_template(f"init/{rel}.j2").render(context).encode() for rel in FILES
    }
    files.update(schema_files(path / "schemas", output=False))
    taken = sorted(str(p) for p in files if p.exists() or p.is_symlink())
    if taken:
        raise UsageError(f"init never overwrites files, and these exist: {', '.join(taken)}")
    commit(files)
    console.message(f"created an engagement in {path}; next: malmiljo validate -e {path}")
    return 0
