"""Screenshots of the pages issue 16 changed, on tests/data/sites/revision, on a phone and on a
desktop, into test-artifacts/screenshots/reader-<lang>-<what>-<width>.png for a person to look
at (on request: LEGALSITE_SCREENSHOTS=1): the current page opened at a removed clause (the
notice), a changes page, and a version page with the keyboard on a clause's link. Checked without looking: nothing wider than the
screen, and the notice and the focused clause on screen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import DESKTOP, PHONE, Site, screenshot

pytestmark = pytest.mark.browser

DOC = "user-service-agreement"


def on_screen(page: Page, selector: str) -> None:
    """Wait until the element is whole on screen, below Material's fixed header."""
    page.wait_for_function(
        """(selector) => {
            const box = document.querySelector(selector).getBoundingClientRect();
            const header = document.querySelector(".md-header").getBoundingClientRect();
            return box.height > 0 && box.top >= header.bottom - 1
                && box.bottom <= window.innerHeight + 1;
        }""",
        arg=selector,
        timeout=3000,
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_reader_screenshots(
    open_page: Callable[..., Page], revision: Site, artifacts: Path, size: dict[str, int], lang: str
) -> None:
    shots = artifacts / "screenshots"
    shots.mkdir(exist_ok=True)
    phone = size == PHONE
    page = open_page(viewport=size, is_mobile=phone, has_touch=phone, device_scale_factor=1)
    wide: dict[str, int] = {}

    def shoot(what: str, *, full: bool = False) -> None:
        page.evaluate("document.fonts.ready")
        screenshot(page, shots / f"reader-{lang}-{what}-{size['width']}.png", full_page=full)
        width = int(page.evaluate("document.documentElement.scrollWidth"))
        if width > size["width"]:
            wide[what] = width

    page.goto(revision.url(DOC + "/", lang, "acceptable-use-2-4"))
    page.locator(".ls-removed").wait_for(state="visible")
    on_screen(page, ".ls-removed")
    shoot("removed")

    page.goto(revision.url(f"{DOC}/2025-07-01/changes/", lang, "acceptable-use-2"))
    shoot("changes")

    page.goto(revision.url(f"{DOC}/2025-07-01/", lang))
    page.locator("article a.headerlink[tabindex='0']").focus()
    for _ in range(8):
        page.keyboard.press("ArrowDown")
    focused = (
        "article :is(.ls-clause, li, h2):has(> a.headerlink:focus, > .ls-keep > a.headerlink:focus)"
    )
    on_screen(page, focused)
    shoot("version-keyboard")
    assert wide == {}, f"pages wider than the {size['width']} px screen (scroll sideways)"
