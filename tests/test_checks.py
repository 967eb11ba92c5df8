"""Cross-file checks in one pass: an invalid field hides nothing but itself, in any file."""

from __future__ import annotations

import re
from pathlib import Path

from malmiljo_cli.validate import validate_folder


def _write(folder: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")


def _found(folder: Path) -> list[str]:
    """`file:line:col CODE` for every problem, in order."""
    return [
        f"{Path(p.file).relative_to(folder).as_posix()}:{p.line}:{p.column} {p.code}"
        for p in validate_folder(folder).problems
    ]


AREAS_ONE_BAD = """\
areas:
  - id: organisation
    name: Organisation
    colour: blue
  - id: arbetssatt
    name: Arbetsmetoder
    colour: "#e69f00"
"""


def test_a_bad_status_does_not_hide_an_unknown_area(minimal: Path) -> None:
    _write(
        minimal,
        {
            "initiatives/tavla.yaml": "id: tavla\ntitle: T\narea: nosuch\n"
            "raises: [{capability: overblick, to: 4}]\neffect: 4\neffort: 2\nstatus: bogus\n"
        },
    )
    assert _found(minimal) == [
        "initiatives/tavla.yaml:3:7 E302",
        "initiatives/tavla.yaml:7:9 E204",
    ]


def test_an_error_in_one_area_keeps_the_others_known(minimal: Path) -> None:
    """The area with a bad colour still counts (its id is fine); an unknown one is still caught."""
    _write(
        minimal,
        {
            "areas.yaml": AREAS_ONE_BAD,
            "initiatives/extra.yaml": "id: extra\ntitle: E\narea: nosuch\n"
            "related_areas: [organisation]\nraises: [{capability: ledning, to: 4}]\n"
            "effect: 2\neffort: 1\n",
        },
    )
    assert _found(minimal) == [
        "areas.yaml:4:13 E204",
        "initiatives/extra.yaml:3:7 E302",
    ]


def test_a_bad_area_id_does_not_stop_judging_references(minimal: Path) -> None:
    """'1org' can never be referred to (a reference must be a valid id), so 'nosuch' is judged."""
    _write(
        minimal,
        {
            "areas.yaml": AREAS_ONE_BAD.replace("organisation\n    name", "1org\n    name"),
            "initiatives/chef.yaml": "id: chef\ntitle: C\narea: nosuch\n"
            "raises: [{capability: ledning, to: 4}]\neffect: 5\neffort: 20\n",
        },
    )
    assert _found(minimal) == [
        "areas.yaml:2:9 E205",
        "areas.yaml:4:13 E204",
        # capabilities.yaml's `area: organisation` and tavla's related area name the broken one
        "capabilities.yaml:3:11 E302",
        "initiatives/chef.yaml:3:7 E302",
        "initiatives/tavla.yaml:4:17 E302",
    ]


def test_an_area_without_an_id_leaves_area_references_unjudged(minimal: Path) -> None:
    """Any reference might mean the area whose id is missing, so none is called unknown."""
    _write(
        minimal,
        {
            "areas.yaml": AREAS_ONE_BAD.replace("  - id: organisation\n    name", "  - name"),
            "initiatives/chef.yaml": "id: chef\ntitle: C\narea: nosuch\n"
            "raises: [{capability: ledning, to: 4}]\neffect: 5\neffort: 20\n",
        },
    )
    assert _found(minimal) == ["areas.yaml:2:5 E201", "areas.yaml:3:13 E204"]


def test_independent_errors_across_files_all_at_once(minimal: Path) -> None:
    _write(
        minimal,
        {
            # engagement.yaml: a bad lap (E204); the scale still applies
            "engagement.yaml": "schema_version: 1\nname: T\nclient: K\nlap: 0\n",
            # capabilities: one with a level that is not a number (E203) and an unknown area
            # (E302); the other above the scale (E306); both still count as known
            "capabilities.yaml": "capabilities:\n"
            "  - id: ledning\n    area: ingen\n    name: L\n    current: hög\n    target: 4\n"
            "  - id: overblick\n    area: arbetssatt\n    name: Ö\n    current: 2\n    target: 9\n",
            # an initiative: bad effort (E204), an unknown capability (E303) with a level no
            # scale allows (E204), an unknown prerequisite (E304); it raises the broken 'ledning'
            "initiatives/chef.yaml": "id: chef\ntitle: C\narea: organisation\nraises:\n"
            "  - capability: ledning\n    to: 4\n  - capability: spok\n    to: 999\n"
            "effect: 5\neffort: -1\ndepends_on: [ghost]\n",
            # an interview with a bad date (E203) and a finding about an unknown area (E302)
            "interviews/anna.yaml": "id: anna\ndate: igår\nfindings:\n"
            "  - {text: Rörigt, area: nowhere, kind: pain}\n",
            # a workshop whose participants are zero (E204) and a vote for no initiative (E304)
            "workshops/konf.yaml": "id: konf\ndate: 2026-01-10\nparticipants: 0\n"
            "votes: {chef: 2, fantom: 1}\n",
        },
    )
    assert _found(minimal) == [
        "capabilities.yaml:3:11 E302",
        "capabilities.yaml:5:14 E203",
        "capabilities.yaml:11:13 E306",
        "engagement.yaml:4:6 E204",
        "initiatives/chef.yaml:7:17 E303",
        "initiatives/chef.yaml:8:9 E204",
        "initiatives/chef.yaml:10:9 E204",
        "initiatives/chef.yaml:11:14 E304",
        "interviews/anna.yaml:2:7 E203",
        "interviews/anna.yaml:4:26 E302",
        "workshops/konf.yaml:3:15 E204",
        "workshops/konf.yaml:4:18 E304",
    ]


def test_references_are_checked_without_engagement_yaml(minimal: Path) -> None:
    (minimal / "engagement.yaml").unlink()
    _write(
        minimal,
        {
            "initiatives/tavla.yaml": "id: tavla\ntitle: T\narea: nosuch\n"
            "raises: [{capability: overblick, to: 4}]\neffect: 4\neffort: 2\n"
        },
    )
    assert _found(minimal) == ["engagement.yaml:1:1 E101", "initiatives/tavla.yaml:3:7 E302"]


def test_a_file_that_does_not_parse_leaves_its_kind_unjudged(minimal: Path) -> None:
    """A broken initiative file might hold the prerequisite, so 'ghost' is not called unknown."""
    _write(
        minimal,
        {
            "initiatives/trasig.yaml": "id: [unclosed\n",
            "initiatives/tavla.yaml": "id: tavla\ntitle: T\narea: nosuch\n"
            "raises: [{capability: overblick, to: 4}]\neffect: 4\neffort: 2\n"
            "depends_on: [ghost]\n",
        },
    )
    assert _found(minimal) == [
        "initiatives/tavla.yaml:3:7 E302",
        "initiatives/trasig.yaml:2:1 E102",
    ]


def test_product_names_match_whole_words_in_any_case() -> None:
    from malmiljo_cli.products import named_products

    text = "Ärenden i SERVICENOW, jira-ärenden, Microsoft\n365 och AWS; Jiraff, sapling, Azurblå"
    assert named_products(text) == ["ServiceNow", "Jira", "Microsoft 365", "AWS"]
    assert named_products("Chatt i Teams") == ["Teams"]
    assert named_products("support teams meet on zoom, slack is low") == []
    assert named_products("Kunder i Lime CRM", ["Lime CRM", "  "]) == ["Lime CRM"]


def test_the_example_names_no_product(example: Path) -> None:
    assert [p for p in validate_folder(example).problems if p.code == "W405"] == []


def test_the_docs_list_the_built_in_products() -> None:
    from malmiljo_cli.products import PRODUCTS

    from .helpers import ROOT

    text = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    listed = " ".join(text.split("Products W405 knows: ", 1)[1].split(". ", 1)[0].split())
    assert [name.strip() for name in listed.split(",")] == list(PRODUCTS)


def _fixture_cases() -> list[tuple[str, dict[str, str], set[str]]]:
    """The broken fixtures whose files still parse (an unreadable file holds back by design)."""
    from ruamel.yaml import YAML

    from .helpers import FIXTURES

    cases = []
    for path in sorted((FIXTURES / "invalid").glob("*.yaml")):
        spec = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
        if path.stem.startswith("E1") or spec.get("remove") or not spec.get("files"):
            continue
        cases.append((path.stem, dict(spec["files"]), set(spec.get("relies_on", []))))
    return cases


def _errors(folder: Path, *parts: dict[str, str]) -> set[str]:
    """The errors with the files of `parts` in place (in memory: nothing is written)."""
    overrides = {folder / rel: text for files in parts for rel, text in files.items()}
    return {
        f"{Path(p.file).relative_to(folder).as_posix()}:{p.line}:{p.column} {p.code}"
        for p in validate_folder(folder, overrides=overrides).problems
        if p.is_error
    }


def test_errors_in_different_files_never_hide_each_other(minimal: Path) -> None:
    """Any two broken fixtures that touch different files: together, every error of each.

    A fixture's `relies_on` names files its error needs as they are (a cycle needs tavla.yaml's
    `depends_on`); a fixture that rewrites one of them changes the facts, and is not paired.
    """
    import itertools

    cases = _fixture_cases()
    alone = {name: _errors(minimal, files) for name, files, _ in cases}
    hidden = []
    for (a, files_a, needs_a), (b, files_b, needs_b) in itertools.combinations(cases, 2):
        if set(files_a) & (set(files_b) | needs_b) or set(files_b) & needs_a:
            continue
        missing = (alone[a] | alone[b]) - _errors(minimal, files_a, files_b)
        if missing:
            hidden.append(f"{a} + {b}: {sorted(missing)}")
    assert len(alone) > 20
    assert hidden == [], "\n".join(hidden)


def test_an_invalid_assessment_still_has_its_references_checked(minimal: Path) -> None:
    _write(
        minimal,
        {
            "assessments/personal.yaml": "id: personal\ndate: igår\narea: nosuch\nratings:\n"
            "  overblik: {current: [1, 2], target: [4, 9]}\n  ledning: {current: [x]}\n"
        },
    )
    assert _found(minimal) == [
        "assessments/personal.yaml:2:7 E203",  # the date
        "assessments/personal.yaml:3:7 E302",
        "assessments/personal.yaml:5:3 E303",  # 'overblik', a typo
        "assessments/personal.yaml:5:43 E306",  # 9 on a 0..5 scale
        "assessments/personal.yaml:6:23 E203",  # 'x' is no level
    ]


def _raises_at(folder: Path, status: str) -> list[str]:
    """The problems when `tavla` (raising overblick to 4) has `status` and overblick is at 4."""
    caps = (folder / "capabilities.yaml").read_text(encoding="utf-8")
    (folder / "capabilities.yaml").write_text(
        caps.replace("current: 2\n    target: 4", "current: 4\n    target: 4"), encoding="utf-8"
    )
    tavla = (folder / "initiatives" / "tavla.yaml").read_text(encoding="utf-8")
    (folder / "initiatives" / "tavla.yaml").write_text(
        re.sub(r"status: \w+", f"status: {status}", tavla), encoding="utf-8"
    )
    return _found(folder)


def test_done_work_that_reached_its_level_is_not_warned(minimal: Path) -> None:
    """A successful lap: the initiative is done and the capability stands at its level."""
    assert _raises_at(minimal, "done") == []


def test_open_work_raising_to_a_level_already_reached_is_warned(minimal: Path) -> None:
    for status in ("proposed", "selected", "in_progress"):
        assert _raises_at(minimal, status) == ["initiatives/tavla.yaml:7:9 W403"], status
