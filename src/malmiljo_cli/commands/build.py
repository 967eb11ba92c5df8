"""`malmiljo build`: every output of an engagement, byte-identical on every run; `--check` too."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import TYPE_CHECKING

from .. import console, manifest

if TYPE_CHECKING:  # the quick `--check` imports none of these
    from ..content.context import Analyses
    from ..models import Engagement
    from ..write.data.shapes import ScheduleJson, WavesJson

CHARTS = "charts"  # build owns this folder: charts it no longer makes are removed


def build_files(eng: Engagement, *, root: Path) -> dict[str, bytes]:
    """Every file `build` writes, by its path relative to the output folder."""
    from ..content.report import analyse, report_context
    from ..write.data.export import AnalysisJson, engagement_json
    from ..write.documents.report import FORMATS, Files, render_report, templates_folder
    from ..write.terminal.gap import gap_json
    from ..write.terminal.prioritisation import plan_json

    analyses = analyse(eng, root=root)
    ctx = report_context(eng, analyses, root=root, lang=None)
    templates = templates_folder(root, None)
    files: Files = {}
    # Office files only when engagement.yaml asks (`office: [docx, pptx]`): then `build --check`
    # in CI, the pre-commit hook and every laptop agree on them without remembering a flag.
    # The PDF first: Typst's memory is most of the peak, so it runs while least else is held.
    for fmt in sorted((*FORMATS, *eng.meta.office), key=lambda f: f != "pdf"):
        console.progress(f"rendering {fmt}")
        files.update(render_report(ctx, formats=(fmt,), root=root, templates=templates))
    if ctx.map is not None:  # also beside report.md; written here when md is not built
        files[ctx.map.filename] = ctx.map.svg.encode("utf-8")
    results: AnalysisJson = {
        "gaps": gap_json(analyses.gaps),
        "ranking": analyses.ranking,
        "plan": plan_json(analyses.plan) if analyses.plan else None,
        "roadmap": _roadmap_json(analyses),
    }
    files["engagement.json"] = engagement_json(eng, analyses=results).encode("utf-8")
    return files


def _roadmap_json(analyses: Analyses) -> ScheduleJson | WavesJson | None:
    """The same shapes as `malmiljo roadmap --format json`: weeks, else waves."""
    from ..write.terminal.roadmap import roadmap_json, schedule_json

    if analyses.schedule is not None:
        return schedule_json(analyses.schedule)
    return roadmap_json(analyses.roadmap) if analyses.roadmap else None


def build(engagement: Path, *, out: Path, check: bool = False) -> int:
    """Write everything into `out`, or with `check` only say which files are stale (exit 1).

    When the manifest of the last build shows nothing changed (manifest.py), both answer at once.
    """
    current = manifest.up_to_date(engagement, out, owned=CHARTS)
    if current is not None:
        console.message(f"{current} file(s) in {out} are up to date")
        return 0
    from ..validate import load_engagement
    from ..writer import left_over, stale_files, write_files

    read = manifest.inputs(engagement, out)
    eng = load_engagement(engagement).engagement
    assert eng is not None  # load_engagement raises otherwise
    files = build_files(eng, root=engagement)
    if not check:
        for name in left_over(out, files, owned=CHARTS):
            (out / name).unlink()  # a chart of an area that no longer exists
        write_files(out, {**files, manifest.MANIFEST: manifest.make(read, files)})
        console.message(f"built {len(files)} file(s) in {out}")
        return 0
    stale = stale_files(out, files, owned=CHARTS)
    if not stale:
        console.message(f"{len(files)} file(s) in {out} are up to date")
        return 0
    for name, why in stale:
        console.data(f"{console.printable((out / name).as_posix())}: {why}")
    fix = f"malmiljo build -e {shlex.quote(str(engagement))} -o {shlex.quote(str(out))}"
    console.problem(f"{len(stale)} file(s) out of date; run: {console.printable(fix)}")
    return 1
