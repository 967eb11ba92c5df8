"""The command line reads naturally: help, errors, streams, language and completion."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from malmiljo_cli import completion
from malmiljo_cli.cli import app
from malmiljo_cli.content.i18n import catalogue
from malmiljo_cli.write.terminal.board import words as board_words

from .helpers import EXAMPLE, FIXTURES, ROOT

runner = CliRunner()
WIDE = {"COLUMNS": "80", "NO_COLOR": "1"}


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=WIDE)
    return result.exit_code, result.stdout, result.stderr


def _commands() -> list[tuple[str, ...]]:
    from typer.main import get_command

    group = get_command(app)
    found: list[tuple[str, ...]] = [()]
    for name, sub in sorted(group.commands.items()):  # type: ignore[attr-defined]
        subs = sorted(getattr(sub, "commands", {}))
        found += [(name, s) for s in subs] if subs else [(name,)]
        if subs:
            found.append((name,))
    return found


def _params(words: tuple[str, ...]) -> list[object]:
    from typer.main import get_command

    command = get_command(app)
    for word in words:
        command = command.commands[word]  # type: ignore[attr-defined]
    return list(command.params)


@pytest.mark.parametrize("words", _commands(), ids=lambda w: " ".join(w) or "malmiljo")
def test_help_at_80_columns_reads_plainly(words: tuple[str, ...]) -> None:
    code, out, _ = invoke(*words, "--help")
    assert code == 0, out
    assert max(len(line) for line in out.splitlines()) <= 80, out
    assert "<bool>" not in out and "<list" not in out and "<str>" not in out, out
    usage = next(line for line in out.splitlines() if "Usage:" in line)
    assert "{" not in usage and not re.search(r"\b[a-z_]+\b(?= |$)", usage.split("[OPTIONS]")[-1])
    for param in _params(words):
        desc = getattr(param, "type_descriptor", None)
        for choice in (desc.choices or ()) if desc is not None and desc.is_choice else ():
            # Every choice appears whole: never `in_prog` / `ress` across two lines.
            assert re.search(rf"\b{re.escape(str(choice.value))}\b", out), (choice, out)


def test_repeatable_options_show_id_and_flags_show_nothing() -> None:
    _, out, _ = invoke("prioritise", "--help")
    assert re.search(r"--must\s+ID\.\.\.", out) and re.search(r"--exclude\s+ID\.\.\.", out)
    assert re.search(r"--write\s{2,}Set statuses", out), out
    _, out, _ = invoke("status", "--help")
    assert "Usage: malmiljo status [OPTIONS] INITIATIVE STATUS" in out
    assert "decided for this lap" in out and "needs --reason" in out


def test_ids_are_never_cut_in_tables() -> None:
    code, out, _ = invoke("score", "-e", str(EXAMPLE), "--method", "rice")
    assert code == 0, out
    ids = [p.stem for p in (EXAMPLE / "initiatives").glob("*.yaml") if p.stem != "standardklient"]
    table = out.split("\n\n")[0]
    firsts = {line.split()[1] for line in table.splitlines()[2:]}
    assert "tidsfordelningsmodell" in firsts
    assert firsts == set(ids) - {"scrumtavla"}, firsts


def test_prioritise_says_what_orders_its_table() -> None:
    code, out, _ = invoke("prioritise", "-e", str(EXAMPLE))
    assert code == 0
    assert "raderna står i rangordning (efter poäng: värde mot insats)" in out


def test_quiet_works_after_the_command_too(tmp_path: Path) -> None:
    target = tmp_path / "i.csv"
    for args in (("-q", "export"), ("export", "-q"), ("export", "--quiet")):
        code, _, err = invoke(*args, "-e", str(EXAMPLE), "--to", str(target))
        assert (code, err) == (0, ""), args
    code, _, err = invoke("export", "-e", str(EXAMPLE), "--to", str(target))
    assert code == 0 and "wrote 17 initiatives" in err


def test_outside_an_engagement_one_message_says_how_to_point_at_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MALMILJO_ENGAGEMENT", raising=False)
    for command in ("validate", "gap", "board"):
        code, out, err = invoke(command)
        assert code == 2 and out == "", (command, out)
        assert err.count("\n") == 1 and "E101" not in err, err
        for hint in ("-e PATH", "MALMILJO_ENGAGEMENT", "malmiljo init"):
            assert hint in err, err


def test_a_partial_engagement_still_lists_its_missing_files(minimal: Path) -> None:
    (minimal / "areas.yaml").unlink()
    code, out, _ = invoke("validate", "-e", str(minimal))
    assert code == 1 and "E101" in out and "areas.yaml" in out


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("status", "chef", "finished"), "choose proposed, selected, in_progress, done or dropped"),
        (("status", "chef", "dropd"), "did you mean 'dropped'?"),
        (("gap", "--format", "xml"), "'xml'; choose table, json, md or csv"),
        (("prioritise", "--budget", "x"), "must be a number, not 'x'"),
        (("prioritise", "--max", "0"), "must be at least 1, not '0'"),
    ],
)
def test_bad_values_are_explained_in_the_tools_words(
    minimal: Path, args: tuple[str, ...], expected: str
) -> None:
    code, _, err = invoke(*args, "-e", str(minimal))
    flat = " ".join(re.sub(r"[│╭╰─╮╯]", " ", err).split())
    assert code == 2 and expected in flat, err
    assert "Value error" not in err and "Input should be" not in err, err


def test_validate_names_the_field_and_the_item_in_words(minimal: Path) -> None:
    path = minimal / "initiatives" / "chef.yaml"
    path.write_text(path.read_text("utf-8") + 'steps: ["Första", ""]\n', "utf-8")
    eng = minimal / "engagement.yaml"
    eng.write_text(
        eng.read_text("utf-8").replace("  max: 5\n", "  max: 5\n  labels:\n    x: Okänd\n"),
        "utf-8",
    )
    code, out, _ = invoke("validate", "-e", str(minimal))
    assert code == 1
    assert "item 2 of 'steps' must not be empty" in out, out
    assert "the key 'x' in 'labels' must be a whole number" in out, out
    assert "'0'" not in out and "[key]" not in out, out


def test_tables_follow_the_engagements_language(example: Path) -> None:
    code, sv, _ = invoke("score", "-e", str(example))
    assert code == 0 and sv.startswith("rang  id") and "snabb vinst" in sv
    path = example / "engagement.yaml"
    path.write_text(path.read_text("utf-8").replace("language: sv", "language: en"), "utf-8")
    code, en, _ = invoke("score", "-e", str(example))
    assert code == 0 and en.startswith("rank  id") and "quick win" in en
    code, raw, _ = invoke("score", "-e", str(example), "-f", "csv")
    assert raw.startswith("rank,id,title,score,effort,quadrant") and "quick_win" in raw
    code, data, _ = invoke("score", "-e", str(example), "-f", "json")
    assert json.loads(data)[0]["quadrant"] in ("quick_win", "major_project", "fill_in", "thankless")


def test_status_words_agree_in_cli_board_and_report() -> None:
    for lang in ("sv", "en"):
        cat = catalogue(lang)
        for column, word in cat["board_columns"].items():
            assert board_words(lang)[column] == word, (lang, column)
        # Dropped is one word everywhere: the status, the board column, the CLI's tables.
        assert cat["board_columns"]["dropped"].lower() == cat["status_values"]["dropped"]
    assert catalogue("sv")["status_values"]["selected"] == "beslutat"
    assert catalogue("en")["status_values"]["selected"] == "decided"
    assert catalogue("sv")["status_values"]["dropped"] == "struket"


def test_empty_areas_say_no_capabilities(tmp_path: Path) -> None:
    gaps = tmp_path / "gaps"
    shutil.copytree(FIXTURES / "gaps", gaps)
    areas = gaps / "areas.yaml"
    areas.write_text(
        areas.read_text("utf-8") + '  - {id: d, name: Tom, colour: "#cc79a7"}\n', "utf-8"
    )
    code, out, _ = invoke("gap", "-e", str(gaps))
    assert code == 0, out
    row = next(line for line in out.splitlines() if line.startswith("d "))
    assert "inga förmågor" in row and "%" not in row, row
    code, md, _ = invoke("gap", "-e", str(gaps), "-f", "md")
    assert "| d |  |  | inga förmågor |  |  |  |  |  |" in md
    # An area whose capabilities have no gap has closed all of it: that stays 100%.
    assert re.search(r"^c .* 100% ", out, re.MULTILINE), out


def test_an_edit_reports_on_stdout_dry_run_or_not(example: Path, tmp_path: Path) -> None:
    code, out, err = invoke("status", "kunskapsbank", "done", "-e", str(example), "--dry-run")
    assert code == 0 and out.startswith("--- a/initiatives/kunskapsbank.yaml") and err == ""
    code, out, err = invoke("status", "kunskapsbank", "done", "-e", str(example))
    assert code == 0 and "kunskapsbank: proposed -> done" in out and err == ""
    code, out, err = invoke("set", "kunskapsbank", "effort", "13", "-e", str(example))
    assert code == 0 and "kunskapsbank.effort: set" in out and err == ""
    sheet = tmp_path / "i.csv"
    assert invoke("export", "-e", str(example), "--to", str(sheet))[0] == 0
    text = sheet.read_text("utf-8-sig").replace(";13;", ";14;", 1)
    sheet.write_text(text, "utf-8-sig")
    dry = invoke("import", str(sheet), "-e", str(example), "--dry-run")
    real = invoke("import", str(sheet), "-e", str(example))
    assert dry[0] == real[0] == 0
    assert "effort: 13 -> 14" in dry[1] and dry[2] == ""
    assert real[1].startswith(dry[1].rstrip("\n")) and "updated 1 initiative" in real[1]
    assert real[2] == ""


def test_lap_new_reports_its_change_on_one_stream(example: Path) -> None:
    code, dry, _ = invoke("lap", "new", "-e", str(example), "--dry-run")
    assert code == 0 and "-lap: 1\n+lap: 2" in dry
    code, data, err = invoke("lap", "new", "-e", str(example), "--dry-run", "-f", "json")
    assert json.loads(data)["lap"] == 2 and "+lap: 2" in err
    code, real, _ = invoke("lap", "new", "-e", str(example))
    assert code == 0 and real.rstrip().endswith("varv 1 -> 2")


def test_redropping_says_which_reason_it_replaces(example: Path) -> None:
    args = ("status", "standardklient", "dropped", "-e", str(example))
    code, out, _ = invoke(*args, "--reason", "Ingår i upphandlingen")
    assert code == 0 and "already dropped; its reason replaced (was: 'Utgår i första" in out
    code, out, _ = invoke(*args, "--reason", "Ingår i upphandlingen")
    assert code == 0 and "already dropped, unchanged" in out


# --- completion ------------------------------------------------------------------------------


class Ctx:
    def __init__(self, **params: object) -> None:
        self.params = params


def test_completion_reads_ids_from_the_engagement(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MALMILJO_ENGAGEMENT", raising=False)
    ctx = Ctx(engagement=EXAMPLE)
    assert completion.initiative_ids(ctx, "tv") == [
        ("tva-team", "Två team för användarnära och systemnära tjänster")
    ]
    assert len(completion.initiative_ids(ctx, "")) == 17
    assert [i for i, _ in completion.listed(EXAMPLE, "capabilities.yaml")][:2] == [
        "arendefordelning",
        "beskrivna-tjanster",
    ]
    assert len(completion.listed(EXAMPLE, "capabilities.yaml")) == 22
    assert [i for i, _ in completion.field_values(Ctx(engagement=EXAMPLE, field="area"), "t")] == [
        "teknik"
    ]
    assert [s for s, _ in completion.field_values(Ctx(field="status"), "in")] == ["in_progress"]
    assert completion.field_values(Ctx(field="owner"), "") == []
    assert [i for i, _ in completion.area_ids(ctx, "")] == sorted(
        ["uppdrag", "organisation", "arbetssatt", "teknik"]
    )
    assert [i for i, _ in completion.selectors(ctx, "+kun")] == ["+kunskapsbank"]
    assert [s for s, _ in completion.statuses("d")] == ["done", "dropped"]
    monkeypatch.setenv("MALMILJO_ENGAGEMENT", str(EXAMPLE))
    assert completion.initiative_ids(Ctx(), "scrum") == [
        ("scrumtavla", "Scrumtavla och korta morgonmöten")
    ]
    assert completion.initiative_ids(Ctx(engagement=Path("/nowhere")), "") == []


def test_completion_fields_are_the_ones_set_accepts() -> None:
    from malmiljo_cli.commands.set import parse_value

    for field in completion.SETTABLE:
        parse_value(field, "3")


def test_real_shell_completion_offers_ids(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLE, tmp_path / "vmkf")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MALMILJO")}
    env.update(
        _MALMILJO_COMPLETE="complete_bash",
        COMP_WORDS="malmiljo prioritise --must kun",
        COMP_CWORD="3",
        PYTHONPATH=str(ROOT / "src"),
    )
    done = subprocess.run(
        [sys.executable, "-m", "malmiljo_cli"],
        cwd=tmp_path / "vmkf",
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stdout.split() == ["kunskapsbank"], done.stdout + done.stderr
    env.update(COMP_WORDS="malmiljo status ", COMP_CWORD="2")
    done = subprocess.run(
        [sys.executable, "-m", "malmiljo_cli"],
        cwd=tmp_path / "vmkf",
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "tidsfordelningsmodell" in done.stdout.split()


def test_the_report_says_no_capabilities_for_an_empty_area(tmp_path: Path) -> None:
    gaps = tmp_path / "gaps"
    shutil.copytree(FIXTURES / "gaps", gaps)
    areas = gaps / "areas.yaml"
    areas.write_text(
        areas.read_text("utf-8") + '  - {id: d, name: Tom, colour: "#cc79a7"}\n', "utf-8"
    )
    out = tmp_path / "out"
    code, _, err = invoke("report", "-e", str(gaps), "-o", str(out), "-f", "md")
    assert code == 0, err
    rows = [line for line in (out / "report.md").read_text("utf-8").splitlines() if "Tom" in line]
    table_rows = [r for r in rows if r.startswith("| Tom |")]  # rows of the area, not heads
    assert table_rows and all("inga förmågor" in r and "%" not in r for r in table_rows), rows
