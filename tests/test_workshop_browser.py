"""Voting from phones in the real headless browser (Debian's chromium) against a real server.

Three participants vote on 360-pixel-wide touch pages (dots and a ranked ballot), one changes
their vote, the facilitator watches the tally and closes; the file written validates and moves
the ranking. axe-core (vendored, see tests/vendor/axe-core/README.md) checks every page.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from malmiljo_cli.analysis.scoring import rank
from malmiljo_cli.validate import read_engagement, validate_folder

from .test_html_browser import CHROMIUM_ARGS, chromium
from .workshop_server import Server, start

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def axe_violations(tab: Any) -> list[str]:
    """What axe-core finds wrong on the page (WCAG 2.1 A and AA and best practices)."""
    # Evaluated through the DevTools protocol, so the page's CSP (script-src 'self') stays on.
    tab.evaluate(AXE.read_text(encoding="utf-8") + "\n;true")
    found = tab.evaluate(
        "async () => (await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})).violations"
        ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"
    )
    return list(found)


def phone(browser: Any, errors: list[str]) -> Any:
    tab = browser.new_context(**PHONE, locale="sv-SE").new_page()
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    return tab


def card(tab: Any, ident: str) -> Any:
    return tab.locator(f'li.card[data-id="{ident}"]')


def send(tab: Any) -> str:
    tab.locator("#send").tap()
    tab.wait_for_function("() => document.getElementById('vote').dataset.state !== 'sending'")
    return str(tab.locator("#status").text_content())


def test_three_phones_vote_one_changes_the_facilitator_closes(example: Path, browser: Any) -> None:
    eng = read_engagement(example)
    before = rank(eng)

    def title(ident: str) -> str:
        return eng.initiative_by_id[ident].title

    order = [s.id for s in before.scores]
    chosen, second, other = order[-1], order[-2], order[0]
    server = start(example, "--id", "konferens", "--ballot", "--dots", "3", "--top", "3")
    errors: list[str] = []
    try:
        # 1: joins by the link (the QR code), puts three dots on one card, ranks two, sends.
        first = phone(browser, errors)
        first.goto(server.join_url)
        first.wait_for_selector("#vote[data-ready]")
        assert first.url.endswith("/vote")
        assert axe_violations(first) == []
        assert first.evaluate("document.documentElement.scrollWidth") <= 360
        for _ in range(3):
            card(first, chosen).locator(".dot-plus").tap()
        assert card(first, chosen).locator(".dot-plus").is_disabled()  # no dots left
        card(first, chosen).locator(".rank").tap()
        card(first, second).locator(".rank").tap()
        assert first.locator("#ranking li").count() == 2
        # Swap the two by touch, then back with the keyboard (focus and Enter).
        first.locator("#ranking li").nth(1).get_by_role("button", name="Flytta upp").tap()
        assert first.locator("#ranking li").first.text_content().startswith(title(second))
        first.locator("#ranking li").nth(1).get_by_role("button", name="Flytta upp").focus()
        first.keyboard.press("Enter")
        assert first.locator("#ranking li").first.text_content().startswith(title(chosen))
        assert "räknad" in send(first)

        # 2: types the session code on the start page, as someone without a camera would.
        second_phone = phone(browser, errors)
        second_phone.goto(server.base + "/")
        assert axe_violations(second_phone) == []
        assert server.code is not None
        second_phone.locator("#code").fill(server.code.lower())
        second_phone.locator("button[type=submit]").tap()
        second_phone.wait_for_selector("#vote[data-ready]")
        for _ in range(3):
            card(second_phone, chosen).locator(".dot-plus").tap()
        card(second_phone, chosen).locator(".rank").tap()
        assert "räknad" in send(second_phone)

        # 3: votes for another initiative, then changes their mind: only the last vote counts.
        third = phone(browser, errors)
        third.goto(server.join_url)
        third.wait_for_selector("#vote[data-ready]")
        for _ in range(3):
            card(third, other).locator(".dot-plus").tap()
        card(third, other).locator(".rank").tap()
        assert "räknad" in send(third)
        third.reload()
        third.wait_for_selector("#vote[data-ready]")
        assert card(third, other).locator(".dot-count").text_content() == "3"  # the vote is kept
        assert "redan röstat" in str(third.locator("#status").text_content())
        for _ in range(3):
            card(third, other).locator(".dot-minus").tap()
            card(third, chosen).locator(".dot-plus").tap()
        assert "räknad" in send(third)

        facilitator = close_as_facilitator(browser, server, title(chosen), errors)
        assert "workshops/konferens.yaml" in str(facilitator.locator("#status").text_content())
    finally:
        err = server.stop()
    assert errors == []
    assert "closed: wrote" in err

    result = validate_folder(example)
    assert result.ok, result.problems
    assert result.engagement is not None
    [workshop] = [w for w in result.engagement.workshops if w.id == "konferens"]
    assert workshop.participants == 3
    assert dict(workshop.votes) == {chosen: 9}
    assert sorted(workshop.ballots) == sorted([[chosen, second], [chosen], [other]])
    after = [s.id for s in rank(result.engagement).scores]
    assert after.index(chosen) < order.index(chosen), (order, after)


def close_as_facilitator(browser: Any, server: Server, leader: str, errors: list[str]) -> Any:
    tab = phone(browser, errors)
    tab.goto(f"{server.base}/facilitator#k={server.secret}")
    tab.wait_for_function("() => document.body.dataset.voted === '3'")
    assert "#k=" not in tab.url  # the secret left the address bar
    assert tab.locator("#participation").text_content() == "3 av 3 har röstat"
    # Listening on loopback only: no QR code phones could not open, but what to do instead.
    assert tab.locator("#qr").count() == 0
    assert "--lan" in str(tab.locator(".join-box").text_content())
    assert axe_violations(tab) == []
    first_bar = tab.locator("#bars li").first
    assert "9 prickar" in str(first_bar.text_content())
    assert leader in str(first_bar.text_content())
    tab.locator("#hide").tap()
    tab.wait_for_selector("#hidden-note", state="visible")
    assert tab.locator("#bars").is_hidden()
    tab.locator("#hide").tap()
    tab.wait_for_selector("#bars li")
    tab.locator("#close").tap()
    tab.locator("#close").tap()  # the second tap confirms
    tab.wait_for_function("() => document.body.dataset.closed === 'yes'")
    return tab
