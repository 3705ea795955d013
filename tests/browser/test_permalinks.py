"""Every section heading and clause of a version page has a permalink ``a.headerlink`` to its own
id: shown on hover and on keyboard focus, reached with Tab; the ids are the same in both
languages and across versions; following one scrolls the clause into view."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import Site, in_view

pytestmark = pytest.mark.browser

# The parts of a version's text a reader links to.
LINKABLE = "article h2[id], article .ls-clause[id], article .ls-list > li[id]"


def linkable(page: Page) -> dict[str, str]:
    """id -> the href of its permalink, for every heading and clause of the page."""
    found: dict[str, str] = page.evaluate(
        """(selector) => Object.fromEntries([...document.querySelectorAll(selector)].map((e) => {
            const link = e.querySelector(":scope > a.headerlink, :scope > .ls-keep > a.headerlink");
            return [e.id, link ? link.getAttribute("href") : null];
        }))""",
        LINKABLE,
    )
    return found


def opacity(page: Page, element_id: str) -> float:
    return float(
        page.evaluate(
            """(id) => getComputedStyle(
                document.getElementById(id).querySelector(":scope > a.headerlink, :scope > .ls-keep > a.headerlink")
            ).opacity""",
            element_id,
        )
    )


def shown_on_hover(page: Page, element_id: str) -> None:
    """Wait for the permalink of a hovered element to be fully shown (after its fade-in)."""
    page.wait_for_function(
        """(id) => getComputedStyle(
            document.getElementById(id).querySelector(":scope > a.headerlink, :scope > .ls-keep > a.headerlink")
        ).opacity === '1'""",
        arg=element_id,
        timeout=2000,
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", ["current", "archived"])
def test_every_heading_and_clause_has_a_permalink_to_itself(
    page: Page, versions: Site, name: str, lang: str
) -> None:
    page.goto(versions.url(name, lang))
    links = linkable(page)
    assert len(links) >= 10
    assert {id_: href for id_, href in links.items() if href != f"#{id_}"} == {}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_permalinks_show_on_hover_and_on_keyboard_focus(
    page: Page, versions: Site, lang: str
) -> None:
    page.goto(versions.url("current", lang))
    page.mouse.move(0, 0)
    for element_id in linkable(page):
        page.locator(f"#{element_id}").scroll_into_view_if_needed()
        assert opacity(page, element_id) == 0, f"{element_id}: permalink shown without hover"
        page.locator(f"#{element_id}").hover(position={"x": 5, "y": 5})
        shown_on_hover(page, element_id)
    page.mouse.move(0, 0)

    # Tab through the text from the top: no clause permalink is a tab stop (issue 16: a keyboard
    # reader reaches the text, not 92 ¶ links); each is out of the tab order.
    page.goto(versions.url("current", lang))
    wanted = {f"#{element_id}" for element_id in linkable(page)}
    reached: set[str] = set()
    page.locator("article h1").click()  # start from the content, after header and navigation
    for _ in range(40):
        page.keyboard.press("Tab")
        href = page.evaluate(
            "document.activeElement.matches('a.headerlink') && document.activeElement.getAttribute('href')"
        )
        if href:
            reached.add(href)
    headings = set(
        page.evaluate(
            "[...document.querySelectorAll('article :is(h1,h2,h3) > a.headerlink')]"
            ".map(a => a.getAttribute('href'))"
        )
    )
    assert reached & (wanted - headings) == set(), "clause permalinks are tab stops"
    # All out of the tab order but one: the text's clause links are one stop, walked with the
    # arrow keys (legalsite-clauselinks.js; tests/browser/test_keyboard.py).
    tabindex = page.evaluate(
        "[...document.querySelectorAll('article :not(h1,h2,h3) > a.headerlink')]"
        ".map(a => a.getAttribute('tabindex'))"
    )
    assert tabindex and set(tabindex) == {"-1", "0"} and tabindex.count("0") == 1


def test_the_same_ids_in_both_languages_and_across_versions(page: Page, versions: Site) -> None:
    ids: dict[tuple[str, str], set[str]] = {}
    for lang in ("zh", "en"):
        for name in ("current", "archived"):
            page.goto(versions.url(name, lang))
            ids[(name, lang)] = set(linkable(page))
    assert ids[("current", "zh")] == ids[("current", "en")]
    assert ids[("archived", "zh")] == ids[("archived", "en")]
    # definitions-1-1 changed between the versions, the rest did not: all keep their ids.
    assert ids[("archived", "zh")] == ids[("current", "zh")]
    # An unchanged clause has the same words in both versions, under the same id.
    texts = {}
    for name in ("current", "archived"):
        page.goto(versions.url(name, "zh"))
        # The words, without the link glyphs (the current page adds § for the permanent link).
        texts[name] = page.locator("#disclaimer-2-1").inner_text().rstrip("¶§↺")
    assert texts["current"] == texts["archived"]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    ("name", "element_id"),
    [
        ("current", "contact-1"),
        ("current", "disclaimer-2-2"),
        ("current", "contact"),
        ("archived", "disclaimer-1"),
        ("archived", "contact-phone"),
        ("changes", "definitions-1-1"),
        ("bilingual", "disclaimer-2-1"),
    ],
)
def test_following_a_permalink_scrolls_the_clause_into_view(
    page: Page, versions: Site, name: str, element_id: str, lang: str
) -> None:
    page.goto(versions.url(name, lang, element_id))
    assert in_view(page, element_id), f"#{element_id} is not on screen"


def test_clicking_a_permalink_puts_its_id_in_the_address(page: Page, versions: Site) -> None:
    page.goto(versions.url("current", "zh"))
    page.locator("#disclaimer-2-1").hover()
    page.click("#disclaimer-2-1 a.headerlink >> nth=0")
    assert page.url == versions.url("current", "zh", "disclaimer-2-1")
    assert in_view(page, "disclaimer-2-1")
    background = page.evaluate(
        "getComputedStyle(document.getElementById('disclaimer-2-1')).backgroundColor"
    )
    assert background != "rgba(0, 0, 0, 0)", "the clause in the address is not highlighted"
