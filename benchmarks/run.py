"""Run every benchmark and write docs/performance.md.

    ./dev bench              # or: .venv/bin/python benchmarks/run.py [--quick]

Each command runs as a user would run it (a fresh process) on generated engagements of 20, 300
and 2,000 initiatives; the best of several runs is kept, since the minimum is the figure least
disturbed by whatever else the machine is doing. The size table runs every command paired with
`validate` on the same engagement, one right after the other, and gives the median of the
ratios: on a shared machine the pair sees about the same load. Peak memory is the child's own
maximum resident set (os.wait4).
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

SIZES = (20, 300, 2000)
# A realistic capacity per size (benchmarks/generate.py --plan, --committed): a plan of 5, 20
# and 60 initiatives with some decided work in it.
REALISTIC = {20: (5, 2), 300: (20, 6), 2000: (60, 16)}
# The targets (docs/performance.md): ratio to validate, and peak memory in MB.
TARGETS = {
    ("build", 300): "<= 10x, < 300 MB",
    ("build", 2000): "<= 25x, < 1 GB",
    ("prioritise", 2000): "<= 6x",
    ("options", 300): "<= 25x",
    ("report docx", 300): "<= 15x",
    ("deck", 300): "<= 15x",
    ("build --check", 300): "<= 2.5x",
    ("build --check", 2000): "<= 2.5x",
}
MALMILJO = [sys.executable, "-m", "malmiljo_cli"]
NOTE = "Reading the figures: a fresh process costs about half a second before any work (Python, Typer, Pydantic); past that, reading and validating grow linearly with the files. `prioritise` solves an exact optimisation (enumeration up to 20 open initiatives, HiGHS above) and then three runners-up, which is why it grows faster than the rest; `--alternatives 0` skips them. `build` is dominated by the PDF, whose page count grows with the initiatives (about 170 pages at 300).\n"
MINIMAL_APP = '''
import typer
app = typer.Typer()
@app.command()
def hello(name: str = "x") -> None:
    """Say hello."""
    print(name)
app()
'''


def commands(out: Path) -> dict[str, list[str]]:
    """The command lines measured per engagement (the engagement path is appended)."""
    available = _available()
    wanted = {
        "validate": ["validate"],
        "gap": ["gap", "--format", "json"],
        "board": ["board", "--format", "md"],
        "prioritise": ["prioritise", "--format", "json"],
        "graph (svg)": ["graph", "--format", "svg", "-o", str(out / "map.svg")],
        "build (all formats)": ["build", "-o", str(out / "build")],
    }
    return {name: argv for name, argv in wanted.items() if argv[0] in available}


def _available() -> set[str]:
    from typer.main import get_command

    from malmiljo_cli.cli import app

    return set(get_command(app).commands)  # type: ignore[attr-defined]


def sized_commands(out: Path) -> dict[str, list[str]]:
    """Every command of the size table; `build` writes a fresh folder, `build --check` checks
    the folder the last build wrote."""
    available = _available()
    wanted = {
        "validate": ["validate"],
        "prioritise": ["prioritise", "--format", "json"],
        "options": ["options"],
        "roadmap": ["roadmap"],
        "graph": ["graph", "--format", "svg", "-o", str(out / "map.svg")],
        "report md": ["report", "--format", "md", "-o", str(out / "md")],
        "report html": ["report", "--format", "html", "-o", str(out / "html")],
        "report pdf": ["report", "--format", "pdf", "-o", str(out / "pdf")],
        "report docx": ["report", "--format", "docx", "-o", str(out / "docx")],
        "deck": ["deck", "-o", str(out / "deck.pptx")],
        "build": ["build", "-o", str(out / "build")],
        "build --check": ["build", "-o", str(out / "build"), "--check"],
    }
    return {name: argv for name, argv in wanted.items() if argv[0] in available}


def measured(argv: list[str]) -> tuple[float, float]:
    """Seconds and peak resident megabytes of one fresh process."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert child.stderr is not None
    err = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0, 1):
        raise RuntimeError(f"{argv} failed: {err.decode()[-400:]}")
    return seconds, usage.ru_maxrss / 1024


def by_size(folder: Path, out: Path, runs: int) -> list[list[str]]:
    """Per command: best time, peak memory, and the median ratio to `validate` run right before."""
    import shutil
    import statistics

    rows = []
    size = int(folder.name.split("-")[-1])
    for name, argv in sized_commands(out).items():
        times, ratios, peaks = [], [], []
        for _ in range(runs):
            if name == "build":
                shutil.rmtree(out / "build", ignore_errors=True)
            base, _ = measured([*MALMILJO, "validate", "-e", str(folder)])
            seconds, peak = measured([*MALMILJO, *argv, "-e", str(folder)])
            times.append(seconds)
            ratios.append(seconds / base)
            peaks.append(peak)
        target = TARGETS.get((name, size), "")
        rows.append(
            [
                f"`{name}`",
                f"{min(times):.2f} s",
                f"{max(peaks):.0f} MB",
                f"{statistics.median(ratios):.1f}x",
                target,
            ]
        )
    return rows


def size_tables(base: Path, runs: int, sizes: tuple[int, ...]) -> list[str]:
    parts = []
    for n in sizes:
        plan, decided = REALISTIC[n]
        folder = generate(base / f"real-{n}", n, seed=1, committed=decided, plan=plan)
        out = base / f"out-{n}"
        out.mkdir(exist_ok=True)
        parts += [
            f"\n### {n:,} initiatives (a plan of at most {plan}, {decided} decided)\n",
            table(
                ["command", "time", "peak memory", "x validate (paired)", "target"],
                by_size(folder, out, runs),
            ),
        ]
    return parts


def best_of(runs: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def run_cli(argv: list[str]) -> Callable[[], object]:
    def action() -> object:
        result = subprocess.run(argv, capture_output=True, check=False)
        if result.returncode not in (0, 1):
            raise RuntimeError(f"{argv} failed: {result.stderr.decode()[-400:]}")
        return result

    return action


def scaling(folders: dict[int, Path], out: Path, runs: int) -> list[list[str]]:
    rows = []
    for name, argv in commands(out).items():
        times = {
            n: best_of(runs, run_cli([*MALMILJO, *argv, "-e", str(folders[n])])) for n in SIZES
        }
        growth = times[2000] / times[300]
        rows.append([name, *(f"{times[n]:.2f} s" for n in SIZES), f"{growth:.1f}x"])
    return rows


def startup(runs: int) -> list[list[str]]:
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as handle:
        handle.write(MINIMAL_APP)
    base = best_of(runs, run_cli([sys.executable, handle.name, "--help"]))
    helps = best_of(runs, run_cli([*MALMILJO, "--help"]))
    validate = best_of(
        runs, run_cli([*MALMILJO, "validate", "-e", str(ROOT / "examples" / "vmkf")])
    )
    os.unlink(handle.name)
    return [
        ["minimal one-command Typer app `--help`", f"{base:.3f} s", "1.00 (baseline)"],
        ["`malmiljo --help`", f"{helps:.3f} s", f"{helps / base:.2f} (target <= 1.3)"],
        [
            "`malmiljo validate -e examples/vmkf`",
            f"{validate:.3f} s",
            f"{validate / base:.2f} (target <= 2)",
        ],
    ]


def yaml_floor(folder: Path, runs: int) -> list[list[str]]:
    from ruamel.yaml import YAML

    from malmiljo_cli.yamlio import parse

    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.yaml"))]
    rows = []
    ours = best_of(runs, lambda: [parse(t) for t in texts])
    rows.append(["malmiljo's reader (libyaml events, YAML 1.2)", f"{ours:.2f} s", "1.00"])
    safe = YAML(typ="safe", pure=False)
    ruamel = best_of(runs, lambda: [safe.load(t) for t in texts])
    rows.append(["ruamel.yaml safe loader, C parser", f"{ruamel:.2f} s", f"{ruamel / ours:.2f}"])
    try:
        import yaml

        pyyaml = best_of(runs, lambda: [yaml.load(t, Loader=yaml.CSafeLoader) for t in texts])
        rows.append(
            ["PyYAML CSafeLoader (YAML 1.1 rules)", f"{pyyaml:.2f} s", f"{pyyaml / ours:.2f}"]
        )
    except ImportError:
        rows.append(["PyYAML CSafeLoader", "not installed", "-"])
    return rows


def lap_plan(base: Path, runs: int) -> list[list[str]]:
    """`prioritise` and `roadmap` on 300 initiatives with 60 decided, the lap plan's target."""
    rows = []
    for n in (100, 300, 600):
        folder = generate(base / f"decided-{n}", n, seed=1, committed=n // 5)
        for name in ("prioritise", "roadmap", "options"):
            seconds = best_of(runs, run_cli([*MALMILJO, name, "-e", str(folder)]))
            limit = 10 if name == "options" else 5
            target = f" (target < {limit} s)" if n == 300 else ""
            rows.append([f"`{name}`", f"{n} ({n // 5} decided)", f"{seconds:.2f} s{target}"])
    return rows


WORKSHOP_NOTE = (
    "A real `malmiljo workshop vote` server on 127.0.0.1 and 200 simulated phones in this "
    "process (benchmarks/workshop_load.py: one kept-alive connection each, a minimal HTTP client "
    "on asyncio). Every phone joins, then votes, then changes its vote; the times are those of "
    "the 400 votes, from sending to the answer, which comes only once the vote is synced to disk. "
    "Client and server share the machine's cores: the client's share is its CPU time over both "
    "processes' CPU time during the run. Every run checks that the written file equals the sum "
    "of every phone's last acknowledged vote.\n"
)


def workshop(runs: int) -> list[list[str]]:
    """The workshop load test: 200 phones at once and spread over 10 s; the median run's figures."""
    sys.path.insert(0, str(ROOT))
    from workshop_load import percentile, run

    rows = []
    for label, spread in (("200 at the same moment", 0.0), ("200 spread over 10 s", 10.0)):
        results = []
        for _ in range(runs):
            result = run(200, spread=spread)
            if result.written != result.expected or result.acknowledged != 200:
                raise RuntimeError(f"the workshop lost or doubled votes: {result}")
            results.append(result)
        result = sorted(results, key=lambda r: r.p95)[len(results) // 2]
        share = result.client_cpu / max(1e-9, result.client_cpu + result.server_cpu)
        rows.append(
            [
                label,
                f"{percentile(result.times_ms, 0.5):.1f} ms",
                f"{result.p95:.1f} ms",
                f"{max(result.times_ms):.1f} ms",
                f"{result.server_cpu:.2f} s / {result.client_cpu:.2f} s ({share:.0%})",
            ]
        )
    return rows


def workshop_section(runs: int) -> list[str]:
    return [
        "\n## The workshop under load\n",
        WORKSHOP_NOTE,
        f"Median of {runs} runs (by p95), with the machine's load average at "
        f"{os.getloadavg()[0]:.1f} when it ended.\n",
        table(
            ["votes", "p50", "p95", "max", "CPU: server / client (client's share)"],
            workshop(runs),
        ),
    ]


def table(headers: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def machine() -> str:
    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return (
        f"{model}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


HAND = "<!-- Written by hand from here on; ./dev bench keeps it. -->"


def hand_written(path: Path) -> str:
    """The part of the output file below HAND (measured by hand, not by this script)."""
    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    start = old.find(HAND)
    return "" if start < 0 else "\n" + old[start:]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "performance.md")
    parser.add_argument(
        "--workshop", action="store_true", help="Only the workshop load test; print its section."
    )
    parser.add_argument("--sizes", default=",".join(str(n) for n in SIZES))
    parser.add_argument(
        "--by-size", action="store_true", help="Only the table of every command by size; print it."
    )
    args = parser.parse_args()
    sizes = tuple(int(n) for n in args.sizes.split(","))
    if args.workshop:
        print("\n".join(workshop_section(args.runs)))
        return 0
    if args.by_size:
        with tempfile.TemporaryDirectory() as tmp:
            print("\n".join(size_tables(Path(tmp), args.runs, sizes)))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        folders = {n: generate(base / f"eng-{n}", n, seed=1) for n in SIZES}
        sections = [
            "# Performance\n",
            "Measured by `./dev bench` (benchmarks/run.py): best of "
            f"{args.runs} runs, each a fresh process as a user would start it.\n",
            f"Machine: {machine()}.\n",
            "## Every command at 20, 300 and 2,000 initiatives\n",
            "Engagements from benchmarks/generate.py with a realistic capacity (`--plan`, "
            "`--committed`). Each command is timed right after `validate` on the same "
            "engagement; the ratio is the median over the runs of the pair, so a machine "
            "shared with other work slows both alike. Peak memory is the process's own "
            "maximum resident set.\n",
            *size_tables(base, args.runs, sizes),
            "\n## Commands by engagement size\n",
            "Engagements are generated by benchmarks/generate.py (about 1.2 dependencies per "
            "initiative, a third as many capabilities). Growth is the 2,000 time over the 300 "
            "time; linear growth would be 6.7x, and a fixed start-up cost makes it smaller.\n",
            table(
                ["command", *(f"{n} initiatives" for n in SIZES), "growth 300 -> 2,000"],
                scaling(folders, base, args.runs),
            ),
            "\n## The lap's plan with decided work\n",
            "Generated with `--committed`: a fifth of the initiatives decided (half selected, "
            "half in progress), a 26-week calendar. `prioritise` solves the plan, three "
            "runners-up and one exact solve per departure (two at a time); `roadmap` solves "
            "the plan alone and schedules it; `options` solves the plan, the plan at the count "
            "limit minus one, at it and plus one, and the frontier.\n",
            table(["command", "initiatives", "time"], lap_plan(base, args.runs)),
            "\n## Start-up\n",
            table(["what", "time", "ratio to the minimal app"], startup(args.runs + 2)),
            "\n## Reading YAML, against the parsing floor\n",
            "All files of the 2,000-initiative engagement, parsed in one process.\n",
            table(["reader", "time", "ratio"], yaml_floor(folders[2000], args.runs)),
            *workshop_section(args.runs),
        ]
    text = "\n".join(sections) + "\n" + hand_written(args.output)
    args.output.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
