"""Every workshop page at a thumb's width (390 px) and a projector's (1920 px), in chromium.

axe-core finds nothing, nothing is wider than the screen, and no word is broken across lines.
The pictures in docs/workshop.md and the README are these screenshots: run with
MALMILJO_DOCS_IMAGES=1 to write them into docs/images (otherwise they go to a temporary folder,
so a test run leaves the repository as it was).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from .helpers import ROOT
from .test_workshop_browser import axe_violations, browser  # noqa: F401 - the fixture
from .workshop_server import Server, participant, start

WIDTHS = {"thumb": (390, 844), "projector": (1920, 1080)}
VOTES = [
    {"arendekoordinator": 2, "tva-team": 1},
    {"arendekoordinator": 1, "kunskapsbank": 1, "helpdesk-uppdrag": 1},
    {"tva-team": 2, "incidentprocess": 1},
    {"arendekoordinator": 2, "drift-teknikchef": 1},
    {"kunskapsbank": 2, "tva-team": 1},
]
# Every word on the page, and whether it is drawn on more than one line. A hyphen is a place
# where a word may break; an address is not words.
BROKEN_WORDS = """() => {
  const broken = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent.closest(".join-url, script, .visually-hidden") || !parent.checkVisibility()) continue;
    for (const m of node.data.matchAll(/[^\\s\\-‐–]+/g)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const lines = new Set(Array.from(range.getClientRects())
        .filter((r) => r.width > 0).map((r) => Math.round(r.bottom)));
      if (lines.size > 1) broken.push(`${m[0]} (${parent.tagName} ${parent.className})`);
    }
  }
  return broken;
}"""


@pytest.fixture
def images(tmp_path: Path) -> Path:
    if os.environ.get("MALMILJO_DOCS_IMAGES") == "1":
        return ROOT / "docs" / "images"
    return tmp_path


def _checked(tab: Any, width: int, what: str) -> None:
    assert axe_violations(tab) == [], what
    assert tab.evaluate("document.documentElement.scrollWidth") <= width, what
    assert tab.evaluate(BROKEN_WORDS) == [], what


def _tab(browser: Any, size: str) -> Any:  # noqa: F811
    width, height = WIDTHS[size]
    if size == "thumb":
        context = browser.new_context(
            viewport={"width": width, "height": height}, is_mobile=True, has_touch=True
        )
    else:
        context = browser.new_context(viewport={"width": width, "height": height})
    return context.new_page()


def _facilitator(tab: Any, server: Server, *, projector: bool) -> None:
    view = "?view=projector" if projector else ""
    tab.goto(f"{server.base}/facilitator{view}#k={server.secret}")
    tab.wait_for_function("() => document.body.dataset.voted !== undefined")
    if tab.locator("#qr").count():
        tab.wait_for_selector("#qr svg")


@pytest.fixture
def voting(example: Path) -> Iterator[Server]:
    # --url: the address printed and drawn is the one phones would use in a real room.
    server = start(
        example, "--id", "bilder", "--ballot", "--dots", "3", "--url", "http://192.168.1.20:8765"
    )
    for vote in VOTES:
        assert participant(server).post("/api/vote", json={"dots": vote}).json()["ok"]
    yield server
    server.stop()


def test_the_vote_pages(browser: Any, voting: Server, images: Path) -> None:  # noqa: F811
    server = voting
    for size, (width, _) in WIDTHS.items():
        join = _tab(browser, size)
        join.goto(server.base + "/")
        _checked(join, width, f"join page at {width}")

        phone = _tab(browser, size)
        phone.goto(f"{server.base}/j/{server.code}")
        phone.wait_for_selector("#vote[data-ready]")
        card = phone.locator("li.card").first
        card.locator(".dot-plus").tap() if size == "thumb" else card.locator(".dot-plus").click()
        phone.locator("li.card").nth(1).locator(".rank").click()
        phone.locator("li.card").nth(2).locator(".rank").click()
        phone.locator("li.card details summary").first.click()
        assert phone.locator("li.card .meta").first.is_visible()  # details on demand
        assert "Förbättrar" in str(phone.locator("li.card").first.text_content())
        assert "→" not in str(phone.locator(".cards").text_content())  # no maturity jargon
        left = phone.locator("#left")
        assert left.is_visible() and "2 av 3" in str(left.text_content())
        if size == "thumb":
            # A compact page: the counter stays on screen at the bottom while scrolling.
            height = phone.evaluate("document.documentElement.scrollHeight")
            assert height < 5 * WIDTHS["thumb"][1], height
            phone.mouse.wheel(0, 1500)
            box = left.bounding_box()
            assert box is not None and box["y"] + box["height"] <= WIDTHS["thumb"][1]
            phone.evaluate("window.scrollTo(0, 0)")
            phone.screenshot(path=str(images / "workshop-phone.png"))
        _checked(phone, width, f"vote page at {width}")

        desk = _tab(browser, size)
        _facilitator(desk, server, projector=False)
        _checked(desk, width, f"facilitator at {width}")
        beamer = _tab(browser, size)
        _facilitator(beamer, server, projector=True)
        assert "192.168.1.20:8765" in str(beamer.locator("#join-url").text_content())
        _checked(beamer, width, f"projector view at {width}")
        if size == "projector":
            big = beamer.evaluate(
                "parseFloat(getComputedStyle(document.querySelector('#bars .label')).fontSize)"
            )
            assert big >= 24, big  # readable from the back of the room
            beamer.screenshot(path=str(images / "workshop-projector.png"))

    closed = httpx.post(server.base + "/api/facilitator/close", headers=server.facilitator())
    assert closed.json()["ok"], closed.text
    for size, (width, _) in WIDTHS.items():
        phone = _tab(browser, size)
        phone.goto(f"{server.base}/j/{server.code}")
        assert "stängd" in str(phone.locator(".notice").text_content())
        assert phone.locator(".result li").count() == 15  # every live initiative on the ballot
        assert re.search(r"\d+ prick", str(phone.locator(".result").text_content()))
        _checked(phone, width, f"closed page at {width}")


def test_the_assessment_pages(browser: Any, example: Path, images: Path) -> None:  # noqa: F811
    server = start(example, "--id", "skattning", "--area", "organisation", verb="assess")
    try:
        for size, (width, _) in WIDTHS.items():
            phone = _tab(browser, size)
            phone.goto(server.join_url)
            phone.wait_for_selector("#vote[data-ready]")
            first = phone.locator("li.card").first
            first.locator('[data-name="current"] label').nth(2).click()
            first.locator('[data-name="target"] label').nth(4).click()
            assert "röst" not in str(phone.locator("main").text_content()).lower()
            _checked(phone, width, f"assessment at {width}")
            if size == "thumb":
                phone.screenshot(path=str(images / "workshop-assess-phone.png"))
            beamer = _tab(browser, size)
            _facilitator(beamer, server, projector=True)
            # Loopback only: no QR code phones could not open, but a note saying what to do.
            assert beamer.locator("#qr").count() == 0
            assert "--lan" in str(beamer.locator(".join-box").text_content())
            assert beamer.locator("#bars").is_hidden()  # no running answers before the reveal
            _checked(beamer, width, f"assessment projector at {width}")
    finally:
        server.stop()
