"""The README's examples do what they say: every ```console block is run and its output compared.

A block holds `$ malmiljo ...` lines, each followed by the output it shows (stdout and stderr as a
terminal shows them). The commands run in order, in a temporary copy of examples/vmkf (so an edit
shown early is seen by later examples), with the working folder set so `examples/vmkf` resolves.
Only trailing whitespace is normalised. A line `...` in the shown output stands for any number of
lines, for long outputs the README shortens.

After a deliberate change of output, rewrite the blocks and review the diff:

    MALMILJO_UPDATE_README=1 pytest tests/test_readme.py

Blocks with `...` are not rewritten (which lines to keep is the author's choice); the test names
them when they no longer match.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from .helpers import EXAMPLE, ROOT

README = ROOT / "README.md"
FENCE = re.compile(r"^```console\n(.*?)^```$", re.MULTILINE | re.DOTALL)
ELLIPSIS = "..."
UPDATE = bool(os.environ.get("MALMILJO_UPDATE_README"))


@dataclass
class Example:
    command: str
    shown: list[str]


@dataclass
class Block:
    start: int  # offset of the block's body in the README
    end: int
    examples: list[Example]


def parse(text: str) -> list[Block]:
    """Every console block of `text` with its commands and their shown output."""
    blocks = []
    for match in FENCE.finditer(text):
        examples: list[Example] = []
        for line in match.group(1).splitlines():
            if line.startswith("$ "):
                examples.append(Example(line[2:], []))
            elif examples:
                examples[-1].shown.append(line.rstrip())
            else:
                raise AssertionError(f"output before any command in a console block: {line!r}")
        blocks.append(Block(match.start(1), match.end(1), examples))
    return blocks


def matches(shown: list[str], actual: list[str]) -> bool:
    """Whether `actual` is `shown`, where a `...` line stands for any run of lines."""
    if not shown:
        return not actual
    head, *rest = shown
    if head == ELLIPSIS:
        return any(matches(rest, actual[i:]) for i in range(len(actual) + 1))
    return bool(actual) and actual[0] == head and matches(rest, actual[1:])


def run(command: str, cwd: Path) -> list[str]:
    """Run one `malmiljo ...` line as a user would; stdout and stderr in the order written."""
    words = shlex.split(command)
    assert words[0] == "malmiljo", f"the README runs only malmiljo in console blocks: {command}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("MALMILJO_")}
    env.update(
        COLUMNS="80",
        NO_COLOR="1",
        PYTHONPATH=str(ROOT / "src"),
        SOURCE_DATE_EPOCH="0",
    )
    done = subprocess.run(
        [sys.executable, "-m", "malmiljo_cli", *words[1:]],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
        timeout=300,
    )
    return [line.rstrip() for line in done.stdout.rstrip("\n").splitlines()]


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLE, tmp_path / "examples" / "vmkf")
    return tmp_path


def test_the_parser_reads_commands_outputs_and_ellipses() -> None:
    text = "x\n```console\n$ malmiljo a\none\n...\n$ malmiljo b\n```\n"
    (block,) = parse(text)
    assert [(e.command, e.shown) for e in block.examples] == [
        ("malmiljo a", ["one", "..."]),
        ("malmiljo b", []),
    ]
    assert matches(["a", "...", "d"], ["a", "b", "c", "d"])
    assert matches(["a", "..."], ["a"])
    assert not matches(["a", "...", "d"], ["a", "b", "c"])
    assert not matches(["a"], ["a", "b"])


def test_readme_examples_show_what_they_print(workdir: Path) -> None:
    text = README.read_text(encoding="utf-8")
    blocks = parse(text)
    assert len(blocks) >= 4, "the README lost its console examples"
    failures: list[tuple[bool, str]] = []  # (shortened with ..., what differs)
    rewritten: list[tuple[Block, str]] = []
    for block in blocks:
        body: list[str] = []
        for example in block.examples:
            actual = run(example.command, workdir)
            shortened = ELLIPSIS in example.shown
            body += [f"$ {example.command}", *(example.shown if shortened else actual)]
            if not matches(example.shown, actual):
                shown, printed = "\n".join(example.shown), "\n".join(actual)
                failures.append(
                    (
                        shortened,
                        f"$ {example.command}\n--- README shows\n{shown}\n"
                        f"--- the command printed\n{printed}",
                    )
                )
        rewritten.append((block, "\n".join(body) + "\n"))
    if UPDATE:
        for block, body_text in reversed(rewritten):
            text = text[: block.start] + body_text + text[block.end :]
        README.write_text(text, encoding="utf-8")
        failures = [f for f in failures if f[0]]
    assert not failures, "\n\n".join(f[1] for f in failures)


SH = re.compile(r"^```sh\n(.*?)^```$", re.MULTILINE | re.DOTALL)
# Lines that set up the environment these tests run in: ./dev is what runs them, and pip
# installs the extras ./dev has installed.
SETUP = ("./dev ", "pip install ")


def _sh_commands(text: str) -> list[str]:
    """Every command line of the README's ```sh blocks, comments off, set-up lines left out."""
    lines = [line for block in SH.findall(text) for line in block.splitlines()]
    commands = [re.sub(r"\s+#.*$", "", line).strip() for line in lines]
    return [c for c in commands if c and not c.startswith(SETUP)]


def test_every_command_in_the_readmes_sh_blocks_runs(tmp_path: Path) -> None:
    """The ```sh blocks, in order, in a git repository holding examples/vmkf; each exits 0."""
    from .helpers import git, run_line

    root = tmp_path / "repo"
    shutil.copytree(EXAMPLE, root / "examples" / "vmkf")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "lap 1")
    commands = _sh_commands(README.read_text(encoding="utf-8"))
    assert len(commands) >= 15 and any(c.startswith("malmiljo workshop") for c in commands)
    for command in commands:
        code, output = run_line(command, root)
        assert code == 0, (command, output)
    assert (root / "styrgrupp.pptx").is_file() and (
        root / "kund-2026" / "engagement.yaml"
    ).is_file()
    journals = " ".join(p.name for p in (root / "examples" / "vmkf").rglob("*") if p.is_file())
    for session in ("prickar", "rangordning", "koder"):  # three sessions, none refused
        assert session in journals, journals


def _json(*args: str) -> Any:
    import json

    done = subprocess.run(
        [sys.executable, "-m", "malmiljo_cli", *args, "-e", str(EXAMPLE), "-f", "json"],
        capture_output=True,
        text=True,
        check=True,
        env={k: v for k, v in os.environ.items() if not k.startswith("MALMILJO_")},
    )
    return json.loads(done.stdout)


def _prose() -> str:
    """The README's prose on single lines: no code blocks, line breaks as spaces."""
    text = re.sub(r"^```.*?^```$", "", README.read_text(encoding="utf-8"), flags=re.M | re.S)
    return " ".join(text.split())


def test_the_numbers_in_the_readmes_prose_are_the_examples() -> None:
    prose = _prose()
    folder = EXAMPLE
    initiatives = len(list((folder / "initiatives").glob("*.yaml")))
    interviews = len(list((folder / "interviews").glob("*.yaml")))
    capabilities = (folder / "capabilities.yaml").read_text(encoding="utf-8").count("  - id: ")
    areas = (folder / "areas.yaml").read_text(encoding="utf-8").count("  - id: ")
    assert f"of {initiatives} initiatives the unit chose" in prose
    readme = README.read_text(encoding="utf-8")
    assert f"{capabilities} capabilities with today's" in readme
    assert f"{initiatives} initiatives, one a file" in readme
    assert (
        f"{interviews} interviews: pains" in readme and areas == 4 and "four focus areas" in readme
    )

    total = _json("gap")["total"]
    closure, backlog = round(total["lap_closure"] * 100), round(total["closure"] * 100)
    assert (
        f"The weighted gap (importance x levels missing, `vgap`) is {total['weighted_gap']}."
        in prose
    )
    assert f"leaves {total['lap_gap']} of it: the lap closes {closure} %" in prose
    assert f"{total['projected_gap']} would remain ({backlog} %)" in prose

    plan = _json("prioritise")
    meta = (folder / "engagement.yaml").read_text(encoding="utf-8")
    budget, most = re.search(r"budget: (\d+)", meta), re.search(r"max_initiatives: (\d+)", meta)
    assert budget and most
    assert f"({budget.group(1)} person-days, at most {most.group(1)} initiatives)" in prose
    assert plan["budget"] == float(budget.group(1)) and plan["max"] == int(most.group(1))
    efforts = {
        p.stem: float(m.group(1))
        for p in (folder / "initiatives").glob("*.yaml")
        if (m := re.search(r"^effort: ([\d.]+)", p.read_text(encoding="utf-8"), re.M))
    }
    committed = plan["committed"]
    taken = sum(efforts[i] for i in committed)
    assert f"take {taken:.0f} days and four places" in prose and len(committed) == 4
    added = [i for i in plan["selected"] if i not in committed]
    assert added == ["kunskapsbank"] and "the knowledge base takes the fifth" in prose

    tight = _json("prioritise", "--budget", "80")
    gains = [d["value_delta"] for d in tight["departures"] if d["id"] == "drift-teknikchef"]
    assert gains and f"initiatives worth {gains[0]:.1f} more" in prose
    freed = [d for d in tight["departures"] if d["id"] != "drift-teknikchef"]
    assert len(freed) == 2 and "would take two cheaper initiatives" in prose

    roadmap = _json("roadmap")
    recruit = next(i for i in roadmap["items"] if i["id"] == "drift-teknikchef")
    weeks = re.search(
        r"^duration_weeks: (\d+)",
        (folder / "initiatives" / "drift-teknikchef.yaml").read_text(encoding="utf-8"),
        re.M,
    )
    assert weeks and f"(the recruitment: {weeks.group(1)} weeks," in prose
    assert (
        f"wait until week {recruit['start_week']}, when the running work leaves room for its "
        f"{recruit['load_per_week']:.1f} days a week" in prose
    )
