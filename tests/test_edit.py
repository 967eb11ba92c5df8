"""Round-trip edits: one value changes, every other byte stays; invalid edits write nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from malmiljo_cli import edit as edit_module
from malmiljo_cli import writer
from malmiljo_cli.edit import (
    Edit,
    Scalar,
    apply,
    locked,
    plan,
    set_in_text,
    set_scalar,
)
from malmiljo_cli.errors import InvalidEngagement, MalmiljoError
from malmiljo_cli.validate import validate_folder

from .helpers import snapshot

HAND_WRITTEN = """\
# Initiativ skrivet för hand, i blandad stil. 😀
id: tavla   # id:t får inte ändras
title: 'Scrumtavla och ''korta'' möten'

area: arbetssatt
related_areas: [ organisation ,  arbetssatt ]
description: |
  En tavla på väggen.

  Tre morgnar i veckan: en kvart.

raises:
- capability: overblick
  to: 4
depends_on:   [chef]

effect: 4
effort: 2
owner: "Åsa Öberg"
status: selected    # flyttas på tavlan
steps:
- Köp tavlan
- Boka tiden
"""


def _load(text: str) -> object:
    return YAML(typ="safe").load(text)


def _write(minimal: Path, text: str) -> Path:
    path = minimal / "initiatives" / "tavla.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_status_edit_keeps_every_other_byte(minimal: Path) -> None:
    path = _write(minimal, HAND_WRITTEN)
    set_scalar(minimal, path, ("status",), "in_progress")
    old = "status: selected    #"
    at = HAND_WRITTEN.index(old) + len("status: ")
    expected = HAND_WRITTEN[:at] + "in_progress" + HAND_WRITTEN[at + len("selected") :]
    assert path.read_bytes() == expected.encode("utf-8")


@pytest.mark.parametrize(
    ("path", "value", "written"),
    [
        (("title",), "Ny titel", "title: 'Ny titel'\n"),  # single quotes stay single
        (("owner",), "Ivan Jaska", 'owner: "Ivan Jaska"\n'),  # double quotes stay double
        (("effort",), 3.5, "effort: 3.5\n"),
        (("area",), "organisation", "area: organisation\n"),
        (("raises", 0, "to"), 5, "  to: 5\n"),
        (("steps", 1), "Boka: måndag", '- "Boka: måndag"\n'),  # ': ' needs quotes
        (("description",), "Kort.", "description: Kort.\n\nraises:"),  # blank line kept
    ],
)
def test_edits_keep_style_and_change_only_their_span(
    path: tuple[str | int, ...], value: object, written: str
) -> None:
    new = set_in_text(HAND_WRITTEN, path, value)  # type: ignore[arg-type]
    assert written in new, new
    expected = _load(HAND_WRITTEN)
    target = expected
    for step in path[:-1]:
        target = target[step]  # type: ignore[index]
    target[path[-1]] = value  # type: ignore[index]
    assert _load(new) == expected
    # Every line the edit did not touch is still there, in order.
    kept = [line for line in HAND_WRITTEN.splitlines() if line in new.splitlines()]
    assert len(kept) >= len(HAND_WRITTEN.splitlines()) - 4


@pytest.mark.parametrize(
    "value",
    [
        "a: b",
        "# not a comment",
        "- dash",
        "true",
        "123",
        "",
        " padded ",
        "x #y",
        "it's",
        '"q"',
        "null",
        "två\nrader",
        "slut\n",
        "{flow}",
        "@at",
        "`tick`",
        "%pct",
        "&anchor",
        "*alias",
    ],
)
def test_values_that_need_quoting_read_back_as_written(value: str) -> None:
    new = set_in_text(HAND_WRITTEN, ("owner",), value)
    data = _load(new)
    assert data["owner"] == value, new  # type: ignore[index]
    assert data["steps"] == ["Köp tavlan", "Boka tiden"]  # type: ignore[index]


@settings(max_examples=50, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_text_round_trips_in_every_quote_style(value: str) -> None:
    for key in ("title", "owner", "area", "description"):
        new = set_in_text(HAND_WRITTEN, (key,), value)
        data = _load(new)
        assert data[key] == value  # type: ignore[index]
        assert new.startswith("# Initiativ skrivet för hand, i blandad stil. 😀\nid: tavla")


def test_multi_line_text_becomes_a_literal_block() -> None:
    new = set_in_text(HAND_WRITTEN, ("owner",), "rad ett\nrad två")
    assert "owner: |-\n  rad ett\n  rad två\nstatus: selected    #" in new


def test_missing_key_is_added_after_the_last_key_of_its_mapping() -> None:
    new = set_in_text(HAND_WRITTEN, ("dropped_reason",), "för dyr: #1")
    assert new == HAND_WRITTEN + 'dropped_reason: "för dyr: #1"\n'
    nested = set_in_text(HAND_WRITTEN, ("raises", 0, "note"), "x")
    assert "  to: 4\n  note: x\ndepends_on:" in nested


def test_key_added_to_a_file_without_final_newline() -> None:
    assert set_in_text("a: 1\nlap: 1", ("b",), 2) == "a: 1\nlap: 1\nb: 2\n"


def test_crlf_and_bom_are_kept(minimal: Path) -> None:
    path = minimal / "initiatives" / "chef.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    set_scalar(minimal, path, ("owner",), "Ivan")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.endswith(b"effort: 20\r\nowner: Ivan\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")


def test_lists_and_mappings_are_refused() -> None:
    with pytest.raises(MalmiljoError, match="list or a mapping"):
        set_in_text(HAND_WRITTEN, ("steps",), "x")


def test_dependency_on_a_dropped_initiative_writes_nothing(minimal: Path) -> None:
    before = snapshot(minimal)
    chef = minimal / "initiatives" / "chef.yaml"
    edits = [Edit(chef, ("status",), "dropped"), Edit(chef, ("dropped_reason",), "ingen budget")]
    with pytest.raises(InvalidEngagement) as caught:
        edit_module.edit(minimal, edits)
    assert [p.code for p in caught.value.problems] == ["E309"]
    assert "tavla.yaml" in caught.value.problems[0].file
    assert snapshot(minimal) == before


def test_validation_sees_the_edit_in_memory_only(minimal: Path) -> None:
    chef = minimal / "initiatives" / "chef.yaml"
    changed = set_in_text(chef.read_text(encoding="utf-8"), ("effect",), 9)
    result = validate_folder(minimal, overrides={chef: changed})
    assert [p.code for p in result.problems] == ["E204"]
    assert validate_folder(minimal).ok


def test_interrupt_between_temp_write_and_rename_leaves_the_original(
    minimal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(minimal)

    def interrupted(src: str, dst: str) -> None:
        assert Path(src).read_bytes() != Path(dst).read_bytes()  # the temp file was written
        raise KeyboardInterrupt

    monkeypatch.setattr(writer.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        set_scalar(minimal, minimal / "initiatives" / "chef.yaml", ("effort",), 25)
    assert snapshot(minimal) == before  # no temp files left either


def test_a_held_lock_makes_a_second_edit_wait_then_give_up(
    minimal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(edit_module, "LOCK_TIMEOUT", 0.2)
    before = snapshot(minimal)
    with locked(minimal), pytest.raises(MalmiljoError, match="another malmiljo command"):
        set_scalar(minimal, minimal / "initiatives" / "chef.yaml", ("effort",), 25)
    assert snapshot(minimal) == before
    set_scalar(minimal, minimal / "initiatives" / "chef.yaml", ("effort",), 25)
    assert "effort: 25\n" in (minimal / "initiatives" / "chef.yaml").read_text(encoding="utf-8")


def test_a_file_changed_since_planning_is_not_overwritten(minimal: Path) -> None:
    chef = minimal / "initiatives" / "chef.yaml"
    planned = plan(minimal, [Edit(chef, ("effort",), 25)])
    chef.write_text(chef.read_text(encoding="utf-8") + "owner: Någon\n", encoding="utf-8")
    with pytest.raises(MalmiljoError, match="changed on disk"):
        apply(planned)
    assert chef.read_text(encoding="utf-8").endswith("effort: 20\nowner: Någon\n")
    assert not [p for p in os.listdir(chef.parent) if p.endswith(".tmp")]


def test_concurrent_edits_of_one_file_are_serialised_and_none_is_lost(minimal: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    chef = minimal / "initiatives" / "chef.yaml"
    values: dict[str, Scalar] = {
        "owner": "Ivan",
        "first_step": "Skriv annonsen",
        "visible_outcome": "En chef på plats",
        "cost": 100,
    }
    with ThreadPoolExecutor(max_workers=len(values)) as pool:
        list(pool.map(lambda kv: set_scalar(minimal, chef, (kv[0],), kv[1]), values.items()))
    data = _load(chef.read_text(encoding="utf-8"))
    assert {k: data[k] for k in values} == values  # type: ignore[index]


def test_values_are_quoted_only_where_they_would_be_misread() -> None:
    def written(value: Scalar) -> str:
        return set_in_text("x: ~\n", ("x",), value).removeprefix("x: ").removesuffix("\n")

    assert written("selected") == "selected"
    assert written("yes") == '"yes"'  # YAML 1.1 tools would read a boolean
    assert written("=") == '"="'  # YAML 1.1 tools cannot load a plain `=` at all
    assert written("a: b") == '"a: b"'
    assert written(3) == "3"


def test_set_scalar_adds_a_missing_key_and_refuses_an_invalid_value(minimal: Path) -> None:
    chef = minimal / "initiatives" / "chef.yaml"
    set_scalar(minimal, chef, ("status",), "selected")
    assert chef.read_text(encoding="utf-8").endswith("effort: 20\nstatus: selected\n")
    before = chef.read_bytes()
    with pytest.raises(InvalidEngagement):
        set_scalar(minimal, chef, ("effect",), 7)
    assert chef.read_bytes() == before
    text = "# kommentar\nstatus: proposed   # ja\n"
    assert set_in_text(text, ("status",), "selected") == "# kommentar\nstatus: selected   # ja\n"


def test_a_file_that_is_not_yaml_is_a_clear_error() -> None:
    with pytest.raises(MalmiljoError, match="not valid YAML"):
        set_in_text("a: [}\n", ("a",), "x")


@pytest.mark.parametrize("key", ["a", "b"])
def test_a_value_shared_through_an_alias_is_refused_not_changed_twice(key: str) -> None:
    with pytest.raises(MalmiljoError, match="without changing other values"):
        set_in_text("a: &v gammal\nb: *v\n", (key,), "ny")


def test_top_level_edit_keeps_comments_and_nested_keys() -> None:
    text = "# Ärende\nid: x\nstatus: proposed   # ändras\nsteps:\n  - status: proposed\n"
    assert set_in_text(text, ("status",), "selected") == text.replace(
        "status: proposed   #", "status: selected   #"
    )
    assert set_in_text("id: x\r\n", ("status",), "selected") == "id: x\r\nstatus: selected\r\n"


# --- list values --------------------------------------------------------------------------


def _only_changed(before: str, after: str, old: str, new: str) -> None:
    """`after` is `before` with exactly the text `old` replaced by `new`."""
    assert before.count(old) == 1, old
    assert after == before.replace(old, new), after


def test_flow_list_is_written_again_in_flow_style() -> None:
    new = set_in_text(HAND_WRITTEN, ("related_areas",), ["teknik", "uppdrag: x"])
    _only_changed(
        HAND_WRITTEN,
        new,
        "[ organisation ,  arbetssatt ]",
        '[teknik, "uppdrag: x"]',
    )


def test_block_list_keeps_its_indentation() -> None:
    raises = [{"capability": "overblick", "to": 5}, {"capability": "ledning", "to": 3}]
    new = set_in_text(HAND_WRITTEN, ("raises",), raises)
    _only_changed(
        HAND_WRITTEN,
        new,
        "- capability: overblick\n  to: 4\n",
        "- capability: overblick\n  to: 5\n- capability: ledning\n  to: 3\n",
    )


def test_indented_block_list_and_trailing_comment() -> None:
    text = "id: a\nsteps:\n  - Ett  # först\n  - Två   # sist\nowner: x\n"
    new = set_in_text(text, ("steps",), ["Tre", "Fyra: fem", "6"])
    assert new == 'id: a\nsteps:\n  - Tre\n  - "Fyra: fem"\n  - "6"   # sist\nowner: x\n'


def test_block_list_becomes_empty_flow_list() -> None:
    new = set_in_text(HAND_WRITTEN, ("steps",), [])
    assert new == HAND_WRITTEN.replace("steps:\n- Köp tavlan\n- Boka tiden\n", "steps: []\n")


def test_missing_or_null_list_is_added_in_house_style() -> None:
    added = set_in_text("id: a\nowner: x\n", ("depends_on",), ["b", "c"])
    assert added == "id: a\nowner: x\ndepends_on:\n  - b\n  - c\n"
    assert set_in_text("id: a\n", ("steps",), []) == "id: a\nsteps: []\n"
    assert set_in_text("a:\nb: null\n", ("a",), ["x"]) == "a:\n  - x\nb: null\n"
    assert set_in_text("a:\nb: null\n", ("b",), ["x"]) == "a:\nb:\n  - x\n"


@pytest.mark.parametrize(
    "item", ["a: b", "# x", "12", "", "x, y", "[z]", "{q}", "- d", "två\nrader", "null", "'s"]
)
def test_list_items_read_back_as_given(item: str) -> None:
    for key in ("related_areas", "steps"):
        new = set_in_text(HAND_WRITTEN, (key,), [item, "slut"])
        assert _load(new)[key] == [item, "slut"], new  # type: ignore[index]


def test_list_edit_keeps_crlf() -> None:
    text = HAND_WRITTEN.replace("\n", "\r\n")
    new = set_in_text(text, ("steps",), ["a", "b", "c"])
    assert "\n" not in new.replace("\r\n", "")
    assert "steps:\r\n- a\r\n- b\r\n- c\r\n" in new


def test_a_list_cannot_replace_a_mapping() -> None:
    with pytest.raises(MalmiljoError, match="is a mapping"):
        set_in_text("a:\n  b: 1\n", ("a",), ["x"])


def test_new_files_are_validated_with_the_rest_and_written_by_apply(minimal: Path) -> None:
    new = minimal / "initiatives" / "ny.yaml"
    text = "id: ny\ntitle: Ny\narea: arbetssatt\ndepends_on: [tavla]\neffect: 2\neffort: 1\n"
    done = edit_module.edit(minimal, [], creates={new: text}, dry_run=True)
    assert not new.exists()
    assert done.validation.engagement is not None
    assert "ny" in done.validation.engagement.initiative_by_id
    apply(done)
    assert new.read_text(encoding="utf-8") == text
    with pytest.raises(MalmiljoError, match="already exists"):
        plan(minimal, [], creates={new: text})


def test_an_invalid_new_file_writes_nothing(minimal: Path) -> None:
    before = snapshot(minimal)
    bad = "id: ny\ntitle: Ny\narea: arbetssatt\ndepends_on: [spöke]\neffect: 2\neffort: 1\n"
    with pytest.raises(InvalidEngagement) as caught:
        edit_module.edit(minimal, [], creates={minimal / "initiatives" / "ny.yaml": bad})
    assert [p.file.endswith("initiatives/ny.yaml") for p in caught.value.problems] == [True]
    assert snapshot(minimal) == before


def test_folded_text_stays_folded_and_wrapped() -> None:
    text = "id: a\nmotivation: >\n  Kort och\n  gott.\nowner: x\n"
    long = "Ord " * 30 + "slut."
    new = set_in_text(text, ("motivation",), long + "\n")
    assert new.startswith("id: a\nmotivation: >\n  Ord Ord")
    assert new.endswith("slut.\nowner: x\n")
    assert max(len(line) for line in new.splitlines()) <= 80
    assert _load(new)["motivation"] == long + "\n"  # type: ignore[index]


def test_replacing_a_block_in_a_crlf_file_keeps_every_line_crlf() -> None:
    text = "id: x\r\ndescription: |\r\n  gammal\r\n  text\r\neffort: 2\r\n"
    new = set_in_text(text, ("description",), "ny\nrad")
    assert new == "id: x\r\ndescription: |-\r\n  ny\r\n  rad\r\neffort: 2\r\n"
