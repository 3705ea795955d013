"""Switching language with the header's selector keeps the reader on the same clause."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import PHONE, Site, in_view

pytestmark = pytest.mark.browser


def switch_language(page: Page, lang: str, *, touch: bool = False) -> None:
    """Open the translate menu in the header (hover, or a tap on a phone) and pick ``lang``."""
    if touch:
        page.locator(".md-header .md-select button").tap()
    else:
        page.hover(".md-header .md-select")
    with page.expect_navigation():
        page.click(f".md-header .md-select__link[hreflang={lang}]")


@pytest.mark.parametrize(
    ("name", "clause"),
    [
        ("archived", "disclaimer-2-1"),
        ("archived", "contact"),
        ("current", "definitions-1-2"),
        ("current", "contact-1"),
    ],
)
def test_language_switch_keeps_the_clause(
    page: Page, versions: Site, name: str, clause: str
) -> None:
    page.goto(versions.url(name, "zh", clause))
    assert in_view(page, clause)
    switch_language(page, "en")
    assert page.url == versions.url(name, "en", clause)
    assert page.evaluate("document.documentElement.lang") == "en"
    assert in_view(page, clause)
    switch_language(page, "zh")
    assert page.url == versions.url(name, "zh", clause)
    assert page.evaluate("document.documentElement.lang") == "zh"
    assert in_view(page, clause)


def test_language_switch_on_a_phone(open_page: Callable[..., Page], versions: Site) -> None:
    page = open_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(versions.url("archived", "en", "disclaimer-2-2"))
    switch_language(page, "zh", touch=True)
    assert page.url == versions.url("archived", "zh", "disclaimer-2-2")
    assert in_view(page, "disclaimer-2-2")


def test_language_switch_without_a_clause_keeps_the_page(page: Page, versions: Site) -> None:
    for name in ("home", "history", "changes", "bilingual", "at-date", "compare"):
        page.goto(versions.url(name, "zh"))
        switch_language(page, "en")
        # The compare page keeps the comparison shown (its address records the selection).
        query = "?from=2024-01-01&to=2025-03-03" if name == "compare" else ""
        assert page.url == versions.url(name, "en") + query


def test_language_menu_works_from_the_keyboard(page: Page, versions: Site) -> None:
    page.goto(versions.url("archived", "zh", "contact-1"))
    page.focus(".md-header .md-select button")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('hreflang')")
    assert focused == "zh"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('hreflang')") == "en"
    assert page.locator(".md-header .md-select__link[hreflang=en]").is_visible()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == versions.url("archived", "en", "contact-1")
