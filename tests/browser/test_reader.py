"""What a reader trips on (issue 16), on tests/data/sites/revision: every kind of change.

Version 2025-07-01 deleted item 4 of the ordered list acceptable-use-2 (6 items → 5), so its
items 5 and 6 are now 4 and 5; the site is built on 2025-09-01 (three versions).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from legalsite.model.words import t
from tests.browser.conftest import REVISION_PAGES, Site

pytestmark = pytest.mark.browser

LANGS = ("zh", "en")
DOC = "user-service-agreement"
EYE = "M12 9a3 3 0 0 1 3 3"
"""The start of the eye icon's path (legalsite.css --ls-show-icon)."""


@pytest.mark.parametrize("lang", LANGS)
def test_unchanged_toggles_show_an_eye_not_a_pencil(page: Page, revision: Site, lang: str) -> None:
    page.goto(revision.url(REVISION_PAGES["changes"], lang))
    toggles = page.locator("details.ls-unchanged > summary")
    assert toggles.count() > 0
    icons = page.evaluate(
        """() => [...document.querySelectorAll("details.ls-unchanged > summary")].map((s) => {
            const style = getComputedStyle(s, "::before");
            return style.maskImage || style.webkitMaskImage;
        })"""
    )
    pencil = page.evaluate(
        """() => getComputedStyle(document.querySelector("details.ls-unchanged"))
            .getPropertyValue("--md-admonition-icon--note").trim()"""
    )
    assert pencil and "svg" in pencil
    for icon in icons:
        assert EYE in icon.replace("%20", " ")
        assert "svg" in icon and pencil not in icon


def marker_numbers(page: Page, list_id: str) -> dict[str, int | None]:
    """The number each item of an ordered list shows as text (its ``ls-number``, struck parts
    left out; None: no number), after checking that the browser draws none of its own: numbers
    a lawyer cites are text, never the list's counter."""
    found: dict[str, int | None] = page.evaluate(
        """(id) => {
            const out = {};
            for (const li of document.getElementById(id).children) {
                if (getComputedStyle(li).listStyleType !== "none") return "drawn: " + li.id;
                const number = li.querySelector(":scope > .ls-number");
                let shown = "";
                if (number) {
                    const copy = number.cloneNode(true);
                    copy.querySelectorAll("del").forEach((d) => d.remove());
                    shown = copy.textContent.trim();
                }
                out[li.id || li.dataset.id] = shown ? parseInt(shown, 10) : null;
            }
            return out;
        }""",
        list_id,
    )
    assert isinstance(found, dict), found
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_redline_list_shows_the_new_numbers_and_the_old_in_a_note(
    page: Page, revision: Site, lang: str
) -> None:
    page.goto(revision.url(f"{DOC}/2025-07-01/", lang))
    new = marker_numbers(page, "acceptable-use-2")
    assert new == {f"acceptable-use-2-{i}": i for i in (1, 2, 3)} | {
        "acceptable-use-2-5": 4,
        "acceptable-use-2-6": 5,
    }
    page.goto(revision.url(REVISION_PAGES["changes"], lang))
    shown = marker_numbers(page, "acceptable-use-2")
    assert shown == {**new, "acceptable-use-2-4": None}
    item = "第{}项" if lang == "zh" else "item {}"
    for anchor, old, now in (("acceptable-use-2-5", 5, 4), ("acceptable-use-2-6", 6, 5)):
        note = page.locator(f"#{anchor}").inner_text()
        assert t(lang, "note_renumbered", old=item.format(old), new=item.format(now)) in note  # type: ignore[arg-type]
    # The compare page draws the same redline in the browser, with the same numbers.
    page.goto(revision.url(f"{DOC}/compare/?from=2024-01-01&to=2025-07-01", lang))
    page.locator(".ls-compare-result #acceptable-use-2").wait_for()
    assert marker_numbers(page, "acceptable-use-2") == shown
