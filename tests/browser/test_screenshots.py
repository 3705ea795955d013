"""A full-page screenshot of every kind of page, in both languages, on a phone and on a desktop,
saved as test-artifacts/screenshots/<lang>-<page>-<width>.png for a person to look at (on
request: LEGALSITE_SCREENSHOTS=1); and
what can be checked without looking: nothing wider than the screen, text in CJK fonts, the
side-by-side rows stacked on a phone."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import DESKTOP, PAGES, PHONE, Site, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def shots(artifacts: Path) -> Path:
    folder = artifacts / "screenshots"
    folder.mkdir(exist_ok=True)
    return folder


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_screenshots(
    open_page: Callable[..., Page], versions: Site, shots: Path, size: dict[str, int], lang: str
) -> None:
    phone = size == PHONE
    page = open_page(viewport=size, is_mobile=phone, has_touch=phone, device_scale_factor=1)
    wide: dict[str, int] = {}
    for name in PAGES:
        page.goto(versions.url(name, lang))
        if name == "compare":
            page.locator(".ls-compare-result ins").first.wait_for()
        page.evaluate("document.fonts.ready")
        screenshot(page, shots / f"{lang}-{name}-{size['width']}.png", full_page=True)
        width = int(page.evaluate("document.documentElement.scrollWidth"))
        if width > size["width"]:
            wide[name] = width
    assert wide == {}, f"pages wider than the {size['width']} px screen (scroll sideways)"


def test_side_by_side_stacks_on_a_phone(open_page: Callable[..., Page], versions: Site) -> None:
    for size, columns in ((PHONE, 1), (DESKTOP, 2)):
        page = open_page(viewport=size)
        page.goto(versions.url("bilingual", "en"))
        tracks = page.evaluate(
            "getComputedStyle(document.getElementById('disclaimer-1')).gridTemplateColumns"
        )
        assert len(tracks.split()) == columns, f"{size['width']} px: {tracks}"
        cells = page.locator("#disclaimer-1 > .ls-bi-cell")
        assert cells.nth(0).get_attribute("lang") == "zh"
        assert cells.nth(1).get_attribute("lang") == "en"


def test_chinese_is_set_in_a_cjk_font(page: Page, versions: Site) -> None:
    page.goto(versions.url("current", "zh"))
    page.evaluate("document.fonts.ready")
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    document = session.send("DOM.getDocument")
    node = session.send(
        "DOM.querySelector", {"nodeId": document["root"]["nodeId"], "selector": "#disclaimer-1"}
    )
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
    families = {font["familyName"] for font in fonts}
    assert any("CJK" in family or "Noto" in family for family in families), families
