"""Keyboard only (issue 16), on tests/data/sites/revision: Tab from the top reaches the skip link,
the header and the language switch, then the text's links before the right-hand contents; no
permalink but one is a tab stop (the text's clause links are one stop, walked with the arrow
keys: the current page's § and a version page's own ¶, both permanent); the back-to-top button
never takes focus."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page

from legalsite.model.words import STRINGS
from tests.browser.conftest import Site

pytestmark = pytest.mark.browser

LANGS = ("zh", "en")
DOC = "user-service-agreement"
TEXTS = {"current": f"{DOC}/", "version": f"{DOC}/2025-07-01/"}

_FOCUSED = """() => {
    const e = document.activeElement;
    const region = e.closest(".md-header") ? "header"
        : e.closest(".md-skip") ? "skip"
        : e.closest(".md-sidebar--primary") ? "nav"
        : e.closest(".md-sidebar--secondary") ? "toc"
        : e.closest("article") ? "text"
        : e.closest(".md-top") ? "top"
        : e.closest(".md-footer") ? "footer" : "other";
    return {
        region,
        tag: e.tagName,
        href: e.getAttribute("href"),
        hreflang: e.getAttribute("hreflang") || e.closest(".md-select") !== null,
        permalink: e.matches("a.headerlink"),
        text: e.textContent.trim(),
        title: e.getAttribute("title"),
        classes: [...e.classList],
    };
}"""


def tab_walk(page: Page, limit: int = 120) -> list[dict[str, Any]]:
    """Every element Tab reaches from the top of the page, in order, until the footer (or
    until it wraps to the top)."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    stops: list[dict[str, Any]] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop: dict[str, Any] = page.evaluate(_FOCUSED)
        # The end: the footer, or back at the top (a page whose footer has no link wraps).
        if stops and (stop["region"] in ("footer", "other") or stop["region"] == "skip"):
            break
        stops.append(stop)
    return stops


def first(stops: list[dict[str, Any]], region: str) -> int:
    return next(i for i, s in enumerate(stops) if s["region"] == region)


def last(stops: list[dict[str, Any]], region: str) -> int:
    return max(i for i, s in enumerate(stops) if s["region"] == region)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", list(TEXTS))
def test_tab_reaches_header_then_the_text_then_the_contents(
    page: Page, revision: Site, kind: str, lang: str
) -> None:
    page.goto(revision.url(TEXTS[kind], lang))
    page.wait_for_load_state("load")
    stops = tab_walk(page)
    assert stops[0]["region"] == "skip"
    switch = [i for i, s in enumerate(stops) if s["region"] == "header" and s["hreflang"]]
    assert switch and max(switch) < first(stops, "text"), "the language switch comes first"
    assert last(stops, "text") < first(stops, "toc"), "a contents link comes before the text"
    assert not any(s["region"] == "top" for s in stops)
    # One permalink of the whole text is a tab stop: the first clause's permanent link.
    permalinks = [s for s in stops if s["permalink"]]
    permanent = STRINGS[lang]["permalink_version"]  # type: ignore[index]
    assert [(s["text"], s["title"]) for s in permalinks] == [
        ("§" if kind == "current" else "¶", permanent)
    ]
    # The text's own links are all reached: the version links, the links in clauses, Δ.
    reached = {s["href"] for s in stops if s["region"] == "text"}
    tabbable = set(
        page.evaluate(
            """() => [...document.querySelectorAll("article a[href]")]
                .filter((a) => a.tabIndex >= 0 && a.getClientRects().length)
                .map((a) => a.getAttribute("href"))"""
        )
    )
    assert reached == tabbable


def test_the_html_keeps_every_permalink_out_of_the_tab_order(
    open_page: Callable[..., Page], revision: Site
) -> None:
    """Without JavaScript, no ¶, § or ↺ (headings' included) is a tab stop; the back-to-top
    button is out of the tab order whether shown or not."""
    page = open_page(java_script_enabled=False)
    for lang in LANGS:
        for path in (*TEXTS.values(), f"{DOC}/2025-07-01/changes/", f"{DOC}/history/"):
            page.goto(revision.url(path, lang))
            tabindex = page.evaluate(
                "[...document.querySelectorAll('a.headerlink')].map(a => a.getAttribute('tabindex'))"
            )
            assert tabindex and set(tabindex) == {"-1"}, path
            assert page.locator(".md-top").get_attribute("tabindex") == "-1"
            stops = tab_walk(page)
            assert not any(s["permalink"] for s in stops)
            if any(s["region"] == "toc" for s in stops):  # a page with a contents list
                assert last(stops, "text") < first(stops, "toc")


@pytest.mark.parametrize("lang", LANGS)
def test_the_back_to_top_button_never_takes_focus(page: Page, revision: Site, lang: str) -> None:
    page.goto(revision.url(TEXTS["current"], lang))
    page.mouse.wheel(0, 6000)
    page.wait_for_function("window.scrollY > 2000")
    page.mouse.wheel(0, -400)  # Material shows the button when the reader scrolls back up
    page.locator(".md-top").wait_for(state="visible")
    page.locator("#contact").click()  # a place in the text, then tab on to the end and around
    for _ in range(60):
        page.keyboard.press("Tab")
        assert not page.evaluate("document.activeElement.closest('.md-top') !== null")


def arrows(page: Page, key: str) -> dict[str, Any]:
    page.keyboard.press(key)
    focused: dict[str, Any] = page.evaluate(
        """() => { const e = document.activeElement;
            return {href: e.getAttribute("href"), row: e.parentElement.closest("[id]").id, tabindex: e.tabIndex,
                    stops: document.querySelectorAll("article a.headerlink[tabindex='0']").length}; }"""
    )
    return focused


@pytest.mark.parametrize("lang", LANGS)
def test_arrow_keys_reach_every_clause_link(page: Page, revision: Site, lang: str) -> None:
    page.goto(revision.url(TEXTS["current"], lang))
    page.wait_for_load_state("load")
    rows: list[str] = page.evaluate(
        """() => [...document.querySelectorAll(
                "article :is(h2[id], .ls-clause[id], .ls-list > li[id])")]
            .filter((e) => e.querySelector(":scope > a.headerlink, :scope > .ls-keep > a.headerlink"))
            .map((e) => e.id)"""
    )
    assert len(rows) > 60
    stop = page.locator("article a.headerlink[tabindex='0']")
    stop.focus()
    seen = [page.evaluate("document.activeElement.parentElement.closest('[id]').id")]
    for _ in rows[1:]:
        now = arrows(page, "ArrowDown")
        assert now["stops"] == 1 and now["tabindex"] == 0
        seen.append(now["row"])
    assert seen == rows, "ArrowDown walks every heading and clause in reading order"
    assert arrows(page, "ArrowDown")["row"] == rows[-1]  # stays at the end
    assert arrows(page, "Home")["row"] == rows[0]
    # A clause: § (this version), then ¶ (current) and ↺ (its history) with Left and Right.
    page.locator("#accounts-5 a.ls-permanent-link").focus()
    assert arrows(page, "ArrowLeft")["href"] == "#accounts-5"
    assert arrows(page, "ArrowRight")["href"] == "2025-09-01/#accounts-5"
    assert arrows(page, "ArrowRight")["href"] == "clauses/#accounts-5"
    # The kind of link chosen is kept from clause to clause; Enter follows it.
    assert arrows(page, "ArrowDown")["href"].startswith("clauses/#")
    assert arrows(page, "ArrowLeft")["href"].startswith("2025-09-01/#")
    target = arrows(page, "ArrowDown")["href"]
    page.keyboard.press("Enter")
    page.wait_for_url(revision.url(f"{DOC}/{target}", lang))
    # Back on the page, its text is again one tab stop.
    page.go_back()
    stop = page.locator("article a.headerlink[tabindex='0']")
    assert stop.count() == 1
