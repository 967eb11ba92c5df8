"""The CLI shell: exit codes, output formats, options, help."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from malmiljo_cli import __version__
from malmiljo_cli.cli import app

from .helpers import EXAMPLE, snapshot

runner = CliRunner()


def invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def test_validate_example_exits_0() -> None:
    code, out, err = invoke("validate", "-e", str(EXAMPLE))
    assert code == 0, out + err
    assert "0 errors" in out


def test_validate_errors_exit_1_with_text_lines(minimal: Path) -> None:
    (minimal / "areas.yaml").write_text("areas:\n  - id: x\n", encoding="utf-8")
    code, out, err = invoke("validate", "-e", str(minimal))
    assert code == 1, out + err
    assert (
        f"{minimal.as_posix()}/areas.yaml:2:5: error E201: the field 'name' is required here" in out
    )


def test_validate_json_and_github(minimal: Path) -> None:
    (minimal / "initiatives" / "tavla.yaml").write_text(
        "id: tavla\ntitle: T\narea: arbetssatt\neffect: 4\neffort: 2\nbogus: 1\n"
        "raises: [{capability: overblick, to: 4}]\n",
        encoding="utf-8",
    )
    code, out, _ = invoke("validate", "-e", str(minimal), "--format", "json")
    assert code == 1
    entries = json.loads(out)
    assert {(e["code"], e["line"], e["column"], e["severity"]) for e in entries} == {
        ("E202", 6, 1, "error")
    }
    code, out, _ = invoke("validate", "-e", str(minimal), "--format", "github")
    assert code == 1
    assert out.startswith(
        f"::error file={minimal.as_posix()}/initiatives/tavla.yaml,line=6,col=1,title=E202::"
    )


def test_strict_fails_on_warnings(minimal: Path) -> None:
    (minimal / "initiatives" / "extra.yaml").write_text(
        "id: extra\ntitle: Fika\narea: organisation\neffect: 2\neffort: 1\n", encoding="utf-8"
    )
    assert invoke("validate", "-e", str(minimal))[0] == 0
    code, out, _ = invoke("validate", "-e", str(minimal), "--strict")
    assert code == 1, out
    assert "W402" in out


def test_engagement_from_environment(minimal: Path) -> None:
    code, out, err = invoke("validate", env={"MALMILJO_ENGAGEMENT": str(minimal)})
    assert code == 0, out + err


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert invoke("validate", "--format", "xml")[0] == 2
    code, _, err = invoke("validate", "-e", str(tmp_path / "nowhere"))
    assert code == 2
    assert "is not an engagement: there is no folder" in err
    assert invoke("no-such-command")[0] == 2


def test_version_and_help_everywhere() -> None:
    code, out, _ = invoke("--version")
    assert (code, out.strip()) == (0, f"malmiljo {__version__}")
    from typer.main import get_command

    group = get_command(app)
    commands = sorted(group.commands)  # type: ignore[attr-defined]
    assert len(commands) >= 20
    for command in commands:
        sub = group.commands[command]  # type: ignore[attr-defined]
        names = sorted(getattr(sub, "commands", {})) or [""]
        for name in names:
            code, out, _ = invoke(*[w for w in (command, name, "--help") if w])
            assert code == 0 and "Example: malmiljo" in out, f"{command} {name}: {out}"


def test_init_creates_a_valid_engagement_and_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "ny kund åäö"
    code, out, err = invoke("init", str(target), "--name", "Målbild 2026", "--client", "Örebro")
    assert code == 0, out + err
    assert invoke("validate", "-e", str(target), "--strict")[0] == 0
    text = (target / "engagement.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=schemas/engagement.schema.json\n")
    assert 'name: "Målbild 2026"' in text
    before = snapshot(target)
    code, _, err = invoke("init", str(target))
    assert code == 2 and "never overwrites" in err
    assert snapshot(target) == before


def test_init_in_english(tmp_path: Path) -> None:
    code, out, err = invoke("init", str(tmp_path / "en"), "--lang", "en")
    assert code == 0, out + err
    areas = (tmp_path / "en" / "areas.yaml").read_text(encoding="utf-8")
    assert (
        "Working methods" in areas
        and "language: en" in (tmp_path / "en" / "engagement.yaml").read_text()
    )


def test_validate_never_writes(example: Path) -> None:
    before = snapshot(example)
    invoke("validate", "-e", str(example), "--format", "json")
    assert snapshot(example) == before


@pytest.mark.parametrize("text", ["\\e[31mred\\e[0m", "bell\\a"])
def test_terminal_escapes_in_messages_are_shown_not_run(minimal: Path, text: str) -> None:
    """YAML escapes (\\e, \\a) make control characters; they must not reach the terminal raw."""
    (minimal / "initiatives" / "tavla.yaml").write_text(
        f'id: tavla\ntitle: T\narea: "{text}"\neffect: 4\neffort: 2\n', encoding="utf-8"
    )
    code, out, _ = invoke("validate", "-e", str(minimal))
    assert code == 1
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b" in out or "\\x07" in out


def test_raw_control_character_in_a_file_is_a_located_error(minimal: Path) -> None:
    (minimal / "initiatives" / "tavla.yaml").write_bytes(b"id: tavla\ntitle: \x1b[31mT\n")
    code, out, _ = invoke("validate", "-e", str(minimal))
    assert code == 1, out
    assert "initiatives/tavla.yaml:2:8: error E102:" in out and "U+001B" in out
