"""The CLI shell: exit codes, output formats, options, help."""

from __future__ import annotations

import json
import re
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
    ids = re.findall(r"- id: (\S+)", areas)
    assert ids == ["mission", "organisation", "methods", "technology"], ids
    assert invoke("validate", "-e", str(tmp_path / "en"))[0] == 0


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


def test_the_engagement_is_found_from_any_folder_inside_it(
    minimal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MALMILJO_ENGAGEMENT", raising=False)
    (minimal / "initiatives" / "deeper").mkdir(parents=True)
    (minimal / "capabilities.yaml").write_text("- id: [\n", encoding="utf-8")  # one located error
    monkeypatch.chdir(minimal / "initiatives" / "deeper")
    code, out, err = invoke("validate")
    assert code == 1, out + err
    # The path is relative to where the user stands, so it opens from there.
    assert out.startswith("../../capabilities.yaml:2:1:"), out
    monkeypatch.chdir(minimal.parent)
    for given in ("eng/engagement.yaml", "eng", "eng/initiatives"):
        code, out, err = invoke("validate", "-e", given)
        assert code == 1 and out.startswith("eng/capabilities.yaml:2:1:"), (given, out, err)


def test_outputs_default_to_out_beside_engagement_yaml(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = invoke("report", "-e", str(example / "engagement.yaml"), "-f", "md")
    assert code == 0, out + err
    assert (example / "out" / "report.md").is_file() and not (tmp_path / "out").exists()
    monkeypatch.chdir(example / "initiatives")
    code, out, err = invoke("build", "--check")
    assert code == 1 and "../out/engagement.json" in out, out + err


def test_ids_repeat_or_come_comma_separated() -> None:
    runs = [
        ("--must", "kunskapsbank", "--must", "ledtidsmatning"),
        ("--must", "kunskapsbank,ledtidsmatning"),
        ("--must", "kunskapsbank, ledtidsmatning"),
    ]
    plans = []
    for args in runs:
        code, out, err = invoke("prioritise", "-e", str(EXAMPLE), "--max", "6", *args, "-f", "json")
        assert code == 0, out + err
        members = set(json.loads(out)["selected"])
        assert {"kunskapsbank", "ledtidsmatning"} <= members, members
        plans.append(out)
    assert plans[0] == plans[1] == plans[2]


def test_quiet_prints_only_problems_and_verbose_adds_detail(minimal: Path) -> None:
    code, out, err = invoke("validate", "-q", "-e", str(EXAMPLE))
    assert code == 0 and out.strip().startswith("examples/") is False
    assert [line for line in out.splitlines() if "warning" in line] == out.splitlines(), out
    assert "0 errors" not in out and err == ""
    code, out, err = invoke("-q", "validate", "-e", str(minimal))
    assert (code, out, err) == (0, "", "")
    code, out, err = invoke("validate", "-v", "-e", str(minimal))
    assert code == 0 and "ok: no problems found" in out
    assert f"engagement: {minimal.as_posix()}" in err and "read " in err and "exit 0" in err
    for command in (("gap",), ("board",), ("lap", "new", "--dry-run")):
        code, out, err = invoke(*command, "-v", "-e", str(minimal))
        assert code == 0 and "engagement: " in err and "exit 0" in err, (command, err)


def test_no_git_is_a_usage_problem(minimal: Path) -> None:
    for command in (("diff", "--from", "lap-1"), ("lap", "history")):
        code, out, err = invoke(*command, "-e", str(minimal))
        assert code == 2 and "not in a git repository" in err, (command, out, err)


def test_help_says_each_default_once_without_machine_metavars() -> None:
    from typer.main import get_command

    group = get_command(app)
    commands = [(n,) for n in group.commands]  # type: ignore[attr-defined]
    commands += [("lap", n) for n in ("new", "history")]
    commands += [("workshop", n) for n in ("vote", "assess")]
    for words in commands:
        code, out, _ = invoke(*words, "--help", env={"COLUMNS": "200"})
        assert code == 0, words
        assert "[x>" not in out and "x<" not in out, (words, out)
        for row in out.split("│ -")[1:]:
            assert not ("(default" in row and "[default:" in row), (words, row)
        assert "--to " not in out or words == ("diff",), (words, out)
        if "--format" in out:
            assert re.search(r"--format\s+-f\s+FORMAT", out), (words, out)
            assert "text" not in re.sub(r".*?--format", "", out, count=1).split("│ -")[0] or (
                words == ("report",)
            ), (words, out)
