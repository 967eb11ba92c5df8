"""Time export and import (XLSX and CSV) on a synthetic engagement, with and without edits.

Run: .venv/bin/python benchmarks/spreadsheets.py [--initiatives 2000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from generate import generate  # type: ignore[import-not-found]
from openpyxl import load_workbook

from malmiljo_cli.commands.sheet import export, import_sheet


def timed(label: str, fn: Callable[[], object], runs: int = 3) -> None:
    start = time.perf_counter()
    for _ in range(runs):
        fn()
    elapsed = (time.perf_counter() - start) / runs * 1000
    print(f"{label:<48} {elapsed:8.0f} ms", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--initiatives", type=int, default=2000)
    n = parser.parse_args().initiatives
    with tempfile.TemporaryDirectory() as tmp:
        eng = generate(Path(tmp) / "eng", n)
        xlsx, csv_file = Path(tmp) / "i.xlsx", Path(tmp) / "i.csv"
        timed(f"export {n} initiatives to .xlsx", lambda: export(eng, to=xlsx))
        timed(f"export {n} initiatives to .csv", lambda: export(eng, to=csv_file))
        timed(
            "import .xlsx, no change (dry run)", lambda: import_sheet(eng, file=xlsx, dry_run=True)
        )
        timed(
            "import .csv, no change (dry run)",
            lambda: import_sheet(eng, file=csv_file, dry_run=True),
        )
        book = load_workbook(xlsx)
        for row in range(2, 2 + n // 10):  # one initiative in ten gets a new effort
            book.active.cell(row=row, column=11).value = 7
        book.save(xlsx)
        timed(
            f"import .xlsx, {n // 10} edits (dry run)",
            lambda: import_sheet(eng, file=xlsx, dry_run=True),
        )


if __name__ == "__main__":
    main()
