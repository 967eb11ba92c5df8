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
